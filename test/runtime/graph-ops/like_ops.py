# tf.zeros_like and tf.ones_like as array_ops.py (1.15) builds them: a fully defined shape gives
# a zeros Const (a Fill when large) and the ones' Shape Const, Const and Fill; an unknown one the
# ZerosLike op or a Shape op; another dtype; values.
# array_ops.py (1.15) shape_internal: `constant(shape.as_list(), out_type, name=name)`, the
# Const named `Shape` (2.21: `Shape/shape_as_tensor`).
# oracle-override: /Shape/shape_as_tensor Const => /Shape Const
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
u = tf.placeholder(tf.float32, [None, 3], name="u")
outs = [tf.zeros_like(x), tf.ones_like(x), tf.zeros_like(u), tf.ones_like(u),
        tf.zeros_like(u, dtype=tf.int32), tf.ones_like(x, dtype=tf.int32, name="ones_int"),
        tf.zeros_like(x, dtype=tf.bool), tf.ones_like(tf.constant([True, False]))]
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
for t in outs:
    print(t.name, t.shape, t.dtype)
with tf.Session() as sess:
    for v in sess.run(outs, {x: np.ones([2, 3]), u: np.ones([4, 3])}):
        print(v.tolist())
