# oracle: skip - tf-slim has no encoders.py; the expectation follows TF 1.15's
# contrib/layers/python/layers/encoders.py (embed_sequence: scope EmbedSequence, one
# `embeddings` model variable [vocab_size, embed_dim], an `embedding_lookup` gather) and was
# checked against real TensorFlow running that function. scale_gradient is the identity on
# its input (only its gradient differs).
import tensorflow as tf

layers = tf.contrib.layers

ids = tf.placeholder(tf.int32, [None, 7])
e = layers.embed_sequence(ids, vocab_size=20, embed_dim=4)
print(e.name, e.shape)
d = tf.contrib.slim.embed_sequence(ids, vocab_size=20, embed_dim=4, scope='words',
                                   regularizer=layers.l2_regularizer(0.5))
print(d.name, d.shape)
r = layers.embed_sequence(tf.placeholder(tf.int64, [3]), scope='words', reuse=True)
print(r.name, r.shape)
with tf.variable_scope('enc'):
    layers.embed_sequence(ids, 10, 2, trainable=False)
for loss in tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES):
    print('reg', loss.name)
print('MODEL_VARIABLES', [v.name for v in tf.get_collection(tf.GraphKeys.MODEL_VARIABLES)])
try:
    layers.embed_sequence(ids, vocab_size=20)
except ValueError as err:
    print('ValueError:', err)
g = layers.scale_gradient(e, 0.5)
print(g.shape, g.dtype)
tr = set(v.name for v in tf.trainable_variables())
for v in tf.global_variables():
    print(v.name, v.shape, v.name in tr)
