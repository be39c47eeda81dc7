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
 * The implementation is table-driven "slicing by 8" (eight 256-entry tables, eight bytes per
 * step). It runs on `Uint8Array`s only: no Node built-ins, usable in a browser or a worker.
 */

const POLY = 0x82f63b78;
const MASK_DELTA = 0xa282ead8;

/** TABLES[k * 256 + b]: the CRC contribution of byte b followed by k zero bytes. */
const TABLES = buildTables();

function buildTables(): Int32Array {
  const t = new Int32Array(8 * 256);
  for (let b = 0; b < 256; b++) {
    let c = b;
    for (let i = 0; i < 8; i++) c = c & 1 ? (c >>> 1) ^ POLY : c >>> 1;
    t[b] = c;
  }
  for (let k = 1; k < 8; k++) {
    for (let b = 0; b < 256; b++) {
      const prev = t[(k - 1) * 256 + b];
      t[k * 256 + b] = (prev >>> 8) ^ t[prev & 0xff];
    }
  }
  return t;
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
  const t = TABLES;
  let c = ~crc;
  let i = start;
  const end8 = end - ((end - start) & 7);
  while (i < end8) {
    const a = c ^ (data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24));
    c =
      t[1792 + (a & 0xff)] ^
      t[1536 + ((a >>> 8) & 0xff)] ^
      t[1280 + ((a >>> 16) & 0xff)] ^
      t[1024 + (a >>> 24)] ^
      t[768 + data[i + 4]] ^
      t[512 + data[i + 5]] ^
      t[256 + data[i + 6]] ^
      t[data[i + 7]];
    i += 8;
  }
  while (i < end) {
    c = t[(c ^ data[i]) & 0xff] ^ (c >>> 8);
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
