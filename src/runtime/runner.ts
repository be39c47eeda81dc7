/**
 * Runs programs (Python, TypeScript, JavaScript) in a worker thread: the main-thread API behind
 * `scope-lens run` and the editor's run commands.
 *
 * ```ts
 * const runner = new Runner();
 * const result = await runner.run(
 *   { language: 'python', code, filename: '/abs/model.py', firstLine: 1 },
 *   { onStdout: (s) => out.write(s), onStderr: (s) => err.write(s), signal },
 * );
 * runner.cancel();          // stops the current run (and any queued ones)
 * await runner.dispose();   // ends the worker
 * ```
 *
 * - One run at a time: `run()` calls queue up. Each run gets a fresh program state.
 * - Output arrives as the program writes it (Python: line by line).
 * - A run that exceeds its timeout (default 30 s, counted from when the program starts, so
 *   loading Pyodide does not count) or is cancelled (`cancel()`, or the run's `signal`) is
 *   stopped at once: the worker is terminated and the run resolves with `exitCode: 1` and
 *   `timedOut` / `cancelled`. A new worker is started lazily by the next run.
 * - The main thread never waits on the program; an idle worker does not keep the process alive.
 * - Whatever a program does to memory, the process lives on. The worker runs with V8
 *   `resourceLimits` (`DEFAULT_RESOURCE_LIMITS`, 2 GB of heap): a program that exceeds them
 *   ends its run with a `WorkerError` saying it ran out of memory, and the worker is replaced.
 *   Tensors have the engine's byte budget (engine/memory.ts: TF's ResourceExhaustedError), and
 *   Python's objects live in Pyodide's memory (at most 4 GB: Python's MemoryError). A run that
 *   ends in a MemoryError or an internal error also gets a new worker for the next run, since
 *   Pyodide's memory never shrinks and its state may be damaged.
 *
 * The worker is `worker.js` next to this file (both dist/ and tsc's out/src/runtime/ have one).
 */
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { normalizeFilename } from './paths';
import type {
  FromWorker,
  RunRequest,
  RunResult,
  ToWorker,
  WorkerConfig,
  WorkerStats,
} from './protocol';

export type {
  CollectVariablesOptions,
  Language,
  RunError,
  RunRequest,
  RunResult,
  RunVariable,
  ValueStats,
  WorkerStats,
} from './protocol';

export const DEFAULT_TIMEOUT_MS = 30_000;
/** The run worker's V8 limits: its heap (tfjs's tensor data and Pyodide's memory are outside it). */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = Object.freeze({
  maxOldGenerationSizeMb: 2048,
  // Pyodide's frames use the thread's stack: freeing a Python recursion of 100000 frames (the
  // deepest it allows, python/_scope_lens_os.py) needs about 32 MB of it.
  stackSizeMb: 64,
});
/** How long a program may take to start (loading Pyodide) before the run is abandoned. */
const START_TIMEOUT_MS = 120_000;

export interface RunnerOptions {
  /** Default timeout for runs that do not set one (0: none). Default 30 s. */
  readonly timeoutMs?: number;
  /** Folder of Scope Lens's Python packages (`tensorflow/`), instead of the shipped one. */
  readonly pythonDir?: string;
  /** The worker script, instead of `worker.js` next to this module. */
  readonly workerPath?: string;
  /** The worker's V8 limits, instead of `DEFAULT_RESOURCE_LIMITS`. */
  readonly resourceLimits?: ResourceLimits;
}

export interface RunHandlers {
  onStdout?(data: string): void;
  onStderr?(data: string): void;
  /** Aborting it cancels this run. */
  signal?: AbortSignal;
}

interface ActiveRun {
  readonly id: number;
  readonly handlers: RunHandlers;
  readonly start: number;
  readonly timeoutMs: number;
  timer: NodeJS.Timeout | null;
  /** Resolves the run (once). */
  finish(result: RunResult): void;
}

export class Runner {
  private worker: Worker | null = null;
  private readonly live = new Set<Worker>();
  private active: ActiveRun | null = null;
  private tail: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  /** Bumped by `cancel()`: queued runs from an older epoch resolve as cancelled. */
  private epoch = 0;
  private disposed = false;
  private readonly statsWaiters = new Map<
    number,
    { resolve(s: WorkerStats): void; reject(e: Error): void }
  >();
  private readonly defaultTimeoutMs: number;

