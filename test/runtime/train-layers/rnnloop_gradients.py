# Gradients through tf.while_loop and TensorArrays (TF 1.15's control_flow_grad.py and
# tensor_array_grad.py): a user's loop with a captured tensor and a TensorArray, dynamic_rnn
# over an unknown time dimension (LSTM with sequence_length, GRU, bidirectional), map_fn over
# an unknown count; the values of tf.gradients match TensorFlow's.
import numpy as np
import tensorflow as tf


def show(label, value):
    print(label, ' '.join('%.4f' % v for v in np.asarray(value).reshape([-1])))


x = tf.placeholder(tf.float32, [None, None, 3], name='x')
lengths = tf.placeholder(tf.int32, [None], name='lengths')
v = tf.placeholder(tf.float32, [3], name='v')
w = tf.get_variable('w', initializer=tf.constant([0.5, -1.0, 2.0]))

# A user's loop: a captured variable, a loop variable and a TensorArray written per step.
steps = tf.TensorArray(tf.float32, size=3)


def body(i, acc, ta):
    acc = tf.tanh(acc * w + v)
    return i + 1, acc, ta.write(i, acc * tf.cast(i + 1, tf.float32))


_, acc, ta = tf.while_loop(lambda i, *_: i < 3, body, [tf.constant(0), v * 2.0, steps])
loop_loss = tf.reduce_sum(acc) + tf.reduce_sum(ta.stack() ** 2)
g_loop = tf.gradients(loop_loss, [w, v])

with tf.variable_scope('m', initializer=tf.constant_initializer(0.1)):
    lstm = tf.nn.rnn_cell.LSTMCell(3, initializer=tf.constant_initializer(0.2))
    out1, st1 = tf.nn.dynamic_rnn(lstm, x, sequence_length=lengths, dtype=tf.float32,
                                  scope='lstm')
    gru = tf.nn.rnn_cell.GRUCell(2)
    out2, st2 = tf.nn.dynamic_rnn(gru, out1, dtype=tf.float32, scope='gru')
    (fw, bw), _ = tf.nn.bidirectional_dynamic_rnn(
        tf.nn.rnn_cell.BasicRNNCell(2), tf.nn.rnn_cell.BasicRNNCell(2), x,
        sequence_length=lengths, dtype=tf.float32)
rnn_loss = (tf.reduce_sum(out2 * out2) + tf.reduce_sum(st1.c) + tf.reduce_mean(fw * bw)
            + tf.reduce_sum(tf.sin(bw)))
rnn_vars = tf.trainable_variables('m')
g_rnn = tf.gradients(rnn_loss, rnn_vars + [x])
mapped = tf.map_fn(lambda r: tf.reduce_sum(r * w) ** 2, x[0])
g_map = tf.gradients(tf.reduce_sum(mapped), [w, x])

feed = {
    x: np.arange(2 * 4 * 3).reshape([2, 4, 3]).astype(np.float32) / 12.0 - 0.5,
    lengths: [4, 2],
    v: [0.1, 0.2, -0.3],
}
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    show('loop loss', sess.run(loop_loss, feed))
    for name, g in zip(['w', 'v'], sess.run(g_loop, feed)):
        show('loop d' + name, g)
    show('rnn loss', sess.run(rnn_loss, feed))
    for var, g in zip(rnn_vars + [x], sess.run(g_rnn, feed)):
        show('rnn d' + var.name, g)
    for name, g in zip(['w', 'x'], sess.run(g_map, feed)):
        show('map d' + name, g)
