"""Sharing a variable with a different shape: TensorFlow raises when the graph is built.

`scope-lens check examples/python/shape_mismatch.py` shows TF's message at the call, and where
the variable was created.
"""
import tensorflow.compat.v1 as tf


def embed(ids, vocab_size, dim):
    table = tf.get_variable("table", [vocab_size, dim])
    return tf.nn.embedding_lookup(table, ids)


words = tf.placeholder(tf.int32, [None])
with tf.variable_scope("embedding"):
    word_vectors = embed(words, 10000, 128)

# The decoder meant to share the table, but asks for 64-dimensional vectors.
with tf.variable_scope("embedding", reuse=True):
    decoder_vectors = embed(words, 10000, 64)
