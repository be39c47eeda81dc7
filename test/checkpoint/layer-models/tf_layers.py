"""A small convolutional classifier built with tf.layers, and the checkpoint it saves.

conv2d -> batch_normalization -> relu -> max_pooling2d -> conv2d -> batch_normalization -> relu
-> flatten -> dense -> dense, plus the global step: the batch normalization layers add their
moving_mean and moving_variance (not trainable, but saved). Every initial value is seeded, so
every run saves the same bytes in tf_layers_ckpt beside this file.

To make the checkpoint again, from the repository root:

    node bin/scope-lens.js run test/checkpoint/layer-models/tf_layers.py
"""
import os

import tensorflow as tf

IMAGE = 8  # 8x8 grey images
CLASSES = 3


def conv_block(inputs, filters, name, seed):
    with tf.variable_scope(name):
        net = tf.layers.conv2d(
            inputs, filters, 3, padding="same", use_bias=False,
            kernel_initializer=tf.glorot_uniform_initializer(seed=seed), name="conv")
        net = tf.layers.batch_normalization(net, training=True, name="bn")
        return tf.nn.relu(net)


def inference(images):
    net = conv_block(images, 4, "block1", seed=1)
    net = tf.layers.max_pooling2d(net, 2, 2)
    net = conv_block(net, 8, "block2", seed=2)
    net = tf.layers.flatten(net)
    net = tf.layers.dense(net, 16, activation=tf.nn.relu,
                          kernel_initializer=tf.glorot_uniform_initializer(seed=3), name="fc")
    return tf.layers.dense(net, CLASSES,
                           kernel_initializer=tf.glorot_uniform_initializer(seed=4), name="logits")


images = tf.placeholder(tf.float32, [None, IMAGE, IMAGE, 1], name="images")
logits = inference(images)
global_step = tf.train.get_or_create_global_step()

here = os.path.dirname(os.path.abspath(__file__))
train_dir = os.path.join(here, "tf_layers_ckpt")
if not os.path.isdir(train_dir):
    os.makedirs(train_dir)

saver = tf.train.Saver(save_relative_paths=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    batch = [[[[((i + r * c) % 5) / 4.0] for c in range(IMAGE)] for r in range(IMAGE)]
             for i in range(2)]
    print(sess.run(logits, feed_dict={images: batch}).shape)
    saver.save(sess, os.path.join(train_dir, "model.ckpt"), global_step=0)

for name, shape in tf.train.list_variables(train_dir):
    print(name, shape)
