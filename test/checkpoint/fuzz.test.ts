/**
 * Fuzzing with a seeded PRNG (deterministic): thousands of truncated and bit-flipped copies of
 * the bundled example's `.index` and of a two-shard bundle's — also with block checksums
 * recomputed, so that damaged contents reach the block and protobuf parsers — and of their data
 * shards. Every copy must either give a valid result (listing, and each tensor read or refused)
 * or a `CheckpointError`: never another exception, never a hang, never an allocation the file
 * does not justify. test/shared/checkpoint-fuzz.test.ts does the same to TF's own checkpoints.
 */
import { strict as assert } from 'node:assert';
import { encodeCheckpoint } from '../../src/checkpoint';
import type { SliceInput, TensorInput } from '../../src/checkpoint/bundle';
import { dataFilename } from '../../src/checkpoint/naming';
import { CheckpointReader } from '../../src/checkpoint/reader';
import { readTable } from '../../src/checkpoint/table';
import { exercise, fuzzCheckpoint, outcome } from './fuzz-suite';
import { EXAMPLE, prng, readBytes, refreshBlockCrc, twoShardBundle } from './helpers';

const bundles = [
  {
    name: 'the bundled example (one data shard)',
    files: () => ({
      index: readBytes(`${EXAMPLE}.index`),
      shards: [readBytes(dataFilename(EXAMPLE, 0, 1))],
    }),
    rounds: 1500,
  },
  { name: 'a two-shard bundle of 251 tensors', files: () => twoShardBundle(250), rounds: 500 },
];

for (const c of bundles) fuzzCheckpoint(c);

describe('checkpoint fuzz: a synthetic checkpoint with strings, slices and every dtype', () => {
  // What the other bundles lack: string tensors, partitioned variables, 16 dtypes.
  const tensors: Array<TensorInput | SliceInput> = [
    { name: 'strings', dtype: 'string', shape: [3], values: ['', 'abc', 'x'.repeat(300)] },
    { name: 'b', dtype: 'bool', shape: [3], values: [true, false, true] },
    { name: 'h', dtype: 'float16', shape: [2], values: [1, -2] },
    { name: 'c', dtype: 'complex64', shape: [1], values: [1, 2] },
    { name: 'i64', dtype: 'int64', shape: [2], values: [1n, -1n] },
    ...[0, 2].map((start) => ({
      name: 'part',
      dtype: 'float32',
      shape: [2, 3],
      fullShape: [4, 3],
      extents: [
        { start, length: 2 },
        { start: 0, length: 3 },
      ],
      values: Float32Array.from({ length: 6 }, (_, i) => start * 3 + i),
    })),
    ...[0, 1].map((start) => ({
      name: 'spart',
      dtype: 'string',
      shape: [1],
      fullShape: [2],
      extents: [{ start, length: 1 }],
      values: [`s${start}`],
    })),
  ];
  const { index, data } = encodeCheckpoint(tensors);
  const layout = readTable(index, 'layout').layout;
  const label = 'synthetic/ckpt';

  it('is valid as written', () => {
    const o = outcome();
    exercise(index, [data], label, o);
    assert.deepEqual([o.valid, o.errors], [1, 0]);
    const r = CheckpointReader.fromBytes(index, [data], label);
    assert.equal(r.list().length, 7);
  });

  it('damaged index contents (checksums recomputed): a CheckpointError or a valid result', () => {
    const rand = prng(7);
    const o = outcome();
    for (let i = 0; i < 1500; i++) {
      const b = index.slice();
      const block = layout.dataBlocks[0];
      const at = block.offset + Math.floor(rand() * block.size);
      b[at] = rand() < 0.5 ? b[at] ^ (1 << Math.floor(rand() * 8)) : Math.floor(rand() * 256);
      refreshBlockCrc(b, block);
      exercise(b, [data], label, o);
    }
    assert.ok(o.valid > 0 && o.errors > 0);
  });

  it('damaged and truncated data: a CheckpointError or a valid result', () => {
    const rand = prng(8);
    const o = outcome();
    for (let i = 0; i < 1500; i++) {
      const d = i % 3 === 0 ? data.slice(0, Math.floor(rand() * data.length)) : data.slice();
      if (i % 3 !== 0) d[Math.floor(rand() * d.length)] ^= 1 << Math.floor(rand() * 8);
      exercise(index, [d], label, o);
    }
    // The index is intact: every copy lists, and damaged tensors are refused one by one.
    assert.equal(o.valid, 1500);
    assert.ok((o.codes.get('data-crc') ?? 0) > 0);
  });
});
