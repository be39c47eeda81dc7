# pins: a resource variable's dtype has no '_ref', so its dtype-mismatch message says 'float32'
import tensorflow as tf
r = tf.get_variable("r", [2], use_resource=True)
print(r.dtype)
print(type(r).__name__)
with tf.variable_scope(tf.get_variable_scope(), reuse=True):
    try:
        tf.get_variable("r", [2], dtype=tf.int64)
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
