/**
 * `tf.estimator` in the runtime (src/runtime/python/tensorflow/_lib/estimator.py): each of
 * `train`, `evaluate` and `predict` builds TF 1.15's graph for its mode (a new graph, the global
 * step, `input_fn`, `model_fn` with the arguments it names), validates what `model_fn` returns
 * with TF's messages, then raises NotImplementedError where TF would start its monitored
 * session. The variables the runtime creates are the ones the analyzer names.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { runProgram } from '../conformance/suites';
import { projectRoot } from '../support';

const file = path.join(projectRoot(), 'test', 'runtime', 'inline_estimator.py');

const run = (runner: Runner, code: string) => runProgram(runner, file, code);

/** A classifier's model_fn that prints the graph's variables before it returns. */
const MODEL = [
  'import numpy as np',
  'import tensorflow as tf',
  '',
  'def input_fn(params, mode):',
  "    x = tf.constant(np.zeros((params['batch'], 6), np.float32))",
  "    y = tf.constant(np.zeros(params['batch'], np.int32))",
  "    print('input_fn', mode)",
  "    return {'x': x}, y",
  '',
  'def model_fn(features, labels, mode, params, config):',
  "    with tf.variable_scope('encoder'):",
  "        h = tf.layers.dense(features['x'], params['hidden'], activation=tf.nn.relu)",
  "    logits = tf.layers.dense(h, 3, name='logits')",
  '    if mode == tf.estimator.ModeKeys.PREDICT:',
  "        spec = tf.estimator.EstimatorSpec(mode, predictions={'class': tf.argmax(logits, 1)})",
  '    else:',
  '        loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(',
  '            labels=labels, logits=logits))',
  '        train_op = None',
  '        if mode == tf.estimator.ModeKeys.TRAIN:',
  '            opt = tf.train.AdamOptimizer(1e-3)',
  '            train_op = opt.minimize(loss, global_step=tf.train.get_global_step())',
  '        spec = tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
  '    print(mode, config.model_dir, [v.name for v in tf.global_variables()])',
  '    return spec',
  '',
  "est = tf.estimator.Estimator(model_fn, model_dir='/tmp/model', params={'hidden': 4, 'batch': 2})",
].join('\n');

