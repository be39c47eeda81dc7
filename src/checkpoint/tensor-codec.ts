/**
 * Tensor values to and from the bytes a data shard stores (`tensor_bundle.cc`):
 *
 * - Fixed-size dtypes: the elements densely packed in the header's endianness (`WriteTensor`
 *   copies the tensor's buffer; `data_alignment` 1, so no padding). `size` is elements x element
 *   size and the entry's `crc32c` is the masked CRC32C of exactly those bytes.
 * - DT_STRING (`WriteStringTensor`, `ReadStringTensor`): every element's length as a varint64,
 *   then a 4-byte masked CRC32C of the lengths, then the string bytes. The entry's `crc32c` covers
 *   the lengths *as fixed-width integers* (uint32, or uint64 for lengths >= 2^32, in the file's
 *   byte order) rather than their varint bytes, then the 4 raw checksum bytes, then the strings.
 * - DT_RESOURCE and DT_VARIANT hold C++ objects; they are listed but not decoded.
 *
 * Values in JavaScript: float32 → Float32Array, float64 → Float64Array, int8/16/32 → Int8Array/
 * Int16Array/Int32Array, uint8/16/32 → Uint8Array/Uint16Array/Uint32Array, int64 → BigInt64Array,
 * uint64 → BigUint64Array, quantized types → the typed array of their storage type, float16 and
 * bfloat16 → Float32Array (exact), complex64/complex128 → Float32Array/Float64Array of interleaved
 * (real, imaginary) pairs, bool → boolean[], string → Uint8Array[] (TF strings are bytes).
 */
import { crc32c, crc32cExtend, mask, unmask } from './crc32c';
import type { CheckpointDType, DTypeInfo } from './dtypes';
import { fail } from './errors';

export type TensorValues =
  | Float32Array
  | Float64Array
  | Int8Array
  | Int16Array
  | Int32Array
  | Uint8Array
  | Uint16Array
  | Uint32Array
  | BigInt64Array
  | BigUint64Array
  | boolean[]
  | Uint8Array[];

/** What a writer accepts for a tensor's values (see `encodeTensor`). */
export type TensorValuesInput =
  | TensorValues
  | ArrayLike<number>
  | ArrayLike<bigint>
  | ArrayLike<boolean>
  | ArrayLike<string | Uint8Array>;

export const HOST_LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

/** float32 → IEEE half, rounding to nearest even (the value is first rounded to float32). */
export function floatToHalf(f: number): number {
  F32[0] = f;
  const x = U32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 112; // rebias 127 → 15
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign;
    const full = mant | 0x800000;
    const shift = 14 - e;
    let h = full >>> shift;
    const rem = full & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    if (rem > halfway || (rem === halfway && h & 1)) h++;
    return sign | h;
  }
  let h = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && h & 1)) h++; // a carry correctly reaches the exponent
  return sign | h;
}

/** float32 → bfloat16 bits, rounding to nearest even; NaN stays a (quiet) NaN. */
export function floatToBfloat16(f: number): number {
  F32[0] = f;
  const x = U32[0];
  if ((x & 0x7f800000) === 0x7f800000 && x & 0x7fffff) return (x >>> 16) | 0x40;
  return ((x + 0x7fff + ((x >>> 16) & 1)) >>> 16) & 0xffff;
}

/** The bytes as an exclusively owned buffer starting at offset 0 (copies unless already so). */
function owned(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes
    : bytes.slice();
}

type TypedCtor =
  | Float32ArrayConstructor
  | Float64ArrayConstructor
  | Int8ArrayConstructor
  | Int16ArrayConstructor
  | Int32ArrayConstructor
  | Uint8ArrayConstructor
  | Uint16ArrayConstructor
  | Uint32ArrayConstructor
  | BigInt64ArrayConstructor
  | BigUint64ArrayConstructor;

