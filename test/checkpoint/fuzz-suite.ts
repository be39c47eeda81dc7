/**
 * The fuzzing every checkpoint gets, written once: truncated and bit-flipped copies of its
 * `.index` (also with block checksums recomputed, so damaged contents reach the block and
 * protobuf parsers) and of its data shards. Every copy must give a valid result (listing, and
 * each tensor read or refused) or a `CheckpointError`: never another exception, never a hang,
 * never an allocation the file does not justify. test/checkpoint/fuzz.test.ts runs it on the
 * bundled example and a two-shard bundle, test/shared/checkpoint-fuzz.test.ts on TF's own
 * checkpoints.
 */
import { strict as assert } from 'node:assert';
import { CheckpointError } from '../../src/checkpoint/errors';
import { CheckpointReader, memoryShards } from '../../src/checkpoint/reader';
import { readTable } from '../../src/checkpoint/table';
import { prng, refreshBlockCrc } from './helpers';

export interface Outcome {
  valid: number;
  errors: number;
  codes: Map<string, number>;
}

export function outcome(): Outcome {
  return { valid: 0, errors: 0, codes: new Map() };
}

/** Opens, lists and reads everything; a CheckpointError anywhere counts as an error. */
export function exercise(
  index: Uint8Array,
  shards: Uint8Array[],
  label: string,
  out: Outcome,
): void {
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

/** One checkpoint's files in memory, fuzzed `rounds` times per kind of damage. */
export interface FuzzCase {
  name: string;
  files: () => { index: Uint8Array; shards: Uint8Array[] };
  rounds: number;
}

/** The fuzz suite for one checkpoint. */
export function fuzzCheckpoint(c: FuzzCase): void {
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
