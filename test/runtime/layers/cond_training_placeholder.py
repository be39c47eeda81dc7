# A `training` / `is_training` placeholder through the layers (TF 1.15 tf_utils.smart_cond /
# utils.smart_cond build tf.cond): tf.layers.batch_normalization (not fused for 2-D inputs:
# statistics in `cond` and `cond_1`, the moving averages' updates in `cond_2` and `cond_3`),
# tf.layers.dropout (`cond`: dropout or identity) and slim's batch_norm (fused: the op in
# `cond`, the updates delayed in `cond_1`); values in both modes and a few training steps
# whose loss goes down while the moving statistics follow the batches.
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim
x = tf.placeholder(tf.float32, [None, 3], name="x")
y = tf.placeholder(tf.float32, [None, 1], name="y")
training = tf.placeholder(tf.bool, [], name="training")
w = tf.get_variable("w", [3, 4], initializer=tf.constant_initializer(0.5))
h = tf.matmul(x, w)
bn = tf.layers.batch_normalization(h, training=training)
dropped = tf.layers.dropout(bn, 0.5, training=training)
sb = slim.batch_norm(h, is_training=training, scale=True)
out = tf.reduce_sum(bn + sb, axis=1, keepdims=True)
loss = tf.reduce_mean(tf.square(out - y))

names = [op.name for op in tf.get_default_graph().get_operations()]
for prefix in ("batch_normalization/cond", "dropout/cond", "BatchNorm/cond"):
    print(prefix, sorted(set(n.split("/")[1] for n in names if n.startswith(prefix))))
print(dropped, bn, sb, sep="\n")
print([u.name for u in tf.get_collection(tf.GraphKeys.UPDATE_OPS)])
for v in tf.global_variables():
    print(v.name, v.get_shape())

with tf.control_dependencies(tf.get_collection(tf.GraphKeys.UPDATE_OPS)):
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)

data = np.array([[1.0, 2.0, 0.5], [0.0, -1.0, 2.0], [3.0, 1.0, -1.0], [0.5, 0.5, 0.5]],
                dtype=np.float32)
target = np.array([[1.0], [-1.0], [2.0], [0.0]], dtype=np.float32)
np.set_printoptions(precision=3, suppress=True)
moving = [v for v in tf.global_variables() if "moving" in v.name]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run([bn, sb, dropped], {x: data, training: False}))
    print(sess.run([bn, sb], {x: data, training: True}))
    before = sess.run(loss, {x: data, y: target, training: False})
    for step in range(20):
        sess.run(train, {x: data, y: target, training: True})
    after = sess.run(loss, {x: data, y: target, training: False})
    print(bool(after < before), round(float(before), 3))
    print(sess.run(moving))
