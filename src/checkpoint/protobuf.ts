/**
 * A minimal protobuf wire-format reader and writer: just what the tensor-bundle messages need
 * (varints, length-delimited fields, fixed32/fixed64), over `Uint8Array` with no Node built-ins.
 *
 * Wire format facts (protobuf's encoding documentation): a field is a varint tag
 * `field_number << 3 | wire_type`; wire types 0 varint, 1 fixed64, 2 length-delimited,
 * 5 fixed32 (3 and 4, the deprecated groups, never occur in TF's messages and are rejected).
 * Varints are little-endian base-128, at most 10 bytes; negative int32/int64 values are encoded
 * as their 64-bit two's complement (10 bytes).
 *
 * The reader never trusts a length: every varint, length prefix and fixed-width value is checked
 * against the bounds of the message being read, and failures are `CheckpointError`s naming the
 * file and the message. Integers are JavaScript numbers; a value outside the safe-integer range
 * (|v| > 2^53 - 1) cannot be represented exactly and is reported, never rounded.
 */
import { fail } from './errors';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_FIXED32 = 5;

const TWO_32 = 4294967296;
/** hi words above this make an unsigned value larger than 2^53 - 1. */
const MAX_SAFE_HI = 0x1fffff;

export class ProtoReader {
  pos: number;
  /** The two 32-bit halves of the last varint read. */
  private lo = 0;
  private hi = 0;

  constructor(
    readonly buf: Uint8Array,
    /** The file the bytes come from, for error messages. */
    readonly file: string,
    /** What is being read ("the header", "entry 'w'"), for error messages; computed on error. */
    private readonly what: string | (() => string),
    start = 0,
    readonly end: number = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  /** The description of what is being read. */
  describeWhat(): string {
    return typeof this.what === 'string' ? this.what : this.what();
  }

  private bad(detail: string, code: 'bad-varint' | 'bad-proto' = 'bad-proto'): never {
    return fail(code, this.file, `${this.describeWhat()}: ${detail}`);
  }

  /** Reads a varint into lo/hi; at most 10 bytes, all within the message. */
  private varintParts(): void {
    const buf = this.buf;
    let pos = this.pos;
    let lo = 0;
    let hi = 0;
    for (let i = 0; ; i++) {
      if (pos >= this.end) this.bad(`a varint runs past the end of the message`, 'bad-varint');
      const b = buf[pos++];
      const bits = b & 0x7f;
      if (i < 4) lo |= bits << (7 * i);
      else if (i === 4) {
        lo |= bits << 28;
        hi = bits >>> 4;
      } else if (i < 9) hi |= bits << (7 * i - 32);
      else {
        // The tenth byte carries only bit 63.
        if (b > 1) this.bad(`a varint is longer than 64 bits`, 'bad-varint');
        hi |= b << 31;
      }
      if (b < 0x80) break;
    }
    this.pos = pos;
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
  }

  /** An unsigned varint (uint64, enum tags, lengths) as a safe integer. */
  uint64(): number {
    const b = this.pos < this.end ? this.buf[this.pos] : 0x80;
    if (b < 0x80) {
      this.pos++;
      return b;
    }
    this.varintParts();
    if (this.hi > MAX_SAFE_HI) this.bad(`integer ${this.describe()} is too large`, 'bad-varint');
    return this.hi * TWO_32 + this.lo;
  }

  /** A signed varint (int64, two's complement) as a safe integer. */
  int64(): number {
    this.varintParts();
    if (this.hi & 0x80000000) {
      const nhi = ~this.hi >>> 0;
      const nlo = ~this.lo >>> 0;
      if (nhi > MAX_SAFE_HI) this.bad(`integer ${this.describe()} is too small`, 'bad-varint');
      return -(nhi * TWO_32 + nlo + 1);
    }
    if (this.hi > MAX_SAFE_HI) this.bad(`integer ${this.describe()} is too large`, 'bad-varint');
    return this.hi * TWO_32 + this.lo;
  }

  /** An int32 (or enum) field: a varint whose value must fit in 32 signed bits. */
  int32(): number {
    const v = this.int64();
    if (v < -0x80000000 || v > 0x7fffffff) this.bad(`value ${v} does not fit in an int32`);
    return v;
  }

  bool(): boolean {
    return this.uint64() !== 0;
  }

  fixed32(): number {
    if (this.end - this.pos < 4) this.bad(`a fixed32 runs past the end of the message`);
    const b = this.buf;
    const p = this.pos;
    this.pos += 4;
    return (b[p] | (b[p + 1] << 8) | (b[p + 2] << 16) | (b[p + 3] << 24)) >>> 0;
  }

  /** A length-delimited field's bytes (a view, not a copy), checked against the message end. */
  bytes(): Uint8Array {
    const len = this.uint64();
    if (len > this.end - this.pos) {
      this.bad(`a field of ${len} bytes runs past the end of the message`);
    }
    const out = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return out;
  }

  /** A reader over an embedded message. */
  message(what: string): ProtoReader {
    const len = this.uint64();
    if (len > this.end - this.pos) {
      this.bad(`${what}: ${len} bytes run past the end of the enclosing message`);
    }
    const sub = new ProtoReader(
      this.buf,
      this.file,
      () => `${this.describeWhat()}, ${what}`,
      this.pos,
      this.pos + len,
    );
    this.pos += len;
    return sub;
  }

  /** Reads a tag; returns [field number, wire type]. */
  tag(): [number, number] {
    const t = this.uint64();
    const field = Math.floor(t / 8);
    if (field === 0) this.bad(`field number 0 is invalid`);
    return [field, t & 7];
  }

  /** Skips a field of the given wire type (unknown fields are skipped, as protobuf does). */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varintParts();
        return;
      case WIRE_FIXED64:
        if (this.end - this.pos < 8) this.bad(`a fixed64 runs past the end of the message`);
        this.pos += 8;
        return;
      case WIRE_BYTES:
        this.bytes();
        return;
      case WIRE_FIXED32:
        if (this.end - this.pos < 4) this.bad(`a fixed32 runs past the end of the message`);
        this.pos += 4;
        return;
      default:
        this.bad(`wire type ${wire} is not supported`);
    }
  }

  /** Checks that a known field has the wire type its declaration gives. */
  expect(wire: number, expected: number, field: string): void {
    if (wire !== expected) this.bad(`field ${field} has wire type ${wire}, expected ${expected}`);
  }

  private describe(): string {
    return `0x${this.hi.toString(16).padStart(8, '0')}${this.lo.toString(16).padStart(8, '0')}`;
  }
}

