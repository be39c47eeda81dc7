"""A small VGG-style classifier built with TF-Slim, and the checkpoint it saves.

arg_scope gives every conv2d and fully_connected layer batch normalization (normalizer_fn;
slim.batch_norm's moving_mean and moving_variance are saved although not trainable) and seeded
initializers; slim.repeat stacks two conv2d layers in scope conv2 (conv2/conv2_1, conv2/conv2_2);
the last layer has neither normalizer nor activation, so it keeps its biases. Every run saves
the same bytes in slim_net_ckpt beside this file.

To make the checkpoint again, from the repository root:

    node bin/scope-lens.js run test/checkpoint/layer-models/slim_net.py
"""
import os

import tensorflow as tf

slim = tf.contrib.slim

IMAGE = 8
CLASSES = 5


def net(images, is_training):
    with slim.arg_scope([slim.conv2d, slim.fully_connected],
                        normalizer_fn=slim.batch_norm,
                        normalizer_params={"is_training": is_training, "scale": True},
                        weights_initializer=tf.truncated_normal_initializer(stddev=0.1, seed=7)):
        with tf.variable_scope("vgg_tiny"):
            net = slim.conv2d(images, 4, [3, 3], scope="conv1")
            net = slim.max_pool2d(net, [2, 2], scope="pool1")
            net = slim.repeat(net, 2, slim.conv2d, 8, [3, 3], scope="conv2")
            net = slim.flatten(net)
            net = slim.fully_connected(net, 12, scope="fc3")
            return slim.fully_connected(net, CLASSES, activation_fn=None, normalizer_fn=None,
                                        scope="logits")


images = tf.placeholder(tf.float32, [None, IMAGE, IMAGE, 3], name="images")
logits = net(images, is_training=True)
global_step = tf.train.get_or_create_global_step()

here = os.path.dirname(os.path.abspath(__file__))
train_dir = os.path.join(here, "slim_net_ckpt")
if not os.path.isdir(train_dir):
    os.makedirs(train_dir)

saver = tf.train.Saver(save_relative_paths=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    batch = [[[[((i + r + c + k) % 4) / 3.0 for k in range(3)] for c in range(IMAGE)]
              for r in range(IMAGE)] for i in range(2)]
    print(sess.run(logits, feed_dict={images: batch}).shape)
    saver.save(sess, os.path.join(train_dir, "model.ckpt"), global_step=0)

for name, shape in tf.train.list_variables(train_dir):
    print(name, shape)
