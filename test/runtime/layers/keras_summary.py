# oracle: skip
# `model.summary()` in TF 1.15 graph mode, written by hand from TF 1.15's
# keras/utils/layer_utils.py `print_summary`: 65 columns (98 with "Connected to" for a graph
# that is not a chain), no leading space, '_' lines between layers, params with thousands
# separators and no sizes. tf-keras (the oracle) reformatted the table (a leading space, blank
# lines, "(92.00 Byte)"). The rows (names, classes, output shapes, counts) are what it prints,
# except that a Sequential built by its first call has no layer graph in TF 1.15 ('multiple').
import tensorflow as tf

K = tf.keras

seq = K.Sequential([K.layers.Dense(300, input_shape=(784,)), K.layers.Dropout(0.5),
                    K.layers.Dense(10, activation='softmax')])
seq.summary()

inp = K.Input(shape=(6,))
h = K.layers.Dense(8, activation='relu')(inp)
bn = K.layers.BatchNormalization()(h)
fm = K.Model(inp, [K.layers.Dense(1, name='score')(bn), K.layers.Dense(3, name='label')(bn)])
fm.summary()

seq_in = K.Input(shape=(5, 3))
rnn = K.Model(seq_in, K.layers.Dense(2)(K.layers.LSTM(4)(seq_in)), name='recurrent')
rnn.summary(line_length=70)


class Net(K.Model):
    def __init__(self):
        super(Net, self).__init__()
        self.hidden = K.layers.Dense(4)
        self.out = K.layers.Dense(1)

    def call(self, x):
        return self.out(self.hidden(x))


net = Net()
net(tf.placeholder(tf.float32, [None, 2]))
net.summary()

enc_in = K.Input(shape=(None,), name='enc_in')
dec_in = K.Input(shape=(None,), name='dec_in')
embed = K.layers.Embedding(20, 4)
_, state_h, state_c = K.layers.LSTM(3, return_state=True, name='encoder')(embed(enc_in))
dec_seq = K.layers.LSTM(3, return_sequences=True, name='decoder')(embed(dec_in),
                                                                 initial_state=[state_h, state_c])
K.Model([enc_in, dec_in], K.layers.Dense(5, name='proj')(dec_seq), name='s2s').summary()

lazy = K.Sequential([K.layers.Dense(2)])
try:
    lazy.summary()
except ValueError as e:
    print('ValueError', str(e).split('.')[0])
lazy(tf.placeholder(tf.float32, [None, 3]))
lazy.summary()
lines = []
seq.summary(print_fn=lines.append)
print(len(lines), lines[0])
