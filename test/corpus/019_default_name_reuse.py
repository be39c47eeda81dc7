# pins: reuse=True without name_or_scope raises; a default-named scope inherits the parent's reuse
import tensorflow as tf
try:
    with tf.variable_scope(None, default_name="anon", reuse=True):
        pass
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    with tf.variable_scope(None, default_name="anon", reuse=tf.AUTO_REUSE):
        pass
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
with tf.variable_scope("parent", reuse=True):
    with tf.variable_scope(None, default_name="anon"):
        print(tf.get_variable_scope().name)
        print(tf.get_variable_scope().reuse)
