/**
 * "Did you mean": a `get_variable` that raises "does not exist" under reuse gets the existing
 * variables it most likely meant, on its outcome (`didYouMean`) and as related information
 * pointing at the calls that created them.
 */
import { strict as assert } from 'node:assert';
import { analyze, type Outcome } from '../../src/analyzer/analyze';
import { closeness, editDistance } from '../../src/analyzer/interpreter/did-you-mean';

function missing(source: string): { outcome: Outcome; related: string[] } {
  const r = analyze(source, { path: '/p/main.py' });
  const outcome = r.callSites
    .flatMap((s) => s.outcomes)
    .find((o) => o.code === 'TF-VAR-MISSING') as Outcome;
  assert.ok(outcome, 'no "does not exist" outcome');
  const d = r.diagnostics.find((x) => x.code === 'TF-VAR-MISSING');
  return {
    outcome,
    related: (d?.related ?? []).map((x) => `${x.start.line} ${x.message}`),
  };
}

const program = (...lines: string[]) => ['import tensorflow.compat.v1 as tf', ...lines].join('\n');

describe('analyzer: did you mean', () => {
  it('a typo in the last segment: the existing name, and where it was created', () => {
    const { outcome, related } = missing(
      program(
        'with tf.variable_scope("encoder"):',
        '    w = tf.get_variable("weights", [3])',
        '    b = tf.get_variable("biases", [3])',
        'with tf.variable_scope("encoder", reuse=True):',
        '    w2 = tf.get_variable("weight", [3])',
      ),
    );
    assert.equal(outcome.name, 'encoder/weight');
    assert.deepEqual(outcome.didYouMean, ['encoder/weights']);
    assert.deepEqual(related, [
      '3 did you mean encoder/weights? created here',
      "5 reuse set by this scope's argument (line 5)",
    ]);
  });

  it('the names libraries use for the same weight: weights/kernel, biases/bias, W/w and b', () => {
    const kernel = missing(
      program(
        'with tf.variable_scope("fc"):',
        '    tf.get_variable("kernel", [3, 3])',
        '    tf.get_variable("bias", [3])',
        'with tf.variable_scope("fc", reuse=True):',
        '    tf.get_variable("weights", [3, 3])',
      ),
    );
    assert.deepEqual(kernel.outcome.didYouMean, ['fc/kernel']);
    const bias = missing(
      program(
        'with tf.variable_scope("fc"):',
        '    tf.get_variable("W", [3, 3])',
        '    tf.get_variable("b", [3])',
        'with tf.variable_scope("fc", reuse=True):',
        '    tf.get_variable("biases", [3])',
      ),
    );
    assert.deepEqual(bias.outcome.didYouMean, ['fc/b']);
  });

  it('the closest first; a different case before a rename before an edit', () => {
    const { outcome } = missing(
      program(
        'with tf.variable_scope("s"):',
        '    tf.get_variable("kernel", [1])',
        '    tf.get_variable("weigths", [1])',
        '    tf.get_variable("Weights", [1])',
        'with tf.variable_scope("s", reuse=True):',
        '    tf.get_variable("weights", [1])',
      ),
    );
    assert.deepEqual(outcome.didYouMean, ['s/Weights', 's/kernel', 's/weigths']);
  });

  it('the same name in a sibling scope when nothing in the scope is close', () => {
    const { outcome, related } = missing(
      program(
        'with tf.variable_scope("net"):',
        '    with tf.variable_scope("layer_1"):',
        '        tf.get_variable("w", [1])',
        '    with tf.variable_scope("layer_2", reuse=True):',
        '        tf.get_variable("w", [1])',
      ),
    );
    assert.deepEqual(outcome.didYouMean, ['net/layer_1/w']);
    assert.equal(related[0], '4 did you mean net/layer_1/w? created here');
  });

  it('nothing close: no suggestion (one-letter names are not typos of each other)', () => {
    const { outcome, related } = missing(
      program(
        'with tf.variable_scope("s"):',
        '    tf.get_variable("w", [1])',
        '    tf.get_variable("embedding", [1])',
        'with tf.variable_scope("s", reuse=True):',
        '    tf.get_variable("x", [1])',
      ),
    );
    assert.equal(outcome.didYouMean, undefined);
    assert.deepEqual(related, ["5 reuse set by this scope's argument (line 5)"]);
  });

  it('only names in the scope itself (or a sibling) are suggested', () => {
    const { outcome } = missing(
      program(
        'with tf.variable_scope("a"):',
        '    tf.get_variable("weights", [1])',
        'with tf.variable_scope("b", reuse=True):',
        '    with tf.variable_scope("c"):',
        '        tf.get_variable("weight", [1])',
      ),
    );
    assert.equal(outcome.didYouMean, undefined);
  });

  it('a store of 10,000 variables: suggestions from the scope asked about', function () {
    const lines = [
      'for i in range(100):',
      '    with tf.variable_scope("block%d" % i):',
      '        for j in range(100):',
      '            tf.get_variable("unit%d" % j, [1])',
      'with tf.variable_scope("block42", reuse=True):',
      '    tf.get_variable("unit7x", [1])',
    ];
    const r = analyze(program(...lines), { path: '/p/big.py' });
    assert.equal(r.variables.length, 10000);
    const o = r.callSites.flatMap((s) => s.outcomes).find((x) => x.code === 'TF-VAR-MISSING');
    assert.deepEqual(o?.didYouMean, ['block42/unit7', 'block42/unit70', 'block42/unit71']);
  });

  it('edit distance and closeness', () => {
    assert.equal(editDistance('weight', 'weights', 3), 1);
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('abc', 'xyzxyz', 2), 3); // past the limit: limit + 1
    assert.equal(closeness('w', 'b'), undefined);
    assert.equal(closeness('w', 'W'), 0.5);
    assert.equal(closeness('weights', 'kernel'), 1);
    assert.equal(closeness('embedding', 'w'), undefined);
    assert.ok((closeness('layer_1', 'layer_2') ?? 9) < 2);
  });
});
