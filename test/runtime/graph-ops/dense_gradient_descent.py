# A dense classifier trained with GradientDescent: variables' initializer ops, the softmax
# cross-entropy's subgraph and the per-op gradient graph, with TF 1.15's names and types.
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
# oracle-override: ['gradients/MatMul_grad/MatMul_1:0', 'gradients/BiasAdd_grad/BiasAddGrad:0', 'gradients/MatMul_1_grad/MatMul_1:0', 'gradients/add_grad/Reshape:0'] => ['gradients/MatMul_grad/MatMul_1:0', 'gradients/BiasAdd_grad/BiasAddGrad:0', 'gradients/MatMul_1_grad/MatMul_1:0', 'gradients/add_grad/Reshape_1:0']
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Mean_grad/Size Const\ngradients/Mean_grad/add AddV2\ngradients/Mean_grad/mod FloorMod\ngradients/Mean_grad/GatherV2/axis Const\ngradients/Mean_grad/GatherV2 GatherV2 => gradients/Mean_grad/Shape_2 Const
# oracle-override: gradients/Mean_grad/Prod Prod => gradients/Mean_grad/Prod Prod\ngradients/Mean_grad/Const_1 Const\ngradients/Mean_grad/Prod_1 Prod\ngradients/Mean_grad/Maximum/y Const\ngradients/Mean_grad/Maximum Maximum\ngradients/Mean_grad/floordiv FloorDiv
# oracle-override: gradients/softmax_cross_entropy_with_logits/Reshape_2_grad/Reshape/shape Const => gradients/softmax_cross_entropy_with_logits/Reshape_2_grad/Shape Shape
# oracle-override: gradients/softmax_cross_entropy_with_logits/Reshape_grad/Reshape/shape Const => gradients/softmax_cross_entropy_with_logits/Reshape_grad/Shape Shape
# oracle-override: gradients/add_grad/Sum/reduction_indices Const => gradients/add_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/add_grad/Reshape Reshape => gradients/add_grad/Reshape Reshape\ngradients/add_grad/Sum_1 Sum\ngradients/add_grad/Reshape_1 Reshape
# oracle-override: gradients_1/grad_ys_0/Const Const\ngradients_1/grad_ys_0 Fill => gradients_1/grad_ys_0 Const\ngradients_1/Fill Fill
# oracle-override: gradients_1/Mean_grad/Size Const\ngradients_1/Mean_grad/add AddV2\ngradients_1/Mean_grad/mod FloorMod\ngradients_1/Mean_grad/GatherV2/axis Const\ngradients_1/Mean_grad/GatherV2 GatherV2 => gradients_1/Mean_grad/Shape_2 Const
# oracle-override: gradients_1/Mean_grad/Prod Prod => gradients_1/Mean_grad/Prod Prod\ngradients_1/Mean_grad/Const_1 Const\ngradients_1/Mean_grad/Prod_1 Prod\ngradients_1/Mean_grad/Maximum/y Const\ngradients_1/Mean_grad/Maximum Maximum\ngradients_1/Mean_grad/floordiv FloorDiv
# oracle-override: gradients_1/softmax_cross_entropy_with_logits/Reshape_2_grad/Reshape/shape Const => gradients_1/softmax_cross_entropy_with_logits/Reshape_2_grad/Shape Shape
# oracle-override: gradients_1/softmax_cross_entropy_with_logits/Reshape_grad/Reshape/shape Const => gradients_1/softmax_cross_entropy_with_logits/Reshape_grad/Shape Shape
# oracle-override: gradients_1/add_grad/Sum/reduction_indices Const => gradients_1/add_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients_1/add_grad/Reshape Reshape => gradients_1/add_grad/Reshape Reshape\ngradients_1/add_grad/Sum_1 Sum\ngradients_1/add_grad/Reshape_1 Reshape
# oracle-override: gradients/add_grad/Shape_1 Const => gradients/add_grad/Shape_1 Shape
# oracle-override: gradients_1/add_grad/Shape_1 Const => gradients_1/add_grad/Shape_1 Shape
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 4], name="x")
y = tf.placeholder(tf.float32, [None, 3], name="y")
w1 = tf.get_variable("w1", [4, 5], initializer=tf.constant_initializer(0.1))
b1 = tf.get_variable("b1", [5], initializer=tf.zeros_initializer())
h = tf.nn.relu(tf.nn.bias_add(tf.matmul(x, w1), b1))
w2 = tf.get_variable("w2", [5, 3], initializer=tf.constant_initializer(
    [[0.1, -0.2, 0.3], [0.0, 0.4, -0.1], [0.2, 0.2, -0.3], [-0.4, 0.1, 0.1], [0.3, -0.1, 0.0]]))
b2 = tf.get_variable("b2", [3], initializer=tf.constant_initializer(0.3))
logits = tf.matmul(h, w2) + b2
xent = tf.nn.softmax_cross_entropy_with_logits_v2(labels=y, logits=logits)
loss = tf.reduce_mean(xent)
grads = tf.gradients(loss, [w1, b1, w2, b2])
print([g.name for g in grads])
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
print(train.name, loss.name, xent.name)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
feed = {x: np.array([[1.0, 2.0, 0.5, -1.0], [0.0, -1.0, 2.0, 1.0]], np.float32),
        y: np.array([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for g in sess.run(grads, feed):
        print(np.round(g, 5).tolist())
    sess.run(train, feed)
    print(np.round(sess.run(w2), 5).tolist())
