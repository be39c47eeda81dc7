import tensorflow.compat.v1 as tf
from model.blocks import dense_block

x = tf.placeholder(tf.float32, [None, 32])
with tf.variable_scope("net"):
    h = dense_block(x, 16)
