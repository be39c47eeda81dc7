/**
 * File names of runs, and where the runtime's own files are. A run's `filename` is either a path
 * (made absolute by the runner, so tracebacks name the file as CPython names a script's file) or a
 * virtual name that is shown as given: `<stdin>`-style names and editor URIs such as
 * `untitled:Untitled-1`.
 *
 * The runtime's files are found relative to the running bundle first, so an installed VS Code
 * extension (which ships dist/ and no node_modules) finds them in its own folder: `worker.js`,
 * `python/` (the `tensorflow` package) and `pyodide/` (Pyodide's WebAssembly interpreter and
 * standard library, copied there by scripts/build.mjs) next to the bundle. A checkout's tsc
 * output (out/src/runtime) falls back to the `pyodide` package in node_modules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isVirtualFilename } from './virtual-filename';

export { isVirtualFilename };

/** The absolute path of a run's file, relative to `cwd`; virtual names are kept. */
export function normalizeFilename(filename: string, cwd: string = process.cwd()): string {
  return isVirtualFilename(filename) ? filename : path.resolve(cwd, filename);
}

/** Whether `p` is `dir` or inside it. */
export function isInside(p: string, dir: string): boolean {
  if (p === dir) return true;
  return p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

/** The files Pyodide needs at run time, besides its loader (which is bundled or required). */
export const PYODIDE_RUNTIME_FILES = [
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
] as const;

/**
 * Pyodide's `indexURL`, with a trailing separator: a `pyodide` folder next to `from` (the bundle's
 * folder) holding Pyodide's runtime files, else the `pyodide` package's own folder.
 */
export function pyodideIndexURL(from: string = __dirname): string {
  const next = path.join(from, 'pyodide');
  if (PYODIDE_RUNTIME_FILES.every((f) => fs.existsSync(path.join(next, f)))) return next + path.sep;
  return path.dirname(require.resolve('pyodide/package.json')) + path.sep;
}
