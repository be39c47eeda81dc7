/**
 * The real editor for the editor tests, offline: code-server (VS Code 1.100.3's server and
 * workbench) on a loopback port, driven by Debian's Chromium through playwright-core. Used by
 * run-exthost.ts (the extension-host suite, loaded through the workbench URL's `payload`) and
 * ui.ts (what a person sees). See ../shared/notes/vscode-offline-testing.md.
 *
 * Everything a run makes (user data, extensions, the workspace copy, logs) lives in one
 * temporary folder that `stop()` removes unless SCOPE_LENS_KEEP_EDITOR_TMP is set.
 */
import { strict as assert } from 'node:assert';
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { projectRoot } from '../support';

export const root = projectRoot(__dirname);

/** The code-server executable, installing it (and the Debian packages) when missing. */
export function codeServerPath(): string {
  const script = path.join(root, 'scripts', 'install-test-editor.sh');
  return execFileSync('bash', [script, '--path'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

/** The workspace the tests open: a copy of examples/ plus test/editor/workspace/. */
export function prepareWorkspace(into: string): string {
  const ws = path.join(into, 'workspace');
  fs.cpSync(path.join(root, 'examples'), ws, { recursive: true });
  fs.cpSync(path.join(root, 'test', 'editor', 'workspace'), ws, { recursive: true });
  return ws;
}

/** User settings for a test editor: quiet, no welcome page, trust on only when testing it. */
export function writeUserSettings(userData: string, untrusted: boolean): void {
  const settings: Record<string, unknown> = {
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'update.mode': 'none',
    'chat.disableAIFeatures': true,
    'window.confirmBeforeClose': 'never',
    // Untrusted: the folder opens in Restricted Mode without a dialog.
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.enabled': untrusted,
  };
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
}

export interface EditorOptions {
  /** Folder to open. */
  readonly workspace: string;
  /** Leave workspace trust on, so the folder opens in Restricted Mode. */
  readonly untrusted?: boolean;
  /** Extra environment for code-server and so its extension host. */
  readonly env?: Record<string, string>;
  /** A .vsix to install into the editor's extensions folder before it starts. */
  readonly vsix?: string;
  /** The temporary folder for this editor (made by the caller). */
  readonly tmp: string;
}

export interface Editor {
  readonly port: number;
  readonly base: string;
  readonly log: string;
  /** The workbench URL, with a `payload` (extension development and tests) if given. */
  url(payload?: [string, string][]): string;
  /** `vscode-remote://` URI of a local path, as the payload wants it. */
  remote(p: string): string;
  stop(): Promise<void>;
}

export async function startEditor(options: EditorOptions): Promise<Editor> {
  const bin = codeServerPath();
  const port = await freePort();
  const userData = path.join(options.tmp, 'user-data');
  const extensions = path.join(options.tmp, 'extensions');
  fs.mkdirSync(extensions, { recursive: true });
  writeUserSettings(userData, options.untrusted === true);
  const common = [
    '--extensions-dir',
    extensions,
    '--user-data-dir',
    userData,
    '--config',
    path.join(options.tmp, 'config.yaml'),
  ];
  const env = { ...process.env, ...options.env };
  if (options.vsix) {
    execFileSync(bin, [...common, '--install-extension', options.vsix], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }
  const args = [
    ...common,
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-getting-started-override',
    ...(options.untrusted ? [] : ['--disable-workspace-trust']),
    options.workspace,
  ];
  const log = path.join(options.tmp, 'code-server.log');
  const out = fs.openSync(log, 'a');
  const child: ChildProcess = spawn(bin, args, {
    env,
    stdio: ['ignore', out, out],
    detached: true,
  });
  fs.closeSync(out);
  const base = `http://127.0.0.1:${port}`;
  await waitFor(
    async () => {
      if (child.exitCode !== null)
        throw new Error(`code-server exited (${child.exitCode}); see ${log}`);
      try {
        const r = await fetch(`${base}/healthz`);
        return r.ok;
      } catch {
        return false;
      }
    },
    60_000,
    'code-server to listen',
  );

  return {
    port,
    base,
    log,
    url(payload) {
      const q = new URLSearchParams({ folder: options.workspace });
      if (payload) q.set('payload', JSON.stringify(payload));
      return `${base}/?${q.toString()}`;
    },
    remote(p) {
      return `vscode-remote://127.0.0.1:${port}${p}`;
    },
    async stop() {
      if (child.exitCode === null && child.pid) {
        // The process group: code-server and the extension host and servers it started.
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // Gone already.
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            try {
              process.kill(-child.pid!, 'SIGKILL');
            } catch {
              // Gone.
            }
            resolve();
          }, 5000);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

/** Debian's Chromium, headless, with the flags this closed network needs. */
export async function launchBrowser(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  const executablePath = process.env.SCOPE_LENS_CHROMIUM ?? '/usr/bin/chromium';
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Opens the workbench and waits until it has rendered. */
export async function openWorkbench(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.goto(url);
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  return page;
}

export function makeTmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `scope-lens-${prefix}-`));
}

export function removeTmp(tmp: string): void {
  if (process.env.SCOPE_LENS_KEEP_EDITOR_TMP) {
    console.log(`(kept ${tmp})`);
    return;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
}

export async function waitFor(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Whether the language server is built in this tree (else the stand-in answers). */
export function serverBuilt(): boolean {
  return fs.existsSync(path.join(root, 'dist', 'server.js'));
}

export const STUB_SERVER = path.join(root, 'out', 'test', 'editor', 'stub-server.js');

// Tests do not rewrite tracked files: screenshots go to out/screenshots unless asked for
// (`npm run screenshots` writes the README's, docs/screenshots).
export const SHOTS = process.env.SCOPE_LENS_SCREENSHOTS ?? path.join(root, 'out', 'screenshots');

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

/** Opens a workspace file by name through Quick Open (Ctrl+P), and waits for its editor. */
export async function openFile(page: Page, name: string): Promise<void> {
  // Leave whatever has the focus (a hover, a panel) for the editor area first.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+1');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  // Click the row (Enter could pick the top row before the list is filtered to `name`).
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first();
  await row.waitFor();
  await row.click();
  await page.locator('.tab.active', { hasText: name }).filter({ visible: true }).first().waitFor();
  await page.locator('.editor-instance .monaco-editor .view-lines').first().waitFor();
}

/** Runs a command by its title through the command palette (Ctrl+Shift+P). */
export async function command(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** A UI check: a name, and what it does on the workbench page (throws when it fails). */
export interface UiCheck {
  readonly name: string;
  /** Skip it, saying why (undefined: run it). */
  readonly skip?: string;
  run(page: Page): Promise<void>;
}

/**
 * Runs the checks in order on one page, printing a line each; a failure prints its stack and
 * saves a screenshot into `failures`. Returns the counts.
 */
export async function runChecks(
  page: Page,
  checks: readonly UiCheck[],
  failures: string,
): Promise<{ passed: number; failed: number; skipped: number }> {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const check of checks) {
    if (check.skip) {
      console.log(`  - ${check.name} (skipped: ${check.skip})`);
      counts.skipped++;
      continue;
    }
    const t0 = Date.now();
    try {
      await check.run(page);
      console.log(`  ✔ ${check.name} (${Date.now() - t0} ms)`);
      counts.passed++;
    } catch (error) {
      console.log(`  ✖ ${check.name} (${Date.now() - t0} ms)`);
      console.log(String((error as Error).stack ?? error).replace(/^/gm, '      '));
      const failure = path.join(failures, `${counts.failed + counts.passed}.png`);
      fs.mkdirSync(failures, { recursive: true });
      await page.screenshot({ path: failure }).catch(() => undefined);
      console.log(`      screenshot: ${failure}`);
      // What the screenshot shows, in the log (CI keeps the log, not the screenshot).
      for (const [what, selector] of [
        ['panel', '.panel .view-lines'],
        ['notifications', '.notification-toast'],
      ] as const) {
        const texts = await page
          .locator(selector)
          .allInnerTexts()
          .catch(() => [] as string[]);
        const shown = texts.map((t) => t.replace(/\u00a0/g, ' ').trim()).filter(Boolean);
        if (shown.length)
          console.log(`      ${what}:\n${shown.join('\n---\n').replace(/^/gm, '        ')}`);
      }
      counts.failed++;
    }
  }
  return counts;
}

/**
 * Puts the cursor at `position` (`line:column`, with Go to Line) and presses `keys` there until
 * `target` shows, as a keyboard user asks again while the server is still analysing the file;
 * then waits for it.
 */
export async function pressAtUntil(
  page: Page,
  position: string,
  keys: readonly string[],
  target: Locator,
  tries = 20,
): Promise<void> {
  for (let i = 0; i < tries && !(await target.isVisible()); i++) {
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').waitFor({ state: 'visible' });
    await page.keyboard.type(position);
    await page.keyboard.press('Enter');
    for (const key of keys) await page.keyboard.press(key);
    await target.waitFor({ timeout: 1500 }).catch(() => undefined);
  }
  await target.waitFor({ timeout: 5000 });
}

/** Opens the Problems panel and waits for a row holding `text`; returns the row's text. */
export async function problem(page: Page, text: string, timeoutMs = 30_000): Promise<string> {
  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-tl-contents', { hasText: text });
  await row.first().waitFor({ timeout: timeoutMs });
  return (await row.first().textContent()) ?? '';
}

/**
 * Scope Lens: Run File from the command palette on the open `reuse_after_error.py`: the output
 * panel shows TF's output and the finished line; a screenshot named `name`.
 */
export async function runFileShowsOutput(page: Page, name: string): Promise<void> {
  await command(page, 'Scope Lens: Run File');
  const output = page.locator('.panel .view-lines', { hasText: 'cur_scope/my_var:0' });
  // The first run loads Python (longer in a browser, where the extension hands it its files).
  await output.first().waitFor({ timeout: 150_000 });
  const text = (await page.locator('.panel .view-lines').first().innerText()).replace(
    /\u00a0/g,
    ' ',
  );
  assert.match(text, /True\s+cur_scope\/my_var:0/);
  await page
    .locator('.panel .view-lines', { hasText: '✓ finished' })
    .first()
    .waitFor({ timeout: 30_000 });
  await shot(page, name);
}

/**
 * Run File on `forever.py` (a loop that never ends), then the progress notification's Cancel:
 * the output says it was cancelled. A screenshot of the notification when `name` is given.
 */
export async function cancelForever(page: Page, name: string | null): Promise<void> {
  await openFile(page, 'forever.py');
  await command(page, 'Scope Lens: Run File');
  // `notification-fade-in-done`: the toast has finished fading in (for the screenshot).
  const toast = page.locator('.notification-toast.notification-fade-in-done', {
    hasText: 'Scope Lens: running forever.py',
  });
  await toast.waitFor({ timeout: 30_000 });
  const cancel = toast.locator('.monaco-button', { hasText: 'Cancel' });
  await cancel.waitFor();
  if (name) await shot(page, name);
  await cancel.click();
  await page
    .locator('.panel .view-lines', { hasText: '■ cancelled' })
    .first()
    .waitFor({ timeout: 15_000 });
}
