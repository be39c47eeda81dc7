# oracle: skip
# tf.keras's recurrent layers in TF 1.15 graph mode (the V1 classes): the names and shapes of
# their variables and the shapes of their outputs. Written by hand from TF 1.15's
# keras/layers/recurrent.py and wrappers.py, where `RNN.build` and `StackedRNNCells.build`
# build the cells in the RNN layer's own name scope: `lstm/kernel:0`, and a stack's second
# cell's `rnn/kernel_1:0`. tf-keras (the oracle) builds each cell in a name scope of the
# cell's name (`lstm/lstm_cell/kernel:0`, `rnn/stacked_rnn_cells/lstm_cell_1/kernel:0`), and
# names the cell an `LSTM` makes `lstm_cell` without counting it, where TF 1.15's unnamed cell
# takes the next `lstm_cell_<n>` (so a later `LSTMCell` is `lstm_cell_2` here). The two errors
# are TF 1.15's words (engine/input_spec.py's `assert_input_compatibility`: the layer's name
# unquoted, the shape as a list; recurrent.py's unroll check), which tf-keras reworded. The rest
# (layer names, shapes, outputs, slots) is what the oracle prints.
import tensorflow as tf

K = tf.keras


def show_vars(label, variables):
    print(label)
    for v in variables:
        print(' ', v.name, v.shape.as_list())


def shapes(out):
    if isinstance(out, (list, tuple)):
        return [shapes(o) for o in out]
    return out.shape.as_list()


x = tf.placeholder(tf.float32, [4, 7, 3])
xu = tf.placeholder(tf.float32, [None, None, 3])
lstm = K.layers.LSTM(5)
print('lstm', shapes(lstm(x)), lstm.name, lstm.cell.name)
show_vars('lstm.weights', lstm.weights)
print('gru', shapes(K.layers.GRU(6, return_sequences=True, return_state=True)(x)))
print('gru reset_after', shapes(K.layers.GRU(2, reset_after=True)(xu)))
print('simple_rnn', shapes(K.layers.SimpleRNN(2, return_state=True, go_backwards=True)(xu)))
print('lstm state', shapes(K.layers.LSTM(3, return_state=True, name='encoder')(x)))
print('unrolled', shapes(K.layers.SimpleRNN(2, unroll=True, return_sequences=True)(x)))
cell = K.layers.LSTMCell(4)
print('cell name', cell.name)
print('rnn cell', shapes(K.layers.RNN(cell, return_state=True)(x)))
stack = K.layers.RNN([K.layers.LSTMCell(3), K.layers.GRUCell(2), K.layers.SimpleRNNCell(1)],
                     return_state=True, return_sequences=True)
print('stacked', shapes(stack(x)))
show_vars('stacked.trainable_weights', stack.trainable_weights)
bi = K.layers.Bidirectional(K.layers.LSTM(3, return_sequences=True))
print('bidirectional', shapes(bi(x)), bi.name, bi.forward_layer.name, bi.backward_layer.name)
print('bidirectional none', shapes(K.layers.Bidirectional(K.layers.GRU(2, return_state=True),
                                                          merge_mode=None)(xu)))
print('bidirectional ave', shapes(K.layers.Bidirectional(K.layers.SimpleRNN(2),
                                                         merge_mode='ave')(x)))
td = K.layers.TimeDistributed(K.layers.Dense(8))
print('time_distributed', shapes(td(x)), shapes(td(xu)))
show_vars('time_distributed.weights', td.weights)
rnn_seq = K.Sequential([K.layers.LSTM(4, input_shape=(5, 3)), K.layers.Dense(1)])
print('sequential', rnn_seq.inputs, rnn_seq(tf.zeros([2, 5, 3])).shape.as_list())
show_vars('sequential.weights', rnn_seq.weights)
try:
    K.layers.LSTM(3)(tf.placeholder(tf.float32, [None, 4]))
except ValueError as e:
    print('ValueError', e)
try:
    K.layers.SimpleRNN(2, unroll=True)(xu)
except ValueError as e:
    print('ValueError', str(e).splitlines()[0])
train = tf.train.AdamOptimizer().minimize(tf.reduce_sum(lstm(x)), var_list=lstm.weights)
show_vars('all', tf.global_variables())
print(len(tf.trainable_variables()), len(tf.get_collection(tf.GraphKeys.REGULARIZATION_LOSSES)))
