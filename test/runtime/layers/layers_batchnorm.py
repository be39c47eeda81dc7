# tf.layers.BatchNormalization: which variables exist (center, scale, renorm, axis), their
# shapes and trainability, and the UPDATE_OPS each call in training mode adds.
import tensorflow as tf


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


def updates():
    print('UPDATE_OPS', len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))


img = tf.placeholder(tf.float32, [None, 4, 4, 3])
vec = tf.placeholder(tf.float32, [None, 5])
tf.layers.batch_normalization(img, center=False)
tf.layers.batch_normalization(img, scale=False, training=True)
updates()
tf.layers.batch_normalization(img, axis=1, name='bn_axis1')
tf.layers.batch_normalization(vec, renorm=True, name='renorm', training=True)
updates()
bn = tf.layers.BatchNormalization(trainable=False, name='frozen')
bn(vec, training=True)
bn(vec, training=True)
updates()
bn(vec)
updates()
print(len(bn.updates), len(bn.variables), len(bn.trainable_variables))
print('MOVING_AVERAGE_VARIABLES', tf.get_collection(tf.GraphKeys.MOVING_AVERAGE_VARIABLES))
dump()
