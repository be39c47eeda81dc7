/**
 * End-to-end through the UI, as a person would use it: the packaged extension (the .vsix that
 * `npm run package` built) installed into code-server, the workbench in headless Chromium, driven
 * by keyboard and mouse with playwright-core. Each check saves a screenshot to out/screenshots/
 * (`npm run screenshots` writes them to docs/screenshots/, which the README shows).
 *
 *   - open the seed's second example, hover `get_variable` → the hover shows cur_scope/my_var:0
 *   - open a file that creates a variable twice → the Problems panel shows "already exists"
 *   - a function called twice → the error is at the second call, with the call trail
 *   - a typo under reuse → Ctrl+. offers "Change to 'weights'" (and no AUTO_REUSE)
 *   - Scope Lens: Run File from the command palette → the output shows TF's output
 *   - the Variables view and the Run results view, populated
 *
 * The first two need the language server; without dist/server.js they are reported as skipped
 * ("server not built") and the tests' stand-in server (stub-server.ts) feeds the Variables view.
 *
 *   node out/test/editor/ui.js [path/to.vsix]
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import {
  cancelForever,
  command,
  launchBrowser,
  makeTmp,
  openFile,
  openWorkbench,
  prepareWorkspace,
  pressAtUntil,
  problem,
  removeTmp,
  root,
  runChecks,
  runFileShowsOutput,
  serverBuilt,
  shot,
  startEditor,
  STUB_SERVER,
} from './harness';

/** Screenshots of failed checks (not for the README). */
const FAILURES = path.join(root, '.vscode-test', 'ui-failures');
const SERVER_NOT_BUILT = 'server not built: dist/server.js is missing in this tree';

interface Check {
  readonly name: string;
  readonly needsServer?: boolean;
  run(page: Page): Promise<void>;
}

/** The frame of a webview whose document contains `text`. */
async function webviewFrame(page: Page, text: string, timeoutMs = 30_000): Promise<Frame> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      const body = await frame.textContent('body').catch(() => null);
      if (body && body.includes(text)) return frame;
    }
    if (Date.now() > until) throw new Error(`no webview shows '${text}'`);
    await page.waitForTimeout(250);
  }
}

