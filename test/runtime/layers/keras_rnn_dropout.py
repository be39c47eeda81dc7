# Dropout in tf.keras's recurrent cells (TF 1.15 graph mode): the masks are the learning phase's
# `in_train_phase` (a cond), made once per call; outside training the outputs are the ones
# without dropout, in training their shapes are the same.
import tensorflow as tf

K = tf.keras
init = dict(kernel_initializer=tf.constant_initializer(0.3),
            recurrent_initializer=tf.constant_initializer(-0.2),
            bias_initializer=tf.constant_initializer(0.1))
x = tf.constant([[[0.5, -1.0], [1.5, 0.25], [-0.5, 2.0]], [[1.0, 1.0], [0.0, -2.0], [0.75, 0.5]]])
plain = [K.layers.LSTM(2, **init)(x), K.layers.GRU(2, **init)(x), K.layers.SimpleRNN(2, **init)(x)]
dropped = [K.layers.LSTM(2, dropout=0.5, recurrent_dropout=0.3, **init)(x),
           K.layers.GRU(2, dropout=0.5, recurrent_dropout=0.3, **init)(x),
           K.layers.SimpleRNN(2, dropout=0.5, recurrent_dropout=0.3, **init)(x)]
training = K.layers.LSTM(2, dropout=0.5, return_sequences=True, **init)(x, training=True)
stack = K.layers.RNN([K.layers.GRUCell(3, dropout=0.25), K.layers.LSTMCell(2)])(x)
print([t.shape.as_list() for t in dropped], training.shape.as_list(), stack.shape.as_list())
print(len(tf.global_variables()), len(tf.get_collection(tf.GraphKeys.UPDATE_OPS)))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    a, b = sess.run([plain, dropped])
    print([['%.4f' % v for v in t.flatten()] for t in a] == [['%.4f' % v for v in t.flatten()] for t in b])
    print(sess.run(training).shape, sess.run(stack).shape)
