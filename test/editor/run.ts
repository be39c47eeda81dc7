/**
 * `npm run test:editor`: the extension-host suite (run-exthost.ts, trusted and untrusted
 * workspaces), the UI suite (ui.ts, on the packaged .vsix) and the web extension's suite
 * (run-web.ts, in VS Code's browser build), one after the other, each in its own process; then
 * one closing line with the totals. Exits 1 if any failed.
 *
 * `--if-installed` (what `npm test` runs): first asks scripts/install-test-editor.sh --check
 * whether the test editor (code-server, Chromium and what they need) is installed. If it is,
 * packages the .vsix (`npm run package`) and runs the suites as above. If not, it runs nothing
 * and ends with a notice saying so, why, and how to run them, exiting 0, so `npm test` passes on
 * a machine without the editor; with SCOPE_LENS_REQUIRE_EDITOR=1 (CI) a missing editor fails.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { projectRoot } from '../support';

const root = projectRoot(__dirname);
const ifInstalled = process.argv.includes('--if-installed');
const required = process.env.SCOPE_LENS_REQUIRE_EDITOR === '1';

/** Undefined when the test editor is installed, else what is missing. */
function editorMissing(): string | undefined {
  const r = spawnSync('bash', [path.join(root, 'scripts', 'install-test-editor.sh'), '--check'], {
    encoding: 'utf8',
  });
  if (r.status === 0) return undefined;
  return (r.stderr || r.error?.message || 'the check failed')
    .trim()
    .replace(/^install-test-editor: /, '');
}

function notRun(why: string): void {
  const lines = [
    '',
    '================================================================================',
    'Editor tests NOT run (extension host and UI suites in a real VS Code).',
    `Why: ${why}.`,
    'To run them:',
    '  sudo bash scripts/install-test-editor.sh   # Debian packages + code-server, once',
    '  npm run test:editor',
    '================================================================================',
  ];
  console.log(lines.join('\n'));
}

function main(): number {
  if (ifInstalled) {
    const missing = editorMissing();
    if (missing !== undefined) {
      notRun(missing);
      if (required) {
        console.error('SCOPE_LENS_REQUIRE_EDITOR=1: the editor tests must run here; failing.');
        return 1;
      }
      return 0;
    }
    const pack = spawnSync('npm', ['run', 'package'], { cwd: root, stdio: 'inherit' });
    if (pack.status !== 0) {
      console.error('editor tests: `npm run package` failed (see above); no suite ran.');
      return 1;
    }
  }

  const suites = ['run-exthost.js', 'ui.js', 'run-web.js', 'ui-web.js'];
  const total = { passed: 0, failed: 0, skipped: 0 };
  let status = 0;
  const started = Date.now();
  for (const suite of suites) {
    const r = spawnSync(process.execPath, [path.join(__dirname, suite)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      encoding: 'utf8',
    });
    process.stdout.write(r.stdout);
    const counts = /^\w+: (\d+) passed, (\d+) failed, (\d+) skipped$/m.exec(r.stdout);
    if (counts) {
      total.passed += Number(counts[1]);
      total.failed += Number(counts[2]);
      total.skipped += Number(counts[3]);
    }
    if (r.status !== 0) {
      status = 1;
      if (!counts) total.failed++;
    }
  }
  console.log(
    `\neditor tests (extension host + UI): ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  console.log(`editor: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return status;
}

process.exitCode = main();
