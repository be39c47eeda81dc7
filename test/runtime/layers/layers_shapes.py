# tf.layers weight shapes per family and the static shapes of their outputs.
import tensorflow as tf


def dump():
    tr = set(v.name for v in tf.trainable_variables())
    for v in tf.global_variables():
        print(v.name, v.shape, v.name in tr)


seq = tf.placeholder(tf.float32, [None, 10, 3])
img = tf.placeholder(tf.float32, [None, 16, 12, 3])
vol = tf.placeholder(tf.float32, [2, 8, 8, 8, 1])
print(tf.layers.dense(seq, 5).shape)
print(tf.layers.conv1d(seq, 4, 3).shape)
print(tf.layers.conv1d(seq, 4, 3, strides=2, padding='same').shape)
print(tf.layers.conv2d(img, 6, [3, 5], strides=(2, 1)).shape)
print(tf.layers.conv2d(img, 6, 3, padding='same', dilation_rate=2, use_bias=False).shape)
print(tf.layers.conv3d(vol, 2, 3).shape)
print(tf.layers.conv2d_transpose(img, 7, 3, strides=2).shape)
print(tf.layers.conv2d_transpose(img, 7, 3, strides=2, padding='same').shape)
print(tf.layers.conv3d_transpose(vol, 2, 2, strides=2).shape)
print(tf.layers.separable_conv1d(seq, 5, 3, depth_multiplier=2).shape)
print(tf.layers.separable_conv2d(img, 5, 3, depth_multiplier=3, padding='same').shape)
print(tf.layers.max_pooling1d(seq, 2, 2).shape)
print(tf.layers.max_pooling2d(img, 2, 2).shape)
print(tf.layers.average_pooling2d(img, 3, 2, padding='same').shape)
print(tf.layers.max_pooling3d(vol, 2, 2).shape)
print(tf.layers.average_pooling3d(vol, 2, 2).shape)
print(tf.layers.flatten(img).shape, tf.layers.flatten(vol).shape)
print(tf.layers.dropout(img, 0.3).shape, tf.layers.dropout(img, 0.3, training=True).shape)
print(tf.layers.Conv2D(2, 3, name='c').apply(img, ).shape)
dump()
