# pins: reuse=True on a variable that was never created raises the 'does not exist' ValueError
import tensorflow as tf
with tf.variable_scope("head", reuse=True):
    try:
        tf.get_variable("logits_w", [8, 2])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
print(len(tf.global_variables()))
