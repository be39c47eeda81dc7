# A layer call and a name bound to its result (the editor suite hovers h on the last line).
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 32])
with tf.variable_scope("model"):
    h = tf.layers.dense(x, 64, name="fc1")
y = h * 2
