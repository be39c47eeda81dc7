/**
 * Runs the extension-host suite (test/editor/suite) inside a real VS Code offline: code-server
 * 1.100.3 opens the workspace with this checkout as the development extension and the suite as
 * `extensionTestsPath` (the workbench URL's `payload`), the same contract @vscode/test-electron
 * uses on desktop (run-electron.ts). Headless Chromium keeps the workbench open; the suite writes
 * its results to a JSON file this script waits for, prints and judges.
 *
 * Two passes: a trusted workspace (everything), then an untrusted one (Restricted Mode).
 * Without dist/server.js the tests' stand-in server (stub-server.ts) answers the client's custom
 * requests, and the tests that need the real server are reported as skipped with that reason.
 *
 *   node out/test/editor/run-exthost.js [--only trusted|untrusted]
 *
 * Exits 1 when a test failed or a pass did not finish.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SuiteResults } from './suite/index';
import {
  launchBrowser,
  makeTmp,
  openWorkbench,
  prepareWorkspace,
  removeTmp,
  root,
  serverBuilt,
  startEditor,
  STUB_SERVER,
  waitFor,
} from './harness';

const PASS_TIMEOUT_MS = 8 * 60_000;

async function pass(mode: 'trusted' | 'untrusted'): Promise<SuiteResults> {
  const tmp = makeTmp(`exthost-${mode}`);
  const resultsFile = path.join(tmp, 'results.json');
  const env: Record<string, string> = {
    SCOPE_LENS_TEST_MODE: mode,
    SCOPE_LENS_TEST_RESULTS: resultsFile,
  };
  if (!serverBuilt()) env.SCOPE_LENS_SERVER_MODULE = STUB_SERVER;
  const workspace = prepareWorkspace(tmp);
  const editor = await startEditor({ workspace, untrusted: mode === 'untrusted', env, tmp });
  const browser = await launchBrowser();
  const pageErrors: string[] = [];
  try {
    const url = editor.url([
      ['extensionDevelopmentPath', editor.remote(root)],
      [
        'extensionTestsPath',
        editor.remote(path.join(root, 'out', 'test', 'editor', 'suite', 'index.js')),
      ],
    ]);
    const page = await openWorkbench(browser, url);
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await waitFor(
      () => {
        if (!fs.existsSync(resultsFile)) return false;
        return (JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults).finished;
      },
      PASS_TIMEOUT_MS,
      `the ${mode} extension-host suite to finish (code-server log: ${editor.log})`,
    ).catch((error: Error) => {
      // Keep what there is: a partial result file still says which test hung.
      console.error(`  ${error.message}`);
    });
    if (!fs.existsSync(resultsFile)) {
      console.error(fs.readFileSync(editor.log, 'utf8').split('\n').slice(-40).join('\n'));
      return { mode, tests: [], metrics: {}, finished: false };
    }
    return JSON.parse(fs.readFileSync(resultsFile, 'utf8')) as SuiteResults;
  } finally {
    if (pageErrors.length) console.log(`  (workbench page errors: ${pageErrors.length})`);
    await browser.close();
    await editor.stop();
    removeTmp(tmp);
  }
}

function report(results: SuiteResults): { passed: number; failed: number; skipped: number } {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const t of results.tests) {
    counts[t.state]++;
    const mark = t.state === 'passed' ? '✔' : t.state === 'failed' ? '✖' : '-';
    const extra =
      t.state === 'skipped'
        ? ` (skipped: ${t.reason ?? 'no reason given'})`
        : ` (${t.durationMs} ms)`;
    console.log(`  ${mark} ${t.title}${extra}`);
    if (t.error) console.log(t.error.replace(/^/gm, '      '));
  }
  for (const [k, v] of Object.entries(results.metrics)) console.log(`  metric: ${k} = ${v}`);
  if (!results.finished) {
    console.log(`  ✖ the ${results.mode} pass did not finish`);
    counts.failed++;
  }
  return counts;
}

async function main(): Promise<void> {
  const only = process.argv.includes('--only')
    ? process.argv[process.argv.indexOf('--only') + 1]
    : undefined;
  const modes = (['trusted', 'untrusted'] as const).filter((m) => !only || m === only);
  if (!fs.existsSync(path.join(root, 'dist', 'extension.js'))) {
    throw new Error('dist/extension.js is missing: run `npm run build` first');
  }
  console.log(
    serverBuilt()
      ? 'editor tests: extension host, against dist/server.js'
      : 'editor tests: extension host; dist/server.js is not built: the tests that need the language server are skipped ("server not built"), the stand-in server answers the rest',
  );
  const total = { passed: 0, failed: 0, skipped: 0 };
  const started = Date.now();
  for (const mode of modes) {
    console.log(`\n${mode} workspace:`);
    const t0 = Date.now();
    const c = report(await pass(mode));
    console.log(`  (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    total.passed += c.passed;
    total.failed += c.failed;
    total.skipped += c.skipped;
  }
  console.log(`\nextension host suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`exthost: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exitCode = total.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
