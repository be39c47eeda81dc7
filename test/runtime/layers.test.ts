/**
 * The layer libraries in the runtime (`tf.layers`, `tf.contrib.layers` / `tf.contrib.slim`,
 * `tf.contrib.framework`, written once in src/runtime/python/tensorflow/_lib):
 *
 * - test/runtime/layers/*.py print exactly their `.expected` files, which were recorded from
 *   real TensorFlow by scripts/oracle/layers/run.py (TF 1.15's layer code on TF's graph mode);
 *   a program marked `# oracle: skip` pins TF 1.15 messages later Keras reworded, written from
 *   TF 1.15's source. `keras_*.py` are `tf.keras.layers` programs (the oracle runs tf-keras's V1
 *   graph-mode layers); where TF 1.15's Keras differs from tf-keras, `keras_tf115.py` pins 1.15:
 *   `regularizers.l2` is 1.15's `L1L2`, whose loss `0. + l2 * sum(square(x))` is an `add` op
 *   (tf-keras: `mul`), and 1.15's `LayerNormalization` normalizes with `moments` and
 *   `nn.batch_normalization` (`batchnorm/add_1`; tf-keras: `add`).
 * - Ops without a kernel build the graph with TF's static shape and raise NotImplementedError
 *   naming the op when run.
 * - The EXPORTS table, which both the runtime and the analyzer read, is one dict literal whose
 *   every entry resolves to a definition in `_lib`.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();
const dir = path.join(root, 'test', 'runtime', 'layers');
const lib = path.join(root, 'src', 'runtime', 'python', 'tensorflow', '_lib');

async function run(runner: Runner, code: string, filename: string) {
  let stdout = '';
  let stderr = '';
  const result = await runner.run(
    { language: 'python', code, filename, cwd: path.dirname(filename) },
    { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
  );
  return { stdout, stderr, exitCode: result.exitCode };
}

describe('runtime: layer libraries (_lib)', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  describe('programs print what TensorFlow prints', () => {
    const programs = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .sort();
    it('has programs, each with its expectation', () => {
      assert.ok(programs.length >= 8);
      for (const f of programs)
        assert.ok(fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))), f);
    });
    for (const file of programs) {
      it(file.replace(/\.py$/, ''), async () => {
        const filename = path.join(dir, file);
        const out = await run(runner, fs.readFileSync(filename, 'utf8'), filename);
        const expected = fs.readFileSync(filename.replace(/\.py$/, '.expected'), 'utf8');
        assert.equal(out.stdout, expected, `stderr:\n${out.stderr}`);
        assert.equal(out.exitCode, 0, out.stderr);
      });
    }
  });

  it('an op with no kernel has TF static shape and raises NotImplementedError naming it', async () => {
    const code = [
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [1, 1, 5, 5, 5])',
      "y = tf.layers.conv3d(x, 2, 2, data_format='channels_first')",
      'print(y.shape)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    try:',
      '        sess.run(y, {x: [[[[[1.0] * 5] * 5] * 5]]})',
      '    except NotImplementedError as e:',
      '        print("NotImplementedError", "Conv3D" in str(e))',
    ].join('\n');
    const out = await run(runner, code, path.join(dir, 'inline.py'));
    assert.equal(out.stdout, '(1, 2, 4, 4, 4)\nNotImplementedError True\n', out.stderr);
  });

  it('a second run starts from fresh per-graph state (layer names, arg scopes)', async () => {
    const code = [
      'import tensorflow as tf',
      'slim = tf.contrib.slim',
      'x = tf.placeholder(tf.float32, [None, 2])',
      'print(tf.layers.Dense(1).name)',
      'print(slim.fully_connected(x, 1).op.name)',
    ].join('\n');
    const first = await run(runner, code, path.join(dir, 'inline.py'));
    const second = await run(runner, code, path.join(dir, 'inline.py'));
    assert.equal(first.stdout, 'dense_1\nfully_connected/Relu\n', first.stderr);
    assert.equal(second.stdout, first.stdout, second.stderr);
  });

  it('EXPORTS is one dict literal of tf names to module:attribute definitions in _lib', () => {
    const text = fs.readFileSync(path.join(lib, 'exports.py'), 'utf8');
    const body = text.slice(text.indexOf('EXPORTS = {'));
    const entries = [...body.matchAll(/^\s+"([\w.]+)": "(\w+):(\w+)",$/gm)];
    assert.equal(body.trim().split('\n').length, entries.length + 2, 'only entries in the dict');
    assert.ok(entries.length > 50);
    for (const [, name, mod, attr] of entries) {
      const src = fs.readFileSync(path.join(lib, `${mod}.py`), 'utf8');
      const defined = new RegExp(`^(class ${attr}\\b|def ${attr}\\(|${attr} = )`, 'm');
      assert.ok(defined.test(src), `${name} → ${mod}:${attr} is not defined in ${mod}.py`);
    }
  });
});
