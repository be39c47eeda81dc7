/**
 * The real t2t-transformer checkpoint of the reference material, damaged on purpose: each way
 * gives a `CheckpointError` with its code, naming the file and saying what is wrong.
 * test/checkpoint/errors.test.ts damages a two-shard checkpoint it writes itself the same ways.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataFilename } from '../../src/checkpoint/naming';
import { openCheckpoint } from '../../src/checkpoint/node';
import { throwsCheckpoint } from '../checkpoint/helpers';
import { T2T, T2T_DIR } from './checkpoint-helpers';

describe('checkpoint errors: damaged copies of a real checkpoint', () => {
  let dir: string;
  let prefix: string;
  const copy = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir);
    for (const f of fs.readdirSync(T2T_DIR))
      fs.copyFileSync(path.join(T2T_DIR, f), path.join(dir, f));
    for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-err-'));
    prefix = path.join(dir, path.basename(T2T));
  });
  beforeEach(copy);
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const patch = (file: string, fn: (b: Buffer) => Buffer) =>
    fs.writeFileSync(file, fn(fs.readFileSync(file)));

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
    assert.equal(r.list().length, 250);
    assert.deepEqual(r.read('global_step').values, BigInt64Array.of(1n)); // shard 0
    throwsCheckpoint(
      () => r.read('training/beta1_power'),
      'missing-shard',
      /data file is missing \(it holds tensor "training\/beta1_power"\)/,
      shard1,
    );
  });

  it('an entry out of range of its (truncated) shard', () => {
    const shard1 = dataFilename(prefix, 1, 2);
    patch(shard1, (b) => b.subarray(0, 1637640 + 100));
    const r = openCheckpoint(prefix);
    assert.equal(r.read('transformer/symbol_modality_8190_16/shared/weights_8').shape.length, 2);
    throwsCheckpoint(
      () => r.read('transformer/symbol_modality_8190_16/shared/weights_9'),
      'out-of-range',
      /tensor "transformer\/symbol_modality_8190_16\/shared\/weights_9" at \[1637640, 1670408\) lies outside the 1637740-byte data file/,
      shard1,
    );
  });

  it('a data checksum mismatch names the shard and the tensor; the others still read', () => {
    const shard1 = dataFilename(prefix, 1, 2);
    patch(shard1, (b) => {
      b[1144200 + 10] ^= 0x80; // inside transformer/body/target_space_embedding/kernel
      return b;
    });
    const r = openCheckpoint(prefix);
    throwsCheckpoint(
      () => r.read('transformer/body/target_space_embedding/kernel'),
      'data-crc',
      /tensor "transformer\/body\/target_space_embedding\/kernel": checksum mismatch \(stored CRC32C 0x[0-9a-f]{8}, computed 0x[0-9a-f]{8} over the stored bytes\)/,
      shard1,
    );
    const problems = r.verify();
    assert.deepEqual(
      problems.map((p) => p.name),
      ['transformer/body/target_space_embedding/kernel'],
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
      'model_checkpoint_path: "/train/run1/model.ckpt-1"\n',
    );
    assert.equal(openCheckpoint(dir).prefix, prefix);
  });
});
