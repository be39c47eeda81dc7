# pins: every graph has its own variable store and name scopes; reset_default_graph starts from scratch
import tensorflow as tf
g1 = tf.Graph()
g2 = tf.Graph()
with g1.as_default():
    with tf.variable_scope("m"):
        a = tf.get_variable("w", [1])
with g2.as_default():
    with tf.variable_scope("m"):
        b = tf.get_variable("w", [1])
    try:
        tf.get_variable("m/w", [1])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
print(a.name, b.name, a.graph is g1, b.graph is g2)
tf.get_variable("x", [1])
tf.reset_default_graph()
print(tf.get_variable("x", [1]).name)
print(len(tf.global_variables()))
