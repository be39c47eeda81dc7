# tf.squared_difference and its gradient (scalar_mul(2.0, grad) * (x - y)): for equal, fully
# defined shapes both sides directly (Neg for y), for a broadcast y reduced as _SubGrad is.
# TF 2.21 builds some gradients differently from 1.15; the overrides below give 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   SquaredDifference: math_grad.py _SquaredDifferenceGrad with SmartBroadcastGradientArgs:
#     known shapes: BroadcastGradientArgs of Consts s0 and s1, Consts for the axes and shape,
#     y's gradient -reshape(reduce_sum(x_grad, ry), sy) (Neg last); x's shape equals grad's,
#     so x_grad is not reduced
# oracle-override: ['gradients/AddN_1:0', 'gradients/SquaredDifference_1_grad/Reshape:0', 'gradients/AddN:0'] => ['gradients/AddN_1:0', 'gradients/SquaredDifference_1_grad/Neg:0', 'gradients/AddN:0']
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/SquaredDifference_1_grad/Neg Neg\ngradients/SquaredDifference_1_grad/Shape Const\ngradients/SquaredDifference_1_grad/Shape_1 Const => gradients/SquaredDifference_1_grad/BroadcastGradientArgs/s0 Const\ngradients/SquaredDifference_1_grad/BroadcastGradientArgs/s1 Const\ngradients/SquaredDifference_1_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/SquaredDifference_1_grad/Sum Sum => gradients/SquaredDifference_1_grad/Sum Sum\ngradients/SquaredDifference_1_grad/Reshape/shape Const
# oracle-override: gradients/SquaredDifference_1_grad/Reshape Reshape => gradients/SquaredDifference_1_grad/Reshape Reshape\ngradients/SquaredDifference_1_grad/Neg Neg
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer(0.5))
b = tf.get_variable("b", [3], initializer=tf.constant_initializer(-1.0))
loss = (tf.reduce_sum(tf.squared_difference(x, w), axis=[0, 1]) +
        tf.reduce_sum(tf.squared_difference(x * w, b), axis=[0, 1]))
grads = tf.gradients(loss, [w, b, x])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=np.float32)}
    for g in sess.run(grads, feed):
        print(np.round(g, 4))
