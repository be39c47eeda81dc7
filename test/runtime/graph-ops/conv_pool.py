# A small conv net: Conv2D, MaxPool, AvgPool, Relu, Reshape and a dense layer, and the
# gradient graph through them (ShapeN, Conv2DBackpropInput/Filter, MaxPoolGrad, ...).
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
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
import numpy as np
import tensorflow as tf

images = tf.placeholder(tf.float32, [2, 6, 6, 1], name="images")
k = tf.get_variable("k", [3, 3, 1, 2], initializer=tf.constant_initializer(0.1))
conv = tf.nn.relu(tf.nn.conv2d(images, k, strides=[1, 1, 1, 1], padding="SAME"))
pool = tf.nn.max_pool(conv, ksize=[1, 2, 2, 1], strides=[1, 2, 2, 1], padding="VALID")
avg = tf.nn.avg_pool(pool, ksize=[1, 3, 3, 1], strides=[1, 3, 3, 1], padding="VALID")
flat = tf.reshape(avg, [2, 2])
w = tf.get_variable("w", [2, 1], initializer=tf.constant_initializer(0.7))
out = tf.matmul(flat, w)
loss = tf.reduce_mean(tf.square(out))
grads = tf.gradients(loss, [k, w, images])
print([g.name for g in grads])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
img = np.arange(72, dtype=np.float32).reshape([2, 6, 6, 1]) / 72.0
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    gk, gw, gi = sess.run(grads, {images: img})
    print(np.round(gk, 4).reshape(-1).tolist())
    print(np.round(gw, 4).reshape(-1).tolist())
    print(np.round(gi[0, :, :, 0], 4).tolist())
