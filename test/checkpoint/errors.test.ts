/**
 * Each way a checkpoint can be wrong gives a `CheckpointError` with its code, naming the file and
 * saying what is wrong: a two-shard checkpoint the test writes, damaged on purpose, and indexes
 * built to be wrong. test/shared/checkpoint-errors.test.ts damages TF's own checkpoints the same
 * ways.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeCheckpoint } from '../../src/checkpoint';
import { BundleEntry, BundleHeader } from '../../src/checkpoint/bundle-proto';
import { defaultHeader, encodeIndex } from '../../src/checkpoint/bundle';
import { crc32c, mask } from '../../src/checkpoint/crc32c';
import { dataFilename, indexFilename } from '../../src/checkpoint/naming';
import { openCheckpoint, writeCheckpointState } from '../../src/checkpoint/node';
import { CheckpointReader } from '../../src/checkpoint/reader';
import { encodeSliceKey } from '../../src/checkpoint/slice-key';
import { buildTable } from '../../src/checkpoint/table';
import { fromHex, throwsCheckpoint, twoShardBundle } from './helpers';

const te = new TextEncoder();

function entry(over: Partial<BundleEntry> = {}): BundleEntry {
  return {
    dtype: 1,
    shape: { dims: [2], unknownRank: false },
    shardId: 0,
    offset: 0,
    size: 8,
    crc32c: mask(crc32c(new Uint8Array(8))),
    slices: [],
    ...over,
  };
}

/** A reader over an index with one entry `x` (plus extra rows) and 8 zero bytes of data. */
function withEntry(e: Partial<BundleEntry>, header: BundleHeader = defaultHeader(1)) {
  const index = encodeIndex(header, [{ key: te.encode('x'), entry: entry(e) }]);
  return () =>
    CheckpointReader.fromBytes(index, [new Uint8Array(8), new Uint8Array(8)], 'mem/ckpt');
}

