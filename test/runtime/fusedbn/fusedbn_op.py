# tf.nn.fused_batch_norm: one FusedBatchNormV3 op (six outputs, TF's static shapes), its values in
# training (batch statistics; the variance output with Bessel's correction) and inference (the
# given mean and variance), NHWC and NCHW, and FusedBatchNormGradV3's gradients (nn_grad.py
# `_BaseFusedBatchNormGrad`: inference NCHW transposes to NHWC and back).
import numpy as np
import tensorflow as tf


def show(label, v):
    print(label, v.shape, " ".join("%.6g" % x for x in np.asarray(v).ravel()))


rng = np.random.RandomState(0)
xv = rng.randn(2, 3, 4, 5).astype(np.float32) * 2.0 + 0.5
wv = rng.randn(2, 3, 4, 5).astype(np.float32)
for fmt in ("NHWC", "NCHW"):
    g = tf.Graph()
    with g.as_default():
        c = 5 if fmt == "NHWC" else 3
        x = tf.constant(xv)
        scale = tf.Variable(np.linspace(0.5, 1.5, c).astype(np.float32), name="scale")
        offset = tf.Variable(np.linspace(-0.2, 0.3, c).astype(np.float32), name="offset")
        y, m, v = tf.nn.fused_batch_norm(x, scale, offset, data_format=fmt)
        op = y.op
        print(fmt, op.name, op.type, [t.name for t in op.inputs])
        print([str(t.shape) for t in op.outputs])
        loss = tf.reduce_sum(y * tf.constant(wv))
        grads = tf.gradients(loss, [x, scale, offset])
        print([t.name for t in grads], [str(t.shape) for t in grads])
        gop = grads[0].op
        print(gop.type, [str(t.shape) for t in gop.outputs])
        mm = tf.constant(np.linspace(-0.1, 0.1, c).astype(np.float32))
        vv = tf.constant(np.linspace(0.5, 2.0, c).astype(np.float32))
        yi, mi, vi = tf.nn.fused_batch_norm(x, scale, offset, mean=mm, variance=vv,
                                            epsilon=1e-3, is_training=False, data_format=fmt,
                                            name="frozen")
        print(yi.op.name, [str(t.shape) for t in yi.op.outputs])
        gi = tf.gradients(tf.reduce_sum(yi * tf.constant(wv)), [x, scale, offset, mm, vv])
        print([None if t is None else t.name for t in gi])
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            vals = sess.run([y, m, v] + grads + [yi, mi, vi] + gi[:3])
            names = ["y", "mean", "variance", "dx", "dscale", "doffset",
                     "y_inf", "mean_inf", "variance_inf", "dx_inf", "dscale_inf", "doffset_inf"]
            for n, a in zip(names, vals):
                show(fmt + " " + n, a)
