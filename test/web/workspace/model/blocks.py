import tensorflow.compat.v1 as tf


def dense_block(x, units):
    with tf.variable_scope("block"):
        kernel = tf.get_variable("kernel", [x.shape[-1], units])
        return tf.matmul(x, kernel)
