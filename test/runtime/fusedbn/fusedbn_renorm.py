# tf.layers.batch_normalization(renorm=True) (Keras's `_renorm_correction_and_moments`, TF 1.15):
# the corrections r and d from the renorm averages, clipped by renorm_clipping, folded into the
# scale and offset while training; the renorm averages (renorm_momentum) and the moving mean and
# moving_stddev (momentum) updated by UPDATE_OPS, the moving variance relu(stddev^2 - eps); and
# inference with the moving statistics, over several training steps.
import numpy as np
import tensorflow as tf


def show(label, v):
    print(label, np.asarray(v).shape, " ".join("%.6g" % x for x in np.asarray(v).ravel()))


rng = np.random.RandomState(3)
batches = [rng.randn(6, 3).astype(np.float32) * (1.0 + i) + i * 0.5 for i in range(4)]
cases = [
    ("plain", dict()),
    ("clipped", dict(renorm_clipping={"rmin": 0.8, "rmax": 1.25, "dmax": 0.3},
                     renorm_momentum=0.7, momentum=0.6)),
    ("conv", dict(axis=1, renorm_clipping={"rmax": 1.5}, renorm_momentum=0.5)),
]
for label, kwargs in cases:
    g = tf.Graph()
    with g.as_default():
        shape = [None, 3] if label != "conv" else [None, 3, 2, 2]
        x = tf.placeholder(tf.float32, shape)
        y = tf.layers.batch_normalization(x, renorm=True, training=True,
                                          gamma_initializer=tf.constant_initializer(1.2),
                                          beta_initializer=tf.constant_initializer(0.1),
                                          **kwargs)
        y_inf = tf.layers.batch_normalization(x, renorm=True, training=False, reuse=True,
                                              **kwargs)
        print(label, y.shape, [v.op.name for v in tf.global_variables()])
        updates = tf.get_collection(tf.GraphKeys.UPDATE_OPS)
        loss = tf.reduce_sum(tf.sin(y))
        grads = tf.gradients(loss, [x] + tf.trainable_variables())
        train = tf.train.GradientDescentOptimizer(0.1).minimize(loss)
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            for i, b in enumerate(batches):
                xv = b if label != "conv" else np.tile(b[:, :, None, None], [1, 1, 2, 2]) * \
                    np.array([1.0, -0.5, 0.25, 2.0], np.float32).reshape(1, 1, 2, 2)
                out = sess.run([y, y_inf] + grads, {x: xv})
                sess.run([train] + updates, {x: xv})
                show("%s %d y" % (label, i), out[0])
                show("%s %d y_inf" % (label, i), out[1])
                show("%s %d dx" % (label, i), out[2])
                for v, gv in zip(tf.trainable_variables(), out[3:]):
                    show("%s %d d%s" % (label, i, v.op.name), gv)
                for v in tf.global_variables():
                    if "renorm" in v.op.name or "moving" in v.op.name:
                        show("%s %d %s" % (label, i, v.op.name), sess.run(v))
