# Dilated 2-D convolutions as TF 1.15's nn_ops.py builds them: tf.nn.convolution /
# tf.nn.atrous_conv2d with a rate > 1 go through `_WithSpaceToBatch` (dilation_rate,
# filter_shape and the base paddings for SAME, required_space_to_batch_paddings' constants,
# SpaceToBatchND, the VALID Conv2D named by the scope, BatchToSpaceND), whose gradients are
# array_grad.py's (each the opposite op); tf.nn.conv2d(dilations=...) is one Conv2D, whose
# gradient TF's CPU kernels refuse.
# The gradient graph of `mul` with two known shapes: TF 2.21 builds no BroadcastGradientArgs,
# 1.15's SmartBroadcastGradientArgs one of two Consts (see test/runtime/graph-ops/array_grads.py):
# oracle-override: ['AddN', 'AddV2', 'BatchToSpaceND', 'Const', => ['AddN', 'AddV2', 'BatchToSpaceND', 'BroadcastGradientArgs', 'Const',
import numpy as np
import tensorflow as tf

x = tf.constant(np.arange(2 * 7 * 7 * 2, dtype=np.float32).reshape(2, 7, 7, 2) / 50.)
k = tf.constant(np.arange(3 * 3 * 2 * 3, dtype=np.float32).reshape(3, 3, 2, 3) / 20. - 1.)
y1 = tf.nn.conv2d(x, k, [1, 1, 1, 1], "SAME", dilations=[1, 2, 2, 1])
y2 = tf.nn.atrous_conv2d(x, k, 2, "VALID")
y3 = tf.nn.convolution(x, k, "SAME", dilation_rate=[3, 2])
y4 = tf.nn.convolution(x, k, "VALID", name="plain")
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs])
n = len(tf.get_default_graph().get_operations())
g = tf.gradients(tf.reduce_sum(y2) + tf.reduce_sum(y3 * 2.), [x, k])
print(y1, y2, y3, y4, g)
print(sorted(set(op.type for op in tf.get_default_graph().get_operations()[n:])))
s2b = tf.space_to_batch_nd(tf.reshape(tf.range(16.), [1, 4, 4, 1]), [2, 2], [[0, 0], [1, 1]])
b2s = tf.batch_to_space_nd(s2b, [2, 2], [[0, 0], [1, 1]])
print(s2b, b2s)
bad = tf.gradients(tf.reduce_sum(y1), x)[0]
with tf.Session() as s:
    for v in s.run([y1, y2, y3, y4] + g):
        print(v.shape, np.round(v.sum(), 2), np.round(v.ravel()[:5], 3))
    print(s.run(s2b)[:, :, :, 0])
    print(s.run(b2s)[0, :, :, 0])
    try:
        s.run(bad)
    except tf.errors.InvalidArgumentError:
        print("InvalidArgumentError")
