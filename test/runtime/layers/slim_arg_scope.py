# slim.arg_scope / add_arg_scope: defaults per function, nesting and re-use of a scope, defaults
# that change which variables exist; repeat and stack scopes; slim.variable / model_variable.
import tensorflow as tf

slim = tf.contrib.slim


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


img = tf.placeholder(tf.float32, [None, 8, 8, 3])
with slim.arg_scope([slim.conv2d, slim.fully_connected], normalizer_fn=slim.batch_norm,
                    weights_regularizer=slim.l2_regularizer(0.01)) as sc:
    with slim.arg_scope([slim.conv2d], biases_initializer=None):
        a = slim.conv2d(img, 4, 3, scope='a')
    b = slim.conv2d(img, 4, 3, normalizer_fn=None, scope='b')
with slim.arg_scope(sc):
    slim.fully_connected(slim.flatten(a), 2, scope='fc')
slim.conv2d(img, 4, 3, scope='plain')
print(slim.conv2d.__name__, slim.convolution2d.__name__, slim.fully_connected.__name__,
      slim.conv2d is slim.convolution2d)


@slim.add_arg_scope
def my_block(inputs, width=2, scope=None):
    with tf.variable_scope(scope, 'MyBlock', [inputs]):
        return slim.conv2d(inputs, width, 1)


with slim.arg_scope([my_block], width=3):
    my_block(img)
print(my_block.__name__)
slim.repeat(img, 2, my_block, scope='rep')
slim.repeat(img, 2, my_block)
slim.stack(img, slim.conv2d, [(2, [1, 1]), (3, [1, 1])], scope='st')
slim.stack(slim.flatten(img), slim.fully_connected, [2, 3])


def undecorated(inputs):
    return inputs


try:
    with slim.arg_scope([undecorated], x=1):
        pass
except ValueError as e:
    print('ValueError raised')
try:
    with slim.arg_scope(sc, width=1):
        pass
except ValueError as e:
    print('ValueError:', e)
with tf.variable_scope('vars'):
    v = slim.variable('v', [2], initializer=tf.zeros_initializer())
    with slim.arg_scope([slim.model_variable], trainable=False):
        m = slim.model_variable('m', [3])
print('MODEL_VARIABLES', [x.name for x in slim.get_model_variables('vars')])
print(v.name, m.name)
dump()
