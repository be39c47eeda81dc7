# The static shape of ops whose shape argument is a packed list (tf.zeros, tf.ones, tf.fill,
# tf.tile): TF's shape inference reads a known dimension sliced from tf.shape in the list
# (the zero state of a Keras RNN, `tf.zeros([tf.shape(x)[0], units])`), else leaves it unknown.
import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 7, 3])
u = tf.placeholder(tf.float32, [None, 7, 3])
print(tf.zeros([tf.shape(x)[0], 6]).shape, tf.zeros([tf.shape(u)[0], 6]).shape)
print(tf.ones([tf.shape(x)[1], tf.shape(x)[0] * 2]).shape, tf.fill([tf.shape(u)[1], 2], 1.0).shape)
print(tf.tile(x, [tf.shape(x)[0], 1, 1]).shape, tf.tile(u, [1, tf.shape(u)[2], 1]).shape)
with tf.Session() as sess:
    print(sess.run(tf.zeros([tf.shape(u)[0], 2]), {u: [[[0.0] * 3] * 7] * 2}).shape)
