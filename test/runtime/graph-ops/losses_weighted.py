# tf.losses: each loss's own ops, then compute_weighted_loss's subgraph (assert_broadcastable,
# Mul, Sum, num_present with its Select, broadcast_weights and Sum, and DivNoNan named value),
# with scalar and per-example weights, label smoothing and the other reductions; the values.
# TF 2.21 builds two of these ops differently from 1.15:
#   math_ops.py (1.15) _ReductionDims: a known rank, even 0, gives `constant(np.arange(rank))`
#     (2.21 tests `if x_rank:` and builds Rank and range for a scalar)
#   array_ops.py (1.15) shape_internal: `constant(shape.as_list(), out_type, name=name)`, the
#     Const named `Shape` (2.21: `Shape/shape_as_tensor`)
#   math_ops.add in losses_impl.py huber_loss and nn_impl.py sigmoid_cross_entropy_with_logits:
#     gen_math_ops.add, op Add (2.x: AddV2)
# oracle-override: huber_loss/Add AddV2 => huber_loss/Add Add
# oracle-override: sigmoid_cross_entropy_loss/xentropy AddV2 => sigmoid_cross_entropy_loss/xentropy Add
# oracle-override: mean_squared_error/Rank Const\nmean_squared_error/range/start Const\nmean_squared_error/range/delta Const\nmean_squared_error/range Range\nmean_squared_error/Sum_1 Sum => mean_squared_error/Const_1 Const\nmean_squared_error/Sum_1 Sum
# oracle-override: absolute_difference/Rank Const\nabsolute_difference/range/start Const\nabsolute_difference/range/delta Const\nabsolute_difference/range Range\nabsolute_difference/Sum_1 Sum => absolute_difference/Const_1 Const\nabsolute_difference/Sum_1 Sum
# oracle-override: huber_loss/Rank Const\nhuber_loss/range/start Const\nhuber_loss/range/delta Const\nhuber_loss/range Range\nhuber_loss/Sum_1 Sum => huber_loss/Const_2 Const\nhuber_loss/Sum_1 Sum
# oracle-override: log_loss/Rank Const\nlog_loss/range/start Const\nlog_loss/range/delta Const\nlog_loss/range Range\nlog_loss/Sum_1 Sum => log_loss/Const_1 Const\nlog_loss/Sum_1 Sum
# oracle-override: hinge_loss/Rank Const\nhinge_loss/range/start Const\nhinge_loss/range/delta Const\nhinge_loss/range Range\nhinge_loss/Sum_1 Sum => hinge_loss/Const_1 Const\nhinge_loss/Sum_1 Sum
# oracle-override: sigmoid_cross_entropy_loss/Rank Const\nsigmoid_cross_entropy_loss/range/start Const\nsigmoid_cross_entropy_loss/range/delta Const\nsigmoid_cross_entropy_loss/range Range\nsigmoid_cross_entropy_loss/Sum_1 Sum => sigmoid_cross_entropy_loss/Const_1 Const\nsigmoid_cross_entropy_loss/Sum_1 Sum
# oracle-override: softmax_cross_entropy_loss/Rank Const\nsoftmax_cross_entropy_loss/range/start Const\nsoftmax_cross_entropy_loss/range/delta Const\nsoftmax_cross_entropy_loss/range Range\nsoftmax_cross_entropy_loss/Sum_1 Sum => softmax_cross_entropy_loss/Const_1 Const\nsoftmax_cross_entropy_loss/Sum_1 Sum
# oracle-override: plain/Rank Const\nplain/range/start Const\nplain/range/delta Const\nplain/range Range\nplain/Sum_1 Sum => plain/Const_1 Const\nplain/Sum_1 Sum
# oracle-override: sparse_softmax_cross_entropy_loss/Rank Const\nsparse_softmax_cross_entropy_loss/range/start Const\nsparse_softmax_cross_entropy_loss/range/delta Const\nsparse_softmax_cross_entropy_loss/range Range\nsparse_softmax_cross_entropy_loss/Sum_1 Sum => sparse_softmax_cross_entropy_loss/Const_2 Const\nsparse_softmax_cross_entropy_loss/Sum_1 Sum
# oracle-override: cosine_distance_loss/Rank Const\ncosine_distance_loss/range/start Const\ncosine_distance_loss/range/delta Const\ncosine_distance_loss/range Range\ncosine_distance_loss/Sum_2 Sum => cosine_distance_loss/Const_1 Const\ncosine_distance_loss/Sum_2 Sum
# oracle-override: mean_squared_error_1/Rank Const\nmean_squared_error_1/range/start Const\nmean_squared_error_1/range/delta Const\nmean_squared_error_1/range Range\nmean_squared_error_1/Sum_2 Sum => mean_squared_error_1/Const_2 Const\nmean_squared_error_1/Sum_2 Sum
# oracle-override: mean_squared_error_3/Rank Const\nmean_squared_error_3/range/start Const\nmean_squared_error_3/range/delta Const\nmean_squared_error_3/range Range\nmean_squared_error_3/Sum_1 Sum => mean_squared_error_3/Const_1 Const\nmean_squared_error_3/Sum_1 Sum
# oracle-override: /Shape/shape_as_tensor Const => /Shape Const
import numpy as np
import tensorflow as tf

