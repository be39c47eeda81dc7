/**
 * Checkpoints in the Python runtime (`tf.train.Saver`, the readers, the state file) through the
 * real runner: each program of test/runtime/checkpoints runs in a fresh temporary working
 * directory and prints exactly its `.expected` file, TF 1.15's output (bundled_checkpoints reads
 * the bundled example and a two-shard checkpoint the test writes; test/shared has the program
 * that reads TF's own checkpoints). The files a program saved are then read back with
 * src/checkpoint: listed as TF lists them and byte-identical to what TF's BundleWriter writes
 * for the same tensors.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeCheckpoint } from '../../src/checkpoint';
import type { SliceInput, TensorInput } from '../../src/checkpoint/bundle';
import { dataFilename, indexFilename } from '../../src/checkpoint/naming';
import { openCheckpoint, writeCheckpointState } from '../../src/checkpoint/node';
import { Runner } from '../../src/runtime/runner';
import { EXAMPLE_TRAIN_DIR, twoShardBundle } from '../checkpoint/helpers';
import { projectRoot } from '../support';

const root = projectRoot();
const DIR = path.join(root, 'test', 'runtime', 'checkpoints');
const cli = path.join(root, 'bin', 'scope-lens.js');

/**
 * What a program finds in its working directory before it runs: bundled_checkpoints reads the
 * bundled example (linked as ./example) and a two-shard checkpoint written here (./sharded).
 */
const SETUP: Record<string, (cwd: string) => void> = {
  bundled_checkpoints(cwd) {
    fs.symlinkSync(EXAMPLE_TRAIN_DIR, path.join(cwd, 'example'));
    const prefix = path.join(cwd, 'sharded', 'model.ckpt-7');
    fs.mkdirSync(path.dirname(prefix));
    const bundle = twoShardBundle(250);
    fs.writeFileSync(indexFilename(prefix), bundle.index);
    bundle.shards.forEach((d, i) => fs.writeFileSync(dataFilename(prefix, i, 2), d));
    writeCheckpointState(path.dirname(prefix), {
      modelCheckpointPath: 'model.ckpt-7',
      allModelCheckpointPaths: ['model.ckpt-7'],
    });
  },
};

