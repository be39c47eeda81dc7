# The gradients of Pow (`tf.pow(x, 3)` as in GPT-2's gelu, and a tensor exponent), Prod, Cumsum
# (exclusive, reverse) and MirrorPad (REFLECT, SYMMETRIC), and their values.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   Pow: math_grad.py _PowGrad, SmartBroadcastGradientArgs before the products (known shapes:
#     an op BroadcastGradientArgs of Consts s0 and s1), the side whose shape differs from
#     grad's reduced (Sum, Reshape/shape, Reshape); compat.forward_compatible(2019, 9, 14) is
#     False in 1.15 (compat.py's horizon is 2019-08-06), so no MulNoNan
#   ones_like: array_ops.py shape_internal, the Const named `Shape` (2.21 `Shape/shape_as_tensor`)
#   Prod: math_grad.py _ProdGrad, math_ops.reduced_shape built as ops (Size, add, mod, Shape,
#     range, Fill, DynamicStitch), _safe_shape_div (Maximum, floordiv), reshape and Tile (2.21
#     folds the shape and broadcasts: BroadcastTo), so the later add/mod/range/Shape are _1/_2
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: /Shape/shape_as_tensor Const => /Shape Const
# oracle-override: gradients/Prod_grad/Reshape_1/shape Const\ngradients/Prod_grad/Reshape_1 Reshape\ngradients/Prod_grad/BroadcastTo BroadcastTo\ngradients/Prod_grad/Rank Const\ngradients/Prod_grad/add AddV2\ngradients/Prod_grad/mod FloorMod\ngradients/Prod_grad/range/start Const\ngradients/Prod_grad/range/delta Const\ngradients/Prod_grad/range Range => gradients/Prod_grad/Size Const\ngradients/Prod_grad/add AddV2\ngradients/Prod_grad/mod FloorMod\ngradients/Prod_grad/Shape_1 Const\ngradients/Prod_grad/range/start Const\ngradients/Prod_grad/range/delta Const\ngradients/Prod_grad/range Range\ngradients/Prod_grad/Fill/value Const\ngradients/Prod_grad/Fill Fill\ngradients/Prod_grad/DynamicStitch DynamicStitch\ngradients/Prod_grad/Maximum/y Const\ngradients/Prod_grad/Maximum Maximum\ngradients/Prod_grad/floordiv FloorDiv\ngradients/Prod_grad/Reshape_1 Reshape\ngradients/Prod_grad/Tile Tile\ngradients/Prod_grad/Rank Const\ngradients/Prod_grad/add_1 AddV2\ngradients/Prod_grad/mod_1 FloorMod\ngradients/Prod_grad/range_1/start Const\ngradients/Prod_grad/range_1/delta Const\ngradients/Prod_grad/range_1 Range
# oracle-override: gradients/Prod_grad/transpose Transpose\ngradients/Prod_grad/Shape_1 Const => gradients/Prod_grad/transpose Transpose\ngradients/Prod_grad/Shape_2 Const
# oracle-override: gradients/mul_1_grad/Mul_1 Mul\ngradients/Pow_1_grad/mul Mul => gradients/mul_1_grad/Mul_1 Mul\ngradients/Pow_1_grad/BroadcastGradientArgs/s0 Const\ngradients/Pow_1_grad/BroadcastGradientArgs/s1 Const\ngradients/Pow_1_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients/Pow_1_grad/mul Mul
# oracle-override: gradients/Pow_1_grad/Shape Const\ngradients/Pow_1_grad/Shape_1 Const =>
# oracle-override: gradients/Pow_1_grad/Sum Sum => gradients/Pow_1_grad/Sum Sum\ngradients/Pow_1_grad/Reshape/shape Const
# oracle-override: gradients/Tanh_grad/TanhGrad TanhGrad\ngradients/Pow_grad/mul Mul => gradients/Tanh_grad/TanhGrad TanhGrad\ngradients/Pow_grad/BroadcastGradientArgs/s0 Const\ngradients/Pow_grad/BroadcastGradientArgs/s1 Const\ngradients/Pow_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients/Pow_grad/mul Mul
# oracle-override: gradients/Pow_grad/Shape Const\ngradients/Pow_grad/Shape_1 Const =>
# oracle-override: gradients/Pow_grad/Sum Sum => gradients/Pow_grad/Sum Sum\ngradients/Pow_grad/Reshape/shape Const
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer(0.5))
v = tf.get_variable("v", [3], initializer=tf.constant_initializer(1.5))
h = x * w
gelu = h * tf.tanh(h + tf.pow(h, 3))
pw = tf.pow(w, v)
pr = tf.reduce_prod(h, axis=1)
cs = tf.cumsum(h, axis=1, exclusive=True)
cr = tf.cumsum(w, 0, reverse=True)
mp = tf.pad(h, [[1, 1], [2, 2]], mode="REFLECT")
ms = tf.pad(w, [[0, 1], [1, 0]], mode="SYMMETRIC")
loss = (tf.reduce_sum(gelu) + tf.reduce_sum(pw) + tf.reduce_sum(pr) + tf.reduce_sum(cs * cs) +
        tf.reduce_sum(cr * x) + tf.reduce_sum(mp * mp) + tf.reduce_sum(ms))
grads = tf.gradients(loss, [w, v, x])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=np.float32)}
    for g in sess.run(grads, feed):
        print(np.round(g, 3))
