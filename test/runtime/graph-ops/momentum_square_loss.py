# A regression loss of element-wise ops (Sub, Square, Mul, RealDiv, Exp, Log, Sqrt, Neg, Abs),
# a variable used twice (AddN), Momentum, and the values of the gradients.
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
# oracle-override: ['gradients/AddN_2:0', 'gradients/mul_grad/Reshape:0', 'gradients/AddN_1:0'] => ['gradients/AddN_2:0', 'gradients/mul_grad/Reshape_1:0', 'gradients/AddN_1:0']
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Exp_grad/mul Mul => gradients/Exp_grad/mul Mul\ngradients/truediv_grad/Shape Shape\ngradients/truediv_grad/Shape_1 Const\ngradients/truediv_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/truediv_grad/RealDiv RealDiv => gradients/truediv_grad/RealDiv RealDiv\ngradients/truediv_grad/Sum Sum\ngradients/truediv_grad/Reshape Reshape
# oracle-override: gradients/truediv_grad/Shape Shape\ngradients/truediv_grad/Shape_1 Const\ngradients/truediv_grad/Sum/reduction_indices Const\ngradients/truediv_grad/Sum Sum\ngradients/truediv_grad/Reshape Reshape\ngradients/sub_grad/Neg Neg => gradients/truediv_grad/Sum_1 Sum\ngradients/truediv_grad/Reshape_1 Reshape
# oracle-override: gradients/sub_grad/Sum_1 Sum => gradients/sub_grad/Neg Neg\ngradients/sub_grad/Sum_1 Sum
# oracle-override: gradients/add_grad/Sum/reduction_indices Const => gradients/add_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/add_grad/Reshape Reshape => gradients/add_grad/Reshape Reshape\ngradients/add_grad/Sum_1 Sum\ngradients/add_grad/Reshape_1 Reshape
# oracle-override: gradients/mul_grad/Mul Mul\ngradients/mul_grad/Mul_1 Mul =>
# oracle-override: gradients/mul_grad/Sum/reduction_indices Const => gradients/mul_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients/mul_grad/Mul Mul
# oracle-override: gradients/mul_grad/Reshape Reshape => gradients/mul_grad/Reshape Reshape\ngradients/mul_grad/Mul_1 Mul\ngradients/mul_grad/Sum_1 Sum\ngradients/mul_grad/Reshape_1 Reshape
# oracle-override: gradients_1/grad_ys_0/Const Const\ngradients_1/grad_ys_0 Fill => gradients_1/grad_ys_0 Const\ngradients_1/Fill Fill
# oracle-override: gradients_1/Exp_grad/mul Mul => gradients_1/Exp_grad/mul Mul\ngradients_1/truediv_grad/Shape Shape\ngradients_1/truediv_grad/Shape_1 Const\ngradients_1/truediv_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients_1/truediv_grad/RealDiv RealDiv => gradients_1/truediv_grad/RealDiv RealDiv\ngradients_1/truediv_grad/Sum Sum\ngradients_1/truediv_grad/Reshape Reshape
# oracle-override: gradients_1/truediv_grad/Shape Shape\ngradients_1/truediv_grad/Shape_1 Const\ngradients_1/truediv_grad/Sum/reduction_indices Const\ngradients_1/truediv_grad/Sum Sum\ngradients_1/truediv_grad/Reshape Reshape => gradients_1/truediv_grad/Sum_1 Sum\ngradients_1/truediv_grad/Reshape_1 Reshape
# oracle-override: gradients_1/sub_grad/Neg Neg =>
# oracle-override: gradients_1/sub_grad/Sum_1 Sum => gradients_1/sub_grad/Neg Neg\ngradients_1/sub_grad/Sum_1 Sum
# oracle-override: gradients_1/add_grad/Sum/reduction_indices Const => gradients_1/add_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients_1/add_grad/Reshape Reshape => gradients_1/add_grad/Reshape Reshape\ngradients_1/add_grad/Sum_1 Sum\ngradients_1/add_grad/Reshape_1 Reshape
# oracle-override: gradients_1/mul_grad/Mul Mul\ngradients_1/mul_grad/Mul_1 Mul =>
# oracle-override: gradients_1/mul_grad/Sum/reduction_indices Const => gradients_1/mul_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients_1/mul_grad/Mul Mul
# oracle-override: gradients_1/mul_grad/Reshape Reshape => gradients_1/mul_grad/Reshape Reshape\ngradients_1/mul_grad/Mul_1 Mul\ngradients_1/mul_grad/Sum_1 Sum\ngradients_1/mul_grad/Reshape_1 Reshape
# oracle-override: gradients/add_grad/Shape_1 Const => gradients/add_grad/Shape_1 Shape
# oracle-override: gradients/mul_grad/Shape_1 Const => gradients/mul_grad/Shape_1 Shape
# oracle-override: gradients_1/add_grad/Shape_1 Const => gradients_1/add_grad/Shape_1 Shape
# oracle-override: gradients_1/mul_grad/Shape_1 Const => gradients_1/mul_grad/Shape_1 Shape
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 2], name="x")
t = tf.placeholder(tf.float32, [None, 1], name="t")
w = tf.get_variable("w", [2, 1], initializer=tf.constant_initializer(0.5))
s = tf.get_variable("s", [1], initializer=tf.ones_initializer())
pred = tf.matmul(x, w) * s
err = tf.square(pred - t)
extra = tf.exp(-tf.abs(pred)) + tf.log(tf.sqrt(tf.square(pred) + 1.0)) / 3.0
loss = tf.reduce_sum(err) + tf.reduce_sum(tf.matmul(x, w)) * 0.01 + tf.reduce_sum(extra)
g = tf.gradients(loss, [w, s, x])
print([t_.name for t_ in g])
train = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
feed = {x: np.array([[1.0, 2.0], [0.5, -1.0], [2.0, 0.0]], np.float32),
        t: np.array([[1.0], [0.0], [2.0]], np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in sess.run(g, feed):
        print(np.round(v, 4).tolist())
    sess.run(train, feed)
    sess.run(train, feed)
    print(np.round(sess.run(w), 4).tolist(), np.round(sess.run(s), 4).tolist())
