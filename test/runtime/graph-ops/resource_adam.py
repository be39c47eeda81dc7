# Resource variables (`use_resource=True`) trained by Adam, as resource_variable_ops.py and the
# optimizers (1.15) build them: VarHandleOp, VarIsInitializedOp, AssignVariableOp and
# Read/ReadVariableOp per variable; a new ReadVariableOp per use, inside the op's scope
# (`MatMul/ReadVariableOp`, `mul/ReadVariableOp`; an operator on the variable reads it first); tf.gather's ResourceGather (`Gather`) and its
# IndexedSlices gradient; ResourceApplyAdam of the handles for the dense variable; for the
# gathered one Adam's sparse path with AssignVariableOp, ResourceScatterAdd and
# AssignSubVariableOp, each followed by a read; the powers' AssignVariableOp; assign and
# assign_add; op inputs and the losses of three steps.
# TF 2.21 builds the default gradient differently from 1.15; the override gives 1.15's ops:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d")),
#     the Fill named `Fill`
# oracle-override: gradients/grad_ys_0/Const Const [] => gradients/grad_ys_0 Const []
# oracle-override: gradients/grad_ys_0 Fill ['gradients/Shape:0', 'gradients/grad_ys_0/Const:0'] => gradients/Fill Fill ['gradients/Shape:0', 'gradients/grad_ys_0:0']
# oracle-override: ['gradients/grad_ys_0:0'] => ['gradients/Fill:0']
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [2, 3], name="x")
ids = tf.placeholder(tf.int32, [3], name="ids")
w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.5), use_resource=True)
emb = tf.get_variable("emb", [4, 2], initializer=tf.constant_initializer(0.25),
                      use_resource=True)
b = tf.Variable([[0.1, -0.1], [0.2, 0.3]], name="b", use_resource=True)
h = b + tf.matmul(x, w) * b
g = tf.gather(emb, ids)
loss = tf.reduce_sum(tf.square(h)) + tf.reduce_sum(g * g)
step = tf.train.AdamOptimizer(0.1).minimize(loss)
a = w.assign(tf.ones([3, 2]))
c = b.assign_add(tf.ones([2, 2]))
for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {x: np.array([[1.0, -2.0, 3.0], [0.5, 4.0, -1.0]], dtype=np.float32), ids: [0, 2, 0]}
    for _ in range(3):
        print(np.round(sess.run([loss, step], feed)[0], 3))
    print(np.round(sess.run(emb), 4).tolist())
    print(np.round(sess.run(w), 4).tolist())
    print(sess.run(a).tolist(), np.round(sess.run(c), 4).tolist())
