# Every optimizer on resource variables (`use_resource=True`), as the optimizers' (1.15)
# `_resource_apply_dense`/`_resource_apply_sparse` build them: the Resource training ops of the
# variables' handles (ResourceApplyGradientDescent, ResourceApplyMomentum, ...), for a gathered
# variable the de-duplicated ResourceSparseApply* ops (GradientDescent: ResourceScatterAdd of
# -grad * learning_rate); their inputs, and the losses of three steps (they go down).
# TF 2.21 builds Ftrl's l2 input differently from 1.15; the overrides give 1.15's:
#   ftrl.py (1.15) _prepare converts l2_regularization_strength as is (2.21 adds
#   beta / (2 lr): `Ftrl/add`)
# oracle-override: 'Ftrl/add:0' => 'Ftrl/l2_regularization_strength:0'
# oracle-override: 'Ftrl_1/add:0' => 'Ftrl_1/l2_regularization_strength:0'
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
ids = tf.placeholder(tf.int32, [3], name="ids")
optimizers = [
    tf.train.GradientDescentOptimizer(0.01), tf.train.MomentumOptimizer(0.01, 0.9),
    tf.train.RMSPropOptimizer(0.1), tf.train.RMSPropOptimizer(0.1, centered=True),
    tf.train.AdagradOptimizer(0.1), tf.train.AdadeltaOptimizer(1.0),
    tf.train.FtrlOptimizer(0.1),
    tf.train.FtrlOptimizer(0.1, l2_shrinkage_regularization_strength=0.1),
]
losses, steps = [], []
for i, opt in enumerate(optimizers):
    with tf.variable_scope("m%d" % i):
        w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5),
                            use_resource=True)
        emb = tf.get_variable("emb", [4, 2], initializer=tf.constant_initializer(0.25),
                              use_resource=True)
    g = tf.gather(emb, ids)
    loss = tf.reduce_sum(tf.square(tf.matmul(x, w))) + tf.reduce_sum(g * g)
    losses.append(loss)
    steps.append(opt.minimize(loss))
for op in tf.get_default_graph().get_operations():
    if op.type.startswith("Resource") and op.type != "ResourceGather":
        print(op.name, op.type, [t.name for t in op.inputs])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=np.float32), ids: [0, 2, 0]}
    for _ in range(3):
        print(np.round(sess.run(losses + steps, feed)[:len(losses)], 3).tolist())
