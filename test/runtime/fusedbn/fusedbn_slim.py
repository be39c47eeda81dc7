# slim.batch_norm as TF 1.15's contrib builds it: NHWC and NCHW through the fused op (the Keras
# layer's for the default UPDATE_OPS, slim's own `_fused_batch_norm` for updates_collections=None
# and rank 2), training and inference, a placeholder `is_training`; outputs, gradients, and the
# moving averages after the updates run (assign_moving_average of the fused op's outputs).
import numpy as np
import tensorflow as tf

slim = tf.contrib.slim


def show(label, v):
    print(label, np.asarray(v).shape, " ".join("%.6g" % x for x in np.asarray(v).ravel()))


rng = np.random.RandomState(1)
x4 = rng.randn(4, 3, 3, 2).astype(np.float32) * 1.5 - 0.3
x2 = rng.randn(6, 3).astype(np.float32)
cases = [
    ("nhwc_train", dict(is_training=True, scale=True), "NHWC", x4),
    ("nchw_train", dict(is_training=True, scale=True, center=False), "NCHW", x4),
    ("nhwc_inplace", dict(is_training=True, updates_collections=None), "NHWC", x4),
    ("nchw_inplace", dict(is_training=True, updates_collections=None, scale=True), "NCHW", x4),
    ("nhwc_infer", dict(is_training=False, scale=True), "NHWC", x4),
    ("nchw_infer", dict(is_training=False), "NCHW", x4),
    ("rank2", dict(is_training=True, updates_collections=None), "NHWC", x2),
    ("rank2_nchw", dict(is_training=True, updates_collections=None, scale=True), "NCHW", x2),
]
for label, kwargs, fmt, xv in cases:
    g = tf.Graph()
    with g.as_default():
        x = tf.constant(xv)
        y = slim.batch_norm(x, decay=0.9, data_format=fmt,
                            param_initializers={"moving_mean": tf.constant_initializer(0.2),
                                                "moving_variance": tf.constant_initializer(1.5)},
                            **kwargs)
        print(label, y.name, y.shape, [v.op.name for v in tf.global_variables()])
        print(label, sorted(set(op.type for op in g.get_operations()
                                if "BatchNorm" in op.type or op.type == "AssignSub")))
        w = tf.constant(rng.randn(*xv.shape).astype(np.float32))
        loss = tf.reduce_sum(y * y * w)
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
            for _ in range(2):
                sess.run([y] + updates)
            for v in tf.global_variables():
                if "moving" in v.op.name:
                    show(label + " " + v.op.name, sess.run(v))
# A placeholder is_training: cond(is_training, training, inference).
g = tf.Graph()
with g.as_default():
    x = tf.constant(x4)
    flag = tf.placeholder(tf.bool, [])
    y = slim.batch_norm(x, is_training=flag, scale=True, data_format="NCHW")
    updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
    dx = tf.gradients(tf.reduce_sum(y * y), x)[0]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for f in (True, False, True):
            out = sess.run([y, dx] + updates, {flag: f})
            show("flag %s y" % f, out[0])
            show("flag %s dx" % f, out[1])
        show("flag moving_mean", sess.run(tf.global_variables("BatchNorm/moving_mean")[0]))
        show("flag moving_variance",
             sess.run(tf.global_variables("BatchNorm/moving_variance")[0]))
