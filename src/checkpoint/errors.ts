/**
 * `CheckpointError`: everything that can be wrong with a checkpoint, or with a request to read or
 * write one. The message always starts with the file it is about, then says what is wrong:
 *
 *   /ckpt/model.ckpt-1.index: bad magic 0x0000000000000000 (not a TensorFlow checkpoint index)
 *
 * `code` is stable (tests and callers branch on it); `file` and `detail` are the two halves of the
 * message. No other exception type escapes src/checkpoint for malformed input: parsers validate
 * every length and offset against the bytes they have before reading or allocating.
 */

export type CheckpointErrorCode =
  /** The file is shorter than its structure says (footer, block, entry, string data). */
  | 'truncated'
  /** The footer's magic number is not LevelDB's table magic: not an index file. */
  | 'bad-magic'
  /** A table block's stored masked CRC32C does not match its bytes. */
  | 'block-crc'
  /** A block's compression type is not "none" (Snappy or unknown). */
  | 'compression'
  /** A block or the footer is malformed (restart array, entry lengths, key order, handles). */
  | 'bad-block'
  /** A varint is longer than 10 bytes, unterminated, or out of range for its field. */
  | 'bad-varint'
  /** A protobuf message (header, entry, shape, slice) is malformed or has invalid values. */
  | 'bad-proto'
  /** The header entry is missing or unusable (shard count, endianness, version). */
  | 'bad-header'
  /** An entry's dtype is not a TensorFlow DataType this reader knows. */
  | 'unknown-dtype'
  /** An entry's bytes lie outside its shard, or its size does not fit its dtype and shape. */
  | 'out-of-range'
  /** A data shard file is missing (or cannot be read). */
  | 'missing-shard'
  /** A tensor's bytes do not match the entry's stored masked CRC32C. */
  | 'data-crc'
  /** The reader or writer does not support this (variant tensors, a dtype's values). */
  | 'unsupported'
  /** No such tensor in the checkpoint. */
  | 'not-found'
  /** No checkpoint at that path, or the `checkpoint` state file is unusable. */
  | 'no-checkpoint'
  /** A writer was given bad input (duplicate or empty name, values not matching the shape). */
  | 'invalid-argument';

export class CheckpointError extends Error {
  override readonly name = 'CheckpointError';

  constructor(
    readonly code: CheckpointErrorCode,
    /** The file (or, for in-memory data, the label) the problem is in. */
    readonly file: string,
    /** What is wrong, without the file name. */
    readonly detail: string,
  ) {
    super(`${file}: ${detail}`);
  }
}

/** Throws a `CheckpointError`; typed `never` so callers can use it in expressions. */
export function fail(code: CheckpointErrorCode, file: string, detail: string): never {
  throw new CheckpointError(code, file, detail);
}