/** The storage typed array of a fixed-size dtype (float16/bfloat16: their raw 16-bit words). */
function storageCtor(dtype: CheckpointDType): TypedCtor | undefined {
  switch (dtype) {
    case 'float32':
    case 'complex64':
      return Float32Array;
    case 'float64':
    case 'complex128':
      return Float64Array;
    case 'int8':
    case 'qint8':
      return Int8Array;
    case 'int16':
    case 'qint16':
      return Int16Array;
    case 'int32':
    case 'qint32':
      return Int32Array;
    case 'uint8':
    case 'quint8':
    case 'bool':
      return Uint8Array;
    case 'uint16':
    case 'quint16':
    case 'float16':
    case 'bfloat16':
      return Uint16Array;
    case 'uint32':
      return Uint32Array;
    case 'int64':
      return BigInt64Array;
    case 'uint64':
      return BigUint64Array;
    default:
      return undefined;
  }
}

/** Reverses the bytes of every `width`-byte word in place (big-endian data on this host). */
function swapWords(b: Uint8Array, width: number): void {
  for (let i = 0; i + width <= b.length; i += width) {
    for (let lo = i, hi = i + width - 1; lo < hi; lo++, hi--) {
      const t = b[lo];
      b[lo] = b[hi];
      b[hi] = t;
    }
  }
}

/**
 * Decodes a fixed-size tensor's bytes (`bytes.length` = elements x element size, checked by the
 * caller). `littleEndian` is the file's byte order. The result may share `bytes`' buffer when that
 * buffer holds exactly these bytes; callers pass buffers they own.
 */
export function decodeFixed(
  info: DTypeInfo,
  bytes: Uint8Array,
  littleEndian: boolean,
): TensorValues {
  const ctor = storageCtor(info.name);
  if (!ctor) throw new Error(`decodeFixed: ${info.name} has no fixed size`);
  // Complex numbers are pairs of floats: swap per component.
  const word = info.name === 'complex64' ? 4 : info.name === 'complex128' ? 8 : info.size;
  let b = owned(bytes);
  if (littleEndian !== HOST_LITTLE_ENDIAN && word > 1) {
    if (b === bytes) b = bytes.slice();
    swapWords(b, word);
  }
  const raw = new ctor(
    b.buffer as ArrayBuffer,
    b.byteOffset,
    b.byteLength / ctor.BYTES_PER_ELEMENT,
  );
  switch (info.name) {
    case 'bool':
      return Array.from(raw as Uint8Array, (v) => v !== 0);
    case 'float16': {
      const out = new Float32Array(raw.length);
      const words = raw as Uint16Array;
      for (let i = 0; i < words.length; i++) out[i] = halfToFloat(words[i]);
      return out;
    }
    case 'bfloat16': {
      const out = new Float32Array(raw.length);
      const bits = new Uint32Array(out.buffer);
      const words = raw as Uint16Array;
      for (let i = 0; i < words.length; i++) bits[i] = words[i] << 16;
      return out;
    }
    default:
      return raw;
  }
}

/** Reads an unsigned varint64 bounded by `end`; returns [value, next]. */
function readLength(
  b: Uint8Array,
  pos: number,
  end: number,
  file: string,
  what: string,
): [number, number] {
  let v = 0;
  for (let i = 0; i < 10; i++) {
    if (pos >= end)
      fail('truncated', file, `${what}: the string lengths run past the entry's ${end} bytes`);
    const byte = b[pos++];
    if (i === 9 && byte > 1)
      fail('bad-varint', file, `${what}: a string length varint is longer than 64 bits`);
    v += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) {
      if (!Number.isSafeInteger(v))
        fail('bad-varint', file, `${what}: string length ${v} is too large`);
      return [v, pos];
    }
  }
  return fail('bad-varint', file, `${what}: a string length varint is longer than 10 bytes`);
}

function fixedBytes(value: number, width: 4 | 8, littleEndian: boolean): Uint8Array {
  const out = new Uint8Array(width);
  let v = value;
  for (let i = 0; i < width; i++) {
    out[littleEndian ? i : width - 1 - i] = v % 256;
    v = Math.floor(v / 256);
  }
  return out;
}

/**
 * Decodes a DT_STRING tensor of `count` elements from its stored bytes. Verifies the length
 * checksum; returns the strings and the CRC32C (unmasked) the entry's `crc32c` must match.
 */
