import tensorflow.compat.v1 as tf

with tf.variable_scope("model"):
    w = tf.get_variable("w", [3, 3])

x = tf.matmul(w, w
y = 1
