# pins: tf.name_scope does not prefix get_variable names, but it does prefix ops and tf.Variable names
import tensorflow as tf
with tf.name_scope("ns"):
    v = tf.get_variable("gv", [1])
    t = tf.Variable(1.0, name="tv")
    c = tf.constant(2.0, name="c")
print(v.name)
print(t.name)
print(c.name)
