# static_rnn, static_bidirectional_rnn and legacy_seq2seq.rnn_decoder: their default scopes,
# scope=, and variables shared across steps.
import tensorflow as tf


def dump():
    for v in tf.global_variables():
        print(v.name, v.shape, v.trainable)


steps = [tf.placeholder(tf.float32, [4, 3]) for _ in range(3)]
outs, last = tf.nn.static_rnn(tf.nn.rnn_cell.BasicLSTMCell(5), steps, dtype=tf.float32)
print(len(outs), outs[0].shape, last.h.shape)
outs2, fw, bw = tf.nn.static_bidirectional_rnn(tf.nn.rnn_cell.GRUCell(2),
                                              tf.contrib.rnn.GRUCell(3), steps,
                                              dtype=tf.float32)
print(len(outs2), outs2[0].shape, fw.shape, bw.shape)
outs3, _ = tf.contrib.rnn.static_rnn(tf.nn.rnn_cell.BasicRNNCell(2), steps, dtype=tf.float32,
                                     scope='enc')
cell = tf.nn.rnn_cell.BasicRNNCell(3)
dec, dec_state = tf.contrib.legacy_seq2seq.rnn_decoder(steps, cell.zero_state(4, tf.float32),
                                                       cell)
print(len(dec), dec_state.shape)
dump()