describe('checkpoint errors: damaged copies of a two-shard checkpoint', () => {
  // 251 tensors alternately in two data shards, merged as a sharded save merges them (helpers.ts):
  // global_step (7) is the first tensor of shard 0, the Adam slot of layer 0's kernel the first of
  // shard 1, layer 9's conv1/bias the last of shard 1.
  const bundle = twoShardBundle(250);
  const FIRST_OF_SHARD_1 = 'training/transformer/body/layer_0/ffn/conv1/kernel/Adam';
  const LAST_OF_SHARD_1 = 'transformer/body/layer_9/ffn/conv1/bias';
  const BEFORE_LAST = 'transformer/body/layer_8/ffn/conv1/kernel';
  let dir: string;
  let prefix: string;
  const copy = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    fs.writeFileSync(indexFilename(prefix), bundle.index);
    bundle.shards.forEach((d, i) => fs.writeFileSync(dataFilename(prefix, i, 2), d));
    writeCheckpointState(dir, {
      modelCheckpointPath: 'model.ckpt-7',
      allModelCheckpointPaths: ['model.ckpt-7'],
    });
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-err-'));
    prefix = path.join(dir, 'model.ckpt-7');
  });
  beforeEach(copy);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const patch = (file: string, fn: (b: Buffer) => Buffer) =>
    fs.writeFileSync(file, fn(fs.readFileSync(file)));

  it('the undamaged copy reads: from the folder, every checksum verified', () => {
    const r = openCheckpoint(dir);
    assert.equal(r.prefix, prefix);
    assert.equal(r.list().length, 251);
    assert.deepEqual(r.verify(), []);
    assert.deepEqual(r.read('global_step').values, BigInt64Array.of(7n));
    assert.deepEqual(
      r.read(LAST_OF_SHARD_1).values,
      bundle.tensors.get(LAST_OF_SHARD_1)?.values as Float32Array,
    );
  });

  it('bad magic', () => {
    patch(`${prefix}.index`, (b) => {
      b[b.length - 8] = 0;
      return b;
    });
    throwsCheckpoint(
      () => openCheckpoint(prefix),
      'bad-magic',
      /bad magic 0xdb4775248b80fb00 .*not a TensorFlow checkpoint index/,
      `${prefix}.index`,
    );
  });

  it('a truncated footer, a truncated file', () => {
    patch(`${prefix}.index`, (b) => b.subarray(0, 40));
    throwsCheckpoint(
      () => openCheckpoint(prefix),
      'truncated',
      /40 bytes is too short for a table footer/,
      `${prefix}.index`,
    );
    copy();
    patch(`${prefix}.index`, (b) => b.subarray(0, b.length - 100));
    throwsCheckpoint(() => openCheckpoint(prefix), 'bad-magic', /or truncated/);
  });

  it('a block CRC mismatch', () => {
    patch(`${prefix}.index`, (b) => {
      b[500] ^= 0x01;
      return b;
    });
    throwsCheckpoint(
      () => openCheckpoint(prefix),
      'block-crc',
      /data block 0 at offset 0: block checksum mismatch \(stored masked CRC32C 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8}\)/,
      `${prefix}.index`,
    );
  });

  it('a missing data shard: listing works, reading names the missing file', () => {
    const shard1 = dataFilename(prefix, 1, 2);
    fs.rmSync(shard1);
    const r = openCheckpoint(prefix);
    assert.equal(r.list().length, 251);
    assert.deepEqual(r.read('global_step').values, BigInt64Array.of(7n)); // shard 0
    throwsCheckpoint(
      () => r.read(FIRST_OF_SHARD_1),
      'missing-shard',
      /data file is missing \(it holds tensor "training\/transformer\/body\/layer_0\/ffn\/conv1\/kernel\/Adam"\)/,
      shard1,
    );
  });

  it('an entry out of range of its (truncated) shard', () => {
    const shard1 = dataFilename(prefix, 1, 2);
    // The last tensor: 4 float32 values at [10528, 10544); cut the file inside it.
    patch(shard1, (b) => b.subarray(0, 10528 + 10));
    const r = openCheckpoint(prefix);
    assert.deepEqual(r.read(BEFORE_LAST).shape, [8, 4]);
    throwsCheckpoint(
      () => r.read(LAST_OF_SHARD_1),
      'out-of-range',
      /tensor "transformer\/body\/layer_9\/ffn\/conv1\/bias" at \[10528, 10544\) lies outside the 10538-byte data file/,
      shard1,
    );
  });

  it('a data checksum mismatch names the shard and the tensor; the others still read', () => {
    const shard1 = dataFilename(prefix, 1, 2);
    patch(shard1, (b) => {
      b[10400 + 10] ^= 0x80; // inside transformer/body/layer_8/ffn/conv1/kernel, at [10400, 10528)
      return b;
    });
    const r = openCheckpoint(prefix);
    throwsCheckpoint(
      () => r.read(BEFORE_LAST),
      'data-crc',
      /tensor "transformer\/body\/layer_8\/ffn\/conv1\/kernel": checksum mismatch \(stored CRC32C 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8} over the stored bytes\)/,
      shard1,
    );
    assert.deepEqual(
      r.verify().map((p) => p.name),
      [BEFORE_LAST],
    );
  });

  it('no checkpoint at the path', () => {
    throwsCheckpoint(
      () => openCheckpoint(path.join(dir, 'nope')),
      'no-checkpoint',
      /no checkpoint here \(looked for nope.index/,
    );
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    throwsCheckpoint(
      () => openCheckpoint(empty),
      'no-checkpoint',
      /no checkpoint in this folder/,
      empty,
    );
    fs.writeFileSync(path.join(dir, 'checkpoint'), 'model_checkpoint_path: "gone.ckpt-3"\n');
    throwsCheckpoint(
      () => openCheckpoint(dir),
      'no-checkpoint',
      /names "gone.ckpt-3", but .*gone.ckpt-3.index does not exist/,
      path.join(dir, 'checkpoint'),
    );
    const text = path.join(dir, 'notes.index');
    fs.writeFileSync(
      text,
      'these are not the bytes you are looking for, but there are more than 48 of them',
    );
    throwsCheckpoint(
      () => openCheckpoint(text),
      'bad-magic',
      /not a TensorFlow checkpoint index/,
      text,
    );
  });

  it('a state file with an absolute path from another machine falls back to the folder', () => {
    fs.writeFileSync(
      path.join(dir, 'checkpoint'),
      'model_checkpoint_path: "/train/run1/model.ckpt-7"\n',
    );
    assert.equal(openCheckpoint(dir).prefix, prefix);
  });
});

