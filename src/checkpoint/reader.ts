/**
 * `CheckpointReader`: a TF V2 checkpoint's variables (listing, values, checksums) from its index
 * bytes and a `ShardStore` that reads data shards. Pure: the store decides where bytes come from
 * (node.ts reads files; `fromBytes` serves arrays in memory, e.g. in a browser or a worker).
 *
 * `read` mirrors `BundleReader::Lookup`/`GetValue`: the stored size must fit the dtype and shape,
 * the bytes must lie inside their shard, and their masked CRC32C must match the entry. A
 * partitioned variable (an entry with `slices`) is assembled from its slices, which must cover it.
 */
import {
  BundleIndex,
  IndexEntry,
  keyId,
  listVariables,
  parseIndex,
  sliceKeySet,
  VariableInfo,
} from './bundle';
import { BundleHeader } from './bundle-proto';
import { crc32c, unmask } from './crc32c';
import type { CheckpointDType } from './dtypes';
import { CheckpointError, fail } from './errors';
import { dataFilename, indexFilename } from './naming';
import { encodeSliceKey } from './slice-key';
import { decodeFixed, decodeStrings, TensorValues } from './tensor-codec';

/** Where a reader gets data-shard bytes. */
export interface ShardStore {
  /** The shard's size in bytes, or undefined when it does not exist. */
  size(shard: number, numShards: number): number | undefined;
  /**
   * Bytes [offset, offset + length) of the shard; the reader has checked the range against
   * `size`. The result should be exclusively owned by the caller (it may back the values).
   */
  read(shard: number, numShards: number, offset: number, length: number): Uint8Array;
  /** The shard's file name, for messages. */
  name(shard: number, numShards: number): string;
}

/** A tensor read from a checkpoint. */
export interface Tensor {
  name: string;
  dtype: CheckpointDType;
  shape: number[];
  values: TensorValues;
}

/** An in-memory store: shard i is `shards[i]`. */
export function memoryShards(
  prefix: string,
  shards: ReadonlyArray<Uint8Array | undefined>,
): ShardStore {
  return {
    size: (i) => shards[i]?.length,
    read: (i, _n, offset, length) => (shards[i] as Uint8Array).slice(offset, offset + length),
    name: (i, n) => dataFilename(prefix, i, n),
  };
}

export class CheckpointReader {
  readonly index: BundleIndex;
  /** Entries by `keyId`: for a valid UTF-8 key, its name. */
  private readonly byKey = new Map<string, IndexEntry>();
  /** Keys that are not valid UTF-8, by their (lossy) names; built on first need. */
  private byLossyName: Map<string, IndexEntry> | null = null;
  private readonly hidden: Set<string>;
  private listing: VariableInfo[] | null = null;

  /**
   * @param indexBytes the `.index` file's bytes
   * @param prefix the checkpoint prefix (names files in messages)
   * @param shards where data shards are read from
   */
  constructor(
    indexBytes: Uint8Array,
    readonly prefix: string,
    private readonly shards: ShardStore,
    indexName: string = indexFilename(prefix),
  ) {
    this.index = parseIndex(indexBytes, indexName);
    for (const e of this.index.entries) this.byKey.set(e.id, e);
    this.hidden = sliceKeySet(this.index);
  }

  /** A reader over bytes in memory: `shards[i]` is data shard i. */
  static fromBytes(
    index: Uint8Array,
    shards: ReadonlyArray<Uint8Array | undefined>,
    prefix = 'checkpoint',
  ): CheckpointReader {
    return new CheckpointReader(index, prefix, memoryShards(prefix, shards));
  }

  get header(): BundleHeader {
    return this.index.header;
  }

  get numShards(): number {
    return this.index.header.numShards;
  }

  /** Every variable: name, dtype, shape, in TF's order (see `listVariables`). */
  list(): VariableInfo[] {
    this.listing ??= listVariables(this.index);
    return this.listing.map((v) => ({ ...v, shape: [...v.shape] }));
  }

