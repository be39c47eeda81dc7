"""A sequence classifier built with an LSTM cell run by tf.nn.dynamic_rnn, and the checkpoint it
saves.

Token embeddings (tf.get_variable), a two-layer MultiRNNCell of LSTMCells (the first with a
projection, the second with peepholes) run by dynamic_rnn in scope "encoder", and a dense
layer on the last layer's final output (its state's h), plus the global step. Every initial value is seeded, so every run
saves the same bytes in lstm_ckpt beside this file.

To make the checkpoint again, from the repository root:

    node bin/scope-lens.js run test/checkpoint/layer-models/lstm.py
"""
import os

import tensorflow as tf

VOCAB = 20
EMBED = 6
UNITS = 8
PROJ = 5
STEPS = 4
CLASSES = 2


def encoder(tokens):
    embeddings = tf.get_variable(
        "embeddings", [VOCAB, EMBED],
        initializer=tf.random_uniform_initializer(-0.1, 0.1, seed=11))
    inputs = tf.gather(embeddings, tokens)
    cells = [
        tf.nn.rnn_cell.LSTMCell(UNITS, num_proj=PROJ,
                                initializer=tf.glorot_uniform_initializer(seed=12)),
        tf.nn.rnn_cell.LSTMCell(UNITS, use_peepholes=True,
                                initializer=tf.glorot_uniform_initializer(seed=13)),
    ]
    cell = tf.nn.rnn_cell.MultiRNNCell(cells)
    outputs, state = tf.nn.dynamic_rnn(cell, inputs, dtype=tf.float32, scope="encoder")
    return state[-1].h  # the last layer's output after the last step


tokens = tf.placeholder(tf.int32, [None, STEPS], name="tokens")
last = encoder(tokens)
logits = tf.layers.dense(last, CLASSES,
                         kernel_initializer=tf.glorot_uniform_initializer(seed=14), name="output")
global_step = tf.train.get_or_create_global_step()

here = os.path.dirname(os.path.abspath(__file__))
train_dir = os.path.join(here, "lstm_ckpt")
if not os.path.isdir(train_dir):
    os.makedirs(train_dir)

saver = tf.train.Saver(save_relative_paths=True)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    batch = [[(i * 3 + t) % VOCAB for t in range(STEPS)] for i in range(2)]
    print(sess.run(logits, feed_dict={tokens: batch}).shape)
    saver.save(sess, os.path.join(train_dir, "model.ckpt"), global_step=0)

for name, shape in tf.train.list_variables(train_dir):
    print(name, shape)
