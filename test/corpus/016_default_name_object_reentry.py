# pins: default_name counters under scope-object re-entry: restored after the object scope exits
import tensorflow as tf
with tf.variable_scope("net") as net:
    with tf.variable_scope(None, default_name="layer"):
        print(tf.get_variable_scope().name)
    with tf.variable_scope(net):
        with tf.variable_scope(None, default_name="layer"):
            print(tf.get_variable_scope().name)
    with tf.variable_scope(None, default_name="layer"):
        print(tf.get_variable_scope().name)
with tf.variable_scope(net):
    with tf.variable_scope(None, default_name="unit"):
        print(tf.get_variable_scope().name)
with tf.variable_scope(net):
    with tf.variable_scope(None, default_name="unit"):
        print(tf.get_variable_scope().name)
