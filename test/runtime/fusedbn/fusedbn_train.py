# A small conv + batch-norm model trained for 20 steps (slim.conv2d with slim.batch_norm as its
# normalizer, then tf.layers conv + batch_normalization NHWC, a dense
# softmax head), the UPDATE_OPS run with each step: the loss curve, then inference on the moving
# statistics. Every weight has a fixed initial value.
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim

rng = np.random.RandomState(4)
images = rng.rand(8, 6, 6, 2).astype(np.float32)
labels = rng.randint(0, 3, size=8).astype(np.int32)
k1 = (rng.randn(3, 3, 2, 4) * 0.4).astype(np.float32)
k2 = (rng.randn(3, 3, 4, 5) * 0.3).astype(np.float32)
wd = (rng.randn(5, 3) * 0.5).astype(np.float32)

x = tf.placeholder(tf.float32, [None, 6, 6, 2])
y = tf.placeholder(tf.int32, [None])
training = tf.placeholder_with_default(True, [])
h = slim.conv2d(x, 4, 3, weights_initializer=tf.constant_initializer(k1),
                normalizer_fn=slim.batch_norm,
                normalizer_params={"is_training": training, "scale": True, "decay": 0.9})
h = tf.layers.conv2d(h, 5, 3, padding="same", use_bias=False,
                     kernel_initializer=tf.constant_initializer(k2))
h = tf.layers.batch_normalization(h, training=training, momentum=0.8)
h = tf.nn.relu(h)
h = tf.reduce_mean(h, [1, 2])
logits = tf.layers.dense(h, 3, kernel_initializer=tf.constant_initializer(wd))
loss = tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels=y, logits=logits))
with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.MomentumOptimizer(0.2, 0.9).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(20):
        _, l = sess.run([train, loss], {x: images, y: labels})
        print("step", step, "loss %.6f" % l)
    print("inference loss %.6f" % sess.run(loss, {x: images, y: labels, training: False}))
    for v in tf.global_variables():
        if "moving" in v.op.name:
            print(v.op.name, " ".join("%.6f" % t for t in sess.run(v)))
