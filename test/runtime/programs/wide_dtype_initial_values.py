# int64 and float64 tensors keep their dtype as initial values: tf.Variable, a zero-argument
# initializer function, a scope initializer and a Python int too large for int32
import tensorflow as tf
a = tf.Variable(tf.constant([1, 2], dtype=tf.int64), name="a")
b = tf.get_variable("b", initializer=lambda: tf.constant(0.25, dtype=tf.float64))
c = tf.get_variable("c", initializer=[2 ** 40, 3])
with tf.variable_scope("s", initializer=tf.constant([7, 8], dtype=tf.int64)):
    d = tf.get_variable("d")
print(a.dtype, b.dtype, c.dtype, d.dtype, d.get_shape())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(a).tolist(), sess.run(b), sess.run(d).tolist())
