# The gradients of the element-wise ops of math_grad.py and nn_grad.py: sin, cos, tan, asin,
# acos, atan, sinh, cosh, reciprocal, expm1, erf, softplus, softsign, and reverse, and their
# values.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   Softplus: nn_grad.py _SoftplusGrad, gen_nn_ops.softplus_grad(grad, x) (2.21: sigmoid, mul)
#   AddV2 with a scalar: math_grad.py _AddGrad with SmartBroadcastGradientArgs (known shapes:
#     an op BroadcastGradientArgs of Consts s0 and s1; Sum, Reshape/shape, Reshape)
#   Tan/Asin/Acos/Expm1: compat.forward_compatible(2019, 9, 14) is False in 1.15 (compat.py's
#     horizon is 2019-08-06): products and reciprocals, as 2.21 builds them
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Softplus_grad/Sigmoid Sigmoid\ngradients/Softplus_grad/mul Mul => gradients/Softplus_grad/SoftplusGrad SoftplusGrad
# oracle-override: gradients/add_7_grad/Shape Const\ngradients/add_7_grad/Shape_1 Const => gradients/add_7_grad/BroadcastGradientArgs/s0 Const\ngradients/add_7_grad/BroadcastGradientArgs/s1 Const\ngradients/add_7_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/add_7_grad/Sum Sum => gradients/add_7_grad/Sum Sum\ngradients/add_7_grad/Reshape/shape Const
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer(0.25))
h = x * w
u = (tf.sin(h) + tf.cos(h) + tf.tan(w) + tf.asin(w) + tf.acos(w) + tf.atan(h) + tf.sinh(w) +
     tf.cosh(h) + tf.reciprocal(w + 1.0) + tf.expm1(w) + tf.erf(h) + tf.nn.softplus(h) +
     tf.nn.softsign(h) + tf.reverse(h, [1]))
loss = tf.reduce_sum(u * u)
grads = tf.gradients(loss, [w, x])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 2.5, -1.0]], dtype=np.float32)}
    for g in sess.run(grads, feed):
        print(np.round(g, 3))
