# pins: reuse=True is inherited by nested string scopes, and a nested reuse=False does not turn it off
import tensorflow as tf
with tf.variable_scope("m"):
    with tf.variable_scope("sub"):
        x = tf.get_variable("x", [2])
with tf.variable_scope("m", reuse=True):
    with tf.variable_scope("sub", reuse=False):
        print(tf.get_variable_scope().reuse)
        x2 = tf.get_variable("x", [2])
print(x2 is x)
with tf.variable_scope("m", reuse=False):
    print(tf.get_variable_scope().reuse)
