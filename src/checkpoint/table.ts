/**
 * The LevelDB table ("SSTable") format that a checkpoint's `.index` file uses: a reader that
 * validates everything and a writer that produces the bytes TensorFlow's `table::TableBuilder`
 * produces. Pure: `Uint8Array` in, `Uint8Array` out.
 *
 * Layout (leveldb `doc/table_format.md`; TF `tensorflow/core/lib/io/table_format.txt`, the same
 * format without filter blocks):
 *
 *   [data block 1][trailer] ... [data block N][trailer]
 *   [metaindex block][trailer] [index block][trailer] [footer: 48 bytes]
 *
 * - trailer: 1 compression-type byte (0 none, 1 Snappy) + fixed32 masked CRC32C of the block
 *   contents followed by that type byte (`TableBuilder::WriteRawBlock`).
 * - block: entries `varint32 shared, varint32 non_shared, varint32 value_length,
 *   key_delta[non_shared], value[value_length]` (the key is `shared` bytes of the previous key +
 *   the delta), then `fixed32 restarts[n]`, `fixed32 n`. At a restart point `shared` is 0.
 * - index block: one entry per data block, key = a separator >= every key of that block and <
 *   every key of the next one, value = the block's handle (varint64 offset, varint64 size; size
 *   excludes the trailer). Separators are shortened (`FindShortestSeparator`,
 *   `FindShortSuccessor`), so they are not keys of the table.
 * - footer: metaindex handle, index handle, zero padding to 40 bytes, fixed64 magic
 *   0xdb4775248b80fb57.
 *
 * Writer options are TF's defaults (`tensorflow/core/lib/io/table_options.h`): block size 262144
 * bytes, restart interval 16 (1 for the index block, set in `TableBuilder::Rep`), and no
 * compression, which is what `BundleWriter::Finish` and `MergeBundles` ask for.
 */
import { crc32c, crc32cExtend, mask, unmask } from './crc32c';
import { fail } from './errors';

export const FOOTER_SIZE = 48;
export const BLOCK_TRAILER_SIZE = 5;
/** The table magic, as the 8 little-endian bytes that end every table file. */
export const TABLE_MAGIC_BYTES = Uint8Array.of(0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb);
export const NO_COMPRESSION = 0;
export const SNAPPY_COMPRESSION = 1;

export interface BlockHandle {
  offset: number;
  size: number;
}

export interface TableEntry {
  key: Uint8Array;
  /** A view into the table's bytes. */
  value: Uint8Array;
}

/** Where things are in a table file: what the low-level tests and `describe` need. */
export interface TableLayout {
  fileSize: number;
  metaindex: BlockHandle;
  index: BlockHandle;
  /** The index block's entries: separator key and data block handle. */
  indexEntries: Array<{ separator: Uint8Array; handle: BlockHandle }>;
  dataBlocks: Array<BlockHandle & { entries: number; restarts: number }>;
  metaindexEntries: number;
}

export interface Table {
  entries: TableEntry[];
  layout: TableLayout;
}

const TWO_32 = 4294967296;

/** A varint64 at `pos` (bounded by `end`) as a safe integer; returns [value, next pos]. */
function readVarint64(
  buf: Uint8Array,
  pos: number,
  end: number,
  file: string,
  what: string,
): [number, number] {
  let lo = 0;
  let hi = 0;
  for (let i = 0; ; i++) {
    if (pos >= end) fail('bad-varint', file, `${what}: a varint runs past its end`);
    if (i >= 10) fail('bad-varint', file, `${what}: a varint is longer than 10 bytes`);
    const b = buf[pos++];
    const bits = b & 0x7f;
    if (i < 4) lo |= bits << (7 * i);
    else if (i === 4) {
      lo |= bits << 28;
      hi = bits >>> 4;
    } else if (i < 9) hi |= bits << (7 * i - 32);
    else {
      if (b > 1) fail('bad-varint', file, `${what}: a varint is longer than 64 bits`);
      hi |= b << 31;
    }
    if (b < 0x80) break;
  }
  if (hi >>> 0 > 0x1fffff) fail('bad-varint', file, `${what}: a varint is larger than 2^53`);
  return [(hi >>> 0) * TWO_32 + (lo >>> 0), pos];
}

