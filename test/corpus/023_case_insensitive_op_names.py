# pins: op names are uniquified case-insensitively and apart from the store, so a variable can be 'w_1:0' keyed 'w'
import tensorflow as tf
print(tf.constant(0, name="Val").name)
print(tf.constant(0, name="val").name)
tf.constant(0.0, name="W")
w = tf.get_variable("w", [1])
print(w.name)
with tf.variable_scope(tf.get_variable_scope(), reuse=True):
    print(tf.get_variable("w", [1]) is w)
with tf.variable_scope("Enc"):
    pass
with tf.variable_scope("enc"):
    e = tf.get_variable("e", [1])
    print(tf.constant(0, name="k").name)
print(e.name)
