# A small image classifier built with tf.layers: its variables (batch normalization's moving
# statistics included) in the Variables view, with shapes and parameter counts.
import tensorflow as tf

images = tf.placeholder(tf.float32, [None, 28, 28, 1], name="images")
with tf.variable_scope("classifier"):
    net = tf.layers.conv2d(images, 8, 3, padding="same", use_bias=False, name="conv")
    net = tf.layers.batch_normalization(net, training=True, name="bn")
    net = tf.layers.max_pooling2d(tf.nn.relu(net), 2, 2)
    net = tf.layers.dense(tf.layers.flatten(net), 32, activation=tf.nn.relu, name="fc")
    logits = tf.layers.dense(net, 10, name="logits")
