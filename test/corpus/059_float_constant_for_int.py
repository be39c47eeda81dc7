# pins: constant_initializer with a Python float for an int dtype raises TypeError even when the float is whole; the failed variable's op name is used up
# oracle-override: Expected int32, but got 2.0 of type 'float'. => Expected int32, got 2.0 of type 'float' instead.
import tensorflow as tf
for name, value in [("a", 2.0), ("b", 2), ("c", [1, 2.0]), ("d", True)]:
    try:
        v = tf.get_variable(name, [2], dtype=tf.int32, initializer=tf.constant_initializer(value))
        print("var", v.name)
    except TypeError as e:
        print("TypeError:", e)
print(tf.get_variable("a", [2], initializer=tf.constant_initializer(2)).name)
print(tf.get_variable("f", [2], initializer=tf.constant_initializer(2)).dtype)
