import tensorflow as tf

big = tf.get_variable("big", [100000, 100000])
small = tf.get_variable("small", [3])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
