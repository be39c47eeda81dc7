# tf.sparse.transpose as sparse_ops.py (1.15) builds it under SparseTranspose: the indices'
# columns gathered by perm between two transposes, the dense shape the permuted static shape,
# then SparseReorder; values against TF's.
import numpy as np
import tensorflow as tf
st = tf.SparseTensor([[0, 1, 0], [1, 0, 2], [1, 2, 1]], [1., 2., 3.], [2, 3, 4])
t1 = tf.sparse.transpose(st)
t2 = tf.sparse.transpose(st, [1, 0, 2], name="swap")
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs])
print(t1.get_shape(), t2.get_shape(), t1.indices, t2.dense_shape)
with tf.Session() as s:
    for v in s.run([t1, t2]):
        print(v.indices.tolist(), v.values, v.dense_shape)
p = tf.sparse_placeholder(tf.float32, shape=[None, 3])
tp = tf.sparse_transpose(p)
print(tp.get_shape())
with tf.Session() as s:
    v = s.run(tp, {p: tf.SparseTensorValue([[0, 2], [1, 0]], [5., 6.], [2, 3])})
    print(v.indices.tolist(), v.values, v.dense_shape)
