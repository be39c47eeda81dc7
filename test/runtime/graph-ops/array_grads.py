# The gradients of array ops in a loss: concat (ConcatOffset and a Slice per value), stack and
# unstack, transpose (InvertPermutation), tile, pad and slice, split_v, a batch matmul
# (BatchMatMulV2 summed over its broadcast batch dimensions), reduce_max and reduce_min, selu
# (SeluGrad), expand_dims and squeeze, and the values of the gradients.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   Add/Sub/Mul: math_grad.py _AddGrad/_SubGrad/_MulGrad with 1.15's SmartBroadcastGradientArgs:
#     shapes not fully known: two Shape ops (shape_internal(optimize=False), never a Const)
#     and BroadcastGradientArgs; known: an op BroadcastGradientArgs of Consts s0 and s1 (once
#     per graph and pair of shapes), then Consts for the axes and the shape, and only a side
#     whose shape differs from grad's is reduced; _SubGrad reduces -grad (Neg before its Sum)
#   Max/Min: math_grad.py _MinOrMaxGrad, math_ops.reduced_shape(shape(x), axes) built as ops
#     (Size, add, mod, Shape, range, Fill, DynamicStitch; 2.21 folds it into Consts)
#   BatchMatMulV2: math_grad.py _BatchMatMulV2, unless both shapes are fully defined and equal
#     each side is summed over broadcast_gradient_args(shape(x)[:-2], shape(y)[:-2]) and
#     reshaped to its shape (2.21 compares only the batch dimensions)
#   StridedSlice: array_grad.py _StridedSliceGrad, strided_slice_grad(shape(x), begin, end,
#     strides, grad) of the op's own inputs (2.x folds them into Consts)
# oracle-override: ['gradients/AddN_4:0', 'gradients/MatMul_1_grad/MatMul_1:0', 'gradients/AddN_3:0'] => ['gradients/AddN_4:0', 'gradients/MatMul_1_grad/Reshape_1:0', 'gradients/AddN_3:0']
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Min_grad/Reshape/shape Const => gradients/Min_grad/Size Const\ngradients/Min_grad/add AddV2\ngradients/Min_grad/mod FloorMod\ngradients/Min_grad/Shape_1 Const\ngradients/Min_grad/range/start Const\ngradients/Min_grad/range/delta Const\ngradients/Min_grad/range Range\ngradients/Min_grad/Fill/value Const\ngradients/Min_grad/Fill Fill\ngradients/Min_grad/DynamicStitch DynamicStitch
# oracle-override: gradients/Min_grad/Reshape_1/shape Const =>
# oracle-override: gradients/Min_grad/Reshape_2/shape Const =>
# oracle-override: gradients/strided_slice_3_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_3_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_3_grad/StridedSliceGrad/end Const\ngradients/strided_slice_3_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/Max_grad/Reshape/shape Const => gradients/Max_grad/Size Const\ngradients/Max_grad/add AddV2\ngradients/Max_grad/mod FloorMod\ngradients/Max_grad/Shape_1 Const\ngradients/Max_grad/range/start Const\ngradients/Max_grad/range/delta Const\ngradients/Max_grad/range Range\ngradients/Max_grad/Fill/value Const\ngradients/Max_grad/Fill Fill\ngradients/Max_grad/DynamicStitch DynamicStitch
# oracle-override: gradients/Max_grad/Reshape_1/shape Const =>
# oracle-override: gradients/Max_grad/Reshape_2/shape Const =>
# oracle-override: gradients/MatMul_1_grad/MatMul_1 BatchMatMulV2 => gradients/MatMul_1_grad/MatMul_1 BatchMatMulV2\ngradients/MatMul_1_grad/Shape Const\ngradients/MatMul_1_grad/Shape_1 Const\ngradients/MatMul_1_grad/strided_slice/stack Const\ngradients/MatMul_1_grad/strided_slice/stack_1 Const\ngradients/MatMul_1_grad/strided_slice/stack_2 Const\ngradients/MatMul_1_grad/strided_slice StridedSlice\ngradients/MatMul_1_grad/strided_slice_1/stack Const\ngradients/MatMul_1_grad/strided_slice_1/stack_1 Const\ngradients/MatMul_1_grad/strided_slice_1/stack_2 Const\ngradients/MatMul_1_grad/strided_slice_1 StridedSlice\ngradients/MatMul_1_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients/MatMul_1_grad/Sum Sum\ngradients/MatMul_1_grad/Reshape Reshape\ngradients/MatMul_1_grad/Sum_1 Sum\ngradients/MatMul_1_grad/Reshape_1 Reshape\ngradients/sub_grad/BroadcastGradientArgs/s0 Const\ngradients/sub_grad/BroadcastGradientArgs/s1 Const\ngradients/sub_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/sub_grad/Shape Const\ngradients/sub_grad/Shape_1 Const =>
# oracle-override: gradients/sub_grad/Sum Sum => gradients/sub_grad/Sum Sum\ngradients/sub_grad/Reshape/shape Const
# oracle-override: gradients/strided_slice_2_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_2_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_2_grad/StridedSliceGrad/end Const\ngradients/strided_slice_2_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/mul_grad/Shape Const\ngradients/mul_grad/Shape_1 Const =>
# oracle-override: gradients/mul_grad/Sum Sum => gradients/mul_grad/Sum Sum\ngradients/mul_grad/Reshape/shape Const
# oracle-override: gradients/mul_grad/Reshape Reshape => gradients/mul_grad/Reshape Reshape\ngradients/mul_1_grad/BroadcastGradientArgs/s0 Const\ngradients/mul_1_grad/BroadcastGradientArgs/s1 Const\ngradients/mul_1_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/mul_1_grad/Shape Const\ngradients/mul_1_grad/Shape_1 Const =>
# oracle-override: gradients/mul_1_grad/Sum Sum => gradients/mul_1_grad/Sum Sum\ngradients/mul_1_grad/Reshape/shape Const
# oracle-override: gradients/strided_slice_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_grad/StridedSliceGrad/end Const\ngradients/strided_slice_grad/StridedSliceGrad/strides Const =>
# oracle-override: gradients/add_grad/Shape Const\ngradients/add_grad/Shape_1 Const =>
# oracle-override: gradients/add_grad/Sum Sum => gradients/add_grad/Sum Sum\ngradients/add_grad/Reshape/shape Const
# oracle-override: gradients/strided_slice_1_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_1_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_1_grad/StridedSliceGrad/end Const\ngradients/strided_slice_1_grad/StridedSliceGrad/strides Const =>
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
w = tf.get_variable("w", [3, 3], initializer=tf.constant_initializer(0.5))
v = tf.get_variable("v", [2, 3, 2], initializer=tf.constant_initializer(0.25))
a = tf.concat([x, tf.matmul(x, w)], 1)
b = tf.stack([x, x * w[0]], axis=1)
c = tf.transpose(a)
d = tf.tile(w, [2, 1])
p = tf.pad(x + w[1], [[1, 0], [0, 2]])
s = tf.slice(a, [0, 1], [2, 3])
u = tf.unstack(b, axis=1)
m = tf.matmul(b, v)
mx = tf.reduce_max(a, axis=1)
mn = tf.reduce_min(w)
sl = tf.nn.selu(x - w[2])
sv = tf.split(a, [2, 4], axis=1)
sq = tf.squeeze(tf.expand_dims(sl, 0), [0])
loss = (tf.reduce_sum(c * 0.5) + tf.reduce_sum(d) + tf.reduce_sum(p * p) + tf.reduce_sum(s) +
        tf.reduce_sum(u[1]) + tf.reduce_sum(m) + tf.reduce_sum(mx) + mn + tf.reduce_sum(sq) +
        tf.reduce_sum(sv[0] * sv[1][:, :2]))
grads = tf.gradients(loss, [w, v, x])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=np.float32)}
    for g in sess.run(grads, feed):
        print(np.round(g, 4))
