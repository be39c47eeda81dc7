# Unknown batch and time dimensions: the variables are the same; outputs keep what is known.
import tensorflow as tf

x = tf.placeholder(tf.float32, [None, None, 6])
out, st = tf.nn.dynamic_rnn(tf.nn.rnn_cell.LSTMCell(4), x, dtype=tf.float32)
print(out.shape, st.c.shape, st.h.shape)
y = tf.placeholder(tf.float32, [None, 7, 6])
lengths = tf.placeholder(tf.int32, [None])
(fw, bw), (sfw, sbw) = tf.nn.bidirectional_dynamic_rnn(
    tf.nn.rnn_cell.GRUCell(3), tf.nn.rnn_cell.GRUCell(3), y, sequence_length=lengths,
    dtype=tf.float32)
print(fw.shape, bw.shape, sfw.shape, sbw.shape)
tm = tf.placeholder(tf.float32, [5, None, 6])
out_tm, _ = tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), tm, dtype=tf.float32,
                              time_major=True, scope='tm')
print(out_tm.shape)
for v in tf.global_variables():
    print(v.name, v.shape)
