# pins: a scope dtype is the default for its variables and sub-scopes; an explicit dtype wins; string re-entry drops it
import tensorflow as tf
with tf.variable_scope("wide", dtype=tf.float64) as wide:
    a = tf.get_variable("a", [1])
    with tf.variable_scope("inner"):
        b = tf.get_variable("b", [1])
    c = tf.get_variable("c", [1], dtype=tf.float16)
with tf.variable_scope(wide):
    d = tf.get_variable("d", [1])
with tf.variable_scope("wide"):
    e = tf.get_variable("e", [1])
for v in (a, b, c, d, e):
    print(v.name, v.dtype)
