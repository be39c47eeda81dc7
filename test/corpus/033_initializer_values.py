# pins: constant (scalar and list), ones and zeros initializers give the values TF computes
import tensorflow as tf
c = tf.get_variable("c", [2, 2], initializer=tf.constant_initializer(0.25))
l = tf.get_variable("l", [3], initializer=tf.constant_initializer([1, 2, 3]))
o = tf.get_variable("o", [2], dtype=tf.int32, initializer=tf.ones_initializer())
z = tf.get_variable("z", [1, 2], initializer=tf.zeros_initializer())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in (c, l, o, z):
        print(sess.run(v).tolist())
