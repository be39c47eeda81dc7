import tensorflow.compat.v1 as tf


def tower(x):
    w = tf.get_variable("w", [128, 64])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 128])
with tf.variable_scope("siamese") as scope:
    left = tower(x)
    scope.reuse_variables()
    right = tower(x)

with tf.variable_scope("encoder"):
    a = tower(x)
with tf.variable_scope("encoder"):
    b = tower(x)
