# pins: re-entering the root scope object names variables at the root and opens no name scope
import tensorflow as tf
root = tf.get_variable_scope()
with tf.variable_scope("a"):
    with tf.variable_scope(root):
        print(repr(tf.get_variable_scope().name))
        v = tf.get_variable("top", [1])
        print(tf.constant(1, name="t").name)
print(v.name)
