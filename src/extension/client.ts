/**
 * The language client: starts the Scope Lens language server (the host's platform creates the
 * client: a Node process under the desktop, a web worker in the browser) and offers its custom
 * requests to the rest of the extension. Everything the server
 * provides through standard LSP (diagnostics, hover, definition, references, highlights, code
 * lenses, quick fixes, inlay hints, symbols) is wired by vscode-languageclient itself; this file
 * adds no feature logic.
 *
 * When the host has no server module the client is not started and `state` says so; analysis
 * features are then off, runs still work.
 */
import * as vscode from 'vscode';
import {
  BaseLanguageClient,
  LanguageClientOptions,
  RequestType,
  State,
  type DocumentSelector,
} from 'vscode-languageclient';
import { LANGUAGE_IDS, SECTION } from './config';
import type { ServerStart } from './platform';
import {
  ANALYSIS_REQUEST,
  AnalysisParams,
  AnalysisResult,
  VARIABLE_AT_REQUEST,
  VariableAtParams,
  VariableAtResult,
  SET_CHECKPOINT_REQUEST,
  SetCheckpointParams,
  SetCheckpointResult,
  CHECKPOINT_KEYS_REQUEST,
  CheckpointKeysResult,
  REVEAL_VARIABLES_COMMAND,
  type InitializationOptions,
} from './protocol';

const analysisRequest = new RequestType<AnalysisParams, AnalysisResult | null, void>(
  ANALYSIS_REQUEST,
);
const variableAtRequest = new RequestType<VariableAtParams, VariableAtResult | null, void>(
  VARIABLE_AT_REQUEST,
);
const setCheckpointRequest = new RequestType<SetCheckpointParams, SetCheckpointResult, void>(
  SET_CHECKPOINT_REQUEST,
);
const checkpointKeysRequest = new RequestType<null, CheckpointKeysResult, void>(
  CHECKPOINT_KEYS_REQUEST,
);

export type ServerState = 'starting' | 'running' | 'stopped' | 'missing' | 'failed';

export class ScopeLensClient implements vscode.Disposable {
  readonly serverModule: string;
  private client: BaseLanguageClient | null = null;
  private missing: string | undefined;
  private disposed = false;
  private current: ServerState;
  private readonly ready: Promise<boolean>;
  private readonly changed = new vscode.EventEmitter<ServerState>();
  /** Fires when the server starts, stops or fails. */
  readonly onDidChangeState = this.changed.event;

  constructor(start: ServerStart | Promise<ServerStart>, serverModule: string) {
    this.serverModule = serverModule;
    if (!(start instanceof Promise) && 'missing' in start) {
      this.missing = start.missing;
      this.current = 'missing';
      this.ready = Promise.resolve(false);
      return;
    }
    this.current = 'starting';
    this.ready = Promise.resolve(start).then(
      (s) => this.attach(s),
      (error: unknown) => {
        this.missing = `The Scope Lens language server could not start: ${String(error)}`;
        this.setState('missing');
        return false;
      },
    );
  }

  /** Starts the client (a host may need a moment to make it: the browser fetches the worker). */
  private attach(start: ServerStart): Promise<boolean> {
    if ('missing' in start) {
      this.missing = start.missing;
      this.setState('missing');
      return Promise.resolve(false);
    }
    if (this.disposed) return Promise.resolve(false);
    const client = start.client;
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.setState('running');
      else if (e.newState === State.Stopped && this.current !== 'failed') this.setState('stopped');
    });
    return client.start().then(
      () => true,
      (error: unknown) => {
        this.setState('failed');
        client.error('Scope Lens: the language server did not start', error, 'force');
        return false;
      },
    );
  }

  get state(): ServerState {
    return this.current;
  }

  /** Resolves true once the server runs, false if it is missing or failed to start. */
  whenReady(): Promise<boolean> {
    return this.ready;
  }

  /** A sentence for people when the server cannot answer; undefined when it can. */
  unavailableReason(): string | undefined {
    switch (this.current) {
      case 'running':
        return undefined;
      case 'starting':
        return 'The Scope Lens language server is starting.';
      case 'missing':
        return this.missing;
      case 'failed':
        return 'The Scope Lens language server failed to start (see the "Scope Lens Language Server" output).';
      case 'stopped':
        return 'The Scope Lens language server has stopped.';
    }
  }

  /** The server's analysis of an open document; null when it has none (or is not running). */
  async analysis(uri: vscode.Uri): Promise<AnalysisResult | null> {
    if (!(await this.ready) || !this.client) return null;
    return this.client.sendRequest(analysisRequest, { textDocument: { uri: uri.toString() } });
  }

  /** The full name of the variable at a position; null when there is none. */
  async variableAt(uri: vscode.Uri, position: vscode.Position): Promise<VariableAtResult | null> {
    if (!(await this.ready) || !this.client) return null;
    return this.client.sendRequest(variableAtRequest, {
      textDocument: { uri: uri.toString() },
      position: { line: position.line, character: position.character },
    });
  }

  /** Compares the code with this checkpoint (null: back to `scopeLens.checkpoint`). */
  async setCheckpoint(path: string | null): Promise<SetCheckpointResult | null> {
    if (!(await this.ready) || !this.client) return null;
    return this.client.sendRequest(setCheckpointRequest, { path });
  }

  /** The active checkpoint's keys that no open document creates. */
  async checkpointKeys(): Promise<CheckpointKeysResult> {
    if (!(await this.ready) || !this.client) return null;
    return this.client.sendRequest(checkpointKeysRequest, null);
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const client = this.client;
    this.client = null;
    this.changed.dispose();
    if (client && client.state !== State.Stopped) {
      try {
        await client.stop(2000);
      } catch {
        // Already gone.
      }
    }
  }

  private setState(state: ServerState): void {
    if (state === this.current) return;
    this.current = state;
    this.changed.fire(state);
  }
}

/** The documents the server analyses: saved files and untitled ones (Node), or any scheme. */
export function documentSelector(schemes: readonly string[] | 'any'): DocumentSelector {
  return LANGUAGE_IDS.flatMap((language) =>
    schemes === 'any' ? [{ language }] : schemes.map((scheme) => ({ scheme, language })),
  );
}

/** The client's options, the same on every host but for which documents it sends. */
export function clientOptions(
  selector: DocumentSelector,
  initializationOptions?: InitializationOptions,
): LanguageClientOptions {
  return {
    documentSelector: selector,
    ...(initializationOptions ? { initializationOptions } : {}),
    synchronize: { configurationSection: SECTION },
    // The server's own log; the "Scope Lens" channel is for program output.
    outputChannelName: 'Scope Lens Language Server',
    middleware: {
      // A scope's lens names the errors under it in its command's third argument (the
      // converter drops LSP 3.18's `Command.tooltip`): shown as the lens's tooltip.
      async provideCodeLenses(document, token, next) {
        const lenses = await next(document, token);
        for (const lens of lenses ?? []) withLensTooltip(lens);
        return lenses;
      },
    },
  };
}

/** Sets a scope lens's tooltip from its command's arguments (`RevealVariablesArgs`). */
export function withLensTooltip(lens: vscode.CodeLens): vscode.CodeLens {
  const command = lens.command;
  const tooltip =
    command?.command === REVEAL_VARIABLES_COMMAND ? command.arguments?.[2] : undefined;
  if (command && typeof tooltip === 'string') command.tooltip = tooltip;
  return lens;
}