export function decodeStrings(
  bytes: Uint8Array,
  count: number,
  littleEndian: boolean,
  file: string,
  what: string,
): { values: Uint8Array[]; crc: number } {
  if (bytes.length === 0) {
    // TF's ReadStringTensor returns at once for size 0 (default, empty strings).
    return { values: Array.from({ length: count }, () => new Uint8Array(0)), crc: 0 };
  }
  // Every element needs at least one length byte: bounds the allocation below.
  if (count > bytes.length) {
    fail('out-of-range', file, `${what}: ${count} strings cannot fit in ${bytes.length} bytes`);
  }
  const lengths = new Array<number>(count);
  let pos = 0;
  let crc = 0;
  for (let i = 0; i < count; i++) {
    let len: number;
    [len, pos] = readLength(bytes, pos, bytes.length, file, what);
    lengths[i] = len;
    crc = crc32cExtend(crc, fixedBytes(len, len <= 0xffffffff ? 4 : 8, littleEndian));
  }
  if (bytes.length - pos < 4)
    fail('truncated', file, `${what}: the string length checksum is missing`);
  const rawSum = bytes.subarray(pos, pos + 4);
  const stored = littleEndian
    ? (rawSum[0] | (rawSum[1] << 8) | (rawSum[2] << 16) | (rawSum[3] << 24)) >>> 0
    : ((rawSum[0] << 24) | (rawSum[1] << 16) | (rawSum[2] << 8) | rawSum[3]) >>> 0;
  if (unmask(stored) !== crc) {
    fail(
      'data-crc',
      file,
      `${what}: string length checksum mismatch (stored 0x${unmask(stored).toString(16).padStart(8, '0')}, computed 0x${crc.toString(16).padStart(8, '0')})`,
    );
  }
  crc = crc32cExtend(crc, rawSum);
  pos += 4;
  let total = 0;
  for (const len of lengths) total += len;
  if (total !== bytes.length - pos) {
    fail(
      'out-of-range',
      file,
      `${what}: the string lengths add up to ${total} bytes, the entry has ${bytes.length - pos}`,
    );
  }
  const values = new Array<Uint8Array>(count);
  for (let i = 0; i < count; i++) {
    values[i] = bytes.slice(pos, pos + lengths[i]);
    pos += lengths[i];
  }
  crc = crc32cExtend(crc, bytes, pos - total, pos);
  return { values, crc };
}

const utf8 = new TextEncoder();

function invalid(what: string, detail: string): never {
  return fail('invalid-argument', what, detail);
}

/**
 * Encodes a DT_STRING tensor as `WriteStringTensor` does (little-endian); returns the bytes and
 * the unmasked CRC32C for the entry.
 */
export function encodeStrings(
  values: ArrayLike<string | Uint8Array>,
  what: string,
): { bytes: Uint8Array; crc: number } {
  const items: Uint8Array[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'string') items.push(utf8.encode(v));
    else if (v instanceof Uint8Array) items.push(v);
    else invalid(what, `string element ${i} is neither a string nor a Uint8Array`);
  }
  let lengthBytes = 0;
  let dataBytes = 0;
  for (const s of items) {
    let n = s.length;
    do {
      lengthBytes++;
      n = Math.floor(n / 128);
    } while (n > 0);
    dataBytes += s.length;
  }
  const out = new Uint8Array(lengthBytes + 4 + dataBytes);
  let pos = 0;
  let crc = 0;
  for (const s of items) {
    let n = s.length;
    while (n >= 0x80) {
      out[pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    out[pos++] = n;
    crc = crc32cExtend(crc, fixedBytes(s.length, s.length <= 0xffffffff ? 4 : 8, true));
  }
  const sum = mask(crc);
  out[pos] = sum & 0xff;
  out[pos + 1] = (sum >>> 8) & 0xff;
  out[pos + 2] = (sum >>> 16) & 0xff;
  out[pos + 3] = (sum >>> 24) & 0xff;
  crc = crc32cExtend(crc, out, pos, pos + 4);
  pos += 4;
  const dataStart = pos;
  for (const s of items) {
    out.set(s, pos);
    pos += s.length;
  }
  crc = crc32cExtend(crc, out, dataStart, pos);
  return { bytes: out, crc };
}

function checkInt(
  v: unknown,
  lo: number,
  hi: number,
  what: string,
  dtype: string,
  i: number,
): number {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
    invalid(what, `element ${i} (${String(v)}) is not a valid ${dtype} value`);
  }
  return v;
}

