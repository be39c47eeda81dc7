# tf.layers.batch_normalization on 4-D inputs: the fused op with NHWC (axis=-1/3) and NCHW
# (axis=1, channels_first), training and inference, scale/center off (Keras's constant gamma and
# beta), a placeholder `training`; outputs, gradients, and the moving averages after the
# UPDATE_OPS (`AssignMovingAvg`, momentum a Const) run. A 2-D and a 3-D input stay unfused.
import numpy as np
import tensorflow as tf


def show(label, v):
    print(label, np.asarray(v).shape, " ".join("%.6g" % x for x in np.asarray(v).ravel()))


rng = np.random.RandomState(2)
x4 = rng.randn(3, 2, 4, 3).astype(np.float32) * 0.7 + 1.0
cases = [
    ("last_train", dict(axis=-1, training=True), x4),
    ("first_train", dict(axis=1, training=True, momentum=0.8), x4),
    ("first_noscale", dict(axis=1, training=True, scale=False, center=False), x4),
    ("last_infer", dict(axis=3, training=False), x4),
    ("first_infer", dict(axis=1, training=False, epsilon=0.01), x4),
    ("rank2", dict(training=True), rng.randn(5, 4).astype(np.float32)),
    ("rank3_axis1", dict(axis=1, training=True), rng.randn(3, 2, 4).astype(np.float32)),
]
for label, kwargs, xv in cases:
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(xv)
        y = tf.layers.batch_normalization(
            x, moving_mean_initializer=tf.constant_initializer(0.1),
            moving_variance_initializer=tf.constant_initializer(2.0),
            gamma_initializer=tf.constant_initializer(1.5),
            beta_initializer=tf.constant_initializer(-0.25), **kwargs)
        print(label, y.shape, [v.op.name for v in tf.global_variables()])
        print(label, sorted(set(op.type for op in g.get_operations()
                                if "BatchNorm" in op.type)))
        w = tf.constant(rng.randn(*xv.shape).astype(np.float32))
        loss = tf.reduce_sum(tf.square(y) * w)
        trainables = tf.trainable_variables()
        grads = tf.gradients(loss, [x] + trainables)
        updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run([y] + grads)
            show(label + " y", vals[0])
            show(label + " dx", vals[1])
            for v, gv in zip(trainables, vals[2:]):
                show(label + " d" + v.op.name, gv)
            for _ in range(3):
                sess.run(updates)
            for v in tf.global_variables():
                if "moving" in v.op.name:
                    show(label + " " + v.op.name, sess.run(v))
g = tf.Graph()
with g.as_default():
    x = tf.constant(x4)
    flag = tf.placeholder(tf.bool, [])
    y = tf.layers.batch_normalization(x, axis=1, training=flag)
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    dx = tf.gradients(tf.reduce_sum(y * tf.constant(x4[::-1].copy())), x)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for f in (True, False, True):
            out = sess.run([y, dx], {flag: f})
            sess.run(updates, {flag: f})
            show("flag %s y" % f, out[0])
            show("flag %s dx" % f, out[1])
            show("flag moving_mean", sess.run(tf.global_variables()[2]))
            show("flag moving_variance", sess.run(tf.global_variables()[3]))
