# tf.nn.convolution of 1-D and 3-D inputs, with and without dilation (nn_ops.py 1.15
# `convolution_internal`: the conv op named by the `convolution` scope, or `Convolution`'s
# `_WithSpaceToBatch`), and of inputs whose spatial dimensions are known only when the graph runs
# (the paddings computed from `Shape`); their gradients, and strides with a dilation (1.15's
# nn_ops.py `_get_strides_and_dilation_rate` message; 2.21 checks earlier, with another):
# oracle-override: ValueError: `strides > 1` not supported in conjunction with `dilation_rate > 1`. Received: strides=[2] and dilation_rate=[2] => ValueError: strides > 1 not supported in conjunction with dilation_rate > 1
import numpy as np
import tensorflow as tf
seq = tf.constant(np.arange(2 * 9 * 3, dtype=np.float32).reshape(2, 9, 3) / 30. - 0.5)
k1 = tf.constant(np.arange(3 * 3 * 2, dtype=np.float32).reshape(3, 3, 2) / 10. - 0.8)
vol = tf.constant(np.arange(5 * 6 * 5, dtype=np.float32).reshape(1, 5, 6, 5, 1) / 70. - 1.)
k3 = tf.constant(np.arange(8 * 2, dtype=np.float32).reshape(2, 2, 2, 1, 2) / 8. - 1.)
img = tf.constant(np.arange(2 * 7 * 6 * 2, dtype=np.float32).reshape(2, 7, 6, 2) / 80.)
free = tf.placeholder_with_default(img, [None, None, None, 2])
k2 = tf.constant(np.arange(3 * 3 * 2 * 2, dtype=np.float32).reshape(3, 3, 2, 2) / 12. - 1.)
ys = [
    tf.nn.convolution(seq, k1, "VALID"),
    tf.nn.convolution(seq, k1, "SAME", dilation_rate=[2]),
    tf.nn.convolution(seq, k1, "VALID", strides=2, name="strided"),
    tf.nn.convolution(vol, k3, "SAME", dilation_rate=[1, 2, 2]),
    tf.nn.convolution(vol, k3, "VALID", dilation_rate=2),
    tf.nn.convolution(free, k2, "SAME", dilation_rate=2),
    tf.nn.atrous_conv2d(free, k2, 2, "VALID"),
]
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs])
print(ys)
g = tf.gradients(tf.add_n([tf.reduce_mean(y * y) for y in ys]), [seq, k1, vol, k3, k2])
try:
    tf.nn.convolution(seq, k1, "VALID", strides=[2], dilation_rate=[2])
except ValueError as e:
    print("ValueError:", e)
with tf.Session() as s:
    for v in s.run(ys + g):
        print(v.shape, np.round(v.sum(), 2), np.round(v.ravel()[:4], 3))
