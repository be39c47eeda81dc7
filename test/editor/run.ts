/**
 * `npm run test:editor`: the extension-host suite (run-exthost.ts, trusted and untrusted
 * workspaces) and the UI suite (ui.ts, on the packaged .vsix), one after the other, each in its
 * own process; then one closing line with the totals. Exits 1 if either failed.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const suites = ['run-exthost.js', 'ui.js'];
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
process.exitCode = status;
