# Gradients through tf.cond (TF 1.15 control_flow_grad.py: _MergeGrad switches the gradient on
# the predicate, `gradients/cond/Merge_grad/cond_grad`; _SwitchGrad merges a Switch's two output
# gradients, `.../Switch_grad/cond_grad`; gradients_util.py fills the missing one with
# control_flow_ops.ZerosLikeOutsideLoop: a Switch on the predicate, an Identity, Shape and
# zeros under its control), training through a cond with GradientDescent, and tf.case
# (control_flow_ops.case: nested conds, the last pair's innermost; without a default the last
# function runs under Asserts; `exclusive` adds an Assert of at most one true predicate).
# TF 2.21 builds some ops differently from 1.15:
#   grad_ys: gradients_util.py _DefaultGradYs, fill(shape(y), constant(1, name="grad_ys_%d"))
# oracle-override: gradients/grad_ys_0/Const Const [] []\ngradients/grad_ys_0 Fill ['gradients/Shape:0', 'gradients/grad_ys_0/Const:0'] [] => gradients/grad_ys_0 Const [] []\ngradients/Fill Fill ['gradients/Shape:0', 'gradients/grad_ys_0:0'] []
# oracle-override: Reshape ['gradients/grad_ys_0:0' => Reshape ['gradients/Fill:0'
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 3], name="x")
p = tf.placeholder(tf.bool, [], name="p")
w = tf.get_variable("w", [3, 2], initializer=tf.constant_initializer(0.1))
v = tf.get_variable("v", [3, 2], initializer=tf.constant_initializer(-0.2))
out = tf.cond(p, lambda: tf.matmul(x, w), lambda: tf.tanh(tf.matmul(x, v)))
loss = tf.reduce_sum(tf.square(out))
grads = tf.gradients(loss, [w, v, x])

for op in tf.get_default_graph().get_operations():
    if op.name.startswith(("w/", "v/", "w", "v")) and "/" in op.name and op.name[1] == "/":
        continue
    print(op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs])
print(grads)

np.set_printoptions(precision=4)
data = np.array([[1.0, 2.0, 3.0], [0.5, -1.0, 2.0]], dtype=np.float32)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for pv in (True, False):
        values = sess.run([loss] + grads, {x: data, p: pv})
        print(pv, round(float(values[0]), 4), values[1:])

with tf.Graph().as_default():
    x = tf.placeholder(tf.float32, [None, 3], name="x")
    p = tf.placeholder(tf.bool, [], name="p")
    w = tf.get_variable("w", [3, 1], initializer=tf.constant_initializer(0.3))
    y = tf.cond(p, lambda: tf.matmul(x, w), lambda: tf.matmul(x, w) * 0.5)
    loss = tf.reduce_mean(tf.square(y - 1.0))
    train = tf.train.GradientDescentOptimizer(0.05).minimize(loss)
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        losses = []
        for step in range(6):
            _, l = sess.run([train, loss], {x: data, p: step % 2 == 0})
            losses.append(round(float(l), 4))
        print(losses, sess.run(w).ravel())

with tf.Graph().as_default():
    i = tf.placeholder(tf.int32, [], name="i")
    a = tf.constant(10.0)
    c1 = tf.case([(tf.equal(i, 1), lambda: a + 1.0), (tf.equal(i, 2), lambda: a + 2.0)],
                 default=lambda: a * 0.0)
    c2 = tf.case([(tf.less(i, 5), lambda: tf.constant(1)), (tf.greater_equal(i, 5), lambda: tf.constant(2))],
                 exclusive=True, name="picked")
    for op in tf.get_default_graph().get_operations():
        print(op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs])
    with tf.Session() as sess:
        for iv in (1, 2, 3, 7):
            print(iv, sess.run([c1, c2], {i: iv}))
