// `npm run package`: the installable extension, scope-lens-<version>.vsix, with @vscode/vsce.
// Offline: no dependency detection (the bundles are self-contained and node_modules is not
// shipped), no repository needed.
//
// vsce refuses a project that has both a .vscodeignore and a package.json `files` list, and the
// two lists differ on purpose (`files` is the npm package: bin, the CLI and library bundles, the
// types; .vscodeignore is the extension: its bundles and media). So this builds the bundles
// (what `vscode:prepublish` does), then stages the extension's files in .cache/vsix (package.json
// without `files` and `vscode:prepublish`, .vscodeignore, README, CHANGELOG, LICENSE, dist/ and
// media/) and runs vsce there.
//
// Then it checks the archive: every file the installed extension needs at run time is in it,
// nothing from node_modules or the sources is, and it is under the size budget. A failed check
// exits 1 and says which file; fix .vscodeignore (an allowlist) or scripts/build.mjs.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
const BUDGET = 25 * 1024 * 1024;

// Needed at run time by the installed extension (the server only when it is built).
const required = [
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/worker.js',
  'extension/dist/web/extension.js',
  'extension/dist/web/server.js',
  'extension/dist/web/run-worker.js',
  'extension/dist/web/pyodide.mjs',
  'extension/dist/web/python.json',
  'extension/dist/python/tensorflow/__init__.py',
  // The layer libraries' IR the language server reads instead of lowering them (one per module).
  'extension/dist/library-ir/core.json',
  'extension/dist/pyodide/pyodide.asm.mjs',
  'extension/dist/pyodide/pyodide.asm.wasm',
  'extension/dist/pyodide/python_stdlib.zip',
  'extension/dist/pyodide/pyodide-lock.json',
  'extension/media/run-results.js',
  'extension/media/run-results.css',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/LICENSE.txt',
];
// The server's entry requires the server; the server loads the TypeScript compiler (its own
// file) on its first TS/JS document.
if (fs.existsSync(path.join(root, 'src/server/main.ts')))
  required.push(
    'extension/dist/server.js',
    'extension/dist/language-server.js',
    'extension/dist/typescript.js',
  );
const forbidden = [/^extension\/node_modules\//, /^extension\/(src|test|out|bench)\//, /\.map$/];

const started = Date.now();
const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) {
  console.error('package: the build failed (see above).');
  process.exit(1);
}
const stage = stageExtension();
const vsce = require.resolve('@vscode/vsce/vsce');
const r = spawnSync(
  process.execPath,
  [
    vsce,
    'package',
    '--no-dependencies',
    '--allow-missing-repository',
    '--no-rewrite-relative-links',
    '-o',
    out,
  ],
  { cwd: stage, stdio: 'inherit' },
);
fs.rmSync(stage, { recursive: true, force: true });
if (r.status !== 0) {
  console.error('package: vsce failed (see above).');
  process.exit(1);
}

const entries = zipEntries(fs.readFileSync(out));
const names = new Set(entries.map((e) => e.name));
const missing = required.filter((f) => !names.has(f));
const unwanted = entries.filter((e) => forbidden.some((re) => re.test(e.name))).map((e) => e.name);
const size = fs.statSync(out).size;
const mb = (n) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const unpacked = entries.reduce((n, e) => n + e.size, 0);
console.log(
  `package: ${path.relative(root, out)}: ${mb(size)} (${mb(unpacked)} unpacked, ${entries.length} files; budget ${mb(BUDGET)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
if (!names.has('extension/dist/server.js')) {
  console.log(
    'package: note: dist/server.js is not built in this tree; the .vsix has no language server.',
  );
}
let failed = false;
for (const f of missing) {
  console.error(`package: missing from the .vsix: ${f} (allow it in .vscodeignore, or build it)`);
  failed = true;
}
for (const f of unwanted) {
  console.error(`package: should not be in the .vsix: ${f} (.vscodeignore is an allowlist)`);
  failed = true;
}
if (size > BUDGET) {
  console.error(`package: ${mb(size)} is over the ${mb(BUDGET)} budget`);
  failed = true;
}
process.exit(failed ? 1 : 0);

/** A folder with only what vsce needs to package the extension; returns its path. */
function stageExtension() {
  const stage = path.join(root, '.cache', 'vsix');
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  const manifest = { ...pkg, scripts: { ...pkg.scripts } };
  delete manifest.files;
  delete manifest.scripts['vscode:prepublish'];
  fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
  for (const f of ['.vscodeignore', 'README.md', 'CHANGELOG.md', 'LICENSE']) {
    fs.copyFileSync(path.join(root, f), path.join(stage, f));
  }
  const notMaps = (src) => !src.endsWith('.map');
  fs.cpSync(path.join(root, 'dist'), path.join(stage, 'dist'), {
    recursive: true,
    filter: notMaps,
  });
  fs.cpSync(path.join(root, 'media'), path.join(stage, 'media'), { recursive: true });
  return stage;
}

/** The entries of a zip archive (its central directory): names and uncompressed sizes. */
function zipEntries(buf) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('package: the .vsix is not a zip archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const list = [];
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error('package: bad zip central directory');
    const size = buf.readUInt32LE(at + 24);
    const nameLength = buf.readUInt16LE(at + 28);
    const extra = buf.readUInt16LE(at + 30);
    const comment = buf.readUInt16LE(at + 32);
    list.push({ name: buf.toString('utf8', at + 46, at + 46 + nameLength), size });
    at += 46 + nameLength + extra + comment;
  }
  return list;
}
