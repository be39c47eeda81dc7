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
import { BundleBuilder, SliceInput, TensorInput, nameKey } from './bundle';
import { CheckpointState, formatCheckpointState } from './checkpoint-state';
import { CheckpointError, fail } from './errors';
import { dataFilename, indexFilename } from './naming';
import {
  readStateWith,
  resolvePrefixWith,
  STATE_FILENAME,
  type CheckpointFileView,
} from './resolve';
import { CheckpointReader, ShardStore } from './reader';
import type { TableOptions } from './table';

export { STATE_FILENAME };

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function errnoMessage(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  return e && typeof e.code === 'string' ? `${e.code}: ${e.message}` : String(err);
}

/** The disk, as resolve.ts's rules read it. */
const DISK: CheckpointFileView = {
  isFile,
  isDir,
  readDir: (p) => fs.readdirSync(p),
  readText(p) {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch (err) {
      return fail('no-checkpoint', p, `cannot be read (${errnoMessage(err)})`);
    }
  },
  path,
};

/** Reads a folder's `checkpoint` state file; undefined when there is none. */
export function readCheckpointState(dir: string): CheckpointState | undefined {
  return readStateWith(DISK, dir);
}

/** Writes a folder's `checkpoint` state file (atomically: a temporary file, then a rename). */
export function writeCheckpointState(dir: string, state: CheckpointState): void {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, STATE_FILENAME);
  const tmp = `${file}.tmp${process.pid}.${Date.now()}`;
  fs.writeFileSync(tmp, formatCheckpointState(state));
  fs.renameSync(tmp, file);
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
  const sizes = new Map<string, number | undefined>();
  return {
    name: (shard, n) => dataFilename(prefix, shard, n),
    size(shard, n) {
      const file = dataFilename(prefix, shard, n);
      if (!sizes.has(file)) {
        let size: number | undefined;
        try {
          const st = fs.statSync(file);
          size = st.isFile() ? st.size : undefined;
        } catch {
          size = undefined;
        }
        sizes.set(file, size);
      }
      return sizes.get(file);
    },
    read(shard, n, offset, length) {
      const file = dataFilename(prefix, shard, n);
      // allocUnsafeSlow: an unpooled buffer of its own (no zero fill), so values can view it.
      const buf = Buffer.allocUnsafeSlow(length);
      let fd: number;
      try {
        fd = fs.openSync(file, 'r');
      } catch (err) {
        return fail('missing-shard', file, `data file cannot be opened (${errnoMessage(err)})`);
      }
      try {
        let done = 0;
        while (done < length) {
          const n = fs.readSync(fd, buf, done, length - done, offset + done);
          if (n === 0)
            fail(
              'truncated',
              file,
              `data file ended at ${offset + done} bytes, reading [${offset}, ${offset + length})`,
            );
          done += n;
        }
      } catch (err) {
        if (err instanceof CheckpointError) throw err;
        fail('missing-shard', file, `data file cannot be read (${errnoMessage(err)})`);
      } finally {
        fs.closeSync(fd);
      }
      return new Uint8Array(buf.buffer, buf.byteOffset, length);
    },
  };
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

export interface WriteResult {
  prefix: string;
  indexFile: string;
  dataFile: string;
  /** Bytes in the data file. */
  dataBytes: number;
}

export interface WriteOptions extends TableOptions {
  /** Also write (or update) the folder's `checkpoint` state file to name this checkpoint. */
  updateState?: boolean;
}

function compareNames(a: string, b: string): number {
  const x = nameKey(a);
  const y = nameKey(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/**
 * Writes `prefix.index` and `prefix.data-00000-of-00001` as TF's `BundleWriter` does (one shard,
 * little-endian, data in key order as `tf.train.Saver` adds it, index sorted by key), each to a
 * temporary file renamed into place at the end. Tensors with `extents` are slices of a
 * partitioned variable (`BundleWriter::AddSlice`).
 */
export function writeCheckpoint(
  prefix: string,
  tensors: ReadonlyArray<TensorInput | SliceInput>,
  options: WriteOptions = {},
): WriteResult {
  const indexFile = indexFilename(prefix);
  const dataFile = dataFilename(prefix, 0, 1);
  const builder = new BundleBuilder(prefix);
  const sorted = [...tensors].sort((a, b) => compareNames(a.name, b.name));
  fs.mkdirSync(path.dirname(path.resolve(prefix)), { recursive: true });
  const suffix = `.tempstate${process.pid}${Date.now()}${Math.floor(Math.random() * 1e9)}`;
  const dataTmp = dataFile + suffix;
  const indexTmp = indexFile + suffix;
  const fd = fs.openSync(dataTmp, 'w');
  let open = true;
  let ok = false;
  try {
    for (const t of sorted) {
      const bytes = 'extents' in t ? builder.addSlice(t) : builder.add(t);
      let done = 0;
      while (done < bytes.length) done += fs.writeSync(fd, bytes, done, bytes.length - done);
    }
    open = false;
    fs.closeSync(fd);
    fs.writeFileSync(indexTmp, builder.finish(options));
    fs.renameSync(dataTmp, dataFile);
    fs.renameSync(indexTmp, indexFile);
    ok = true;
  } finally {
    if (!ok) {
      if (open) fs.closeSync(fd);
      fs.rmSync(dataTmp, { force: true });
      fs.rmSync(indexTmp, { force: true });
    }
  }
  if (options.updateState) {
    const dir = path.dirname(prefix);
    const base = path.basename(prefix);
    const old = readCheckpointState(dir);
    const all = (old?.allModelCheckpointPaths ?? []).filter((p) => p !== base);
    writeCheckpointState(dir, {
      modelCheckpointPath: base,
      allModelCheckpointPaths: [...all, base],
    });
  }
  return { prefix, indexFile, dataFile, dataBytes: builder.dataSize };
}
