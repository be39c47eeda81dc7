# tf.losses with weights whose shape is known only when the graph runs: TF 1.15's
# weights_broadcast_ops.assert_broadcastable builds its dynamic checks (is_scalar, the
# is_valid_shape cond, has_valid_nonscalar_shape's cond, has_invalid_dims' set difference) and
# an Assert guarded by its cond, which the weighted loss's ops wait for; feeds that broadcast run,
# ones that do not fail with TF's assertion message (of an unknown rank too).
# TF 2.21 builds some ops differently from 1.15; the overrides below give 1.15's ops:
#   array_ops.py (1.15) shape_internal: `constant(shape.as_list(), out_type, name=name)`, the
#     Const named `Shape` (2.21: `Shape/shape_as_tensor`)
#   math_ops.py (1.15) _ReductionDims: a known rank, even 0, gives `constant(np.arange(rank))`
#     (2.21 builds Rank and range for a scalar)
# oracle-override: /Shape/shape_as_tensor Const => /Shape Const
# oracle-override: mean_squared_error/Rank Const\nmean_squared_error/range/start Const\nmean_squared_error/range/delta Const\nmean_squared_error/range Range\nmean_squared_error/Sum_1 Sum => mean_squared_error/Const_1 Const\nmean_squared_error/Sum_1 Sum
# oracle-override: absolute_difference/Rank_1 Const\nabsolute_difference/range_1/start Const\nabsolute_difference/range_1/delta Const\nabsolute_difference/range_1 Range => absolute_difference/Const Const
import numpy as np
import tensorflow as tf

y = tf.placeholder(tf.float32, [None, 3], name="y")
p = tf.placeholder(tf.float32, [None, 3], name="p")
w = tf.placeholder(tf.float32, [None, None], name="w")
loss = tf.losses.mean_squared_error(y, p, weights=w)
any_rank = tf.placeholder(tf.float32, name="any_rank")
loss2 = tf.losses.absolute_difference(y, p, weights=any_rank)
g = tf.get_default_graph()
for op in g.get_operations():
    print(op.name, op.type)
for name in ("mean_squared_error/Mul", "mean_squared_error/num_present/broadcast_weights",
             "absolute_difference/Mul"):
    print(name, [c.name for c in g.get_operation_by_name(name).control_inputs])


def first_line(message):
    return [line for line in message.splitlines() if line.startswith("assertion failed")][0]


with tf.Session() as sess:
    feed = {y: np.arange(6, dtype=np.float32).reshape(2, 3), p: np.ones([2, 3], np.float32)}
    for weights in ([[1.0], [2.0]], [[1.0, 0.0, 2.0], [0.0, 1.0, 1.0]], [[0.5, 2.0, 1.0]]):
        feed[w] = weights
        print("%.5f" % sess.run(loss, feed))
    for weights in ([[1.0, 2.0], [2.0, 1.0]], [[1.0], [2.0], [3.0]]):
        feed[w] = weights
        try:
            sess.run(loss, feed)
        except tf.errors.InvalidArgumentError as e:
            print("InvalidArgumentError", first_line(e.message))
    for weights in (2.0, [[1.0, 0.0, 3.0]], [[2.0], [1.0]]):
        feed[any_rank] = weights
        print("%.5f" % sess.run(loss2, feed))
    for weights in ([1.0, 0.0, 3.0], [[[1.0]]]):
        feed[any_rank] = weights
        try:
            sess.run(loss2, feed)
        except tf.errors.InvalidArgumentError as e:
            print("InvalidArgumentError", first_line(e.message))