const checks: Check[] = [
  {
    name: "hover over the seed's second example's get_variable shows cur_scope/my_var:0",
    needsServer: true,
    async run(page) {
      await openFile(page, 'reuse_after_error.py');
      const line = page
        .locator('.editor-instance .view-line', { hasText: 'var=tf.get_variable(var_name,shape)' })
        .filter({ visible: true })
        .first();
      await line.waitFor();
      // Put the cursor in `get_variable` (line 10, column 16) with Go to Line, then show the hover
      // there with the keyboard (Ctrl+K Ctrl+I), as a keyboard user does; the server may still
      // be analysing the file, so ask again until the answer shows.
      const hover = page.locator('.monaco-hover-content', { hasText: 'cur_scope/my_var:0' });
      await pressAtUntil(page, '10:16', ['Control+K', 'Control+I'], hover);
      // Let the hover finish fading in before the picture (the check itself is done).
      await page.waitForTimeout(500);
      await shot(page, 'hover');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a file that creates a variable twice: the Problems panel shows "already exists"',
    needsServer: true,
    async run(page) {
      await openFile(page, 'create_twice.py');
      assert.match(await problem(page, 'already exists'), /Variable dense\/w already exists/);
      await shot(page, 'problems');
    },
  },
  {
    name: 'a function called twice: the error is at the second call, with the call trail',
    needsServer: true,
    async run(page) {
      await openFile(page, 'trails_build_twice.py');
      const text = await problem(page, 'model/w_out already exists');
      // The second build_model(x) call, line 13 of the file: not the get_variable inside.
      assert.match(text, /Ln 13/);
      // The trail: the get_variable, and the first call that created the variable.
      const related = page.locator('.markers-panel .monaco-tl-contents', {
        hasText: 'first created by this call',
      });
      await related.first().waitFor({ timeout: 10_000 });
      await shot(page, 'call-trail');
    },
  },
  {
    name: 'did you mean: a typo under reuse offers the existing name as the quick fix',
    needsServer: true,
    async run(page) {
      await openFile(page, 'dym_typo.py');
      // The failing get_variable("weight", ...) on line 7; Ctrl+. lists the fixes there.
      const widget = page.locator('.action-widget', { hasText: "Change to 'weights'" });
      await pressAtUntil(page, '7:26', ['Control+.'], widget);
      const text = (await widget.textContent()) ?? '';
      assert.doesNotMatch(text, /AUTO_REUSE/);
      await page.waitForTimeout(300);
      await shot(page, 'did-you-mean');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: "Scope Lens: Run File from the command palette prints TF's output",
    async run(page) {
      await openFile(page, 'reuse_after_error.py');
      await runFileShowsOutput(page, 'run-file');
    },
  },
  {
    name: "a run's progress notification has a Cancel button that stops the program",
    async run(page) {
      await cancelForever(page, 'run-progress');
    },
  },
  {
    name: "the Variables view lists the file's scopes, variables, shapes and parameters",
    async run(page) {
      await openFile(page, 'transformer.py');
      const header = page.locator('.pane-header', { hasText: 'Scope Lens Variables' });
      await header.waitFor();
      if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
      // Room for the tree: fold the file explorer's section.
      const folder = page.locator('.pane-header', { hasText: 'workspace' }).first();
      if ((await folder.getAttribute('aria-expanded')) === 'true') await folder.click();
      const total = page.locator('.monaco-list-row', { hasText: /Total: .* parameters/ });
      await total.first().waitFor({ timeout: 30_000 });
      const layerRow = page.locator('.monaco-list-row', { hasText: 'h{layer}' }).first();
      try {
        await layerRow.waitFor({ timeout: 10_000 });
      } catch {
        // Seen once in CI: the `model` node drawn expanded without its children. Fold and
        // unfold it as a person would, and say so in the log.
        console.log('  (the model scope showed no children after 10 s: folding and unfolding it)');
        const model = page.locator('.monaco-list-row', { hasText: /model .* vars/ }).first();
        await model.locator('.monaco-tl-twistie').click();
        await model.locator('.monaco-tl-twistie').click();
        await layerRow.waitFor();
      }
      await shot(page, 'variables');
    },
  },
  {
    name: 'the Run results view shows the variables of the last run and a histogram',
    async run(page) {
      await openFile(page, 'collections_and_shapes.py');
      await command(page, 'Scope Lens: Run File');
      await page
        .locator('.panel .view-lines', { hasText: '(3, 3, 32, 64)' })
        .first()
        .waitFor({ timeout: 60_000 });
      await command(page, 'Scope Lens: Show Run Results');
      const frame = await webviewFrame(page, 'collections_and_shapes.py: ok');
      await frame.locator('tr[data-name="a:0"]').waitFor();
      await frame.locator('tr[data-name="a:0"]').click();
      await frame.locator('#detail-name', { hasText: 'a:0' }).waitFor();
      await frame.locator('#stats', { hasText: 'std' }).waitFor();
      await shot(page, 'run-results');
    },
  },
];

async function main(): Promise<void> {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const vsix = process.argv[2] ?? path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  if (!fs.existsSync(vsix)) throw new Error(`${vsix} is missing: run \`npm run package\` first`);
  const built = serverBuilt();
  console.log(
    built
      ? `editor tests: UI, with ${path.basename(vsix)} installed`
      : `editor tests: UI, with ${path.basename(vsix)} installed; dist/server.js is not built: hover and Problems are skipped ("server not built"), the stand-in server feeds the Variables view`,
  );
  const tmp = makeTmp('ui');
  const workspace = prepareWorkspace(tmp);
  const started = Date.now();
  const editor = await startEditor({
    workspace,
    tmp,
    vsix,
    env: built ? {} : { SCOPE_LENS_SERVER_MODULE: STUB_SERVER },
  });
  const browser = await launchBrowser();
  let counts: { passed: number; failed: number; skipped: number };
  try {
    const page = await openWorkbench(browser, editor.url());
    const load = Date.now() - started;
    console.log(`  (code-server up and workbench loaded in ${(load / 1000).toFixed(1)} s)`);
    const runnable = checks.map((c) =>
      c.needsServer && !built ? { ...c, skip: SERVER_NOT_BUILT } : c,
    );
    counts = await runChecks(page, runnable, FAILURES);
  } finally {
    await browser.close();
    await editor.stop();
    removeTmp(tmp);
  }
  console.log(`\nUI suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`ui: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
