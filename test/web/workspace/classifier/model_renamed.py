"""model.py's classifier after two edits, the kind that make a restore fail: the scope
"softmax_linear" renamed to "logits", and encoder/hidden2 widened from 8 to 10 units.

Nothing needs to run to see it (the checkpoint is model.py's, in train_dir):

    npx scope-lens diff examples/checkpoint/model_renamed.py --checkpoint examples/checkpoint/train_dir

lists logits/weights and logits/biases as missing from the checkpoint, suggests renaming the
scope back to softmax_linear, reports encoder/hidden2's two shape mismatches, and exits 1.
Running this file restores the checkpoint and fails as TensorFlow does, on the first key it
cannot find.
"""
import math
import os

import tensorflow.compat.v1 as tf

FEATURES = 16  # a 4x4 image, flattened
HIDDEN1 = 12
HIDDEN2 = 10  # was 8 when the checkpoint was saved
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
    # Renamed from "softmax_linear" in a refactoring: the checkpoint still has the old name.
    with tf.variable_scope("logits"):
        return layer(hidden2, HIDDEN2, CLASSES, seed=3)


images = tf.placeholder(tf.float32, [None, FEATURES], name="images")
logits = inference(images)
global_step = tf.train.get_or_create_global_step()

here = os.path.dirname(os.path.abspath(__file__))
saver = tf.train.Saver()
with tf.Session() as sess:
    saver.restore(sess, tf.train.latest_checkpoint(os.path.join(here, "train_dir")))
