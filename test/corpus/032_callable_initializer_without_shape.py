# pins: a zero-argument callable initializer needs no shape (taken from its value); initializer instances need one
import tensorflow as tf
a = tf.get_variable("a", initializer=lambda: tf.ones([2, 3]))
print(a.get_shape(), a.dtype)
k = tf.get_variable("k", [2], initializer=tf.ones_initializer())
print(k.get_shape())
try:
    tf.get_variable("z", initializer=tf.zeros_initializer())
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
