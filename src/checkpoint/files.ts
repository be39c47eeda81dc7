/**
 * Checkpoint files over a synchronous file system that this module does not know: the disk under
 * Node (node.ts), Pyodide's in-memory file system in the browser's run worker
 * (src/runtime/web-worker.ts). Reading data shards a range at a time, writing a checkpoint as
 * TF's `BundleWriter` does, and writing `checkpoint` state files, with the same rules and
 * messages on every host. No I/O here and no Node built-in: the `CheckpointFiles` does it.
 */
import { BundleBuilder, nameKey, type SliceInput, type TensorInput } from './bundle';
import { formatCheckpointState, type CheckpointState } from './checkpoint-state';
import { fail } from './errors';
import { dataFilename, indexFilename } from './naming';
import type { ShardStore } from './reader';
import { readStateWith, STATE_FILENAME, type CheckpointFileView } from './resolve';
import type { TableOptions } from './table';

/** A file being written, a chunk at a time. */
export interface FileWriter {
  write(bytes: Uint8Array): void;
  close(): void;
}

/** What the checkpoint code reads and writes. Failures throw the host's errors. */
export interface CheckpointFiles extends CheckpointFileView {
  /** The size of a regular file, undefined when `p` is no file. */
  fileSize(p: string): number | undefined;
  /** The modification time (ms) of whatever is at `p`, undefined when nothing is. */
  mtimeMs(p: string): number | undefined;
  readBytes(p: string): Uint8Array;
  /** Bytes [offset, offset + length) of a file; fewer where the file ends before. */
  readRange(p: string, offset: number, length: number): Uint8Array;
  writeFile(p: string, data: Uint8Array | string): void;
  openWrite(p: string): FileWriter;
  rename(from: string, to: string): void;
  /** Deletes a file; nothing when there is none. */
  removeFile(p: string): void;
  /** Creates a folder (and, with `recursive`, its parents); an existing one is kept. */
  mkdir(p: string, recursive: boolean): void;
  /** Makes a temporary file's name unique (process, time, chance). */
  tempSuffix(): string;
  readonly path: CheckpointFileView['path'] & { resolve(p: string): string };
}

/** A host error's code and message (`ENOENT: no such file ...`), or its text. */
export function errnoMessage(err: unknown): string {
  const e = err as { code?: unknown; message?: string } | null;
  return e && typeof e.code === 'string' ? `${e.code}: ${e.message}` : String(err);
}

/** Reads data shards from files, a range at a time (no file stays open). */
export function fileShardsWith(files: CheckpointFiles, prefix: string): ShardStore {
  const sizes = new Map<string, number | undefined>();
  return {
    name: (shard, n) => dataFilename(prefix, shard, n),
    size(shard, n) {
      const file = dataFilename(prefix, shard, n);
      if (!sizes.has(file)) {
        let size: number | undefined;
        try {
          size = files.fileSize(file);
        } catch {
          size = undefined;
        }
        sizes.set(file, size);
      }
      return sizes.get(file);
    },
    read(shard, n, offset, length) {
      const file = dataFilename(prefix, shard, n);
      let bytes: Uint8Array;
      try {
        bytes = files.readRange(file, offset, length);
      } catch (err) {
        return fail('missing-shard', file, `data file cannot be read (${errnoMessage(err)})`);
      }
      if (bytes.length < length) {
        fail(
          'truncated',
          file,
          `data file ended at ${offset + bytes.length} bytes, reading [${offset}, ${offset + length})`,
        );
      }
      return bytes;
    },
  };
}

/** Writes a folder's `checkpoint` state file (atomically: a temporary file, then a rename). */
export function writeStateWith(files: CheckpointFiles, dir: string, state: CheckpointState): void {
  files.mkdir(dir, true);
  const file = files.path.join(dir, STATE_FILENAME);
  const tmp = `${file}.tmp${files.tempSuffix()}`;
  files.writeFile(tmp, formatCheckpointState(state));
  files.rename(tmp, file);
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
export function writeCheckpointWith(
  files: CheckpointFiles,
  prefix: string,
  tensors: ReadonlyArray<TensorInput | SliceInput>,
  options: WriteOptions = {},
): WriteResult {
  const indexFile = indexFilename(prefix);
  const dataFile = dataFilename(prefix, 0, 1);
  const builder = new BundleBuilder(prefix);
  const sorted = [...tensors].sort((a, b) => compareNames(a.name, b.name));
  files.mkdir(files.path.dirname(files.path.resolve(prefix)), true);
  const suffix = `.tempstate${files.tempSuffix()}`;
  const dataTmp = dataFile + suffix;
  const indexTmp = indexFile + suffix;
  const out = files.openWrite(dataTmp);
  let open = true;
  let ok = false;
  try {
    for (const t of sorted) out.write('extents' in t ? builder.addSlice(t) : builder.add(t));
    open = false;
    out.close();
    files.writeFile(indexTmp, builder.finish(options));
    files.rename(dataTmp, dataFile);
    files.rename(indexTmp, indexFile);
    ok = true;
  } finally {
    if (!ok) {
      if (open) out.close();
      files.removeFile(dataTmp);
      files.removeFile(indexTmp);
    }
  }
  if (options.updateState) {
    const dir = files.path.dirname(prefix);
    const base = files.path.basename(prefix);
    const old = readStateWith(files, dir);
    const all = (old?.allModelCheckpointPaths ?? []).filter((p) => p !== base);
    writeStateWith(files, dir, {
      modelCheckpointPath: base,
      allModelCheckpointPaths: [...all, base],
    });
  }
  return { prefix, indexFile, dataFile, dataBytes: builder.dataSize };
}
