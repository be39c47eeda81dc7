/**
 * The table key under which a slice of a partitioned tensor is stored: TF's
 * `checkpoint::EncodeTensorNameSlice` (`tensorflow/core/util/saved_tensor_slice_util.cc`), built
 * from `OrderedCode` encodings (`tensorflow/core/lib/strings/ordered_code.cc`):
 *
 *   WriteNumIncreasing(0)                      the single byte 00 (so slice keys sort first)
 *   WriteString(name)                          bytes, 00 → 00 ff, ff → ff 00, then 00 01
 *   WriteNumIncreasing(rank)                   a length byte, then the value big-endian
 *   per dimension: WriteSignedNumIncreasing(start), WriteSignedNumIncreasing(length)
 *                                              (length -1 for a whole dimension)
 *
 * `WriteSignedNumIncreasing(v)` uses the shortest L in 1..10 bytes with -2^(7L-1) <= v < 2^(7L-1):
 * v as an L-byte big-endian two's complement number, with its top L bits inverted (they are all
 * copies of the sign bit, so this sets them for v >= 0 and clears them for v < 0) — a sign bit
 * followed by L-1 length bits and a delimiter.
 */
import type { Extent } from './bundle-proto';

function numIncreasing(out: number[], v: number): void {
  const bytes: number[] = [];
  let x = BigInt(v);
  while (x > 0n) {
    bytes.unshift(Number(x & 0xffn));
    x >>= 8n;
  }
  out.push(bytes.length, ...bytes);
}

function signedNumIncreasing(out: number[], v: number): void {
  const x = BigInt(v);
  let len = 1;
  while (len < 10) {
    const limit = 1n << BigInt(7 * len - 1);
    if (x >= -limit && x < limit) break;
    len++;
  }
  const bits = BigInt(8 * len);
  let u = BigInt.asUintN(8 * len, x);
  // Invert the top `len` bits.
  const header = ((1n << BigInt(len)) - 1n) << (bits - BigInt(len));
  u ^= header;
  for (let i = len - 1; i >= 0; i--) out.push(Number((u >> BigInt(8 * i)) & 0xffn));
}

/** The encoded key of slice `extents` of the tensor whose key bytes are `name`. */
export function encodeSliceKey(name: Uint8Array, extents: readonly Extent[]): Uint8Array {
  const out: number[] = [0];
  for (const b of name) {
    if (b === 0x00) out.push(0x00, 0xff);
    else if (b === 0xff) out.push(0xff, 0x00);
    else out.push(b);
  }
  out.push(0x00, 0x01);
  numIncreasing(out, extents.length);
  for (const e of extents) {
    signedNumIncreasing(out, e.start);
    signedNumIncreasing(out, e.length === null ? -1 : e.length);
  }
  return Uint8Array.from(out);
}
