/**
 * What the extension needs from the host it runs in: the desktop's extension host (Node:
 * extension.ts starts the server as a process and runs programs in a worker thread) or a
 * browser's web-worker extension host (web.ts: the server in a web worker, no file system).
 * Everything else in this folder is the same in both.
 */
import type * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { RunHandlers, RunRequest, RunResult } from '../runtime/runner';

/** The runtime as the run commands use it (src/runtime/runner.ts's `Runner` under Node). */
export interface RunnerLike {
  run(request: RunRequest, handlers?: RunHandlers): Promise<RunResult>;
  dispose(): Promise<void>;
}

/** A language client to start, or why there is none. */
export type ServerStart = { readonly client: BaseLanguageClient } | { readonly missing: string };

export interface ExtensionPlatform {
  /** Where the server module is (shown in messages and to the tests). */
  serverModule(context: vscode.ExtensionContext): string;
  /** Creates (does not start) the language client; the browser resolves it after a fetch. */
  languageClient(context: vscode.ExtensionContext): ServerStart | Promise<ServerStart>;
  /** Starts the runtime on the first run; undefined where programs cannot run. */
  readonly createRunner: (() => Promise<RunnerLike>) | undefined;
  /** Why programs cannot run here (shown when `createRunner` is undefined). */
  readonly runUnavailable?: string;
  /**
   * The file name a run of `uri` gets (tracebacks name it; its folder is importable). Default:
   * a `file:` URI's path, any other URI as it is.
   */
  runFilename?(uri: vscode.Uri): string;
  /** Printed in the output before the first run: how running here differs from the desktop. */
  readonly runNote?: string;
  /** Why programs of this language do not run here; undefined: they do. */
  languageUnavailable?(language: 'python' | 'typescript' | 'javascript'): string | undefined;
}