  private lookup(name: string): IndexEntry | undefined {
    const exact = this.byKey.get(name);
    if (exact) return exact;
    if (this.byLossyName === null) {
      this.byLossyName = new Map();
      for (const e of this.index.entries) {
        if (e.id !== e.name && !this.byLossyName.has(e.name)) this.byLossyName.set(e.name, e);
      }
    }
    return this.byLossyName.get(name);
  }

  /** Whether `list()` includes `name`. */
  has(name: string): boolean {
    const e = this.lookup(name);
    return e !== undefined && !this.hidden.has(e.id);
  }

  /** The raw index entry of a variable (offset, size, shard, checksum, slices). */
  entry(name: string): IndexEntry | undefined {
    return this.lookup(name);
  }

  /** A variable's values, checksums verified. */
  read(name: string): Tensor {
    const e = this.lookup(name);
    if (!e)
      fail('not-found', this.prefix, `no tensor named ${JSON.stringify(name)} in the checkpoint`);
    const values = e.entry.slices.length > 0 ? this.readSliced(e) : this.readEntry(e);
    return { name: e.name, dtype: e.dtype.name, shape: [...e.entry.shape.dims], values };
  }

  /**
   * Reads every variable; returns the problems found (an empty array: everything verified).
   * Errors other than `CheckpointError` are bugs and propagate.
   */
  verify(): Array<{ name: string; error: CheckpointError }> {
    const problems: Array<{ name: string; error: CheckpointError }> = [];
    for (const v of this.list()) {
      try {
        this.read(v.name);
      } catch (err) {
        if (!(err instanceof CheckpointError)) throw err;
        problems.push({ name: v.name, error: err });
      }
    }
    return problems;
  }

  /**
   * Checks, without reading, that an entry's bytes can be read: a readable dtype, a size that
   * fits dtype and shape, a shard that exists and holds [offset, offset + size). Returns the
   * shard's file name.
   */
  private checkReadable(e: IndexEntry, what: string): string {
    const { entry, dtype } = e;
    const indexName = this.index.file;
    if (dtype.name === 'resource' || dtype.name === 'variant') {
      fail(
        'unsupported',
        indexName,
        `${what}: ${dtype.name} tensors hold C++ objects and cannot be read`,
      );
    }
    if (dtype.size > 0 && entry.size !== e.elements * dtype.size) {
      fail(
        'out-of-range',
        indexName,
        `${what}: stored size ${entry.size} bytes does not match ${dtype.name} [${entry.shape.dims.join(', ')}] (${e.elements * dtype.size} bytes)`,
      );
    }
    // A string takes at least one length byte (BundleReader's lower bound; TF's writer never
    // stores a string tensor in 0 bytes, it always writes the length checksum).
    if (dtype.size === 0 && entry.size < e.elements) {
      fail(
        'out-of-range',
        indexName,
        `${what}: ${e.elements} strings cannot fit in ${entry.size} bytes`,
      );
    }
    const n = this.numShards;
    const shardName = this.shards.name(entry.shardId, n);
    const shardSize = this.shards.size(entry.shardId, n);
    if (shardSize === undefined) {
      fail('missing-shard', shardName, `data file is missing (it holds ${what})`);
    }
    if (entry.offset > shardSize || entry.size > shardSize - entry.offset) {
      fail(
        'out-of-range',
        shardName,
        `${what} at [${entry.offset}, ${entry.offset + entry.size}) lies outside the ${shardSize}-byte data file`,
      );
    }
    return shardName;
  }

  private readEntry(e: IndexEntry): TensorValues {
    const { entry, dtype } = e;
    const n = this.numShards;
    const what = `tensor ${JSON.stringify(e.name)}`;
    const shardName = this.checkReadable(e, what);
    const bytes = this.shards.read(entry.shardId, n, entry.offset, entry.size);
    const little = this.index.header.endianness === 0;
    const stored = unmask(entry.crc32c);
    if (dtype.name === 'string') {
      const { values, crc } = decodeStrings(bytes, e.elements, little, shardName, what);
      if (crc !== stored) this.crcMismatch(shardName, what, stored, crc);
      return values;
    }
    const crc = crc32c(bytes);
    if (crc !== stored) this.crcMismatch(shardName, what, stored, crc);
    return decodeFixed(dtype, bytes, little);
  }

