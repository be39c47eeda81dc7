/**
 * The analyzer follows an Estimator as TF 1.15 runs one (src/runtime/python/tensorflow/_lib/
 * estimator.py, interpreted like every layer library): `train`, `evaluate` and `predict` each
 * call `input_fn` and then `model_fn` in a graph of their own, in their mode and with the
 * `params` the Estimator was given, so a `model_fn` is analysed with the shapes its input
 * function gives and the branch its mode takes, not as an entry point with unknown arguments.
 */
import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';

const names = (src: string) => analyzePython(src).variables.map((v) => [v.name, v.shape]);

const INPUT = [
  'import numpy as np',
  'import tensorflow as tf',
  '',
  'def input_fn(params):',
  '    x = np.zeros((100, 784), np.float32)',
  '    y = np.zeros(100, np.int32)',
  "    ds = tf.data.Dataset.from_tensor_slices(({'x': x}, y))",
  "    return ds.shuffle(100).batch(params['batch'])",
  '',
];

const MODEL_FN = [
  'def model_fn(features, labels, mode, params):',
  "    with tf.variable_scope('encoder'):",
  "        h = tf.layers.dense(features['x'], params['hidden'], activation=tf.nn.relu)",
  '        h = tf.layers.dropout(h, 0.5, training=mode == tf.estimator.ModeKeys.TRAIN)',
  "    logits = tf.layers.dense(h, 10, name='logits')",
  '    if mode == tf.estimator.ModeKeys.PREDICT:',
  "        return tf.estimator.EstimatorSpec(mode, predictions={'class': tf.argmax(logits, 1)})",
  '    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(',
  '        labels=labels, logits=logits))',
  '    train_op = None',
  '    if mode == tf.estimator.ModeKeys.TRAIN:',
  '        opt = tf.train.AdamOptimizer(1e-3)',
  '        train_op = opt.minimize(loss, global_step=tf.train.get_global_step())',
  '    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
  '',
];

