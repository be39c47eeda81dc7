# tf.while_loop (TF 1.15 control_flow_ops.while_loop, v1 control flow: WhileContext.BuildLoop):
# per loop variable Enter, Merge, Switch on LoopCond, Identity, NextIteration and Exit; tensors
# from outside through a constant Enter in the op's scope; a Const in the condition waiting for
# the first Merge, in the body for the first Identity; maximum_iterations (iteration_counter,
# LogicalAnd); shape_invariants for a growing accumulator; a loop inside a cond branch, a cond
# inside a loop body, a loop inside a loop; values in Session.run; TF's errors.
# TF 2.21 words some errors differently from 1.15:
#   session.py 1.15 _FetchHandler._assert_fetchable: ValueError('Operation %r has been marked
#   as not fetchable.' % op.name); control_flow_ops.py 1.15 while_loop: TypeError("cond must be
#   callable."); a LoopCond of rank 1: 1.15 prints the shape error as "... for 'while_5/LoopCond'
#   (op: 'LoopCond') with input shapes: [2]."
# oracle-override: InaccessibleTensorError Operation while/Identity has been marked as not fetchable. Typically this happens when it is defined in another function or code block. Use return values, explicit Python locals or TensorFlow collections to access it. => ValueError Operation 'while/Identity' has been marked as not fetchable.
# oracle-override: TypeError 'cond' must be callable. => TypeError cond must be callable.
# oracle-override: for '{{node while_5/LoopCond}} = LoopCond[](while_5/Less)' with input shapes: [2]. => for 'while_5/LoopCond' (op: 'LoopCond') with input shapes: [2].
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None], name="x")
n = tf.placeholder(tf.int32, [], name="n")
p = tf.placeholder(tf.bool, [], name="p")
count = tf.while_loop(lambda i: i < 10, lambda i: i + 1, [tf.constant(0)])


def grow(k, acc):
    return k + 1, tf.concat([acc, x * tf.cast(k, tf.float32)], 0)


k, acc = tf.while_loop(lambda k, acc: k < n, grow, [tf.constant(0), tf.zeros([0])],
                       shape_invariants=[tf.TensorShape([]), tf.TensorShape([None])])
capped = tf.while_loop(lambda a: a < 100.0, lambda a: a * 2.0, [tf.constant(1.5)],
                       maximum_iterations=3)
pair = tf.while_loop(lambda a, b: a < n, lambda a, b: (a + 1, b * 2.0),
                     (tf.constant(0), tf.constant(1.0)), return_same_structure=True,
                     name="doubling")


def in_branch():
    return tf.while_loop(lambda s: s < 50.0, lambda s: s + tf.reduce_sum(x), [tf.constant(0.0)])


branchy = tf.cond(p, in_branch, lambda: tf.constant(-1.0))


def outer_body(i, total):
    inner = tf.while_loop(lambda j, t: j < i, lambda j, t: (j + 1, t + 1), [0, total])
    return i + 1, inner[1]


nested = tf.while_loop(lambda i, total: i < 4, outer_body, [tf.constant(0), tf.constant(0)])
signs = tf.while_loop(
    lambda i, s: i < 5,
    lambda i, s: (i + 1, s + tf.cond(tf.equal(i % 2, 0), lambda: 1, lambda: -1)),
    [tf.constant(0), tf.constant(0)])

for op in tf.get_default_graph().get_operations():
    print(op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs])
print(count, k, acc, capped, pair, branchy, nested, signs, sep="\n")
print(len(tf.get_collection(tf.GraphKeys.WHILE_CONTEXT)))

with tf.Session() as sess:
    for nv, pv in ((3, True), (0, False)):
        out = sess.run([count, k, acc, capped, pair, branchy, nested, signs],
                       {x: [1.0, 2.0], n: nv, p: pv})
        print(nv, pv, [np.asarray(v).tolist() for v in out[:4]], out[4], out[5], out[6], out[7])
    try:
        sess.run(tf.get_default_graph().get_tensor_by_name("while/Identity:0"))
    except Exception as e:
        print(type(e).__name__, e)

for bad in (lambda: tf.while_loop(lambda a: a < 3, lambda a: tf.concat([a, a], 0),
                                  [tf.zeros([2])]),
            lambda: tf.while_loop(lambda a: tf.reduce_sum(a) < 3, lambda a: tf.concat([a, a], 0),
                                  [tf.zeros([2])]),
            lambda: tf.while_loop(lambda a: a < 3, lambda a: (a, a), [tf.constant(0)]),
            lambda: tf.while_loop(1, lambda a: a, [tf.constant(0)])):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, str(e).splitlines()[0])
