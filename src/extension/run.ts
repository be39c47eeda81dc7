/**
 * Run File and Run Selection: a document's Python (in Pyodide) or TypeScript/JavaScript (on the
 * engine) runs in the runtime's worker thread (src/runtime/runner.ts), never in the extension
 * host. Output streams into the "Scope Lens" output channel; a notification shows progress with
 * a Cancel button; `scopeLens.run.timeout` stops a program that runs too long; an uncaught error
 * is printed as `file:line:column` (a link in the output) and shown on its line as a diagnostic
 * until the file is edited or run again; the variables the run created go to the Run results view.
 *
 * The runner module is imported on the first run, and the worker (tfjs, Pyodide) starts only
 * then: activation loads neither. Running code is refused in an untrusted workspace.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExtensionPlatform, RunnerLike } from './platform';
import type { Language, RunResult, RunVariable } from '../runtime/runner';
import { untilAborted } from '../runtime/run-queue';
import { runTimeoutMs } from './config';
import { selectionProgram } from './model/snippet';
import { summaryLine } from './model/run-summary';
import type { Output } from './output';

export type RunStatus =
  | 'ok'
  | 'error'
  | 'timeout'
  | 'cancelled'
  | 'untrusted'
  | 'unsupported'
  | 'no-editor'
  | 'unavailable';

/** What a run command returns (the tests read it; people read the output channel). */
export interface RunSummary {
  readonly status: RunStatus;
  readonly file?: string;
  readonly language?: Language;
  readonly exitCode?: number;
  readonly error?: { type: string; message: string; file?: string; line?: number };
  readonly durationMs?: number;
  readonly variables?: string[];
}

/** The last run, as the Run results view shows it. */
export interface RunRecord {
  readonly file: string;
  readonly label: string;
  readonly status: RunStatus;
  readonly durationMs: number;
  readonly finishedAt: Date;
  readonly variables: readonly RunVariable[];
}

const LANGUAGES: Record<string, Language> = {
  python: 'python',
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
};

const LANGUAGE_NAMES: Record<Language, string> = {
  python: 'Python',
  typescript: 'TypeScript',
  javascript: 'JavaScript',
};

export const UNTRUSTED_MESSAGE =
  'Scope Lens: running programs is disabled in Restricted Mode. Trust this workspace to use Run File and Run Selection; analysis keeps working.';

export class RunService implements vscode.Disposable {
  private runner: RunnerLike | null = null;
  /** The runner being created by a first run (cleared by restart, dispose, or a failure). */
  private starting: Promise<RunnerLike> | null = null;
  private disposed = false;
  private readonly errors = vscode.languages.createDiagnosticCollection('scope-lens-run');
  private readonly finished = new vscode.EventEmitter<RunRecord>();
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Fires after every run that started (not for refused ones). */
  readonly onDidFinishRun = this.finished.event;
  private last: RunRecord | undefined;
  /** Pyodide is loaded in the current worker (so the progress need not say it is loading). */
  private pythonLoaded = false;
  /** The platform's run note was printed. */
  private noted = false;

  private readonly createRunner: (() => Promise<RunnerLike>) | undefined;
  private readonly unavailable: string;

