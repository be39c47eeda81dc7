# Creates dense/w twice without reuse: TensorFlow raises "Variable dense/w already exists".
import tensorflow as tf

with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 4])
with tf.variable_scope("dense"):
    w2 = tf.get_variable("w", [3, 4])
print(w is w2)
