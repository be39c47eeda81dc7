# pins: reuse (True or AUTO_REUSE) checks the shape; reuse without a shape returns the stored variable
import tensorflow as tf
with tf.variable_scope("fc"):
    w = tf.get_variable("w", [3, 4])
with tf.variable_scope("fc", reuse=True):
    try:
        tf.get_variable("w", [4, 3])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
    print(tf.get_variable("w") is w)
with tf.variable_scope("fc", reuse=tf.AUTO_REUSE):
    try:
        tf.get_variable("w", [12])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
