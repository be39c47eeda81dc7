/**
 * The web extension in code-server's web-worker extension host, through the UI, as a person
 * sees it (issue #16): a copy of the extension whose package.json has only the `browser` entry
 * (with `main` too, code-server would run it in its Node host), loaded as a development
 * extension from a `vscode-remote://` URI, which workers cannot load directly (web.ts fetches the
 * server and the compiler into blob URLs). Checks:
 *
 *   - hover over `get_variable` shows cur_scope/my_var:0
 *   - the Problems panel shows "already exists" for a variable created twice
 *   - the extension runs in the web worker (the Running Extensions editor says "web worker")
 *   - Run File from the command palette runs the program in a web worker (Pyodide, from the
 *     extension's own files) and the output shows TF's output; a program that never ends is
 *     stopped by the progress notification's Cancel
 *   - a TypeScript file that creates a variable twice gets the same error (the compiler loads),
 *     and has no Run button (TypeScript programs run on the desktop)
 *
 * Screenshots go to out/screenshots (web-*.png; `npm run screenshots` writes docs/screenshots).
 *
 *   node out/test/editor/ui-web.js
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
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
  shot,
  startEditor,
} from './harness';

const FAILURES = path.join(root, '.vscode-test', 'ui-web-failures');
/** The browser entry's files (with dist/pyodide/). */
const WEB_FILES = [
  'dist/web/extension.js',
  'dist/web/server.js',
  'dist/web/run-worker.js',
  'dist/web/pyodide.mjs',
  'dist/web/python.json',
  'dist/typescript.js',
];

/** The extension as a browser-only extension: package.json without `main`, the web bundles. */
function stageBrowserOnly(into: string): string {
  const ext = path.join(into, 'web-extension');
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  delete pkg.main;
  fs.mkdirSync(path.join(ext, 'dist', 'web'), { recursive: true });
  fs.writeFileSync(path.join(ext, 'package.json'), JSON.stringify(pkg, null, 2));
  for (const f of WEB_FILES) fs.copyFileSync(path.join(root, f), path.join(ext, f));
  fs.cpSync(path.join(root, 'dist', 'pyodide'), path.join(ext, 'dist', 'pyodide'), {
    recursive: true,
  });
  fs.cpSync(path.join(root, 'media'), path.join(ext, 'media'), { recursive: true });
  return ext;
}

const checks: Array<{ name: string; run(page: Page): Promise<void> }> = [
  {
    name: "hover over the seed's second example's get_variable shows cur_scope/my_var:0",
    async run(page) {
      await openFile(page, 'reuse_after_error.py');
      await page
        .locator('.editor-instance .view-line', { hasText: 'var=tf.get_variable(var_name,shape)' })
        .filter({ visible: true })
        .first()
        .waitFor();
      const hover = page.locator('.monaco-hover-content', { hasText: 'cur_scope/my_var:0' });
      await pressAtUntil(page, '10:16', ['Control+K', 'Control+I'], hover, 30);
      await page.waitForTimeout(500);
      await shot(page, 'web-hover');
      await page.keyboard.press('Escape');
    },
  },
  {
    name: 'a file that creates a variable twice: the Problems panel shows "already exists"',
    async run(page) {
      await openFile(page, 'create_twice.py');
      assert.match(
        await problem(page, 'already exists', 60_000),
        /Variable dense\/w already exists/,
      );
      await shot(page, 'web-problems');
    },
  },
  {
    // After a Python file opened: the extension activates on the language.
    name: 'Scope Lens runs in the web worker extension host',
    async run(page) {
      await command(page, 'Developer: Show Running Extensions');
      // A development extension is listed by its id.
      const row = page.locator('.monaco-list-row', { hasText: 'scope-lens.scope-lens' }).first();
      await row.waitFor({ timeout: 30_000 });
      assert.match((await row.textContent()) ?? '', /web worker/i);
      await page.keyboard.press('Control+W');
    },
  },
  {
    name: "Scope Lens: Run File runs the program in the browser and prints TF's output",
    async run(page) {
      await openFile(page, 'reuse_after_error.py');
      assert.equal(await page.locator('.editor-actions [aria-label*="Run File"]').count(), 1);
      await runFileShowsOutput(page, 'web-run-file');
    },
  },
  {
    name: "a run's progress notification has a Cancel button that stops the program",
    async run(page) {
      await cancelForever(page, null);
    },
  },
  {
    name: 'a TypeScript file: the compiler loads in the worker, the error shows, no Run button',
    async run(page) {
      await openFile(page, 'reuse_after_error.ts');
      assert.match(
        await problem(page, 'layer1/w already exists', 60_000),
        /already exists, disallowed/,
      );
      // TypeScript programs run on the desktop only: no Run button for them here.
      assert.equal(await page.locator('.editor-actions [aria-label*="Run File"]').count(), 0);
    },
  },
];

async function main(): Promise<void> {
  for (const f of WEB_FILES)
    if (!fs.existsSync(path.join(root, f)))
      throw new Error(`${f} is missing: run \`node scripts/build.mjs\` first`);
  const tmp = makeTmp('ui-web');
  const workspace = prepareWorkspace(tmp);
  fs.writeFileSync(
    path.join(workspace, 'reuse_after_error.ts'),
    [
      "import { getVariable, variableScope } from 'scope-lens';",
      '',
      "variableScope('layer1', () => getVariable('w', { shape: [784, 256] }));",
      "variableScope('layer1', () => getVariable('w', { shape: [784, 256] }));",
      '',
    ].join('\n'),
  );
  const ext = stageBrowserOnly(tmp);
  console.log('editor tests: UI of the web extension (browser entry only) in code-server');
  const started = Date.now();
  const editor = await startEditor({ workspace, tmp });
  const browser = await launchBrowser();
  let counts: { passed: number; failed: number; skipped: number };
  try {
    const page = await openWorkbench(
      browser,
      editor.url([['extensionDevelopmentPath', editor.remote(ext)]]),
    );
    counts = await runChecks(page, checks, FAILURES);
  } finally {
    await browser.close();
    await editor.stop();
    removeTmp(tmp);
  }
  console.log(`\nweb UI suite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(
    `ui-web: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
  );
  process.exitCode = counts.failed > 0 ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
