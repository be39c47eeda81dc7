/**
 * The run worker in a browser (dist/web/run-worker.js): Python programs in Pyodide against the
 * engine, for Run File and Run Selection in the web extension (src/extension/web-runner.ts
 * starts it and speaks protocol.ts with it). The same engine, bridge and Python packages as the
 * Node worker (worker.ts); what differs is where files come from:
 *
 * - Pyodide's files arrive in the `init` message (the extension fetched them: a worker started
 *   from a blob cannot load code-server's `vscode-remote:` files, and code-server serves `.wasm`
 *   as text). The loader and the asm glue are imported from blob URLs; Pyodide's own fetches of
 *   the standard library and the WebAssembly module are answered from memory, with the right
 *   MIME type, so nothing is fetched from the network.
 * - Scope Lens's Python packages are written to `/scope_lens/python`.
 * - The workspace's files arrive with each run (those changed since the last one) and are
 *   written at their own paths (the paths of their URIs, as the language server names them;
 *   folders Pyodide keeps for itself are moved under `/scope_lens/mnt` and mapped back in what
 *   is printed). After the run, what the program wrote or deleted there goes back in the
 *   result, and the extension saves it to the workspace.
 *
 * Only Python runs here. A program that never ends is the extension's problem: it terminates
 * this worker.
 */
import { ensureBackend, tf } from '../engine/backend';
import type { CheckpointFiles, FileWriter } from '../checkpoint/files';
import * as posix from '../web-shims/path';
import { createBridge } from './bridge';
import { handleRun } from './run-message';
import { isVirtualFilename } from './virtual-filename';
import type {
  FromWorker,
  OutputSink,
  RunRequest,
  ToWorker,
  WebRuntimeAssets,
  WorkerRunResult,
  WorkspaceChanges,
  WorkspaceFile,
  WorkspaceSync,
} from './protocol';
import type { PythonRunArgs } from './python-runner';
import { PYODIDE_ENV, PYTHON_PACKAGES_MOUNT, PyodideSession } from './pyodide-session';
import type { PyodideAPI } from 'pyodide';

type FS = PyodideAPI['FS'];

interface WorkerScope {
  postMessage(message: unknown, transfer?: unknown[]): void;
  addEventListener(type: 'message', listener: (e: { data: ToWorker }) => void): void;
  importScripts?: unknown;
  fetch: typeof fetch;
}
const scope = globalThis as unknown as WorkerScope;

/** The made-up folder Pyodide's files are "fetched" from (answered from memory). */
const ASSET_BASE = 'https://scope-lens.invalid/pyodide/';
/** Where workspace paths that would land in Pyodide's own folders go instead. */
const MOVED_ROOT = '/scope_lens/mnt';
/** Top-level folders that are Pyodide's, not the workspace's. */
const PYODIDE_OWN = ['/lib', '/dev', '/proc', '/sys', '/scope_lens', '/home', '/tmp'];
/** A file the program writes that is bigger than this is not saved back (the result says so). */
const MAX_SAVED_BYTES = 64 * 1024 * 1024;

function within(p: string, dir: string): boolean {
  return p === dir || p.startsWith(dir === '/' ? '/' : `${dir}/`);
}

/** The path inside Pyodide of a workspace path. */
export function pyodidePath(p: string): string {
  return PYODIDE_OWN.some((own) => within(p, own)) ? `${MOVED_ROOT}${p}` : p;
}

/** A stat's modification time in ms (Emscripten gives a Date). */
function mtimeOf(s: { mtime: unknown }): number {
  return s.mtime instanceof Date ? s.mtime.getTime() : Number(s.mtime);
}

function blobModuleUrl(text: string): string {
  return URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
}

function errnoOf(e: unknown): string {
  const err = e as { errno?: number; code?: string; message?: string };
  return err?.code ?? err?.message ?? String(e);
}

/** Pyodide's file system as the checkpoint code reads and writes it. */
function pyodideFiles(fs: FS): CheckpointFiles {
  const stat = (p: string) => {
    try {
      return fs.stat(p);
    } catch {
      return undefined;
    }
  };
  return {
    isFile: (p) => {
      const s = stat(p);
      return !!s && fs.isFile(s.mode);
    },
    isDir: (p) => {
      const s = stat(p);
      return !!s && fs.isDir(s.mode);
    },
    readDir: (p) => (fs.readdir(p) as string[]).filter((n) => n !== '.' && n !== '..'),
    readText: (p) => fs.readFile(p, { encoding: 'utf8' }) as string,
    fileSize(p) {
      const s = stat(p);
      return s && fs.isFile(s.mode) ? s.size : undefined;
    },
    mtimeMs(p) {
      const s = stat(p);
      return s ? mtimeOf(s) : undefined;
    },
    readBytes: (p) => fs.readFile(p) as Uint8Array,
    readRange(p, offset, length) {
      const all = fs.readFile(p) as Uint8Array;
      return all.slice(offset, offset + length);
    },
    writeFile: (p, data) => fs.writeFile(p, data),
    openWrite(p): FileWriter {
      const chunks: Uint8Array[] = [];
      fs.writeFile(p, new Uint8Array(0));
      return {
        write: (bytes) => void chunks.push(bytes.slice()),
        close() {
          const size = chunks.reduce((n, c) => n + c.length, 0);
          const all = new Uint8Array(size);
          let at = 0;
          for (const c of chunks) {
            all.set(c, at);
            at += c.length;
          }
          fs.writeFile(p, all);
        },
      };
    },
    rename: (from, to) => fs.rename(from, to),
    removeFile(p) {
      try {
        fs.unlink(p);
      } catch {
        // Nothing there.
      }
    },
    mkdir(p, recursive) {
      if (recursive) fs.mkdirTree(p);
      else if (!stat(p)) fs.mkdir(p);
    },
    tempSuffix: () => `${Date.now()}${Math.floor(Math.random() * 1e9)}`,
    path: posix,
  };
}

