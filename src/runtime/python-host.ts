/**
 * Runs Python programs in Pyodide, inside the run worker.
 *
 * Pyodide loads lazily, on the first Python run, from the folder `pyodideIndexURL()` finds
 * (paths.ts: `pyodide/` next to the bundle, else the `pyodide` package's folder): nothing is
 * downloaded. Then, once: Scope Lens's Python packages (the folder holding `tensorflow/`) are
 * copied into Pyodide's memory at `/scope_lens/python`, and a `PyodideSession`
 * (pyodide-session.ts: output, the engine bridge over the disk's checkpoint files, the runner)
 * is set up.
 *
 * On POSIX hosts the host's filesystem is mounted (NODEFS, read-write) at its own paths: each
 * top-level folder of `/` but those Pyodide keeps for itself (`/lib` holds its Python library,
 * `/dev`, `/proc`, and `/home`, where only the host's user folders are mounted beside
 * `/home/pyodide`), so a program reads and writes any file its user can, as under CPython.
 * Every run then gets a fresh `__main__`. The folder of the program (and its working directory)
 * are at the same path inside Pyodide (mounted for the run if no top-level mount holds them), so
 * `__file__`, `open()` and tracebacks see the real paths; Windows paths and paths that would
 * shadow Pyodide's own folders are mounted under `/scope_lens/mnt` and mapped back when printed.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PyodideAPI } from 'pyodide';
import { DISK } from '../checkpoint/node';
import { createBridge } from './bridge';
import type { OutputSink, RunRequest, WorkerRunResult } from './protocol';
import type { PythonRunArgs } from './python-runner';
import { isInside, isVirtualFilename, pyodideIndexURL } from './paths';
import { PYODIDE_ENV, PYTHON_PACKAGES_MOUNT, PyodideSession } from './pyodide-session';

export { PYTHON_PACKAGES_MOUNT };
const FALLBACK_MOUNT_ROOT = '/scope_lens/mnt';
/** Pyodide folders a user folder must not be mounted over. */
const RESERVED = ['/lib', '/dev', '/proc', '/scope_lens', '/home/pyodide'];
/** Top-level host folders not mounted at `/`: Pyodide's own, and the kernel's. */
const ROOT_SKIPPED = new Set(['/lib', '/dev', '/proc', '/sys', '/scope_lens', '/home']);

/**
 * Copies the host folder `hostDir` into Pyodide's in-memory filesystem at `at`. Scope Lens's
 * packages are copied rather than mounted: `import tensorflow` reads about 60 modules (source
 * and bytecode) and stats several paths for each, and through a NODEFS mount every one of those
 * is a call out of WebAssembly into Node's `fs`. Copied once at load (about 3 MB), they cost
 * the first run less than the mount did.
 */
function copyTree(py: PyodideAPI, hostDir: string, at: string): void {
  py.FS.mkdirTree(at);
  for (const entry of fs.readdirSync(hostDir, { withFileTypes: true })) {
    const from = path.join(hostDir, entry.name);
    const to = `${at}/${entry.name}`;
    if (entry.isDirectory()) copyTree(py, from, to);
    else if (entry.isFile()) py.FS.writeFile(to, fs.readFileSync(from));
  }
}

/**
 * The folder holding Scope Lens's Python packages: `dist/python` next to the bundle, else (tsc
 * output or a checkout) `src/runtime/python` under the project root. Null if neither exists.
 */
