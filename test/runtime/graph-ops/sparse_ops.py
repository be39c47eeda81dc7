# The sparse ops of sparse_ops.py (TF 1.15): sparse_reduce_sum (all axes, one axis kept, a
# negative axis) and its _sparse form, sparse_add of two sparse tensors (threshold) and of a
# sparse and a dense one, sparse_reorder, sparse_reshape (an inferred dimension), sparse_concat,
# sparse_softmax, sparse.to_dense without index validation and the deprecated sparse_to_dense;
# their ops, static shapes and values.
# TF 2.21 builds one op differently from 1.15; the overrides below give 1.15's ops:
#   sparse_ops.py sparse_tensor_to_dense(default_value=0): the 0 converted by the op,
#     SparseToDense/default_value (2.x: default_value=None, array_ops.zeros([]))
# oracle-override: zeros Const => SparseToDense/default_value Const
# oracle-override: 'zeros:0' => 'SparseToDense/default_value:0'
import numpy as np
import tensorflow as tf

st = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 1]], values=[1.0, 2.0, 3.0],
                     dense_shape=[3, 4])
messy = tf.SparseTensor(indices=[[2, 1], [0, 3], [0, 1]], values=[5.0, -1.0, 4.0],
                        dense_shape=[3, 4])
total = tf.sparse_reduce_sum(st)
rows = tf.sparse_reduce_sum(st, axis=1, keepdims=True)
cols = tf.sparse.reduce_sum(st, -2)
print("reduce_sum", total.name, total.shape, rows.name, rows.shape, cols.name, cols.shape)
rss = tf.sparse_reduce_sum_sparse(st, 1)
print("reduce_sum_sparse", rss.indices.name, rss.values.name, rss.dense_shape.name, rss.shape)
ordered = tf.sparse_reorder(messy)
print("reorder", ordered.indices.name, ordered.indices.shape, ordered.values.name,
      ordered.dense_shape.name, ordered.shape)
both = tf.sparse_add(st, ordered)
clipped = tf.sparse.add(st, tf.SparseTensor([[0, 0], [1, 1]], [-0.5, 0.1], [3, 4]),
                        threshold=0.6)
print("add", both.indices.name, both.indices.shape, both.values.name, both.dense_shape.name,
      both.shape)
dense_sum = tf.sparse.add(tf.ones([3, 4]), st)
print("add dense", dense_sum.name, dense_sum.shape)
reshaped = tf.sparse_reshape(st, [-1, 2])
print("reshape", reshaped.indices.name, reshaped.indices.shape, reshaped.values.name,
      reshaped.dense_shape.name, reshaped.shape)
joined = tf.sparse_concat(1, [st, ordered])
stacked = tf.sparse.concat(0, [st, ordered, st], name="rows")
print("concat", joined.indices.name, joined.indices.shape, joined.dense_shape.name,
      joined.shape, stacked.values.name, stacked.shape)
soft = tf.sparse_softmax(ordered)
print("softmax", soft.values.name, soft.values.shape, soft.shape)
dense = tf.sparse.to_dense(ordered, validate_indices=False)
old = tf.sparse_to_dense([[0, 1], [1, 0]], [2, 2], [1.5, 2.5], default_value=-1.0)
print("to_dense", dense.name, dense.shape, old.name, old.shape)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs])
with tf.Session() as sess:
    for v in sess.run([total, rows, cols]):
        print(v)
    for sp in (rss, ordered, both, clipped, reshaped, joined, stacked, soft):
        print(sess.run(sp))
    for v in sess.run([dense_sum, dense, old]):
        print(v)
try:
    tf.sparse_reshape(st, [5, -1])
except ValueError as e:
    print("ValueError", e)
try:
    tf.sparse_reshape(st, [-1, -1])
except ValueError as e:
    print("ValueError", e)
try:
    tf.sparse_add(tf.ones([2]), tf.ones([2]))
except TypeError as e:
    print("TypeError", e)