/** A varint32 (at most 5 bytes, value < 2^32) at `pos`; returns [value, next pos]. */
function readVarint32(
  buf: Uint8Array,
  pos: number,
  end: number,
  file: string,
  what: string,
): [number, number] {
  let v = 0;
  for (let i = 0; i < 5; i++) {
    if (pos >= end) fail('bad-varint', file, `${what}: a varint runs past its end`);
    const b = buf[pos++];
    if (i === 4 && b > 0x0f) fail('bad-varint', file, `${what}: a varint32 is larger than 2^32`);
    v += (b & 0x7f) * 2 ** (7 * i);
    if (b < 0x80) return [v, pos];
  }
  return fail('bad-varint', file, `${what}: a varint32 is longer than 5 bytes`);
}

function readFixed32(buf: Uint8Array, p: number): number {
  return (buf[p] | (buf[p + 1] << 8) | (buf[p + 2] << 16) | (buf[p + 3] << 24)) >>> 0;
}

function hex(bytes: Uint8Array): string {
  let s = '';
  for (let i = bytes.length - 1; i >= 0; i--) s += bytes[i].toString(16).padStart(2, '0');
  return `0x${s}`;
}

/** Byte-wise (memcmp) comparison, the order of keys in a table. */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    if (a[i] !== b[i]) return a[i] - b[i];
  }
  return a.length - b.length;
}

function decodeHandle(
  buf: Uint8Array,
  pos: number,
  end: number,
  file: string,
  what: string,
): [BlockHandle, number] {
  const [offset, p1] = readVarint64(buf, pos, end, file, what);
  const [size, p2] = readVarint64(buf, p1, end, file, what);
  return [{ offset, size }, p2];
}

/**
 * A block's contents after checking that it lies inside the file (before the footer), that its
 * trailer's masked CRC32C matches, and that it is not compressed.
 */
function readBlock(file: Uint8Array, name: string, h: BlockHandle, what: string): Uint8Array {
  const limit = file.length - FOOTER_SIZE;
  if (
    h.offset > limit ||
    h.size > limit - h.offset ||
    BLOCK_TRAILER_SIZE > limit - h.offset - h.size
  ) {
    fail(
      'truncated',
      name,
      `${what} (offset ${h.offset}, ${h.size} bytes + ${BLOCK_TRAILER_SIZE}-byte trailer) extends past the end of the table data (${limit} bytes before the footer)`,
    );
  }
  const end = h.offset + h.size;
  const type = file[end];
  const stored = readFixed32(file, end + 1);
  const actual = mask(crc32cExtend(crc32c(file, h.offset, end), file, end, end + 1));
  if (stored !== actual) {
    fail(
      'block-crc',
      name,
      `${what} at offset ${h.offset}: block checksum mismatch (stored masked CRC32C 0x${stored.toString(16).padStart(8, '0')}, computed 0x${actual.toString(16).padStart(8, '0')})`,
    );
  }
  if (type === SNAPPY_COMPRESSION) {
    fail(
      'compression',
      name,
      `${what} at offset ${h.offset} is Snappy-compressed; TensorFlow's checkpoint writer never compresses and this reader does not decompress`,
    );
  }
  if (type !== NO_COMPRESSION) {
    fail('compression', name, `${what} at offset ${h.offset} has unknown compression type ${type}`);
  }
  return file.subarray(h.offset, end);
}

/**
 * Parses one block's entries. Checks the restart array (count, offsets in range, increasing, each
 * at an entry with `shared` 0), every entry's lengths against the block, and `shared` against the
 * previous key. Keys are copied (prefix compression); values are views.
 */
