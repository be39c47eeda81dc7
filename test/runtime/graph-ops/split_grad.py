# tf.split by a number and its gradient (Split: concat of the outputs' gradients along the
# op's own split_dim input; an unused output's gradient is zeros).
# oracle-override lines below give TF 1.15's ops where TF 2.21 builds others:
#   array_ops.py split: 1.15 converts num_or_size_splits first, a number too (a Const named
#     `Const` before the op's scope); 2.21 converts only a list
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
# oracle-override: mul Mul => mul Mul\nConst Const
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 6], name="x")
w = tf.get_variable("w", [2, 6], initializer=tf.constant_initializer(0.5))
parts = tf.split(x * w, 3, axis=1)
loss = tf.reduce_sum(parts[0] * parts[2], axis=[0, 1])
grads = tf.gradients(loss, [w, x])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.arange(12, dtype=np.float32).reshape([2, 6]) / 4.0}
    for g in sess.run(grads, feed):
        print(np.round(g, 4))
