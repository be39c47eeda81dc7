# pins: scope.reuse_variables() turns reuse on for the rest of that block only; string re-entry starts at False
import tensorflow as tf
with tf.variable_scope("dec") as scope:
    a = tf.get_variable("a", [1])
    print(scope.reuse)
    scope.reuse_variables()
    print(tf.get_variable_scope().reuse)
    a2 = tf.get_variable("a", [1])
with tf.variable_scope("dec"):
    print(tf.get_variable_scope().reuse)
print(a is a2)
