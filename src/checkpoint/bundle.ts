/**
 * A checkpoint's index: the table of `.index` read into a header and entries, validated; the
 * listing `tf.train.list_variables` gives; and the other direction, entries to index bytes and
 * tensors to data bytes as TF's `BundleWriter` and `MergeBundles` write them
 * (`tensorflow/core/util/tensor_bundle/tensor_bundle.cc`).
 *
 * Keys are bytes. Names are their UTF-8 decoding; slice keys (which start with byte 00 and hold
 * binary numbers) are looked up by their bytes, never by a decoded string.
 */
import {
  BundleEntry,
  BundleHeader,
  decodeEntry,
  decodeHeader,
  encodeEntry,
  encodeHeader,
  Extent,
} from './bundle-proto';
import { CheckpointDType, DTypeInfo, dtypeFromEnum, dtypeFromName } from './dtypes';
import { CheckpointError, fail } from './errors';
import { ProtoReader } from './protobuf';
import { encodeSliceKey } from './slice-key';
import { readTable, TableBuilder, TableLayout, TableOptions } from './table';
import { encodeFixed, encodeStrings, fixedChecksum, TensorValuesInput } from './tensor-codec';
import { mask } from './crc32c';

/** `kTensorBundleVersion`: the version this reader consumes and its writer produces. */
export const TENSOR_BUNDLE_VERSION = 1;
/** `TensorShape`'s limit on the number of dimensions. */
export const MAX_RANK = 254;

export interface IndexEntry {
  /** The key's bytes. */
  key: Uint8Array;
  /** The exact lookup key (see `keyId`). */
  id: string;
  /** The key decoded as UTF-8: the tensor name (invalid sequences become U+FFFD). */
  name: string;
  entry: BundleEntry;
  dtype: DTypeInfo;
  /** Number of elements of `entry.shape`. */
  elements: number;
}

export interface BundleIndex {
  /** The file (label) the index came from, for messages. */
  file: string;
  header: BundleHeader;
  /** Every non-header entry in file order (byte order of keys), slice entries included. */
  entries: IndexEntry[];
  layout: TableLayout;
}

// ignoreBOM: a key that starts with EF BB BF keeps it.
const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true });
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

/** One char per byte (for keys that are not UTF-8). */
export function binaryString(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 1024) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 1024) as unknown as number[]);
  }
  return s;
}

/**
 * A string that identifies key bytes exactly: the key decoded, when it is valid UTF-8 (then
 * the id is the tensor name itself), else a lone surrogate (which no UTF-8 decoding produces)
 * followed by one char per byte.
 */
export function keyId(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return `\ud800${binaryString(bytes)}`;
  }
}

/** The tensor name of key bytes: UTF-8, with U+FFFD for invalid sequences. */
export function keyName(bytes: Uint8Array): string {
  return utf8Decoder.decode(bytes);
}

/** A name's key bytes. */
export function nameKey(name: string): Uint8Array {
  return utf8Encoder.encode(name);
}

/** Shape checks of `TensorShape::IsValid` plus what this reader needs (a safe element count). */
function checkShape(file: string, what: () => string, shape: BundleEntry['shape']): number {
  if (shape.unknownRank) fail('bad-proto', file, `${what()}: the shape has unknown rank`);
  if (shape.dims.length > MAX_RANK) {
    fail(
      'bad-proto',
      file,
      `${what()}: the shape has ${shape.dims.length} dimensions (at most ${MAX_RANK})`,
    );
  }
  let n = 1;
  for (const d of shape.dims) {
    if (d < 0)
      fail('bad-proto', file, `${what()}: dimension size ${d} is invalid in a stored tensor`);
    n *= d;
    if (n > Number.MAX_SAFE_INTEGER)
      fail('bad-proto', file, `${what()}: the shape has too many elements`);
  }
  return n;
}

function describeKey(name: string): string {
  return JSON.stringify(name);
}

/**
 * Parses and validates an index file: the table (see table.ts), the header entry first with an
 * empty key, a version this reader accepts, a known dtype, a valid shape and an in-range shard id
 * for every entry. Data ranges are checked against the shards when tensors are read.
 */
