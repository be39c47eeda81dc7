# pins: a name_scope inside a variable_scope changes op names and get_name_scope, never variable names
import tensorflow as tf
with tf.variable_scope("vs"):
    with tf.name_scope("extra"):
        w = tf.get_variable("w", [1])
        y = tf.add(w, 1.0, name="y")
        print(tf.get_default_graph().get_name_scope())
    print(tf.get_default_graph().get_name_scope())
print(w.name)
print(y.name)