  /**
   * The platform's `createRunner` starts the runtime (the first run calls it); undefined where
   * programs cannot run, with `runUnavailable` saying why.
   */
  constructor(
    private readonly output: Output,
    private readonly platform: Pick<
      ExtensionPlatform,
      'createRunner' | 'runUnavailable' | 'runFilename' | 'languageUnavailable' | 'runNote'
    >,
  ) {
    this.createRunner = platform.createRunner;
    this.unavailable = platform.runUnavailable ?? '';
    // A run's error marker belongs to the text it ran: editing the file clears it.
    this.subscriptions.push(
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.errors.has(e.document.uri)) {
          this.errors.delete(e.document.uri);
        }
      }),
    );
  }

  /** Whether the runtime's worker module has been loaded (by a run). */
  get started(): boolean {
    return this.runner !== null;
  }

  get lastRun(): RunRecord | undefined {
    return this.last;
  }

  async runFile(uri?: vscode.Uri): Promise<RunSummary> {
    const document = uri
      ? await vscode.workspace.openTextDocument(uri)
      : vscode.window.activeTextEditor?.document;
    if (!document) return this.refuse('no-editor', 'Scope Lens: open a file to run it.');
    return this.run(document, document.getText(), null, 'Run File');
  }

  async runSelection(): Promise<RunSummary> {
    const editor = vscode.window.activeTextEditor;
    if (!editor) return this.refuse('no-editor', 'Scope Lens: open a file and select code to run.');
    const { document, selection } = editor;
    // An empty selection runs the cursor's line.
    const range = selection.isEmpty ? document.lineAt(selection.active.line).range : selection;
    const program = selectionProgram(
      document.getText(),
      document.getText(range),
      range.start.line,
      document.languageId === 'python',
    );
    const note =
      program.importLines > 0
        ? `from line ${program.firstLine}, after the file's imports`
        : `from line ${program.firstLine}`;
    return this.run(document, program.code, note, 'Run Selection');
  }

  /** Ends the worker; the next run starts a fresh one (and loads Pyodide again). */
  async restart(): Promise<void> {
    const runner = this.runner;
    this.runner = null;
    this.starting = null;
    if (runner) await runner.dispose();
    this.output.newLine();
    this.output.appendLine('Scope Lens: runtime restarted; the next run starts a fresh one.');
  }

  async dispose(): Promise<void> {
    for (const s of this.subscriptions) s.dispose();
    this.errors.dispose();
    this.finished.dispose();
    this.disposed = true;
    const runner = this.runner;
    this.runner = null;
    this.starting = null;
    if (runner) await runner.dispose();
  }

  /** Runs `code` as the document's text (line N of `code` is line N of the document). */
  private async run(
    document: vscode.TextDocument,
    code: string,
    note: string | null,
    what: string,
  ): Promise<RunSummary> {
    if (!vscode.workspace.isTrusted) {
      this.output.newLine();
      this.output.appendLine(UNTRUSTED_MESSAGE);
      void vscode.window
        .showErrorMessage(UNTRUSTED_MESSAGE, 'Manage Workspace Trust')
        .then((choice) => {
          if (choice) void vscode.commands.executeCommand('workbench.trust.manage');
        });
      return { status: 'untrusted' };
    }
    if (!this.createRunner) return this.refuse('unavailable', this.unavailable);
    const language = LANGUAGES[document.languageId];
    if (!language) {
      return this.refuse(
        'unsupported',
        `Scope Lens: ${what} runs Python, TypeScript and JavaScript files, not ${document.languageId}.`,
      );
    }
    const refusal = this.platform.languageUnavailable?.(language);
    if (refusal) return this.refuse('unsupported', refusal);
    const file = this.runFilename(document);
    const label = document.isUntitled ? document.uri.path : path.basename(document.uri.fsPath);
    this.errors.delete(document.uri);
    this.output.newLine();
    if (this.platform.runNote && !this.noted) {
      this.output.appendLine(this.platform.runNote);
      this.noted = true;
    }
    this.output.appendLine(
      `▶ ${what}: ${file}${note ? ` (${note})` : ''} — ${LANGUAGE_NAMES[language]}`,
    );
    this.output.show(true);

    const controller = new AbortController();
    const timeoutMs = runTimeoutMs(document.uri);
    const result = await vscode.window.withProgress(
      {
        location: vscode.ProgressLocation.Notification,
        title: `Scope Lens: running ${label}`,
        cancellable: true,
      },
      async (progress, token): Promise<RunResult> => {
        token.onCancellationRequested(() => controller.abort());
        if (language === 'python' && !this.pythonLoaded) {
          progress.report({ message: 'loading Python (the first run takes a few seconds)…' });
        }
        // Starting the runtime (in a browser: fetching Pyodide's files) is part of the run the
        // notification shows, and can be cancelled like it.
        const began = Date.now();
        let runner: RunnerLike;
        try {
          const started = await this.ensureRunner(controller.signal);
          if (!started) return { exitCode: 1, cancelled: true, durationMs: Date.now() - began };
          runner = started;
        } catch (error) {
          return {
            exitCode: 1,
            error: {
              type: 'WorkerError',
              message: `scope-lens: the runtime could not start: ${(error as Error).message ?? String(error)}`,
            },
            durationMs: Date.now() - began,
          };
        }
        const r = await runner.run(
          {
            language,
            code,
            filename: file,
            firstLine: 1,
            timeoutMs,
            collectVariables: {},
            ...(document.isUntitled ? workspaceCwd() : {}),
          },
          {
            onStdout: (s) => this.output.append(s),
            onStderr: (s) => this.output.append(s),
            signal: controller.signal,
          },
        );
        // A stopped run took its worker, and Pyodide with it.
        if (language === 'python') this.pythonLoaded = !r.cancelled && !r.timedOut;
        return r;
      },
    );
    return this.report(document, file, label, language, result);
  }

  private report(
    document: vscode.TextDocument,
    file: string,
    label: string,
    language: Language,
    result: RunResult,
  ): RunSummary {
    const seconds = (result.durationMs / 1000).toFixed(2);
    const status: RunStatus = result.cancelled
      ? 'cancelled'
      : result.timedOut
        ? 'timeout'
        : result.exitCode === 0
          ? 'ok'
          : 'error';
    this.output.newLine();
    const err = result.error;
    if (status === 'ok') {
      this.output.appendLine(`✓ finished in ${seconds} s`);
    } else if (status === 'cancelled') {
      this.output.appendLine(`■ cancelled after ${seconds} s`);
    } else if (status === 'timeout') {
      this.output.appendLine(
        `✗ stopped: ${err?.message ?? 'timed out'} (setting scopeLens.run.timeout)`,
      );
    } else {
      const where = err?.file && err.line ? `${err.file}:${err.line}:${err.column ?? 1}` : '';
      this.output.appendLine(summaryLine(err?.type ?? 'Error', err?.message ?? '', where));
      this.markError(document, file, result);
    }
    const variables = result.variables ?? [];
    this.last = {
      file,
      label,
      status,
      durationMs: result.durationMs,
      finishedAt: new Date(),
      variables,
    };
    this.finished.fire(this.last);
    return {
      status,
      file,
      language,
      exitCode: result.exitCode,
      ...(err
        ? {
            error: {
              type: err.type,
              message: err.message,
              ...(err.file ? { file: err.file } : {}),
              ...(err.line ? { line: err.line } : {}),
            },
          }
        : {}),
      durationMs: result.durationMs,
      variables: variables.map((v) => v.name),
    };
  }

  /** The error's line in the run's own file gets a diagnostic (other files: only the output). */
  private markError(document: vscode.TextDocument, file: string, result: RunResult): void {
    const err = result.error;
    if (!err?.line || (err.file && err.file !== file)) return;
    const line = Math.min(Math.max(0, err.line - 1), document.lineCount - 1);
    const text = document.lineAt(line);
    const start = err.column ? Math.max(0, err.column - 1) : text.firstNonWhitespaceCharacterIndex;
    const range = new vscode.Range(line, start, line, Math.max(start, text.range.end.character));
    const diagnostic = new vscode.Diagnostic(
      range,
      `${err.type}: ${err.message}`,
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = 'Scope Lens (run)';
    this.errors.set(document.uri, [diagnostic]);
  }

  private refuse(status: RunStatus, message: string): RunSummary {
    void vscode.window.showWarningMessage(message);
    return { status };
  }

  /** The editor's language IDs whose programs run here (the run menus show for these). */
  runnableLanguageIds(): string[] {
    if (!this.createRunner) return [];
    return Object.keys(LANGUAGES).filter(
      (id) => !this.platform.languageUnavailable?.(LANGUAGES[id]),
    );
  }

  private runFilename(document: vscode.TextDocument): string {
    return (this.platform.runFilename ?? defaultRunFilename)(document.uri);
  }

  /**
   * The runner, created by the first run; runs that ask while it is being created wait for the
   * same one. Undefined when `signal` aborts first (the creation goes on, for the next run); a
   * creation that failed is tried again by the next run.
   */
  private async ensureRunner(signal: AbortSignal): Promise<RunnerLike | undefined> {
    if (this.runner) return this.runner;
    if (this.disposed) throw new Error('Scope Lens is shutting down');
    if (!this.starting) {
      const starting = (this.createRunner as () => Promise<RunnerLike>)().then(
        (runner) => {
          if (this.starting === starting) {
            this.runner = runner;
            this.pythonLoaded = false;
          } else {
            // Restarted or disposed while it was being created.
            void runner.dispose();
          }
          return runner;
        },
        (error: unknown) => {
          if (this.starting === starting) this.starting = null;
          throw error;
        },
      );
      this.starting = starting;
    }
    const starting = this.starting;
    const runner = await untilAborted(starting, signal);
    // Restarted while this run waited: it waits for the runner that now serves runs.
    if (runner && this.runner !== runner) return this.ensureRunner(signal);
    return runner;
  }
}

/** Tracebacks name a saved file by its path, an untitled one by its URI. */
function defaultRunFilename(uri: vscode.Uri): string {
  return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}

/** An untitled document runs in the first workspace folder, if there is one on disk. */
function workspaceCwd(): { cwd?: string } {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  return folder ? { cwd: folder.uri.fsPath } : {};
}
