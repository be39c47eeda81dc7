/**
 * The messages between the main-thread `Runner` and the run worker (`worker.ts`), and the types
 * both sides share. Every message is a plain structured-clonable object with a `type` field.
 *
 *   main → worker   `run` (one at a time), `stats`
 *   worker → main   `started` (user code is about to run: the timeout starts now, so loading
 *                   Pyodide does not count against it), `stdout`/`stderr` chunks as they are
 *                   written, `done`, `stats`
 *
 * Runs are numbered by the runner; every reply carries the `id` it answers.
 */

export type Language = 'python' | 'typescript' | 'javascript';

/** What to run. `code` is the program text; `filename` is where it came from. */
export interface RunRequest {
  readonly language: Language;
  readonly code: string;
  /**
   * The file the code came from (absolute, or relative to `cwd`/the process's cwd). Tracebacks
   * name it; its folder is importable (Python). It need not exist (a snippet from an unsaved
   * editor).
   */
  readonly filename: string;
  /** The line of `filename` where `code` starts (a snippet). Default 1. */
  readonly firstLine?: number;
  /** The program's working directory. Default: the folder of `filename`. */
  readonly cwd?: string;
  /**
   * `sys.argv` (Python): the script as it was named, then its arguments. Default: `[filename]`.
   */
  readonly argv?: readonly string[];
  /** Stop the program after this many milliseconds of running (0: never). Default: the runner's. */
  readonly timeoutMs?: number;
  /**
   * Report the variables the run left in the engine's default graph (`RunResult.variables`),
   * with their values capped as given. Absent: nothing is collected.
   */
  readonly collectVariables?: CollectVariablesOptions;
}

export interface CollectVariablesOptions {
  /** Values reported per variable (the first ones, row-major). Default 100,000. */
  readonly maxValues?: number;
  /** Values reported per run, over all variables (later ones get fewer). Default 2,000,000. */
  readonly maxTotalValues?: number;
}

/** A variable a run created, as the engine's default graph held it when the run ended. */
export interface RunVariable {
  /** TF's `Variable.name`: `scope/v:0`. */
  readonly name: string;
  readonly shape: number[];
  /** TF's dtype name: `float32_ref` (reference variable) or `float32` (resource variable). */
  readonly dtype: string;
  readonly trainable: boolean;
  /** The collections it was added to when created (`variables`, `trainable_variables`, ...). */
  readonly collections: string[];
  /** Number of elements (the parameter count). */
  readonly size: number;
  /** The first values (capped; booleans as 0/1; empty for strings). */
  readonly values: Float64Array;
  /** Over every value, not only the reported ones; null for strings and empty variables. */
  readonly stats: ValueStats | null;
  /**
   * The values when a session first initialized the variable (a Python program's
   * `global_variables_initializer` run, say): what training started from. Absent when no
   * session initialized it.
   */
  readonly initial?: InitialValues;
}

/** A variable's values as a session first initialized them: capped values, full statistics. */
export interface InitialValues {
  readonly values: Float64Array;
  readonly stats: ValueStats | null;
}

