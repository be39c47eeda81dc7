/**
 * The runtime's variables, global step, optimizers, moving averages and RNN cells against real
 * TensorFlow: every program in test/runtime/train-layers prints exactly its `.expected` file,
 * recorded with real TensorFlow by scripts/oracle/train/record.py (stdout only).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const dir = path.join(projectRoot(), 'test', 'runtime', 'train-layers');

describe('runtime: tf.Variable, tf.train optimizers and EMA, RNN cells (recorded from TF)', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  const programs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort();
  it('every program has its recorded output', () => {
    assert.ok(programs.length > 0, `no programs in ${dir}`);
    for (const f of programs)
      assert.ok(fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))), f);
  });
  it("running an optimizer's update changes the variable (Adam's first step is lr * sign(grad))", async () => {
    const code = [
      'import tensorflow as tf',
      "w = tf.get_variable('w', initializer=tf.constant([1.0, -2.0]))",
      'train = tf.train.AdamOptimizer(0.5).minimize(tf.reduce_sum(w * w))',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      "    print('initialized')",
      '    print(sess.run(train))',
      "    print(['%.4f' % x for x in sess.run(w)])",
    ].join('\n');
    let stdout = '';
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code, filename: path.join(dir, 'inline.py'), cwd: dir },
      { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
    );
    assert.equal(stdout, "initialized\nNone\n['0.5000', '-1.5000']\n", stderr);
    assert.equal(result.exitCode, 0, stderr);
  });

  it("TF 1.15's messages where TF 2.x reworded them (rnn.py, moving_averages.py)", async () => {
    const code = [
      'import tensorflow as tf',
      'def show(fn):',
      '    try:',
      '        fn()',
      '    except ValueError as e:',
      '        print(str(e))',
      'x = tf.placeholder(tf.float32, [2, 3, 4])',
      'cell = tf.nn.rnn_cell.BasicRNNCell(2)',
      'show(lambda: tf.nn.dynamic_rnn(cell, x))',
      'show(lambda: tf.nn.dynamic_rnn(cell, tf.placeholder(tf.float32, [2, 3, None]),',
      "                               dtype=tf.float32, scope='d'))",
      'show(lambda: tf.nn.dynamic_rnn(cell, x, sequence_length=[[1]], dtype=tf.float32))',
      "show(lambda: tf.nn.dynamic_rnn(cell, tf.placeholder(tf.float32, [4], name='v')))",
      'steps = [tf.placeholder(tf.float32, [2, 4])] * 2',
      'show(lambda: tf.nn.static_rnn(cell, steps))',
      'show(lambda: tf.nn.static_rnn(cell, [tf.placeholder(tf.float32, [2, None])]))',
      "w = tf.get_variable('w', [2])",
      'ema = tf.train.ExponentialMovingAverage(0.9)',
      'ema.apply([w])',
      'show(lambda: ema.apply([w]))',
      'print([v.name for v in tf.global_variables()])',
    ].join('\n');
    let stdout = '';
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code, filename: path.join(dir, 'inline.py'), cwd: dir },
      { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
    );
    assert.equal(
      stdout,
      [
        'If there is no initial_state, you must give a dtype.',
        'Input size (depth of inputs) must be accessible via shape inference, but saw value None.',
        'sequence_length must be a vector of length batch_size, but saw shape: (1, 1)',
        'Expected input tensor Tensor("v:0", shape=(4,), dtype=float32) to have rank at least 2',
        'If no initial_state is provided, dtype must be specified',
        'Input size (dimension 0 of inputs) must be accessible via shape inference, but saw value None.',
        'Moving average already computed for: w:0',
        "['w:0', 'w/ExponentialMovingAverage:0']",
        '',
      ].join('\n'),
      stderr,
    );
    assert.equal(result.exitCode, 0, stderr);
  });

  for (const file of programs) {
    it(file.replace(/\.py$/, ''), async () => {
      const filename = path.join(dir, file);
      let stdout = '';
      let stderr = '';
      const result = await runner.run(
        { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd: dir },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      const expected = fs.readFileSync(filename.replace(/\.py$/, '.expected'), 'utf8');
      assert.equal(stdout, expected, `stderr:\n${stderr}`);
      assert.equal(result.exitCode, 0, stderr);
    });
  }
});
