# pins: auxiliary_name_scope=False opens no name scope; original_name_scope is the enclosing one
import tensorflow as tf
with tf.variable_scope("quiet", auxiliary_name_scope=False) as q:
    print(repr(q.original_name_scope))
    print(tf.constant(1, name="c").name)
    print(tf.get_variable("w", [1]).name)
with tf.variable_scope("top"):
    with tf.variable_scope("hush", auxiliary_name_scope=False) as h:
        print(h.original_name_scope)
        print(tf.constant(1, name="c").name)
        print(tf.get_variable("w", [1]).name)
