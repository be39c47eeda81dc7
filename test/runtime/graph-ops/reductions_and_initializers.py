# Reductions make their axes: a Const for all axes (before the op, so it takes the Const
# counter), `reduction_indices` for a given axis; initializers build their own subgraphs.
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
# oracle-override: /Initializer/random_normal AddV2 => /Initializer/random_normal Add
import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 3], name="x")
m = tf.reduce_mean(x)
c = tf.constant(1.0)
s = tf.reduce_sum(x, axis=1)
mx = tf.reduce_max(x, 0, keepdims=True)
p = tf.reduce_prod(x, [0, 1], name="prod")
print(m.name, c.name, s.name, mx.name, p.name)
a = tf.get_variable("a", [2, 3])
b = tf.get_variable("b", [3], initializer=tf.zeros_initializer())
big = tf.get_variable("big", [40, 30], initializer=tf.zeros_initializer())
o = tf.get_variable("o", [2], initializer=tf.ones_initializer())
k = tf.get_variable("k", [2, 2], initializer=tf.constant_initializer(3.0))
n = tf.get_variable("n", [2], initializer=tf.random_normal_initializer())
u = tf.get_variable("u", [2], initializer=tf.random_uniform_initializer(-1.0, 1.0))
tn = tf.get_variable("tn", [3, 3], initializer=tf.truncated_normal_initializer(stddev=0.02))
vs = tf.get_variable("vs", [3, 3], initializer=tf.variance_scaling_initializer())
tv = tf.Variable(2.0, name="tv")
tv2 = tf.Variable(tf.zeros([2]), name="tv2")
with tf.variable_scope("layer"):
    lw = tf.get_variable("kernel", [3, 2])
print(a.initializer.name, a.value().name, b.initial_value.name, big.initial_value.name)
print(tv.initial_value.name, tv.initializer.name, lw.value().name)
c2 = tf.constant(2.0)
print(c2.name)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
