/**
 * Runs TypeScript and JavaScript programs that use the engine API, inside the run worker.
 *
 * The program is transpiled with the TypeScript compiler's `transpileModule` (CommonJS, with a
 * source map; the code is padded with `firstLine - 1` newlines so lines are the lines of the file
 * a snippet came from) and compiled with `vm.compileFunction` under the user's file name. It runs
 * as a CommonJS module would, with:
 *
 * - `require('scope-lens')` → the engine this worker uses (so `resetDefaultGraph()` between runs
 *   resets the program's graph); any other module is resolved from the program's folder.
 * - `console` and `process.stdout`/`process.stderr` writing to the run's streams;
 *   `process.exit(code)` ending the run (not the worker).
 * - Timers tracked: like Node, the run ends when the module body has returned and no timer is
 *   pending (promise chains settle in between); an error thrown by a timer callback or an
 *   unhandled rejection ends it with that error.
 * - The engine's "Originally defined at:" call sites pointing at the program's lines.
 *
 * An uncaught error is printed as Node prints one (the source line, a caret, `Name: message` and
 * the stack), with only the program's frames, mapped through the source map to its lines.
 */
import { Console } from 'node:console';
import { createRequire, SourceMap } from 'node:module';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import * as util from 'node:util';
import * as vm from 'node:vm';
import type * as TS from 'typescript';
import type * as Engine from '../index';
import type { OutputSink, RunError, RunRequest, WorkerRunResult } from './protocol';
import { isVirtualFilename } from './paths';

type EngineModule = typeof Engine;

/** Thrown by the program's `process.exit()`; ends the run with that status. */
class ExitRequest {
  constructor(readonly code: number) {}
}

interface Frame {
  fn: string | undefined;
  line: number;
  column: number;
}

const realTimers = {
  setTimeout: globalThis.setTimeout,
  setInterval: globalThis.setInterval,
  setImmediate: globalThis.setImmediate,
  clearTimeout: globalThis.clearTimeout,
  clearInterval: globalThis.clearInterval,
  clearImmediate: globalThis.clearImmediate,
};

/** Parses V8 stack lines (`at fn (file:line:col)` / `at file:line:col`) for one file. */
function framesIn(stack: string, file: string): Frame[] {
  const frames: Frame[] = [];
  for (const raw of stack.split('\n')) {
    const m = /^\s*at (?:(.*?) \()?(.*):(\d+):(\d+)\)?$/.exec(raw);
    if (!m || m[2] !== file) continue;
    frames.push({ fn: m[1], line: Number(m[3]), column: Number(m[4]) });
  }
  return frames;
}

/** One program run: its streams, timers, source map and the first uncaught error. */
class ScriptRun {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly console: Console;
  private readonly pending = new Set<unknown>();
  private wake: (() => void) | null = null;
  failure: { error: unknown } | null = null;
  exit: ExitRequest | null = null;
  exitCode = 0;

  constructor(
    readonly file: string,
    readonly lines: string[],
    private readonly map: SourceMap | null,
    sink: OutputSink,
  ) {
    const stream = (write: (s: string) => void) =>
      new Writable({
        decodeStrings: false,
        write(chunk: string | Buffer, _enc, cb) {
          write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
          cb();
        },
      });
    this.stdout = stream((s) => sink.stdout(s));
    this.stderr = stream((s) => sink.stderr(s));
    this.console = new Console({ stdout: this.stdout, stderr: this.stderr, colorMode: false });
  }

