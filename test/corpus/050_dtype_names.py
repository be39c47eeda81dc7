# pins: printing dtypes: '<dtype: ...>', the '_ref' of a RefVariable, base_dtype, and name
import tensorflow as tf
v = tf.get_variable("v", [1], dtype=tf.float64)
i = tf.get_variable("i", [1], dtype=tf.int32)
print(v.dtype)
print(v.dtype.base_dtype)
print(v.dtype.name)
print(i.dtype.base_dtype.name)
print(tf.float16)
print(repr(tf.int8))
print(v.dtype == tf.float64, v.dtype.base_dtype == tf.float64)
print(v)
