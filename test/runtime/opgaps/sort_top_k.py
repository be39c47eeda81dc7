# tf.sort and tf.argsort as TF 1.15's sort_ops.py builds them: top_k (TopKV2) of the whole
# axis, k sliced from the shape, the values negated for ascending order, another axis than the
# last swapped to the end by a `transposition` constant; top_k's `k` input; values and static
# shapes; the TopKV2 gradient (nn_grad.py _TopKGrad: ScatterNd of the flattened indices).
# TF 2.21's sort_ops.py words its ValueErrors differently; 1.15's `_sort_or_argsort`:
# oracle-override: Argument `direction` should be one of ASCENDING, DESCENDING. Received: direction=UP => UP should be one of ASCENDING, DESCENDING
# oracle-override: Argument `axis` must be a constant scalar. Received: axis=Tensor("Placeholder_2:0", dtype=int32). => axis must be a constant scalar
import numpy as np
import tensorflow as tf


def ops_from(n, scope=""):
    """The ops from the n-th on in `scope`; an input from another gradient scope is `<grad>`
    (TF 2.21 builds some other gradients than 1.15)."""
    for op in tf.get_default_graph().get_operations()[n:]:
        if op.name.startswith(scope):
            print(op.name, op.type, [t.name if not t.name.startswith("gradients/")
                                     or t.name.startswith(scope) else "<grad>"
                                     for t in op.inputs])


x = tf.constant([[3., 1., 2.], [0.5, 5., -1.]])
s = tf.sort(x, direction='DESCENDING')
a = tf.argsort(x)
s0 = tf.sort(x, axis=0)
a0 = tf.argsort(x, axis=-2, direction='DESCENDING', name="by_rows")
v, i = tf.nn.top_k(x, 2)
ops_from(0)
print(s, a, s0, a0, v, i)
p = tf.placeholder(tf.float32, [None, 4])
sp = tf.sort(p)
ap = tf.argsort(p, direction='DESCENDING')
p3 = tf.placeholder(tf.float32, [2, None, 3])
s3 = tf.sort(p3, axis=1)
print(sp, ap, s3)
ints = tf.sort(tf.constant([5, -2, 7, 0]))
ties = tf.argsort(tf.constant([2., 1., 2., 1., 3.]))
with tf.Session() as sess:
    for value in sess.run([s, a, s0, a0, v, i, ints, ties]):
        print(value)
    print(sess.run([sp, ap], {p: [[1., 4., 2., 3.], [0., -1., 5., 2.]]}))
    print(sess.run(s3, {p3: np.arange(24, dtype=np.float32).reshape(2, 4, 3)[:, ::-1]}))
for bad in (lambda: tf.sort(x, direction='UP'), lambda: tf.sort(x, axis=tf.placeholder(tf.int32))):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)

n = len(tf.get_default_graph().get_operations())
vp, ip = tf.nn.top_k(p, 2)
loss = tf.reduce_sum(vp * [[1., 2.]]) + tf.reduce_sum(tf.sort(p, direction='DESCENDING', name="desc") * [[1., 2., 3., 4.]])
g = tf.gradients(loss, p)[0]
ops_from(n, "gradients/TopKV2_grad")
ops_from(n, "gradients/desc")
print(g)
with tf.Session() as sess:
    print(sess.run(g, {p: [[1., 4., 2., 3.], [0., -1., 5., 2.]]}))

# tf.scatter_nd (ScatterNd/shape) and the gradients of ScatterNd and GatherNd
# (array_grad.py _ScatterNdGrad, _GatherNdGrad).
n = len(tf.get_default_graph().get_operations())
upd = tf.constant([[1., 2.], [3., 4.], [5., 6.]])
idx = tf.constant([[0], [2], [0]])
sc = tf.scatter_nd(idx, upd, [4, 2])
params = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4))
gn = tf.gather_nd(params, [[0, 1], [2, 3], [0, 1]])
rows = tf.gather_nd(params, [[2], [0]])
gs = tf.gradients(tf.reduce_sum(sc * sc) + tf.reduce_sum(gn * [1., 2., 3.]), [upd, params])
gr = tf.gradients(tf.reduce_sum(rows * 2.), params)[0]
ops_from(n, "ScatterNd")
ops_from(n, "gradients_1/ScatterNd_grad")
ops_from(n, "gradients_1/GatherNd_grad")
ops_from(n, "gradients_2/GatherNd_1_grad")
print(sc, gn, rows, gs, type(gr).__name__)
with tf.Session() as sess:
    print(sess.run(sc))
    print(sess.run(gs))
    r = sess.run(gr)
    print(r.values, r.indices, r.dense_shape)
