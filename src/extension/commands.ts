/**
 * The command table: every command the extension registers, by id, with its handler. package.json
 * contributes the same ids (test/extension/manifest.test.ts holds the two equal). Handlers return
 * what they did, for the tests; people see messages, the output channel and the views.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ScopeLensClient } from './client';
import { isSupportedLanguage } from './config';
import { ExportFormat, formatExport } from './model/export';
import { summarize, VariableNode } from './model/summary';
import type { Output } from './output';
import { REVEAL_VARIABLES_COMMAND } from './protocol';
import { RUN_RESULTS_VIEW, RunResultsView } from './run-results-view';
import type { RunService } from './run';
import type { VariablesView } from './variables-view';
import type { CheckpointView } from './checkpoint-view';

export const COMMANDS = {
  runFile: 'scopeLens.runFile',
  runSelection: 'scopeLens.runSelection',
  copyVariableName: 'scopeLens.copyVariableName',
  exportVariableNames: 'scopeLens.exportVariableNames',
  restartRuntime: 'scopeLens.restartRuntime',
  showOutput: 'scopeLens.showOutput',
  showRunResults: 'scopeLens.showRunResults',
  refreshVariables: 'scopeLens.refreshVariables',
  revealVariables: REVEAL_VARIABLES_COMMAND,
  compareWithCheckpoint: 'scopeLens.compareWithCheckpoint',
} as const;

export interface Services {
  readonly client: ScopeLensClient;
  readonly output: Output;
  readonly runs: RunService;
  readonly variables: VariablesView;
  readonly runResults: RunResultsView;
  readonly checkpoints: CheckpointView;
}

/** Export's options when called with arguments (tests, keybindings) instead of the pickers. */
export interface ExportOptions {
  readonly format?: ExportFormat;
  /** `untitled`: a new unsaved document; a URI (string or Uri): write that file. */
  readonly target?: 'untitled' | string | vscode.Uri;
}

export function registerCommands(services: Services): vscode.Disposable[] {
  const { client, output, runs, variables } = services;
  const table: Record<string, (...args: never[]) => unknown> = {
    [COMMANDS.runFile]: (uri?: vscode.Uri) =>
      runs.runFile(uri instanceof vscode.Uri ? uri : undefined),
    [COMMANDS.runSelection]: () => runs.runSelection(),
    [COMMANDS.copyVariableName]: (node?: VariableNode) => copyVariableName(client, node),
    [COMMANDS.exportVariableNames]: (options?: ExportOptions) =>
      exportVariableNames(client, options ?? {}),
    [COMMANDS.restartRuntime]: () => runs.restart(),
    [COMMANDS.showOutput]: () => output.show(false),
    [COMMANDS.showRunResults]: () => vscode.commands.executeCommand(`${RUN_RESULTS_VIEW}.focus`),
    [COMMANDS.refreshVariables]: () => variables.refresh(),
    [COMMANDS.revealVariables]: (uri: string, line: number) =>
      variables.reveal(vscode.Uri.parse(uri), Number(line)),
    [COMMANDS.compareWithCheckpoint]: (target?: string | vscode.Uri | null) =>
      compareWithCheckpoint(services, target),
  };
  return Object.entries(table).map(([id, handler]) =>
    vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown),
  );
}

/** Copies the full name of the variable at the cursor (or of a Variables view item). */
async function copyVariableName(
  client: ScopeLensClient,
  node?: VariableNode,
): Promise<string | undefined> {
  let name: string | undefined;
  if (node && node.kind === 'variable') {
    name = node.name;
  } else {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isSupportedLanguage(editor.document.languageId)) {
      void vscode.window.showWarningMessage(
        'Scope Lens: put the cursor on a get_variable call in a Python, TypeScript or JavaScript file.',
      );
      return undefined;
    }
    const unavailable = client.unavailableReason();
    if (unavailable && client.state !== 'starting') {
      void vscode.window.showErrorMessage(`Scope Lens: ${unavailable}`);
      return undefined;
    }
    const found = await client.variableAt(editor.document.uri, editor.selection.active);
    if (!found) {
      void vscode.window.showWarningMessage(
        'Scope Lens: no variable at the cursor (put it on a get_variable call or a variable).',
      );
      return undefined;
    }
    const names = found.names.length > 0 ? found.names : [found.name];
    name =
      names.length === 1
        ? names[0]
        : await vscode.window.showQuickPick(names, {
            title: 'This call may create or reuse several variables',
            placeHolder: 'Full name to copy',
          });
  }
  if (!name) return undefined;
  await vscode.env.clipboard.writeText(name);
  void vscode.window.setStatusBarMessage(`Copied ${name}`, 3000);
  return name;
}

