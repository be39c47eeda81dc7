/**
 * What every runner does, whatever its worker is: one run at a time in a queue, the start and
 * run timeouts, cancelling (a queued run, the current one, everything), and replacing a worker
 * that was stopped, crashed or ran out of memory. A stopped run's worker is terminated at once,
 * so a program that never ends cannot hold the host; the next run starts a new worker.
 *
 * Subclasses say how a worker starts and talks: runner.ts (`Runner`: a Node worker thread, for
 * `scope-lens run` and the desktop extension) and src/extension/web-runner.ts (a browser's web
 * worker). No Node built-in here.
 */
import type {
  FromWorker,
  RunRequest,
  RunResult,
  ToWorker,
  WorkerStats,
  WorkspaceChanges,
} from './protocol';

/** A run's result before `afterRun` (the browser's worker also reports the files it wrote). */
export type FinishedRun = RunResult & { readonly workspaceChanges?: WorkspaceChanges };

/** How long a program may take to start (loading Pyodide) before the run is abandoned. */
export const START_TIMEOUT_MS = 120_000;
export const DEFAULT_TIMEOUT_MS = 30_000;

export interface RunHandlers {
  onStdout?(data: string): void;
  onStderr?(data: string): void;
  /** Aborting it cancels this run. */
  signal?: AbortSignal;
}

/** A started worker as the queue drives it. */
export interface WorkerHandle {
  post(message: ToWorker): void;
  /** Ends the worker; its `exited` event follows (at once, or when it has stopped). */
  terminate(): void;
  /** Whether the worker keeps its process alive (Node); idle workers do not. */
  hold(held: boolean): void;
}

/** What a worker reports; `spawn` wires its events to these. */
export interface WorkerEvents {
  message(message: FromWorker): void;
  /** Output the program wrote past the protocol (a worker's own stdout/stderr). */
  output(which: 'onStdout' | 'onStderr', data: string): void;
  /** The worker failed or exited on its own. */
  gone(error: Error): void;
  /** The worker has ended (after `gone`, or after `terminate`). */
  exited(): void;
}

interface ActiveRun {
  readonly id: number;
  readonly handlers: RunHandlers;
  readonly start: number;
  readonly timeoutMs: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Resolves the run (once). */
  finish(result: FinishedRun): void;
}

export abstract class RunQueue {
  private worker: WorkerHandle | null = null;
  private readonly live = new Map<WorkerHandle, Promise<void>>();
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

  constructor(private readonly defaultTimeoutMs: number) {}

  /** Starts a worker whose events go to `events`. */
  protected abstract spawn(events: WorkerEvents): WorkerHandle;

  /** The request as the worker gets it (paths made absolute, ...). */
  protected prepare(request: RunRequest): RunRequest {
    return request;
  }

  /** The message of a run whose worker failed or exited. */
  protected goneMessage(error: Error): string {
    return `scope-lens: ${error.message}`;
  }

  /** Called before a run is posted (the browser sends the workspace's files then). */
  protected async beforeRun(_request: RunRequest, _fresh: boolean): Promise<Partial<ToWorker>> {
    return {};
  }

