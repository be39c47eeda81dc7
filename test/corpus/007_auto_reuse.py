# pins: AUTO_REUSE creates on the first call and reuses afterwards; its reuse prints as _ReuseMode.AUTO_REUSE
import tensorflow as tf
def block():
    with tf.variable_scope("shared", reuse=tf.AUTO_REUSE):
        return tf.get_variable("emb", [5, 3])
e1 = block()
e2 = block()
print(e1 is e2)
print(e1.name)
with tf.variable_scope("z", reuse=tf.AUTO_REUSE):
    print(tf.get_variable_scope().reuse)
    with tf.variable_scope("y"):
        print(tf.get_variable_scope().reuse)
print(len(tf.global_variables()))
