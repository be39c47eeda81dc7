# slim code of TF1 GAN and face-embedding repositories: batch norm whose moving averages update
# in place (updates_collections=None) trained by Adam, a 2-D batch norm bottleneck, and the
# contrib initializers imported by module path.
import tensorflow as tf
import tensorflow.contrib.slim as slim
from tensorflow.contrib.layers.python.layers import initializers

images = tf.placeholder(tf.float32, [4, 8, 8, 3])
with tf.variable_scope("discriminator"):
    h = slim.conv2d(images, 6, 3, activation_fn=None, scope="d_h0",
                    weights_initializer=initializers.xavier_initializer())
    h = tf.contrib.layers.batch_norm(h, decay=0.9, updates_collections=None, epsilon=1e-5,
                                     scale=True, is_training=True, scope="d_bn0")
    print(h.name, h.shape)
    flat = tf.reshape(h, [4, -1])
    w0 = tf.get_variable("w0", [flat.shape[1].value, 5],
                         initializer=tf.contrib.layers.variance_scaling_initializer())
    w1 = tf.get_variable("w1", [5, 7], initializer=tf.contrib.layers.variance_scaling_initializer(
        factor=1.0, mode="FAN_AVG", uniform=True))
    bottleneck = slim.fully_connected(tf.matmul(flat, w0), 3, activation_fn=None,
                                      weights_initializer=slim.initializers.xavier_initializer(),
                                      normalizer_fn=slim.batch_norm,
                                      normalizer_params={"updates_collections": None,
                                                         "scale": True})
    print(bottleneck.name, bottleneck.shape)
frozen = slim.batch_norm(tf.placeholder(tf.float32, [2, 4]), is_training=False, scope="frozen")
print(frozen.name, frozen.shape)
loss = tf.reduce_mean(tf.square(bottleneck)) + tf.reduce_sum(w1)
train = tf.train.AdamOptimizer(0.001, beta1=0.5).minimize(
    loss, var_list=[v for v in tf.trainable_variables() if "discriminator" in v.name])
print([v.name for v in tf.trainable_variables()])
print([(v.name, v.shape.as_list()) for v in tf.global_variables() if "Adam" in v.name])
for bad in (dict(mode="fan_in"), dict(dtype=tf.int32)):
    try:
        tf.contrib.layers.variance_scaling_initializer(**bad)
    except TypeError:
        print("TypeError")  # TF 1.15 passes the mode as a second argument; tf-slim formats it
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    limit = (3.0 / 6.0) ** 0.5  # uniform within sqrt(3 * factor / fan_avg) before training
    print(bool((abs(sess.run(w1)) <= limit).all()))
    before = sess.run("discriminator/d_bn0/moving_mean:0")
    sess.run(train, {images: [[[[1.0, 2.0, 3.0]] * 8] * 8] * 4})
    after = sess.run("discriminator/d_bn0/moving_mean:0")
    print(before.shape, bool((before != after).any()))
