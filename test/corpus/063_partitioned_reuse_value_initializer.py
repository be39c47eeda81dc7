# pins: reusing a partitioned variable without a partitioner goes through _get_partitioned_variable, which takes the shape only from a Tensor initializer: a Python value leaves it unknown (the dtype check then speaks), a tf.constant gives () (the shape check speaks); a new partitioned variable slices a value initializer per part under <part>/PartitionedInitializer, so a scalar fails the Slice shape function
# oracle-override: '{{node fresh/x/part_0/PartitionedInitializer/Slice}} = Slice[Index=DT_INT32, T=DT_FLOAT](fresh/x/part_0/PartitionedInitializer/Const, fresh/x/part_0/PartitionedInitializer/Slice/begin, fresh/x/part_0/PartitionedInitializer/Slice/size)' => 'fresh/x/part_0/PartitionedInitializer/Slice' (op: 'Slice')
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
with tf.Graph().as_default(), tf.variable_scope("fresh"):
    for init in [3, tf.constant(3.0), [[1.0, 2.0]] * 4]:
        try:
            x = tf.get_variable("x", [4, 2], initializer=init, partitioner=tf.fixed_size_partitioner(2))
            print("var", x.name, x.dtype, [p.name for p in x])
        except ValueError as e:
            print("ValueError", str(e).split("\n")[0])
    print([v.name for v in tf.global_variables()])