/**
 * Encodes the values of a fixed-size tensor as little-endian bytes. `count` is the number of
 * elements (complex: pairs). A typed array of the dtype's own storage type is used as is (no
 * copy on a little-endian host); anything else is converted element by element and checked
 * (integers must be integers in range; int64/uint64 accept bigints and safe integers).
 */
export function encodeFixed(
  info: DTypeInfo,
  values: TensorValuesInput,
  count: number,
  what: string,
): Uint8Array {
  const ctor = storageCtor(info.name);
  if (!ctor) throw new Error(`encodeFixed: ${info.name} has no fixed size`);
  const perElement = info.name === 'complex64' || info.name === 'complex128' ? 2 : 1;
  const n = count * perElement;
  if (values.length !== n) {
    invalid(
      what,
      `${values.length} values given, the shape needs ${n}${perElement === 2 ? ` (${count} complex numbers as real, imaginary pairs)` : ''}`,
    );
  }
  const direct =
    info.name !== 'float16' &&
    info.name !== 'bfloat16' &&
    info.name !== 'bool' &&
    values instanceof ctor;
  let typed: ArrayBufferView;
  if (direct) typed = values as ArrayBufferView;
  else {
    const out = new ctor(n);
    const src = values as ArrayLike<unknown>;
    switch (info.name) {
      case 'float32':
      case 'float64':
      case 'complex64':
      case 'complex128':
        for (let i = 0; i < n; i++) {
          const v = src[i];
          if (typeof v !== 'number') invalid(what, `element ${i} (${String(v)}) is not a number`);
          (out as Float64Array)[i] = v;
        }
        break;
      case 'float16':
      case 'bfloat16': {
        const conv = info.name === 'float16' ? floatToHalf : floatToBfloat16;
        for (let i = 0; i < n; i++) {
          const v = src[i];
          if (typeof v !== 'number') invalid(what, `element ${i} (${String(v)}) is not a number`);
          (out as Uint16Array)[i] = conv(v);
        }
        break;
      }
      case 'bool':
        for (let i = 0; i < n; i++) {
          const v = src[i];
          if (typeof v === 'boolean') (out as Uint8Array)[i] = v ? 1 : 0;
          else (out as Uint8Array)[i] = checkInt(v, 0, 1, what, 'bool', i);
        }
        break;
      case 'int64':
      case 'uint64': {
        const lo = info.name === 'int64' ? -(2n ** 63n) : 0n;
        const hi = info.name === 'int64' ? 2n ** 63n - 1n : 2n ** 64n - 1n;
        for (let i = 0; i < n; i++) {
          const v = src[i];
          let b: bigint;
          if (typeof v === 'bigint') b = v;
          else if (typeof v === 'number' && Number.isSafeInteger(v)) b = BigInt(v);
          else
            return invalid(what, `element ${i} (${String(v)}) is not a valid ${info.name} value`);
          if (b < lo || b > hi)
            invalid(what, `element ${i} (${b}) is out of range for ${info.name}`);
          (out as BigInt64Array)[i] = b;
        }
        break;
      }
      default: {
        const bits = ctor.BYTES_PER_ELEMENT * 8;
        const signed = ctor === Int8Array || ctor === Int16Array || ctor === Int32Array;
        const lo = signed ? -(2 ** (bits - 1)) : 0;
        const hi = signed ? 2 ** (bits - 1) - 1 : 2 ** bits - 1;
        for (let i = 0; i < n; i++)
          (out as Int32Array)[i] = checkInt(src[i], lo, hi, what, info.name, i);
      }
    }
    typed = out;
  }
  const bytes = new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength);
  if (HOST_LITTLE_ENDIAN) return bytes;
  const copy = bytes.slice();
  swapWords(copy, perElement === 2 ? info.size / 2 : info.size);
  return copy;
}

/** The masked CRC32C stored for fixed-size tensor bytes. */
export function fixedChecksum(bytes: Uint8Array): number {
  return mask(crc32c(bytes));
}
