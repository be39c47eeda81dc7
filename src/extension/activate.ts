/**
 * The extension's wiring, the same on every host: `activateOn` starts the language client, creates
 * the output channel, the Variables and Run results views and the run service, registers the
 * command table, and hands every disposable to the extension context. It returns a small API the
 * editor tests use to see what a person would see (the output channel's text, the views' contents).
 *
 * Activation stays cheap: no tfjs, no Pyodide, no analyzer here. The analysis runs in the language
 * server (a process, or a web worker in the browser); programs run in the runtime's worker, which
 * the first run starts (run.ts). What differs per host is an `ExtensionPlatform` (platform.ts):
 * extension.ts is the desktop's entry, web.ts the browser's. Only this folder imports `vscode`.
 */
import * as vscode from 'vscode';
import { ScopeLensClient, ServerState } from './client';
import { registerCommands } from './commands';
import { Output } from './output';
import { RunService } from './run';
import type { RunRecord } from './run';
import { RunResultsView } from './run-results-view';
import type { HistogramMessage, ResultsMessage } from './webview-protocol';
import { TreeSnapshot, VariablesView } from './variables-view';
import { CheckpointView, KeyItem } from './checkpoint-view';
import type { ExtensionPlatform } from './platform';

/** What `activate` returns: read-only views of the extension's state, for the editor tests. */
export interface ScopeLensApi {
  /** Milliseconds `activate` took (the language server starts in the background). */
  readonly activationMs: number;
  /** The server module the client starts, and whether it runs. */
  readonly serverModule: string;
  serverState(): ServerState;
  /** Resolves true once the server runs; false if it is missing or failed. */
  whenServerReady(): Promise<boolean>;
  /** Everything written to the "Scope Lens" output channel. */
  outputText(): string;
  /** Whether a run has loaded the runtime (the runner module and its worker). */
  runtimeStarted(): boolean;
  lastRun(): RunRecord | undefined;
  /** The Variables view: refresh it for the active editor, then read its tree. */
  refreshVariables(): Promise<void>;
  variablesTree(): TreeSnapshot[];
  /** The Run results view: whether its webview was created, and what it shows. */
  runResults(): {
    resolved: boolean;
    results: ResultsMessage;
    histogram: HistogramMessage | null;
    posted: number;
  };
  selectRunVariable(name: string): boolean;
  /** The Checkpoint Keys view: refresh it, then read it. */
  checkpointKeys(): Promise<{ checkpoint: string | null; keys: KeyItem[] }>;
}

let active: { client: ScopeLensClient; runs: RunService } | null = null;

/** Activates the extension on the host `platform` describes (node-platform.ts, web.ts). */
export function activateOn(
  context: vscode.ExtensionContext,
  platform: ExtensionPlatform,
): ScopeLensApi {
  const started = performance.now();
  const output = new Output();
  const client = new ScopeLensClient(
    platform.languageClient(context),
    platform.serverModule(context),
  );
  const runs = new RunService(output, platform);
  const variables = new VariablesView(client);
  const runResults = new RunResultsView(context.extensionUri, runs);
  const checkpoints = new CheckpointView(client);
  context.subscriptions.push(
    output,
    client,
    runs,
    variables,
    runResults,
    checkpoints,
    ...registerCommands({ client, output, runs, variables, runResults, checkpoints }),
  );
  active = { client, runs };
  // The run commands' menu items show for the languages that run here (Python only in a browser).
  void vscode.commands.executeCommand(
    'setContext',
    'scopeLens.runnableLanguages',
    runs.runnableLanguageIds(),
  );
  if (client.state === 'missing') {
    output.appendLine(
      `Scope Lens: ${client.unavailableReason()} Diagnostics, hovers and the Variables view need it; running programs works without it.`,
    );
  }
  const activationMs = performance.now() - started;
  return {
    activationMs,
    serverModule: client.serverModule,
    serverState: () => client.state,
    whenServerReady: () => client.whenReady(),
    outputText: () => output.text(),
    runtimeStarted: () => runs.started,
    lastRun: () => runs.lastRun,
    refreshVariables: () => variables.refresh(),
    variablesTree: () => variables.snapshot(),
    runResults: () => ({
      resolved: runResults.resolved,
      ...runResults.model(),
      posted: runResults.posted.length,
    }),
    selectRunVariable: (name) => runResults.select(name),
    checkpointKeys: async () => {
      await checkpoints.refresh();
      return checkpoints.snapshot();
    },
  };
}

/** Stops the language server and the run worker; VS Code waits for the promise. */
export async function deactivate(): Promise<void> {
  const current = active;
  active = null;
  if (current) await Promise.all([current.client.dispose(), current.runs.dispose()]);
}
