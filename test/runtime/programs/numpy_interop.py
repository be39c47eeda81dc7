import numpy as np
import tensorflow as tf

x = tf.constant(np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32))
print(x)
y = tf.constant(np.arange(3))
print(y)
p = tf.placeholder(np.float32, shape=[None, 2], name='p')
print(p)
z = x * 2
q = tf.placeholder(tf.int32, [3])
w = tf.Variable(np.zeros((2, 2), dtype=np.float32), name='w')
v = tf.get_variable('v', shape=[2], dtype=np.float32, initializer=tf.zeros_initializer())
print(tf.float32.as_numpy_dtype, tf.int32.as_numpy_dtype, tf.as_dtype(np.float32), tf.as_dtype(np.int64))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    r = sess.run(z)
    print(type(r), r, r.dtype, repr(r))
    s = sess.run(tf.reduce_sum(x))
    print(type(s), s, repr(s))
    print(sess.run(p + 1, feed_dict={p: np.ones((3, 2), dtype=np.float32)}))
    print(sess.run(q * 2, feed_dict={q: np.array([1, 2, 3])}))
    print(sess.run(w), sess.run(v))
    out = sess.run([z, y])
    print(out, isinstance(out[0], np.ndarray), np.mean(out[0]), out[0].shape)
