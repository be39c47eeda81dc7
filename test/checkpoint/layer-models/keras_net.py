"""A small convolutional classifier built with tf.keras.layers in TF 1.15 graph mode, and the
checkpoint it saves.

Conv2D -> BatchNormalization -> ReLU -> MaxPooling2D -> Conv2D -> BatchNormalization -> ReLU
-> Flatten -> Dense -> Dense, plus the global step. Keras names each weight by the name scope of
the layer's first call (`block1/conv/kernel`), not by a variable scope; the batch normalization
layers add their moving_mean and moving_variance (not trainable, but saved). Every initial value
is seeded, so every run saves the same bytes in keras_net_ckpt beside this file.

To make the checkpoint again, from the repository root:

    node bin/scope-lens.js run test/checkpoint/layer-models/keras_net.py
"""
import os

import tensorflow as tf

IMAGE = 8  # 8x8 grey images
CLASSES = 3
layers = tf.keras.layers


def conv_block(inputs, filters, name, seed):
    with tf.variable_scope(name):
        net = layers.Conv2D(filters, 3, padding="same", use_bias=False,
                            kernel_initializer=tf.glorot_uniform_initializer(seed=seed),
                            name="conv")(inputs)
        net = layers.BatchNormalization(name="bn")(net, training=True)
        return layers.ReLU()(net)


def inference(images):
    net = conv_block(images, 4, "block1", seed=1)
    net = layers.MaxPooling2D(2)(net)
    net = conv_block(net, 8, "block2", seed=2)
    net = layers.Flatten()(net)
    net = layers.Dense(16, activation="relu",
                       kernel_initializer=tf.glorot_uniform_initializer(seed=3), name="fc")(net)
    return layers.Dense(CLASSES, kernel_initializer=tf.glorot_uniform_initializer(seed=4),
                        name="logits")(net)


images = tf.placeholder(tf.float32, [None, IMAGE, IMAGE, 1], name="images")
logits = inference(images)
global_step = tf.train.get_or_create_global_step()

here = os.path.dirname(os.path.abspath(__file__))
train_dir = os.path.join(here, "keras_net_ckpt")
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
