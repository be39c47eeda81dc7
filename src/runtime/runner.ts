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
 * The queue, timeouts and cancelling are run-queue.ts's, shared with the browser's runner.
 */
import * as path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { normalizeFilename } from './paths';
import type { FromWorker, RunRequest, WorkerConfig } from './protocol';
import {
  DEFAULT_TIMEOUT_MS,
  RunQueue,
  type RunHandlers,
  type WorkerEvents,
  type WorkerHandle,
} from './run-queue';

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

export { DEFAULT_TIMEOUT_MS };
export type { RunHandlers };
/** The run worker's V8 limits: its heap (tfjs's tensor data and Pyodide's memory are outside it). */
export const DEFAULT_RESOURCE_LIMITS: ResourceLimits = Object.freeze({
  maxOldGenerationSizeMb: 2048,
  // Pyodide's frames use the thread's stack: freeing a Python recursion of 100000 frames (the
  // deepest it allows, python/_scope_lens_os.py) needs about 32 MB of it.
  stackSizeMb: 64,
});

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

export class Runner extends RunQueue {
  constructor(private readonly options: RunnerOptions = {}) {
    super(options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }

  protected override prepare(request: RunRequest): RunRequest {
    return {
      language: request.language,
      code: request.code,
      filename: normalizeFilename(request.filename, request.cwd),
      firstLine: request.firstLine ?? 1,
      ...(request.cwd !== undefined ? { cwd: path.resolve(request.cwd) } : {}),
      ...(request.argv ? { argv: [...request.argv] } : {}),
      ...(request.timeoutMs !== undefined ? { timeoutMs: request.timeoutMs } : {}),
      ...(request.collectVariables ? { collectVariables: request.collectVariables } : {}),
    };
  }

  protected override goneMessage(error: Error): string {
    const code = (error as { code?: unknown }).code;
    const limit = (this.options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS).maxOldGenerationSizeMb;
    return code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `scope-lens: the program ran out of memory (the run worker's heap limit is ${limit} MB) and was stopped`
      : super.goneMessage(error);
  }

  protected spawn(events: WorkerEvents): WorkerHandle {
    const config: WorkerConfig = { pythonDir: this.options.pythonDir ?? null };
    const worker = new Worker(this.options.workerPath ?? path.join(__dirname, 'worker.js'), {
      workerData: config,
      resourceLimits: this.options.resourceLimits ?? DEFAULT_RESOURCE_LIMITS,
      stdout: true,
      stderr: true,
    });
    // Stray writes to the worker's own process.stdout/stderr belong to the running program.
    worker.stdout.on('data', (chunk: Buffer) => events.output('onStdout', chunk.toString('utf8')));
    worker.stderr.on('data', (chunk: Buffer) => events.output('onStderr', chunk.toString('utf8')));
    worker.on('message', (message: FromWorker) => events.message(message));
    worker.on('error', (error) => events.gone(error));
    worker.on('exit', (code) => {
      events.gone(new Error(`the run worker exited (${code})`));
      events.exited();
    });
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => void worker.terminate(),
      hold: (held) => (held ? worker.ref() : worker.unref()),
    };
  }
}
