# Custom getters are called as TF 1.15 calls them: a scope's getter by the variable store with
# every argument a keyword (`getter=` too; `constraint=` only if the getter names it or takes
# **kwargs); of two nested scopes' getters, the inner one gets the getter positionally, and the
# outer one gets the true getter positionally, then exactly what the inner one passed.
import tensorflow as tf


def by_keyword(*args, **kwargs):
    getter = kwargs.pop("getter")
    print("by_keyword", len(args), sorted(kwargs))
    return getter(*args, **kwargs)


with tf.variable_scope("kw", custom_getter=by_keyword):
    a = tf.get_variable("a", [2])
print(a.name, a.shape)

with tf.variable_scope("lam", custom_getter=lambda getter=None, **kw: getter(**kw)):
    b = tf.get_variable("b", [3], trainable=False)
print(b.name, b.shape, b in tf.trainable_variables())


def name_first(name, getter, shape, **kwargs):
    return getter(name + "_x", shape, **kwargs)


c = tf.get_variable("c", [1], custom_getter=name_first)
print(c.name)


def no_constraint(getter, name, shape, dtype, initializer, regularizer, reuse, trainable,
                  collections, caching_device, partitioner, validate_shape, use_resource,
                  synchronization, aggregation):
    print("no_constraint", name, shape, dtype, trainable, validate_shape)
    return getter(name, shape, dtype)


d = tf.get_variable("d", [4], custom_getter=no_constraint)
print(d.name, d.dtype)


def with_constraint(getter, name, constraint, **kwargs):
    print("with_constraint", constraint)
    return getter(name, **kwargs)


e = tf.get_variable("e", [1], custom_getter=with_constraint)
print(e.name)


def outer(*args, **kwargs):
    print("outer", len(args), callable(args[0]), args[1:], sorted(kwargs))
    return args[0](*args[1:], **kwargs)


def inner(*args, **kwargs):
    print("inner", len(args), "getter" in kwargs, sorted(kwargs))
    return args[0](kwargs["name"] + "_in", [5], trainable=False)


with tf.variable_scope("o", custom_getter=outer):
    with tf.variable_scope("i", custom_getter=inner):
        f = tf.get_variable("f", [2])
print(f.name, f.shape, f in tf.trainable_variables())


def third(getter, name, **kwargs):
    print("third", name, sorted(kwargs))
    return getter(name=name + "_3", **kwargs)


with tf.variable_scope("o2", custom_getter=outer):
    with tf.variable_scope("i2", custom_getter=inner):
        with tf.variable_scope("t", custom_getter=third):
            g = tf.get_variable("g", [2])
print(g.name, g.shape)
