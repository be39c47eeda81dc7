# tf.shape, tf.size and tf.rank: a statically known answer is a Const named as the op would be
# (array_ops.shape_internal, size_internal, rank_internal with optimize=True), an unknown one
# the op; the values are the same either way.
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
y = tf.placeholder(tf.float32, [None, 3], name="y")
z = tf.placeholder(tf.float32, None, name="z")
e = tf.placeholder(tf.float32, [None, 0], name="e")
outs = [tf.shape(x), tf.shape(y), tf.shape(z), tf.shape(x, name="sx"), tf.size(x), tf.size(y),
        tf.size(e), tf.rank(x), tf.rank(z), tf.rank(y, name="ry")]
print([t.name for t in outs])
print([str(t.shape) for t in outs])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    feed = {x: np.zeros([2, 3]), y: np.zeros([4, 3]), z: np.zeros([5, 1, 2]),
            e: np.zeros([2, 0])}
    for v in sess.run(outs, feed):
        print(v)