  /** Records the first uncaught error (or exit request) and wakes `settle`. */
  fail(error: unknown): void {
    if (error instanceof ExitRequest) this.exit ??= error;
    else this.failure ??= { error };
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  private get done(): boolean {
    return this.failure !== null || this.exit !== null;
  }

  /** Calls a timer callback as the program's code: errors end the run. */
  private guard(fn: unknown, args: unknown[]): void {
    if (this.done) return;
    try {
      if (typeof fn === 'function') fn(...args);
    } catch (e) {
      this.fail(e);
    }
  }

  /** Replaces the global timer functions with ones that track the program's timers. */
  installTimers(): void {
    const track = <H extends object>(h: H): H => {
      this.pending.add(h);
      const unref = (h as { unref?: () => H }).unref;
      if (typeof unref === 'function') {
        // An unref'd timer does not keep the program alive (as in Node).
        (h as { unref: () => H }).unref = () => {
          this.pending.delete(h);
          this.notify();
          return unref.call(h);
        };
      }
      return h;
    };
    const forget = (h: unknown) => {
      this.pending.delete(h);
      this.notify();
    };
    const g = globalThis as unknown as Record<string, unknown>;
    g.setTimeout = (fn: unknown, ms?: number, ...args: unknown[]) => {
      const h: unknown = realTimers.setTimeout(() => {
        this.pending.delete(h);
        this.guard(fn, args);
        this.notify();
      }, ms);
      return track(h as object);
    };
    g.setInterval = (fn: unknown, ms?: number, ...args: unknown[]) =>
      track(
        realTimers.setInterval(() => {
          this.guard(fn, args);
          this.notify();
        }, ms),
      );
    g.setImmediate = (fn: unknown, ...args: unknown[]) => {
      const h: unknown = realTimers.setImmediate(() => {
        this.pending.delete(h);
        this.guard(fn, args);
        this.notify();
      });
      return track(h as object);
    };
    g.clearTimeout = (h: NodeJS.Timeout | undefined) => {
      realTimers.clearTimeout(h);
      forget(h);
    };
    g.clearInterval = (h: NodeJS.Timeout | undefined) => {
      realTimers.clearInterval(h);
      forget(h);
    };
    g.clearImmediate = (h: NodeJS.Immediate | undefined) => {
      realTimers.clearImmediate(h);
      forget(h);
    };
  }

  /** Restores the global timers and cancels whatever the program left pending. */
  uninstallTimers(): void {
    Object.assign(globalThis, realTimers);
    for (const h of this.pending) {
      realTimers.clearTimeout(h as NodeJS.Timeout);
      realTimers.clearImmediate(h as NodeJS.Immediate);
    }
    this.pending.clear();
    this.notify();
  }

  /** Resolves when the program is done: no pending timers (or an error, or an exit). */
  async settle(): Promise<void> {
    for (;;) {
      // Lets promise chains run (microtasks) and already-queued callbacks fire.
      await new Promise<void>((r) => realTimers.setImmediate(r));
      if (this.done || this.pending.size === 0) return;
      await new Promise<void>((r) => (this.wake = r));
    }
  }

  /** A generated position → the user's line and column (1-based). */
  mapPosition(line: number, column: number): { line: number; column: number } {
    if (!this.map) return { line, column };
    const e = this.map.findEntry(line - 1, column - 1) as
      { originalLine?: number; originalColumn?: number } | undefined;
    if (!e || e.originalLine === undefined || e.originalColumn === undefined) {
      return { line, column };
    }
    return { line: e.originalLine + 1, column: e.originalColumn + 1 };
  }

  /** The program's frames in a stack, mapped to its lines. */
  userFrames(stack: string): Frame[] {
    return framesIn(stack, this.file).map((f) => ({ ...f, ...this.mapPosition(f.line, f.column) }));
  }

  /** Prints an uncaught error as Node does (program frames only); returns it as a RunError. */
  report(error: unknown): RunError {
    let name = 'Uncaught';
    let message: string;
    let frames: Frame[] = [];
    if (
      error instanceof Error ||
      (typeof error === 'object' && error !== null && 'stack' in error)
    ) {
      const e = error as Error;
      name = String(e.name ?? 'Error');
      message = String(e.message ?? '');
      try {
        frames = this.userFrames(String(e.stack ?? ''));
      } catch {
        frames = [];
      }
    } else {
      message = util.inspect(error);
    }
    const top = frames[0];
    let text = '';
    if (top) {
      const source = this.lines[top.line - 1];
      text += `${this.file}:${top.line}\n`;
      if (source !== undefined) {
        text += `${source}\n${' '.repeat(Math.max(0, top.column - 1))}^\n`;
      }
      text += '\n';
    }
    text += name === 'Uncaught' ? `Uncaught ${message}\n` : `${name}: ${message}\n`;
    for (const f of frames) {
      const where = `${this.file}:${f.line}:${f.column}`;
      text += f.fn ? `    at ${f.fn} (${where})\n` : `    at ${where}\n`;
    }
    this.stderr.write(text);
    const result: RunError = { type: name, message };
    return top ? { ...result, file: this.file, line: top.line, column: top.column } : result;
  }
}

/** TF's "Originally defined at:" for variables created by the program: its frames only. */
function installCallSites(engine: EngineModule, run: ScriptRun): void {
  engine.setCallSiteProvider(() => {
    const holder: { stack?: string } = {};
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 50;
    try {
      Error.captureStackTrace(holder);
    } finally {
      Error.stackTraceLimit = limit;
    }
    let frames: Frame[] | undefined;
    const get = () => (frames ??= run.userFrames(holder.stack ?? '').slice(0, 5));
    return {
      get location() {
        const f = get()[0];
        return f ? { file: run.file, line: f.line, column: f.column } : undefined;
      },
      get traceback() {
        // As Python's traceback.format_list writes a frame: where, then the line's code.
        return get()
          .map((f) => {
            const fn = f.fn === 'Object.<anonymous>' ? '<module>' : (f.fn ?? '<anonymous>');
            const code = run.lines[f.line - 1]?.trim();
            return `  File "${run.file}", line ${f.line}, in ${fn}\n${code ? `    ${code}\n` : ''}`;
          })
          .join('');
      },
    };
  });
}

export class ScriptHost {
  private ts: typeof TS | null = null;
  private current: ScriptRun | null = null;

  constructor(private readonly engine: EngineModule) {}

  /**
   * An uncaught exception or unhandled rejection in the worker: the running program's, if one
   * is running (it ends the run). Returns false when no program is running.
   */
  handleUncaught(error: unknown): boolean {
    if (!this.current) return false;
    this.current.fail(error);
    return true;
  }

