# Numbers from the layer computations that build TF's ops (Session.run on tf.layers and slim):
# transposed (2-D and 3-D), separable, 1-D and 3-D convolutions, Dense on rank 3 (Tensordot),
# 1-D and 3-D pooling, Flatten of unknown dimensions, slim's instance_norm (NHWC and NCHW),
# one_hot_encoding, depthwise separable_conv2d, softmax, maxout, group_norm and
# legacy_fully_connected with an unknown batch, and the reversals of bidirectional RNNs; then gradient steps through the trainable ones. Values are
# rounded to 3 decimals (the tolerance).
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim


def init(shape, scale=0.5):
    n = int(np.prod(shape))
    return tf.constant_initializer((np.sin(np.arange(n) * 1.3 + 0.2) * scale)
                                   .reshape(shape).tolist())


def show(label, value):
    print(label, np.round(np.asarray(value, dtype=np.float64).reshape(-1), 3).tolist())


img = tf.placeholder(tf.float32, [None, 3, 3, 2])
seq = tf.placeholder(tf.float32, [None, 5, 3])
vol = tf.placeholder(tf.float32, [None, 3, 3, 3, 2])
free = tf.placeholder(tf.float32, [None, None, 3])
labels = tf.placeholder(tf.int32, [None])
feed = {img: np.cos(np.arange(36) * 0.7).reshape(2, 3, 3, 2),
        seq: np.sin(np.arange(30) * 0.9).reshape(2, 5, 3),
        vol: np.cos(np.arange(108) * 0.3).reshape(2, 3, 3, 3, 2),
        free: np.sin(np.arange(24) * 0.5).reshape(2, 4, 3),
        labels: [2, 0]}

up = tf.layers.conv2d_transpose(img, 3, 3, strides=2, kernel_initializer=init([3, 3, 3, 2]),
                                bias_initializer=init([3], 0.1))
up_same = tf.layers.conv2d_transpose(img, 2, 2, strides=2, padding="same",
                                     activation=tf.nn.relu, kernel_initializer=init([2, 2, 2, 2]))
dense3 = tf.layers.dense(seq, 4, kernel_initializer=init([3, 4]), bias_initializer=init([4], 0.2))
dense4 = tf.layers.dense(tf.reshape(seq, [2, 5, 1, 3]), 2, kernel_initializer=init([3, 2]))
sep = tf.layers.separable_conv2d(img, 3, 2, depthwise_initializer=init([2, 2, 2, 1]),
                                 pointwise_initializer=init([1, 1, 2, 3], 0.4),
                                 bias_initializer=init([3], 0.1))
sep1 = tf.layers.separable_conv1d(seq, 2, 2, depth_multiplier=2,
                                  depthwise_initializer=init([2, 3, 2]),
                                  pointwise_initializer=init([1, 6, 2]))
conv1 = tf.layers.conv1d(seq, 2, 3, padding="same", kernel_initializer=init([3, 3, 2]))
causal = tf.layers.conv1d(seq, 2, 2, padding="causal", kernel_initializer=init([2, 3, 2], 0.3))
conv3 = tf.layers.conv3d(vol, 2, 2, kernel_initializer=init([2, 2, 2, 2, 2]),
                         bias_initializer=init([2], 0.1))
up3 = tf.layers.conv3d_transpose(vol, 2, 2, strides=2, kernel_initializer=init([2, 2, 2, 2, 2]),
                                 bias_initializer=init([2], 0.1))
pools = [tf.layers.max_pooling1d(seq, 2, 2), tf.layers.average_pooling1d(seq, 3, 1, "same"),
         tf.layers.max_pooling3d(vol, 2, 1), tf.layers.average_pooling3d(vol, 2, 2, "same")]
flat = tf.layers.flatten(free)
inorm = slim.instance_norm(img, param_initializers={"beta": init([2], 0.3),
                                                    "gamma": init([2], 1.0)})
inorm_nchw = slim.instance_norm(tf.transpose(img, [0, 3, 1, 2]), data_format="NCHW")
onehot = slim.one_hot_encoding(labels, 3)
depthwise = slim.separable_conv2d(img, None, [2, 2], depth_multiplier=2,
                                  weights_initializer=init([2, 2, 2, 2]), activation_fn=None)
soft = slim.softmax(seq)
maxout = slim.maxout(free, 1)
gnorm = slim.group_norm(tf.reshape(img, [-1, 3, 3, 2]), groups=2, reduction_axes=(-3, -2))
legacy = tf.contrib.layers.legacy_fully_connected(seq, 2, weight_init=init([3, 2]))
lengths = tf.constant([3, 5], tf.int64)
rev = tf.reverse(seq, axis=[1])
rseq = tf.reverse_sequence(seq, lengths, seq_axis=1, batch_axis=0)
print(up.shape, up_same.shape, dense3.shape, sep1.shape, conv3.shape, up3.shape, flat.shape,
      gnorm.shape, legacy.shape)

loss = (tf.reduce_mean(tf.square(up - 0.5)) + tf.reduce_mean(tf.square(sep))
        + tf.reduce_mean(tf.square(dense3 + 1.0)) + tf.reduce_mean(tf.square(inorm - 0.2))
        + tf.reduce_mean(tf.square(sep1)) + tf.reduce_mean(conv3 * conv3)
        + tf.reduce_mean(tf.square(up3 - 0.1)))
train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for label, t in [("conv2d_transpose", up), ("conv2d_transpose_same", up_same),
                     ("dense_rank3", dense3), ("dense_rank4", dense4), ("separable_conv2d", sep),
                     ("separable_conv1d", sep1), ("conv1d_same", conv1), ("conv1d_causal", causal),
                     ("conv3d", conv3), ("conv3d_transpose", up3), ("max_pool1d", pools[0]),
                     ("avg_pool1d", pools[1]),
                     ("max_pool3d", pools[2]), ("avg_pool3d", pools[3]), ("flatten", flat),
                     ("instance_norm", inorm), ("instance_norm_nchw", inorm_nchw),
                     ("one_hot", onehot), ("depthwise", depthwise), ("softmax", soft),
                     ("maxout", maxout), ("group_norm", gnorm), ("legacy_fc", legacy),
                     ("reverse", rev),
                     ("reverse_sequence", rseq)]:
        show(label, sess.run(t, feed))
    for step in range(3):
        print("loss", step, round(float(sess.run(loss, feed)), 4))
        sess.run(train, feed)
    print("loss", 3, round(float(sess.run(loss, feed)), 4))
