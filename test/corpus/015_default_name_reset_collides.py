# pins: default_name counters reset when the parent string scope exits, so re-entering it collides
import tensorflow as tf
for i in range(2):
    with tf.variable_scope("model"):
        with tf.variable_scope(None, default_name="cell"):
            print(tf.get_variable_scope().name)
            try:
                tf.get_variable("k", [1])
            except ValueError as e:
                print("ValueError:", str(e).splitlines()[0])
        with tf.variable_scope(None, default_name="cell"):
            print(tf.get_variable_scope().name)
