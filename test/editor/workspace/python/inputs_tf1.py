"""A TF 1.x file: the TF2 hint sits on its import."""
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 4])
y = tf.matmul(x, w)
