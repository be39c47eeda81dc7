# pins: a tensor initializer's dtype becomes the variable's even when it is int64 or float64
import tensorflow as tf
r = tf.get_variable("r", initializer=tf.constant([2, 3], dtype=tf.int64))
f = tf.get_variable("f", initializer=tf.constant([0.5], dtype=tf.float64))
print(r.dtype, r.get_shape())
print(f.dtype, f.get_shape())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(r).tolist(), sess.run(f).tolist())
