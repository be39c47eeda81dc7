# initial_value, initialized_value() and re-running an initializer restore the initial value.
import tensorflow as tf
v = tf.get_variable("v", [2], initializer=tf.constant_initializer(3.0))
w = tf.get_variable("w", initializer=tf.constant([1, 2]))
print(v.initial_value.name, w.initial_value.dtype)
with tf.Session() as sess:
    print(sess.run(v.initialized_value()))
    sess.run(tf.global_variables_initializer())
    sess.run(v.assign([5.0, 6.0]))
    print(sess.run(v), sess.run(v.initial_value))
    sess.run(v.initializer)
    print(sess.run(v), sess.run(w))
    sess.run(tf.variables_initializer([w]))
    print(sess.run(w + 1))
