# The inputs and outputs of assignments and training ops as TF lists them: `tf.assign` and
# `assign_add`/`assign_sub` take the variable and the value (`Assign/value`) and output the
# variable (fetchable and chainable); variables' `Assign` and `read`; every optimizer's update
# op takes the variable and its slots first, then its scalars and gradient in TF's order
# (ApplyMomentum: lr, grad, momentum; ApplyFtrl: grad, lr, l1, l2, lr_power; the sparse ops'
# indices; Adadelta's and Ftrl's sparse updates SparseApplyAdadelta, SparseApplyFtrl and
# SparseApplyFtrlV2), the Ftrl accumulators' `Assign`, and the values after a step.
# TF 2.21 builds some ops differently from 1.15; the overrides below give 1.15's:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d")),
#     the Fill named `Fill`
#   Ftrl: ftrl.py _prepare converts l2_regularization_strength as is (2.21 adds beta / (2 lr):
#     `Ftrl/add`)
# oracle-override: /grad_ys_0:0'] => /Fill:0']
# oracle-override: 'Ftrl/add:0' => 'Ftrl/l2_regularization_strength:0'
# oracle-override: 'Ftrl_1/add:0' => 'Ftrl_1/l2_regularization_strength:0'
#   Ftrl: ftrl.py (1.15) _create_slots makes the accumulator's initial value
#     `constant_op.constant(initial_accumulator_value, shape=v.get_shape())` in the name scope
#     minimize is called in (here the root: Const_16, ...), given to the slot as is (2.21:
#     init_ops.ones_initializer times the value, `<slot>/Initializer/mul`)
# oracle-override: 'm7/w/Ftrl/Initializer/mul:0' => 'Const_16:0'
# oracle-override: 'm7/emb/Ftrl/Initializer/mul:0' => 'Const_17:0'
# oracle-override: 'm8/w/Ftrl/Initializer/mul:0' => 'Const_20:0'
# oracle-override: 'm8/emb/Ftrl/Initializer/mul:0' => 'Const_21:0'
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
ids = tf.placeholder(tf.int32, [3], name="ids")
optimizers = [
    tf.train.GradientDescentOptimizer(0.1), tf.train.MomentumOptimizer(0.1, 0.9),
    tf.train.AdamOptimizer(0.1), tf.train.RMSPropOptimizer(0.1),
    tf.train.RMSPropOptimizer(0.1, centered=True), tf.train.AdagradOptimizer(0.1),
    tf.train.AdadeltaOptimizer(0.1), tf.train.FtrlOptimizer(0.1),
    tf.train.FtrlOptimizer(0.1, l2_shrinkage_regularization_strength=0.1),
]
steps = []
for i, opt in enumerate(optimizers):
    with tf.variable_scope("m%d" % i):
        w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5))
        emb = tf.get_variable("emb", [4, 2], initializer=tf.constant_initializer(0.25))
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w))) + tf.reduce_sum(tf.gather(emb, ids))
    steps.append(opt.minimize(loss))
v = tf.get_variable("v", [2], initializer=tf.zeros_initializer())
a = tf.assign(v, [1.0, 2.0])
b = v.assign_add([0.5, 0.5])
c = tf.assign_sub(v, tf.ones([2]), name="sub_it")
d = a * 2.0
kinds = ("Assign", "AssignAdd", "AssignSub", "Identity", "ScatterAdd", "ScatterSub")
for op in tf.get_default_graph().get_operations():
    if op.type in kinds or "Apply" in op.type:
        print(op.name, op.type, [t.name for t in op.inputs], [t.name for t in op.outputs])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=np.float32),
            ids: [0, 2, 0]}
    sess.run(steps, feed)
    for var in tf.global_variables():
        if var.name.endswith("/w:0") or var.name.endswith("/emb:0"):
            print(var.name, np.round(sess.run(var), 4).tolist())
    print(sess.run(d), sess.run(b), sess.run(c))
