# A small dynamic_rnn model over an unknown time dimension trains through the while loop's
# gradients: its loss curve (printed to 4 decimals, every step) is TensorFlow's.
import numpy as np
import tensorflow as tf

tf.set_random_seed(0)
rng = np.random.RandomState(3)
vocab, steps_per_seq, batch = 6, 5, 4
tokens = tf.placeholder(tf.int32, [None, None], name='tokens')
targets = tf.placeholder(tf.int32, [None, None], name='targets')
lengths = tf.placeholder(tf.int32, [None], name='lengths')
with tf.variable_scope('model'):
    embedding = tf.get_variable('embedding', [vocab, 4])
    inputs = tf.nn.embedding_lookup(embedding, tokens)
    cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(8), tf.nn.rnn_cell.GRUCell(8)])
    outputs, state = tf.nn.dynamic_rnn(cell, inputs, sequence_length=lengths,
                                       dtype=tf.float32)
    w = tf.get_variable('w', [8, vocab])
    b = tf.get_variable('b', [vocab])
    logits = tf.reshape(tf.matmul(tf.reshape(outputs, [-1, 8]), w) + b,
                        [batch, -1, vocab])
mask = tf.sequence_mask(lengths, dtype=tf.float32)
loss = tf.reduce_sum(tf.nn.sparse_softmax_cross_entropy_with_logits(
    labels=targets, logits=logits) * mask) / tf.reduce_sum(mask)
train = tf.train.AdamOptimizer(0.05).minimize(loss)
data = rng.randint(0, vocab, size=[batch, steps_per_seq + 1])
feed = {tokens: data[:, :-1], targets: data[:, 1:], lengths: [5, 3, 4, 2]}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    # Random starting weights from NumPy (the same in both runtimes).
    for v in tf.trainable_variables():
        shape = v.shape.as_list()
        sess.run(tf.assign(v, rng.uniform(-0.3, 0.3, size=shape).astype(np.float32)))
    for step in range(12):
        value, _ = sess.run([loss, train], feed)
        print('step %d loss %.4f' % (step, value))
    print('final %.4f' % sess.run(loss, feed))
