# pins: a PartitionedVariable has the dtype asked for; only its parts are reference variables
import tensorflow as tf
p = tf.get_variable("p", [4, 2], partitioner=tf.fixed_size_partitioner(2))
print(p.name, p.dtype)
print([v.dtype for v in p])
q = tf.get_variable("q", [6], dtype=tf.float64, partitioner=tf.fixed_size_partitioner(3))
print(q.name, q.dtype, [v.name for v in q])
with tf.variable_scope("s", partitioner=tf.fixed_size_partitioner(2)):
    r = tf.get_variable("r", [4], dtype=tf.int32)
print(r.name, r.dtype)
try:
    with tf.variable_scope(tf.get_variable_scope(), reuse=True):
        tf.get_variable("p", [4, 2], dtype=tf.int32, partitioner=tf.fixed_size_partitioner(2))
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
