# A variable both gathered and used densely: one dense gradient and one IndexedSlices.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   GatherV2: array_grad.py _GatherV2Grad, params_shape = math_ops.cast(array_ops.shape(params,
#     out_type=int64), int32): a Cast op (2.21 folds it), the IndexedSlices' dense_shape
#   aggregation: gradients_util.py _AggregatedGrads -> _AggregateIndexedSlicesGradients: with an
#     IndexedSlices among the gradients, every one is made slices (math_ops._as_indexed_slices:
#     shape, range(shape[0])) and their values and indices concatenated; 2.21 adds them densely
# oracle-override: SymbolicTensor => IndexedSlices
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/GatherV2_grad/Shape Const => gradients/GatherV2_grad/Shape Const\ngradients/GatherV2_grad/Cast Cast
# oracle-override: gradients/AddN/strided_slice/stack Const\ngradients/AddN/strided_slice/stack_1 Const\ngradients/AddN/strided_slice/stack_2 Const\ngradients/AddN/strided_slice StridedSlice\ngradients/AddN/inputs_1 UnsortedSegmentSum\ngradients/AddN AddN => gradients/Shape_1 Const\ngradients/strided_slice/stack Const\ngradients/strided_slice/stack_1 Const\ngradients/strided_slice/stack_2 Const\ngradients/strided_slice StridedSlice\ngradients/range/start Const\ngradients/range/delta Const\ngradients/range Range\ngradients/concat/axis Const\ngradients/concat ConcatV2\ngradients/concat_1/axis Const\ngradients/concat_1 ConcatV2
import numpy as np
import tensorflow as tf

w = tf.get_variable("w", initializer=tf.constant(np.arange(6, dtype=np.float32).reshape(3, 2)))
e = tf.gather(w, tf.constant([2, 2, 0]))
loss = tf.reduce_sum(tf.square(e)) + tf.reduce_sum(tf.square(w))
g, = tf.gradients(loss, [w])
print(type(g).__name__)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(tf.convert_to_tensor(g)))
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("gradients"):
        print(op.name, op.type)
