/**
 * The browser bundles (dist/web/extension.js, dist/web/server.js, dist/web/run-worker.js) import
 * nothing from Node: a web worker has no `fs`, `path`, `child_process` or `worker_threads`. Read
 * from esbuild's metafiles (scripts/build.mjs writes them beside the bundles): which source files
 * went in, and which imports stayed outside. Also that the browser's server leaves the
 * TypeScript compiler out (it loads dist/typescript.js by `importScripts` on first use), that
 * neither it nor the extension holds tfjs or Pyodide, which only runs need, and that the run
 * worker holds tfjs but not Pyodide's loader (the extension hands it over on the first run).
 */
import { strict as assert } from 'node:assert';
import { builtinModules } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../support';

const root = projectRoot();

interface Metafile {
  inputs: Record<string, { imports: Array<{ path: string; external?: boolean }> }>;
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

const NODE_BUILTINS = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

function meta(name: string): Metafile {
  return JSON.parse(fs.readFileSync(path.join(root, 'dist', 'web', `${name}.meta.json`), 'utf8'));
}

describe('the web extension bundles', () => {
  for (const [name, allowedExternal, holds] of [
    ['extension', ['vscode'], []],
    ['server', [], []],
    ['run-worker', [], ['@tensorflow']],
  ] as const) {
    describe(`dist/web/${name}.js`, () => {
      const m = meta(name);
      const js = Object.entries(m.outputs).find(([f]) => f.endsWith(`${name}.js`));
      const inputs = Object.keys(js?.[1].inputs ?? {});

      it('imports no Node built-in, and nothing else from outside but what the host provides', () => {
        // Imports TypeScript only keeps for types are listed as external by esbuild, and dropped
        // from the output: what matters is what the output still requires.
        const text = fs.readFileSync(path.join(root, 'dist', 'web', `${name}.js`), 'utf8');
        const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map(
          (x) => x[1],
        );
        for (const r of required) {
          assert.ok(!NODE_BUILTINS.has(r), `dist/web/${name}.js requires the Node built-in ${r}`);
          assert.ok(
            (allowedExternal as readonly string[]).includes(r),
            `dist/web/${name}.js requires ${r} at run time`,
          );
        }
        for (const [file, input] of Object.entries(m.inputs)) {
          for (const imp of input.imports) {
            assert.ok(
              !NODE_BUILTINS.has(imp.path),
              `${file} imports the Node built-in ${imp.path}`,
            );
          }
        }
      });

      const left = ['typescript', '@tensorflow', 'pyodide'].filter(
        (p) => !(holds as readonly string[]).includes(p),
      );
      it(`holds ${holds.length ? 'tfjs and ' : ''}none of ${left.join(', ')}`, () => {
        assert.ok(inputs.length > 0, 'the metafile lists no inputs');
        for (const f of inputs) {
          for (const p of left) assert.ok(!f.includes(`node_modules/${p}/`), f);
        }
        for (const p of holds) {
          assert.ok(
            inputs.some((f) => f.includes(`node_modules/${p}/`)),
            `${p} is not in dist/web/${name}.js`,
          );
        }
      });
    });
  }
});
