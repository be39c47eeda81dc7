# A function called twice without reuse: the second call raises "already exists".
import tensorflow as tf


def build_model(x):
    with tf.variable_scope("model"):
        return tf.get_variable("w_out", [3])


first = build_model(1)
second = build_model(2)
