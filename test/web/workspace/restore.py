# Reads the checkpoint saver.py saved into the workspace.
import numpy as np
import tensorflow.compat.v1 as tf

x = tf.placeholder(tf.float32, [None, 4])
with tf.variable_scope("model"):
    y = tf.layers.dense(x, 2)
with tf.Session() as sess:
    tf.train.Saver().restore(sess, tf.train.latest_checkpoint("saved"))
    kernel = [v for v in tf.global_variables() if v.name == "model/dense/kernel:0"][0]
    value = sess.run(kernel)
    print("restored", kernel.name, value.shape, float(np.sum(value)) / 2)
