"""Two towers that should share weights, and the way this usually goes wrong.

`scope-lens check examples/python/siamese_towers.py` reports it before anything runs.
"""
import tensorflow.compat.v1 as tf


def tower(x, n_in, n_out):
    w = tf.get_variable("w", [n_in, n_out], initializer=tf.glorot_uniform_initializer())
    b = tf.get_variable("b", [n_out], initializer=tf.zeros_initializer())
    return tf.nn.relu(tf.matmul(x, w) + b)


left = tf.placeholder(tf.float32, [None, 128])
right = tf.placeholder(tf.float32, [None, 128])

# Right: the second call reuses the first call's variables.
with tf.variable_scope("siamese") as scope:
    out_left = tower(left, 128, 64)
    scope.reuse_variables()
    out_right = tower(right, 128, 64)

# Wrong: a second tower in the same scope without reuse.
with tf.variable_scope("encoder"):
    enc_left = tower(left, 128, 64)
with tf.variable_scope("encoder"):
    enc_right = tower(right, 128, 64)
