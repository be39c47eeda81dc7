# dynamic_rnn over a time dimension unknown when the graph is built: TF 1.15's while loop over
# TensorArrays (rnn.py `_dynamic_rnn_loop`), with and without sequence_length, time-major,
# LSTM/GRU/MultiRNNCell cells and bidirectional_dynamic_rnn; names, shapes and values.
import numpy as np
import tensorflow as tf


def show(label, value):
    print(label, ' '.join('%.4f' % v for v in np.asarray(value).reshape([-1])))


x = tf.placeholder(tf.float32, [None, None, 3], name='x')
lengths = tf.placeholder(tf.int32, [None], name='lengths')
xt = tf.placeholder(tf.float32, [None, 2, 3], name='xt')
init = tf.constant_initializer(0.1)
with tf.variable_scope('v', initializer=init):
    lstm = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(0.2))
    out1, st1 = tf.nn.dynamic_rnn(lstm, x, dtype=tf.float32, scope='lstm')
    gru = tf.nn.rnn_cell.GRUCell(2, kernel_initializer=tf.constant_initializer(-0.3))
    out2, st2 = tf.nn.dynamic_rnn(gru, x, sequence_length=lengths, dtype=tf.float32,
                                  scope='gru')
    multi = tf.nn.rnn_cell.MultiRNNCell([
        tf.nn.rnn_cell.BasicLSTMCell(2, forget_bias=0.5),
        tf.nn.rnn_cell.BasicRNNCell(2)])
    out3, st3 = tf.nn.dynamic_rnn(multi, x, sequence_length=lengths, dtype=tf.float32,
                                  scope='multi')
    basic = tf.nn.rnn_cell.BasicRNNCell(2)
    out4, st4 = tf.nn.dynamic_rnn(basic, xt, dtype=tf.float32, time_major=True, scope='tm')
    (fw, bw), (sfw, sbw) = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.GRUCell(2), tf.nn.rnn_cell.GRUCell(2), x, sequence_length=lengths,
        dtype=tf.float32)
for t in [out1, st1.c, st1.h, out2, st2, out3, st3[0].h, st3[1], out4, st4, fw, bw, sfw, sbw]:
    print(t.name, t.shape)
for v in tf.global_variables():
    print(v.name, v.shape)
feed = {
    x: np.arange(2 * 4 * 3).reshape([2, 4, 3]).astype(np.float32) / 12.0 - 0.5,
    lengths: [4, 2],
    xt: np.arange(3 * 2 * 3).reshape([3, 2, 3]).astype(np.float32) / 9.0 - 1.0,
}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    show('lstm out', sess.run(out1, feed))
    show('lstm c', sess.run(st1.c, feed))
    show('gru out', sess.run(out2, feed))
    show('gru state', sess.run(st2, feed))
    show('multi out', sess.run(out3, feed))
    show('multi c0', sess.run(st3[0].c, feed))
    show('multi s1', sess.run(st3[1], feed))
    show('tm out', sess.run(out4, feed))
    show('tm state', sess.run(st4, feed))
    show('bi fw', sess.run(fw, feed))
    show('bi bw', sess.run(bw, feed))
    show('bi sbw', sess.run(sbw, feed))
    short = {x: feed[x][:, :1], lengths: [1, 0]}
    show('one step', sess.run(out3, short))
    show('one step state', sess.run(st3[1], short))
