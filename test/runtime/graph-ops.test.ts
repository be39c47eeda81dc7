/**
 * The graph the Python runtime builds holds the ops TF 1.15 builds, with TF's names and types:
 * variables' initializer subgraphs, reductions' axes, the softmax cross-entropy's subgraph and
 * the per-op gradient graph of `tf.gradients` and the optimizers.
 *
 * - test/runtime/graph-ops: each program prints its ops (`get_operations()` order: name and
 *   type), tensor names and gradient values exactly as its `.expected` file, recorded with real
 *   TensorFlow by scripts/oracle/graph-ops/record.py (2.21's differences from 1.15 are the
 *   programs' `# oracle-override:` lines, each citing the 1.15 source).
 * - The registered gradient functions give the values TensorFlow.js's own autodiff gives for
 *   the same ops (the per-op `SymbolicGradient` fallback, used for every op when the table of
 *   gradient functions is emptied).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { describeRuntimePrograms } from '../conformance/suites';
import { projectRoot } from '../support';

describeRuntimePrograms('runtime: the ops TF 1.15 builds, with its names and types', [
  ['graph-ops programs (TF output)', path.join(projectRoot(), 'test', 'runtime', 'graph-ops')],
]);

describe('runtime: gradient functions agree with TensorFlow.js autodiff', function () {
  this.timeout(180_000);
  const runner = new Runner();
  after(() => runner.dispose());

  async function run(code: string) {
    let stdout = '';
    let stderr = '';
    const filename = path.join(projectRoot(), 'test', 'runtime', 'graph-ops', 'inline.py');
    const result = await runner.run(
      { language: 'python', code, filename, cwd: path.dirname(filename) },
      { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
    );
    return { stdout, stderr, exitCode: result.exitCode };
  }

  /**
   * The end of a program defining `gradients()`: its values with the registered gradient
   * functions, then with none (tfjs's autodiff per op), compared; and whether the graph holds
   * `SymbolicGradient` and the op types `kinds` (the second time only the first kind).
   */
  function againstAutodiff(kinds: string[]): string {
    const has = (k: string[]) =>
      ['SymbolicGradient', ...k].map((t) => `"${t}" in types`).join(', ');
    return [
      '',
      'registered = gradients()',
      'types = set(op.type for op in tf.get_default_graph().get_operations())',
      `print(${has(kinds)})`,
      'kept = dict(_math_grad.GRADIENTS)',
      '_math_grad.GRADIENTS.clear()',
      'try:',
      '    autodiff = gradients()',
      'finally:',
      '    _math_grad.GRADIENTS.update(kept)',
      'types = set(op.type for op in tf.get_default_graph().get_operations())',
      `print(${has(kinds.slice(0, 1))})`,
      'for a, b in zip(registered, autodiff):',
      '    scale = max(1.0, float(np.max(np.abs(b))))',
      '    print(a.shape == b.shape, float(np.max(np.abs(a - b))) <= 1e-5 * scale)',
    ].join('\n');
  }

  const model =
    [
      'import numpy as np',
      'import tensorflow as tf',
      'from tensorflow import _math_grad',
      '',
      'def gradients():',
      '    tf.reset_default_graph()',
      '    x = tf.placeholder(tf.float32, [None, 6, 6, 1])',
      '    labels = tf.placeholder(tf.int32, [None])',
      '    k = tf.get_variable("k", [3, 3, 1, 2], initializer=tf.random_normal_initializer(seed=1))',
      '    h = tf.nn.relu(tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME"))',
      '    h = tf.nn.avg_pool(tf.nn.max_pool(h, [1, 2, 2, 1], [1, 2, 2, 1], "VALID"),',
      '                       [1, 3, 3, 1], [1, 3, 3, 1], "VALID")',
      '    h = tf.reshape(h, [-1, 2])',
      '    w = tf.get_variable("w", [2, 3], initializer=tf.random_normal_initializer(seed=2))',
      '    b = tf.get_variable("b", [3], initializer=tf.constant_initializer(0.1))',
      '    logits = tf.nn.bias_add(tf.matmul(h, w), b)',
      '    z = tf.tanh(logits) * tf.sigmoid(logits) - tf.nn.elu(logits) / (tf.exp(logits) + 1.0)',
      '    loss = (tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(',
      '        labels=labels, logits=logits)) +',
      '        tf.reduce_mean(tf.nn.softmax_cross_entropy_with_logits_v2(',
      '            labels=tf.nn.softmax(z), logits=tf.nn.leaky_relu(logits, 0.3))) +',
      '        tf.reduce_sum(tf.square(z), axis=1)[0] + tf.reduce_mean(tf.sqrt(tf.abs(z) + 1.0)))',
      '    grads = tf.gradients(loss, [k, w, b, x])',
      '    with tf.Session() as sess:',
      '        sess.run(tf.global_variables_initializer())',
      '        feed = {x: np.arange(144, dtype=np.float32).reshape([4, 6, 6, 1]) / 50.0,',
      '                labels: [0, 2, 1, 1]}',
      '        return sess.run(grads, feed)',
    ].join('\n') + againstAutodiff(['Conv2DBackpropFilter', 'ReluGrad']);

  const arrayModel =
    [
      'import numpy as np',
      'import tensorflow as tf',
      'from tensorflow import _math_grad',
      '',
      'def gradients():',
      '    tf.reset_default_graph()',
      '    x = tf.placeholder(tf.float32, [2, 3])',
      '    y = tf.placeholder(tf.float32, [None, 4])',
      '    w = tf.get_variable("w", [3, 3], initializer=tf.random_normal_initializer(seed=3))',
      '    v = tf.get_variable("v", [2, 3, 2], initializer=tf.random_normal_initializer(seed=4))',
      '    u = tf.get_variable("u", [4], initializer=tf.random_normal_initializer(seed=5))',
      '    a = tf.concat([x, tf.matmul(x, w), tf.square(x)], 1)',
      '    b = tf.stack([x, x * w[0]], axis=1)',
      '    parts = tf.split(a, 3, axis=1)',
      '    sizes = tf.split(a, [2, 7], axis=1)',
      '    h = tf.unstack(tf.matmul(b, v), axis=2)',
      '    loss = (tf.reduce_sum(tf.transpose(a) * tf.tile(w[:, :1], [3, 2])) +',
      '            tf.reduce_sum(tf.square(tf.pad(x + w[1], [[1, 0], [0, 2]]))) +',
      '            tf.reduce_sum(tf.slice(a, [0, 1], [2, 3]) * tf.nn.selu(x - w[2])) +',
      '            tf.reduce_sum(tf.reduce_max(a, axis=1)) + tf.reduce_min(w) +',
      '            tf.reduce_sum(parts[0] * parts[2]) + tf.reduce_sum(sizes[1]) +',
      '            tf.reduce_sum(h[0] * h[1]) +',
      '            tf.reduce_sum(tf.reduce_mean(a, axis=0) * tf.reduce_sum(a, axis=0)) +',
      '            tf.reduce_sum(tf.reduce_mean(tf.squared_difference(y, u), axis=1)) +',
      '            tf.reduce_sum(tf.squeeze(tf.expand_dims(x * w[0], 0), [0])))',
      '    grads = tf.gradients(loss, [w, v, u, x, y])',
      '    with tf.Session() as sess:',
      '        sess.run(tf.global_variables_initializer())',
      '        feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], np.float32),',
      '                y: np.arange(12, dtype=np.float32).reshape([3, 4]) / 5.0}',
      '        return sess.run(grads, feed)',
    ].join('\n') + againstAutodiff(['ConcatOffset', 'SeluGrad']);

  const elementwiseModel =
    [
      'import numpy as np',
      'import tensorflow as tf',
      'from tensorflow import _math_grad',
      '',
      'def gradients():',
      '    tf.reset_default_graph()',
      '    x = tf.placeholder(tf.float32, [2, 3])',
      '    w = tf.get_variable("w", [2, 3], initializer=tf.random_uniform_initializer(0.1, 0.9, seed=6))',
      '    v = tf.get_variable("v", [3], initializer=tf.random_normal_initializer(seed=7))',
      '    h = x * w',
      '    u = (tf.sin(h) + tf.cos(h) + tf.tan(w) + tf.asin(w) + tf.acos(w) + tf.atan(h) +',
      '         tf.sinh(w) + tf.cosh(h) + tf.reciprocal(w + 1.0) + tf.expm1(w) + tf.erf(h) +',
      '         tf.nn.softplus(h) + tf.nn.softsign(h) + tf.reverse(h, [1]) +',
      '         h * tf.tanh(h + 0.04 * tf.pow(h, 3)) + tf.pow(w, v) +',
      '         tf.cumsum(h, axis=1, exclusive=True) + tf.cumsum(h, axis=1, reverse=True))',
      '    grads = tf.gradients(tf.reduce_sum(u * u), [w, v, x])',
      '    with tf.Session() as sess:',
      '        sess.run(tf.global_variables_initializer())',
      '        feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 2.5, -1.0]], np.float32)}',
      '        return sess.run(grads, feed)',
    ].join('\n') + againstAutodiff(['SoftplusGrad', 'ReciprocalGrad', 'Cumsum']);

  it('the registered gradients of Pow, Cumsum and the element-wise ops equal the autodiff ones', async () => {
    const { stdout, stderr, exitCode } = await run(elementwiseModel);
    assert.equal(exitCode, 0, stderr);
    assert.equal(stdout, 'False True True True\nTrue False\n' + 'True True\n'.repeat(3), stderr);
  });

  it('the registered gradients of array ops, reductions and selu equal the autodiff ones', async () => {
    const { stdout, stderr, exitCode } = await run(arrayModel);
    assert.equal(exitCode, 0, stderr);
    assert.equal(stdout, 'False True True\nTrue False\n' + 'True True\n'.repeat(5), stderr);
  });

  it('the registered gradients of a conv net equal the per-op autodiff ones', async () => {
    const { stdout, stderr, exitCode } = await run(model);
    assert.equal(exitCode, 0, stderr);
    assert.equal(
      stdout,
      'False True True\nTrue False\nTrue True\nTrue True\nTrue True\nTrue True\n',
      stderr,
    );
  });
});