export function parseIndex(bytes: Uint8Array, file: string): BundleIndex {
  const table = readTable(bytes, file);
  const rows = table.entries;
  if (rows.length === 0 || rows[0].key.length !== 0) {
    fail(
      'bad-header',
      file,
      'the first entry is not the bundle header (empty key): not a tensor bundle index',
    );
  }
  const header = decodeHeader(new ProtoReader(rows[0].value, file, 'the header'));
  if (header.numShards < 1) {
    fail('bad-header', file, `the header gives ${header.numShards} data shards`);
  }
  if (header.endianness !== 0 && header.endianness !== 1) {
    fail(
      'bad-header',
      file,
      `the header's endianness ${header.endianness} is neither LITTLE (0) nor BIG (1)`,
    );
  }
  // CheckVersions(version, kTensorBundleVersion, kTensorBundleMinProducer = 0, "Checkpoint").
  const v = header.version;
  if (v.producer < 0) {
    fail('bad-header', file, `checkpoint producer version ${v.producer} is below the minimum 0`);
  }
  if (v.minConsumer > TENSOR_BUNDLE_VERSION) {
    fail(
      'bad-header',
      file,
      `checkpoint requires consumer version ${v.minConsumer}; this reader is version ${TENSOR_BUNDLE_VERSION}`,
    );
  }
  if (v.badConsumers.includes(TENSOR_BUNDLE_VERSION)) {
    fail('bad-header', file, `checkpoint disallows consumer version ${TENSOR_BUNDLE_VERSION}`);
  }
  const entries: IndexEntry[] = [];
  for (let i = 1; i < rows.length; i++) {
    const { key, value } = rows[i];
    const id = keyId(key);
    const name = id.charCodeAt(0) === 0xd800 ? keyName(key) : id;
    const what = () => `entry ${describeKey(name)}`;
    const entry = decodeEntry(new ProtoReader(value, file, what));
    const dtype = dtypeFromEnum(entry.dtype);
    if (!dtype) fail('unknown-dtype', file, `${what()}: unknown dtype ${entry.dtype}`);
    const elements = checkShape(file, what, entry.shape);
    if (entry.shardId < 0 || entry.shardId >= header.numShards) {
      fail(
        'out-of-range',
        file,
        `${what()}: shard ${entry.shardId} is not one of the header's ${header.numShards} shards`,
      );
    }
    if (entry.offset < 0 || entry.size < 0) {
      fail(
        'out-of-range',
        file,
        `${what()}: negative offset ${entry.offset} or size ${entry.size}`,
      );
    }
    for (const slice of entry.slices) {
      if (slice.length !== entry.shape.dims.length) {
        fail(
          'bad-proto',
          file,
          `${what()}: a slice has ${slice.length} extents for a rank-${entry.shape.dims.length} shape`,
        );
      }
      slice.forEach((e, d) => {
        const dim = entry.shape.dims[d];
        const len = e.length ?? dim - e.start;
        if (e.start < 0 || len < 0 || e.start + len > dim) {
          fail(
            'bad-proto',
            file,
            `${what()}: slice extent ${d} (start ${e.start}, length ${e.length ?? 'all'}) is outside dimension ${dim}`,
          );
        }
      });
    }
    entries.push({ key, id, name, entry, dtype, elements });
  }
  return { file, header, entries, layout: table.layout };
}

export interface VariableInfo {
  name: string;
  dtype: CheckpointDType;
  shape: number[];
}

/**
 * The variables of a checkpoint as `tf.train.list_variables` gives them
 * (`CheckpointReader::BuildV2VarMaps`): every entry except the header and the encoded keys of
 * slices named in some entry's `slices`; a partitioned variable appears once, under its full
 * name and shape. In key byte order, which for UTF-8 names is Python's `sorted` order.
 */
export function listVariables(index: BundleIndex): VariableInfo[] {
  const sliceKeys = sliceKeySet(index);
  const out: VariableInfo[] = [];
  for (const e of index.entries) {
    if (sliceKeys.has(e.id)) continue;
    out.push({ name: e.name, dtype: e.dtype.name, shape: [...e.entry.shape.dims] });
  }
  return out;
}

/** The ids (`keyId`) of the keys of every slice some entry names. */
export function sliceKeySet(index: BundleIndex): Set<string> {
  const keys = new Set<string>();
  for (const e of index.entries) {
    for (const slice of e.entry.slices) keys.add(keyId(encodeSliceKey(e.key, slice)));
  }
  return keys;
}

export interface IndexRow {
  key: Uint8Array;
  entry: BundleEntry;
}

/**
 * The `.index` bytes for a header and entries (any order; sorted here by key bytes), as
 * `BundleWriter::Finish` / `MergeBundles` build them.
 */
export function encodeIndex(
  header: BundleHeader,
  rows: readonly IndexRow[],
  options: TableOptions = {},
): Uint8Array {
  const sorted = [...rows].sort((a, b) => compareKeys(a.key, b.key));
  const builder = new TableBuilder(options);
  builder.add(new Uint8Array(0), encodeHeader(header));
  for (const r of sorted) builder.add(r.key, encodeEntry(r.entry));
  return builder.finish();
}

