# tf.keras models in TF 1.15 graph mode: Input placeholders, Sequential with and without an
# input shape, model.add, functional and subclassed models called on tensors, nested models;
# the variables' names (whether a model's name scope is in them depends on when its layers
# are built), model.layers / weights / trainable_variables / inputs / outputs.
import tensorflow as tf

K = tf.keras


def names(variables):
    return [v.name for v in variables]


def show_new(label, before):
    print(label, [(v.name, v.shape.as_list()) for v in tf.global_variables()[before:]])
    return len(tf.global_variables())


n = 0
x = tf.placeholder(tf.float32, [None, 4], name='x')
seq = K.Sequential([K.layers.Dense(3, input_shape=(4,)), K.layers.Dense(2)])
n = show_new('sequential with input_shape', n)
print(seq.name, seq.inputs, seq.outputs, seq.input_shape, seq.output_shape)
print(seq(x), seq(x))
n = show_new('called twice', n)
seq.add(K.layers.Dense(1, name='head'))
n = show_new('add after build', n)
print(seq.outputs, [l.name for l in seq.layers])

lazy = K.models.Sequential()
lazy.add(K.layers.Dense(5, activation='relu'))
lazy.add(K.layers.Dense(1))
print(lazy.built, lazy.layers[0].built)
print(lazy(x), lazy.built)
n = show_new('sequential without input shape', n)
print(names(lazy.trainable_variables) == names(lazy.weights), len(lazy.variables))

inp = K.Input(shape=(4,))
inp2 = K.layers.Input(shape=(2, 3), batch_size=5, name='seq_in', dtype='float32')
inp3 = K.Input(batch_shape=(None, 7), dtype=tf.int32)
print(inp, inp2, inp3)
h = K.layers.Dense(8, activation='relu')(inp)
out_a = K.layers.Dense(1, name='a')(h)
out_b = K.layers.Dense(2, name='b')(h)
fm = K.Model(inputs=inp, outputs=[out_a, out_b], name='two_heads')
n = show_new('functional', n)
print(fm.name, [l.name for l in fm.layers], fm.output_shape, fm.get_layer('b').name)
print(fm(x))
print(fm(x))
n = show_new('functional called twice', n)

inner = K.Model(inp, out_a)
outer_in = K.Input(shape=(4,))
outer = K.Model(outer_in, K.layers.Dense(3)(inner(outer_in)))
print(inner.name, outer.name, [l.name for l in outer.layers])
print(names(outer.weights))
print(outer(x))
n = show_new('nested', n)

conv_seq = K.Sequential([K.layers.Dense(4, batch_input_shape=(2, 5, 3)), K.layers.Flatten(),
                         K.layers.Dense(1)])
print(conv_seq.inputs, conv_seq(tf.zeros([2, 5, 3])))
n = show_new('batch_input_shape', n)


class Block(K.Model):
    def __init__(self, width, **kwargs):
        super(Block, self).__init__(**kwargs)
        self.first = K.layers.Dense(width, activation='relu')
        self.bn = K.layers.BatchNormalization()
        self.stack = [K.layers.Dense(width) for _ in range(2)]

    def call(self, inputs, training=None):
        y = self.bn(self.first(inputs), training=training)
        for layer in self.stack:
            y = layer(y)
        return y


block = Block(3)
print(block.name, block.built)
print(block(x, training=True))
print(block(x))
n = show_new('subclassed', n)
print(names(block.trainable_weights))
print(names(block.non_trainable_weights))
print([l.name for l in block.layers], len(block.updates))
named = Block(2, name='encoder')
print(named(x), named.name)
n = show_new('subclassed, named', n)
print(len(tf.trainable_variables()), len(tf.global_variables()))


class Built(K.Model):
    def __init__(self):
        super(Built, self).__init__(name='built')
        self.dense = K.layers.Dense(3)

    def call(self, inputs):
        return self.dense(inputs)


built = Built()
built.build((None, 4))
print(built.built, names(built.weights), built(x))
deferred = K.Sequential([K.layers.Dense(2)])
deferred.build((None, 5))
print(names(deferred.weights), deferred(tf.zeros([1, 5])))
n = show_new('model.build', n)

enc_in = K.Input(shape=(None,), name='enc_in')
dec_in = K.Input(shape=(None,), name='dec_in')
embed = K.layers.Embedding(20, 4)
_, state_h, state_c = K.layers.LSTM(3, return_state=True, name='encoder')(embed(enc_in))
dec_seq = K.layers.LSTM(3, return_sequences=True, name='decoder')(embed(dec_in),
                                                                 initial_state=[state_h, state_c])
s2s = K.Model([enc_in, dec_in], K.layers.Dense(5, name='proj')(dec_seq))
print([l.name for l in s2s.layers], s2s.output_shape, len(s2s.weights))
print(s2s([tf.zeros([2, 6], tf.int32), tf.zeros([2, 4], tf.int32)]).shape)
