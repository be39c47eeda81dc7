# tf.contrib.layers / slim layers: default scopes, renamed weights, normalizer_fn in place of
# biases, batch_norm's two paths (variable order), layer_norm, instance_norm, transposed and
# separable convolutions, model variables and collections.
import tensorflow as tf

slim = tf.contrib.slim


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


x = tf.placeholder(tf.float32, [None, 6])
img = tf.placeholder(tf.float32, [None, 8, 8, 3])
h = slim.fully_connected(x, 4, normalizer_fn=slim.layer_norm)
h = slim.fully_connected(h, 4, normalizer_fn=slim.batch_norm,
                         normalizer_params={'scale': True})
h = slim.fully_connected(h, 3, biases_initializer=None, activation_fn=None, scope='logits')
print(h.shape, h.op.type)
c = slim.conv2d(img, 5, 3, stride=2)
print(c.shape)
c = slim.conv2d(c, 5, [1, 1], padding='VALID', normalizer_fn=slim.instance_norm)
c = slim.conv2d_transpose(c, 2, 3, stride=2)
print(c.shape)
s = slim.separable_conv2d(img, 6, 3, depth_multiplier=2)
print(s.shape)
s = slim.separable_conv2d(img, None, 3, depth_multiplier=2)
print(s.shape)
b = slim.batch_norm(img, scale=True, is_training=False)
slim.batch_norm(x, scale=True, center=False, scope='vec_bn')
slim.batch_norm(img, updates_collections=None, is_training=False, scope='fused4')
print('UPDATE_OPS', len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
slim.conv2d(img, 2, 3, weights_regularizer=slim.l2_regularizer(0.5), scope='reg',
            variables_collections=['mine'])
slim.fully_connected(tf.placeholder(tf.float32, [None, 4]), 3, scope='logits', reuse=True,
                     biases_initializer=None)
for loss in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES):
    print('reg', loss.name)
print('mine', [v.name for v in tf.get_collection('mine')])
print('MODEL_VARIABLES', len(tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)),
      len(slim.get_model_variables('Conv')))
p = slim.max_pool2d(img, [2, 2])
q = slim.avg_pool2d(img, 3, stride=1, padding='SAME')
f = slim.flatten(p)
d = slim.dropout(f, 0.5, is_training=False)
print(p.shape, q.shape, f.shape, d.shape)
dump()
