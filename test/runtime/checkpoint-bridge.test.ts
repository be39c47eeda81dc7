/**
 * The checkpoint half of the `scope_lens_engine` bridge (src/runtime/checkpoint-bridge.ts)
 * without Pyodide: what each failure is called (the Python side turns the code into TF's
 * exception), values between tfjs variables and files with their TF dtypes, slices of
 * partitioned variables, the state file, deleting checkpoints, paths mapped to the host.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '../../src/engine/backend';
import { DISK, openCheckpoint } from '../../src/checkpoint/node';
import { CheckpointBridgeError, createCheckpointBridge } from '../../src/runtime/checkpoint-bridge';
import { EXAMPLE, EXAMPLE_TRAIN_DIR } from '../checkpoint/helpers';

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof CheckpointBridgeError, String(e));
    return e.code;
  }
  return 'no error';
}

describe('runtime: the checkpoint bridge', () => {
  let dir: string;
  const ck = createCheckpointBridge(DISK);
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-bridge-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names what is at a path that is not a V2 checkpoint', () => {
    fs.writeFileSync(path.join(dir, 'short'), 'abc');
    fs.writeFileSync(path.join(dir, 'long'), Buffer.alloc(100, 1));
    assert.equal(
      code(() => ck.open(path.join(dir, 'nothing'))),
      'no-match',
    );
    assert.equal(
      code(() => ck.open(dir)),
      'is-directory',
    );
    assert.equal(
      code(() => ck.open(path.join(dir, 'short'))),
      'too-short',
    );
    assert.equal(
      code(() => ck.open(path.join(dir, 'long'))),
      'bad-magic',
    );
    assert.equal(
      code(() => ck.open(`${EXAMPLE}.data-00000-of-00001`)),
      'bad-magic',
    );
    // A LevelDB table that is no V2 index is taken for a V1 checkpoint.
    fs.copyFileSync(`${EXAMPLE}.index`, path.join(dir, 'v1'));
    assert.equal(
      code(() => ck.open(path.join(dir, 'v1'))),
      'v1-checkpoint',
    );
    assert.equal(ck.exists(EXAMPLE), true);
    assert.equal(ck.exists(path.join(dir, 'long')), true); // V1: the file itself
    assert.equal(ck.exists(path.join(dir, 'nothing')), false);
  });

  it('reads a checkpoint: listing, lookups, values, debug string', () => {
    const h = ck.open(EXAMPLE);
    assert.equal(h.list().length, 7);
    assert.deepEqual(h.info('global_step'), { dtype: 'int64', shape: [] });
    assert.equal(h.info('nope'), null);
    assert.equal(h.has('softmax_linear/biases'), true);
    assert.deepEqual(Array.from(h.read('global_step').values as BigInt64Array), [1n]);
    assert.equal(
      code(() => h.read('nope')),
      'not-found',
    );
    const lines = new TextDecoder().decode(h.debugString()).split('\n');
    assert.equal(lines[1], 'encoder/hidden1/weights (DT_FLOAT) [16,12]');
    assert.equal(lines[4], 'global_step (DT_INT64) []');
    assert.equal(lines.length, 8);
  });

  it('saves tfjs values with their TF dtypes and restores them into variables', () => {
    const prefix = path.join(dir, 'model');
    const f = tf.tensor([1.5, -2], [2], 'float32');
    const step = tf.scalar(7, 'int32');
    const flags = tf.tensor([1, 0], [2], 'bool');
    const part0 = tf.tensor([0, 1, 2, 3], [2, 2], 'float32');
    const part1 = tf.tensor([4, 5], [1, 2], 'float32');
    ck.save(prefix, [
      { key: 'f64', dtype: 'float64', shape: [2], value: f },
      { key: 'step', dtype: 'int64', shape: [], value: step },
      { key: 'flags', dtype: 'bool', shape: [2], value: flags },
      {
        key: 'p',
        dtype: 'float32',
        shape: [2, 2],
        value: part0,
        fullShape: [3, 2],
        offset: [0, 0],
      },
      {
        key: 'p',
        dtype: 'float32',
        shape: [1, 2],
        value: part1,
        fullShape: [3, 2],
        offset: [2, 0],
      },
    ]);
    const listed = openCheckpoint(prefix).list();
    assert.deepEqual(listed, [
      { name: 'f64', dtype: 'float64', shape: [2] },
      { name: 'flags', dtype: 'bool', shape: [2] },
      { name: 'p', dtype: 'float32', shape: [3, 2] },
      { name: 'step', dtype: 'int64', shape: [] },
    ]);
    const h = ck.open(prefix);
    assert.deepEqual(Array.from(h.read('f64').values as Float64Array), [1.5, -2]);
    const v = tf.variable(tf.zeros([2]), true, 'bridge-test-v', 'float32');
    const n = tf.variable(tf.scalar(0, 'int32'), true, 'bridge-test-n', 'int32');
    const b = tf.variable(tf.tensor([0, 0], [2], 'bool'), true, 'bridge-test-b', 'bool');
    const pa = tf.variable(tf.zeros([1, 2]), true, 'bridge-test-pa', 'float32');
    const pb = tf.variable(tf.zeros([2, 2]), true, 'bridge-test-pb', 'float32');
    try {
      h.assign('f64', v, [2]);
      h.assign('step', n, []);
      h.assign('flags', b, [2]);
      h.assignParts('p', [
        { variable: pa, begin: [0, 0], size: [1, 2] },
        { variable: pb, begin: [1, 0], size: [2, 2] },
      ]);
      assert.deepEqual(Array.from(v.dataSync()), [1.5, -2]);
      assert.deepEqual(Array.from(n.dataSync()), [7]);
      assert.deepEqual(Array.from(b.dataSync()), [1, 0]);
      assert.deepEqual(Array.from(pa.dataSync()), [0, 1]);
      assert.deepEqual(Array.from(pb.dataSync()), [2, 3, 4, 5]);
    } finally {
      for (const t of [f, step, flags, part0, part1, v, n, b, pa, pb]) t.dispose();
    }
  });

  it("creates the prefix's folder when its parent exists, as BundleWriter does", () => {
    const value = tf.scalar(1);
    try {
      ck.save(path.join(dir, 'new', 'm'), [{ key: 'x', dtype: 'float32', shape: [], value }]);
      assert.ok(fs.existsSync(path.join(dir, 'new', 'm.index')));
      assert.equal(
        code(() =>
          ck.save(path.join(dir, 'a', 'b', 'm'), [
            { key: 'x', dtype: 'float32', shape: [], value },
          ]),
        ),
        'no-parent',
      );
    } finally {
      value.dispose();
    }
  });

  it('state files: read, written atomically, unparsable ones reported; removing checkpoints', () => {
    assert.equal(ck.readState(dir, 'checkpoint'), null);
    ck.writeState(dir, 'checkpoint', 'm-2', ['m-1', 'm-2']);
    assert.equal(
      fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8'),
      'model_checkpoint_path: "m-2"\nall_model_checkpoint_paths: "m-1"\nall_model_checkpoint_paths: "m-2"\n',
    );
    assert.deepEqual(ck.readState(dir, 'checkpoint'), { model: 'm-2', all: ['m-1', 'm-2'] });
    fs.writeFileSync(path.join(dir, 'bad'), 'model_checkpoint_path: "unterminated\n');
    assert.ok('error' in (ck.readState(dir, 'bad') as object));
    for (const f of ['m-1.index', 'm-1.data-00000-of-00002', 'm-1.data-00001-of-00002', 'm-1.meta'])
      fs.writeFileSync(path.join(dir, f), '');
    fs.writeFileSync(path.join(dir, 'm-10.index'), '');
    assert.equal(typeof ck.mtime(path.join(dir, 'm-1')), 'number');
    ck.remove(path.join(dir, 'm-1'), path.join(dir, 'm-1.meta'));
    assert.deepEqual(fs.readdirSync(dir).sort(), ['bad', 'checkpoint', 'm-10.index']);
    assert.equal(ck.mtime(path.join(dir, 'm-1')), null);
  });

  it('paths go through hostPath', () => {
    const seen: string[] = [];
    const mapped = createCheckpointBridge(DISK, (p) => {
      seen.push(p);
      return p.replace(/^\/inside/, EXAMPLE_TRAIN_DIR);
    });
    assert.equal(mapped.exists('/inside/model.ckpt-1'), true);
    assert.equal(mapped.isDirectory('/inside'), true);
    assert.deepEqual(seen, ['/inside/model.ckpt-1', '/inside']);
  });
});
