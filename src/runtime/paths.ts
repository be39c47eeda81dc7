/**
 * File names of runs. A run's `filename` is either a path (made absolute by the runner, so
 * tracebacks name the file as CPython names a script's file) or a virtual name that is shown as
 * given: `<stdin>`-style names and editor URIs such as `untitled:Untitled-1`.
 */
import * as path from 'node:path';

/** `<...>` names and `scheme:` URIs (two or more letters, so `C:\` stays a path). */
export function isVirtualFilename(filename: string): boolean {
  return filename.startsWith('<') || /^[A-Za-z][A-Za-z0-9+.-]+:/.test(filename);
}

/** The absolute path of a run's file, relative to `cwd`; virtual names are kept. */
export function normalizeFilename(filename: string, cwd: string = process.cwd()): string {
  return isVirtualFilename(filename) ? filename : path.resolve(cwd, filename);
}

/** Whether `p` is `dir` or inside it. */
export function isInside(p: string, dir: string): boolean {
  if (p === dir) return true;
  return p.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}