/** Checks of the files a program leaves in its working directory. */
const FILE_CHECKS: Record<string, (cwd: string) => void> = {
  save_restore(cwd) {
    const prefix = path.join(cwd, 'ckpts', 'model.ckpt-1000');
    const reader = openCheckpoint(path.join(cwd, 'ckpts'));
    assert.equal(reader.prefix, prefix);
    // Listed as tf.train.list_variables lists it: keys without :0, base dtypes, the partitioned
    // variable once with its full shape.
    assert.deepEqual(reader.list(), [
      { name: 'counter', dtype: 'int32', shape: [] },
      { name: 'double', dtype: 'float64', shape: [2] },
      { name: 'emb', dtype: 'float32', shape: [6, 2] },
      { name: 'flag', dtype: 'bool', shape: [2] },
      { name: 'global_step', dtype: 'int64', shape: [] },
      { name: 'ints', dtype: 'int32', shape: [3] },
      { name: 'layer1/biases', dtype: 'float32', shape: [3] },
      { name: 'layer1/weights', dtype: 'float32', shape: [2, 3] },
    ]);
    assert.deepEqual(reader.verify(), []);
    assert.equal(reader.entry('emb')?.entry.slices.length, 2);
    // The same bytes TF's BundleWriter writes for these tensors (src/checkpoint reproduces it
    // byte for byte): SaveV2 adds them in key order, the two parts of emb as slices.
    const slice = (k: number): SliceInput => ({
      name: 'emb',
      dtype: 'float32',
      shape: [3, 2],
      fullShape: [6, 2],
      extents: [
        { start: 3 * k, length: 3 },
        { start: 0, length: 2 },
      ],
      values: new Float32Array([0, 1, 2, 3, 4, 5].map((x) => x + 10 * k)),
    });
    const tensors: Array<TensorInput | SliceInput> = [
      { name: 'counter', dtype: 'int32', shape: [], values: [42] },
      { name: 'double', dtype: 'float64', shape: [2], values: [0.5, 0.5] },
      slice(0),
      slice(1),
      { name: 'flag', dtype: 'bool', shape: [2], values: [true, true] },
      { name: 'global_step', dtype: 'int64', shape: [], values: [1000n] },
      { name: 'ints', dtype: 'int32', shape: [3], values: [-7, -7, -7] },
      { name: 'layer1/biases', dtype: 'float32', shape: [3], values: [0.25, 0.25, 0.25] },
      { name: 'layer1/weights', dtype: 'float32', shape: [2, 3], values: [1, 2, 3, 4, 5, 6] },
    ];
    const expected = encodeCheckpoint(tensors);
    assert.deepEqual(fs.readFileSync(indexFilename(prefix)), Buffer.from(expected.index));
    assert.deepEqual(fs.readFileSync(dataFilename(prefix, 0, 1)), Buffer.from(expected.data));
    // `scope-lens ckpt` lists it too.
    const r = spawnSync('node', [cli, 'ckpt', path.join(cwd, 'ckpts')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout.split('\n')[2], /^emb {13}float32 {2}\[6, 2\]$/);
  },

  max_to_keep(cwd) {
    // The last save re-used the name model-4 (from a session that had just initialized the
    // global step): it is the newest.
    const reader = openCheckpoint(path.join(cwd, 'run'));
    assert.equal(reader.prefix, path.join(cwd, 'run', 'model-4'));
    assert.deepEqual(
      reader.list().map((v) => [v.name, v.dtype]),
      [
        ['global_step', 'int64'],
        ['v', 'float32'],
      ],
    );
    assert.deepEqual(Array.from(reader.read('global_step').values as BigInt64Array), [0n]);
    const model5 = openCheckpoint(path.join(cwd, 'run', 'model-5'));
    assert.deepEqual(Array.from(model5.read('global_step').values as BigInt64Array), [5n]);
  },

  latest_checkpoint(cwd) {
    // A custom state file name: `scope-lens ckpt` finds the checkpoint by its .index instead.
    assert.equal(openCheckpoint(path.join(cwd, 'c')).prefix, path.join(cwd, 'c', 'model'));
  },
};

describe('runtime: checkpoints (tf.train.Saver, readers, state files) as TF 1.15', function () {
  this.timeout(120_000);
  const runner = new Runner();
  const made: string[] = [];
  after(() => {
    runner.dispose();
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  const programs = fs
    .readdirSync(DIR)
    .filter(
      (f) => f.endsWith('.py') && fs.existsSync(path.join(DIR, f.replace(/\.py$/, '.expected'))),
    )
    .sort();
  it('has programs, and a check of the files of the ones that save', () => {
    assert.ok(programs.length >= 6, programs.join(', '));
    for (const name of Object.keys(FILE_CHECKS)) assert.ok(programs.includes(`${name}.py`), name);
  });

  for (const file of programs) {
    const name = file.replace(/\.py$/, '');
    it(name, async () => {
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-'));
      made.push(cwd);
      SETUP[name]?.(cwd);
      const filename = path.join(DIR, file);
      let stdout = '';
      let stderr = '';
      const result = await runner.run(
        { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      const expected = fs.readFileSync(path.join(DIR, `${name}.expected`), 'utf8');
      assert.equal(stdout, expected, `stderr:\n${stderr}`);
      assert.equal(result.exitCode, 0, stderr);
      // Nothing is written next to the program: paths are relative to its working directory.
      assert.deepEqual(
        fs.readdirSync(DIR).filter((f) => !/\.(py|expected)$/.test(f)),
        [],
      );
      FILE_CHECKS[name]?.(cwd);
    });
  }
});
