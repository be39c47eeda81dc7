# pins: re-entering the current scope object inside itself nests its name scope ('lvl/lvl/') but not its name
import tensorflow as tf
with tf.variable_scope("lvl") as lvl:
    with tf.variable_scope(lvl):
        print(tf.constant(0, name="x").name)
        print(tf.get_variable_scope().name)
        print(tf.get_variable("g", [1]).name)
