# pins: random initializers called for an int or bool variable raise as TF 1.15's random ops do (a float mean or bound for an int dtype, maxval missing for ints, bool not a uniform dtype); zeros and int bounds pass
# oracle-override: Argument `dtype` got invalid value <dtype: 'bool'>. Accepted dtypes are (tf.float16, tf.bfloat16, tf.float32, tf.float64, tf.int32, tf.int64). => Invalid dtype tf.bool
# oracle-override: Expected bool, but got 0.0 of type 'float'. => Expected bool, got 0.0 of type 'float' instead.
# oracle-override: Expected int32, but got -0.9258200997725514 of type 'float'. => Expected int32, got -0.9258200997725514 of type 'float' instead.
# oracle-override: Expected int32, but got -1.0 of type 'float'. => Expected int32, got -1.0 of type 'float' instead.
# oracle-override: Expected int32, but got -1.0954451150103324 of type 'float'. => Expected int32, got -1.0954451150103324 of type 'float' instead.
# oracle-override: Expected int32, but got 0.0 of type 'float'. => Expected int32, got 0.0 of type 'float' instead.
import tensorflow as tf
for name, init in [("a", tf.random_normal_initializer()), ("b", tf.truncated_normal_initializer(stddev=0.1)),
                   ("c", tf.glorot_uniform_initializer()), ("d", tf.glorot_normal_initializer()),
                   ("e", tf.random_uniform_initializer()), ("f", tf.random_uniform_initializer(0, 10)),
                   ("g", tf.uniform_unit_scaling_initializer()), ("h", tf.variance_scaling_initializer(distribution="uniform")),
                   ("i", tf.zeros_initializer()), ("j", tf.random_uniform_initializer(-1.0, 1.0))]:
    for dtype in [tf.int32, tf.float64, tf.bool]:
        try:
            v = tf.get_variable(name + "_" + dtype.name, [3, 2], dtype=dtype, initializer=init)
            print("var", v.name, v.dtype)
        except (TypeError, ValueError) as e:
            print(type(e).__name__ + ":", str(e).split("\n")[0])
with tf.variable_scope("p", partitioner=tf.fixed_size_partitioner(2)):
    try:
        tf.get_variable("u", [4, 3], dtype=tf.int32, initializer=tf.glorot_uniform_initializer())
    except TypeError as e:
        print("TypeError:", e)
