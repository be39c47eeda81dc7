/**
 * Run File and Run Selection in a browser: the run queue of run-queue.ts driving the browser's
 * run worker (dist/web/run-worker.js, src/runtime/web-worker.ts), a web worker the extension
 * terminates when a run is stopped or times out, so a program that never ends cannot freeze the
 * editor.
 *
 * The worker has no disk and cannot load the extension's files itself (see web-worker.ts), so
 * this side gives it everything:
 * - Pyodide's files and Scope Lens's Python packages, fetched once (on the first run) and sent to
 *   each new worker;
 * - the workspace's files, read through `vscode.workspace.fs` (github.dev's and vscode.dev's
 *   virtual file systems included) before every run: only those new or changed since that
 *   worker last got them (by modification time and size), skipping folders no program reads
 *   (`.git`, `node_modules`, ...) and stopping at the limits below;
 * - after the run, what the program wrote or deleted in the workspace is saved there, so
 *   `tf.train.Saver().save(...)` and `open(..., 'w')` leave their files as on the desktop.
 *
 * Paths: a workspace file is named by its URI's path (`vscode-vfs://github/o/r/model.py` →
 * `/o/r/model.py`), as the language server names it (src/server/convert.ts).
 */
import * as vscode from 'vscode';
import {
  DEFAULT_TIMEOUT_MS,
  RunQueue,
  type FinishedRun,
  type RunHandlers,
  type WorkerEvents,
  type WorkerHandle,
} from '../runtime/run-queue';
import type {
  FromWorker,
  RunRequest,
  ToWorker,
  WebRuntimeAssets,
  WorkspaceFile,
  WorkspaceSync,
} from '../runtime/protocol';

/** A browser's `Worker`, as far as this file uses it (the project compiles without the DOM's types). */
interface BrowserWorker {
  postMessage(message: unknown, transfer?: unknown[]): void;
  terminate(): void;
  onmessage: ((e: { data: FromWorker }) => void) | null;
  onerror: ((e: { message?: string; preventDefault?(): void }) => void) | null;
}
declare const Worker: new (url: string) => BrowserWorker;

/** Folders whose files no program of the workspace reads: never copied to the worker. */
const SKIPPED_FOLDERS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  '__pycache__',
  '.venv',
  'venv',
  '.mypy_cache',
  '.pytest_cache',
]);
/** Limits on what is copied to the worker (a file past them is not there for the program). */
export const WORKSPACE_LIMITS = {
  files: 20_000,
  fileBytes: 64 * 1024 * 1024,
  totalBytes: 512 * 1024 * 1024,
};

/**
 * How long one read of the workspace may take: a file system that does not answer (a
 * disconnected remote) leaves that file out of the run instead of holding the run forever.
 */
const FS_TIMEOUT_MS = 30_000;

