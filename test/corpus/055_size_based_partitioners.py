# pins: variable_axis_size_partitioner and min_max_variable_partitioner choose the shard counts TF chooses
import tensorflow as tf
by_size = tf.variable_axis_size_partitioner(max_shard_bytes=64)
a = tf.get_variable("a", [10, 4], partitioner=by_size)
print([str(v.get_shape()) for v in a])
by_slice = tf.min_max_variable_partitioner(max_partitions=3, min_slice_size=16)
b = tf.get_variable("b", [20, 2], partitioner=by_slice)
print([str(v.get_shape()) for v in b])
c = tf.get_variable("c", [3, 2], partitioner=by_slice)
print(type(c).__name__, [str(v.get_shape()) for v in c])