export function findPythonDir(from: string = __dirname): string | null {
  const next = path.join(from, 'python');
  if (fs.existsSync(path.join(next, 'tensorflow'))) return next;
  let dir = from;
  for (;;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) {
      const src = path.join(dir, 'src', 'runtime', 'python');
      if (fs.existsSync(src)) return src;
    }
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** The path a host folder is mounted at inside Pyodide. */
export function toPyodidePath(hostPath: string): string {
  if (process.platform === 'win32') {
    const drive = /^([A-Za-z]):[\\/]*(.*)$/.exec(hostPath);
    const rest = drive
      ? `${drive[1].toLowerCase()}/${drive[2]}`
      : `unc/${hostPath.replace(/^[\\/]+/, '')}`;
    return `${FALLBACK_MOUNT_ROOT}/${rest.replace(/\\/g, '/')}`.replace(/\/+$/, '');
  }
  const p = path.posix.resolve(hostPath);
  if (p === '/' || RESERVED.some((r) => p === r || p.startsWith(`${r}/`))) {
    return `${FALLBACK_MOUNT_ROOT}${p}`.replace(/\/+$/, '');
  }
  return p;
}

/** Drops folders inside other folders of the list (a mount covers its subfolders). */
function outermost(dirs: string[]): string[] {
  const unique = [...new Set(dirs)];
  return unique.filter((d) => !unique.some((o) => o !== d && isInside(d, o)));
}

export class PythonHost {
  private session: PyodideSession | null = null;
  private loading: Promise<PyodideSession> | null = null;
  /** Host folder → Pyodide mount point, for the user folders mounted now. */
  private readonly mounts = new Map<string, string>();
  /** Host folders mounted once at load at their own paths (the host's top-level folders). */
  private readonly rootMounts: string[] = [];
  private mapping: [string, string][] = [];

  constructor(private readonly pythonDir: string | null) {}

  get loaded(): boolean {
    return this.session !== null;
  }

  private load(): Promise<PyodideSession> {
    this.loading ??= this.doLoad().catch((error: unknown) => {
      this.loading = null; // the next run tries again
      throw error;
    });
    return this.loading;
  }

  private async doLoad(): Promise<PyodideSession> {
    const { loadPyodide } = await import('pyodide');
    const py = await loadPyodide({
      indexURL: pyodideIndexURL(),
      env: PYODIDE_ENV,
      ...PyodideSession.loadOutput(() => this.session),
    });
    if (this.pythonDir) {
      copyTree(py, this.pythonDir, PYTHON_PACKAGES_MOUNT);
      this.mapping.push([PYTHON_PACKAGES_MOUNT, this.pythonDir]);
    }
    this.mountHostRoot(py);
    const bridge = createBridge({ files: DISK, hostPath: (p) => this.pyToHost(p) });
    this.session = new PyodideSession(py, bridge);
    return this.session;
  }

  /**
   * Mounts the host's top-level folders at their own paths (POSIX only): `/tmp`, `/etc`, `/usr`,
   * the user's folders under `/home`, ... A folder that cannot be mounted is left out.
   */
  private mountHostRoot(py: PyodideAPI): void {
    if (process.platform === 'win32') return;
    const tops: string[] = [];
    const list = (dir: string): string[] => {
      try {
        return fs.readdirSync(dir).map((name) => path.posix.join(dir, name));
      } catch {
        return [];
      }
    };
    for (const top of list('/')) {
      if (top === '/home') tops.push(...list('/home').filter((d) => d !== '/home/pyodide'));
      else if (!ROOT_SKIPPED.has(top)) tops.push(top);
    }
    for (const dir of tops) {
      try {
        if (!fs.statSync(dir).isDirectory()) continue;
        py.FS.mkdirTree(dir);
        py.FS.mount(py.FS.filesystems.NODEFS, { root: dir }, dir);
        this.rootMounts.push(dir);
      } catch {
        // Unreadable or gone: the program sees no such folder.
      }
    }
  }

  /** True if a top-level mount already shows this host folder at its own path. */
  private covered(hostDir: string): boolean {
    return toPyodidePath(hostDir) === hostDir && this.rootMounts.some((m) => isInside(hostDir, m));
  }

  /** Mounts exactly `hostDirs` (outermost only) at their Pyodide paths; unmounts the others. */
  private mountUserDirs(py: PyodideAPI, hostDirs: string[]): void {
    const wanted = new Map(outermost(hostDirs).map((d) => [d, toPyodidePath(d)]));
    const stale = [...this.mounts].filter(([host]) => !wanted.has(host));
    // Deepest first, so a mount point inside another mount is released before its parent.
    stale.sort((a, b) => b[1].length - a[1].length);
    for (const [host, at] of stale) {
      try {
        if (!this.covered(host)) py.FS.unmount(at);
      } catch {
        // Left mounted; harmless (nothing puts it on sys.path again).
      }
      this.mounts.delete(host);
    }
    for (const [host, at] of wanted) {
      if (this.mounts.has(host)) continue;
      if (!this.covered(host)) {
        py.FS.mkdirTree(at);
        py.FS.mount(py.FS.filesystems.NODEFS, { root: host }, at);
      }
      this.mounts.set(host, at);
    }
  }

  /**
   * The host's path of a path inside Pyodide: under a mounted folder, that folder's host path;
   * anything else unchanged (on POSIX hosts the program then names host paths directly).
   */
  pyToHost(pyPath: string): string {
    const mounts = [...this.mounts].map(([host, at]): [string, string] => [at, host]);
    mounts.push(...this.mapping);
    let best: [string, string] | undefined;
    for (const m of mounts) {
      if (
        (pyPath === m[0] || pyPath.startsWith(`${m[0]}/`)) &&
        (!best || m[0].length > best[0].length)
      )
        best = m;
    }
    if (!best) return pyPath;
    const rest = pyPath.slice(best[0].length).split('/').filter(Boolean);
    return rest.length ? path.join(best[1], ...rest) : best[1];
  }

  /** A host path's path inside Pyodide, if a mounted user folder holds it; else unchanged. */
  private hostToPy(hostPath: string): string {
    for (const [host, at] of this.mounts) {
      if (isInside(hostPath, host)) {
        const rest = path.relative(host, hostPath).split(path.sep).join('/');
        return rest ? `${at}/${rest}` : at;
      }
    }
    return hostPath;
  }

  async run(req: RunRequest, sink: OutputSink, onStart: () => void): Promise<WorkerRunResult> {
    const session = await this.load();
    const py = session.py;
    const virtual = isVirtualFilename(req.filename);
    const fileDir = virtual ? null : path.dirname(req.filename);
    const cwd = req.cwd ?? fileDir;
    const dirs = [fileDir, cwd].filter(
      (d): d is string => d !== null && fs.existsSync(d) && fs.statSync(d).isDirectory(),
    );
    this.mountUserDirs(py, dirs);
    const userMounts = [...this.mounts.values()];
    const mapping = [...this.mounts].map(([host, at]): [string, string] => [at, host]);
    mapping.push(...this.mapping);
    mapping.sort((a, b) => b[0].length - a[0].length);
    const pyFile = virtual ? req.filename : this.hostToPy(req.filename);
    // As CPython: the script's folder is sys.path[0]; Scope Lens's packages come after it.
    const pathFront: string[] = [];
    if (fileDir && dirs.includes(fileDir)) pathFront.push(this.hostToPy(fileDir));
    if (this.pythonDir) pathFront.push(PYTHON_PACKAGES_MOUNT);
    const args: PythonRunArgs = {
      code: req.code,
      filename: pyFile,
      first_line: Math.max(1, Math.floor(req.firstLine ?? 1)),
      path_front: pathFront,
      user_dirs: userMounts,
      hidden_dirs: this.pythonDir ? [PYTHON_PACKAGES_MOUNT] : [],
      mapping,
      host_sep: path.sep,
      argv: req.argv && req.argv.length > 0 ? [...req.argv] : [req.filename],
      cwd: cwd && dirs.includes(cwd) ? this.hostToPy(cwd) : null,
    };
    return session.run(args, sink, onStart);
  }

  /** Pyodide's memory and live Python objects (0 before Pyodide loads). */
  stats(collect: boolean): { wasmMemoryBytes: number; pythonObjects: number } {
    return this.session?.stats(collect) ?? { wasmMemoryBytes: 0, pythonObjects: 0 };
  }
}