export interface ValueStats {
  readonly mean: number;
  /** Population standard deviation, as NumPy's `std()`. */
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** Why a run failed: the uncaught exception (or the stop). */
export interface RunError {
  /** The exception class (`ValueError`, `SyntaxError`, ...), or `Timeout` / `Cancelled`. */
  readonly type: string;
  readonly message: string;
  /** The user's file the location refers to (the innermost frame in the run's file, if any). */
  readonly file?: string;
  /** 1-based line in `file`. */
  readonly line?: number;
  /** 1-based column in `file`, when known. */
  readonly column?: number;
}

export interface RunResult {
  /** 0: the program ended normally (or with `sys.exit(0)`); 1: it raised, or was stopped. */
  readonly exitCode: 0 | 1;
  readonly error?: RunError;
  /** Wall time from handing the run to the worker to its end (includes loading Pyodide). */
  readonly durationMs: number;
  readonly cancelled?: boolean;
  readonly timedOut?: boolean;
  /** The variables the run created, when the request asked (not for a stopped run). */
  readonly variables?: RunVariable[];
}

/** Diagnostics about the worker, for tests and leak checks. */
export interface WorkerStats {
  readonly threadId: number;
  /** `process.memoryUsage().heapUsed` of the worker, after a full GC when one was asked for. */
  readonly heapUsed: number;
  /** `tf.memory().numTensors` in the worker. */
  readonly numTensors: number;
  /** Runs the worker has finished. */
  readonly runs: number;
  readonly pyodideLoaded: boolean;
  /** Size of Pyodide's WebAssembly memory (grows, never shrinks); 0 before Pyodide loads. */
  readonly wasmMemoryBytes: number;
  /** `len(gc.get_objects())` after `gc.collect()`; 0 before Pyodide loads. */
  readonly pythonObjects: number;
}

/** The worker's result for one run; the runner adds the timing and stop flags. */
export interface WorkerRunResult {
  readonly exitCode: 0 | 1;
  readonly error?: RunError;
  readonly variables?: RunVariable[];
  /** Browser only: what the program changed in the workspace's folders (see `WorkspaceSync`). */
  readonly workspaceChanges?: WorkspaceChanges;
}

/** A file of the workspace, by its POSIX path (the path of its URI). */
export interface WorkspaceFile {
  readonly path: string;
  readonly data: Uint8Array;
  /** Its modification time (ms), which the program sees. */
  readonly mtime?: number;
}

/**
 * Browser only. The browser's run worker has no disk: the workspace's files are copied into
 * Pyodide's memory before a run (only those new or changed since that worker last got them),
 * and what the program writes under `roots` comes back in the result to be saved.
 */
export interface WorkspaceSync {
  /** The workspace folders (POSIX paths) the program sees. */
  readonly roots: readonly string[];
  readonly write: readonly WorkspaceFile[];
  /** Files deleted since the worker got them. */
  readonly remove: readonly string[];
}

export interface WorkspaceChanges {
  /** Files the program created or changed. */
  readonly written: readonly WorkspaceFile[];
  /** Files the program deleted. */
  readonly removed: readonly string[];
  /** Files left unsaved, each with why (too big, ...). */
  readonly skipped: readonly string[];
}

// main → worker

export interface RunMessage {
  readonly type: 'run';
  readonly id: number;
  readonly request: RunRequest;
  /** Browser only: the workspace's files for this run. */
  readonly workspace?: WorkspaceSync;
}

/**
 * Browser only, the first message to a new run worker: the files it cannot fetch itself (a
 * worker started from a blob cannot load the extension's `vscode-remote:` files), fetched by
 * the extension.
 */
export interface InitMessage {
  readonly type: 'init';
  readonly assets: WebRuntimeAssets;
}

export interface WebRuntimeAssets {
  /** Pyodide's loader module (`pyodide.mjs`) and its WebAssembly module's glue (`pyodide.asm.mjs`). */
  readonly loader: string;
  readonly asm: string;
  readonly wasm: ArrayBuffer;
  /** Python's standard library (`python_stdlib.zip`). */
  readonly stdlib: ArrayBuffer;
  /** `pyodide-lock.json`. */
  readonly lock: string;
  /** Scope Lens's Python packages: path under the packages' folder → source. */
  readonly python: Readonly<Record<string, string>>;
}

export interface StatsRequestMessage {
  readonly type: 'stats';
  readonly id: number;
  /** Run a full garbage collection (JS and Python) before measuring. */
  readonly gc: boolean;
}

export type ToWorker = RunMessage | StatsRequestMessage | InitMessage;

// worker → main

export interface StartedMessage {
  readonly type: 'started';
  readonly id: number;
}

export interface OutputMessage {
  readonly type: 'stdout' | 'stderr';
  readonly id: number;
  readonly data: string;
}

export interface DoneMessage {
  readonly type: 'done';
  readonly id: number;
  readonly result: WorkerRunResult;
}

export interface StatsMessage {
  readonly type: 'stats';
  readonly id: number;
  readonly stats: WorkerStats;
}

export type FromWorker = StartedMessage | OutputMessage | DoneMessage | StatsMessage;

/** Data the worker is started with. */
export interface WorkerConfig {
  /**
   * Folder holding the Python packages Scope Lens ships (`tensorflow/`), or null to find it
   * (`dist/python` next to the bundle, else `src/runtime/python` in a checkout).
   */
  readonly pythonDir: string | null;
}

/** The sink a host writes a run's output to. */
export interface OutputSink {
  stdout(data: string): void;
  stderr(data: string): void;
}
