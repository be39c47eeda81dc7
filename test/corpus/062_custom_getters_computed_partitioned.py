# pins: a custom getter that returns a computed tensor names the result by its op at the root name scope (or the getter's own name scope), while the variables it made are real graph variables; a PartitionedVariable defines no operators (Python's TypeError in the getter is get_variable's outcome, its parts still exist) but converts to one tensor (<name>/ConcatPartitions/concat, then an identity named as the variable); a float beside an int variable is rejected as TF 1.15's operator wrappers do
# oracle-override: Expected int32 passed to parameter 'y' of op 'Mul', got 2.0 of type 'float' instead. Error: Expected int32, but got 2.0 of type 'float'. => Input 'y' of 'Mul' Op has type float32 that does not match type int32 of argument 'x'.
# oracle-override: Expected int32, but got 2.0 of type 'float'. => Expected int32, got 2.0 of type 'float' instead.
# oracle-override: Expected int32, but got 1e+20 of type 'float'. => Expected int32, got 1e+20 of type 'float' instead.
import tensorflow as tf


def report(v):
    print("var", v.name, v.shape, v.dtype)


def sum_getter(getter, name, *args, **kwargs):
    a = getter(name + "_a", *args, **kwargs)
    b = getter(name + "_b", *args, **kwargs)
    return a + b


def doubling_getter(getter, name, *args, **kwargs):
    v = getter(name, *args, **kwargs)
    with tf.name_scope("cg"):
        return v * 2.0


def tagging_getter(getter, name, *args, **kwargs):
    v = getter(name, *args, **kwargs)
    return tf.identity(v, name="reused" if kwargs["reuse"] else "fresh")


with tf.variable_scope("sum", custom_getter=sum_getter):
    report(tf.get_variable("v", [2, 3]))
print([v.name for v in tf.global_variables()])

with tf.variable_scope("double", custom_getter=doubling_getter):
    report(tf.get_variable("w", [3]))
    try:
        report(tf.get_variable("p", [6, 3], partitioner=tf.fixed_size_partitioner(3)))
    except TypeError as e:
        print("TypeError:", e)
    try:
        report(tf.get_variable("i", [2], dtype=tf.int32))
    except TypeError as e:
        print("TypeError:", e)
print([v.name for v in tf.global_variables()])

with tf.variable_scope("tag", custom_getter=tagging_getter, reuse=tf.AUTO_REUSE):
    report(tf.get_variable("q", [4, 2], partitioner=tf.fixed_size_partitioner(3)))
    report(tf.get_variable("q", [4, 2], partitioner=tf.fixed_size_partitioner(3)))

with tf.variable_scope("plain"):
    p = tf.get_variable("p", [4, 2], partitioner=tf.fixed_size_partitioner(2))
    one = tf.get_variable("one", [4, 2], partitioner=tf.fixed_size_partitioner(1))
t = p.as_tensor()
print(t.name, t.shape, t.dtype, t.op.inputs[0].name)
print(tf.identity(p, name="x").op.inputs[0].name)
print(one.as_tensor().name)
try:
    p + p
except TypeError as e:
    print("TypeError:", e)
k = tf.get_variable("k", [2], dtype=tf.int32)
try:
    k * 2.0
except TypeError as e:
    print("TypeError:", e)
try:
    2.0 * k
except TypeError as e:
    print("TypeError:", e)
try:
    1e20 * k
except TypeError as e:
    print("TypeError:", e)
print(len(tf.global_variables()))
