# pins: a default-named variable scope and its name scope are uniquified independently ('s' vs 's_1/')
import tensorflow as tf
with tf.name_scope("s"):
    tf.constant(0, name="first")
with tf.variable_scope(None, default_name="s") as vs:
    print(vs.name)
    print(vs.original_name_scope)
    v = tf.get_variable("v", [1])
    print(tf.constant(0, name="op").name)
print(v.name)
