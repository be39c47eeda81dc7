# get_local_variable and tf.Variable(collections=...) choose their collections exactly.
import tensorflow as tf

with tf.variable_scope('stats'):
    n = tf.get_local_variable('n', [], dtype=tf.int32, initializer=tf.zeros_initializer())
    m = tf.get_local_variable('mean', [4])
    print(n.name, n.trainable, m.shape)
a = tf.Variable(1.0, name='mine', collections=['custom'])
b = tf.Variable(1.0, name='both', collections=[tf.GraphKeys.GLOBAL_VARIABLES, 'custom'])
c = tf.Variable(2.0, name='untracked', collections=[])
d = tf.Variable(2.0, name='plain_local', trainable=True,
                collections=[tf.GraphKeys.LOCAL_VARIABLES])
print('custom', [v.name for v in tf.get_collection('custom')])
print('local', [v.name for v in tf.local_variables()])
print('global', [v.name for v in tf.global_variables()])
print('trainable', [v.name for v in tf.trainable_variables()])
