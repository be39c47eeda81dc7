# pins: reusing a partitioned variable without a partitioner goes through _get_partitioned_variable, which takes the shape only from a Tensor initializer: a Python value leaves it unknown (the dtype check then speaks), a tf.constant gives () (the shape check speaks)
import tensorflow as tf

p = tf.get_variable("b", [6, 3], partitioner=tf.fixed_size_partitioner(2))
tf.get_variable_scope().reuse_variables()
for init in [3, [1.0, 2.0], tf.constant(3)]:
    try:
        v = tf.get_variable("b", initializer=init, dtype=tf.int32)
        print("var", v.name)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, str(e).split("\n")[0])
print([v.name for v in tf.global_variables()])
