# The nn composites as TF 1.15 builds them: moments (StopGradient, SquaredDifference, Squeeze),
# batch_normalization, conv1d (ExpandDims, Conv2D, Squeeze), depthwise_conv2d and
# separable_conv2d (with_space_to_batch's Shape and dilation_rate), argmax's dimension input,
# tf.metrics.accuracy and tf.metrics.mean (local variables from zeros, AssignAdd, DivNoNan);
# their values and the gradients through them.
# random_ops.py (1.15) ends random_uniform with `math_ops.add` (gen_math_ops.add, op Add; 2.x:
# AddV2).
# oracle-override: /Initializer/random_uniform AddV2 => /Initializer/random_uniform Add
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [4, 8, 3], name="x")
p = tf.placeholder(tf.float32, [4, 5], name="p")
labels = tf.placeholder(tf.int64, [4], name="labels")
mean, variance = tf.nn.moments(p, axes=[0])
m2, v2 = tf.nn.moments(x, axes=[0, 1], keep_dims=True, name="mom")
k = tf.get_variable("k", [3, 3, 6], initializer=tf.random_uniform_initializer(seed=1))
c1 = tf.nn.conv1d(x, k, stride=2, padding="SAME")
img = tf.placeholder(tf.float32, [2, 8, 8, 3], name="img")
dw = tf.get_variable("dw", [3, 3, 3, 2], initializer=tf.constant_initializer(0.1))
pw = tf.get_variable("pw", [1, 1, 6, 4], initializer=tf.constant_initializer(-0.2))
sep = tf.nn.separable_conv2d(img, dw, pw, [1, 1, 1, 1], "SAME")
dep = tf.nn.depthwise_conv2d(img, dw, [1, 2, 2, 1], "VALID")
bn = tf.nn.batch_normalization(p, mean, variance, 0.1, 2.0, 1e-3)
bn2 = tf.nn.batch_normalization(p, mean, variance, None, None, 1e-3, name="bn")
pred = tf.argmax(p, 1)
acc, update = tf.metrics.accuracy(labels, pred)
avg, avg_update = tf.metrics.mean(tf.reduce_max(p, 1), weights=[1.0, 2.0, 0.0, 1.0])
e = tf.expand_dims(p, -1)
loss = (tf.reduce_sum(bn * bn2) + tf.reduce_sum(tf.square(c1)) + tf.reduce_sum(sep) +
        tf.reduce_sum(dep) + tf.reduce_sum(v2))
grads = tf.gradients(loss, [p, x, img, dw, pw])
for op in tf.get_default_graph().get_operations():
    if not op.name.startswith("gradients/"):
        print(op.name, op.type)
for t in (mean, variance, m2, v2, c1, sep, dep, bn, bn2, pred, acc, update, avg, e):
    print(t.name, t.shape, t.dtype)
print([v.name for v in tf.local_variables()])
rng = np.random.RandomState(5)
feed = {x: rng.normal(0, 1, [4, 8, 3]).astype(np.float32),
        p: rng.normal(0, 1, [4, 5]).astype(np.float32),
        img: rng.uniform(0, 1, [2, 8, 8, 3]).astype(np.float32), labels: [0, 1, 2, 3]}
feed[labels] = np.argmax(feed[p], 1) * np.array([1, 1, 0, 1])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(tf.local_variables_initializer())
    for v in sess.run([mean, variance, v2, bn, bn2, pred], feed):
        print(np.round(v, 4))
    print(np.round(sess.run([update, avg_update], feed), 4))
    print(np.round(sess.run([acc, avg]), 4))
    print(sess.run(c1, feed).shape, np.round(sess.run(tf.reduce_sum(sep), feed), 3))
    print(np.round(sess.run(dep, feed)[0, 0, 0], 4))
    for g in sess.run(grads[:1] + grads[2:], feed):
        print(g.shape, np.round(g.ravel()[:6], 3))
