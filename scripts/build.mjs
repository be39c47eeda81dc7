// Bundles the entry points with esbuild. Type-checking is tsc's job (`npm run typecheck`).
//   dist/index.js      the library (`require('scope-lens')`): the engine API; tfjs stays external
//   dist/cli.js        the `scope-lens` command
//   dist/extension.js  the VS Code extension (vscode external)
import * as esbuild from 'esbuild';

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
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
  },
];

if (watch) {
  for (const b of builds) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
