/**
 * CRC-32C (Castagnoli) and the masking TensorFlow and LevelDB apply to stored checksums.
 *
 * - CRC-32C: reflected polynomial 0x82f63b78, initial value and final xor 0xffffffff; the check
 *   value of the ASCII bytes "123456789" is 0xe3069283 (`tensorflow/core/lib/hash/crc32c.h`,
 *   leveldb `util/crc32c.h`).
 * - `mask(c) = rotateRight(c, 15) + 0xa282ead8` (mod 2^32), `unmask` its inverse. Stored
 *   checksums are masked because computing the CRC of a string that itself contains CRCs is
 *   problematic (`kMaskDelta`, `Mask`, `Unmask` in the same header).
 *
 * The implementation is table-driven "slicing by 16": sixteen 256-entry tables, sixteen bytes per
 * step, read as four 32-bit words on little-endian hosts (about twice as fast as byte at a time);
 * short inputs and the unaligned head and tail go byte by byte. It runs on `Uint8Array`s only: no
 * Node built-ins, usable in a browser or a worker.
 */

const POLY = 0x82f63b78;
const MASK_DELTA = 0xa282ead8;
const LITTLE_ENDIAN_HOST = new Uint8Array(Uint32Array.of(1).buffer)[0] === 1;

/** T[k][b]: the CRC contribution of byte b followed by k zero bytes. */
const T = buildTables(16);
const [T0, T1, T2, T3, T4, T5, T6, T7, T8, T9, T10, T11, T12, T13, T14, T15] = T;

function buildTables(n: number): Int32Array[] {
  const t0 = new Int32Array(256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let i = 0; i < 8; i++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t0[b] = c;
  }
  const tables = [t0];
  for (let k = 1; k < n; k++) {
    const prev = tables[k - 1];
    const next = new Int32Array(256);
    for (let b = 0; b < 256; b++) next[b] = (prev[b] >>> 8) ^ t0[prev[b] & 0xff];
    tables.push(next);
  }
  return tables;
}

/**
 * Extends `crc` (a finished CRC-32C, 0 for "nothing yet") with `data[start, end)`: the result
 * equals the CRC-32C of the concatenation. Returns an unsigned 32-bit number.
 */
export function crc32cExtend(
  crc: number,
  data: Uint8Array,
  start = 0,
  end: number = data.length,
): number {
  let c = ~crc;
  let i = start;
  if (LITTLE_ENDIAN_HOST && end - start >= 64) {
    while ((data.byteOffset + i) & 3) {
      c = T0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
      i++;
    }
    const words = new Int32Array(data.buffer as ArrayBuffer, data.byteOffset + i, (end - i) >>> 2);
    const n = words.length & ~3;
    for (let j = 0; j < n; j += 4) {
      const a = c ^ words[j];
      const b = words[j + 1];
      const d = words[j + 2];
      const e = words[j + 3];
      c =
        T15[a & 0xff] ^
        T14[(a >>> 8) & 0xff] ^
        T13[(a >>> 16) & 0xff] ^
        T12[a >>> 24] ^
        T11[b & 0xff] ^
        T10[(b >>> 8) & 0xff] ^
        T9[(b >>> 16) & 0xff] ^
        T8[b >>> 24] ^
        T7[d & 0xff] ^
        T6[(d >>> 8) & 0xff] ^
        T5[(d >>> 16) & 0xff] ^
        T4[d >>> 24] ^
        T3[e & 0xff] ^
        T2[(e >>> 8) & 0xff] ^
        T1[(e >>> 16) & 0xff] ^
        T0[e >>> 24];
    }
    i += n << 2;
  }
  while (i < end) {
    c = T0[(c ^ data[i]) & 0xff] ^ (c >>> 8);
    i++;
  }
  return ~c >>> 0;
}

/** The CRC-32C of `data[start, end)`. */
export function crc32c(data: Uint8Array, start = 0, end: number = data.length): number {
  return crc32cExtend(0, data, start, end);
}

/** TensorFlow's/LevelDB's `crc32c::Mask`: the form in which checksums are stored. */
export function mask(crc: number): number {
  const c = crc >>> 0;
  return (((c >>> 15) | (c << 17)) + MASK_DELTA) >>> 0;
}

/** The inverse of `mask`. */
export function unmask(masked: number): number {
  const rot = (masked - MASK_DELTA) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
}
