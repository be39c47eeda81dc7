# Numbers from the layer libraries through Session.run, where the runtime has kernels.
import tensorflow as tf

slim = tf.contrib.slim


def show(label, value):
    flat = []

    def walk(v):
        if isinstance(v, (list, tuple)):
            for item in v:
                walk(item)
        else:
            flat.append(round(float(v), 3))

    walk(value.tolist())
    print(label, flat)


x = tf.constant([[1.0, 2.0, 3.0], [-1.0, 0.5, 2.0]])
img = tf.constant([[[[1.0], [2.0], [3.0], [4.0]], [[5.0], [6.0], [7.0], [8.0]],
                    [[9.0], [10.0], [11.0], [12.0]], [[13.0], [14.0], [15.0], [16.0]]]])
dense = tf.layers.dense(x, 2, kernel_initializer=tf.constant_initializer(0.5),
                        bias_initializer=tf.constant_initializer(1.0), activation=tf.nn.relu)
fc = slim.fully_connected(x, 2, weights_initializer=tf.ones_initializer(), activation_fn=None)
conv = tf.layers.conv2d(img, 1, 2, kernel_initializer=tf.ones_initializer())
sconv = slim.conv2d(img, 1, [3, 3], weights_initializer=tf.ones_initializer(), activation_fn=None)
pool = tf.layers.max_pooling2d(img, 2, 2)
apool = slim.avg_pool2d(img, [2, 2])
flat = tf.layers.flatten(pool)
bn = tf.layers.batch_normalization(x)
bn_train = tf.layers.batch_normalization(x, training=True)
ln = slim.layer_norm(x)
drop = tf.layers.dropout(x, 0.5)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    show('dense', sess.run(dense))
    show('fc', sess.run(fc))
    show('conv', sess.run(conv))
    show('slim_conv', sess.run(sconv))
    show('max_pool', sess.run(pool))
    show('avg_pool', sess.run(apool))
    show('flatten', sess.run(flat))
    show('bn_inference', sess.run(bn))
    show('bn_training', sess.run(bn_train))
    show('layer_norm', sess.run(ln))
    show('dropout_off', sess.run(drop))
    sess.run(tf.get_collection(tf.GraphKeys.UPDATE_OPS))
    show('moving_mean', sess.run(tf.global_variables('batch_normalization_1/moving_mean')[0]))
