# Gradients of reductions over some axes of a known shape: reduce_sum and reduce_mean with an
# axis (1.15's _SumGrad computes the kept-dims shape and the tile scaling once per graph, by
# ops it evaluates, then reshapes and tiles with Consts), a second reduction of the same shape
# and axes (cached: Reshape and Tile only), and one of an unknown batch size (the ops).
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   Sum/Mean over some axes of a known shape: math_grad.py _SumGrad, the kept-dims shape and
#     tile scaling computed once per graph and (shape, axes) (_reduced_shape_cache) by the ops
#     of math_ops.reduced_shape and _safe_shape_div of the Python values (Cast/x, Cast_1/x,
#     Size, add, mod, Shape, range, Fill, DynamicStitch, Maximum, floordiv), evaluated, then
#     reshape and tile with Consts; 2.21 computes them in Python
#   Sum/Mean over an unknown shape: _SumGrad's reduced_shape(shape(x), axes) ops, reshape and
#     tile by _safe_shape_div, and _MeanGrad's factor _safe_shape_div(reduce_prod(shape(x)),
#     reduce_prod(shape(y))) (2.21: ones and BroadcastTo, gathered sizes)
#   Mul: math_grad.py _MulGrad with SmartBroadcastGradientArgs: for shapes not fully known two
#     Shape ops and BroadcastGradientArgs, and both sides reduced
#   StridedSlice: array_grad.py _StridedSliceGrad, strided_slice_grad(shape(x), begin, end,
#     strides, grad) of the op's own inputs (2.x folds them into Consts)
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Mean_1_grad/ones/Const Const\ngradients/Mean_1_grad/ones Fill => gradients/Mean_1_grad/Fill/value Const\ngradients/Mean_1_grad/Fill Fill
# oracle-override: gradients/Mean_1_grad/DynamicStitch DynamicStitch => gradients/Mean_1_grad/DynamicStitch DynamicStitch\ngradients/Mean_1_grad/Maximum/y Const\ngradients/Mean_1_grad/Maximum Maximum\ngradients/Mean_1_grad/floordiv FloorDiv
# oracle-override: gradients/Mean_1_grad/BroadcastTo BroadcastTo => gradients/Mean_1_grad/Tile Tile
# oracle-override: gradients/Mean_1_grad/Size_1 Const\ngradients/Mean_1_grad/add_1 AddV2\ngradients/Mean_1_grad/mod_1 FloorMod\ngradients/Mean_1_grad/GatherV2/axis Const\ngradients/Mean_1_grad/GatherV2 GatherV2\ngradients/Mean_1_grad/Rank Const\ngradients/Mean_1_grad/range_1/start Const\ngradients/Mean_1_grad/range_1/delta Const\ngradients/Mean_1_grad/range_1 Range => gradients/Mean_1_grad/Shape_3 Shape\ngradients/Mean_1_grad/Const Const
# oracle-override: gradients/Mean_1_grad/Prod Prod => gradients/Mean_1_grad/Prod Prod\ngradients/Mean_1_grad/Const_1 Const\ngradients/Mean_1_grad/Prod_1 Prod\ngradients/Mean_1_grad/Maximum_1/y Const\ngradients/Mean_1_grad/Maximum_1 Maximum\ngradients/Mean_1_grad/floordiv_1 FloorDiv
# oracle-override: gradients/Sum_2_grad/Maximum/x Const => gradients/Sum_2_grad/Cast/x Const\ngradients/Sum_2_grad/Cast_1/x Const\ngradients/Sum_2_grad/Size Const\ngradients/Sum_2_grad/add AddV2\ngradients/Sum_2_grad/mod FloorMod\ngradients/Sum_2_grad/Shape Const\ngradients/Sum_2_grad/range/start Const\ngradients/Sum_2_grad/range/delta Const\ngradients/Sum_2_grad/range Range\ngradients/Sum_2_grad/Fill/value Const\ngradients/Sum_2_grad/Fill Fill\ngradients/Sum_2_grad/DynamicStitch DynamicStitch
# oracle-override: gradients/Sum_2_grad/Tile Tile => gradients/Sum_2_grad/Tile Tile\ngradients/mul_2_grad/Shape Shape\ngradients/mul_2_grad/Shape_1 Shape\ngradients/mul_2_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/mul_2_grad/Mul_1 Mul\ngradients/mul_2_grad/Shape Shape\ngradients/mul_2_grad/Shape_1 Const\ngradients/mul_2_grad/Sum/reduction_indices Const =>
# oracle-override: gradients/Sum_grad/Maximum/x Const => gradients/mul_2_grad/Mul_1 Mul\ngradients/mul_2_grad/Sum_1 Sum\ngradients/mul_2_grad/Reshape_1 Reshape\ngradients/Sum_grad/Cast/x Const\ngradients/Sum_grad/Cast_1/x Const\ngradients/Sum_grad/Size Const\ngradients/Sum_grad/add AddV2\ngradients/Sum_grad/mod FloorMod\ngradients/Sum_grad/Shape Const\ngradients/Sum_grad/range/start Const\ngradients/Sum_grad/range/delta Const\ngradients/Sum_grad/range Range\ngradients/Sum_grad/Fill/value Const\ngradients/Sum_grad/Fill Fill\ngradients/Sum_grad/DynamicStitch DynamicStitch
# oracle-override: gradients/strided_slice_grad/StridedSliceGrad/shape Const\ngradients/strided_slice_grad/StridedSliceGrad/begin Const\ngradients/strided_slice_grad/StridedSliceGrad/end Const\ngradients/strided_slice_grad/StridedSliceGrad/strides Const =>
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3, 4], name="x")
y = tf.placeholder(tf.float32, [None, 4], name="y")
w = tf.get_variable("w", [2, 3, 4], initializer=tf.constant_initializer(0.5))
h = x * w
loss = (tf.reduce_sum(tf.reduce_sum(h, axis=1) * tf.reduce_mean(h, axis=1)) +
        tf.reduce_sum(tf.reduce_sum(tf.square(h), axis=[0, 2])) +
        tf.reduce_sum(tf.reduce_mean(y * w[0, 0], axis=1)))
grads = tf.gradients(loss, [w, x])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.arange(24, dtype=np.float32).reshape([2, 3, 4]) / 8.0,
            y: np.arange(12, dtype=np.float32).reshape([3, 4]) / 4.0}
    for g in sess.run(grads, feed):
        print(np.round(g, 4))
