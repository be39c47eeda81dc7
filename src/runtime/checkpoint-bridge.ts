/**
 * Checkpoint files for the Python runtime's `tf.train` (`Saver`, `NewCheckpointReader`,
 * `list_variables`, `latest_checkpoint`, ...), as part of the `scope_lens_engine` bridge.
 *
 * The Python package decides what TF 1.15 does and which message it prints; this module only
 * does the files, through src/checkpoint on a file system it is given (the disk under Node,
 * Pyodide's in-memory one in a browser: src/checkpoint/files.ts), and moves values
 * between engine variables (tfjs tensors) and checkpoint tensors with their TF dtypes. It keeps
 * no state: a reader is an object the Python side holds.
 *
 * Paths arrive as the Python program sees them (absolute paths inside Pyodide, where the
 * program's folders are mounted); `hostPath` maps them back to the host's paths. Failures are
 * thrown as `CheckpointBridgeError`s with a `code` the Python side turns into TF's exception.
 */
import * as tf from '@tensorflow/tfjs-core';
import { CheckpointError } from '../checkpoint/errors';
import { fileShardsWith, writeCheckpointWith, type CheckpointFiles } from '../checkpoint/files';
import { CheckpointReader } from '../checkpoint/reader';
import { formatCheckpointState, parseCheckpointState } from '../checkpoint/checkpoint-state';
import { indexFilename } from '../checkpoint/naming';
import { FOOTER_SIZE, TABLE_MAGIC_BYTES } from '../checkpoint/table';
import type { SliceInput, TensorInput } from '../checkpoint/bundle';
import type { TensorValues } from '../checkpoint/tensor-codec';
import type { Variable } from '../engine/variable';

/** Why a request failed; the Python side picks TF's exception class and text from `code`. */
export type CheckpointBridgeCode =
  /** No `.index` and nothing else at the path (TF: "Failed to find any matching files"). */
  | 'no-match'
  /** The path is a folder, not a checkpoint prefix. */
  | 'is-directory'
  /** A file that is not a table: shorter than a footer. */
  | 'too-short'
  /** A file that is not a table: bad magic number. */
  | 'bad-magic'
  /** A LevelDB table that is not a V2 index (a V1 checkpoint: not supported). */
  | 'v1-checkpoint'
  /** The folder of a prefix cannot be created (its parent does not exist either). */
  | 'no-parent'
  /** A malformed checkpoint (src/checkpoint's CheckpointError; `detail` has its message). */
  | 'corrupt'
  /** No such tensor. */
  | 'not-found'
  /** Any other file-system failure. */
  | 'io';

export class CheckpointBridgeError extends Error {
  override readonly name = 'CheckpointBridgeError';
  constructor(
    readonly code: CheckpointBridgeCode,
    message: string,
    /** For `corrupt`: the CheckpointError's code. */
    readonly detail?: string,
  ) {
    super(message);
  }
}

/** One tensor a `save` writes: a whole variable, or a slice of a partitioned one. */
export interface SaveItem {
  /** The checkpoint key (a partitioned variable's full name for its slices). */
  key: string;
  /** TF's dtype name (`float32`, `int64`, ...). */
  dtype: string;
  /** The tensor's own shape. */
  shape: number[];
  value: tf.Tensor;
  /** For a slice: the full variable's shape and this slice's offset in it. */
  fullShape?: number[] | null;
  offset?: number[] | null;
}

/** A part of a partitioned variable to restore: where it sits in the stored tensor. */
export interface RestorePart {
  variable: tf.Variable;
  begin: number[];
  size: number[];
}

function ioError(err: unknown): CheckpointBridgeError {
  if (err instanceof CheckpointBridgeError) return err;
  if (err instanceof CheckpointError) {
    return new CheckpointBridgeError(
      err.code === 'not-found' ? 'not-found' : 'corrupt',
      err.message,
      err.code,
    );
  }
  const e = err as NodeJS.ErrnoException;
  return new CheckpointBridgeError('io', e && e.message ? e.message : String(err));
}

