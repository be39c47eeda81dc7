/**
 * Helpers for the extension-host suite: the extension and its test API, the workspace's files,
 * waiting on editor state (never fixed sleeps), and skips that say why.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScopeLensApi } from '../../../src/extension/extension';

export const EXTENSION_ID = 'scope-lens.scope-lens';

/** Measurements the suite reports (activation time, ...), written with the results. */
export const metrics: Record<string, number | string> = {};

/** Why a test was skipped, by its full title (mocha's `skip()` takes no reason). */
export const skipReasons = new Map<string, string>();

export function extension(): vscode.Extension<ScopeLensApi> {
  const ext = vscode.extensions.getExtension<ScopeLensApi>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this editor`);
  return ext;
}

export async function api(): Promise<ScopeLensApi> {
  const ext = extension();
  return ext.isActive ? ext.exports : ext.activate();
}

/** Whether the real language server is part of the extension under test. */
export function serverBuilt(): boolean {
  return fs.existsSync(path.join(extension().extensionPath, 'dist', 'server.js'));
}

export const SERVER_NOT_BUILT = 'server not built: dist/server.js is missing in this tree';

/** Skips the current test unless the real server is built, recording the reason. */
export function requireServer(ctx: Mocha.Context): void {
  if (serverBuilt()) return;
  skipReasons.set(ctx.test!.fullTitle(), SERVER_NOT_BUILT);
  ctx.skip();
}

export function workspaceRoot(): string {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite needs a workspace folder');
  return folder.uri.fsPath;
}

export function file(...parts: string[]): vscode.Uri {
  return vscode.Uri.file(path.join(workspaceRoot(), ...parts));
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** Polls `check` until it returns a value other than undefined/false. */
export async function poll<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The 0-based position of the first `needle` on the 1-based `line` of a document (at an offset into it). */
export function positionOf(
  doc: vscode.TextDocument,
  line: number,
  needle: string,
  offset = 0,
): vscode.Position {
  const text = doc.lineAt(line - 1).text;
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`'${needle}' is not on line ${line}: ${text}`);
  return new vscode.Position(line - 1, at + offset);
}

/** Hover contents as plain text. */
export function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace
    .getConfiguration('scopeLens')
    .update(key, value, vscode.ConfigurationTarget.Workspace);
}