function compareKeys(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** The header `BundleWriter` writes: one shard, little-endian, producer 1, min consumer 0. */
export function defaultHeader(numShards = 1): BundleHeader {
  return {
    numShards,
    endianness: 0,
    version: { producer: TENSOR_BUNDLE_VERSION, minConsumer: 0, badConsumers: [] },
  };
}

/** One tensor for a writer. */
export interface TensorInput {
  name: string;
  /** A TF dtype name (`float32`) or enum name (`DT_FLOAT`). */
  dtype: CheckpointDType | string;
  shape: readonly number[];
  values: TensorValuesInput;
}

/** A part of a partitioned variable: the slice `extents` of the full tensor `name`. */
export interface SliceInput extends TensorInput {
  /** The full tensor's shape; `shape` is the slice's own shape. */
  fullShape: readonly number[];
  /** One extent per dimension; `length: null` takes the whole dimension. */
  extents: readonly Extent[];
}

function elementCount(shape: readonly number[], what: string): number {
  if (shape.length > MAX_RANK)
    fail('invalid-argument', what, `rank ${shape.length} exceeds ${MAX_RANK}`);
  let n = 1;
  for (const d of shape) {
    if (!Number.isSafeInteger(d) || d < 0) fail('invalid-argument', what, `invalid dimension ${d}`);
    n *= d;
  }
  if (!Number.isSafeInteger(n)) fail('invalid-argument', what, 'too many elements');
  return n;
}

/**
 * `BundleWriter`, without files: `add` returns the bytes to append to the (single) data shard and
 * records the entry (offset, size, masked crc32c); `finish` returns the `.index` bytes. Data is
 * laid out in the order tensors are added; the index is sorted by key. `mergeBundles` combines
 * several builders' results as a sharded save does.
 */
export class BundleBuilder {
  private readonly rows = new Map<string, IndexRow>();
  private size = 0;
  private finished = false;

  constructor(private readonly label = 'checkpoint writer') {}

  /** Bytes written to the data shard so far. */
  get dataSize(): number {
    return this.size;
  }

  private entryFor(name: string): string {
    return `${this.label}: tensor ${describeKey(name)}`;
  }

  /** Adds a tensor; returns the bytes to append to the data shard. */
  add(t: TensorInput): Uint8Array {
    if (this.finished) throw new Error('BundleBuilder: add after finish');
    if (t.name === '')
      fail('invalid-argument', this.label, 'the empty name is reserved for the bundle header');
    return this.addKey(nameKey(t.name), t);
  }

  private addKey(key: Uint8Array, t: TensorInput): Uint8Array {
    const what = this.entryFor(t.name);
    const bk = keyId(key);
    if (this.rows.has(bk))
      fail('invalid-argument', this.label, `duplicate tensor ${describeKey(t.name)}`);
    const info = dtypeFromName(t.dtype);
    if (!info) fail('invalid-argument', what, `unknown dtype ${JSON.stringify(t.dtype)}`);
    if (info.name === 'resource' || info.name === 'variant') {
      fail('unsupported', what, `writing ${info.name} tensors is not supported`);
    }
    const count = elementCount(t.shape, what);
    let bytes: Uint8Array;
    let crc: number;
    if (info.name === 'string') {
      if (t.values.length !== count) {
        fail('invalid-argument', what, `${t.values.length} values given, the shape needs ${count}`);
      }
      const enc = encodeStrings(t.values as ArrayLike<string | Uint8Array>, what);
      bytes = enc.bytes;
      crc = mask(enc.crc);
    } else {
      bytes = encodeFixed(info, t.values, count, what);
      crc = fixedChecksum(bytes);
    }
    const entry: BundleEntry = {
      dtype: info.enumValue,
      shape: { dims: [...t.shape], unknownRank: false },
      shardId: 0,
      offset: this.size,
      size: bytes.length,
      crc32c: crc,
      slices: [],
    };
    this.rows.set(bk, { key, entry });
    this.size += bytes.length;
    return bytes;
  }

  /**
   * `BundleWriter::AddSlice`: a slice covering the whole tensor is a plain `add` under the full
   * name; otherwise the full name's entry gains dtype, full shape and the slice in `slices`, and
   * the slice's data is added under its encoded key.
   */
  addSlice(s: SliceInput): Uint8Array {
    const what = this.entryFor(s.name);
    if (s.name === '')
      fail('invalid-argument', this.label, 'the empty name is reserved for the bundle header');
    if (s.extents.length !== s.fullShape.length) {
      fail(
        'invalid-argument',
        what,
        `${s.extents.length} extents for a rank-${s.fullShape.length} tensor`,
      );
    }
    const sliceShape = s.extents.map((e, d) => {
      const len = e.length ?? s.fullShape[d] - e.start;
      if (e.start < 0 || len < 0 || e.start + len > s.fullShape[d]) {
        fail('invalid-argument', what, `extent ${d} is outside dimension ${s.fullShape[d]}`);
      }
      return len;
    });
    if (sliceShape.some((d, i) => d !== s.shape[i]) || s.shape.length !== sliceShape.length) {
      fail(
        'invalid-argument',
        what,
        `shape [${s.shape.join(', ')}] does not match the slice [${sliceShape.join(', ')}]`,
      );
    }
    if (sliceShape.every((d, i) => d === s.fullShape[i])) return this.add(s);
    const info = dtypeFromName(s.dtype);
    if (!info) fail('invalid-argument', what, `unknown dtype ${JSON.stringify(s.dtype)}`);
    const key = nameKey(s.name);
    const bk = keyId(key);
    let full = this.rows.get(bk);
    if (full && full.entry.slices.length === 0)
      fail('invalid-argument', this.label, `duplicate tensor ${describeKey(s.name)}`);
    if (!full) {
      full = {
        key,
        entry: {
          dtype: info.enumValue,
          shape: { dims: [...s.fullShape], unknownRank: false },
          shardId: 0,
          offset: 0,
          size: 0,
          crc32c: 0,
          slices: [],
        },
      };
    } else if (
      full.entry.dtype !== info.enumValue ||
      full.entry.shape.dims.join() !== s.fullShape.join()
    ) {
      fail('invalid-argument', what, 'slices of one tensor must agree on dtype and full shape');
    }
    // TensorSlice::AsProto: whole dimensions are empty extents.
    const extents: Extent[] = s.extents.map((e, d) =>
      e.start === 0 && sliceShape[d] === s.fullShape[d] && e.length === null
        ? { start: 0, length: null }
        : { start: e.start, length: sliceShape[d] },
    );
    const sliceKey = encodeSliceKey(key, extents);
    const bytes = this.addKey(sliceKey, { ...s, name: s.name });
    full.entry.slices.push(extents);
    this.rows.set(bk, full);
    return bytes;
  }

  /** The rows added so far (header excluded). */
  entries(): IndexRow[] {
    return [...this.rows.values()];
  }

  /** The `.index` bytes of a single-shard bundle. */
  finish(options: TableOptions = {}): Uint8Array {
    this.finished = true;
    return encodeIndex(defaultHeader(1), this.entries(), options);
  }
}

/**
 * `MergeBundles`: the header's shard count is the sum, entries are merged (the `slices` of a
 * partitioned tensor saved from several bundles are concatenated), and shard ids are renumbered
 * in the order the merge first meets each bundle's data file.
 */
export function mergeBundles(
  bundles: ReadonlyArray<{ header: BundleHeader; rows: readonly IndexRow[] }>,
): {
  header: BundleHeader;
  rows: IndexRow[];
  /** For each input bundle and its shard id, the shard id in the merged bundle. */
  shardMap: Array<Map<number, number>>;
} {
  if (bundles.length === 0) fail('invalid-argument', 'mergeBundles', 'nothing to merge');
  const merged = new Map<string, IndexRow>();
  const fileIds = new Map<string, number>();
  const shardMap: Array<Map<number, number>> = [];
  let numShards = 0;
  const first = bundles[0].header;
  bundles.forEach((b, bi) => {
    if (b.header.endianness !== first.endianness) {
      fail('invalid-argument', 'mergeBundles', 'merging bundles with conflicting endianness');
    }
    numShards += b.header.numShards;
    const map = new Map<number, number>();
    shardMap.push(map);
    const sorted = [...b.rows].sort((x, y) => compareKeys(x.key, y.key));
    for (const row of sorted) {
      const bk = keyId(row.key);
      const existing = merged.get(bk);
      if (existing) {
        if (existing.entry.slices.length === 0 || row.entry.slices.length === 0) {
          fail(
            'invalid-argument',
            'mergeBundles',
            `duplicate tensor ${describeKey(keyName(row.key))}`,
          );
        }
        existing.entry.slices.push(...row.entry.slices);
        continue;
      }
      const file = `${bi}/${row.entry.shardId}`;
      if (!fileIds.has(file)) fileIds.set(file, fileIds.size);
      const id = fileIds.get(file) as number;
      map.set(row.entry.shardId, id);
      merged.set(bk, {
        key: row.key,
        entry: { ...row.entry, shardId: id, slices: row.entry.slices.map((s) => [...s]) },
      });
    }
  });
  return {
    header: { numShards, endianness: first.endianness, version: { ...first.version } },
    rows: [...merged.values()],
    shardMap,
  };
}

export { CheckpointError };
