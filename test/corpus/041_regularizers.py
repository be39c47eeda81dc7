# pins: regularizer losses are built under '<var>/Regularizer/', inherited from scopes, set_regularizer, no_regularizer, none on reuse
import tensorflow as tf
def half_sum(w):
    return tf.multiply(0.5, tf.reduce_sum(w), name="half_sum")
def nothing(w):
    return None
with tf.variable_scope("r", regularizer=half_sum, initializer=tf.ones_initializer()) as r:
    a = tf.get_variable("a", [2])
    b = tf.get_variable("b", [3], regularizer=tf.no_regularizer)
    c = tf.get_variable("c", [1], regularizer=nothing)
    r.set_regularizer(lambda w: tf.reduce_sum(w, name="plain"))
    d = tf.get_variable("d", [4])
with tf.variable_scope(r, reuse=True):
    tf.get_variable("a", [2])
losses = tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)
print([l.name for l in losses])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print([float(x) for x in sess.run(losses)])
