/**
 * Ifs and loops on what the analyzer cannot know run on one path when their bodies only do
 * bookkeeping (a probe: interpreter.ts `tryBoth`/`tryOnce`), and fork whenever a body could make
 * an outcome. Counted in paths, which are deterministic.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analyzer/analyze';
import { projectRoot } from '../support';

const CASES = path.join(projectRoot(), 'test', 'analyzer', 'fixtures', 'cases');

function paths(file: string): number {
  const source = fs.readFileSync(path.join(CASES, file), 'utf8');
  const result = analyze(source, { path: file });
  assert.ok(result.exhaustive, `${file} is explored whole`);
  return result.paths;
}

describe('analyzer: bookkeeping branches do not fork, others do', () => {
  it('bookkeeping ifs and loops take one path', () => {
    assert.equal(paths('branches_bookkeeping.py'), 1);
  });

  it('each if whose branch calls code, a TF API, an op or a TF context forks', () => {
    // Four such ifs, one after the other: every combination is a path.
    assert.equal(paths('branches_probe_gives_up.py'), 16);
  });

  it("a layer's weights on a tensor of a dtype not known are a float layer's, on one path", () => {
    // The input's dtype and rank are not known (an array read from a file): the weights'
    // initializer is Glorot's, as for floats, and the product a matrix's, instead of a path for
    // each answer to `dtype.is_floating` at every weight and to `rank > 2` at every layer (21
    // paths before).
    const source = [
      'import numpy as np',
      'import tensorflow as tf',
      'x = tf.convert_to_tensor(np.load("x.npy"))',
      'y = tf.layers.dense(x, 4)',
      'z = tf.layers.dense(y, 2)',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    assert.ok(result.exhaustive);
    assert.equal(result.paths, 1);
    assert.deepEqual(
      result.variables.map((v) => v.name),
      ['dense/kernel:0', 'dense/bias:0', 'dense_1/kernel:0', 'dense_1/bias:0'],
    );
  });

  it('an optimizer given gradients it cannot know updates nothing it can name, on one path', () => {
    // What `tfe.implicit_gradients` returns is not known: `apply_gradients` gives up on it at
    // once (32 paths before, each a guess at the list, in a loop of 100 steps).
    const source = [
      'import tensorflow as tf',
      'import tensorflow.contrib.eager as tfe',
      'x = tf.placeholder(tf.float32, [None, 3])',
      'w = tf.get_variable("w", [3, 1])',
      'loss = tf.reduce_sum(tf.matmul(x, w))',
      'grads = tfe.implicit_gradients(lambda: loss)()',
      'opt = tf.train.AdamOptimizer(0.1)',
      'for step in range(100):',
      '    opt.apply_gradients(grads)',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    assert.ok(result.exhaustive && result.complete);
    assert.equal(result.paths, 1);
    assert.deepEqual(
      result.variables.map((v) => v.name),
      ['w:0'],
    );
  });

  it("an estimator's numpy input takes labels it cannot know as an array, on one path", () => {
    // `mnist.train.labels` is not known: the input function neither asks whether it is None
    // nor whether it is a dict (5 paths per input function before).
    const source = [
      'import tensorflow as tf',
      'from tensorflow.examples.tutorials.mnist import input_data',
      'mnist = input_data.read_data_sets("/tmp/data/", one_hot=False)',
      'def model_fn(features, labels, mode):',
      '    logits = tf.layers.dense(features["images"], 10)',
      '    loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(',
      '        logits=logits, labels=tf.cast(labels, tf.int32)))',
      '    train_op = tf.train.GradientDescentOptimizer(0.1).minimize(',
      '        loss, global_step=tf.train.get_global_step())',
      '    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
      'model = tf.estimator.Estimator(model_fn)',
      'input_fn = tf.estimator.inputs.numpy_input_fn(',
      '    x={"images": mnist.train.images}, y=mnist.train.labels, batch_size=128,',
      '    num_epochs=None, shuffle=True)',
      'model.train(input_fn, steps=100)',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    assert.ok(result.exhaustive);
    assert.equal(result.paths, 1);
    assert.ok(result.variables.some((v) => v.name === 'dense/kernel:0'));
  });

  it('a list grown in such a loop that something else holds too still forks', () => {
    // `opts.seen` holds the list `seen` names: it has one item after one iteration, two after
    // two, and that decides the variable's name. (Held by `seen` alone, it would be unknown.)
    const source = [
      'import os',
      'import tensorflow as tf',
      'class Options(object):',
      '    pass',
      'opts = Options()',
      'def run(xs):',
      '    seen = []',
      '    opts.seen = seen',
      '    for x in xs:',
      '        seen.append(x)',
      '    return len(opts.seen)',
      'n = run(os.environ.get("KEYS", "a").split(","))',
      'tf.get_variable("v%d" % n, [1])',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    assert.equal(result.paths, 2);
    assert.deepEqual(result.variables.map((v) => v.name).sort(), ['v1:0', 'v2:0']);
  });

  it('a list grown in an inner loop and stored by the outer one still forks', () => {
    // `seen[d] = found` follows the inner loop, but the outer loop runs it again: in its
    // second iteration (where the body only does bookkeeping) the list `seen["a"]` also holds
    // grows once or twice more. Each outcome is a path: 2, 3 or 4 items (an inner loop runs
    // once or twice); taken as `found`'s alone, the second iteration's growth was lost (no v4).
    const source = [
      'import os',
      'import tensorflow as tf',
      'def run():',
      '    found = []',
      '    seen = {}',
      '    for d in ["a", "b"]:',
      '        for f in os.listdir(d):',
      '            found.append(f)',
      '            if d == "a":',
      '                tf.identity(0.0)',
      '        seen[d] = found',
      '    return len(seen["a"])',
      'n = run()',
      'tf.get_variable("v%d" % n, [1])',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    assert.deepEqual(result.variables.map((v) => v.name).sort(), ['v2:0', 'v3:0', 'v4:0']);
  });

  it('a probe that gives up leaves nothing behind', () => {
    const source = [
      'import sys',
      'import tensorflow as tf',
      'class C(object):',
      '    pass',
      'c = C()',
      'c.n = 1',
      'log = []',
      'def build():',
      '    return tf.get_variable("b", [1])',
      'if len(sys.argv) > 1:',
      '    c.n = 2',
      '    log.append("x")',
      '    build()',
      'tf.get_variable("v%d" % (c.n + len(log)), [1])',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    // The branch ran on its own path only: v3 with it, v1 without (never a mixed v2).
    const names = result.variables.map((v) => v.name).sort();
    assert.deepEqual(names, ['b:0', 'v1:0', 'v3:0']);
  });
});