/** Appends protobuf wire-format values to a growing buffer. */
export class ProtoWriter {
  private buf: Uint8Array;
  private len = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  get length(): number {
    return this.len;
  }

  private ensure(n: number): void {
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

  /**
   * A varint. Non-negative integers up to 2^53 - 1 use base 128; negative ones are written as
   * their 64-bit two's complement (10 bytes), as protobuf writes int32/int64 fields.
   */
  varint(n: number): void {
    if (!Number.isSafeInteger(n)) throw new RangeError(`varint: ${n} is not a safe integer`);
    this.ensure(10);
    if (n >= 0) {
      while (n >= 0x80) {
        this.buf[this.len++] = (n % 0x80) | 0x80;
        n = Math.floor(n / 0x80);
      }
      this.buf[this.len++] = n;
      return;
    }
    const hiSigned = Math.floor(n / TWO_32);
    let lo = n - hiSigned * TWO_32;
    let hi = hiSigned >>> 0;
    for (let i = 0; i < 9; i++) {
      this.buf[this.len++] = (lo & 0x7f) | 0x80;
      lo = (lo >>> 7) | ((hi & 0x7f) << 25);
      hi >>>= 7;
    }
    this.buf[this.len++] = lo & 0x01;
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  fixed32(n: number): void {
    this.ensure(4);
    const b = this.buf;
    const p = this.len;
    b[p] = n & 0xff;
    b[p + 1] = (n >>> 8) & 0xff;
    b[p + 2] = (n >>> 16) & 0xff;
    b[p + 3] = (n >>> 24) & 0xff;
    this.len += 4;
  }

  /** Raw bytes (no length prefix). */
  raw(bytes: Uint8Array): void {
    this.ensure(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
  }

  /** A length-delimited field: tag, length, bytes. */
  bytesField(field: number, bytes: Uint8Array): void {
    this.tag(field, WIRE_BYTES);
    this.varint(bytes.length);
    this.raw(bytes);
  }

  /** The bytes written so far (a copy). */
  finish(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/** The number of bytes `ProtoWriter.varint(n)` writes for a non-negative n. */
export function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 0x80);
    len++;
  }
  return len;
}
