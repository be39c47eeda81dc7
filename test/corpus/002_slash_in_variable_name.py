# pins: a '/' inside a get_variable name is part of the store key ('block' + 'gamma' finds 'block/gamma')
import tensorflow as tf
g = tf.get_variable("block/gamma", [3])
with tf.variable_scope("block", reuse=True):
    g2 = tf.get_variable("gamma", [3])
print(g2 is g)
print(g.name)
with tf.variable_scope("a/b"):
    h = tf.get_variable("c", [1])
print(h.name)
