# pins: creating the same variable twice without reuse raises 'already exists, disallowed' and adds nothing
import tensorflow as tf
with tf.variable_scope("net"):
    tf.get_variable("w", [2])
    try:
        tf.get_variable("w", [2])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
print(len(tf.global_variables()))
