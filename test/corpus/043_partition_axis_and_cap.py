# pins: fixed_size_partitioner on axis 1, and the shard count capped at the dimension size
import tensorflow as tf
a = tf.get_variable("wide", [2, 5], partitioner=tf.fixed_size_partitioner(2, axis=1))
b = tf.get_variable("short", [2, 3], partitioner=tf.fixed_size_partitioner(6))
print([str(v.get_shape()) for v in a])
print([v.name for v in b])
print([str(v.get_shape()) for v in b])