/**
 * Answers Pyodide's fetches of its own files from memory; anything else goes to the real fetch.
 */
function serveAssets(assets: WebRuntimeAssets): void {
  const files: Record<string, { body: ArrayBuffer | string; type: string }> = {
    'python_stdlib.zip': { body: assets.stdlib, type: 'application/zip' },
    'pyodide.asm.wasm': { body: assets.wasm, type: 'application/wasm' },
    'pyodide-lock.json': { body: assets.lock, type: 'application/json' },
  };
  const realFetch = scope.fetch.bind(globalThis);
  scope.fetch = (async (input: unknown, init?: unknown) => {
    const url = String(input instanceof Request ? input.url : input);
    if (url.startsWith(ASSET_BASE)) {
      const file = files[url.slice(ASSET_BASE.length)];
      if (!file) return new Response('not found', { status: 404 });
      return new Response(file.body, { status: 200, headers: { 'Content-Type': file.type } });
    }
    return realFetch(input as Parameters<typeof fetch>[0], init as RequestInit);
  }) as typeof fetch;
}

class WebPythonHost {
  private assets: WebRuntimeAssets | null = null;
  private loading: Promise<PyodideSession> | null = null;
  session: PyodideSession | null = null;
  /**
   * The workspace's files in Pyodide (their Pyodide paths) and the modification times they were
   * given: a file the program writes gets the time of the write, so it shows as changed.
   */
  private readonly synced = new Map<string, number>();

  init(assets: WebRuntimeAssets): void {
    this.assets = assets;
  }

  private load(): Promise<PyodideSession> {
    this.loading ??= this.doLoad().catch((error: unknown) => {
      this.loading = null;
      throw error;
    });
    return this.loading;
  }

  private async doLoad(): Promise<PyodideSession> {
    const assets = this.assets;
    if (!assets) throw new Error('the run worker got no Pyodide files');
    serveAssets(assets);
    // Pyodide refuses classic workers (it tests `importScripts`); it needs none here: the asm
    // glue comes in as `createPyodideModule`.
    scope.importScripts = () => {
      throw new Error('importScripts is not available in the run worker');
    };
    const { loadPyodide } = (await import(
      blobModuleUrl(assets.loader)
    )) as typeof import('pyodide');
    const asm = (await import(blobModuleUrl(assets.asm))) as { default: unknown };
    const py = await loadPyodide({
      indexURL: ASSET_BASE,
      lockFileContents: assets.lock,
      createPyodideModule: asm.default as never,
      env: PYODIDE_ENV,
      ...PyodideSession.loadOutput(() => this.session),
    });
    for (const [rel, text] of Object.entries(assets.python)) {
      const file = `${PYTHON_PACKAGES_MOUNT}/${rel}`;
      py.FS.mkdirTree(posix.dirname(file));
      py.FS.writeFile(file, text);
    }
    this.assets = null; // Pyodide holds what it needs
    this.session = new PyodideSession(py, createBridge({ files: pyodideFiles(py.FS) }));
    return this.session;
  }

  /** Writes the run's workspace files, with the workspace's modification times. */
  private sync(fs: FS, ws: WorkspaceSync): void {
    for (const p of ws.remove) {
      const at = pyodidePath(p);
      try {
        fs.unlink(at);
      } catch {
        // Already gone.
      }
      this.synced.delete(at);
    }
    for (const f of ws.write) {
      const at = pyodidePath(f.path);
      fs.mkdirTree(posix.dirname(at));
      fs.writeFile(at, f.data);
      if (f.mtime !== undefined) fs.utime(at, f.mtime, f.mtime);
      this.synced.set(at, mtimeOf(fs.stat(at)));
    }
    for (const root of ws.roots) fs.mkdirTree(pyodidePath(root));
  }

