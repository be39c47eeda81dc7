# pins: tf.Variable never enters the get_variable store (reuse cannot find it) but shares op-name uniquifying
import tensorflow as tf
with tf.variable_scope("mix"):
    plain = tf.Variable(tf.zeros([2]), name="acc")
    got = tf.get_variable("acc", [2])
print(plain.name)
print(got.name)
with tf.variable_scope("mix", reuse=True):
    try:
        tf.get_variable("other", [2])
    except ValueError as e:
        print("ValueError:", str(e).splitlines()[0])
    print(tf.get_variable("acc", [2]) is got)
u = tf.Variable(1, name="mix/acc")
print(u.name)
