# pins: partitioned reuse errors: changed partitions, plain-then-partitioned, partitioned-then-plain, duplicate, missing
import tensorflow as tf
part = tf.fixed_size_partitioner(2)
def attempt(fn):
    try:
        fn()
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
tf.get_variable("pv", [4, 2], partitioner=part)
tf.get_variable("plain", [4, 2])
with tf.variable_scope(tf.get_variable_scope(), reuse=True):
    attempt(lambda: tf.get_variable("pv", [4, 2], partitioner=tf.fixed_size_partitioner(4)))
    attempt(lambda: tf.get_variable("plain", [4, 2], partitioner=part))
    attempt(lambda: tf.get_variable("pv", [4, 2]).name)
    attempt(lambda: tf.get_variable("gone", [4, 2], partitioner=part))
attempt(lambda: tf.get_variable("pv", [4, 2], partitioner=part))
attempt(lambda: tf.get_variable("plain", [4, 2], partitioner=part))
attempt(lambda: tf.get_variable("unknown", [None, 2], partitioner=part, initializer=tf.zeros_initializer()))
