# pins: collections=[...] replaces GLOBAL_VARIABLES, trainable=False skips TRAINABLE_VARIABLES, reuse adds nothing
import tensorflow as tf
a = tf.get_variable("a", [1])
b = tf.get_variable("b", [1], trainable=False)
c = tf.get_variable("c", [1], collections=["mine"])
d = tf.get_variable("d", [1], collections=["mine", tf.GraphKeys.GLOBAL_VARIABLES])
with tf.variable_scope(tf.get_variable_scope(), reuse=True):
    tf.get_variable("a", [1])
print([v.name for v in tf.global_variables()])
print([v.name for v in tf.trainable_variables()])
print([v.name for v in tf.get_collection("mine")])
tf.add_to_collection("mine", a)
tf.add_to_collection("mine", a)
print(len(tf.get_collection("mine")))