/** `op`'s value, or a rejection when it takes longer than FS_TIMEOUT_MS. */
function bounded<T>(op: Thenable<T>, what: vscode.Uri): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${what.toString(true)}: no answer within ${FS_TIMEOUT_MS / 1000} s`)),
      FS_TIMEOUT_MS,
    );
    op.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** What a worker needs from the extension, fetched once. */
export interface WebRunnerSources {
  /** A URL `new Worker` can load the run worker from. */
  readonly workerUrl: string;
  readonly assets: WebRuntimeAssets;
}

interface Root {
  readonly path: string;
  readonly uri: vscode.Uri;
}

function workspaceRoots(): Root[] {
  return (vscode.workspace.workspaceFolders ?? []).map((f) => ({
    path: f.uri.path.replace(/(.)\/+$/, '$1') || '/',
    uri: f.uri,
  }));
}

function inside(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** The URI of a workspace path, under the root that holds it. */
function uriOf(roots: readonly Root[], p: string): vscode.Uri | undefined {
  const root = roots
    .filter((r) => inside(p, r.path))
    .sort((a, b) => b.path.length - a.path.length)[0];
  if (!root) return undefined;
  const rest = p.slice(root.path.length).split('/').filter(Boolean);
  return rest.length ? vscode.Uri.joinPath(root.uri, ...rest) : root.uri;
}

export class WebRunner extends RunQueue {
  /** What the current worker holds: path → `mtime:size` of the copy it got. */
  private sent = new Map<string, string>();
  private roots: Root[] = [];

  constructor(private readonly sources: WebRunnerSources) {
    super(DEFAULT_TIMEOUT_MS);
  }

  protected spawn(events: WorkerEvents): WorkerHandle {
    const worker = new Worker(this.sources.workerUrl);
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      events.exited();
    };
    worker.onmessage = (e) => events.message(e.data);
    worker.onerror = (e) => {
      e.preventDefault?.();
      events.gone(new Error(`the run worker failed: ${e.message ?? 'unknown error'}`));
      worker.terminate();
      end();
    };
    worker.postMessage({ type: 'init', assets: this.sources.assets } satisfies ToWorker);
    this.sent = new Map();
    return {
      post: (message) => worker.postMessage(message),
      terminate: () => {
        worker.terminate();
        end();
      },
      hold: () => undefined,
    };
  }

  /** The workspace's files the worker does not have yet, and those it has that are gone. */
  protected override async beforeRun(
    _request: RunRequest,
    _fresh: boolean,
  ): Promise<Partial<ToWorker>> {
    this.roots = workspaceRoots();
    const found = new Map<string, { uri: vscode.Uri; key: string; mtime: number }>();
    let total = 0;
    const walk = async (uri: vscode.Uri, p: string): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await bounded(vscode.workspace.fs.readDirectory(uri), uri);
      } catch {
        return;
      }
      const files: Array<[string, vscode.Uri]> = [];
      for (const [name, type] of entries.sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const child = vscode.Uri.joinPath(uri, name);
        const childPath = p === '/' ? `/${name}` : `${p}/${name}`;
        if (type & vscode.FileType.Directory) {
          if (!SKIPPED_FOLDERS.has(name)) await walk(child, childPath);
        } else if (type & vscode.FileType.File) {
          files.push([childPath, child]);
        }
      }
      const stats = await Promise.all(
        files.map(([, u]) => bounded(vscode.workspace.fs.stat(u), u).catch(() => undefined)),
      );
      files.forEach(([fp, u], i) => {
        const s = stats[i];
        if (!s || s.size > WORKSPACE_LIMITS.fileBytes) return;
        if (found.size >= WORKSPACE_LIMITS.files) return;
        if (total + s.size > WORKSPACE_LIMITS.totalBytes) return;
        total += s.size;
        found.set(fp, { uri: u, key: `${s.mtime}:${s.size}`, mtime: s.mtime });
      });
    };
    for (const root of this.roots) await walk(root.uri, root.path);
    const changed = [...found].filter(([p, f]) => this.sent.get(p) !== f.key);
    const write: WorkspaceFile[] = [];
    await Promise.all(
      changed.map(async ([p, f]) => {
        try {
          const data = await bounded(vscode.workspace.fs.readFile(f.uri), f.uri);
          write.push({ path: p, data, mtime: f.mtime });
          this.sent.set(p, f.key);
        } catch {
          // Unreadable: the program sees no such file.
        }
      }),
    );
    const remove = [...this.sent.keys()].filter((p) => !found.has(p));
    for (const p of remove) this.sent.delete(p);
    const workspace: WorkspaceSync = { roots: this.roots.map((r) => r.path), write, remove };
    return { workspace };
  }

  /** Saves what the program wrote or deleted in the workspace. */
  protected override async afterRun(result: FinishedRun, handlers: RunHandlers): Promise<void> {
    const changes = result.workspaceChanges;
    if (!changes) return;
    const problems: string[] = [...changes.skipped];
    for (const f of changes.written) {
      const uri = uriOf(this.roots, f.path);
      if (!uri) continue;
      try {
        await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(uri, '..'));
        await vscode.workspace.fs.writeFile(uri, f.data);
        const s = await vscode.workspace.fs.stat(uri);
        this.sent.set(f.path, `${s.mtime}:${s.size}`);
      } catch (e) {
        problems.push(`${f.path} (${e instanceof Error ? e.message : String(e)})`);
        this.sent.delete(f.path);
      }
    }
    for (const p of changes.removed) {
      const uri = uriOf(this.roots, p);
      if (!uri) continue;
      try {
        await vscode.workspace.fs.delete(uri);
      } catch {
        // Already gone from the workspace.
      }
      this.sent.delete(p);
    }
    if (problems.length > 0) {
      handlers.onStderr?.(
        `scope-lens: these files the program wrote were not saved to the workspace:\n${problems
          .map((p) => `  ${p}\n`)
          .join('')}`,
      );
    }
  }
}
