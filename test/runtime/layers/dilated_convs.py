# Dilated convolutions of the layer libraries (tf.layers Conv1D/2D/3D and their functional forms,
# slim's `rate`, separable convolutions): variables, static shapes, the forward pass and training
# steps through TF's SpaceToBatchND / BatchToSpaceND gradients; the separable ones' ops (with
# static spatial shapes). The ops of the Keras convolutions as TF 1.15 names them:
# dilated_convs_graph_tf115.py.
import tensorflow as tf

slim = tf.contrib.slim


def init(n, scale=0.1):
    return tf.constant_initializer([((i * 7) % 11 - 5) * scale for i in range(n)])


def data(shape):
    n = 1
    for d in shape:
        n *= d
    return tf.constant([((i * 5) % 13 - 6) / 6.0 for i in range(n)], shape=shape)


img = data([2, 7, 6, 2])
seq = data([2, 9, 3])
vol = data([1, 5, 6, 5, 1])
free_img = tf.placeholder_with_default(img, [None, None, None, 2])
free_seq = tf.placeholder_with_default(seq, [None, None, 3])
bias = tf.constant_initializer(0.1)
outs = [
    tf.layers.conv2d(img, 3, 3, padding="same", dilation_rate=2, kernel_initializer=init(54),
                     bias_initializer=bias),
    tf.layers.conv2d(img, 2, 2, dilation_rate=(2, 3), kernel_initializer=init(16),
                     activation=tf.nn.relu),
    tf.layers.Conv2D(2, (3, 2), padding="same", dilation_rate=(3, 1),
                     kernel_initializer=init(24))(img),
    tf.layers.conv1d(seq, 3, 2, dilation_rate=2, kernel_initializer=init(18)),
    tf.layers.conv1d(seq, 2, 3, padding="causal", dilation_rate=3, kernel_initializer=init(18),
                     bias_initializer=bias),
    tf.layers.Conv1D(2, 2, padding="same", dilation_rate=4, kernel_initializer=init(12))(seq),
    tf.layers.conv3d(vol, 2, 2, padding="same", dilation_rate=(1, 2, 2),
                     kernel_initializer=init(16)),
    tf.layers.Conv3D(1, 2, dilation_rate=2, kernel_initializer=init(8),
                     bias_initializer=bias)(vol),
    slim.conv2d(img, 3, 3, rate=2, weights_initializer=init(54)),
    slim.conv1d(seq, 2, 3, rate=2, padding="VALID", weights_initializer=init(18),
                activation_fn=None),
    slim.conv3d(vol, 2, [1, 2, 2], rate=[1, 2, 1], weights_initializer=init(8),
                activation_fn=tf.nn.tanh),
    tf.layers.separable_conv2d(img, 3, 3, dilation_rate=2, depthwise_initializer=init(18),
                               pointwise_initializer=init(6)),
    slim.separable_conv2d(img, 3, 3, 1, rate=2, weights_initializer=init(18),
                          pointwise_initializer=init(6)),
    slim.separable_conv2d(img, None, 3, 2, rate=2, padding="VALID",
                          weights_initializer=init(36), activation_fn=None),
    # Spatial dimensions known only when the graph runs: the paddings computed from `Shape`.
    tf.layers.conv2d(free_img, 2, 3, padding="same", dilation_rate=2, kernel_initializer=init(36)),
    tf.layers.conv1d(free_seq, 2, 2, padding="causal", dilation_rate=2,
                     kernel_initializer=init(12)),
    tf.layers.separable_conv2d(free_img, 2, 3, dilation_rate=(2, 1),
                               depthwise_initializer=init(18), pointwise_initializer=init(4)),
]
for v in tf.trainable_variables():
    print(v.name, v.shape)
for out in outs:
    print(out.name, out.shape)
for op in tf.get_default_graph().get_operations():
    if op.name.startswith("separable_conv2d/") or op.name.startswith("SeparableConv2d/") \
            or op.name.startswith("SeparableConv2d_1/"):
        if op.type not in ("VariableV2", "Assign") and "Initializer" not in op.name \
                and not op.name.endswith("/read"):
            print(" ", op.name, op.type, [t.name for t in op.inputs])

loss = tf.add_n([tf.reduce_mean(tf.square(o - 0.2)) for o in outs])
sgd = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
adam = tf.train.AdamOptimizer(0.01).minimize(loss)
grads = tf.gradients(loss, tf.trainable_variables())
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for out in outs:
        value = sess.run(out)
        flat = value.reshape([-1]).tolist()
        print(out.name, value.shape, "%.5f" % sum(flat),
              "%.5f" % sum([x * x for x in flat]), ["%.4f" % x for x in flat[:4]])
    for v, g in zip(tf.trainable_variables(), sess.run(grads)):
        print("grad", v.name, "%.5f" % g.sum(), "%.5f" % (g * g).sum())
    for step in range(3):
        print("sgd", step, "%.5f" % sess.run([loss, sgd])[0])
    for step in range(3):
        print("adam", step, "%.5f" % sess.run([loss, adam])[0])
    print("final", "%.5f" % sess.run(loss))
