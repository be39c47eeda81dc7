# pins: reuse_variables() on the root scope lasts for the rest of the graph; new variables then raise
import tensorflow as tf
first = tf.get_variable("first", [1])
tf.get_variable_scope().reuse_variables()
print(tf.get_variable("first", [1]) is first)
with tf.variable_scope("later"):
    print(tf.get_variable_scope().reuse)
    try:
        tf.get_variable("second", [1])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
print(tf.get_variable_scope().reuse)
