/**
 * The settings the client itself reads (the language server reads the rest of `scopeLens.*`
 * through `synchronize.configurationSection`). One typed place, so package.json's
 * `contributes.configuration` and the code cannot drift apart silently.
 */
import * as vscode from 'vscode';

export const SECTION = 'scopeLens';

/** The languages the extension serves, as VS Code language ids. */
export const LANGUAGE_IDS = [
  'python',
  'typescript',
  'javascript',
  'typescriptreact',
  'javascriptreact',
] as const;

export function isSupportedLanguage(languageId: string): boolean {
  return (LANGUAGE_IDS as readonly string[]).includes(languageId);
}

/** `scopeLens.run.timeout`, in milliseconds (0: no limit). */
export function runTimeoutMs(scope?: vscode.Uri): number {
  const seconds = vscode.workspace.getConfiguration(SECTION, scope).get<number>('run.timeout', 30);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}
