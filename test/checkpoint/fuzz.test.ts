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
import { CheckpointError } from '../../src/checkpoint/errors';
import { dataFilename } from '../../src/checkpoint/naming';
import { CheckpointReader, memoryShards } from '../../src/checkpoint/reader';
import { readTable } from '../../src/checkpoint/table';
import { EXAMPLE, prng, readBytes, refreshBlockCrc, twoShardBundle } from './helpers';

interface Outcome {
  valid: number;
  errors: number;
  codes: Map<string, number>;
}

function outcome(): Outcome {
  return { valid: 0, errors: 0, codes: new Map() };
}

/** Opens, lists and reads everything; a CheckpointError anywhere counts as an error. */
function exercise(index: Uint8Array, shards: Uint8Array[], label: string, out: Outcome): void {
  try {
    const r = new CheckpointReader(index, label, memoryShards(label, shards));
    const listing = r.list();
    for (const v of listing) assert.equal(typeof v.name, 'string');
    for (const p of r.verify()) {
      assert.ok(p.error.message.startsWith(`${label}`), p.error.message);
      out.codes.set(p.error.code, (out.codes.get(p.error.code) ?? 0) + 1);
    }
    out.valid++;
  } catch (e) {
    if (!(e instanceof CheckpointError)) {
      throw new assert.AssertionError({
        message: `${label}: not a CheckpointError: ${String((e as Error)?.stack ?? e)}`,
      });
    }
    assert.ok(e.message.startsWith(`${label}`), e.message);
    out.codes.set(e.code, (out.codes.get(e.code) ?? 0) + 1);
    out.errors++;
  }
}

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

for (const c of bundles) {
  describe(`checkpoint fuzz: ${c.name}`, () => {
    const { index, shards } = c.files();
    const last = shards.length - 1;
    const layout = readTable(index, 'layout').layout;
    const block = layout.dataBlocks[0];
    const label = 'fuzz/model.ckpt';

    it('the undamaged files are valid', () => {
      const o = outcome();
      exercise(index, shards, label, o);
      assert.deepEqual([o.valid, o.errors, o.codes.size], [1, 0, 0]);
    });

    it('truncated index files: every one a CheckpointError', () => {
      const rand = prng(1);
      const o = outcome();
      // Every length for the small index, a random sample (plus the edges) for the large one.
      const lengths =
        index.length < 4000
          ? Array.from({ length: index.length }, (_, i) => i)
          : [
              0,
              1,
              47,
              48,
              49,
              index.length - 1,
              ...Array.from({ length: 1500 }, () => Math.floor(rand() * index.length)),
            ];
      for (const n of lengths) exercise(index.slice(0, n), shards, label, o);
      assert.equal(o.errors, lengths.length);
    });

    it('bit-flipped index files: a CheckpointError or a valid result', () => {
      const rand = prng(2);
      const o = outcome();
      for (let i = 0; i < c.rounds; i++) {
        const b = index.slice();
        const flips = 1 + Math.floor(rand() * 3);
        for (let k = 0; k < flips; k++)
          b[Math.floor(rand() * b.length)] ^= 1 << Math.floor(rand() * 8);
        exercise(b, shards, label, o);
      }
      assert.equal(o.valid + o.errors, c.rounds);
      assert.ok(o.errors > 0);
    });

    it('damaged block contents with recomputed checksums reach the parsers: never another exception', () => {
      const rand = prng(3);
      const o = outcome();
      for (let i = 0; i < c.rounds * 2; i++) {
        const b = index.slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let k = 0; k < flips; k++) {
          const at = block.offset + Math.floor(rand() * block.size);
          if (rand() < 0.5) b[at] ^= 1 << Math.floor(rand() * 8);
          else b[at] = Math.floor(rand() * 256);
        }
        refreshBlockCrc(b, block);
        exercise(b, shards, label, o);
      }
      // Both outcomes occur: damaged names and values are often still well-formed.
      assert.ok(o.valid > 0 && o.errors > 0, JSON.stringify([...o.codes]));
      assert.ok(o.codes.size >= 4, `error kinds seen: ${[...o.codes.keys()].join(', ')}`);
      if (process.env.FUZZ_VERBOSE) console.log(o.valid, o.errors, [...o.codes]);
    });

    it('damaged footers, metaindex and index blocks (checksums recomputed)', () => {
      const rand = prng(4);
      const o = outcome();
      const regions = [
        { offset: layout.metaindex.offset, size: layout.metaindex.size, fix: layout.metaindex },
        { offset: layout.index.offset, size: layout.index.size, fix: layout.index },
        { offset: index.length - 48, size: 40, fix: null },
      ];
      for (let i = 0; i < 600; i++) {
        const b = index.slice();
        const r = regions[i % regions.length];
        b[r.offset + Math.floor(rand() * r.size)] = Math.floor(rand() * 256);
        if (r.fix) refreshBlockCrc(b, r.fix);
        exercise(b, shards, label, o);
      }
      assert.equal(o.valid + o.errors, 600);
    });

    it('bit-flipped data shards: exactly the tensors holding the flipped byte fail their checksum', () => {
      const rand = prng(5);
      const reader = new CheckpointReader(index, label, memoryShards(label, shards));
      const entries = reader.index.entries;
      const rounds = Math.min(c.rounds, 250);
      for (let i = 0; i < rounds; i++) {
        const shard = rand() < 0.9 ? last : 0;
        const damaged = shards.map((s) => s.slice());
        const at = Math.floor(rand() * damaged[shard].length);
        damaged[shard][at] ^= 1 << Math.floor(rand() * 8);
        const r = new CheckpointReader(index, label, memoryShards(label, damaged));
        const failed = r.verify().map((p) => {
          assert.equal(p.error.code, 'data-crc');
          return p.name;
        });
        const expected = entries
          .filter(
            (e) =>
              e.entry.shardId === shard &&
              e.entry.offset <= at &&
              at < e.entry.offset + e.entry.size,
          )
          .map((e) => e.name);
        assert.deepEqual(failed, expected);
      }
    });

    it('truncated data shards: tensors past the end are out of range, the rest read', () => {
      const rand = prng(6);
      for (let i = 0; i < 200; i++) {
        const n = Math.floor(rand() * shards[last].length);
        const cut = shards.map((s, i) => (i === last ? s.slice(0, n) : s));
        const r = new CheckpointReader(index, label, memoryShards(label, cut));
        const failed = r.verify().map((p) => {
          assert.equal(p.error.code, 'out-of-range');
          return p.name;
        });
        const expected = r.index.entries
          .filter((e) => e.entry.shardId === last && e.entry.offset + e.entry.size > n)
          .map((e) => e.name);
        assert.deepEqual(failed, expected);
      }
    });
  });
}

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
