# tf.map_fn as TF 1.15's while loop (map_fn.py): over a count unknown when the graph is built
# (and none at all), over a known count, nested elements with a dtype structure, and an fn that
# creates a variable (made once, in the loop body's scope); names, shapes, values, gradients.
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3], name='x')
squares = tf.map_fn(lambda r: tf.reduce_sum(r * r), x)
doubled, shifted = tf.map_fn(lambda p: (p[0] * 2.0, p[1] + 1), (x, tf.cast(x, tf.int32)),
                             dtype=(tf.float32, tf.int32))
known = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])


def scale(row):
    w = tf.get_variable('w', [2], initializer=tf.constant_initializer([0.5, -2.0]))
    return row * w


with tf.variable_scope('layer'):
    scaled = tf.map_fn(scale, known, name='scaled')
grads = tf.gradients(tf.reduce_sum(scaled ** 2) + tf.reduce_sum(squares),
                     tf.trainable_variables() + [x])
for t in [squares, doubled, shifted, scaled]:
    print(t.name, t.shape, t.dtype)
for v in tf.global_variables():
    print(v.name, v.shape)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.arange(12).reshape(4, 3).astype(np.float32)}
    print(sess.run(squares, feed).tolist())
    d, s = sess.run([doubled, shifted], feed)
    print(d.tolist(), s.tolist())
    print(sess.run(scaled).tolist())
    print([g.tolist() for g in sess.run(grads, feed)])
    print(sess.run(squares, {x: np.zeros([0, 3], np.float32)}).tolist())
