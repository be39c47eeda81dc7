# SparseTensor, sparse_placeholder fed with a tuple and a SparseTensorValue,
# sparse_tensor_dense_matmul (both adjoints), sparse_retain, sparse_tensor_to_dense, a sparse
# tensor times a scalar, and a GradientDescent step through sparse_tensor_dense_matmul.
# TF 2.21 builds some ops differently from 1.15; the overrides below give 1.15's ops:
#   sparse_ops.py sparse_tensor_to_dense(default_value=0): the 0 converted by the op,
#     SparseToDense/default_value (2.x: default_value=None, array_ops.zeros([]))
#   sparse_grad.py _SparseTensorDenseMatMulGrad: the values' gradient is
#     reduce_sum(parts_a * parts_b, reduction_indices=1) (2.x: ExpandDims, MatMul, Squeeze)
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
#   Mean: math_grad.py _MeanGrad, _safe_shape_div(reduce_prod(shape(x)), reduce_prod(shape(y)))
# oracle-override: zeros Const => SparseToDense/default_value Const
# oracle-override: gradients/grad_ys_0/Const Const\ngradients/grad_ys_0 Fill => gradients/grad_ys_0 Const\ngradients/Fill Fill
# oracle-override: gradients/Mean_grad/Size Const\ngradients/Mean_grad/add AddV2\ngradients/Mean_grad/mod FloorMod\ngradients/Mean_grad/GatherV2/axis Const\ngradients/Mean_grad/GatherV2 GatherV2 => gradients/Mean_grad/Shape_2 Const
# oracle-override: gradients/Mean_grad/Prod Prod => gradients/Mean_grad/Prod Prod\ngradients/Mean_grad/Const_1 Const\ngradients/Mean_grad/Prod_1 Prod\ngradients/Mean_grad/Maximum/y Const\ngradients/Mean_grad/Maximum Maximum\ngradients/Mean_grad/floordiv FloorDiv
# oracle-override: gradients/fed/SparseTensorDenseMatMul_grad/ExpandDims/dim Const\ngradients/fed/SparseTensorDenseMatMul_grad/ExpandDims ExpandDims\ngradients/fed/SparseTensorDenseMatMul_grad/ExpandDims_1/dim Const\ngradients/fed/SparseTensorDenseMatMul_grad/ExpandDims_1 ExpandDims\ngradients/fed/SparseTensorDenseMatMul_grad/MatMul BatchMatMulV2\ngradients/fed/SparseTensorDenseMatMul_grad/Squeeze Squeeze => gradients/fed/SparseTensorDenseMatMul_grad/mul Mul\ngradients/fed/SparseTensorDenseMatMul_grad/Sum/reduction_indices Const\ngradients/fed/SparseTensorDenseMatMul_grad/Sum Sum
import numpy as np
import tensorflow as tf

sp = tf.sparse_placeholder(tf.float32)
print("placeholder", sp.indices.name, sp.values.name, sp.dense_shape.name, sp.shape, sp.dtype)
print("op", sp.op.name, sp.op.type)
st = tf.SparseTensor(indices=[[0, 0], [1, 2], [2, 1]], values=[1.0, 2.0, 3.0],
                     dense_shape=[3, 4])
print("constant", st.indices.name, st.values.name, st.dense_shape.name, st.get_shape())
w = tf.Variable(np.arange(12, dtype=np.float32).reshape(4, 3) / 10.0, name="w")
y = tf.sparse_tensor_dense_matmul(st, w)
ya = tf.sparse_tensor_dense_matmul(st, tf.transpose(w), adjoint_b=True, name="adj_b")
yt = tf.sparse_tensor_dense_matmul(st, tf.ones([3, 2]), adjoint_a=True)
print("matmul", y.name, y.shape, ya.name, ya.shape, yt.name, yt.shape)
kept = tf.sparse_retain(st, [True, False, True])
dense = tf.sparse_tensor_to_dense(kept)
print("retain", kept.indices.name, kept.values.name, kept.dense_shape.name, kept.shape)
print("to_dense", dense.name, dense.shape)
doubled = st * 2.0
halved = st / tf.constant(2.0)
print("scaled", doubled.values.name, halved.values.name)
fed = tf.sparse_tensor_dense_matmul(sp, w, name="fed")
print("fed", fed.name, fed.shape)
loss = tf.reduce_mean(tf.square(fed))
train = tf.train.GradientDescentOptimizer(0.5).minimize(loss)
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
value = (np.array([[0, 1], [1, 3], [1, 0]], np.int64), np.array([1.0, -2.0, 0.5], np.float32),
         np.array([2, 4], np.int64))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for v in sess.run([y, ya, yt]):
        print(np.round(v, 4))
    print(sess.run(kept))
    for v in sess.run([dense, doubled.values, halved.values]):
        print(np.round(v, 4))
    print(np.round(sess.run(fed, feed_dict={sp: value}), 4))
    print(np.round(sess.run(fed, feed_dict={sp: tf.SparseTensorValue(*value)}), 4))
    print(sess.run(sp, feed_dict={sp: value}))
    for _ in range(2):
        print("loss %.5f" % sess.run([loss, train], feed_dict={sp: value})[0])
    print(np.round(sess.run(w), 4))
