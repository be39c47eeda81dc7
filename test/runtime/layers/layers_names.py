# tf.layers naming: default scopes counted per enclosing variable scope, named layers verbatim,
# layer.name (per-graph, 1-based) versus its variable scope, snake-case class names.
import tensorflow as tf


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


x = tf.placeholder(tf.float32, [None, 4])
img = tf.placeholder(tf.float32, [None, 8, 8, 2])
tf.layers.dense(x, 2, name='dense')
tf.layers.dense(x, 2)
with tf.name_scope('ns'):
    tf.layers.dense(x, 2)
with tf.variable_scope('block'):
    tf.layers.dense(x, 3)
    tf.layers.conv2d(img, 4, 3)
    tf.layers.conv2d(img, 4, 3)
    tf.layers.conv2d_transpose(img, 4, 3)
    tf.layers.separable_conv2d(img, 4, 3)
    tf.layers.batch_normalization(img)
try:
    with tf.variable_scope('block'):
        tf.layers.dense(x, 3)
except ValueError as e:
    print('ValueError:', str(e).split('\n')[0])
try:
    tf.layers.dense(x, 3, reuse=True)
except ValueError as e:
    print('ValueError:', str(e).split('\n')[0])


class MyCustomLayer(tf.layers.Layer):
    def build(self, input_shape):
        self.w = self.add_weight('w', [int(input_shape[-1]), 5])
        self.built = True

    def call(self, inputs):
        return tf.matmul(inputs, self.w)


class HTTPBlock2D(tf.layers.Layer):
    pass


layers = [tf.layers.Dense(1), tf.layers.Conv2DTranspose(1, 1), tf.layers.SeparableConv1D(1, 1),
          tf.layers.BatchNormalization(), tf.layers.MaxPooling2D(2, 2), MyCustomLayer(),
          MyCustomLayer(), HTTPBlock2D(), tf.layers.Dense(1, name='named')]
print([l.name for l in layers])
try:
    layers[0].scope_name
except ValueError as e:
    print('ValueError:', str(e))
m = layers[5]
with tf.variable_scope('outer'):
    y = m(x)
print(m.name, m.scope_name, y.shape, [v.name for v in m.variables])
print(layers[6](x).shape, layers[6].scope_name)
dump()
