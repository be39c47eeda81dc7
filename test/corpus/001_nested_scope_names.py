# pins: nested variable_scope names join with '/', the root scope is named '', op.name drops ':0'
import tensorflow as tf
print(repr(tf.get_variable_scope().name))
with tf.variable_scope("encoder"):
    with tf.variable_scope("layer0"):
        w = tf.get_variable("kernel", [4, 2])
        print(tf.get_variable_scope().name)
    b = tf.get_variable("bias", [2])
print(w.name)
print(w.op.name)
print(b.name)
print(w.get_shape())
print(b.get_shape())