describe('analyzer: tf.estimator', () => {
  it("train: model_fn in TRAIN mode with the dataset's shapes and the Estimator's params", () => {
    const src = [
      ...INPUT,
      ...MODEL_FN,
      "est = tf.estimator.Estimator(model_fn=model_fn, params={'hidden': 128, 'batch': 32})",
      'est.train(input_fn, steps=10)',
    ].join('\n');
    const a = analyzePython(src);
    const byName = new Map(a.variables.map((v) => [v.name, v]));
    assert.equal(byName.get('global_step:0')?.shape, '()');
    assert.equal(byName.get('encoder/dense/kernel:0')?.shape, '(784, 128)');
    assert.equal(byName.get('logits/kernel:0')?.shape, '(128, 10)');
    assert.equal(byName.get('logits/kernel/Adam_1:0')?.shape, '(128, 10)');
    assert.ok(byName.has('beta2_power:0'), [...byName.keys()].join(' '));
    // Decided: the mode is known, the dataset is one, and the loss is a scalar.
    assert.equal(a.paths, 1);
    assert.equal(a.exhaustive, true);
    const kernel = a.callSites
      .flatMap((c) => c.outcomes)
      .find((o) => o.name === 'encoder/dense/kernel:0');
    assert.equal(kernel?.certain, true);
  });

  it('train, evaluate and predict build a graph each, named alike', () => {
    const src = [
      ...INPUT,
      ...MODEL_FN,
      "est = tf.estimator.Estimator(model_fn=model_fn, params={'hidden': 8, 'batch': 4})",
      'est.train(input_fn, max_steps=3)',
      'est.evaluate(input_fn)',
      'for p in est.predict(input_fn):',
      '    print(p)',
    ].join('\n');
    const all = analyzePython(src).callSites.flatMap((c) =>
      c.outcomes.map((o) => `${c.start.line}:${o.name}`),
    );
    const count = (n: string) => all.filter((x) => x.endsWith(`:${n}`)).length;
    // One per graph, and never `dense_1` or `global_step_1`: each graph names afresh.
    assert.equal(count('encoder/dense/kernel:0'), 3, all.join(' '));
    assert.equal(count('global_step:0'), 3, all.join(' '));
    assert.equal(count('logits/kernel/Adam:0'), 1, all.join(' '));
    assert.equal(count('eval_step:0'), 1, all.join(' '));
    // evaluate's loss metric: `tf.metrics.mean`'s local variables.
    assert.equal(count('mean/total:0'), 1, all.join(' '));
    assert.equal(count('mean/count:0'), 1, all.join(' '));
    assert.ok(!all.some((x) => /_1\/|dense_1|step_1/.test(x)), all.join(' '));
  });

  it('a bound method as model_fn, input functions taking mode and config, train_and_evaluate', () => {
    const src = [
      'import tensorflow as tf',
      '',
      'class Trainer(object):',
      '    def __init__(self, width):',
      '        self.width = width',
      '',
      '    def input_fn(self, mode, config):',
      '        n = 8 if mode == tf.estimator.ModeKeys.TRAIN else 2',
      '        return tf.zeros([n, 5]), tf.zeros([n, 1])',
      '',
      '    def model_fn(self, features, labels, mode, config):',
      "        pred = tf.layers.dense(features, self.width, name='out')",
      '        loss = tf.losses.mean_squared_error(labels, pred)',
      '        train_op = tf.train.GradientDescentOptimizer(0.1).minimize(',
      '            loss, global_step=tf.train.get_global_step())',
      '        return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
      '',
      'def main():',
      '    t = Trainer(1)',
      "    est = tf.estimator.Estimator(t.model_fn, config=tf.estimator.RunConfig(model_dir='m'))",
      '    train = tf.estimator.TrainSpec(t.input_fn, max_steps=10)',
      '    ev = tf.estimator.EvalSpec(t.input_fn)',
      '    tf.estimator.train_and_evaluate(est, train, ev)',
      '',
      'main()',
    ].join('\n');
    assert.deepEqual(names(src), [
      ['global_step:0', '()'],
      ['out/kernel:0', '(5, 1)'],
      ['out/bias:0', '(1,)'],
    ]);
  });

  it("numpy_input_fn: batches of the arrays' rows, the batch known with num_epochs=None", () => {
    // The layers tutorial's MNIST classifier, fed as the tutorial feeds it.
    const src = [
      'import numpy as np',
      'import tensorflow as tf',
      '',
      'def cnn_model_fn(features, labels, mode):',
      '    x = tf.reshape(features["x"], [-1, 28, 28, 1])',
      '    conv1 = tf.layers.conv2d(x, 32, [5, 5], padding="same", activation=tf.nn.relu)',
      '    pool1 = tf.layers.max_pooling2d(conv1, [2, 2], 2)',
      '    dense = tf.layers.dense(tf.reshape(pool1, [-1, 14 * 14 * 32]), 1024, activation=tf.nn.relu)',
      '    dropout = tf.layers.dropout(dense, 0.4, training=mode == tf.estimator.ModeKeys.TRAIN)',
      '    logits = tf.layers.dense(dropout, 10)',
      '    if mode == tf.estimator.ModeKeys.PREDICT:',
      '        return tf.estimator.EstimatorSpec(mode, predictions={"classes": tf.argmax(logits, 1)})',
      '    loss = tf.losses.sparse_softmax_cross_entropy(labels=labels, logits=logits)',
      '    opt = tf.train.GradientDescentOptimizer(0.001)',
      '    train_op = opt.minimize(loss, global_step=tf.train.get_global_step())',
      '    return tf.estimator.EstimatorSpec(mode=mode, loss=loss, train_op=train_op)',
      '',
      'train_data = np.zeros((55000, 784), dtype=np.float32)',
      'train_labels = np.zeros(55000, dtype=np.int32)',
      'clf = tf.estimator.Estimator(model_fn=cnn_model_fn, model_dir="/tmp/mnist")',
      'train_input_fn = tf.estimator.inputs.numpy_input_fn(',
      '    x={"x": train_data}, y=train_labels, batch_size=100, num_epochs=None, shuffle=True)',
      'clf.train(input_fn=train_input_fn, steps=20000)',
    ].join('\n');
    const a = analyzePython(src);
    assert.deepEqual(
      a.variables.map((v) => [v.name, v.shape]),
      // In the order they are made: the global step first, as train makes it.
      [
        ['global_step:0', '()'],
        ['conv2d/kernel:0', '(5, 5, 1, 32)'],
        ['conv2d/bias:0', '(32,)'],
        ['dense/kernel:0', '(6272, 1024)'],
        ['dense/bias:0', '(1024,)'],
        ['dense_1/kernel:0', '(1024, 10)'],
        ['dense_1/bias:0', '(10,)'],
      ],
    );
    assert.equal(a.paths, 1);
    const reshape = a.results.find((r) => r.start.line === 5)?.values[0];
    assert.deepEqual(
      [reshape?.kind, reshape && 'shape' in reshape && reshape.shape],
      ['tensor', '(100, 28, 28, 1)'],
    );
    // One epoch: `dequeue_up_to`, whose batch dimension TF does not know; an array as `x`
    // is the features tensor itself; a dict as `y`, the targets by key.
    const upTo = analyzePython(
      [
        'import numpy as np',
        'import tensorflow as tf',
        'fn = tf.estimator.inputs.numpy_input_fn(np.zeros((10, 3)), {"t": np.zeros((10, 2), np.int64)}, shuffle=False)',
        'features, targets = fn()',
        'w = tf.get_variable("w", [features.shape[1], targets["t"].shape[1]])',
        'b = tf.get_variable("b", [1], dtype=features.dtype)',
        'if features.shape[0].value is None:',
        '    tf.get_variable("batch_not_known", [1])',
      ].join('\n'),
    );
    assert.deepEqual(
      upTo.variables.map((v) => [v.name, v.shape, v.dtype]),
      [
        ['w:0', '(3, 2)', 'float32_ref'],
        ['b:0', '(1,)', 'float64_ref'],
        ['batch_not_known:0', '(1,)', 'float32_ref'],
      ],
    );
  });

  it('TensorShape.is_compatible_with as TF answers it', () => {
    const src = [
      'import tensorflow as tf',
      's = tf.TensorShape([None, 3])',
      'if s.is_compatible_with([2, 3]):',
      "    tf.get_variable('a', [1])",
      'if s.is_compatible_with(tf.TensorShape([2, 4])):',
      "    tf.get_variable('b', [1])",
      'if tf.TensorShape(None).is_compatible_with([7]):',
      "    tf.get_variable('c', [1])",
      'if tf.TensorShape([]).is_compatible_with([1]):',
      "    tf.get_variable('d', [1])",
    ].join('\n');
    assert.deepEqual(
      names(src).map((n) => n[0]),
      ['a:0', 'c:0'],
    );
  });

  it('misuse never throws: no arguments, a model_fn that is not known, a broken input_fn', () => {
    for (const tail of [
      'tf.estimator.Estimator()',
      'tf.estimator.Estimator(None).train(None)',
      'tf.estimator.Estimator(unknown_fn).train(lambda: 1 / 0, steps=-1)',
      'tf.estimator.Estimator(lambda features, labels: None).train(lambda: (1, 2, 3))',
      'tf.estimator.EstimatorSpec()',
      'tf.estimator.Estimator(lambda features: 1',
    ]) {
      const r = analyzePython(['import tensorflow as tf', tail].join('\n'));
      assert.ok(Array.isArray(r.variables), tail);
    }
  });
});