y = tf.placeholder(tf.float32, [4, 5], name="y")
p = tf.placeholder(tf.float32, [4, 5], name="p")
labels = tf.placeholder(tf.int64, [4], name="labels")
w = tf.placeholder(tf.float32, [4, 1], name="w")
outs = [
    tf.losses.mean_squared_error(y, p),
    tf.losses.absolute_difference(y, p, weights=w),
    tf.losses.huber_loss(y, p, delta=0.5),
    tf.losses.log_loss(y, tf.sigmoid(p)),
    tf.losses.hinge_loss(y, p),
    tf.losses.sigmoid_cross_entropy(y, p, label_smoothing=0.2),
    tf.losses.softmax_cross_entropy(y, p, label_smoothing=0.1),
    tf.losses.softmax_cross_entropy(y, p, weights=2.0, scope="plain"),
    tf.losses.sparse_softmax_cross_entropy(labels, p),
    tf.losses.cosine_distance(tf.nn.l2_normalize(y, 1), tf.nn.l2_normalize(p, 1), axis=1),
    tf.losses.mean_squared_error(y, p, reduction=tf.losses.Reduction.MEAN),
    tf.losses.mean_squared_error(y, p, reduction=tf.losses.Reduction.SUM),
    tf.losses.mean_squared_error(y, p, reduction=tf.losses.Reduction.SUM_OVER_BATCH_SIZE),
    tf.losses.mean_squared_error(y, p, reduction=tf.losses.Reduction.NONE, loss_collection=None),
]
total = tf.losses.get_total_loss()
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type)
for t in outs + [total]:
    print(t.name, t.shape)
rng = np.random.RandomState(3)
feed = {y: rng.uniform(0, 1, [4, 5]).astype(np.float32),
        p: rng.normal(0, 1, [4, 5]).astype(np.float32),
        labels: [0, 4, 2, 1], w: [[1.0], [0.0], [2.0], [0.5]]}
with tf.Session() as sess:
    for v in sess.run(outs + [total], feed):
        print(np.round(v, 4))
    g = tf.get_default_graph()
    for name in ["mean_squared_error/num_present", "absolute_difference/num_present",
                 "absolute_difference/num_present/broadcast_weights",
                 "mean_squared_error/num_present/ones_like", "huber_loss/Sum",
                 "softmax_cross_entropy_loss/truediv", "sparse_softmax_cross_entropy_loss/Const"]:
        print(name, np.round(sess.run(g.get_tensor_by_name(name + ":0"), feed), 4))
