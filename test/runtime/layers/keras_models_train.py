# tf.train optimizers on the outputs of tf.keras models in TF 1.15 graph mode (not Keras's own
# `fit`): the slots they make for the models' variables and the values a few steps give
# (the recurrent layer's variables' names are in keras_rnn_names, where TF 1.15 and the oracle
# differ).
import tensorflow as tf

K = tf.keras

x = tf.constant([[1.0, 2.0, 0.5], [-1.0, 0.0, 2.0], [0.5, -0.5, 1.0], [2.0, 1.0, -1.0]])
y = tf.constant([[1.0], [0.0], [0.5], [-1.0]])
seqs = tf.constant([[[0.5, -1.0], [1.0, 0.25], [0.0, 1.5]], [[-0.5, 0.5], [2.0, 0.0], [1.0, 1.0]],
                    [[0.0, 0.0], [0.5, 0.5], [-1.0, 2.0]], [[1.5, -0.5], [0.0, 1.0], [0.5, 0.5]]])

inp = K.Input(shape=(3,))
h = K.layers.Dense(4, activation='tanh', kernel_initializer=tf.constant_initializer(0.3))(inp)
out = K.layers.Dense(1, kernel_initializer=tf.constant_initializer(-0.2))(h)
model = K.Model(inp, out)
rnn = K.Sequential([K.layers.GRU(2, kernel_initializer=tf.constant_initializer(0.2),
                                 recurrent_initializer=tf.constant_initializer(-0.1),
                                 input_shape=(3, 2)),
                    K.layers.Dense(1, kernel_initializer=tf.constant_initializer(0.5))])
loss = tf.reduce_mean(tf.square(model(x) - y)) + tf.reduce_mean(tf.square(rnn(seqs) - y))
train = tf.train.AdamOptimizer(0.1).minimize(loss, var_list=model.trainable_variables
                                             + rnn.trainable_variables)
sgd = tf.train.MomentumOptimizer(0.05, 0.9).minimize(loss, var_list=rnn.trainable_weights)
for v in tf.global_variables():
    if not v.name.startswith('gru/'):
        print(v.name, v.shape.as_list())
print(len(tf.global_variables()), len(rnn.weights), len(model.trainable_weights))
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    for step in range(5):
        print(step, '%.5f' % sess.run(loss))
        sess.run(train)
        sess.run(sgd)
    print('%.5f' % sess.run(loss))
    print(['%.4f' % v for v in sess.run(model.weights[0]).flatten()][:4])
