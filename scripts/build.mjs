// Bundles the entry points with esbuild. Type-checking is tsc's job (`npm run typecheck`).
//   dist/index.js      the library (`require('scope-lens')`): the engine API; tfjs stays external
//   dist/cli.js        the `scope-lens` command
//   dist/extension.js  the VS Code extension (vscode external)
//   dist/worker.js     the run worker (`scope-lens run`, the runtime API): the engine, the
//                      Python host and the script host; pyodide and typescript stay external
//   dist/server.js     the language server (`node dist/server.js --stdio`): the analyzer and
//                      vscode-languageserver bundled, typescript external (below)
//   dist/python/       Scope Lens's Python packages (`tensorflow`), copied from src/runtime/python
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
};

const builds = [
  { ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js', packages: 'external' },
  // The CLI keeps tfjs external too: it runs from a checkout or an installed package, both of
  // which have node_modules.
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', packages: 'external' },
  // The worker is its own entry: the runner starts it as `worker.js` next to itself.
  {
    ...common,
    entryPoints: ['src/runtime/worker.ts'],
    outfile: 'dist/worker.js',
    packages: 'external',
  },
  // The language server bundles its dependencies except the TypeScript compiler (9 MB, loaded
  // from node_modules like the CLI's): the server starts in a fraction of a second, and the
  // extension package must ship node_modules/typescript next to it.
  {
    ...common,
    entryPoints: ['src/server/main.ts'],
    outfile: 'dist/server.js',
    external: ['typescript'],
  },
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
];

/** dist/python ← src/runtime/python (no bytecode caches). */
function copyPython() {
  fs.rmSync('dist/python', { recursive: true, force: true });
  if (!fs.existsSync('src/runtime/python')) return;
  fs.cpSync('src/runtime/python', 'dist/python', {
    recursive: true,
    filter: (src) => !/(^|[\\/])__pycache__$|\.pyc$/.test(src),
  });
}

copyPython();
if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
