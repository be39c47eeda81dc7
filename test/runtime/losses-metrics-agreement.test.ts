/**
 * `tf.losses` and `tf.metrics` (`mean`, `accuracy`) in the analyzer against the runtime (which is TF 1.15's, checked against
 * TensorFlow itself in test/runtime/programs): each loss's name, shape and dtype as the
 * analyzer shows it on hover equal what the runtime prints for it, and the total loss sums the
 * LOSSES collection in both, so an optimizer minimizing it creates its slots.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { runProgram } from '../conformance/suites';
import { projectRoot } from '../support';

const file = path.join(projectRoot(), 'test', 'runtime', 'inline_losses.py');

/** One loss per line (`loss<i> = ...`), each printed as `i name shape dtype`. */
const LOSSES = [
  'tf.losses.mean_squared_error(labels, pred)',
  'tf.losses.absolute_difference(labels, pred, scope="mae")',
  'tf.losses.huber_loss(labels, pred, delta=2.0)',
  'tf.losses.log_loss(labels, tf.sigmoid(pred))',
  'tf.losses.hinge_loss(labels, pred)',
  'tf.losses.sigmoid_cross_entropy(labels, pred)',
  'tf.losses.softmax_cross_entropy(onehot, logits)',
  'tf.losses.sparse_softmax_cross_entropy(ids, logits)',
  'tf.losses.mean_squared_error(labels, pred, reduction=tf.losses.Reduction.SUM)',
  // Per-element losses kept out of LOSSES: `get_total_loss` adds only scalars.
  'tf.losses.mean_squared_error(labels, pred, loss_collection=None, reduction="none")',
  'tf.losses.sparse_softmax_cross_entropy(ids, logits, loss_collection=None, reduction=tf.losses.Reduction.NONE)',
  'tf.losses.mean_squared_error(labels, pred, loss_collection=None)',
  'tf.losses.compute_weighted_loss(tf.square(labels - pred))',
  'tf.losses.get_regularization_loss()',
];

const PROGRAM = [
  'import tensorflow as tf',
  'x = tf.placeholder(tf.float32, [8, 3])',
  'pred = tf.layers.dense(x, 1, kernel_regularizer=tf.contrib.layers.l2_regularizer(0.1))',
  'labels = tf.placeholder(tf.float32, [8, 1])',
  "logits = tf.layers.dense(x, 5, name='cls')",
  'onehot = tf.one_hot(tf.zeros([8], tf.int32), 5)',
  'ids = tf.placeholder(tf.int64, [8])',
  ...LOSSES.map((l, i) => `loss${i} = ${l}`),
  `out = [${LOSSES.map((_, i) => `loss${i}`).join(', ')}]`,
  'total = tf.losses.get_total_loss()',
  'train = tf.train.AdamOptimizer().minimize(total)',
  'for i, t in enumerate(out + [total]):',
  '    print(i, t.name, t.shape, t.dtype.name)',
  "print(' '.join(v.name for v in tf.global_variables()))",
].join('\n');

describe('runtime and analyzer: tf.losses and tf.metrics agree', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  it('every loss: the name, shape and dtype the runtime prints is what the analyzer shows', async () => {
    const { stdout, stderr } = await runProgram(runner, file, PROGRAM);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, LOSSES.length + 2, stderr);
    const a = analyzePython(PROGRAM, { path: file });
    const first = PROGRAM.split('\n').indexOf(`loss0 = ${LOSSES[0]}`) + 1;
    for (let i = 0; i < LOSSES.length; i++) {
      const shown = a.results.find((r) => r.start.line === first + i);
      const t = shown?.values.find((v) => v.kind === 'tensor');
      const [, name, shape, dtype] = lines[i].match(/^\d+ (\S+) (\(.*\)) (\S+)$/) ?? [];
      assert.deepEqual(
        [LOSSES[i], t?.name, t?.shape, t?.dtype],
        [LOSSES[i], name, shape, dtype],
        lines[i],
      );
    }
    const total = a.results.find((r) => r.start.line === first + LOSSES.length + 1);
    const totalValue = total?.values.find((v) => v.kind === 'tensor');
    assert.equal(totalValue?.name, 'total_loss:0', JSON.stringify(total));
    // The total depends on every loss in LOSSES, so Adam makes slots for every variable they
    // reach: the analyzer names the graph's variables as the runtime made them.
    assert.deepEqual(
      a.variables.map((v) => v.name),
      lines[LOSSES.length + 1].split(' '),
    );
  });

  it('tf.metrics: the local variables, the value and update names, the ops they name around them', async () => {
    const code = [
      'import tensorflow as tf',
      'labels = tf.placeholder(tf.int64, [4])',
      'p = tf.placeholder(tf.float32, [4, 3])',
      'acc, acc_update = tf.metrics.accuracy(labels, tf.argmax(p, 1))',
      'avg, avg_update = tf.metrics.mean(tf.reduce_max(p, 1))',
      "with tf.variable_scope('eval'):",
      "    top1, top1_update = tf.metrics.accuracy(labels, tf.argmax(p, 1), name='top1')",
      'e = tf.equal(labels, labels)',
      'c = tf.cast(e, tf.float32)',
      "m, m_update = tf.metrics.mean(tf.constant([1.0, 2.0]), metrics_collections=['mine'])",
      "print(' '.join(v.name for v in tf.local_variables()))",
      'for t in [acc, acc_update, avg, avg_update, top1, top1_update, e, c, m, m_update]:',
      '    print(t.name, t.shape, t.dtype.name)',
    ].join('\n');
    const { stdout, stderr } = await runProgram(runner, file, code);
    const lines = stdout.trim().split('\n');
    assert.equal(lines.length, 11, stderr);
    const a = analyzePython(code, { path: file });
    assert.deepEqual(
      a.variables.map((v) => v.name),
      lines[0].split(' '),
    );
    const shown = (line: number) =>
      (a.results.find((r) => r.start.line === line)?.values ?? []).flatMap((v) =>
        v.kind === 'sequence' ? v.items : [v],
      );
    const predicted = [4, 5, 7, 8, 9, 10]
      .flatMap(shown)
      .map((t) => (t.kind === 'tensor' ? `${t.name} ${t.shape} ${t.dtype}` : t.kind));
    assert.deepEqual(predicted, lines.slice(1));
  });
});