function parseBlock(
  block: Uint8Array,
  name: string,
  what: string,
  out: TableEntry[],
): { entries: number; restarts: number } {
  if (block.length < 4)
    fail('bad-block', name, `${what}: ${block.length} bytes is too short for a block`);
  const numRestarts = readFixed32(block, block.length - 4);
  const maxRestarts = Math.floor((block.length - 4) / 4);
  if (numRestarts === 0 || numRestarts > maxRestarts) {
    fail(
      'bad-block',
      name,
      `${what}: invalid restart count ${numRestarts} for a ${block.length}-byte block`,
    );
  }
  const dataEnd = block.length - 4 - 4 * numRestarts;
  let nextRestart = 0;
  let restartAt = readFixed32(block, dataEnd);
  if (restartAt !== 0)
    fail('bad-block', name, `${what}: the first restart point is ${restartAt}, not 0`);
  let key = new Uint8Array(0);
  let pos = 0;
  let count = 0;
  while (pos < dataEnd) {
    const atRestart = nextRestart < numRestarts && pos === restartAt;
    if (nextRestart < numRestarts && pos > restartAt) {
      fail('bad-block', name, `${what}: restart point ${restartAt} is not at an entry`);
    }
    let shared: number, nonShared: number, valueLen: number;
    const b0 = block[pos];
    if (pos + 3 <= dataEnd && (b0 | block[pos + 1] | block[pos + 2]) < 0x80) {
      shared = b0;
      nonShared = block[pos + 1];
      valueLen = block[pos + 2];
      pos += 3;
    } else {
      [shared, pos] = readVarint32(block, pos, dataEnd, name, what);
      [nonShared, pos] = readVarint32(block, pos, dataEnd, name, what);
      [valueLen, pos] = readVarint32(block, pos, dataEnd, name, what);
    }
    if (shared > key.length) {
      fail(
        'bad-block',
        name,
        `${what}: entry ${count} shares ${shared} bytes with a ${key.length}-byte key`,
      );
    }
    if (atRestart && shared !== 0) {
      fail('bad-block', name, `${what}: entry ${count} at a restart point shares ${shared} bytes`);
    }
    if (nonShared > dataEnd - pos || valueLen > dataEnd - pos - nonShared) {
      fail(
        'bad-block',
        name,
        `${what}: entry ${count} (key ${nonShared} + value ${valueLen} bytes) runs past the end of the block`,
      );
    }
    // Plain loops: keys are short, and subarray() views cost more than the copying.
    const next = new Uint8Array(shared + nonShared);
    for (let k = 0; k < shared; k++) next[k] = key[k];
    for (let k = 0; k < nonShared; k++) next[shared + k] = block[pos + k];
    pos += nonShared;
    key = next;
    out.push({ key, value: block.subarray(pos, pos + valueLen) });
    pos += valueLen;
    count++;
    if (atRestart) {
      nextRestart++;
      if (nextRestart < numRestarts) {
        const r = readFixed32(block, dataEnd + 4 * nextRestart);
        if (r <= restartAt) fail('bad-block', name, `${what}: restart points are not increasing`);
        restartAt = r;
      }
    }
  }
  // An empty block (the metaindex) still has its one restart point, at offset 0.
  if (nextRestart < numRestarts && !(count === 0 && numRestarts === 1)) {
    fail('bad-block', name, `${what}: restart point ${restartAt} is past the last entry`);
  }
  return { entries: count, restarts: numRestarts };
}

/**
 * Reads a whole table: every block verified (checksum, compression, structure), keys strictly
 * increasing across the table. `name` labels errors (the file name).
 */
