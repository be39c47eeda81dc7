/**
 * What a tensor depends on (`Deps`, interpreter/tensors.ts) through a deep model: an optimizer
 * makes slots for exactly the variables its loss reaches. The unions of deps are kept as their
 * parts and flattened when read, so these check that reading them still gives every variable
 * of a long chain, of shared subexpressions (a diamond) and of lists, and none that a
 * `stop_gradient` cuts off or that the loss never reads.
 */
import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';

const DEEP = `import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 8])
h = x
for j in range(30):
    for i in range(10):
        with tf.variable_scope("l%d_%d" % (j, i)):
            w = tf.get_variable("w", [8, 8])
            h = tf.matmul(h, w)
cut = tf.get_variable("cut", [8, 8])
unused = tf.get_variable("unused", [8])
side = tf.get_variable("side", [8])
a = h * 2.0
b = tf.stop_gradient(tf.matmul(h, cut)) + 3.0
c = tf.add_n([a, b, h + side])
loss = tf.reduce_mean(c)
grads = tf.gradients(loss, [cut, unused, side, w])
train_op = tf.train.AdamOptimizer(0.001).minimize(loss)
`;

describe('deps through a deep model', () => {
  const analysis = analyzePython(DEEP);
  const names = new Set(analysis.variables.map((v) => v.name));

  it('analyses the whole model', () => {
    assert.equal(analysis.complete, true);
    // 300 chain weights, cut, unused, side, Adam's two powers, two slots each for the 301 the
    // loss reaches (the chain and side).
    assert.equal(analysis.variables.length, 300 + 3 + 2 + 2 * 301);
  });

  it('gives a slot to every variable of the chain, the first and the last', () => {
    for (const scope of ['l0_0', 'l14_5', 'l29_9']) {
      assert.ok(names.has(`${scope}/w/Adam:0`), `${scope}/w/Adam:0`);
      assert.ok(names.has(`${scope}/w/Adam_1:0`), `${scope}/w/Adam_1:0`);
    }
    assert.ok(names.has('side/Adam:0'));
  });

  it('gives none to a variable behind stop_gradient or never read', () => {
    for (const v of ['cut', 'unused']) {
      assert.ok(names.has(`${v}:0`));
      assert.ok(!names.has(`${v}/Adam:0`), `${v}/Adam:0`);
    }
  });
});
