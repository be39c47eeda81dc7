/**
 * What the language server needs from where it runs, so that one server runs under Node (a
 * process the desktop client starts, or `scope-lens lsp`) and in a browser's web worker
 * (vscode.dev, github.dev), where there is no file system and files are read through the client.
 *
 * Invariants:
 * - The analyzer is synchronous, so imports are read with `readImport`, which never waits. Under
 *   Node it reads the disk; in the browser it answers from a cache and starts fetching a file it
 *   has not seen, and `onFilesArrived` later re-runs the analyses that asked for it (a file's
 *   absence is cached too, so a document is analysed at most once more per import).
 * - Paths are the server's file-system paths (POSIX in the browser: a workspace URI's path).
 */

import type { InitializationOptions } from './protocol';

export type FileKind = 'file' | 'directory' | 'other';

export interface FileStat {
  readonly kind: FileKind;
  readonly mtimeMs: number;
  readonly size: number;
}

export interface ServerFiles {
  /** An import's text, without waiting (undefined: absent, too large, or not fetched yet). */
  readImport(path: string, maxBytes: number): string | undefined;
  /** Registers what runs when files a `readImport` missed have arrived (the browser only). */
  onFilesArrived(listener: (paths: readonly string[]) => void): void;
  /** A changed file: forget what was read of it. */
  invalidate(path: string): void;
  stat(path: string): Promise<FileStat | undefined>;
  readDirectory(path: string): Promise<Array<[string, FileKind]> | undefined>;
  readText(path: string): Promise<string | undefined>;
}

/** The checkpoint a comparison reads: its prefix, a version that changes with the files, its keys. */
export interface CheckpointListing {
  readonly prefix: string;
  readonly version: number;
  readonly variables: Array<{ name: string; dtype: string; shape: number[] }>;
}

export interface CheckpointFiles {
  /** The checkpoint `wanted` names (a prefix, a directory, an index file); throws when unreadable. */
  resolve(wanted: string): string;
  /** The index file's version (its modification time); throws when unreadable. */
  version(prefix: string): number;
  /** The stored variables; throws when unreadable. */
  list(prefix: string): CheckpointListing['variables'];
  /** Reads ahead what `wanted` needs, where reading must wait (the browser). */
  prepare?(wanted: string): Promise<void>;
  /** A changed file: forget what was read of it. */
  invalidate?(path: string): void;
}

export interface ServerPlatform {
  readonly files: ServerFiles;
  readonly checkpoints: CheckpointFiles;
  /** Files are the client's (a browser): paths are the workspace URIs' paths (convert.ts). */
  readonly virtual: boolean;
  /** The folder relative paths are shown from (the process's working directory under Node). */
  readonly cwd: string;
  /** Takes the client's initialization options (where the browser finds the compiler). */
  initialize?(options: InitializationOptions): void;
  /** The memory figures of the stats request (zeros where the host does not say). */
  memoryUsage(): { rss: number; heapUsed: number; heapTotal: number };
}

/** Runs `fn` on a later turn of the event loop (setImmediate under Node, a message elsewhere). */
export const nextTurn: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);