export function readTable(input: Uint8Array, name: string): Table {
  // A plain Uint8Array view: subclasses (Node's Buffer) make every subarray slower.
  const file =
    input.constructor === Uint8Array
      ? input
      : new Uint8Array(input.buffer, input.byteOffset, input.length);
  if (file.length < FOOTER_SIZE) {
    fail(
      'truncated',
      name,
      `${file.length} bytes is too short for a table footer (${FOOTER_SIZE} bytes): truncated or not a checkpoint index`,
    );
  }
  const footerAt = file.length - FOOTER_SIZE;
  const magic = file.subarray(file.length - 8);
  for (let i = 0; i < 8; i++) {
    if (magic[i] !== TABLE_MAGIC_BYTES[i]) {
      fail(
        'bad-magic',
        name,
        `bad magic ${hex(magic)} (expected 0xdb4775248b80fb57): not a TensorFlow checkpoint index, or truncated`,
      );
    }
  }
  const handlesEnd = file.length - 8;
  const [metaindex, p1] = decodeHandle(file, footerAt, handlesEnd, name, 'footer');
  const [index] = decodeHandle(file, p1, handlesEnd, name, 'footer');

  const metaEntries: TableEntry[] = [];
  parseBlock(
    readBlock(file, name, metaindex, 'metaindex block'),
    name,
    'metaindex block',
    metaEntries,
  );

  const indexEntries: TableEntry[] = [];
  parseBlock(readBlock(file, name, index, 'index block'), name, 'index block', indexEntries);

  const entries: TableEntry[] = [];
  const layout: TableLayout = {
    fileSize: file.length,
    metaindex,
    index,
    indexEntries: [],
    dataBlocks: [],
    metaindexEntries: metaEntries.length,
  };
  let prevEnd = 0;
  for (let i = 0; i < indexEntries.length; i++) {
    const what = `data block ${i}`;
    const ie = indexEntries[i];
    const [handle] = decodeHandle(ie.value, 0, ie.value.length, name, `index entry ${i}`);
    if (handle.offset < prevEnd) {
      fail('bad-block', name, `${what} at offset ${handle.offset} overlaps the previous block`);
    }
    prevEnd = handle.offset + handle.size + BLOCK_TRAILER_SIZE;
    const before = entries.length;
    const stats = parseBlock(readBlock(file, name, handle, what), name, what, entries);
    layout.indexEntries.push({ separator: ie.key, handle });
    layout.dataBlocks.push({ ...handle, ...stats });
    for (let k = Math.max(before, 1); k < entries.length; k++) {
      if (compareBytes(entries[k - 1].key, entries[k].key) >= 0) {
        fail('bad-block', name, `${what}: keys are not in increasing order at entry ${k}`);
      }
    }
    if (entries.length > before && compareBytes(entries[entries.length - 1].key, ie.key) > 0) {
      fail('bad-block', name, `${what}: its last key sorts after its index separator`);
    }
  }
  return { entries, layout };
}

/** Grows by doubling; keeps written bytes contiguous. */
class ByteSink {
  buf: Uint8Array;
  len = 0;
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
  }
  ensure(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.len++] = b;
  }
  varint(n: number): void {
    this.ensure(10);
    while (n >= 0x80) {
      this.buf[this.len++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.len++] = n;
  }
  fixed32(n: number): void {
    this.ensure(4);
    this.buf[this.len++] = n & 0xff;
    this.buf[this.len++] = (n >>> 8) & 0xff;
    this.buf[this.len++] = (n >>> 16) & 0xff;
    this.buf[this.len++] = (n >>> 24) & 0xff;
  }
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  view(): Uint8Array {
    return this.buf.subarray(0, this.len);
  }
}

/** Accumulates one block the way TF's `BlockBuilder` does. */
class BlockBuilder {
  private sink = new ByteSink();
  private restarts: number[] = [0];
  private counter = 0;
  private lastKey: Uint8Array = new Uint8Array(0);

  constructor(private readonly restartInterval: number) {}

  get empty(): boolean {
    return this.sink.len === 0;
  }

  /** `BlockBuilder::CurrentSizeEstimate`: data + restart array + its length. */
  sizeEstimate(): number {
    return this.sink.len + 4 * this.restarts.length + 4;
  }

  add(key: Uint8Array, value: Uint8Array): void {
    let shared = 0;
    if (this.counter < this.restartInterval) {
      const n = Math.min(this.lastKey.length, key.length);
      while (shared < n && this.lastKey[shared] === key[shared]) shared++;
    } else {
      this.restarts.push(this.sink.len);
      this.counter = 0;
    }
    const s = this.sink;
    s.varint(shared);
    s.varint(key.length - shared);
    s.varint(value.length);
    s.bytes(key.subarray(shared));
    s.bytes(value);
    this.lastKey = key;
    this.counter++;
  }

  /** The finished block contents; the builder is reset. */
  finish(): Uint8Array {
    for (const r of this.restarts) this.sink.fixed32(r);
    this.sink.fixed32(this.restarts.length);
    const out = this.sink.view().slice();
    this.sink = new ByteSink();
    this.restarts = [0];
    this.counter = 0;
    this.lastKey = new Uint8Array(0);
    return out;
  }
}

/** `FindShortestSeparator` for the byte-wise comparator: a short key in [start, limit). */
export function shortestSeparator(start: Uint8Array, limit: Uint8Array): Uint8Array {
  const n = Math.min(start.length, limit.length);
  let d = 0;
  while (d < n && start[d] === limit[d]) d++;
  if (d >= n) return start; // one is a prefix of the other: keep it
  const byte = start[d];
  if (byte < 0xff && byte + 1 < limit[d]) {
    const out = start.slice(0, d + 1);
    out[d]++;
    return out;
  }
  return start;
}

