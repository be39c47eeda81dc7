# pins: the default initializer is glorot_uniform for floats and zeros for ints and bools (seen in the op names)
import tensorflow as tf
with tf.variable_scope("init"):
    f = tf.get_variable("f", [2, 2])
    i = tf.get_variable("i", [3], dtype=tf.int64)
    b = tf.get_variable("b", [1], dtype=tf.bool)
print(f.initial_value.name)
print(i.initial_value.name)
print(b.initial_value.name)
sess = tf.Session()
sess.run(tf.global_variables_initializer())
print(sess.run(i).tolist())
print(sess.run(b).tolist())
