# tf.Variable takes its name from the name scope, never from the variable scope's store.
import tensorflow as tf

tf.Variable(0.5)
tf.Variable(1.5)
with tf.name_scope('block'):
    tf.Variable([1.0, 2.0], name='kernel')
    tf.Variable([1.0, 2.0], name='kernel')
with tf.variable_scope('enc'):
    tf.Variable(3, name='steps')
    with tf.name_scope('inner'):
        tf.Variable(2.0)
with tf.variable_scope('enc'):
    tf.Variable(3, name='steps')
with tf.variable_scope('enc', reuse=True):
    tf.Variable(4.0, name='steps')
with tf.name_scope('block/'):
    tf.Variable(1.0, name='again')
v = tf.Variable(tf.ones([2, 3]), trainable=False, name='frozen')
print(v.op.name, v.dtype, v.trainable)
for var in tf.global_variables():
    print(var.name, var.shape, var in tf.trainable_variables())
