# Adam on a sparse softmax cross-entropy with tanh/sigmoid layers and default (glorot) and
# truncated-normal initializers.
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
# oracle-override: /Initializer/truncated_normal AddV2 => /Initializer/truncated_normal Add
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/zeros_like ZerosLike => gradients/zeros_like ZerosLike\ngradients/SparseSoftmaxCrossEntropyWithLogits/SparseSoftmaxCrossEntropyWithLogits_grad/PreventGradient PreventGradient
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
labels = tf.placeholder(tf.int32, [2], name="labels")
w = tf.get_variable("w", [3, 4], initializer=tf.truncated_normal_initializer(stddev=0.1))
v = tf.get_variable("v", [4, 3])
h = tf.tanh(tf.matmul(x, w))
g = tf.sigmoid(h)
logits = tf.matmul(g, v)
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                      logits=logits))
opt = tf.train.AdamOptimizer(0.01)
grads_and_vars = opt.compute_gradients(loss)
print([(gr.name, var.name) for gr, var in grads_and_vars])
train = opt.apply_gradients(grads_and_vars)
print(train.name)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
