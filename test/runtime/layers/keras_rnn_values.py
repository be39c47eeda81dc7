# What tf.keras's recurrent layers compute (TF 1.15's V1 classes in graph mode): with fixed
# weights, the outputs and final states of SimpleRNN, LSTM, GRU (both bias layouts), RNN over
# cells and a stack of them, go_backwards, unroll, an initial state, Bidirectional and
# TimeDistributed, for a batch and a time dimension known and unknown.
import tensorflow as tf

K = tf.keras


def weights(shape, dtype=None, partition_info=None):
    n = 1
    for d in shape:
        n *= int(d)
    return tf.constant([((i * 7) % 11 - 5) / 10.0 for i in range(n)], shape=shape,
                       dtype=dtype or tf.float32)


def scalars(**kwargs):
    kwargs.update(kernel_initializer=tf.constant_initializer(0.3),
                  recurrent_initializer=tf.constant_initializer(-0.2),
                  bias_initializer=tf.constant_initializer(0.1))
    return kwargs


def fixed(**kwargs):
    kwargs.update(kernel_initializer=weights, recurrent_initializer=weights,
                  bias_initializer=weights)
    return kwargs


def flatten(out):
    if isinstance(out, (list, tuple)):
        return [t for o in out for t in flatten(o)]
    return [out]


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


data = [[[0.5, -1.0, 0.25], [1.5, 0.25, -0.5], [-0.5, 2.0, 1.0], [0.0, 0.5, -1.5]],
        [[1.0, 1.0, 0.0], [0.0, -2.0, 0.5], [0.75, 0.5, -0.25], [-1.0, 0.0, 2.0]]]
x = tf.constant(data)
xu = tf.placeholder(tf.float32, [None, None, 3])
results = [
    ('simple_rnn', K.layers.SimpleRNN(3, **fixed())(x)),
    ('simple_rnn_seq', K.layers.SimpleRNN(2, return_sequences=True, **fixed())(x)),
    ('lstm_state', K.layers.LSTM(2, return_state=True, **fixed())(x)),
    ('lstm_impl2', K.layers.LSTM(2, implementation=2, **fixed())(x)),
    ('lstm_backwards', K.layers.LSTM(2, go_backwards=True, return_sequences=True,
                                     **fixed())(x)),
    ('gru', K.layers.GRU(2, return_sequences=True, **fixed())(x)),
    ('gru_reset_after', K.layers.GRU(2, reset_after=True, recurrent_activation='sigmoid',
                                     return_state=True, **fixed())(x)),
    ('gru_unroll', K.layers.GRU(2, unroll=True, **fixed())(x)),
    ('rnn_cell', K.layers.RNN(K.layers.LSTMCell(2, **fixed()))(x)),
    ('stacked', K.layers.RNN([K.layers.LSTMCell(3, **fixed()), K.layers.GRUCell(2, **fixed())],
                             return_state=True)(x)),
    ('initial_state', K.layers.SimpleRNN(2, **fixed())(
        x, initial_state=[tf.constant([[0.5, -0.5], [1.0, 0.0]])])),
    ('bidirectional', K.layers.Bidirectional(K.layers.LSTM(2, return_sequences=True,
                                                           **scalars()))(x)),
    ('bidirectional_sum', K.layers.Bidirectional(K.layers.GRU(2, **scalars()),
                                                 merge_mode='sum')(x)),
    ('time_distributed', K.layers.TimeDistributed(K.layers.Dense(2, kernel_initializer=weights,
                                                                 bias_initializer=weights))(x)),
    ('unknown_dims', K.layers.LSTM(2, return_sequences=True, **fixed())(xu)),
]
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for label, out in results:
        outs = flatten(out)
        for i, o in enumerate(outs):
            show('%s[%d]' % (label, i), sess.run(o, {xu: data}))
