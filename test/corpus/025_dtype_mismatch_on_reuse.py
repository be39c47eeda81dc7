# pins: reuse checks the dtype ('float32_ref' found); an int initializer makes an int32 variable that float32 reuse rejects
import tensorflow as tf
v = tf.get_variable("v", [2], dtype=tf.float32)
n = tf.get_variable("n", initializer=7)
print(n.dtype)
with tf.variable_scope(tf.get_variable_scope(), reuse=True):
    try:
        tf.get_variable("v", [2], dtype=tf.float64)
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
    try:
        tf.get_variable("n")
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
    print(tf.get_variable("n", dtype=tf.int32) is n)
