# An unrolled tanh RNN over a [batch, time, features] input: slices (strided_slice with its
# stack Consts), the last step's output, and the gradient through StridedSlice
# (StridedSliceGrad), MatMul, Tanh and AddN across the shared weights.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   Add/Sub/Mul: math_grad.py _AddGrad/_SubGrad/_MulGrad with 1.15's SmartBroadcastGradientArgs:
#     shapes not fully known: two Shape ops (shape_internal(optimize=False), never a Const)
#     and BroadcastGradientArgs; known: an op BroadcastGradientArgs of Consts s0 and s1 (once
#     per graph and pair of shapes), then Consts for the axes and the shape, and only a side
#     whose shape differs from grad's is reduced; _SubGrad reduces -grad (Neg before its Sum)
#   RealDiv: math_grad.py _RealDivGrad, shape(x), shape(y), broadcast_gradient_args
#   Mean: math_grad.py _MeanGrad, _safe_shape_div(reduce_prod(shape(x)), reduce_prod(shape(y)))
#   Reshape: array_grad.py _ReshapeGrad, reshape(grad, shape(op.inputs[0]))
#   SparseSoftmaxCrossEntropyWithLogits: nn_grad.py, prevent_gradient(op.outputs[1])
#   math_ops.add in random_ops.py, nn_impl.py: gen_math_ops.add, op Add (2.x: AddV2)
#   StridedSlice: array_grad.py _StridedSliceGrad, strided_slice_grad(shape(x), begin, end,
#     strides, grad) of the op's own inputs (2.x folds them into Consts)
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/mul_grad/Mul Mul\ngradients/mul_grad/Mul_1 Mul\ngradients/mul_grad/Shape Const\ngradients/mul_grad/Shape_1 Const\ngradients/mul_grad/Sum/reduction_indices Const\ngradients/mul_grad/Sum Sum\ngradients/mul_grad/Reshape Reshape => gradients/mul_grad/BroadcastGradientArgs/s0 Const\ngradients/mul_grad/BroadcastGradientArgs/s1 Const\ngradients/mul_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients/mul_grad/Mul Mul\ngradients/mul_grad/Mul_1 Mul\ngradients/mul_grad/Sum/reduction_indices Const\ngradients/mul_grad/Sum Sum\ngradients/mul_grad/Reshape/shape Const\ngradients/mul_grad/Reshape Reshape
# oracle-override: gradients/strided_slice_4_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_4_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_4_grad/StridedSliceGrad/end Const\ngradients/strided_slice_4_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/strided_slice_3_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_3_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_3_grad/StridedSliceGrad/end Const\ngradients/strided_slice_3_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/strided_slice_2_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_2_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_2_grad/StridedSliceGrad/end Const\ngradients/strided_slice_2_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/strided_slice_1_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_1_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_1_grad/StridedSliceGrad/end Const\ngradients/strided_slice_1_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/strided_slice_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_grad/StridedSliceGrad/end Const\ngradients/strided_slice_grad/StridedSliceGrad/strides Const =>
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3, 2], name="x")
w = tf.get_variable("w", [2, 2], initializer=tf.constant_initializer([[0.5, -0.3], [0.2, 0.4]]))
u = tf.get_variable("u", [2, 2], initializer=tf.constant_initializer([[0.1, 0.2], [-0.2, 0.3]]))
h = tf.zeros([2, 2])
outputs = []
for t in range(3):
    h = tf.tanh(tf.matmul(x[:, t, :], w) + tf.matmul(h, u))
    outputs.append(h)
last = outputs[-1]
loss = tf.reduce_sum(last[:, 0] * 2.0 - last[:, 1])
g = tf.gradients(loss, [w, u, x])
print([t_.name for t_ in g])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
feed = {x: np.arange(12, dtype=np.float32).reshape([2, 3, 2]) / 10.0}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in sess.run(g, feed):
        print(np.round(v, 4).tolist())
