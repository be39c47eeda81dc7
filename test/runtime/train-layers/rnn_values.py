# What the cells compute: with fixed initial weights the outputs and states of an unrolled
# dynamic_rnn (with sequence_length) and a static_rnn match TensorFlow's values.
import tensorflow as tf


def show(label, value):
    flat = []
    def walk(v):
        if isinstance(v, list):
            for x in v:
                walk(x)
        else:
            flat.append('%.4f' % v)
    walk(value.tolist())
    print(label, ' '.join(flat))


x = tf.constant([[[0.5, -1.0], [1.5, 0.25], [-0.5, 2.0]],
                 [[1.0, 1.0], [0.0, -2.0], [0.75, 0.5]]])
with tf.variable_scope('v', initializer=tf.constant_initializer(0.1)):
    lstm = tf.nn.rnn_cell.LSTMCell(3, use_peepholes=True, num_proj=2, cell_clip=0.5,
                                   initializer=tf.constant_initializer(0.2))
    out1, st1 = tf.nn.dynamic_rnn(lstm, x, sequence_length=[3, 2], dtype=tf.float32,
                                  scope='lstm')
    gru = tf.nn.rnn_cell.GRUCell(2, kernel_initializer=tf.constant_initializer(-0.3))
    multi = tf.nn.rnn_cell.MultiRNNCell([gru, tf.nn.rnn_cell.BasicRNNCell(2)])
    steps = [tf.reshape(t, [2, 2]) for t in tf.split(x, 3, axis=1)]
    outs, st2 = tf.nn.static_rnn(multi, steps, dtype=tf.float32, scope='multi')
    basic = tf.nn.rnn_cell.BasicLSTMCell(2, forget_bias=0.5)
    out3, st3 = tf.nn.dynamic_rnn(basic, x, dtype=tf.float32, time_major=True, scope='tm')
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    show('lstm out', sess.run(out1))
    show('lstm c', sess.run(st1.c))
    show('lstm h', sess.run(st1.h))
    show('multi out', sess.run(outs[2]))
    show('multi s0', sess.run(st2[0]))
    show('multi s1', sess.run(st2[1]))
    show('tm out', sess.run(out3))
    show('tm h', sess.run(st3.h))
