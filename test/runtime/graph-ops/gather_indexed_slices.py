# tf.gradients of gathers: an IndexedSlices (array_grad.py _GatherV2Grad), its tensors, its
# value, its dense conversion, and the aggregation of several gradients of one variable.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   GatherV2: array_grad.py _GatherV2Grad, params_shape = math_ops.cast(array_ops.shape(params,
#     out_type=int64), int32): a Cast op (2.21 folds it), the IndexedSlices' dense_shape
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients_1/grad_ys_0/Const Const\ngradients_1/grad_ys_0 Fill => gradients_1/grad_ys_0 Const\ngradients_1/Fill Fill
# oracle-override: embedding_lookup_grad/Shape:0 => embedding_lookup_grad/Cast:0
# oracle-override: gradients/embedding_lookup_grad/Shape Const => gradients/embedding_lookup_grad/Shape Const\ngradients/embedding_lookup_grad/Cast Cast
# oracle-override: gradients_1/GatherV2_grad/Shape Const => gradients_1/GatherV2_grad/Shape Const\ngradients_1/GatherV2_grad/Cast Cast
# oracle-override: gradients_1/embedding_lookup_grad/Shape Const => gradients_1/embedding_lookup_grad/Shape Const\ngradients_1/embedding_lookup_grad/Cast Cast
import numpy as np
import tensorflow as tf

w = tf.get_variable("w", initializer=tf.constant(np.arange(8, dtype=np.float32).reshape(4, 2)))
ids = tf.constant([3, 0, 3], name="ids")
e = tf.nn.embedding_lookup(w, ids)
loss = tf.reduce_sum(e * e)
g, = tf.gradients(loss, [w])
print(type(g).__name__, isinstance(g, tf.IndexedSlices), isinstance(g, tf.Tensor))
print(g)
print(g.values.name, g.indices.name, g.dense_shape.name, g.name, g.dtype)
dense = tf.convert_to_tensor(g)
print(dense.op.type)
# Two gathers of one variable: their slices concatenated.
g2, = tf.gradients(tf.reduce_sum(tf.gather(w, [1, 2])) + loss, [w])
print(type(g2).__name__, g2.values.op.type, g2.indices.op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(g))
    print(sess.run(dense))
    print(sess.run(tf.convert_to_tensor(g2)))
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("gradients"):
        print(op.name, op.type)
