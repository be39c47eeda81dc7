/**
 * The VS Code extension entry point. This is the only folder that imports `vscode`.
 *
 * For now it registers nothing but the output channel; the language client, commands and views
 * arrive with the editor issue. Activation must stay cheap: no tfjs, no Pyodide here.
 */
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel('Scope Lens');
  context.subscriptions.push(output);
}

export function deactivate(): void {}
