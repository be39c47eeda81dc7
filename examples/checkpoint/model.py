"""A small TF1 classifier and the checkpoint it saves: the example behind `scope-lens ckpt` and
`scope-lens diff`.

An encoder of two hidden layers and a softmax layer, named after the layers of TensorFlow's
classic MNIST tutorial (encoder/hidden1, encoder/hidden2, softmax_linear) and created with
tf.variable_scope/tf.get_variable, plus the global step: seven variables. Every initial value
is seeded, so every run saves the same bytes. tf.train.Saver writes train_dir/model.ckpt-1
beside this file, whatever the working directory: the .index, one data shard, and the
`checkpoint` state file, which names the checkpoint relative to train_dir (save_relative_paths),
so the folder can be copied anywhere.

The files in train_dir are committed (about 2 KB). To make them again, from the repository root:

    node bin/scope-lens.js run examples/checkpoint/model.py

Then:

    npx scope-lens ckpt examples/checkpoint/train_dir
    npx scope-lens diff examples/checkpoint/model.py --checkpoint examples/checkpoint/train_dir

model_renamed.py builds the same network with two mistakes; `scope-lens diff` finds them.
"""
import math
import os

import tensorflow.compat.v1 as tf

FEATURES = 16  # a 4x4 image, flattened
HIDDEN1 = 12
HIDDEN2 = 8
CLASSES = 4


def layer(inputs, fan_in, units, seed):
    """weights and biases for one fully connected layer, in the enclosing variable scope."""
    weights = tf.get_variable(
        "weights", [fan_in, units],
        initializer=tf.truncated_normal_initializer(stddev=1.0 / math.sqrt(fan_in), seed=seed))
    biases = tf.get_variable("biases", [units], initializer=tf.zeros_initializer())
    return tf.matmul(inputs, weights) + biases


def inference(images):
    with tf.variable_scope("encoder"):
        with tf.variable_scope("hidden1"):
            hidden1 = tf.nn.relu(layer(images, FEATURES, HIDDEN1, seed=1))
        with tf.variable_scope("hidden2"):
            hidden2 = tf.nn.relu(layer(hidden1, HIDDEN1, HIDDEN2, seed=2))
    with tf.variable_scope("softmax_linear"):
        return layer(hidden2, HIDDEN2, CLASSES, seed=3)


images = tf.placeholder(tf.float32, [None, FEATURES], name="images")
logits = inference(images)
probabilities = tf.nn.softmax(logits)
global_step = tf.train.get_or_create_global_step()

# train_dir beside this file, wherever the program is started from.
here = os.path.dirname(os.path.abspath(__file__))
train_dir = os.path.join(here, "train_dir")
if not os.path.isdir(train_dir):
    os.makedirs(train_dir)

saver = tf.train.Saver(save_relative_paths=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    sess.run(global_step.assign(1))  # as if after one training step
    prefix = saver.save(sess, os.path.join(train_dir, "model.ckpt"), global_step=global_step)
    batch = [[(i + j) % 3 / 2.0 for j in range(FEATURES)] for i in range(2)]
    print(sess.run(probabilities, feed_dict={images: batch}).shape)

print("saved", os.path.basename(prefix), "in", os.path.relpath(train_dir, os.getcwd()))
for name, shape in tf.train.list_variables(train_dir):
    print(" ", name, shape)