  /** Called with every finished run's result (the browser saves the files it wrote). */
  protected afterRun(_result: FinishedRun, _handlers: RunHandlers): void | Promise<void> {}

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
      return this.execute(request, handlers, epoch);
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
      worker.hold(true);
      this.post({ type: 'stats', id, gc: options.gc ?? false });
    });
    return stats.finally(() => this.idleRelease());
  }

  /** Workers started and not yet exited (0 or 1, briefly 2 while one is terminated). */
  get liveWorkers(): number {
    return this.live.size;
  }

  /** Cancels everything and ends the worker. */
  async dispose(): Promise<void> {
    this.disposed = true;
    this.cancel();
    const worker = this.worker;
    this.worker = null;
    // Held while they end, so a caller awaiting dispose() keeps the process alive.
    for (const w of this.live.keys()) w.hold(true);
    const exits = [...this.live.values()];
    worker?.terminate();
    await Promise.all(exits);
  }

  private async execute(
    request: RunRequest,
    handlers: RunHandlers,
    epoch: number,
  ): Promise<RunResult> {
    const fresh = !this.worker;
    const worker = this.ensureWorker();
    const id = this.nextId++;
    const start = performance.now();
    const timeoutMs = request.timeoutMs ?? this.defaultTimeoutMs;
    const req = this.prepare({ ...request, code: request.code.replace(/^\uFEFF/, '') });
    let extra: Partial<ToWorker> | undefined;
    try {
      // A cancel while the files are gathered ends the run at once.
      extra = await untilAborted(this.beforeRun(req, fresh), handlers.signal);
    } catch (error) {
      return {
        exitCode: 1,
        error: { type: 'WorkerError', message: `scope-lens: ${String(error)}` },
        durationMs: performance.now() - start,
      };
    }
    if (!extra || this.disposed || epoch !== this.epoch) return stopped('cancel', 0, start);
    const result = await new Promise<FinishedRun>((resolve) => {
      const onAbort = () => this.stop('cancel');
      const active: ActiveRun = {
        id,
        handlers,
        start,
        timeoutMs,
        timer: setTimeout(() => this.stop('start'), START_TIMEOUT_MS),
        finish: (result: FinishedRun) => {
          if (this.active !== active) return;
          this.active = null;
          if (active.timer) clearTimeout(active.timer);
          handlers.signal?.removeEventListener('abort', onAbort);
          this.idleRelease();
          resolve(result);
        },
      };
      this.active = active;
      handlers.signal?.addEventListener('abort', onAbort, { once: true });
      if (handlers.signal?.aborted) return onAbort();
      worker.hold(true);
      this.post({ ...extra, type: 'run', id, request: req } as ToWorker);
    });
    await this.afterRun(result, handlers);
    // The files were the runner's business; callers get the run's result.
    const { workspaceChanges, ...rest } = result;
    void workspaceChanges;
    return rest;
  }

  /** Stops the active run: terminates its worker (a new one starts with the next run). */
  private stop(kind: StopKind): void {
    const active = this.active;
    if (!active) return;
    this.killWorker();
    active.finish(stopped(kind, active.timeoutMs, active.start));
  }

  protected killWorker(): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    for (const [, w] of this.statsWaiters)
      w.reject(new Error('scope-lens: the worker was stopped'));
    this.statsWaiters.clear();
    worker.terminate();
  }

  private post(message: ToWorker): void {
    this.worker?.post(message);
  }

  private idleRelease(): void {
    if (!this.active && this.statsWaiters.size === 0) this.worker?.hold(false);
  }

  private ensureWorker(): WorkerHandle {
    if (this.worker) return this.worker;
    let handle: WorkerHandle | null = null;
    let exited!: () => void;
    const exit = new Promise<void>((resolve) => (exited = resolve));
    const current = () => handle !== null && this.worker === handle;
    handle = this.spawn({
      message: (m) => {
        if (current()) this.onMessage(m);
      },
      output: (which, data) => {
        if (current()) this.forward(which, data);
      },
      gone: (error) => {
        if (current()) this.onWorkerGone(error);
      },
      exited: () => {
        if (handle) this.live.delete(handle);
        exited();
      },
    });
    this.worker = handle;
    this.live.set(handle, exit);
    handle.hold(false);
    return handle;
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
        this.idleRelease();
        return;
      }
    }
  }

  private onWorkerGone(error: Error): void {
    this.worker = null;
    for (const [, w] of this.statsWaiters) w.reject(error);
    this.statsWaiters.clear();
    const active = this.active;
    active?.finish({
      exitCode: 1,
      error: { type: 'WorkerError', message: this.goneMessage(error) },
      durationMs: performance.now() - active.start,
    });
  }
}

type StopKind = 'cancel' | 'timeout' | 'start';

/** `work`'s value, or undefined as soon as `signal` aborts (the work itself goes on). */
export function untilAborted<T>(
  work: Promise<T>,
  signal: AbortSignal | undefined,
): Promise<T | undefined> {
  if (!signal) return work;
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

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
