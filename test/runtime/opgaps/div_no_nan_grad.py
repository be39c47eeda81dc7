# The DivNoNan gradient (math_grad.py 1.15 `_DivNoNanGrad`: _RealDivGrad's form with div_no_nan,
# so a zero divisor gives zero gradients) through tf.losses' `value` and tf.div_no_nan, with
# TF's values; no SymbolicGradient fallback. (TF 2.21 builds the gradient's ops in another
# order, so only the values and op types are printed; its `_DivNoNanGrad` has no
# BroadcastGradientArgs, 1.15's has: `rx, ry = gen_array_ops.broadcast_gradient_args(sx, sy)`.)
# oracle-override: ['Const', 'DivNoNan', => ['BroadcastGradientArgs', 'Const', 'DivNoNan',
import numpy as np
import tensorflow as tf

p = tf.placeholder(tf.float32, [None, 3])
w = tf.placeholder(tf.float32, [None, 1])
loss = tf.losses.mean_squared_error(tf.ones_like(p), p * 2., weights=w)
z = tf.div_no_nan(p, tf.reduce_sum(w))
print(z)
n = len(tf.get_default_graph().get_operations())
g = tf.gradients(loss + tf.reduce_sum(z), [p, w])
print(sorted(set(op.type for op in tf.get_default_graph().get_operations()[n:]
                 if "div_no_nan" in op.name or "value_grad" in op.name)))
with tf.Session() as s:
    for v in s.run(g, {p: [[1., 2., 3.], [0., -1., 4.]], w: [[1.], [0.]]}):
        print(np.round(v, 4))
    for v in s.run(g, {p: [[1., 2., 3.], [0., -1., 4.]], w: [[0.], [0.]]}):
        print(np.round(v, 4))
