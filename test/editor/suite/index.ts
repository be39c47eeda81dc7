/**
 * The extension-host suite's entry: the `extensionTestsPath` module of the @vscode/test-electron
 * contract. VS Code (desktop through run-electron.ts, or code-server through run-exthost.ts) loads
 * it in the extension host and calls `run()`; the suite's files (`*.test.js` next to this one) run
 * under mocha with the whole `vscode` API.
 *
 * Results go to the JSON file named by SCOPE_LENS_TEST_RESULTS (when set), because under
 * code-server nobody waits on the extension host: the outer script reads that file. Each test's
 * state, duration, error and skip reason are written, plus the suite's measurements (`metrics`).
 * `run()` rejects when a test failed, which is how test-electron sees failure.
 *
 * SCOPE_LENS_TEST_MODE is `trusted` (default) or `untrusted` (the workspace opens in Restricted
 * Mode; only the tests for that run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { metrics, skipReasons } from './util';

export interface TestRecord {
  readonly title: string;
  readonly state: 'passed' | 'failed' | 'skipped';
  readonly durationMs: number;
  readonly error?: string;
  readonly reason?: string;
}

export interface SuiteResults {
  readonly mode: string;
  readonly tests: TestRecord[];
  readonly metrics: Record<string, number | string>;
  readonly finished: boolean;
}

export function run(): Promise<void> {
  const mode = process.env.SCOPE_LENS_TEST_MODE ?? 'trusted';
  const resultsFile = process.env.SCOPE_LENS_TEST_RESULTS;
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // `*.restricted.test.js` run only in the untrusted workspace, which also runs activation.
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (!f.endsWith('.test.js')) continue;
    const restricted = f.endsWith('.restricted.test.js');
    const wanted = mode === 'untrusted' ? restricted || f.startsWith('1-activation') : !restricted;
    if (wanted) mocha.addFile(path.join(__dirname, f));
  }
  const tests: TestRecord[] = [];
  const write = (finished: boolean) => {
    if (!resultsFile) return;
    const results: SuiteResults = { mode, tests, metrics, finished };
    const tmp = `${resultsFile}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(results, null, 2));
    fs.renameSync(tmp, resultsFile);
  };
  return new Promise((resolve, reject) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run((failures) => {
        write(true);
        if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
        else resolve();
      });
    } catch (error) {
      reject(error);
      return;
    }
    runner.on('pass', (t) =>
      tests.push({ title: t.fullTitle(), state: 'passed', durationMs: t.duration ?? 0 }),
    );
    runner.on('fail', (t, err: Error) => {
      tests.push({
        title: t.fullTitle(),
        state: 'failed',
        durationMs: t.duration ?? 0,
        error: err.stack ?? String(err),
      });
      write(false);
    });
    runner.on('pending', (t) => {
      const reason = skipReasons.get(t.fullTitle());
      tests.push({
        title: t.fullTitle(),
        state: 'skipped',
        durationMs: 0,
        ...(reason ? { reason } : {}),
      });
    });
  });
}