/** The values of a tfjs tensor as a writer input of TF dtype `dtype`. */
function checkpointValues(t: tf.Tensor, dtype: string): TensorInput['values'] {
  const data = t.dataSync() as ArrayLike<number> | string[];
  switch (dtype) {
    case 'float32':
      return data instanceof Float32Array ? data : Float32Array.from(data as ArrayLike<number>);
    case 'float64':
      return Float64Array.from(data as ArrayLike<number>);
    case 'int32':
      return data instanceof Int32Array ? data : Int32Array.from(data as ArrayLike<number>);
    case 'int64':
      return BigInt64Array.from(data as ArrayLike<number>, (v) => BigInt(Math.trunc(v)));
    case 'uint64':
      return BigUint64Array.from(data as ArrayLike<number>, (v) => BigInt(Math.trunc(v)));
    case 'bool':
      return Array.from(data as ArrayLike<number>, (v) => v !== 0);
    case 'string':
      return Array.from(data as string[]);
    default:
      return Array.from(data as ArrayLike<number>);
  }
}

/** Checkpoint values as a tfjs tensor of `dtype` (the engine's storage type) and `shape`. */
function tfjsTensor(values: TensorValues, shape: number[], dtype: tf.DataType): tf.Tensor {
  if (dtype === 'string') return tf.tensor(values as Uint8Array[], shape, 'string');
  if (Array.isArray(values)) {
    // bool
    return tf.tensor(
      Uint8Array.from(values as boolean[], (b) => (b ? 1 : 0)),
      shape,
      dtype,
    );
  }
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) {
    const n = Float64Array.from(values as ArrayLike<bigint>, (v) => Number(v));
    return tf.tensor(dtype === 'float32' ? Float32Array.from(n) : Int32Array.from(n), shape, dtype);
  }
  const typed = values as Exclude<
    TensorValues,
    boolean[] | Uint8Array[] | BigInt64Array | BigUint64Array
  >;
  switch (dtype) {
    case 'float32':
      return tf.tensor(
        typed instanceof Float32Array ? typed : Float32Array.from(typed),
        shape,
        dtype,
      );
    case 'int32':
      return tf.tensor(typed instanceof Int32Array ? typed : Int32Array.from(typed), shape, dtype);
    case 'bool':
      return tf.tensor(
        Uint8Array.from(typed, (v) => (v !== 0 ? 1 : 0)),
        shape,
        dtype,
      );
    default:
      return tf.tensor(Float32Array.from(typed), shape, dtype);
  }
}

/**
 * A checkpoint open for reading: TF's `CheckpointReader` over src/checkpoint's reader. Names are
 * keys; shapes are lists of ints; dtypes are TF names.
 */
export class CheckpointHandle {
  constructor(private readonly reader: CheckpointReader) {}

  /** `get_variable_to_shape_map` / `get_variable_to_dtype_map` rows, in key order. */
  list(): Array<{ name: string; dtype: string; shape: number[] }> {
    return this.reader.list();
  }

  /** `has_tensor`: any key, as `BundleReader::Contains` (slice keys are bytes, never names). */
  has(name: string): boolean {
    return this.reader.entry(name) !== undefined;
  }

  /** dtype and shape of a key (`LookupDtypeAndShape`), or null when there is no such key. */
  info(name: string): { dtype: string; shape: number[] } | null {
    const e = this.reader.entry(name);
    return e ? { dtype: e.dtype.name, shape: [...e.entry.shape.dims] } : null;
  }

  /** A tensor's values, checksums verified. */
  read(name: string): { dtype: string; shape: number[]; values: TensorValues } {
    try {
      const t = this.reader.read(name);
      return { dtype: t.dtype, shape: t.shape, values: t.values };
    } catch (err) {
      throw ioError(err);
    }
  }

