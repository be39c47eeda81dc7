# pins: make_template creates on the first call and reuses after; a second template of the same name gets 'name_1'
import tensorflow as tf
def affine(x):
    w = tf.get_variable("w", [1], initializer=tf.constant_initializer(2.0))
    return w
t1 = tf.make_template("proj", affine)
t2 = tf.make_template("proj", affine)
a = t1(1.0)
b = t1(2.0)
c = t2(3.0)
print(a is b)
print(a.name)
print(c.name)
print(t1.variable_scope.name)
print([v.name for v in t2.trainable_variables])
