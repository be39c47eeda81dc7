# pins: a nested AUTO_REUSE relaxes reuse=True, while a nested reuse=True inside AUTO_REUSE is strict
import tensorflow as tf
with tf.variable_scope("r", reuse=True):
    with tf.variable_scope("inner", reuse=tf.AUTO_REUSE):
        v = tf.get_variable("fresh", [1])
        print(tf.get_variable_scope().reuse)
print(v.name)
with tf.variable_scope("q", reuse=tf.AUTO_REUSE):
    with tf.variable_scope("deep", reuse=True):
        print(tf.get_variable_scope().reuse)
        try:
            tf.get_variable("nothing", [1])
        except ValueError as e:
            print("ValueError:", str(e).splitlines()[0])
