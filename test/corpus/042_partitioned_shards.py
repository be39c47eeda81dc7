# pins: fixed_size_partitioner shards 'name/part_N' (earlier shards take the remainder); scalars ignore the partitioner
import tensorflow as tf
with tf.variable_scope("emb", partitioner=tf.fixed_size_partitioner(3)):
    p = tf.get_variable("table", [10, 4])
    s = tf.get_variable("scalar", [])
print(p.name)
print(type(p).__name__)
print([v.name for v in p])
print([str(v.get_shape()) for v in p])
print(p.get_shape())
print(s.name)
print(len(tf.global_variables()))
with tf.variable_scope("emb", reuse=True):
    print(tf.get_variable("table") is p)
