# pins: the try-create, reuse_variables, fetch-without-shape idiom returns the old variable whatever shape was wanted
import tensorflow as tf
def fetch(shape):
    with tf.variable_scope("cache") as sc:
        try:
            return tf.get_variable("buf", shape)
        except ValueError:
            sc.reuse_variables()
            return tf.get_variable("buf")
first = fetch([2])
second = fetch([9, 9])
print(second is first)
print(second.get_shape())