/** Writes the active file's variables as JSON or CSV; returns the document or file written. */
async function exportVariableNames(
  client: ScopeLensClient,
  options: ExportOptions,
): Promise<vscode.Uri | undefined> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !isSupportedLanguage(editor.document.languageId)) {
    void vscode.window.showWarningMessage(
      'Scope Lens: open a Python, TypeScript or JavaScript file to export its variables.',
    );
    return undefined;
  }
  const unavailable = client.unavailableReason();
  if (unavailable && client.state !== 'starting') {
    void vscode.window.showErrorMessage(`Scope Lens: ${unavailable}`);
    return undefined;
  }
  const document = editor.document;
  const answer = await client.analysis(document.uri);
  if (!answer) {
    void vscode.window.showWarningMessage('Scope Lens: no analysis for this file yet.');
    return undefined;
  }
  const format =
    options.format ??
    (
      await vscode.window.showQuickPick(
        [
          { label: 'JSON', format: 'json' as const },
          { label: 'CSV', format: 'csv' as const },
        ],
        { title: 'Export variable names as' },
      )
    )?.format;
  if (!format) return undefined;
  const source = document.uri.scheme === 'file' ? document.uri.fsPath : document.uri.toString();
  const text = formatExport(summarize(answer.analysis), format, source);

  let target = options.target;
  if (target === undefined) {
    const choice = await vscode.window.showQuickPick(
      [
        { label: 'Save to a file…', target: 'file' as const },
        { label: 'Open as a new document', target: 'untitled' as const },
      ],
      { title: 'Export variable names' },
    );
    if (!choice) return undefined;
    if (choice.target === 'file') {
      const base = document.uri.scheme === 'file' ? document.uri.fsPath : 'variables';
      const suggested = `${base.replace(/\.[^./\\]+$/, '')}.variables.${format}`;
      target = await vscode.window.showSaveDialog({
        defaultUri: vscode.Uri.file(suggested),
        filters: format === 'json' ? { JSON: ['json'] } : { CSV: ['csv'] },
        title: 'Export variable names',
      });
      if (!target) return undefined;
    } else {
      target = 'untitled';
    }
  }
  if (target === 'untitled') {
    const doc = await vscode.workspace.openTextDocument({
      content: text,
      language: format === 'json' ? 'json' : 'plaintext',
    });
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc.uri;
  }
  const uri = typeof target === 'string' ? vscode.Uri.parse(target) : target;
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  void vscode.window.showInformationMessage(
    `Scope Lens: exported ${summarize(answer.analysis).variables.length} variables to ${path.basename(uri.path)}.`,
  );
  return uri;
}

/**
 * Compare with Checkpoint…: a checkpoint (a folder with a `checkpoint` file, a prefix's `.index`
 * file, or a data file) chosen in a file picker, or given (tests); `null` goes back to the
 * `scopeLens.checkpoint` setting. The server then reports the calls whose variables it lacks.
 */
async function compareWithCheckpoint(
  services: Services,
  target?: string | vscode.Uri | null,
): Promise<string | null> {
  let chosen: string | null;
  if (target === null) chosen = null;
  else if (target !== undefined) chosen = typeof target === 'string' ? target : target.fsPath;
  else {
    const picked = await vscode.window.showOpenDialog({
      title: 'Scope Lens: Compare with Checkpoint',
      openLabel: 'Compare',
      canSelectFiles: true,
      canSelectFolders: true,
      canSelectMany: false,
      filters: { 'TensorFlow checkpoint': ['index', 'data-*'], 'All files': ['*'] },
    });
    if (!picked || picked.length === 0) return null;
    chosen = picked[0].fsPath;
  }
  const result = await services.client.setCheckpoint(chosen);
  await services.checkpoints.refresh();
  if (chosen !== null && !result?.checkpoint) {
    void vscode.window.showErrorMessage(
      `Scope Lens: ${chosen} is not a readable TensorFlow checkpoint (see the Scope Lens Language Server output).`,
    );
    return null;
  }
  if (result?.checkpoint)
    void vscode.window.showInformationMessage(
      `Scope Lens: comparing the code with ${result.checkpoint}.`,
    );
  return result?.checkpoint ?? null;
}