describe('checkpoint errors: indexes that are wrong in one way', () => {
  it('a varint longer than 10 bytes in an entry', () => {
    const index = buildTable([
      { key: new Uint8Array(0), value: fromHex('08 01 1a 02 08 01') },
      { key: te.encode('x'), value: fromHex('08 ff ff ff ff ff ff ff ff ff ff 01') },
    ]);
    throwsCheckpoint(
      () => CheckpointReader.fromBytes(index, [], 'mem/ckpt'),
      'bad-varint',
      /entry "x": a varint is longer than 64 bits/,
      'mem/ckpt.index',
    );
  });

  it('an unknown dtype, an invalid shape, a shard that does not exist', () => {
    throwsCheckpoint(
      withEntry({ dtype: 99 }),
      'unknown-dtype',
      /entry "x": unknown dtype 99/,
      'mem/ckpt.index',
    );
    throwsCheckpoint(withEntry({ dtype: 0 }), 'unknown-dtype', /unknown dtype 0/);
    throwsCheckpoint(
      withEntry({ shape: { dims: [-1], unknownRank: false } }),
      'bad-proto',
      /dimension size -1 is invalid/,
    );
    throwsCheckpoint(
      withEntry({ shape: { dims: [], unknownRank: true } }),
      'bad-proto',
      /unknown rank/,
    );
    throwsCheckpoint(
      withEntry({ shape: { dims: [2 ** 30, 2 ** 30], unknownRank: false } }),
      'bad-proto',
      /too many elements/,
    );
    throwsCheckpoint(
      withEntry({ shardId: 2 }, defaultHeader(2)),
      'out-of-range',
      /shard 2 is not one of the header's 2 shards/,
    );
  });

  it('a size that does not fit dtype and shape; sizes and offsets beyond the shard (nothing allocated)', () => {
    const r1 = withEntry({ size: 12 })();
    throwsCheckpoint(
      () => r1.read('x'),
      'out-of-range',
      /stored size 12 bytes does not match float32 \[2\] \(8 bytes\)/,
    );
    const r2 = withEntry({ shape: { dims: [2 ** 50], unknownRank: false }, size: 2 ** 52 })();
    throwsCheckpoint(
      () => r2.read('x'),
      'out-of-range',
      /lies outside the 8-byte data file/,
      'mem/ckpt.data-00000-of-00001',
    );
    const r3 = withEntry({ offset: 2 ** 53 - 1 })();
    throwsCheckpoint(() => r3.read('x'), 'out-of-range', /lies outside/);
    const r4 = withEntry({ dtype: 7, shape: { dims: [2 ** 40], unknownRank: false }, size: 8 })();
    throwsCheckpoint(
      () => r4.read('x'),
      'out-of-range',
      /1099511627776 strings cannot fit in 8 bytes/,
    );
    const r6 = withEntry({ dtype: 7, shape: { dims: [2 ** 40], unknownRank: false }, size: 0 })();
    throwsCheckpoint(
      () => r6.read('x'),
      'out-of-range',
      /1099511627776 strings cannot fit in 0 bytes/,
    );
    const r5 = withEntry({ dtype: 20 })();
    throwsCheckpoint(() => r5.read('x'), 'unsupported', /resource tensors hold C\+\+ objects/);
    throwsCheckpoint(() => r5.read('y'), 'not-found', /no tensor named "y"/, 'mem/ckpt');
  });

  it('a partitioned variable whose slices are missing or do not cover it (nothing allocated)', () => {
    const slices = [[{ start: 0, length: 1 }]];
    const big = withEntry({ shape: { dims: [2 ** 50], unknownRank: false }, slices })();
    assert.deepEqual(big.list(), [{ name: 'x', dtype: 'float32', shape: [2 ** 50] }]);
    throwsCheckpoint(
      () => big.read('x'),
      'not-found',
      /tensor "x": its slice \[0:1\] has no entry/,
    );
    // Slice entries that claim as many elements as the whole, with bytes that are not there.
    const whole = 2 ** 40;
    const sliced = {
      ...entry({ shape: { dims: [whole], unknownRank: false }, size: 0, crc32c: 0 }),
    };
    const a = [{ start: 0, length: whole - 1 }];
    const b = [{ start: whole - 1, length: 1 }];
    const index = encodeIndex(defaultHeader(1), [
      { key: te.encode('x'), entry: { ...sliced, slices: [a, b] } },
      {
        key: encodeSliceKey(te.encode('x'), a),
        entry: entry({ shape: { dims: [whole - 1], unknownRank: false }, size: 4 * (whole - 1) }),
      },
      {
        key: encodeSliceKey(te.encode('x'), b),
        entry: entry({ shape: { dims: [1], unknownRank: false }, size: 4 }),
      },
    ]);
    const claims = CheckpointReader.fromBytes(index, [new Uint8Array(8)], 'mem/ckpt');
    throwsCheckpoint(
      () => claims.read('x'),
      'out-of-range',
      /slice \[0:1099511627775\] at \[0, 4398046511100\) lies outside the 8-byte data file/,
    );
  });

  it('header problems: missing, no shards, unknown endianness, a newer format version', () => {
    const noHeader = buildTable([{ key: te.encode('x'), value: fromHex('08 01') }]);
    throwsCheckpoint(
      () => CheckpointReader.fromBytes(noHeader, [], 'm'),
      'bad-header',
      /the first entry is not the bundle header/,
    );
    const v = { producer: 1, minConsumer: 0, badConsumers: [] as number[] };
    throwsCheckpoint(
      withEntry({}, { numShards: 0, endianness: 0, version: v }),
      'bad-header',
      /0 data shards/,
    );
    throwsCheckpoint(
      withEntry({}, { numShards: 1, endianness: 2, version: v }),
      'bad-header',
      /endianness 2/,
    );
    throwsCheckpoint(
      withEntry({}, { numShards: 1, endianness: 0, version: { ...v, minConsumer: 2 } }),
      'bad-header',
      /requires consumer version 2/,
    );
    throwsCheckpoint(
      withEntry({}, { numShards: 1, endianness: 0, version: { ...v, badConsumers: [1] } }),
      'bad-header',
      /disallows consumer version 1/,
    );
  });

  it('a string tensor whose length checksum does not match', () => {
    const { index, data } = encodeCheckpoint([
      { name: 's', dtype: 'string', shape: [2], values: ['ab', 'c'] },
    ]);
    data[2] ^= 1; // the length checksum's first byte
    throwsCheckpoint(
      () => CheckpointReader.fromBytes(index, [data], 'm').read('s'),
      'data-crc',
      /tensor "s": string length checksum mismatch/,
      'm.data-00000-of-00001',
    );
  });
});
