# tf.scan as TF 1.15's while loop (functional_ops.py): a running sum over an unknown count,
# with an initializer and a structure of accumulators, in reverse, and its gradients.
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 2], name='x')
w = tf.get_variable('w', initializer=tf.constant([0.5, -1.5]))
running = tf.scan(lambda a, e: a + e, x)
decayed = tf.scan(lambda a, e: a * 0.5 + e * w, x, initializer=tf.zeros([2]))
pair = tf.scan(lambda a, e: (a[0] + e, a[1] * e), tf.constant([1.0, 2.0, 3.0]),
               initializer=(tf.constant(0.0), tf.constant(1.0)))
backwards = tf.scan(lambda a, e: a + e, x, reverse=True, name='back')
grads = tf.gradients(tf.reduce_sum(decayed ** 2) + tf.reduce_sum(backwards * running), [w, x])
for t in [running, decayed, pair[0], pair[1], backwards]:
    print(t.name, t.shape)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.arange(8).reshape(4, 2).astype(np.float32) - 3.0}
    print(sess.run(running, feed).tolist())
    print(sess.run(decayed, feed).tolist())
    print([v.tolist() for v in sess.run(pair)])
    print(sess.run(backwards, feed).tolist())
    print([g.tolist() for g in sess.run(grads, feed)])
