# MultiRNNCell scopes its cells cell_<i> (one object listed twice is built once, under cell_0);
# wrappers add no scope; a cell called directly builds in the current scope; scope= on the
# first call fixes a cell's scope.
import tensorflow as tf


def dump():
    for v in tf.global_variables():
        print(v.name, v.shape)


x = tf.placeholder(tf.float32, [2, 3, 4])
shared = tf.nn.rnn_cell.GRUCell(4)
stack = tf.nn.rnn_cell.MultiRNNCell([
    tf.nn.rnn_cell.DropoutWrapper(tf.nn.rnn_cell.BasicRNNCell(4), output_keep_prob=0.5),
    shared,
    tf.nn.rnn_cell.ResidualWrapper(shared),
    tf.contrib.rnn.DeviceWrapper(tf.nn.rnn_cell.LSTMCell(4), '/cpu:0'),
])
print(stack.state_size, stack.output_size)
outputs, state = tf.nn.dynamic_rnn(stack, x, dtype=tf.float32)
print(outputs.shape, len(state), [s.shape for s in state[:3]], state[3].h.shape)

step = tf.placeholder(tf.float32, [2, 5])
direct = tf.nn.rnn_cell.BasicRNNCell(3)
h, _ = direct(step, direct.zero_state(2, tf.float32))
with tf.variable_scope('dec'):
    gru = tf.nn.rnn_cell.GRUCell(2)
    gru(step, gru.zero_state(2, tf.float32), scope='my_gru')
    gru(step, gru.zero_state(2, tf.float32))
with tf.variable_scope('named'):
    lstm = tf.nn.rnn_cell.LSTMCell(2, name='enc_cell')
    lstm(step, lstm.zero_state(2, tf.float32))
print(h.shape, direct.name, gru.name, lstm.name, stack.name)
z = stack.zero_state(7, tf.float32)
print([t.name for t in z[:3]], z[3].c.name)
dump()
