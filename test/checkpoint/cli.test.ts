/**
 * `scope-lens ckpt` through the built command (bin/scope-lens.js → dist/cli.js) on checkpoints in
 * the repository: the bundled example (examples/checkpoint/train_dir, one data shard) and a
 * two-shard checkpoint the test writes with src/checkpoint. test/shared/checkpoint-cli.test.ts
 * runs the same command on the real checkpoints of the reference material.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dataFilename, indexFilename } from '../../src/checkpoint/naming';
import { projectRoot } from '../support';
import { EXAMPLE, EXAMPLE_LISTING, EXAMPLE_TRAIN_DIR, twoShardBundle } from './helpers';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');

function run(...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const rel = (p: string) => path.relative(root, p);

describe('cli: scope-lens ckpt', () => {
  let dir: string;
  /** The two-shard checkpoint: `dir/sharded/model.ckpt-7`. */
  let sharded: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-cli-'));
    sharded = path.join(dir, 'sharded', 'model.ckpt-7');
    fs.mkdirSync(path.dirname(sharded));
    const b = twoShardBundle(250);
    fs.writeFileSync(indexFilename(sharded), b.index);
    b.shards.forEach((s, i) => fs.writeFileSync(dataFilename(sharded, i, 2), s));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('lists the bundled checkpoint in aligned columns: name, dtype, shape; then a summary', () => {
    const r = run('ckpt', rel(EXAMPLE_TRAIN_DIR));
    assert.equal(r.code, 0, r.err);
    assert.equal(r.err, '');
    assert.equal(
      r.out,
      [
        'encoder/hidden1/biases   float32  [12]',
        'encoder/hidden1/weights  float32  [16, 12]',
        'encoder/hidden2/biases   float32  [8]',
        'encoder/hidden2/weights  float32  [12, 8]',
        'global_step              int64    []', // int64 padded to float32's width
        'softmax_linear/biases    float32  [4]',
        'softmax_linear/weights   float32  [8, 4]',
        '7 variables in examples/checkpoint/train_dir/model.ckpt-1 (1 data shard)',
        '',
      ].join('\n'),
    );
  });

  it('a two-shard checkpoint: every entry listed in key order, columns aligned', () => {
    const r = run('ckpt', sharded);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    assert.equal(lines.length, 251 + 1);
    assert.equal(lines.at(-1), `251 variables in ${sharded} (2 data shards)`);
    const names = lines.slice(0, -1).map((l) => l.split(' ')[0]);
    const bytes = names.map((n) => Buffer.from(n));
    for (let i = 1; i < bytes.length; i++)
      assert.ok(Buffer.compare(bytes[i - 1], bytes[i]) < 0, `${names[i - 1]} < ${names[i]}`);
    // The dtype column starts two spaces after the longest name; the shape column is aligned too.
    const dtypeColumn = Math.max(...names.map((n) => n.length)) + 2;
    const shapeColumn = lines[0].indexOf('[');
    for (const line of lines.slice(0, -1)) {
      const m = /^(\S+ +)(float32|int64) +\[/.exec(line);
      assert.ok(m, line);
      assert.equal(m[1].length, dtypeColumn, line);
      assert.equal(line.indexOf('['), shapeColumn, line);
    }
    assert.ok(lines.includes(`global_step${' '.repeat(dtypeColumn - 11)}int64    []`));
  });

  it('--json --verify: the documented form, from the folder, the prefix or the .index', () => {
    for (const arg of [EXAMPLE_TRAIN_DIR, EXAMPLE, indexFilename(EXAMPLE)]) {
      const r = run('ckpt', '--json', '--verify', rel(arg));
      assert.equal(r.code, 0, r.err);
      const doc = JSON.parse(r.out);
      assert.deepEqual(Object.keys(doc), [
        'schemaVersion',
        'prefix',
        'numShards',
        'variables',
        'problems',
      ]);
      assert.equal(doc.schemaVersion, 1);
      assert.equal(doc.prefix, 'examples/checkpoint/train_dir/model.ckpt-1');
      assert.equal(doc.numShards, 1);
      assert.deepEqual(doc.variables, EXAMPLE_LISTING);
      assert.deepEqual(doc.problems, []);
    }
    const plain = JSON.parse(run('ckpt', '--json', rel(EXAMPLE)).out);
    assert.deepEqual(Object.keys(plain), ['schemaVersion', 'prefix', 'numShards', 'variables']);
  });

  it('--verify: every checksum checked; a damaged tensor exits 1 and is named', () => {
    const ok = run('ckpt', '--verify', path.dirname(sharded));
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /verified: every tensor's checksum matches\n$/);

    const copy = path.join(dir, 'damaged');
    fs.cpSync(EXAMPLE_TRAIN_DIR, copy, { recursive: true });
    const shard = dataFilename(path.join(copy, 'model.ckpt-1'), 0, 1);
    fs.chmodSync(shard, 0o644);
    const bytes = fs.readFileSync(shard);
    bytes[0] ^= 0xff; // the first tensor in the data file: encoder/hidden1/biases
    fs.writeFileSync(shard, bytes);
    const bad = run('ckpt', '--verify', copy);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /encoder\/hidden1\/biases": checksum mismatch/);
    assert.match(bad.out, /1 damaged tensor\n$/);
    const json = JSON.parse(run('ckpt', '--verify', '--json', copy).out);
    assert.deepEqual(
      json.problems.map((p: { name: string; code: string }) => [p.name, p.code]),
      [['encoder/hidden1/biases', 'data-crc']],
    );
    // Without --verify the listing does not read tensors: it still succeeds.
    assert.equal(run('ckpt', copy).code, 0);
  });

  it('bad input exits 2 with a clear message', () => {
    const missing = run('ckpt', path.join(rel(EXAMPLE_TRAIN_DIR), 'model.ckpt-9'));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^scope-lens ckpt: .*model\.ckpt-9: no checkpoint here/);
    const notIndex = run('ckpt', path.join(root, 'package.json'));
    assert.equal(notIndex.code, 2);
    assert.match(notIndex.err, /no checkpoint here/);
    const fake = path.join(dir, 'x.index');
    fs.writeFileSync(fake, 'x'.repeat(100));
    const r = run('ckpt', fake);
    assert.equal(r.code, 2);
    assert.match(r.err, /x\.index: bad magic .*not a TensorFlow checkpoint index/);
    assert.equal(run('ckpt').code, 2);
    assert.match(run('ckpt').err, /give a checkpoint/);
    assert.equal(run('ckpt', '--frob', EXAMPLE).code, 2);
    assert.equal(run('ckpt', EXAMPLE, sharded).code, 2);
  });

  it("the library entry require('scope-lens') reads and writes checkpoints too", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(require.resolve('scope-lens'));
    assert.deepEqual(lib.openCheckpoint(EXAMPLE_TRAIN_DIR).list(), EXAMPLE_LISTING);
    assert.equal(lib.openCheckpoint(sharded).list().length, 251);
    for (const name of [
      'CheckpointReader',
      'CheckpointError',
      'writeCheckpoint',
      'encodeCheckpoint',
    ]) {
      assert.equal(typeof lib[name], 'function', name);
    }
  });

  it('--help for the command and in the overall help', () => {
    const r = run('ckpt', '--help');
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: scope-lens ckpt \[--json\] \[--verify\] PATH/);
    assert.match(run('--help').out, /scope-lens ckpt \[--json\] \[--verify\] PATH/);
  });
});
