// `npm run web`: VS Code in the browser with this checkout as a development extension and the
// examples/ folder as the workspace, on a local address it prints. code-server (VS Code 1.100.3)
// is installed into a cache folder the first time (scripts/install-test-editor.sh). The bundles
// are rebuilt first; reload the page after `npm run build:bundles` to pick up changes.
//
//   npm run web [-- --port 8080] [-- --folder path/to/workspace]
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const port = Number(arg('--port', process.env.PORT ?? 8080));
const folder = path.resolve(arg('--folder', path.join(root, 'examples')));

const bin = execFileSync('bash', [path.join(root, 'scripts', 'install-test-editor.sh'), '--path'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'inherit'],
}).trim();
execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });

const state = path.join(root, '.vscode-test', 'web');
const userData = path.join(state, 'user-data');
fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
const settings = path.join(userData, 'User', 'settings.json');
if (!fs.existsSync(settings)) {
  fs.writeFileSync(settings, JSON.stringify({ 'workbench.startupEditor': 'none' }, null, 2));
}
const child = spawn(
  bin,
  [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userData,
    '--extensions-dir',
    path.join(state, 'extensions'),
    '--config',
    path.join(state, 'config.yaml'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    folder,
  ],
  { stdio: ['ignore', 'ignore', 'inherit'] },
);
const payload = JSON.stringify([
  ['extensionDevelopmentPath', `vscode-remote://127.0.0.1:${port}${root}`],
]);
const url = `http://127.0.0.1:${port}/?${new URLSearchParams({ folder, payload })}`;
console.log(
  `\nScope Lens in VS Code (code-server), workspace ${path.relative(root, folder) || '.'}:`,
);
console.log(`  ${url}\n`);
if (!fs.existsSync(path.join(root, 'dist', 'server.js'))) {
  console.log('  (dist/server.js is not built here: no diagnostics or hovers; running works)\n');
}
console.log('Ctrl+C stops it.');
const stop = () => child.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
child.on('exit', (code) => process.exit(code ?? 0));
