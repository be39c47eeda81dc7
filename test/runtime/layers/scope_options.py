# What the enclosing variable scope gives layers: its initializer (when the layer has none), its
# partitioner (not for batch-norm moving statistics), custom getters that change trainability;
# slim layers re-entered with reuse=True share everything, batch norm included.
import tensorflow as tf

slim = tf.contrib.slim


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


x = tf.placeholder(tf.float32, [None, 8])
img = tf.placeholder(tf.float32, [None, 6, 6, 4])
with tf.variable_scope('init', initializer=tf.constant_initializer(0.25)):
    y = tf.layers.dense(x, 2, use_bias=False)
with tf.variable_scope('parts', partitioner=tf.fixed_size_partitioner(2)):
    d = tf.layers.Dense(4)
    d(x)
    tf.layers.batch_normalization(x)
    slim.fully_connected(x, 4)
print(len(d.variables), [type(v).__name__ for v in d.variables])


def freeze(getter, *args, **kwargs):
    kwargs['trainable'] = False
    return getter(*args, **kwargs)


with tf.variable_scope('frozen', custom_getter=freeze):
    f = tf.layers.Dense(2)
    f(x)
print(len(f.trainable_variables), len(f.non_trainable_variables))


class Scaled(tf.layers.Layer):
    def build(self, input_shape):
        self.scale = self.add_variable('scale', [], initializer=tf.ones_initializer())
        self.built = True

    def call(self, inputs):
        return inputs * self.scale


Scaled()(x)
a = slim.conv2d(img, 3, 3, normalizer_fn=slim.batch_norm, scope='shared')
b = slim.conv2d(img, 3, 3, normalizer_fn=slim.batch_norm, scope='shared', reuse=True)
print('UPDATE_OPS', len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
print(a.name, b.name)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    print(sess.run(y, {x: [[1.0] * 8]}).tolist())
dump()
