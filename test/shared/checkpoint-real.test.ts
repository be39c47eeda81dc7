/**
 * The two real TF 1.x checkpoints of the reference material (testdata/checkpoints): listings
 * exactly as the README's tables give them, the values it gives, every checksum, the LevelDB
 * table layout of their indexes, and writing them again reproducing TF's bytes (index and data
 * shards). test/checkpoint holds the same kinds of checks on the bundled example checkpoint.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { BundleBuilder, encodeIndex, mergeBundles } from '../../src/checkpoint/bundle';
import { parseCheckpointState } from '../../src/checkpoint/checkpoint-state';
import { dtypeFromName } from '../../src/checkpoint/dtypes';
import { dataFilename } from '../../src/checkpoint/naming';
import { openCheckpoint, resolveCheckpointPrefix } from '../../src/checkpoint/node';
import { CheckpointReader } from '../../src/checkpoint/reader';
import { readTable, TableEntry, buildTable } from '../../src/checkpoint/table';
import { hex, readBytes } from '../checkpoint/helpers';
import { expectedListing, T2T, T2T_DIR, TFX, TFX_DIR } from './checkpoint-helpers';

const checkpoints = [
  { folder: 't2t-transformer', dir: T2T_DIR, prefix: T2T, count: 250, base: 'model.ckpt-1' },
  { folder: 'tfx-taxi-estimator', dir: TFX_DIR, prefix: TFX, count: 51, base: 'model.ckpt-10000' },
];

for (const c of checkpoints) {
  describe(`checkpoint: real ${c.folder}`, () => {
    let reader: CheckpointReader;
    before(() => {
      reader = openCheckpoint(c.prefix);
    });

    it(`lists exactly the README's ${c.count} entries: names, dtypes, shapes, in file order`, () => {
      const expected = expectedListing(c.folder);
      assert.equal(expected.length, c.count);
      const listing = reader.list();
      assert.deepEqual(
        listing,
        expected.map((r) => ({
          name: r.key,
          dtype: dtypeFromName(r.dtypeEnum)?.name,
          shape: r.shape,
        })),
      );
      for (const r of expected) assert.ok(reader.has(r.key), r.key);
      assert.equal(reader.has(''), false, 'the header is not a variable');
      assert.equal(reader.has(`${expected[0].key}:0`), false);
    });

    it("every entry's shard, offset, size and stored crc32c are the README's", () => {
      const expected = expectedListing(c.folder);
      const entries = reader.index.entries;
      assert.equal(entries.length, expected.length);
      expected.forEach((r, i) => {
        const e = entries[i];
        assert.equal(e.name, r.key);
        assert.equal(e.dtype.enumName, r.dtypeEnum);
        assert.deepEqual(
          {
            shard: e.entry.shardId,
            offset: e.entry.offset,
            size: e.entry.size,
            crc: e.entry.crc32c,
          },
          { shard: r.shard, offset: r.offset, size: r.size, crc: r.crc32c },
          r.key,
        );
      });
      assert.deepEqual(reader.header, {
        numShards: 2,
        endianness: 0,
        version: { producer: 1, minConsumer: 0, badConsumers: [] },
      });
    });

    it('every tensor reads with its checksum verified and its size matching dtype x shape', () => {
      assert.deepEqual(reader.verify(), []);
      for (const v of reader.list()) {
        const t = reader.read(v.name);
        const n = v.shape.reduce((a, b) => a * b, 1);
        assert.equal(t.values.length, n, v.name);
        assert.equal(reader.entry(v.name)?.entry.size, n * (v.dtype === 'int64' ? 8 : 4));
      }
    });

    it('opens from the prefix, the folder (its checkpoint file), the .index, a data file', () => {
      for (const p of [
        c.prefix,
        c.dir,
        `${c.prefix}.index`,
        dataFilename(c.prefix, 1, 2),
        path.join(c.dir, 'checkpoint'),
      ]) {
        assert.equal(resolveCheckpointPrefix(p), c.prefix, p);
      }
      assert.equal(openCheckpoint(c.dir).list().length, c.count);
    });

    it('its checkpoint state file names it', () => {
      const file = path.join(c.dir, 'checkpoint');
      assert.deepEqual(parseCheckpointState(fs.readFileSync(file, 'utf8'), file), {
        modelCheckpointPath: c.base,
        allModelCheckpointPaths: [c.base],
      });
    });

    it('re-encoding its header and entries reproduces the .index byte for byte', () => {
      const bytes = readBytes(`${c.prefix}.index`);
      const rows = reader.index.entries.map((e) => ({ key: e.key, entry: e.entry }));
      assert.deepEqual(encodeIndex(reader.header, rows), bytes);
      // Order of the rows given does not matter: the index is sorted by key bytes.
      assert.deepEqual(encodeIndex(reader.header, [...rows].reverse()), bytes);
    });

    it("writing its tensors again, one bundle per shard then MergeBundles, reproduces TF's files", () => {
      // A sharded save: one BundleWriter per device (here: per data shard), tensors added in key
      // order as tf.train.Saver adds them, then the indexes merged.
      const builders = [new BundleBuilder('shard 0'), new BundleBuilder('shard 1')];
      const data: Uint8Array[][] = [[], []];
      for (const e of reader.index.entries) {
        const t = reader.read(e.name);
        data[e.entry.shardId].push(builders[e.entry.shardId].add(t));
      }
      const merged = mergeBundles(
        builders.map((b) => ({
          header: {
            numShards: 1,
            endianness: 0,
            version: { producer: 1, minConsumer: 0, badConsumers: [] },
          },
          rows: b.entries(),
        })),
      );
      assert.deepEqual(encodeIndex(merged.header, merged.rows), readBytes(`${c.prefix}.index`));
      for (let s = 0; s < 2; s++) {
        assert.deepEqual(
          Buffer.concat(data[s]),
          fs.readFileSync(dataFilename(c.prefix, s, 2)),
          `shard ${s}`,
        );
      }
    });
  });
}

describe('checkpoint: the values the README gives', () => {
  it('t2t-transformer: global_step 1, the loss averages 100.0, the step counter 0', () => {
    const r = openCheckpoint(T2T);
    const gs = r.read('global_step');
    assert.equal(gs.dtype, 'int64');
    assert.deepEqual(gs.shape, []);
    assert.deepEqual(gs.values, BigInt64Array.of(1n));
    for (const name of ['extra_loss', 'total_loss', 'training_loss']) {
      const t = r.read(`losses_avg/problem_0/${name}`);
      assert.equal(t.dtype, 'float32');
      assert.deepEqual(t.values, Float32Array.of(100));
    }
    const steps = r.read('train_stats/problem_0_steps');
    assert.equal(steps.dtype, 'int32');
    assert.deepEqual(steps.values, Int32Array.of(0));
    // Shapes come through: the 16 embedding shards are 14 x [512, 16] then 2 x [511, 16].
    assert.deepEqual(
      r.read('transformer/symbol_modality_8190_16/shared/weights_15').shape,
      [511, 16],
    );
  });

  it('tfx-taxi-estimator: global_step 10000', () => {
    const r = openCheckpoint(TFX);
    assert.deepEqual(r.read('global_step').values, BigInt64Array.of(10000n));
    // A variable partitioned into a single part_0 is stored under its full name.
    assert.ok(r.has('dnn/hiddenlayer_0/kernel'));
    assert.ok(!r.has('dnn/hiddenlayer_0/kernel/part_0'));
  });
});

const td = new TextDecoder();

describe('checkpoint table: the real index files', () => {
  const cases = [
    {
      name: 't2t-transformer',
      file: `${T2T}.index`,
      size: 11090,
      data: { offset: 0, size: 11004, entries: 251, restarts: 16 },
      metaindex: { offset: 11009, size: 8 },
      index: { offset: 11022, size: 15 },
      separator: 'u',
    },
    {
      name: 'tfx-taxi-estimator',
      file: `${TFX}.index`,
      size: 2083,
      data: { offset: 0, size: 1997, entries: 52, restarts: 4 },
      metaindex: { offset: 2002, size: 8 },
      index: { offset: 2015, size: 15 },
      separator: 'm',
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the layout the README describes`, () => {
      const bytes = readBytes(c.file);
      const { entries, layout } = readTable(bytes, c.file);
      assert.equal(layout.fileSize, c.size);
      assert.deepEqual(layout.dataBlocks, [c.data]);
      assert.deepEqual(layout.metaindex, c.metaindex);
      assert.equal(layout.metaindexEntries, 0);
      assert.deepEqual(layout.index, c.index);
      assert.equal(layout.indexEntries.length, 1);
      assert.equal(td.decode(layout.indexEntries[0].separator), c.separator);
      assert.deepEqual(layout.indexEntries[0].handle, { offset: c.data.offset, size: c.data.size });
      assert.equal(entries.length, c.data.entries);
      // The header entry: empty key, num_shards 2, LITTLE, version { producer: 1 }.
      assert.equal(entries[0].key.length, 0);
      assert.equal(hex(entries[0].value), '08 02 1a 02 08 01');
      // The metaindex block is empty: one restart offset 0 and the count 1.
      assert.equal(
        hex(bytes.subarray(c.metaindex.offset, c.metaindex.offset + 8)),
        '00 00 00 00 01 00 00 00',
      );
      // The footer ends with the magic.
      assert.equal(hex(bytes.subarray(bytes.length - 8)), '57 fb 80 8b 24 75 47 db');
    });

    it(`${c.name}: the writer reproduces the file byte for byte from its entries`, () => {
      const bytes = readBytes(c.file);
      const { entries } = readTable(bytes, c.file);
      assert.deepEqual(buildTable(entries), bytes);
    });
  }

  it("global_step's value bytes in t2t-transformer are the README's", () => {
    const { entries } = readTable(readBytes(`${T2T}.index`), 't2t');
    const gs = entries.find((e) => td.decode(e.key) === 'global_step') as TableEntry;
    assert.equal(hex(gs.value), '08 09 12 00 28 08 35 01 75 de 41');
  });
});
