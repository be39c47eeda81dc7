/**
 * The language client: starts the Scope Lens language server (`node dist/server.js --stdio`)
 * and offers its two custom requests to the rest of the extension. Everything the server
 * provides through standard LSP (diagnostics, hover, definition, references, highlights, code
 * lenses, quick fixes, inlay hints, symbols) is wired by vscode-languageclient itself; this file
 * adds no feature logic.
 *
 * The server module is `dist/server.js` in the extension's folder. `SCOPE_LENS_SERVER_MODULE` in
 * the extension host's environment points at another one (a development build of the server, or
 * the editor tests' stand-in when the server is not built). When the module is missing the client
 * is not started and `state` says so; analysis features are then off, runs still work.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import {
  LanguageClient,
  LanguageClientOptions,
  RequestType,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import { LANGUAGE_IDS, SECTION } from './config';
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
  private client: LanguageClient | null = null;
  private current: ServerState;
  private readonly ready: Promise<boolean>;
  private readonly changed = new vscode.EventEmitter<ServerState>();
  /** Fires when the server starts, stops or fails. */
  readonly onDidChangeState = this.changed.event;

  constructor(context: vscode.ExtensionContext) {
    this.serverModule =
      process.env.SCOPE_LENS_SERVER_MODULE || context.asAbsolutePath('dist/server.js');
    if (!fs.existsSync(this.serverModule)) {
      this.current = 'missing';
      this.ready = Promise.resolve(false);
      return;
    }
    this.current = 'starting';
    const client = new LanguageClient(
      'scopeLens',
      'Scope Lens Language Server',
      serverOptions(this.serverModule),
      clientOptions(),
    );
    this.client = client;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) this.setState('running');
      else if (e.newState === State.Stopped && this.current !== 'failed') this.setState('stopped');
    });
    this.ready = client.start().then(
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
        return `The Scope Lens language server is not installed with this extension (${this.serverModule} is missing).`;
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

function serverOptions(module: string): ServerOptions {
  return {
    run: { module, transport: TransportKind.stdio },
    debug: {
      module,
      transport: TransportKind.stdio,
      options: { execArgv: ['--nolazy', '--inspect=6011'] },
    },
  };
}

function clientOptions(): LanguageClientOptions {
  return {
    documentSelector: LANGUAGE_IDS.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
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
