# pins: a scope object re-entered elsewhere keeps its variable name, opens a name scope of its last component
import tensorflow as tf
with tf.variable_scope("p"):
    with tf.variable_scope("q") as q:
        pass
with tf.variable_scope("r"):
    with tf.variable_scope(q):
        print(tf.get_variable_scope().name)
        print(tf.constant(0, name="k").name)
        v = tf.get_variable("v", [1])
print(v.name)
with tf.variable_scope(q) as q_again:
    print(q_again.original_name_scope)
    print(tf.constant(0, name="k").name)
