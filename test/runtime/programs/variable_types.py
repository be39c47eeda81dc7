# Classes, module paths and op types as TF 1.15 reports them for ref and resource variables.
import tensorflow as tf
v = tf.get_variable("v", [1])
r = tf.get_variable("r", [1], use_resource=True)
x = tf.Variable(1.0)
print(type(v).__name__, type(r).__name__, type(x).__name__, isinstance(v, tf.Variable))
print(type(v), type(tf.constant(1)), type(tf.get_variable_scope()), type(v.get_shape()), type(v.dtype))
print(v.op.type, r.op.type, v.value().name, r.value().name)
