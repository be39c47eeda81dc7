# build_model is called twice without reuse: the second call (line 13) is the mistake.
import tensorflow as tf


def build_model(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w_out", [4, 2])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 4])
a = build_model(x)
b = build_model(x)
