import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3])
y = tf.contrib.foo.bar(x)