  /** The files under the roots the program created, changed or deleted. */
  private changes(fs: FS, roots: readonly string[]): WorkspaceChanges {
    const written: WorkspaceFile[] = [];
    const skipped: string[] = [];
    const seen = new Set<string>();
    const visit = (at: string, shown: string) => {
      let st;
      try {
        st = fs.stat(at);
      } catch {
        return;
      }
      if (fs.isDir(st.mode)) {
        for (const name of fs.readdir(at) as string[]) {
          if (name === '.' || name === '..') continue;
          const child = at === '/' ? `/${name}` : `${at}/${name}`;
          // Pyodide's own folders at the top are not the workspace's (moved ones are visited
          // from MOVED_ROOT, under their own names).
          if (at === '/' && PYODIDE_OWN.includes(child)) continue;
          visit(child, shown === '/' ? `/${name}` : `${shown}/${name}`);
        }
        return;
      }
      if (!fs.isFile(st.mode)) return;
      seen.add(at);
      const mtime = mtimeOf(st);
      if (this.synced.get(at) === mtime) return;
      if (st.size > MAX_SAVED_BYTES) {
        skipped.push(
          `${shown} (${st.size} bytes; files over ${MAX_SAVED_BYTES} bytes are not saved)`,
        );
        return;
      }
      written.push({ path: shown, data: fs.readFile(at) as Uint8Array, mtime });
      // Saved now: the next run sees it as the workspace's.
      this.synced.set(at, mtime);
    };
    for (const root of roots) {
      visit(root === '/' ? '/' : pyodidePath(root), root);
      for (const own of PYODIDE_OWN) {
        if (within(own, root)) visit(`${MOVED_ROOT}${own}`, own);
      }
    }
    const removed: string[] = [];
    for (const at of [...this.synced.keys()]) {
      if (seen.has(at) || !roots.some((r) => within(at, pyodidePath(r)) || within(at, r))) continue;
      removed.push(at.startsWith(`${MOVED_ROOT}/`) ? at.slice(MOVED_ROOT.length) : at);
      this.synced.delete(at);
    }
    return { written, removed, skipped };
  }

  async run(
    req: RunRequest,
    ws: WorkspaceSync | undefined,
    sink: OutputSink,
    onStart: () => void,
  ): Promise<WorkerRunResult> {
    const session = await this.load();
    const fs = session.py.FS;
    const roots = ws?.roots ?? [];
    if (ws) this.sync(fs, ws);
    const virtual = isVirtualFilename(req.filename);
    const fileDir = virtual ? null : posix.dirname(req.filename);
    const cwd = req.cwd ?? fileDir;
    const isDir = (p: string | null) => {
      if (p === null) return false;
      try {
        return fs.isDir(fs.stat(pyodidePath(p)).mode);
      } catch {
        return false;
      }
    };
    const pathFront: string[] = [];
    if (isDir(fileDir)) pathFront.push(pyodidePath(fileDir!));
    pathFront.push(PYTHON_PACKAGES_MOUNT);
    const mapping = PYODIDE_OWN.map((own): [string, string] => [`${MOVED_ROOT}${own}`, own]);
    const args: PythonRunArgs = {
      code: req.code,
      filename: virtual ? req.filename : pyodidePath(req.filename),
      first_line: Math.max(1, Math.floor(req.firstLine ?? 1)),
      path_front: pathFront,
      user_dirs: roots.map(pyodidePath),
      hidden_dirs: [PYTHON_PACKAGES_MOUNT],
      mapping,
      host_sep: '/',
      argv: req.argv && req.argv.length > 0 ? [...req.argv] : [req.filename],
      cwd: isDir(cwd) ? pyodidePath(cwd!) : null,
    };
    const result = session.run(args, sink, onStart);
    if (roots.length === 0) return result;
    let workspaceChanges: WorkspaceChanges;
    try {
      workspaceChanges = this.changes(fs, roots);
    } catch (e) {
      workspaceChanges = { written: [], removed: [], skipped: [`(${errnoOf(e)})`] };
    }
    return { ...result, workspaceChanges };
  }
}

ensureBackend();
const python = new WebPythonHost();
let runs = 0;

function post(message: FromWorker): void {
  const files = message.type === 'done' ? message.result.workspaceChanges?.written : undefined;
  scope.postMessage(message, files ? files.map((f) => f.data.buffer) : undefined);
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.type) {
    case 'init':
      python.init(message.assets);
      return;
    case 'run': {
      const { request } = message;
      await handleRun(message, post, (sink, onStart) => {
        if (request.language !== 'python') {
          throw new Error(`${request.language} programs do not run in the browser`);
        }
        return python.run(request, message.workspace, sink, onStart);
      });
      runs++;
      return;
    }
    case 'stats': {
      const py = python.session?.stats(message.gc) ?? { wasmMemoryBytes: 0, pythonObjects: 0 };
      post({
        type: 'stats',
        id: message.id,
        stats: {
          threadId: 0,
          heapUsed: 0,
          numTensors: tf.memory().numTensors,
          runs,
          pyodideLoaded: python.session !== null,
          ...py,
        },
      });
      return;
    }
  }
}

let queue: Promise<void> = Promise.resolve();
scope.addEventListener('message', (e) => {
  queue = queue.then(() => handle(e.data));
});
