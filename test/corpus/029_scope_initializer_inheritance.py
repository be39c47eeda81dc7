# pins: a scope initializer is inherited by sub-scopes, overridden by an explicit one, dropped on string re-entry, kept on object re-entry
import tensorflow as tf
with tf.variable_scope("s", initializer=tf.constant_initializer(3.0)) as s:
    a = tf.get_variable("a", [2])
    with tf.variable_scope("kid"):
        b = tf.get_variable("b", [1])
        c = tf.get_variable("c", [1], initializer=tf.constant_initializer(-1.0))
with tf.variable_scope(s):
    d = tf.get_variable("d", [1])
with tf.variable_scope("s"):
    e = tf.get_variable("e", [1], dtype=tf.int32)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
for v in [a, b, c, d, e]:
    print(v.name, sess.run(v).tolist())
