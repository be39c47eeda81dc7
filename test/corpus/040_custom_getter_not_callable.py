# pins: a non-callable custom_getter (on a scope or a call) raises 'Passed a custom_getter which is not callable'
import tensorflow as tf
try:
    with tf.variable_scope("g", custom_getter="nope"):
        tf.get_variable("x", [1])
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
try:
    tf.get_variable("y", [1], custom_getter=7)
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
print(len(tf.global_variables()))