/** `FindShortSuccessor`: a short key >= `key`. */
export function shortSuccessor(key: Uint8Array): Uint8Array {
  for (let i = 0; i < key.length; i++) {
    if (key[i] !== 0xff) {
      const out = key.slice(0, i + 1);
      out[i]++;
      return out;
    }
  }
  return key;
}

export interface TableOptions {
  /** Approximate uncompressed data per block (TF's default 262144). */
  blockSize?: number;
  /** Keys between restart points in data blocks (TF's default 16). */
  restartInterval?: number;
}

/**
 * Builds a table exactly as TF's `table::TableBuilder` with `kNoCompression`: keys must be added
 * in strictly increasing byte order.
 */
export class TableBuilder {
  private readonly blockSize: number;
  private readonly out = new ByteSink(1024);
  private readonly data: BlockBuilder;
  private readonly index = new BlockBuilder(1);
  private lastKey: Uint8Array | null = null;
  private pending: BlockHandle | null = null;
  private finished = false;

  constructor(options: TableOptions = {}) {
    this.blockSize = options.blockSize ?? 262144;
    this.data = new BlockBuilder(options.restartInterval ?? 16);
  }

  add(key: Uint8Array, value: Uint8Array): void {
    if (this.finished) throw new Error('TableBuilder: add after finish');
    if (this.lastKey !== null) {
      if (compareBytes(key, this.lastKey) <= 0) {
        throw new RangeError('TableBuilder: keys must be added in strictly increasing order');
      }
      // An entry at least twice the block size goes into a block of its own.
      if (key.length + value.length >= 2 * this.blockSize) this.flush();
    }
    if (this.pending) {
      this.addIndexEntry(shortestSeparator(this.lastKey as Uint8Array, key));
    }
    this.lastKey = key;
    this.data.add(key, value);
    if (this.data.sizeEstimate() >= this.blockSize) this.flush();
  }

  private addIndexEntry(separator: Uint8Array): void {
    const h = this.pending as BlockHandle;
    const enc = new ByteSink(20);
    enc.varint(h.offset);
    enc.varint(h.size);
    this.index.add(separator, enc.view());
    this.pending = null;
  }

  private flush(): void {
    if (this.data.empty) return;
    this.pending = this.writeBlock(this.data.finish());
  }

  private writeBlock(contents: Uint8Array): BlockHandle {
    const handle = { offset: this.out.len, size: contents.length };
    this.out.bytes(contents);
    const crc = crc32cExtend(crc32c(contents), Uint8Array.of(NO_COMPRESSION));
    this.out.byte(NO_COMPRESSION);
    this.out.fixed32(mask(crc));
    return handle;
  }

  /** Writes the last data block, the metaindex and index blocks and the footer. */
  finish(): Uint8Array {
    if (this.finished) throw new Error('TableBuilder: finish called twice');
    this.flush();
    this.finished = true;
    const metaindex = this.writeBlock(new BlockBuilder(16).finish());
    if (this.pending) this.addIndexEntry(shortSuccessor(this.lastKey as Uint8Array));
    const index = this.writeBlock(this.index.finish());
    const footer = new ByteSink(FOOTER_SIZE);
    footer.varint(metaindex.offset);
    footer.varint(metaindex.size);
    footer.varint(index.offset);
    footer.varint(index.size);
    footer.ensure(FOOTER_SIZE);
    footer.len = FOOTER_SIZE - 8; // zero padding up to the magic
    footer.bytes(TABLE_MAGIC_BYTES);
    this.out.bytes(footer.view());
    return this.out.view().slice();
  }
}

/** Builds a table from entries already in strictly increasing key order. */
export function buildTable(entries: Iterable<TableEntry>, options: TableOptions = {}): Uint8Array {
  const b = new TableBuilder(options);
  for (const e of entries) b.add(e.key, e.value);
  return b.finish();
}

/** Exposed for tests: the masked CRC a trailer would carry for these block contents. */
export function blockChecksum(contents: Uint8Array, type: number = NO_COMPRESSION): number {
  return mask(crc32cExtend(crc32c(contents), Uint8Array.of(type)));
}

/** Exposed for tests and error messages. */
export { unmask };