  /**
   * Assigns a stored tensor to a variable of the engine's storage dtype, as `shape` (the
   * variable's: the caller has checked that it is the stored shape or, for `reshape=True`, has
   * as many elements).
   */
  assign(name: string, variable: tf.Variable, shape: number[]): void {
    const t = this.read(name);
    const value = tfjsTensor(t.values, shape, variable.dtype);
    try {
      variable.assign(value);
    } finally {
      value.dispose();
    }
  }

  /** Assigns slices of a stored tensor to the parts of a partitioned variable. */
  assignParts(name: string, parts: RestorePart[]): void {
    if (parts.length === 0) return;
    const t = this.read(name);
    const full = tfjsTensor(t.values, t.shape, parts[0].variable.dtype);
    try {
      for (const p of parts) {
        const slice = tf.slice(full, p.begin, p.size);
        try {
          p.variable.assign(slice);
        } finally {
          slice.dispose();
        }
      }
    } finally {
      full.dispose();
    }
  }

  /**
   * `CheckpointReader::DebugString` (`BundleReader::DebugString`) as bytes: every key but the
   * header and the full entries of partitioned variables (whose slice keys are listed instead),
   * `key (DT_FLOAT) [3,100]` per line.
   */
  debugString(): Uint8Array {
    const chunks: number[] = [];
    const ascii = (s: string) => {
      for (let i = 0; i < s.length; i++) chunks.push(s.charCodeAt(i));
    };
    for (const e of this.reader.index.entries) {
      if (e.entry.slices.length > 0) continue;
      chunks.push(...e.key);
      ascii(` (${e.dtype.enumName}) [${e.entry.shape.dims.join(',')}]\n`);
    }
    return Uint8Array.from(chunks);
  }
}

/**
 * The checkpoint functions of the bridge, on `files`; `hostPath` maps a Pyodide path to the
 * path `files` knows (the identity where the files are Pyodide's own).
 */
