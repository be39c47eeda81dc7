# The moving variance of a batch norm that TF 1.15 runs as its fused kernel (4-D inputs to
# slim's batch_norm and tf.layers.batch_normalization, and slim's 2-D inputs, which it reshapes
# to 4-D) averages the batch variance with Bessel's correction, n / (n - 1); the non-fused
# kernel (tf.layers on 2-D inputs) averages the biased one. Values rounded to 5 decimals.
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
rng = np.random.RandomState(1)
images = tf.placeholder(tf.float32, [2, 3, 3, 2])
rows = tf.placeholder(tf.float32, [4, 3])
outputs = [
    slim.batch_norm(images, is_training=True, scope="slim_4d"),
    tf.layers.batch_normalization(images, training=True, name="layers_4d"),
    tf.layers.batch_normalization(rows, training=True, name="layers_2d"),
    slim.batch_norm(rows, is_training=True, scope="slim_2d"),
]
updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
feed = {images: rng.randn(2, 3, 3, 2).astype(np.float32),
        rows: rng.randn(4, 3).astype(np.float32)}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for _ in range(2):
        values = sess.run(outputs + updates, feed)
    for v in tf.global_variables():
        if "moving_variance" in v.name:
            print(v.name, np.round(sess.run(v), 5))
    for out in values[:4]:
        print(np.round(out.reshape(-1)[:4], 5))
