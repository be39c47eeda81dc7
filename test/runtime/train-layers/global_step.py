# The global step: int64 scalar variable, GLOBAL_STEP collection, named in the variable scope
# with the name scope cleared; a second create_global_step raises.
import tensorflow as tf

print(tf.train.get_global_step())
with tf.variable_scope('outer'):
    with tf.name_scope('ns'):
        gs = tf.train.get_or_create_global_step()
print(gs.name, gs.dtype, gs.shape, gs.trainable)
print(tf.train.get_global_step() is gs, tf.train.get_or_create_global_step() is gs)
print([v.name for v in tf.get_collection(tf.GraphKeys.GLOBAL_STEP)])
try:
    tf.train.create_global_step()
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e))
g = tf.Graph()
with g.as_default():
    s = tf.train.create_global_step()
    print(s.name, s.graph is g, tf.train.get_global_step() is s)
print(tf.train.get_global_step(g) is s, tf.train.get_global_step() is gs)
print([v.name for v in tf.global_variables()])
