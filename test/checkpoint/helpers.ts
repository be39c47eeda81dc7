/**
 * Shared by the checkpoint tests: the example checkpoint bundled in examples/checkpoint and its
 * listing, a two-shard bundle built as a sharded save builds one, a seeded PRNG, byte helpers,
 * and an assertion for `CheckpointError`s. Nothing here reads outside the repository.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BundleBuilder,
  defaultHeader,
  encodeIndex,
  mergeBundles,
  nameKey,
  TensorInput,
} from '../../src/checkpoint/bundle';
import { CheckpointError, CheckpointErrorCode } from '../../src/checkpoint/errors';
import { blockChecksum } from '../../src/checkpoint/table';
import { prng, projectRoot } from '../support';

/** The example checkpoint bundled with the repository (examples/checkpoint/model.py saves it). */
export const EXAMPLE_DIR = path.join(projectRoot(), 'examples', 'checkpoint');
export const EXAMPLE_TRAIN_DIR = path.join(EXAMPLE_DIR, 'train_dir');
export const EXAMPLE = path.join(EXAMPLE_TRAIN_DIR, 'model.ckpt-1');

/** The bundled checkpoint's listing, as `tf.train.list_variables` gives it (real TF agrees). */
export const EXAMPLE_LISTING = [
  { name: 'encoder/hidden1/biases', dtype: 'float32', shape: [12] },
  { name: 'encoder/hidden1/weights', dtype: 'float32', shape: [16, 12] },
  { name: 'encoder/hidden2/biases', dtype: 'float32', shape: [8] },
  { name: 'encoder/hidden2/weights', dtype: 'float32', shape: [12, 8] },
  { name: 'global_step', dtype: 'int64', shape: [] },
  { name: 'softmax_linear/biases', dtype: 'float32', shape: [4] },
  { name: 'softmax_linear/weights', dtype: 'float32', shape: [8, 4] },
];

/**
 * A two-shard bundle as a sharded `tf.train.Saver` writes one: `count` float32 tensors with
 * t2t-like names and seeded values, alternately on two devices (one `BundleBuilder` each, tensors
 * added in key order), the indexes merged with `mergeBundles`. Returns the `.index` bytes, the two
 * data shards, and the tensors by name.
 */
export function twoShardBundle(
  count: number,
  seed = 1,
): { index: Uint8Array; shards: Uint8Array[]; tensors: Map<string, TensorInput> } {
  const rand = prng(seed);
  const tensors = new Map<string, TensorInput>();
  for (let layer = 0; tensors.size < count; layer++) {
    const base = `transformer/body/layer_${layer}`;
    const parts: Array<[string, number[]]> = [
      [`${base}/ffn/conv1/kernel`, [8, 4]],
      [`${base}/ffn/conv1/bias`, [4]],
      [`${base}/attention/q/kernel`, [4, 4]],
      [`training/${base}/ffn/conv1/kernel/Adam`, [8, 4]],
    ];
    for (const [name, shape] of parts) {
      if (tensors.size >= count) break;
      const n = shape.reduce((a, b) => a * b, 1);
      const values = Float32Array.from({ length: n }, () => rand() * 2 - 1);
      tensors.set(name, { name, dtype: 'float32', shape, values });
    }
  }
  tensors.set('global_step', { name: 'global_step', dtype: 'int64', shape: [], values: [7n] });
  const sorted = [...tensors.values()].sort((a, b) =>
    compareBytes(nameKey(a.name), nameKey(b.name)),
  );
  const builders = [new BundleBuilder('shard 0'), new BundleBuilder('shard 1')];
  const data: Uint8Array[][] = [[], []];
  sorted.forEach((t, i) => data[i % 2].push(builders[i % 2].add(t)));
  const merged = mergeBundles(
    builders.map((b) => ({ header: defaultHeader(1), rows: b.entries() })),
  );
  return {
    index: encodeIndex(merged.header, merged.rows),
    shards: data.map((parts) => Uint8Array.from(Buffer.concat(parts))),
    tensors,
  };
}

function compareBytes(x: Uint8Array, y: Uint8Array): number {
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

/** Asserts `fn` throws a `CheckpointError` with `code` whose message starts with `file`. */
export function throwsCheckpoint(
  fn: () => unknown,
  code: CheckpointErrorCode,
  message?: RegExp,
  file?: string,
): CheckpointError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof CheckpointError, `expected a CheckpointError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  if (file !== undefined) {
    assert.equal(caught.file, file);
    assert.ok(caught.message.startsWith(`${file}: `), caught.message);
  }
  return caught;
}

export { prng } from '../support';

export function readBytes(file: string): Uint8Array {
  const b = fs.readFileSync(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.length).slice();
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function fromHex(s: string): Uint8Array {
  return Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16));
}

/** Recomputes the trailer checksum of the block at `handle` (after a test changed its bytes). */
export function refreshBlockCrc(file: Uint8Array, handle: { offset: number; size: number }): void {
  const end = handle.offset + handle.size;
  const c = blockChecksum(file.subarray(handle.offset, end), file[end]);
  file[end + 1] = c & 0xff;
  file[end + 2] = (c >>> 8) & 0xff;
  file[end + 3] = (c >>> 16) & 0xff;
  file[end + 4] = (c >>> 24) & 0xff;
}