  constructor(private readonly options: RunnerOptions = {}) {
    this.defaultTimeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /**
   * Runs a program; resolves when it ends, fails, times out or is cancelled (a run still waiting
   * in the queue resolves as soon as its signal aborts). Rejects only after `dispose()`.
   */
  run(request: RunRequest, handlers: RunHandlers = {}): Promise<RunResult> {
    if (this.disposed) return Promise.reject(new Error('scope-lens: the runner was disposed'));
    const epoch = this.epoch;
    const queuedAt = performance.now();
    let abortWhileQueued: (() => void) | undefined;
    const aborted = new Promise<RunResult>((resolve) => {
      abortWhileQueued = () => resolve(stopped('cancel', 0, queuedAt));
      handlers.signal?.addEventListener('abort', abortWhileQueued, { once: true });
      if (handlers.signal?.aborted) abortWhileQueued();
    });
    const turn = this.tail.then(() => {
      handlers.signal?.removeEventListener('abort', abortWhileQueued!);
      if (this.disposed || epoch !== this.epoch || handlers.signal?.aborted) {
        return stopped('cancel', 0, queuedAt);
      }
      return this.execute(request, handlers);
    });
    this.tail = turn.catch(() => undefined);
    return handlers.signal ? Promise.race([turn, aborted]) : turn;
  }

  /** Stops the current run and every queued one. */
  cancel(): void {
    this.epoch++;
    this.stop('cancel');
  }

  /** Worker diagnostics (memory, tensors); `gc` runs a full collection first. */
  stats(options: { gc?: boolean } = {}): Promise<WorkerStats> {
    if (this.disposed) return Promise.reject(new Error('scope-lens: the runner was disposed'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const stats = new Promise<WorkerStats>((resolve, reject) => {
      this.statsWaiters.set(id, { resolve, reject });
      worker.ref();
      this.post({ type: 'stats', id, gc: options.gc ?? false });
    });
    return stats.finally(() => this.idleUnref());
  }

  /** Worker threads started and not yet exited (0 or 1, briefly 2 while one is terminated). */
  get liveWorkers(): number {
    return this.live.size;
  }

  /** Cancels everything and ends the worker. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancel();
    const worker = this.worker;
    this.worker = null;
    // Referenced while they end, so a caller awaiting dispose() keeps the process alive.
    const exits = [...this.live].map((w) => {
      w.ref();
      return new Promise<void>((resolve) => w.once('exit', () => resolve()));
    });
    if (worker) void worker.terminate();
    await Promise.all(exits);
  }

  private execute(request: RunRequest, handlers: RunHandlers): Promise<RunResult> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const start = performance.now();
    const timeoutMs = request.timeoutMs ?? this.defaultTimeoutMs;
    const req: RunRequest = {
      language: request.language,
      code: request.code.replace(/^\uFEFF/, ''),
      filename: normalizeFilename(request.filename, request.cwd),
      firstLine: request.firstLine ?? 1,
      ...(request.cwd !== undefined ? { cwd: path.resolve(request.cwd) } : {}),
      ...(request.argv ? { argv: [...request.argv] } : {}),
      ...(request.collectVariables ? { collectVariables: request.collectVariables } : {}),
    };
    return new Promise<RunResult>((resolve) => {
      const onAbort = () => this.stop('cancel');
      const active: ActiveRun = {
        id,
        handlers,
        start,
        timeoutMs,
        timer: setTimeout(() => this.stop('start'), START_TIMEOUT_MS),
        finish: (result) => {
          if (this.active !== active) return;
          this.active = null;
          if (active.timer) clearTimeout(active.timer);
          handlers.signal?.removeEventListener('abort', onAbort);
          this.idleUnref();
          resolve(result);
        },
      };
      this.active = active;
      handlers.signal?.addEventListener('abort', onAbort, { once: true });
      worker.ref();
      this.post({ type: 'run', id, request: req });
    });
  }

  /** Stops the active run: terminates its worker (a new one starts with the next run). */
  private stop(kind: StopKind): void {
    const active = this.active;
    if (!active) return;
    this.killWorker();
    active.finish(stopped(kind, active.timeoutMs, active.start));
  }

  private killWorker(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    for (const [, w] of this.statsWaiters)
      w.reject(new Error('scope-lens: the worker was stopped'));
    this.statsWaiters.clear();
    void worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private idleUnref(): void {
    if (!this.active && this.statsWaiters.size === 0) this.worker?.unref();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const config: WorkerConfig = { pythonDir: this.options.pythonDir ?? null };
    const worker = new Worker(this.options.workerPath ?? path.join(__dirname, 'worker.js'), {
      workerData: config,
      resourceLimits: this.options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
      stdout: true,
      stderr: true,
    });
    this.worker = worker;
    this.live.add(worker);
    // Stray writes to the worker's own process.stdout/stderr belong to the running program.
    worker.stdout.on('data', (chunk: Buffer) => {
      if (this.worker === worker) this.forward('onStdout', chunk.toString('utf8'));
    });
    worker.stderr.on('data', (chunk: Buffer) => {
      if (this.worker === worker) this.forward('onStderr', chunk.toString('utf8'));
    });
    worker.on('message', (message: FromWorker) => {
      if (this.worker === worker) this.onMessage(message);
    });
    worker.on('error', (error) => {
      if (this.worker === worker) this.onWorkerGone(error);
    });
    worker.on('exit', (code) => {
      this.live.delete(worker);
      if (this.worker === worker) this.onWorkerGone(new Error(`the run worker exited (${code})`));
    });
    worker.unref();
    return worker;
  }

  private forward(which: 'onStdout' | 'onStderr', data: string): void {
    const handler = this.active?.handlers[which];
    if (!handler) return;
    try {
      handler(data);
    } catch {
      // A failing output handler must not break the run.
    }
  }

  private onMessage(message: FromWorker): void {
    switch (message.type) {
      case 'started': {
        const active = this.active;
        if (!active || active.id !== message.id) return;
        if (active.timer) clearTimeout(active.timer);
        active.timer =
          active.timeoutMs > 0 && Number.isFinite(active.timeoutMs)
            ? setTimeout(() => this.stop('timeout'), active.timeoutMs)
            : null;
        return;
      }
      case 'stdout':
      case 'stderr':
        if (this.active?.id === message.id) {
          this.forward(message.type === 'stdout' ? 'onStdout' : 'onStderr', message.data);
        }
        return;
      case 'done': {
        const active = this.active;
        if (active?.id === message.id) {
          const type = message.result.error?.type;
          // Pyodide's memory only grows, and after these its state may be damaged: the next run
          // gets a new worker.
          if (type === 'MemoryError' || type === 'InternalError') this.killWorker();
          active.finish({ ...message.result, durationMs: performance.now() - active.start });
        }
        return;
      }
      case 'stats': {
        const waiter = this.statsWaiters.get(message.id);
        this.statsWaiters.delete(message.id);
        waiter?.resolve(message.stats);
        this.idleUnref();
        return;
      }
    }
  }

  private onWorkerGone(error: Error): void {
    this.worker = null;
    for (const [, w] of this.statsWaiters) w.reject(error);
    this.statsWaiters.clear();
    const active = this.active;
    const code = (error as { code?: unknown }).code;
    const limit = (this.options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS).maxOldGenerationSizeMb;
    const message =
      code === 'ERR_WORKER_OUT_OF_MEMORY'
        ? `scope-lens: the program ran out of memory (the run worker's heap limit is ${limit} MB) and was stopped`
        : `scope-lens: ${error.message}`;
    active?.finish({
      exitCode: 1,
      error: { type: 'WorkerError', message },
      durationMs: performance.now() - active.start,
    });
  }
}

type StopKind = 'cancel' | 'timeout' | 'start';

/** The result of a run stopped from outside. */
function stopped(kind: StopKind, timeoutMs: number, start: number): RunResult {
  const durationMs = performance.now() - start;
  switch (kind) {
    case 'cancel':
      return {
        exitCode: 1,
        error: { type: 'Cancelled', message: 'the run was cancelled' },
        durationMs,
        cancelled: true,
      };
    case 'timeout':
      return {
        exitCode: 1,
        error: {
          type: 'Timeout',
          message: `the program did not finish within ${timeoutMs / 1000} s and was stopped`,
        },
        durationMs,
        timedOut: true,
      };
    case 'start':
      return {
        exitCode: 1,
        error: {
          type: 'Timeout',
          message: `the program did not start within ${START_TIMEOUT_MS / 1000} s`,
        },
        durationMs,
        timedOut: true,
      };
  }
}
