import tensorflow as tf


def encoder(x):
    with tf.variable_scope("encoder"):
        w = tf.get_variable("weights", [3, 4])
        b = tf.get_variable("biases", [4])
        return tf.matmul(x, w) + b


x = tf.placeholder(tf.float32, [None, 3])
h1 = encoder(x)
with tf.variable_scope("encoder", reuse=True):
    w = tf.get_variable("weight", [3, 4])
