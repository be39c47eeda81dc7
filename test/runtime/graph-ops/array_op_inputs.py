# Array ops with the Const inputs TF converts inside their name scopes: transpose/perm (also
# TF's reversed perm when none is given), concat/axis (one value: concat/concat_dim and an
# Identity concat/concat), Tile/multiples, Pad/paddings, Slice/begin and size,
# split/split_dim, ExpandDims/dim, GatherV2/indices and axis, Max/reduction_indices.
# oracle-override lines below give TF 1.15's ops where TF 2.21 builds others:
#   array_ops.py split: 1.15 converts num_or_size_splits first, a number too (a Const named
#     `Const` before the op's scope); 2.21 converts only a list
# oracle-override: split_1/split_dim Const => Const_2 Const\nsplit_1/split_dim Const
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
w = tf.get_variable("w", [3, 3], initializer=tf.constant_initializer(0.5))
a = tf.concat([x, tf.matmul(x, w)], 1)
one = tf.concat([x], 1)
named = tf.concat([x], 0, name="joined")
b = tf.stack([x, x * 2.0], axis=1)
c = tf.transpose(a)
c2 = tf.transpose(b, [2, 0, 1])
d = tf.tile(x, [2, 1])
p = tf.pad(x, [[1, 0], [0, 2]])
p2 = tf.pad(x, [[1, 0], [0, 2]], constant_values=1.5)
s = tf.slice(a, [0, 1], [2, 3])
u = tf.unstack(b, axis=1)
m = tf.matmul(b, tf.transpose(b, [0, 2, 1]))
mx = tf.reduce_max(a, axis=1)
mn = tf.reduce_min(x)
ed = tf.expand_dims(x, 0)
sq = tf.squeeze(ed, [0])
g = tf.gather(w, [0, 2])
sv = tf.split(a, [2, 4], axis=1)
sp = tf.split(a, 2, axis=1)
print([t.name for t in [a, one, named, c, d, p, p2, s, g] + u + sv + sp])
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
