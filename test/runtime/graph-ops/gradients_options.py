# tf.gradients: grad_ys, several ys, stop_gradient, unconnected xs, a tensor x, softmax and
# log_softmax, and a second call (gradients_1).
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
# oracle-override: /Initializer/random_uniform AddV2 => /Initializer/random_uniform Add
# oracle-override: gradients/grad_ys_1/Const Const\ngradients/grad_ys_1 Fill => gradients/grad_ys_1 Const\ngradients/Fill Fill
# oracle-override: gradients_1/grad_ys_0/Const Const\ngradients_1/grad_ys_0 Fill => gradients_1/grad_ys_0 Const\ngradients_1/Fill Fill
# oracle-override: gradients_2/grad_ys_0/Const Const\ngradients_2/grad_ys_0 Fill => gradients_2/grad_ys_0 Const\ngradients_2/Fill Fill
import numpy as np
import tensorflow as tf

a = tf.placeholder(tf.float32, [2, 3], name="a")
w = tf.get_variable("w", [3, 3], initializer=tf.constant_initializer(0.25))
h = tf.matmul(a, w)
sm = tf.nn.softmax(h)
ls = tf.nn.log_softmax(h)
y1 = tf.reduce_sum(sm * ls)
y2 = tf.reduce_sum(tf.stop_gradient(h) * h)
free = tf.get_variable("free", [1])
g1 = tf.gradients([y1, y2], [w, free, h], grad_ys=[tf.constant(2.0), None])
print(g1)
g2 = tf.gradients(y2, [w], stop_gradients=[h])
print(g2)
g3 = tf.gradients(y1, a)
print(g3)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    vals = sess.run([g1[0], g1[2], g3[0]], {a: np.array([[1.0, 0.0, 2.0], [0.5, 0.5, -1.0]],
                                                        np.float32)})
    for v in vals:
        print(np.round(v, 4).tolist())
