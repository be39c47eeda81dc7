# pins: every shard of a partitioned variable gets its own regularization loss under 'p/part_N/Regularizer/'
import tensorflow as tf
with tf.variable_scope("s", regularizer=lambda w: tf.reduce_sum(w, name="sum")):
    tf.get_variable("p", [5, 1], partitioner=tf.fixed_size_partitioner(2))
print([l.name for l in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)])
