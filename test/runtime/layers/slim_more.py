# More of tf.contrib.layers / slim: bias_add (BiasAdd/biases), group_norm (GroupNorm/beta, gamma),
# 1-D and 3-D convolutions (all named Conv), transposed 3-D convolutions, 3-D pooling, the variable-free softmax, unit_norm, maxout and
# one_hot_encoding, the pre-slim legacy_fully_connected, arg_scope over the new functions, and
# their errors.
import tensorflow as tf

slim = tf.contrib.slim


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


x = tf.placeholder(tf.float32, [None, 6])
img = tf.placeholder(tf.float32, [None, 8, 8, 4])
vol = tf.placeholder(tf.float32, [None, 4, 8, 8, 3])

b = slim.bias_add(x)
print(b.name, b.shape)
b = slim.bias_add(img, activation_fn=tf.nn.relu, regularizer=slim.l2_regularizer(0.1),
                  variables_collections=['mine'])
print(b.name, b.shape)
h = slim.fully_connected(x, 5, normalizer_fn=slim.bias_add, scope='fc_bias')
print(h.name, h.shape)
b = slim.bias_add(img, scope='shared')
b = slim.bias_add(img, scope='shared', reuse=True)
print(b.name)
for loss in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES):
    print('reg', loss.name)
print('mine', [v.name for v in tf.get_collection('mine')])

g = slim.group_norm(img, groups=2)
print(g.name, g.shape)
g = slim.group_norm(tf.placeholder(tf.float32, [2, 4, 6, 8]), groups=4, channels_axis=-3,
                    reduction_axes=(-2, -1), scale=False, scope='gn_nchw')
print(g.name, g.shape)
c = slim.conv2d(img, 8, 3, normalizer_fn=slim.group_norm, normalizer_params={'groups': 4})
print(c.shape)

seq = tf.placeholder(tf.float32, [None, 10, 3])
k = slim.conv1d(seq, 4, 3)
print(k.name, k.shape)
k = slim.convolution1d(seq, 2, 5, stride=2, padding='VALID', scope='c1')
print(k.name, k.shape)
k = slim.conv3d(vol, 6, [1, 3, 3], normalizer_fn=slim.bias_add)
print(k.name, k.shape)
k = slim.convolution3d(vol, 2, 3, rate=2, scope='c3')
print(k.name, k.shape)
k = slim.convolution(vol, 3, 1, activation_fn=None)
print(k.name, k.shape)
t = slim.conv3d_transpose(vol, 2, 3, stride=2)
print(t.shape)
t = slim.convolution3d_transpose(vol, 5, [1, 2, 2], padding='VALID', biases_initializer=None,
                                 scope='deconv3')
print(t.shape)
p = slim.max_pool3d(vol, 2)
q = slim.avg_pool3d(vol, [1, 2, 2], stride=1, padding='SAME')
print(p.name, p.shape, q.name, q.shape)

logits = tf.placeholder(tf.float32, [None, 7, 3])
s = slim.softmax(logits)
print(s.name, s.shape)
s = slim.softmax(tf.placeholder(tf.float32, [4, 3]), scope='probs')
print(s.name, s.shape)
u = slim.unit_norm(img, 3)
print(u.name, u.shape)
m = slim.maxout(img, 2)
print(m.name, m.shape)
m = slim.maxout(x, 3, scope='mo')
print(m.name, m.shape)
o = slim.one_hot_encoding(tf.placeholder(tf.int32, [None]), 5)
print(o.name, o.shape, o.dtype)

with slim.arg_scope([slim.bias_add, slim.group_norm], trainable=False):
    slim.bias_add(x, scope='frozen')
    slim.group_norm(img, groups=1, scope='frozen_gn')

l = tf.contrib.layers.legacy_fully_connected(x, 3)
print(l.name, l.shape)
l = tf.contrib.layers.legacy_fully_connected(img, 2, bias_init=None, name='legacy')
print(l.name, l.shape)
print('weights', [v.name for v in tf.get_collection(tf.GraphKeys.WEIGHTS)])
print('biases', [v.name for v in tf.get_collection(tf.GraphKeys.BIASES)])
print('activations', len(tf.get_collection(tf.GraphKeys.ACTIVATIONS)))
print('MODEL_VARIABLES', [v.name for v in slim.get_model_variables()])

for fn in [lambda: slim.bias_add(img, data_format='NCW'),
           lambda: slim.bias_add(tf.placeholder(tf.float32, [2, 3]), data_format='NCHW'),
           lambda: slim.bias_add(tf.placeholder(tf.float32, [2, None])),
           lambda: slim.group_norm(img, groups=3),
           lambda: slim.group_norm(img, groups=8),
           lambda: slim.group_norm(img, reduction_axes=(-1,)),
           lambda: slim.maxout(img, 3),
           lambda: slim.unit_norm(img, 4),
           lambda: slim.softmax(tf.placeholder(tf.float32, [None])),
           lambda: slim.max_pool3d(vol, 2, data_format='NHWC'),
           lambda: slim.conv1d(img, 2, 3),
           lambda: slim.conv3d(seq, 2, 3),
           lambda: slim.conv3d_transpose(vol, 2, 3, data_format='NCHW'),
           lambda: tf.contrib.layers.legacy_fully_connected(tf.placeholder(tf.float32, [3]), 2)]:
    try:
        fn()
        print('no error')
    except ValueError as e:
        print('ValueError:', str(e).split('\n')[0])
dump()
