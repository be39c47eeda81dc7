/**
 * Which checkpoint a path names (see node.ts's module comment for the forms), over a view of a
 * file system, so that the same rules run on the disk (node.ts) and on files a browser client
 * fetched (src/server/web-checkpoints.ts). No I/O here: the view does it, and says how paths
 * join (the host's rules: Windows paths on the desktop, POSIX in a browser).
 */
import { parseCheckpointState, type CheckpointState } from './checkpoint-state';
import { fail } from './errors';
import { indexFilename } from './naming';

export const STATE_FILENAME = 'checkpoint';

export interface CheckpointFileView {
  isFile(p: string): boolean;
  isDir(p: string): boolean;
  /** A folder's entry names. */
  readDir(p: string): string[];
  /** A text file's contents; throws a `CheckpointError` saying why when it cannot be read. */
  readText(p: string): string;
  readonly path: {
    join(...parts: string[]): string;
    basename(p: string): string;
    dirname(p: string): string;
    isAbsolute(p: string): boolean;
  };
}

/** A folder's `checkpoint` state file; undefined when there is none. */
export function readStateWith(view: CheckpointFileView, dir: string): CheckpointState | undefined {
  const file = view.path.join(dir, STATE_FILENAME);
  if (!view.isFile(file)) return undefined;
  const text = view.readText(file);
  return parseCheckpointState(text, file);
}

function prefixFromState(view: CheckpointFileView, dir: string, stateFile: string): string {
  const state = readStateWith(view, dir) as CheckpointState;
  if (!state.modelCheckpointPath) {
    fail('no-checkpoint', stateFile, 'has no model_checkpoint_path');
  }
  const p = state.modelCheckpointPath;
  const prefix = view.path.isAbsolute(p) ? p : view.path.join(dir, p);
  if (view.isFile(indexFilename(prefix))) return prefix;
  const moved = view.path.join(dir, view.path.basename(p));
  if (view.path.isAbsolute(p) && view.isFile(indexFilename(moved))) return moved;
  return fail(
    'no-checkpoint',
    stateFile,
    `names ${JSON.stringify(p)}, but ${indexFilename(prefix)} does not exist`,
  );
}

/** The prefix of the checkpoint `p` names, or a `CheckpointError` (`no-checkpoint`). */
export function resolvePrefixWith(view: CheckpointFileView, p: string): string {
  if (view.isDir(p)) {
    const stateFile = view.path.join(p, STATE_FILENAME);
    if (view.isFile(stateFile)) return prefixFromState(view, p, stateFile);
    const indexes = view.readDir(p).filter((f) => f.endsWith('.index'));
    if (indexes.length === 1) return view.path.join(p, indexes[0].slice(0, -'.index'.length));
    return fail(
      'no-checkpoint',
      p,
      indexes.length === 0
        ? `no checkpoint in this folder (no ${STATE_FILENAME} file and no .index file)`
        : `no ${STATE_FILENAME} file and ${indexes.length} .index files: name one of them`,
    );
  }
  if (view.isFile(p) && view.path.basename(p) === STATE_FILENAME)
    return prefixFromState(view, view.path.dirname(p), p);
  if (p.endsWith('.index') && view.isFile(p)) return p.slice(0, -'.index'.length);
  const data = /^(.*)\.data-\d{5,}-of-\d{5,}$/.exec(p);
  if (data && view.isFile(p)) return data[1];
  if (view.isFile(indexFilename(p))) return p;
  return fail(
    'no-checkpoint',
    p,
    `no checkpoint here (looked for ${view.path.basename(indexFilename(p))}, a folder with a ${STATE_FILENAME} file, or an .index file)`,
  );
}
