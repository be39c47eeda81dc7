# A logistic-regression loss (sigmoid_cross_entropy_with_logits's subgraph under logistic_loss)
# trained with Adam, a tf.Variable, an l2 penalty and a scalar summary of the loss.
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
# oracle-override: logistic_loss AddV2 => logistic_loss Add
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Mean_grad/Size Const\ngradients/Mean_grad/add AddV2\ngradients/Mean_grad/mod FloorMod\ngradients/Mean_grad/GatherV2/axis Const\ngradients/Mean_grad/GatherV2 GatherV2 => gradients/Mean_grad/Shape_2 Const
# oracle-override: gradients/Mean_grad/Prod Prod => gradients/Mean_grad/Prod Prod\ngradients/Mean_grad/Const_1 Const\ngradients/Mean_grad/Prod_1 Prod\ngradients/Mean_grad/Maximum/y Const\ngradients/Mean_grad/Maximum Maximum\ngradients/Mean_grad/floordiv FloorDiv
# oracle-override: gradients/logistic_loss/sub_grad/Neg Neg =>
# oracle-override: gradients/logistic_loss/sub_grad/Sum_1 Sum => gradients/logistic_loss/sub_grad/Neg Neg\ngradients/logistic_loss/sub_grad/Sum_1 Sum
# oracle-override: gradients/logistic_loss/mul_grad/Mul Mul\ngradients/logistic_loss/mul_grad/Mul_1 Mul =>
# oracle-override: gradients/logistic_loss/mul_grad/BroadcastGradientArgs BroadcastGradientArgs => gradients/logistic_loss/mul_grad/BroadcastGradientArgs BroadcastGradientArgs\ngradients/logistic_loss/mul_grad/Mul Mul
# oracle-override: gradients/logistic_loss/mul_grad/Reshape Reshape => gradients/logistic_loss/mul_grad/Reshape Reshape\ngradients/logistic_loss/mul_grad/Mul_1 Mul
# oracle-override: gradients/add_grad/Sum/reduction_indices Const => gradients/add_grad/BroadcastGradientArgs BroadcastGradientArgs
# oracle-override: gradients/add_grad/Reshape Reshape => gradients/add_grad/Reshape Reshape\ngradients/add_grad/Sum_1 Sum\ngradients/add_grad/Reshape_1 Reshape
# oracle-override: gradients/add_grad/Shape_1 Const => gradients/add_grad/Shape_1 Shape
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3], name="x")
z = tf.placeholder(tf.float32, [None, 1], name="z")
w = tf.Variable(tf.zeros([3, 1]), name="w")
b = tf.Variable(0.5, name="b")
logits = tf.matmul(x, w) + b
xent = tf.nn.sigmoid_cross_entropy_with_logits(labels=z, logits=logits)
loss = tf.reduce_mean(xent) + 0.01 * tf.nn.l2_loss(w)
print(xent.name, loss.name)
train = tf.train.AdamOptimizer(0.1).minimize(loss)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
feed = {x: np.array([[1.0, 2.0, -1.0], [0.5, -1.0, 2.0], [-2.0, 0.0, 1.0]], np.float32),
        z: np.array([[1.0], [0.0], [1.0]], np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(3):
        sess.run(train, feed)
    print(np.round(sess.run(w), 4).tolist(), round(float(sess.run(b)), 4))
    print(round(float(sess.run(loss, feed)), 4))
