# Graph tensors print symbolically; Session.run returns arrays printed as NumPy prints them.
import tensorflow as tf
a = tf.constant([[1., 2.], [3., 4.]])
b = tf.constant([[1., 0.], [0., 1.]])
c = tf.matmul(a, b)
d = a + 1
print(c)
print(d)
x = tf.placeholder(tf.float32, shape=[None, 2], name="x")
y = tf.reduce_sum(x * 2, axis=1)
print(x)
print(y)
print(x.get_shape(), y.shape.as_list())
with tf.Session() as sess:
    print(sess.run(c))
    print(sess.run(d))
    print(sess.run(y, feed_dict={x: [[1, 2], [3, 4]]}))
    print(sess.run([c, d])[1].tolist())
