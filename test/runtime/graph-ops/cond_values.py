# tf.cond (TF 1.15 control_flow_ops.cond, v1 control flow): the Switch/pivot/pred_id ops, each
# branch's inputs from outside through a Switch in the op's own scope, a Const in a branch
# waiting for the pivot, results from outside the branch switched, one Merge per result;
# tuple, dict and singleton results, a nested cond, a variable created in a branch; values of
# both branches; a failure on the branch not taken does not surface.
# TF 2.21 builds some ops differently from 1.15:
#   math_ops.add / `+`: 1.15's gen_math_ops.add, op Add (2.x: AddV2)
#   session.py 1.15 _FetchHandler._assert_fetchable: ValueError('Operation %r has been marked
#   as not fetchable.' % op.name) (2.x: InaccessibleTensorError and a longer message)
#   control_flow_ops.py 1.15 cond: TypeError("pred must not be a Python bool"),
#   ValueError("Outputs of true_fn and false_fn must have the same type: %s, %s"),
#   ValueError("true_fn must have a return value."), TypeError("true_fn must be callable.")
# oracle-override: cond/Add AddV2 => cond/Add Add
# oracle-override: TypeError 'pred' must not be a Python bool. => TypeError pred must not be a Python bool
# oracle-override: ValueError Outputs of 'true_fn' and 'false_fn' must have the same type(s). Received float32 from 'true_fn' and int32 from 'false_fn'. => ValueError Outputs of true_fn and false_fn must have the same type: float32, int32
# oracle-override: ValueError 'true_fn' must have a return value. => ValueError true_fn must have a return value.
# oracle-override: TypeError 'true_fn' must be callable. => TypeError true_fn must be callable.
# oracle-override: InaccessibleTensorError Operation cond/Add has been marked as not fetchable. Typically this happens when it is defined in another function or code block. Use return values, explicit Python locals or TensorFlow collections to access it. => ValueError Operation 'cond/Add' has been marked as not fetchable.
import numpy as np
import tensorflow as tf

x = tf.placeholder(tf.float32, [None], name="x")
p = tf.placeholder(tf.bool, [], name="p")
q = tf.placeholder(tf.bool, [], name="q")
z = tf.multiply(x, 3.0)


def f1():
    return tf.add(x, z)


def f2():
    return x * x + 1.0


r = tf.cond(p, f1, f2)
pair = tf.cond(p, lambda: (x, tf.constant(1)), lambda: (z, tf.constant(2)), name="pair")
d = tf.cond(p, lambda: {"a": x + 1.0, "b": [x]}, lambda: {"a": x - 1.0, "b": [z]})
single = tf.cond(p, lambda: [tf.reduce_sum(x)], lambda: [tf.reduce_max(x)])
strict = tf.cond(p, lambda: [x], lambda: [z], strict=True)


def outer_true():
    return tf.cond(q, lambda: x * 10.0, lambda: x * 20.0)


nested = tf.cond(p, outer_true, lambda: tf.identity(z))


def with_variable():
    with tf.variable_scope("branch"):
        w = tf.get_variable("w", [], initializer=tf.constant_initializer(0.5))
    return x * w


scaled = tf.cond(p, with_variable, lambda: x)


def failing():
    # Fails whenever it runs: never when p is true.
    ok = tf.greater(tf.reduce_sum(x), 100.0)
    with tf.control_dependencies([tf.Assert(ok, [tf.shape(x)])]):
        return tf.reduce_sum(x)


risky = tf.cond(p, lambda: tf.reduce_sum(x), failing)

for op in tf.get_default_graph().get_operations():
    if op.name.startswith("branch/w"):  # the variable's own ops: graph-ops/variables.py
        print(op.name, op.type)
        continue
    print(op.name, op.type, [t.name for t in op.inputs], [c.name for c in op.control_inputs])
print(r, pair, d, single, strict, nested, scaled, risky, sep="\n")
print(tf.get_collection("cond_context") == tf.get_collection(tf.GraphKeys.COND_CONTEXT))

np.set_printoptions(precision=4)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for pv in (True, False):
        for qv in (True, False):
            feed = {x: [1.0, 2.0], p: pv, q: qv}
            print(pv, qv, sess.run([r, pair, d, single, strict, nested, scaled], feed))
    print(sess.run(risky, {x: [1.0, 2.0], p: True}))
    try:
        sess.run(risky, {x: [1.0, 2.0], p: False})
    except tf.errors.InvalidArgumentError:
        print("InvalidArgumentError")
    try:
        sess.run(tf.get_default_graph().get_tensor_by_name("cond/Add:0"), {x: [1.0], p: True})
    except Exception as e:
        print(type(e).__name__, e)

for bad in (lambda: tf.cond(True, lambda: x, lambda: z),
            lambda: tf.cond(p, lambda: x, lambda: tf.constant(1)),
            lambda: tf.cond(p, lambda: None, lambda: x),
            lambda: tf.cond(p, x, lambda: x)):
    try:
        bad()
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
