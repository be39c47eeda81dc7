# A block to run with Run Selection (lines 5-7, indented as in the function).
import tensorflow as tf

def build():
    with tf.variable_scope("layer"):
        w = tf.get_variable("w", [2, 2], initializer=tf.ones_initializer())
        print("built", w.name, w.shape)
    return w

build()
