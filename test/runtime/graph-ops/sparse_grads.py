# The gradients sparse_grad.py (TF 1.15) registers for the sparse ops: SparseReduceSum,
# SparseTensorDenseAdd, SparseReorder, SparseAdd (its SparseAddGrad op), SparseSoftmax; none
# through SparseConcat or SparseToDense (NotDifferentiable); SparseReduceSumSparse has no
# gradient (LookupError). Then a few GradientDescent steps through sparse values.
# TF 2.21 builds some ops differently from 1.15; the overrides below give 1.15's ops:
#   sparse_grad.py _SparseReduceSumGrad: math_ops.reduced_shape casts the int64 dense shape to
#     int32 (Cast) and builds Size/add/mod/Shape/range/Fill/DynamicStitch (2.x folds it to a
#     constant); then Cast_1 of the kept dimensions to int64
#   sparse_grad.py: ops.NotDifferentiable("SparseToDense") (2.x registers a gradient);
#     sparse_tensor_to_dense(default_value=0) converts the 0 in the op (2.x: zeros)
#   gradients_util.py: LookupError "No gradient defined for operation '%s' (op type: %s)"
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
# oracle-override: gradients_5/grad_ys_0/Const Const\ngradients_5/grad_ys_0 Fill => gradients_5/grad_ys_0 Const\ngradients_5/Fill Fill
# oracle-override: gradients_6/grad_ys_0/Const Const\ngradients_6/grad_ys_0 Fill => gradients_6/grad_ys_0 Const\ngradients_6/Fill Fill
# oracle-override: gradients_7/grad_ys_0/Const Const\ngradients_7/grad_ys_0 Fill => gradients_7/grad_ys_0 Const\ngradients_7/Fill Fill
# oracle-override: gradients/SparseReduceSum_grad/Cast/x Const\ngradients/SparseReduceSum_grad/Cast Cast => gradients/SparseReduceSum_grad/Cast_1 Cast
# oracle-override: gradients/SparseReduceSum_grad/Reshape/shape Const => gradients/SparseReduceSum_grad/Cast Cast\ngradients/SparseReduceSum_grad/Size Const\ngradients/SparseReduceSum_grad/add AddV2\ngradients/SparseReduceSum_grad/mod FloorMod\ngradients/SparseReduceSum_grad/Shape Const\ngradients/SparseReduceSum_grad/range/start Const\ngradients/SparseReduceSum_grad/range/delta Const\ngradients/SparseReduceSum_grad/range Range\ngradients/SparseReduceSum_grad/Fill/value Const\ngradients/SparseReduceSum_grad/Fill Fill\ngradients/SparseReduceSum_grad/DynamicStitch DynamicStitch
# oracle-override: [<tf.Tensor 'gradients_6/SparseToDense_grad/GatherNd:0' shape=(3,) dtype=float32>] => [None]
# oracle-override: zeros Const => SparseToDense/default_value Const
# oracle-override: gradients_6/SparseToDense_grad/GatherNd GatherNd\ngradients_6/SparseToDense_grad/Const Const\ngradients_6/SparseToDense_grad/Sum Sum\ngradients_6/SparseToDense_grad/Const_1 Const\ngradients_6/SparseToDense_grad/Sum_1 Sum\ngradients_6/SparseToDense_grad/sub Sub\ngradients_6/SparseToDense_grad/zeros_like Const\ngradients_6/SparseToDense_grad/zeros_like_1 Const =>
# oracle-override: operation'SparseReduceSumSparse' (op type: SparseReduceSumSparse). In general every operation must have an associated `@tf.RegisterGradient` for correct autodiff, which this op is lacking. If you want to pretend this operation is a constant in your program, you may insert `tf.stop_gradient`. This can be useful to silence the error in cases where you know gradients are not needed, e.g. the forward pass of tf.custom_gradient. Please see more details in https://www.tensorflow.org/api_docs/python/tf/custom_gradient. => operation 'SparseReduceSumSparse' (op type: SparseReduceSumSparse)
import numpy as np
import tensorflow as tf

v = tf.Variable([1.0, 2.0, 3.0], name="v")
d = tf.Variable(np.arange(12, dtype=np.float32).reshape(3, 4) / 10.0, name="d")
st = tf.SparseTensor([[0, 0], [1, 2], [2, 1]], v, [3, 4])
messy = tf.SparseTensor([[2, 1], [0, 3], [0, 1]], v, [3, 4])
w3 = tf.constant([1.0, 2.0, 3.0], name="w3")
w5 = tf.constant([1.0, 2.0, 3.0, 4.0, 5.0], name="w5")
w34 = tf.constant(np.arange(12, dtype=np.float32).reshape(3, 4), name="w34")
rows = tf.sparse_reduce_sum(st, 1)
g_rows = tf.gradients(rows, v, grad_ys=w3)[0]
dense_sum = tf.sparse.add(st, d)
g_dense = tf.gradients(dense_sum, [v, d], grad_ys=w34)
ordered = tf.sparse_reorder(messy)
g_order = tf.gradients(ordered.values, v, grad_ys=w3)[0]
both = tf.sparse_add(st, ordered)
g_both = tf.gradients(both.values, v, grad_ys=w5)[0]
soft = tf.sparse_softmax(tf.SparseTensor([[0, 0], [0, 2], [1, 1]], v, [2, 3]))
g_soft = tf.gradients(soft.values, v, grad_ys=w3)[0]
joined = tf.sparse_concat(1, [st, st])
print("concat", tf.gradients(joined.values, v))
print("to_dense", tf.gradients(tf.sparse.to_dense(st), v))
try:
    tf.gradients(tf.sparse_reduce_sum_sparse(st, 1).values, v)
except LookupError as e:
    print("LookupError", e)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
loss = (tf.reduce_sum(tf.square(tf.sparse_reduce_sum(tf.sparse_add(st, ordered), 0))) +
        tf.reduce_sum(tf.square(tf.sparse.add(st, d))))
train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for g in [g_rows] + g_dense + [g_order, g_both, g_soft]:
        print(np.round(sess.run(g), 5))
    for _ in range(3):
        print("loss %.4f" % sess.run([loss, train])[0])
    print(np.round(sess.run(v), 4))
    print(np.round(sess.run(d), 4))
