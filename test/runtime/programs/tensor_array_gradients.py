# Gradients through a tf.TensorArray (TF 1.15: tensor_array_grad.py, a TensorArrayGradV3 array
# per source): through write and read, unstack and stack, scatter and gather; an element never
# read gets no gradient; gradients beside an array work, and its size is no path.
import tensorflow as tf

x = tf.constant([1.0, 2.0])
m = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])
y = tf.TensorArray(tf.float32, size=2).write(0, x * 2).write(1, x * x).read(1)
stacked = tf.TensorArray(tf.float32, size=3).unstack(m * m).stack()
picked = tf.TensorArray(tf.float32, size=3).scatter([2, 0], m[:2] * 3.0).gather([0])
grown = tf.TensorArray(tf.float32, size=0, dynamic_size=True).write(0, x)
beside = tf.reduce_sum(x * x) + tf.cast(grown.size(), tf.float32)
with tf.Session() as sess:
    print(sess.run(tf.gradients(tf.reduce_sum(y), x)[0]))
    print(sess.run(tf.gradients(tf.reduce_sum(stacked * m), m)[0]))
    print(sess.run(tf.gradients(tf.reduce_sum(picked), m)[0]))
    value, grad = sess.run([beside, tf.gradients(beside, x)[0]])
    print(float(value), grad)