  private async typescript(): Promise<typeof TS> {
    if (!this.ts) {
      const mod = await import('typescript');
      this.ts = (mod as { default?: typeof TS }).default ?? mod;
    }
    return this.ts;
  }

  async run(req: RunRequest, sink: OutputSink, onStart: () => void): Promise<WorkerRunResult> {
    const ts = await this.typescript();
    const file = req.filename;
    const firstLine = Math.max(1, Math.floor(req.firstLine ?? 1));
    const source = '\n'.repeat(firstLine - 1) + req.code;
    const lines = source.split(/\r?\n/);
    const ext = req.language === 'javascript' ? '.js' : file.endsWith('.tsx') ? '.tsx' : '.ts';
    const out = ts.transpileModule(source, {
      fileName: `program${ext}`,
      reportDiagnostics: true,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        esModuleInterop: true,
        sourceMap: true,
        inlineSources: false,
        jsx: ts.JsxEmit.React,
      },
    });
    const syntax = (out.diagnostics ?? []).filter(
      (d) => d.category === ts.DiagnosticCategory.Error,
    );
    if (syntax.length > 0) return this.syntaxErrors(ts, syntax, source, lines, file, sink);

    const map = out.sourceMapText ? new SourceMap(JSON.parse(out.sourceMapText)) : null;
    const js = out.outputText.replace(/\n\/\/# sourceMappingURL=[^\n]*\s*$/, '\n');
    const run = new ScriptRun(file, lines, map, sink);
    const dir = isVirtualFilename(file) ? (req.cwd ?? process.cwd()) : path.dirname(file);
    const nodeRequire = createRequire(path.join(dir, '__scope_lens_program__.js'));
    const engine = this.engine;
    const userRequire = Object.assign(
      (id: string): unknown => (id === 'scope-lens' ? engine : nodeRequire(id)),
      { resolve: nodeRequire.resolve, cache: nodeRequire.cache },
    );
    const userProcess = new Proxy(process, {
      get(target, key) {
        if (key === 'stdout') return run.stdout;
        if (key === 'stderr') return run.stderr;
        if (key === 'argv') return [process.execPath, file];
        if (key === 'exitCode') return run.exitCode;
        if (key === 'exit') {
          return (code?: number) => {
            throw new ExitRequest(code ?? run.exitCode);
          };
        }
        const value: unknown = Reflect.get(target, key);
        return typeof value === 'function' ? value.bind(target) : value;
      },
      set(target, key, value) {
        if (key === 'exitCode') {
          run.exitCode = Number(value) || 0;
          return true;
        }
        return Reflect.set(target, key, value);
      },
    });

    const module = { exports: {} as unknown, filename: file, id: '.', loaded: false };
    const savedConsole = globalThis.console;
    const savedLimit = Error.stackTraceLimit;
    this.current = run;
    try {
      let fn: (...args: unknown[]) => unknown;
      try {
        fn = vm.compileFunction(
          js,
          ['exports', 'require', 'module', '__filename', '__dirname', 'process'],
          { filename: file },
        ) as (...args: unknown[]) => unknown;
      } catch (e) {
        return { exitCode: 1, error: run.report(e) };
      }
      onStart();
      globalThis.console = run.console;
      Error.stackTraceLimit = 100;
      installCallSites(engine, run);
      run.installTimers();
      try {
        fn.call(module.exports, module.exports, userRequire, module, file, dir, userProcess);
        module.loaded = true;
      } catch (e) {
        run.fail(e);
      }
      await run.settle();
      if (run.failure) return { exitCode: 1, error: run.report(run.failure.error) };
      const status = run.exit ? run.exit.code : run.exitCode;
      return status === 0
        ? { exitCode: 0 }
        : { exitCode: 1, error: { type: 'Exit', message: `process.exit(${status})` } };
    } finally {
      run.uninstallTimers();
      engine.setCallSiteProvider(null);
      Error.stackTraceLimit = savedLimit;
      globalThis.console = savedConsole;
      this.current = null;
    }
  }

  private syntaxErrors(
    ts: typeof TS,
    diagnostics: readonly TS.Diagnostic[],
    source: string,
    lines: string[],
    file: string,
    sink: OutputSink,
  ): WorkerRunResult {
    let first: RunError | undefined;
    let text = '';
    for (const d of diagnostics) {
      const message = ts.flattenDiagnosticMessageText(d.messageText, '\n');
      const start = d.start ?? 0;
      const before = source.slice(0, start).split('\n');
      const line = before.length;
      const column = before[before.length - 1].length + 1;
      text += `${file}:${line}:${column} - error TS${d.code}: ${message}\n`;
      const src = lines[line - 1];
      if (src !== undefined) text += `    ${src}\n    ${' '.repeat(column - 1)}^\n`;
      first ??= { type: 'SyntaxError', message, file, line, column };
    }
    sink.stderr(text);
    return { exitCode: 1, error: first };
  }
}
