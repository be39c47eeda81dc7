# A typo under reuse: encoder/weight does not exist; encoder/weights does.
import tensorflow as tf

with tf.variable_scope("encoder"):
    w = tf.get_variable("weights", [3, 4])
with tf.variable_scope("encoder", reuse=True):
    w2 = tf.get_variable("weight", [3, 4])
print(w is w2)
