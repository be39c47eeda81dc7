/**
 * The file-system side of src/checkpoint (the only module here that imports Node built-ins):
 * finding a checkpoint from a path, reading its index and data shards, writing checkpoints and
 * `checkpoint` state files. Everything else in src/checkpoint works on `Uint8Array`s.
 *
 * A checkpoint can be named by
 * - its prefix (`dir/model.ckpt-1`, which names `dir/model.ckpt-1.index` and the data shards),
 * - its `.index` file, or one of its `.data-*` files,
 * - a folder with a `checkpoint` state file (its `model_checkpoint_path`, relative to the folder;
 *   an absolute path that does not exist is tried by its base name in the folder, as checkpoints
 *   are often moved), or a folder holding exactly one `.index` file,
 * - the `checkpoint` state file itself.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SliceInput, TensorInput } from './bundle';
import type { CheckpointState } from './checkpoint-state';
import { fail } from './errors';
import {
  errnoMessage,
  fileShardsWith,
  writeCheckpointWith,
  writeStateWith,
  type CheckpointFiles,
  type FileWriter,
  type WriteOptions,
  type WriteResult,
} from './files';
import { indexFilename } from './naming';
import { readStateWith, resolvePrefixWith, STATE_FILENAME } from './resolve';
import { CheckpointReader, type ShardStore } from './reader';

export { STATE_FILENAME };
export type { WriteOptions, WriteResult };

function statOf(p: string): fs.Stats | undefined {
  try {
    return fs.statSync(p);
  } catch {
    return undefined;
  }
}

/** Writes all of `bytes` at the file's current end. */
function writeAll(fd: number, bytes: Uint8Array): void {
  let done = 0;
  while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
}

/** The disk. */
export const DISK: CheckpointFiles = {
  isFile: (p) => statOf(p)?.isFile() ?? false,
  isDir: (p) => statOf(p)?.isDirectory() ?? false,
  readDir: (p) => fs.readdirSync(p),
  readText(p) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (err) {
      return fail('no-checkpoint', p, `cannot be read (${errnoMessage(err)})`);
    }
  },
  fileSize(p) {
    const s = statOf(p);
    return s?.isFile() ? s.size : undefined;
  },
  mtimeMs: (p) => statOf(p)?.mtimeMs,
  readBytes: (p) => fs.readFileSync(p),
  readRange(p, offset, length) {
    // allocUnsafeSlow: an unpooled buffer of its own (no zero fill), so values can view it.
    const buf = Buffer.allocUnsafeSlow(length);
    const fd = fs.openSync(p, 'r');
    let done = 0;
    try {
      for (;;) {
        if (done >= length) break;
        const n = fs.readSync(fd, buf, done, length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
    } finally {
      fs.closeSync(fd);
    }
    return new Uint8Array(buf.buffer, buf.byteOffset, done);
  },
  writeFile: (p, data) => fs.writeFileSync(p, data),
  openWrite(p): FileWriter {
    const fd = fs.openSync(p, 'w');
    return { write: (bytes) => writeAll(fd, bytes), close: () => fs.closeSync(fd) };
  },
  rename: (from, to) => fs.renameSync(from, to),
  removeFile: (p) => fs.rmSync(p, { force: true }),
  mkdir: (p, recursive) => {
    fs.mkdirSync(p, { recursive });
  },
  tempSuffix: () => `${process.pid}${Date.now()}${Math.floor(Math.random() * 1e9)}`,
  path,
};

/** Reads a folder's `checkpoint` state file; undefined when there is none. */
export function readCheckpointState(dir: string): CheckpointState | undefined {
  return readStateWith(DISK, dir);
}

/** Writes a folder's `checkpoint` state file (atomically: a temporary file, then a rename). */
export function writeCheckpointState(dir: string, state: CheckpointState): void {
  writeStateWith(DISK, dir, state);
}

/**
 * The prefix of the checkpoint `p` names (see the module comment), or a `CheckpointError`
 * (`no-checkpoint`) saying what was looked for.
 */
export function resolveCheckpointPrefix(p: string): string {
  return resolvePrefixWith(DISK, p);
}

/** Reads data shards from files, a range at a time (no file stays open). */
export function fileShards(prefix: string): ShardStore {
  return fileShardsWith(DISK, prefix);
}

/**
 * Opens the checkpoint `p` names: a prefix, an `.index` or data file, a folder or a `checkpoint`
 * file. Reads and validates the index now; data shards are read when tensors are.
 */
export function openCheckpoint(p: string): CheckpointReader {
  const prefix = resolveCheckpointPrefix(p);
  const indexFile = indexFilename(prefix);
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(indexFile);
  } catch (err) {
    return fail('no-checkpoint', indexFile, `cannot be read (${errnoMessage(err)})`);
  }
  return new CheckpointReader(bytes, prefix, fileShards(prefix), indexFile);
}

/** writeCheckpointWith (files.ts) on the disk. */
export function writeCheckpoint(
  prefix: string,
  tensors: ReadonlyArray<TensorInput | SliceInput>,
  options: WriteOptions = {},
): WriteResult {
  return writeCheckpointWith(DISK, prefix, tensors, options);
}