describe('runtime: tf.estimator builds the graphs TF 1.15 builds', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  it('train: the global step first, then input_fn and model_fn in TRAIN mode; then a clear NotImplementedError', async () => {
    const code = `${MODEL}\nest.train(input_fn, steps=5)\n`;
    const out = await run(runner, code);
    const train = [
      'global_step:0',
      'encoder/dense/kernel:0',
      'encoder/dense/bias:0',
      'logits/kernel:0',
      'logits/bias:0',
      'beta1_power:0',
      'beta2_power:0',
      'encoder/dense/kernel/Adam:0',
      'encoder/dense/kernel/Adam_1:0',
      'encoder/dense/bias/Adam:0',
      'encoder/dense/bias/Adam_1:0',
      'logits/kernel/Adam:0',
      'logits/kernel/Adam_1:0',
      'logits/bias/Adam:0',
      'logits/bias/Adam_1:0',
    ];
    assert.equal(
      out.stdout,
      `input_fn train\ntrain /tmp/model [${train.map((n) => `'${n}'`).join(', ')}]\n`,
      out.stderr,
    );
    assert.equal(out.exitCode, 1);
    assert.match(
      out.stderr,
      /NotImplementedError: Scope Lens builds the graph an Estimator trains but does not run it/,
    );
    // The analyzer names the same variables, each once, with the shapes params give.
    const a = analyzePython(code, { path: file });
    assert.deepEqual(
      a.variables.map((v) => v.name),
      train,
    );
    assert.equal(a.variables.find((v) => v.name === 'encoder/dense/kernel:0')?.shape, '(6, 4)');
  });

  it('evaluate and predict: a graph of their own each, in EVAL and PREDICT mode', async () => {
    const model =
      "['global_step:0', 'encoder/dense/kernel:0', 'encoder/dense/bias:0', 'logits/kernel:0', 'logits/bias:0']";
    for (const [call, mode, verb] of [
      ['est.evaluate(input_fn)', 'eval', 'evaluates'],
      ['est.predict(input_fn)', 'infer', 'predicts with'],
    ]) {
      const code = [
        MODEL,
        'try:',
        `    ${call}`,
        'except NotImplementedError as e:',
        '    print(str(e).split(" but")[0])',
      ].join('\n');
      const out = await run(runner, code);
      assert.equal(
        out.stdout,
        `input_fn ${mode}\n${mode} /tmp/model ${model}\nScope Lens builds the graph an Estimator ${verb}\n`,
        out.stderr,
      );
    }
  });

  it("TF's errors: arguments, model_fn's signature and what it returns", async () => {
    const code = [
      'import re',
      'import tensorflow as tf',
      '',
      'def no_features(x, labels):',
      '    return None',
      '',
      'def input_fn():',
      '    return tf.zeros([2, 3]), tf.zeros([2])',
      '',
      'def no_train_op(features, labels, mode):',
      "    w = tf.get_variable('w', [3, 1])",
      '    loss = tf.reduce_sum(tf.matmul(features, w))',
      '    return tf.estimator.EstimatorSpec(mode, loss=loss)',
      '',
      'def not_a_spec(features, labels):',
      "    tf.get_variable('w', [3, 1])",
      '    return {}',
      '',
      'def unlabelled(features):',
      '    return None',
      '',
      'def attempt(f):',
      '    try:',
      '        f()',
      '    except (ValueError, TypeError) as e:',
      "        print(type(e).__name__ + ': ' + re.sub('<function [a-z_]+ at 0x[0-9a-f]+>', 'FN', str(e)))",
      '',
      'attempt(lambda: tf.estimator.Estimator(no_features))',
      'attempt(lambda: tf.estimator.Estimator(unlabelled, params={"a": 1}))',
      'attempt(lambda: tf.estimator.Estimator(no_train_op).train(input_fn, steps=1, max_steps=2))',
      'attempt(lambda: tf.estimator.Estimator(no_train_op).train(input_fn, steps=0))',
      'attempt(lambda: tf.estimator.Estimator(no_train_op).train(input_fn))',
      'attempt(lambda: tf.estimator.Estimator(not_a_spec).train(input_fn))',
      'attempt(lambda: tf.estimator.Estimator(unlabelled).train(input_fn))',
      'attempt(lambda: tf.estimator.EstimatorSpec(tf.estimator.ModeKeys.PREDICT))',
      'attempt(lambda: tf.estimator.EstimatorSpec("eval", loss=tf.zeros([2])))',
      'attempt(lambda: tf.estimator.EstimatorSpec("eval", loss=3.0))',
      'attempt(lambda: tf.estimator.EvalSpec(input_fn, name=3))',
      'attempt(lambda: tf.estimator.train_and_evaluate(None, None, None))',
      'import numpy as np',
      'attempt(lambda: tf.estimator.inputs.numpy_input_fn({"x": np.zeros(3)}))',
      'attempt(tf.estimator.inputs.numpy_input_fn({"x": np.zeros(3)}, np.zeros(4), shuffle=False))',
      'attempt(tf.estimator.inputs.numpy_input_fn({}, shuffle=False))',
      'attempt(tf.estimator.inputs.numpy_input_fn([1, 2], shuffle=False))',
      'attempt(tf.estimator.inputs.numpy_input_fn({"a": np.zeros(2)}, {"a": np.zeros(2)}, shuffle=False))',
      'try:',
      '    tf.estimator.inputs.numpy_input_fn({"x": np.zeros(3)}, shuffle=True)()',
      'except NotImplementedError as e:',
      '    print(e)',
    ].join('\n');
    const out = await run(runner, code);
    assert.equal(
      out.stdout,
      [
        'ValueError: model_fn (FN) must include features argument.',
        "ValueError: model_fn (FN) does not include params argument, but params ({'a': 1}) is passed to Estimator.",
        'ValueError: Can not provide both steps and max_steps.',
        'ValueError: Must specify steps > 0, given: 0',
        'ValueError: Missing train_op.',
        'ValueError: model_fn should return an EstimatorSpec.',
        'ValueError: model_fn does not take labels, but input_fn returns labels.',
        'ValueError: Missing predictions.',
        'ValueError: Loss must be scalar, given: Tensor("zeros:0", shape=(2,), dtype=float32)',
        'TypeError: loss must be Tensor, given: 3.0',
        'TypeError: `name` must be string, given: 3',
        "TypeError: `eval_spec` must have type `tf.estimator.EvalSpec`. Got: <class 'NoneType'>",
        'ValueError: shuffle must be provided and explicitly set as boolean (it is recommended to set it as True for training); got None',
        'ValueError: Length of tensors in x and y is mismatched. All elements in x and y must have the same length.',
        "Shapes in x: {'x': (3,)}",
        'Shapes in y: (4,)',
        '',
        'ValueError: x cannot be an empty dict',
        'TypeError: x must be a dict or array; got list',
        "ValueError: 1 duplicate keys are found in both x and y: {'a'}",
        "Scope Lens's tensorflow module does not implement the queue of tf.estimator.inputs.numpy_input_fn (TensorFlow 1.15 API).",
        '',
      ].join('\n'),
      out.stderr,
    );
  });
});
