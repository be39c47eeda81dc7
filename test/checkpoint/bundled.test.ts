/**
 * Whole checkpoints in the repository, read and written again: the bundled example
 * (examples/checkpoint/train_dir, saved by the Python runtime's tf.train.Saver from model.py;
 * TensorFlow reads it) and a two-shard bundle built as a sharded save builds one (one
 * BundleBuilder per device, then mergeBundles). Listings as tf.train.list_variables gives them,
 * the values model.py's initializers give, every checksum, every way of naming the checkpoint,
 * and writing the tensors again reproducing the files byte for byte.
 * test/shared/checkpoint-real.test.ts does the same with TF's own checkpoints.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  BundleBuilder,
  defaultHeader,
  encodeIndex,
  mergeBundles,
} from '../../src/checkpoint/bundle';
import { parseCheckpointState } from '../../src/checkpoint/checkpoint-state';
import { dataFilename, indexFilename } from '../../src/checkpoint/naming';
import {
  openCheckpoint,
  resolveCheckpointPrefix,
  writeCheckpoint,
} from '../../src/checkpoint/node';
import { CheckpointReader, memoryShards } from '../../src/checkpoint/reader';
import { EXAMPLE, EXAMPLE_LISTING, EXAMPLE_TRAIN_DIR, readBytes, twoShardBundle } from './helpers';

describe('checkpoint: the bundled example', () => {
  let reader: CheckpointReader;
  before(() => {
    reader = openCheckpoint(EXAMPLE);
  });

  it('lists its 7 variables as tf.train.list_variables does: key order, no :0', () => {
    assert.deepEqual(reader.list(), EXAMPLE_LISTING);
    for (const v of EXAMPLE_LISTING) assert.ok(reader.has(v.name), v.name);
    assert.equal(reader.has(''), false, 'the header is not a variable');
    assert.equal(reader.has('global_step:0'), false);
    assert.deepEqual(reader.header, {
      numShards: 1,
      endianness: 0,
      version: { producer: 1, minConsumer: 0, badConsumers: [] },
    });
  });

  it('data laid out in key order, each entry sized by dtype x shape, every checksum verified', () => {
    assert.deepEqual(reader.verify(), []);
    let offset = 0;
    for (const e of reader.index.entries) {
      const n = e.entry.shape.dims.reduce((a, b) => a * b, 1);
      assert.equal(e.elements, n, e.name);
      assert.equal(e.entry.shardId, 0);
      assert.equal(e.entry.offset, offset, e.name);
      assert.equal(e.entry.size, n * (e.dtype.name === 'int64' ? 8 : 4), e.name);
      assert.equal(reader.read(e.name).values.length, n);
      offset += e.entry.size;
    }
    assert.equal(offset, fs.statSync(dataFilename(EXAMPLE, 0, 1)).size);
  });

  it("holds what model.py's initializers give: global_step 1, zero biases, truncated normal weights", () => {
    const gs = reader.read('global_step');
    assert.deepEqual([gs.dtype, gs.shape, gs.values], ['int64', [], BigInt64Array.of(1n)]);
    for (const layer of ['encoder/hidden1', 'encoder/hidden2', 'softmax_linear']) {
      const b = reader.read(`${layer}/biases`).values as Float32Array;
      assert.ok(
        b.every((x) => x === 0),
        layer,
      );
      // truncated_normal_initializer(stddev=1/sqrt(fan_in)): every value within two stddevs,
      // not all equal, and seeded differently per layer.
      const w = reader.read(`${layer}/weights`);
      const stddev = 1 / Math.sqrt(w.shape[0]);
      const values = Array.from(w.values as Float32Array);
      assert.ok(
        values.every((x) => Math.abs(x) <= 2 * stddev),
        layer,
      );
      assert.ok(new Set(values).size > values.length / 2, layer);
    }
  });

  it('opens from the prefix, the folder (its checkpoint file), the .index, the data file', () => {
    for (const p of [
      EXAMPLE,
      EXAMPLE_TRAIN_DIR,
      indexFilename(EXAMPLE),
      dataFilename(EXAMPLE, 0, 1),
      path.join(EXAMPLE_TRAIN_DIR, 'checkpoint'),
    ]) {
      assert.equal(resolveCheckpointPrefix(p), EXAMPLE, p);
    }
  });

  it('its checkpoint state file names it relative to the folder', () => {
    const file = path.join(EXAMPLE_TRAIN_DIR, 'checkpoint');
    assert.deepEqual(parseCheckpointState(fs.readFileSync(file, 'utf8'), file), {
      modelCheckpointPath: 'model.ckpt-1',
      allModelCheckpointPaths: ['model.ckpt-1'],
    });
  });

  it('re-encoding its header and entries reproduces the .index byte for byte', () => {
    const bytes = readBytes(indexFilename(EXAMPLE));
    const rows = reader.index.entries.map((e) => ({ key: e.key, entry: e.entry }));
    assert.deepEqual(encodeIndex(reader.header, rows), bytes);
    assert.deepEqual(encodeIndex(reader.header, [...rows].reverse()), bytes);
  });

  it('writing its tensors again, in any order, reproduces both files', () => {
    const tensors = reader.list().map((v) => reader.read(v.name));
    const builder = new BundleBuilder('again');
    const data = tensors.map((t) => builder.add(t));
    assert.deepEqual(builder.finish(), readBytes(indexFilename(EXAMPLE)));
    assert.deepEqual(Buffer.concat(data), fs.readFileSync(dataFilename(EXAMPLE, 0, 1)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-bundled-'));
    try {
      const prefix = path.join(dir, 'model.ckpt-1');
      writeCheckpoint(prefix, [...tensors].reverse());
      assert.ok(fs.readFileSync(indexFilename(prefix)).equals(fs.readFileSync(`${EXAMPLE}.index`)));
      assert.ok(
        fs
          .readFileSync(dataFilename(prefix, 0, 1))
          .equals(fs.readFileSync(dataFilename(EXAMPLE, 0, 1))),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checkpoint: a two-shard bundle (mergeBundles)', () => {
  const { index, shards, tensors } = twoShardBundle(250);
  const reader = CheckpointReader.fromBytes(index, shards, 'mem/model.ckpt-7');

  it('lists every tensor once, with the header counting two shards', () => {
    assert.equal(reader.header.numShards, 2);
    const listing = reader.list();
    assert.equal(listing.length, 251);
    assert.deepEqual(
      listing.map((v) => v.name),
      [...tensors.keys()].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
    );
  });

  it('entries alternate between the shards in key order, each shard laid out from 0', () => {
    const next = [0, 0];
    reader.index.entries.forEach((e, i) => {
      assert.equal(e.entry.shardId, i % 2, e.name);
      assert.equal(e.entry.offset, next[i % 2], e.name);
      next[i % 2] += e.entry.size;
    });
    assert.deepEqual(
      next,
      shards.map((s) => s.length),
    );
  });

  it('every tensor reads back with the values written, checksums verified', () => {
    assert.deepEqual(reader.verify(), []);
    for (const [name, t] of tensors) {
      const got = reader.read(name);
      assert.deepEqual(got.shape, t.shape, name);
      assert.deepEqual(
        Array.from(got.values as ArrayLike<unknown>),
        Array.from(t.values as ArrayLike<unknown>),
        name,
      );
    }
  });

  it('merging the same bundles in the other order renumbers the shards; the keys are the same', () => {
    const halves = [0, 1].map((s) => {
      const b = new BundleBuilder(`shard ${s}`);
      for (const e of reader.index.entries) if (e.entry.shardId === s) b.add(reader.read(e.name));
      return { header: defaultHeader(1), rows: b.entries() };
    });
    const same = mergeBundles(halves);
    assert.deepEqual(encodeIndex(same.header, same.rows), index);
    const swapped = mergeBundles([halves[1], halves[0]]);
    assert.deepEqual(
      swapped.shardMap.map((m) => [...m]),
      [[[0, 0]], [[0, 1]]],
    );
    const r = new CheckpointReader(
      encodeIndex(swapped.header, swapped.rows),
      'swapped',
      memoryShards('swapped', [shards[1], shards[0]]),
    );
    assert.deepEqual(r.list(), reader.list());
    assert.deepEqual(r.verify(), []);
    assert.equal(r.entry('global_step')?.entry.shardId, 1);
  });
});
