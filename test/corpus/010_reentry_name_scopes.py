# pins: re-entering a scope (by string or object) opens a new name scope: ops go to 'blk_1/', variables stay in 'blk/'
import tensorflow as tf
with tf.variable_scope("blk") as blk:
    w = tf.get_variable("w", [1])
    c1 = tf.constant(1.0, name="c")
with tf.variable_scope("blk", reuse=True):
    w2 = tf.get_variable("w", [1])
    c2 = tf.constant(1.0, name="c")
with tf.variable_scope(blk, reuse=True):
    w3 = tf.get_variable("w", [1])
    c3 = tf.constant(1.0, name="c")
print(w2 is w and w3 is w)
print(c1.name)
print(c2.name)
print(c3.name)
print(blk.original_name_scope)
