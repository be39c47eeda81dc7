# tf.reduce_all / tf.reduce_any and the asserts built on them: math_ops.py `_ReductionDims`
# gives the op its axes input as for reduce_sum: a `Const` of all axes when the rank is known,
# `Rank` and `range` when it is not, `<op>/reduction_indices` for given axes. The ops printed
# are the reductions and their axes (TF 2.21 words the asserts' data differently from 1.15).
import numpy as np
import tensorflow as tf

x = tf.constant([1., 2.])
y = tf.placeholder(tf.float32, [2])
z = tf.placeholder(tf.float32)
checks = [tf.assert_less(x, z), tf.assert_greater(y, x, name="pos")]
r1 = tf.reduce_all(tf.equal(x, y))
r2 = tf.reduce_all(tf.equal(z, z))
r3 = tf.reduce_any(tf.greater(tf.zeros([2, 3]), 0.), axis=1, keepdims=True)
r4 = tf.reduce_any(tf.less(z, 0.), name="neg")
for op in tf.get_default_graph().get_operations():
    if op.type in ("All", "Any", "Rank", "Range"):
        for t in op.inputs:
            print("  ", t.op.name, t.op.type)
        print(op.name, op.type, [t.name for t in op.inputs])
print(r1, r2, r3, r4)
with tf.Session() as sess:
    print(sess.run([r1, r2, r3, r4], {y: [1., 2.], z: [[3., -1.]]}))
    with tf.control_dependencies(checks):
        out = tf.identity(y)
    print(sess.run(out, {y: [3., 4.], z: 5.}))
    try:
        sess.run(out, {y: [3., 4.], z: 1.5})
    except tf.errors.InvalidArgumentError as e:
        print("InvalidArgumentError")
