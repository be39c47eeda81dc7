# pins: a zero-argument callable given a shape is called with dtype= and raises Python's TypeError (its op name used up: the next v is v_1); without a shape its value gives the shape and dtype, the dtype asked for is ignored; value initializers take the value's shape and dtype
import tensorflow as tf


def report(v):
    print("var", v.name, v.shape, v.dtype)


def only_shape(shape):
    return tf.zeros(shape)


def full(shape, dtype=None, partition_info=None):
    return tf.zeros(shape, dtype)


try:
    report(tf.get_variable("v", [2], initializer=lambda: [1.0, 2.0]))
except TypeError as e:
    print("TypeError:", e)
report(tf.get_variable("v", []))
try:
    report(tf.get_variable("s", [2], initializer=only_shape))
except TypeError as e:
    print("TypeError:", e)
report(tf.get_variable("f", [2], initializer=full))
report(tf.get_variable("w", initializer=lambda: [1.0, 2.0]))
report(tf.get_variable("w2", initializer=lambda: [1.0, 2.0], dtype=tf.float64))
report(tf.get_variable("x", initializer=tf.constant([1, 2])))
report(tf.get_variable("y", initializer=[[1.0, 2.0]]))
report(tf.get_variable("z", initializer=3))
try:
    report(tf.get_variable("z2", [1], initializer=3))
except ValueError as e:
    print("ValueError:", e)
