# tf.zeros and tf.ones of 1000 elements or more as array_ops.py (1.15) builds them: a Fill of
# the shape (`shape_as_tensor`) and the scalar (`Const`) converted in its scope (below 1000 a
# Const); their inputs, outputs and values.
import numpy as np
import tensorflow as tf
a = tf.zeros([40, 30])
b = tf.ones([50, 20], dtype=tf.int32, name="big")
c = tf.zeros([3, 2])
d = tf.ones([1000])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs], [o.name for o in op.outputs])
with tf.Session() as s:
    print([float(np.sum(v)) for v in s.run([a, b, c, d])])
