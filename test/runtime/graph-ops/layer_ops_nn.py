# The tf.nn / array ops the layer libraries compute with (TF 1.15 nn_ops.py, array_ops.py), their
# names and values, and their gradient ops (nn_grad.py, array_grad.py):
#   conv2d_transpose of an output shape stacked from tf.shape (Keras's Conv2DTranspose builds it
#   so): Conv2DBackpropInput(input_sizes, filter, value); _Conv2DBackpropInputGrad gives
#   Conv2DBackpropFilter and Conv2D
#   depthwise_conv2d: _DepthwiseConv2dNativeGrad gives DepthwiseConv2dNativeBackpropInput/Filter
#   conv3d, conv3d_transpose (Conv3DBackpropInputV2; _Conv3DBackpropInputGrad gives
#   Conv3DBackpropFilterV2 and Conv3D), max_pool3d, avg_pool3d (SAME: the average over the
#   window's elements in the input)
#   reverse (ReverseV2 of its `axis`), reverse_sequence (ReverseSequence) and their gradients
# The gradient ops printed are those of these ops (the others' are other programs' subject).
# TF 2.21 builds some differently from 1.15:
#   nn_grad.py (1.15) _Conv3DGrad: array_ops.shape of each input (2.21: one ShapeN), the filter's
#   fully defined, a Const
# oracle-override: gradients/Conv3D_grad/ShapeN ShapeN\ngradients/Conv3D_grad/Conv3DBackpropInputV2 Conv3DBackpropInputV2 => gradients/Conv3D_grad/Shape Shape\ngradients/Conv3D_grad/Conv3DBackpropInputV2 Conv3DBackpropInputV2\ngradients/Conv3D_grad/Shape_1 Const
import numpy as np
import tensorflow as tf


def init(shape, scale):
    n = int(np.prod(shape))
    return tf.constant_initializer((np.sin(np.arange(n) * 1.3) * scale).reshape(shape).tolist())


x = tf.placeholder(tf.float32, [None, 3, 3, 2], name="x")
k = tf.get_variable("k", [3, 3, 4, 2], initializer=init([3, 3, 4, 2], 0.5))
d = tf.get_variable("d", [2, 2, 2, 3], initializer=init([2, 2, 2, 3], 0.7))
v = tf.get_variable("v", [2, 2, 2, 1, 2], initializer=init([2, 2, 2, 1, 2], 0.6))
t3 = tf.get_variable("t3", [2, 2, 2, 1, 2], initializer=init([2, 2, 2, 1, 2], 0.4))
s = tf.shape(x)
out_shape = tf.stack([s[0], s[1] * 2 + 1, s[2] * 2 + 1, 4])
up = tf.nn.conv2d_transpose(x, k, out_shape, [1, 2, 2, 1], "VALID")
print(up)
dw = tf.nn.depthwise_conv2d(x, d, [1, 1, 1, 1], "SAME")
vol = tf.reshape(up[:, :6, :6, :], [-1, 6, 6, 4, 1])
c3 = tf.nn.conv3d(vol, v, [1, 1, 1, 1, 1], "VALID")
m3 = tf.nn.max_pool3d(c3, [1, 2, 2, 2, 1], [1, 2, 2, 1, 1], "VALID")
a3 = tf.nn.avg_pool3d(c3, [1, 2, 2, 2, 1], [1, 2, 2, 2, 1], "SAME")
s3 = tf.shape(c3)
u3 = tf.nn.conv3d_transpose(c3, t3, tf.stack([s3[0], 10, 10, 6, 1]), [1, 2, 2, 2, 1], "SAME")
seq = tf.reshape(dw, [-1, 3, 18])
rev = tf.reverse(seq, axis=[1])
rseq = tf.reverse_sequence(seq, tf.constant([2, 3], tf.int64), seq_axis=1, batch_axis=0)
print(m3, a3, u3, rev, rseq)
loss = (tf.reduce_mean(tf.square(m3)) + tf.reduce_mean(a3) + tf.reduce_mean(rev * rseq)
        + tf.reduce_mean(tf.square(up)) + tf.reduce_mean(tf.square(u3)))
grads = tf.gradients(loss, [k, d, v, t3, x])
print([g.name for g in grads])
mine = ("conv2d_transpose_grad", "depthwise_grad", "Conv3D_grad", "MaxPool3D_grad",
        "AvgPool3D_grad", "ReverseV2_grad", "ReverseSequence_grad", "conv3d_transpose_grad")
for op in tf.get_default_graph().get_operations():
    if not op.name.startswith("gradients/") or any("/%s/" % m in op.name for m in mine):
        print(op.name, op.type)
feed = {x: (np.cos(np.arange(36) * 0.7)).reshape(2, 3, 3, 2)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    # Each value as its sum, sum of squares and a position-weighted sum (3 decimals): stable
    # against float32 summation order, sensitive to any misplaced or wrong element.
    for t in [up, dw, m3, a3, u3, rev, rseq, loss] + grads:
        value = np.asarray(sess.run(t, feed), dtype=np.float64)
        weights = np.cos(np.arange(value.size) * 0.37).reshape(value.shape)
        print(t.name, value.shape, round(float(value.sum()), 3),
              round(float((value * value).sum()), 3), round(float((value * weights).sum()), 3))
