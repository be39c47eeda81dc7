/**
 * Training for real: `tf.gradients` (TensorFlow.js's autodiff) and the optimizers' updates (TF's
 * training_ops kernels) against real TensorFlow. Each program of test/runtime/training, and the
 * examples that train (examples/python/train_*.py), prints what its `.expected` file holds,
 * recorded with real TensorFlow by scripts/oracle/train/record.py (programs that use `tf.layers`
 * by scripts/oracle/layers/run.py).
 *
 * The text must be equal once numbers are taken out, and each number must be within
 * `ATOL + RTOL * |expected|`. Why not byte for byte: both sides compute in float32 and round
 * every operation, but tfjs's CPU kernels and Eigen sum reductions and matrix products in
 * different orders and approximate tanh, sigmoid and exp differently, so a value may differ in
 * its last bits (float32's unit roundoff is 6e-8). RTOL = 1e-5 allows about 80 units in the last
 * place after several training steps; ATOL = 1e-6 covers values that cancel to nearly zero (the
 * difference of two numbers of order 1, each a unit off). Measured: the largest difference is an
 * eighth of this allowance. A wrong formula (a missing bias correction, a slot updated in the
 * wrong order, a gradient off by a factor) is off by far more.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const RTOL = 1e-5;
const ATOL = 1e-6;
const NUMBER = /-?\d+(?:\.\d*)?(?:e[-+]?\d+)?/g;

const dir = path.join(projectRoot(), 'test', 'runtime', 'training');
const examplesDir = path.join(projectRoot(), 'examples', 'python');
const example = path.join(examplesDir, 'train_linear_regression.py');
const examples = fs
  .readdirSync(examplesDir)
  .filter((f) => f.startsWith('train_') && f.endsWith('.py'))
  .sort()
  .map((f) => path.join(examplesDir, f));

/** Compares printed output with the recorded one: equal text, numbers within the tolerance. */
export function compareOutput(actual: string, expected: string): string | null {
  const skeleton = (s: string) => s.replace(NUMBER, '#');
  if (skeleton(actual) !== skeleton(expected)) {
    return `text differs:\n--- actual\n${actual}\n--- expected\n${expected}`;
  }
  const a = actual.match(NUMBER) ?? [];
  const e = expected.match(NUMBER) ?? [];
  for (let i = 0; i < e.length; i++) {
    const x = Number(a[i]);
    const y = Number(e[i]);
    if (!(Math.abs(x - y) <= ATOL + RTOL * Math.abs(y))) {
      const line = expected.slice(0, expected.indexOf(e[i])).split('\n').length;
      return `number ${i} (near expected line ${line}): ${a[i]} is not ${e[i]} within tolerance`;
    }
  }
  return null;
}

describe('runtime: training with tf.gradients and the optimizers (recorded from TF)', function () {
  this.timeout(180_000);
  const runner = new Runner();
  after(() => runner.dispose());

  async function run(code: string, filename: string) {
    let stdout = '';
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code, filename, cwd: path.dirname(filename) },
      { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
    );
    return { stdout, stderr, exitCode: result.exitCode };
  }

  const programs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => path.join(dir, f));
  it('has programs, each with its recorded output', () => {
    assert.ok(programs.length >= 4, `programs in ${dir}`);
    for (const f of [...programs, ...examples]) {
      assert.ok(fs.existsSync(f.replace(/\.py$/, '.expected')), f);
    }
  });

  for (const file of [...programs, ...examples]) {
    it(`${path.relative(projectRoot(), file)} prints TF's numbers`, async () => {
      const { stdout, stderr, exitCode } = await run(fs.readFileSync(file, 'utf8'), file);
      assert.equal(exitCode, 0, stderr);
      const expected = fs.readFileSync(file.replace(/\.py$/, '.expected'), 'utf8');
      const problem = compareOutput(stdout, expected);
      assert.equal(problem, null, problem ?? '');
    });
  }

  it("the example's loss goes down and ends near the fitted line", async () => {
    const { stdout } = await run(fs.readFileSync(example, 'utf8'), example);
    const losses = [...stdout.matchAll(/loss (\S+)/g)].map((m) => Number(m[1]));
    assert.ok(losses.length > 5);
    for (let i = 1; i < losses.length; i++) assert.ok(losses[i] < losses[i - 1], stdout);
    assert.ok(losses[losses.length - 1] < 0.05 * losses[0], stdout);
  });

  it('the comparison rejects a wrong number and a wrong text', () => {
    assert.equal(compareOutput('loss 0.5\n', 'loss 0.5000001\n'), null);
    assert.match(compareOutput('loss 0.51\n', 'loss 0.5\n') ?? '', /not 0.5 within/);
    assert.match(compareOutput('cost 0.5\n', 'loss 0.5\n') ?? '', /text differs/);
  });

  it('a gradient through an op whose value TensorFlow.js does not record names that op', async () => {
    // An op computed outside tfjs's kernels (here made with the runtime's own Operation class,
    // as an op written in Python would be) is on the path from w to the loss.
    const code = [
      'import tensorflow as tf',
      'from tensorflow._framework import Operation, Tensor',
      "w = tf.get_variable('w', initializer=tf.constant([1.0, 2.0]))",
      'g = tf.get_default_graph()',
      "op = Operation(g, g.unique_name('Opaque'), 'Opaque', [w.value()],",
      '               lambda ins, s: tf._engine.tfjs.tensor1d(tf._engine.tojs([float(v) for v in ins[0].dataSync()])))',
      'opaque = Tensor(op, 0, tf.float32, [2])',
      'loss = tf.reduce_sum(opaque * opaque)',
      'grad = tf.gradients(loss, w)[0]',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    print(sess.run(loss))',
      '    try:',
      '        sess.run(grad)',
      '    except NotImplementedError as e:',
      '        print(e)',
    ].join('\n');
    const { stdout, stderr, exitCode } = await run(code, path.join(dir, 'inline.py'));
    assert.equal(exitCode, 0, stderr);
    assert.equal(
      stdout,
      '5.0\n' +
        "Scope Lens cannot compute the gradient through operation 'Opaque' (op type: Opaque): " +
        'its TensorFlow.js computation is not recorded by the gradient tape (its value is ' +
        'computed outside TensorFlow.js kernels).\n',
    );
  });

  it('a training run leaves no tensors behind (every intermediate value is disposed)', async () => {
    const code = [
      'import tensorflow as tf',
      'import scope_lens_engine as e',
      "w = tf.get_variable('w', initializer=tf.constant([[1.0, -2.0], [0.5, 3.0]]))",
      'x = tf.constant([[1.0, 2.0], [3.0, 4.0]])',
      'loss = tf.reduce_mean(tf.square(tf.tanh(tf.matmul(x, w))))',
      'train = tf.train.AdamOptimizer(0.1).minimize(loss)',
      'with tf.Session() as sess:',
      '    sess.run(tf.global_variables_initializer())',
      '    sess.run([train, loss])',
      '    before = e.tf.memory().numTensors',
      '    for _ in range(5):',
      '        sess.run([train, loss])',
      '    print(e.tf.memory().numTensors - before)',
    ].join('\n');
    const { stdout, stderr, exitCode } = await run(code, path.join(dir, 'inline.py'));
    assert.equal(exitCode, 0, stderr);
    assert.equal(stdout, '0\n');
  });
});
