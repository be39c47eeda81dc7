# pins: a template that creates a trainable tf.Variable on a later call raises; non-trainable ones are allowed
import tensorflow as tf
calls = [0]
def grow():
    calls[0] += 1
    tf.get_variable("base", [1])
    if calls[0] == 2:
        tf.Variable(0.0, trainable=False, name="counter")
    if calls[0] == 3:
        tf.Variable(1.0, name="extra")
t = tf.make_template("grower", grow)
t()
t()
try:
    t()
except ValueError as e:
    print("ValueError:", str(e).splitlines()[0])
print(calls[0])