  private crcMismatch(file: string, what: string, stored: number, actual: number): never {
    const h = (x: number) => `0x${x.toString(16).padStart(8, '0')}`;
    return fail(
      'data-crc',
      file,
      `${what}: checksum mismatch (stored CRC32C ${h(stored)}, computed ${h(actual)} over the stored bytes)`,
    );
  }

  /** A partitioned tensor: each slice read and copied into place; the slices must cover it. */
  private readSliced(full: IndexEntry): TensorValues {
    const what = `tensor ${JSON.stringify(full.name)}`;
    const file = this.index.file;
    const fullDims = full.entry.shape.dims;
    const parts: Array<{ starts: number[]; dims: number[]; entry: IndexEntry }> = [];
    const seenKeys = new Set<string>();
    let covered = 0;
    for (const slice of full.entry.slices) {
      const key = keyId(encodeSliceKey(full.key, slice));
      const part = this.byKey.get(key);
      const starts = slice.map((x) => x.start);
      const dims = slice.map((x, d) => x.length ?? fullDims[d] - x.start);
      const desc = `[${slice.map((x, d) => `${x.start}:${x.start + dims[d]}`).join(', ')}]`;
      if (!part) fail('not-found', file, `${what}: its slice ${desc} has no entry`);
      if (
        part.dtype !== full.dtype ||
        part.entry.shape.dims.join() !== dims.join() ||
        part.entry.slices.length > 0
      ) {
        fail(
          'bad-proto',
          file,
          `${what}: the entry of slice ${desc} does not match it (dtype or shape)`,
        );
      }
      if (seenKeys.has(key)) continue; // listed twice: read once
      seenKeys.add(key);
      // Its bytes must exist before they count towards the allocation below.
      this.checkReadable(part, `${what}, slice ${desc}`);
      parts.push({ starts, dims, entry: part });
      covered += part.elements;
    }
    // Slices that cover the tensor have at least as many elements, all of them backed by bytes
    // in a shard: this bounds the allocation.
    if (covered < full.elements) {
      fail('out-of-range', file, `${what}: its slices do not cover the whole tensor`);
    }
    const width = full.dtype.name === 'complex64' || full.dtype.name === 'complex128' ? 2 : 1;
    const seen = new Uint8Array(full.elements);
    let out: TensorValues | null = null;
    const strides = new Array<number>(fullDims.length);
    for (let d = fullDims.length - 1, s = 1; d >= 0; d--) {
      strides[d] = s;
      s *= fullDims[d];
    }
    for (const p of parts) {
      const src = this.readEntry(p.entry);
      if (out === null) {
        out = Array.isArray(src)
          ? (new Array(full.elements * width) as TensorValues)
          : new (src.constructor as new (n: number) => TensorValues)(full.elements * width);
      }
      const rank = fullDims.length;
      const inner = rank === 0 ? 1 : p.dims[rank - 1];
      const rows = inner === 0 ? 0 : p.entry.elements / inner;
      const idx = new Array<number>(Math.max(rank - 1, 0)).fill(0);
      for (let r = 0; r < rows; r++) {
        let base = rank === 0 ? 0 : p.starts[rank - 1];
        for (let d = 0; d < rank - 1; d++) base += (p.starts[d] + idx[d]) * strides[d];
        for (let k = 0; k < inner; k++) {
          seen[base + k] = 1;
          for (let c = 0; c < width; c++) {
            (out as unknown as unknown[])[(base + k) * width + c] = (src as unknown as unknown[])[
              (r * inner + k) * width + c
            ];
          }
        }
        for (let d = rank - 2; d >= 0; d--) {
          if (++idx[d] < p.dims[d]) break;
          idx[d] = 0;
        }
      }
    }
    if (seen.includes(0) || out === null) {
      fail('out-of-range', file, `${what}: its slices do not cover the whole tensor`);
    }
    return out;
  }
}
