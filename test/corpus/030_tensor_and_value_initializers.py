# pins: a tensor or Python value initializer fixes dtype and shape; with a shape it raises 'do not specify shape'
import tensorflow as tf
t = tf.get_variable("t", initializer=tf.constant([1, 2, 3]))
s = tf.get_variable("s", initializer=2.5)
m = tf.get_variable("m", initializer=[[1.0, 2.0]])
print(t.dtype, t.get_shape())
print(s.dtype, s.get_shape())
print(m.dtype, m.get_shape())
try:
    tf.get_variable("bad", [3], initializer=tf.constant([1.0, 2.0, 3.0]))
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
sess = tf.Session()
sess.run(tf.global_variables_initializer())
print(sess.run(t).tolist(), sess.run(s).tolist(), sess.run(m).tolist())
