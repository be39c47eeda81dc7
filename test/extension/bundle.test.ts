/**
 * The extension bundle stays thin: activation must not load tfjs, Pyodide, the analyzer or the
 * TypeScript compiler (they live in the worker and the language server). Checked on the built
 * dist/extension.js (`npm test` builds first).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { projectRoot } from '../support';

const root = projectRoot();

describe('extension bundle', () => {
  const bundle = path.join(root, 'dist', 'extension.js');

  it('holds no tfjs, Pyodide, analyzer or TypeScript compiler code', function () {
    if (!fs.existsSync(bundle)) this.skip();
    const text = fs.readFileSync(bundle, 'utf8');
    for (const marker of [
      'node_modules/@tensorflow',
      'node_modules/pyodide',
      'node_modules/typescript',
      'node_modules/@lezer',
      'src/analyzer/interpreter',
      'src/engine/',
    ]) {
      assert.ok(!text.includes(marker), `dist/extension.js contains ${marker}`);
    }
    // The runner is bundled but loaded lazily (a dynamic import), and starts worker.js beside it.
    assert.match(text, /src\/runtime\/runner\.ts/);
    assert.ok(fs.statSync(bundle).size < 2_000_000, 'the bundle stays under 2 MB');
  });

  it('the worker next to it is self-contained (the installed extension has no node_modules)', function () {
    const worker = path.join(root, 'dist', 'worker.js');
    if (!fs.existsSync(worker)) this.skip();
    // The worker and the TypeScript compiler it imports for TS/JS programs (dist/typescript.js).
    const files = [worker];
    for (const [, sibling] of fs
      .readFileSync(worker, 'utf8')
      .matchAll(/(?:require|import)\("\.\/([^"]+)"\)/g))
      files.push(path.join(root, 'dist', sibling));
    assert.deepEqual(
      files.map((f) => path.basename(f)),
      ['worker.js', 'typescript.js'],
    );
    const requires = files.flatMap((f) =>
      [...fs.readFileSync(f, 'utf8').matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]),
    );
    const external = [...new Set(requires)].filter(
      (r) => !r.startsWith('node:') && !BUILTINS.has(r.split('/')[0]),
    );
    // Each of these is an optional probe inside a try: ws's native speed-ups, node-fetch's
    // `encoding`, the TypeScript compiler's `source-map-support`. Pyodide's folder is found next
    // to the bundle first (dist/pyodide, paths.ts), in node_modules only in a checkout.
    assert.deepEqual(external.sort(), [
      'bufferutil',
      'encoding',
      'source-map-support',
      'utf-8-validate',
    ]);
  });
});

const BUILTINS = new Set(builtinModules);