export function createCheckpointBridge(
  files: CheckpointFiles,
  hostPath: (p: string) => string = (p) => p,
) {
  const isDir = (p: string) => files.isDir(p);
  const exists = (p: string) => files.mtimeMs(p) !== undefined;
  const path = files.path;
  return {
    /**
     * A part of a partitioned variable: the full variable's name and shape and the part's
     * offset in it (TF's `Variable._save_slice_info`); null for any other variable. Parts follow
     * each other along the partitioned axis.
     */
    sliceInfo(v: Variable): { fullName: string; fullShape: number[]; offset: number[] } | null {
      for (const pv of v.graph.store.partitionedVars.values()) {
        const i = pv.variables.indexOf(v);
        if (i < 0) continue;
        const axis = Math.max(
          0,
          pv.partitions.findIndex((n) => n > 1),
        );
        const offset = pv.shape.map(() => 0);
        for (let k = 0; k < i; k++) offset[axis] += pv.variables[k].shape[axis];
        return { fullName: pv.name, fullShape: [...pv.shape], offset };
      }
      return null;
    },

    /** `checkpoint_exists`: `prefix.index` or `prefix` itself exists. */
    exists(prefix: string): boolean {
      const host = hostPath(prefix);
      return exists(indexFilename(host)) || exists(host);
    },

    isDirectory(p: string): boolean {
      return isDir(hostPath(p));
    },

    /** The modification time (seconds) of `prefix.index`, or null when it does not exist. */
    mtime(prefix: string): number | null {
      const ms = files.mtimeMs(indexFilename(hostPath(prefix)));
      return ms === undefined ? null : ms / 1000;
    },

    /**
     * Opens `prefix` as TF's `CheckpointReader` does: a V2 checkpoint when `prefix.index`
     * exists; otherwise the path is tried as a V1 checkpoint file, which this runtime does not
     * read, and the error says what is there.
     */
    open(prefix: string): CheckpointHandle {
      const host = hostPath(prefix);
      const index = indexFilename(host);
      if (exists(index)) {
        try {
          return new CheckpointHandle(
            new CheckpointReader(files.readBytes(index), host, fileShardsWith(files, host), index),
          );
        } catch (err) {
          throw ioError(err);
        }
      }
      if (!exists(host)) throw new CheckpointBridgeError('no-match', prefix);
      if (isDir(host)) throw new CheckpointBridgeError('is-directory', prefix);
      let bytes: Uint8Array;
      try {
        bytes = files.readBytes(host);
      } catch (err) {
        throw ioError(err);
      }
      if (bytes.length < FOOTER_SIZE) throw new CheckpointBridgeError('too-short', prefix);
      const magic = bytes.subarray(bytes.length - 8);
      if (!TABLE_MAGIC_BYTES.every((b, i) => magic[i] === b))
        throw new CheckpointBridgeError('bad-magic', prefix);
      throw new CheckpointBridgeError('v1-checkpoint', prefix);
    },

    /**
     * Writes a V2 checkpoint (`SaveV2`): one data shard, tensors in key order; slices of
     * partitioned variables as `BundleWriter::AddSlice`. Like `BundleWriter`, creates the
     * prefix's folder when its parent exists.
     */
    save(prefix: string, items: SaveItem[]): void {
      const host = hostPath(prefix);
      const dir = path.dirname(host);
      if (!isDir(dir)) {
        try {
          files.mkdir(dir, false);
        } catch {
          // BundleWriter ignores it; writing the file fails below.
        }
        if (!isDir(dir)) throw new CheckpointBridgeError('no-parent', prefix);
      }
      const tensors: Array<TensorInput | SliceInput> = items.map((it) => {
        const values = checkpointValues(it.value, it.dtype);
        if (it.fullShape && it.offset) {
          return {
            name: it.key,
            dtype: it.dtype,
            shape: it.shape,
            values,
            fullShape: it.fullShape,
            extents: it.offset.map((start, d) => ({ start, length: it.shape[d] })),
          };
        }
        return { name: it.key, dtype: it.dtype, shape: it.shape, values };
      });
      try {
        writeCheckpointWith(files, host, tensors);
      } catch (err) {
        throw ioError(err);
      }
    },

    /**
     * A folder's checkpoint state file: `{model, all}`, null when there is none, or `{error}`
     * when it cannot be read or parsed (TF then logs and ignores it).
     */
    readState(
      dir: string,
      filename: string,
    ): { model: string; all: string[] } | { error: string } | null {
      const file = path.join(hostPath(dir), filename);
      if (!exists(file)) return null;
      try {
        const s = parseCheckpointState(files.readText(file), file);
        return { model: s.modelCheckpointPath, all: s.allModelCheckpointPaths };
      } catch (err) {
        return { error: err instanceof Error ? err.message : String(err) };
      }
    },

    /** Writes the state file as `atomic_write_string_to_file` does (temporary file, rename). */
    writeState(dir: string, filename: string, model: string, all: string[]): void {
      const file = path.join(hostPath(dir), filename);
      const tmp = `${file}.tmp${files.tempSuffix()}`;
      try {
        files.writeFile(
          tmp,
          formatCheckpointState({ modelCheckpointPath: model, allModelCheckpointPaths: all }),
        );
        files.rename(tmp, file);
      } catch (err) {
        files.removeFile(tmp);
        throw ioError(err);
      }
    },

    /**
     * `remove_checkpoint` (V2): deletes `prefix.index`, every `prefix.data-?????-of-?????` and
     * `metaFile`, ignoring the ones that do not exist.
     */
    remove(prefix: string, metaFile: string): void {
      const host = hostPath(prefix);
      const dir = path.dirname(host);
      const base = path.basename(host);
      const data = new RegExp(
        `^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.data-[^/]{5}-of-[^/]{5}$`,
      );
      const doomed = [indexFilename(host), hostPath(metaFile)];
      try {
        for (const f of files.readDir(dir)) if (data.test(f)) doomed.push(path.join(dir, f));
      } catch {
        // No folder: nothing to delete.
      }
      for (const f of doomed) files.removeFile(f);
    },
  };
}
