# pins: re-entering a scope object takes the captured reuse (outer reuse=True ignored; captured True stays)
import tensorflow as tf
with tf.variable_scope("cap") as cap:
    pass
with tf.variable_scope("other"):
    tf.get_variable("u", [1])
with tf.variable_scope("other", reuse=True):
    with tf.variable_scope(cap):
        print(tf.get_variable_scope().reuse)
        c = tf.get_variable("c", [1])
        print(tf.get_variable_scope().name)
print(c.name)
with tf.variable_scope("held", reuse=True) as held:
    pass
with tf.variable_scope(held, reuse=False):
    print(tf.get_variable_scope().reuse)
