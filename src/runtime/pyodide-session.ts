/**
 * A loaded Pyodide set up to run programs, the same in every run worker: the Node worker
 * (python-host.ts, the host's folders mounted) and the browser's (web-worker.ts, the workspace's
 * files copied into Pyodide's memory). Where the files come from is the host's business; this
 * module only routes output, registers the engine bridge and runs python-runner.ts's code.
 *
 * Output: stdout/stderr go to the current run's sink, decoded as UTF-8 across chunk boundaries
 * (chunks as Python flushes them; both streams are line-buffered); stdin is at EOF.
 */
import type { PyodideAPI } from 'pyodide';
import type { OutputSink, WorkerRunResult } from './protocol';
import { PYTHON_RUNNER_SOURCE, RUNNER_FILENAME, type PythonRunArgs } from './python-runner';

/** Where Scope Lens's Python packages appear inside Pyodide. */
export const PYTHON_PACKAGES_MOUNT = '/scope_lens/python';

/** Pyodide's environment for every run worker. */
export const PYODIDE_ENV = {
  HOME: '/home/pyodide',
  PYTHONDONTWRITEBYTECODE: '1',
  PYTHON_COLORS: '0',
};

type PyFunction = ((...args: unknown[]) => unknown) & { destroy(): void };

export class PyodideSession {
  private sink: OutputSink | null = null;
  private readonly runFn: PyFunction;
  private readonly statsFn: PyFunction;
  private readonly decoders = { stdout: new TextDecoder(), stderr: new TextDecoder() };

  /** Sets up `py`, with `bridge` as the `scope_lens_engine` module the `tensorflow` package uses. */
  constructor(
    readonly py: PyodideAPI,
    bridge: Record<string, unknown>,
  ) {
    py.setStdout({ write: this.writer('stdout') });
    py.setStderr({ write: this.writer('stderr') });
    py.setStdin({ stdin: () => null });
    py.registerJsModule('scope_lens_engine', bridge);
    const ns = py.toPy({});
    const runner = py.runPython(PYTHON_RUNNER_SOURCE, {
      globals: ns,
      filename: RUNNER_FILENAME,
    }) as { get(k: string): PyFunction; destroy(): void };
    this.runFn = runner.get('run');
    this.statsFn = runner.get('stats');
    runner.destroy();
    ns.destroy();
  }

  /** Where output goes before a run has set its sink (Pyodide's `loadPyodide` options). */
  static loadOutput(session: () => PyodideSession | null) {
    return {
      stdout: (s: string) => session()?.sink?.stdout(`${s}\n`),
      stderr: (s: string) => session()?.sink?.stderr(`${s}\n`),
    };
  }

  /** A Pyodide `write` handler: decodes UTF-8 (across chunk boundaries) to the current sink. */
  private writer(stream: 'stdout' | 'stderr'): (buf: Uint8Array) => number {
    return (buf) => {
      const text = this.decoders[stream].decode(buf, { stream: true });
      if (text) this.sink?.[stream](text);
      return buf.length;
    };
  }

  /** Runs one program (python-runner.ts's `run`), its output going to `sink`. */
  run(args: PythonRunArgs, sink: OutputSink, onStart: () => void): WorkerRunResult {
    this.sink = sink;
    try {
      onStart();
      const json = this.runFn(JSON.stringify(args)) as string;
      return JSON.parse(json) as WorkerRunResult;
    } finally {
      for (const stream of ['stdout', 'stderr'] as const) {
        const rest = this.decoders[stream].decode();
        if (rest) sink[stream](rest);
      }
      this.sink = null;
    }
  }

  /** Pyodide's memory and live Python objects. */
  stats(collect: boolean): { wasmMemoryBytes: number; pythonObjects: number } {
    const mod = (this.py as unknown as { _module?: { HEAP8?: Int8Array } })._module;
    return {
      wasmMemoryBytes: mod?.HEAP8?.buffer.byteLength ?? 0,
      pythonObjects: this.statsFn(collect) as number,
    };
  }
}
