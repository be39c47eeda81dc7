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
  it('an optimizer builds its graph, but running an update raises NotImplementedError', async () => {
    const code = [
      'import tensorflow as tf',
      "w = tf.get_variable('w', [2])",
      'train = tf.train.AdamOptimizer().minimize(tf.reduce_sum(w * w))',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      "    print('initialized')",
      '    try:',
      '        sess.run(train)',
      '    except NotImplementedError as e:',
      "        print(type(e).__name__, 'gradients' in str(e))",
      '    print(sess.run(w).shape)',
    ].join('\n');
    let stdout = '';
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code, filename: path.join(dir, 'inline.py'), cwd: dir },
      { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
    );
    assert.equal(stdout, 'initialized\nNotImplementedError True\n(2,)\n', stderr);
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
