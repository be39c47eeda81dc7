# tf.nn.fused_batch_norm as nn_impl.py (1.15) builds it: `Const`/`Const_1` for a missing mean
# and variance, one FusedBatchNormV3 (six outputs); its gradient (nn_grad.py
# `_BaseFusedBatchNormGrad`): in training one FusedBatchNormGradV3 of x, scale and the reserve
# spaces, in inference an NCHW x and gradient transposed to NHWC, the grad op, and dx back.
# TF 2.21 gives the inference gradient's reserve spaces 4-5 the shape [0]; 1.15's
# FusedBatchNormGradShape (core/ops/nn_ops.cc) gives them [C] when is_training is false:
# oracle-override: ('gradients_1/FusedBatchNormV3_1_grad/FusedBatchNormGradV3:3', '(0,)'), ('gradients_1/FusedBatchNormV3_1_grad/FusedBatchNormGradV3:4', '(0,)') => ('gradients_1/FusedBatchNormV3_1_grad/FusedBatchNormGradV3:3', '(3,)'), ('gradients_1/FusedBatchNormV3_1_grad/FusedBatchNormGradV3:4', '(3,)')
import numpy as np
import tensorflow as tf
x = tf.placeholder(tf.float32, [2, 3, 2, 2], name="x")
scale = tf.Variable([1.0, 2.0, 0.5], name="scale")
offset = tf.Variable([0.0, 0.1, -0.1], name="offset")
y, m, v = tf.nn.fused_batch_norm(x, scale, offset, data_format="NCHW")
dy = tf.constant(np.linspace(-1, 1, 24).reshape(2, 3, 2, 2).astype(np.float32), name="dy")
g = tf.gradients(y, [x, scale, offset], grad_ys=dy)
yi, _, _ = tf.nn.fused_batch_norm(x, scale, offset, mean=m, variance=v, is_training=False,
                                  data_format="NCHW")
gi = tf.gradients(yi, [x, scale, offset, m, v], grad_ys=dy)
x2 = tf.placeholder(tf.float32, [3, 2, 2, 3], name="x2")
y2, m2, v2 = tf.nn.fused_batch_norm(x2, scale, offset, epsilon=1e-7, name="nhwc")
g2 = tf.gradients([y2, m2], [x2, scale],
                  grad_ys=[tf.constant(np.ones([3, 2, 2, 3], np.float32)), tf.constant([1.0] * 3)])
print([t.name for t in g], [None if t is None else t.name for t in gi], [t.name for t in g2])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs],
          [(o.name, str(o.shape)) for o in op.outputs])
xv = np.arange(24, dtype=np.float32).reshape(2, 3, 2, 2) % 5
with tf.Session() as s:
    s.run(tf.global_variables_initializer())
    for a in s.run([y, m, v] + g + [yi] + gi[:3], {x: xv}):
        print(np.round(a, 3).tolist())
