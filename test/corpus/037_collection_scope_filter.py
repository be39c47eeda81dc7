# pins: get_collection(key, scope) is a regex match from the start ('foo' also matches 'foo_x/'); VariableScope.get_collection uses 'name/'
import tensorflow as tf
with tf.variable_scope("foo") as foo:
    tf.get_variable("a", [1])
with tf.variable_scope("foo_x"):
    tf.get_variable("b", [1])
with tf.variable_scope("bar"):
    tf.get_variable("c", [1])
print([v.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_VARIABLES, "foo")])
print([v.name for v in tf.global_variables("f.o_")])
print([v.name for v in foo.get_collection(tf.GraphKeys.GLOBAL_VARIABLES)])
print([v.name for v in tf.trainable_variables("bar")])
