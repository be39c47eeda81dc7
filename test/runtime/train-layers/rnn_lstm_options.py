# LSTMCell's options change its variables: peepholes, projection, sharded kernels; shapes use
# h = num_proj or num_units. state_size/output_size follow.
import tensorflow as tf


def dump():
    trainable = tf.trainable_variables()
    for v in tf.global_variables():
        print(v.name, v.shape, v in trainable)


x = tf.placeholder(tf.float32, [3, 4, 5])
peep = tf.nn.rnn_cell.LSTMCell(6, use_peepholes=True, num_proj=2, cell_clip=3.0)
print(peep.state_size, peep.output_size)
out, st = tf.nn.dynamic_rnn(peep, x, dtype=tf.float32, scope='peep')
print(out.shape, st.c.shape, st.h.shape, isinstance(st, tf.nn.rnn_cell.LSTMStateTuple))
sharded = tf.contrib.rnn.LSTMCell(4, num_unit_shards=2, num_proj=3, num_proj_shards=3,
                                  name='sharded')
out2, st2 = tf.nn.dynamic_rnn(sharded, x, dtype=tf.float32)
print(out2.shape, st2.h.shape)
flat = tf.nn.rnn_cell.BasicLSTMCell(3, state_is_tuple=False)
print(flat.state_size, flat.output_size)
out3, st3 = tf.nn.dynamic_rnn(flat, x, dtype=tf.float32, scope='flat')
print(out3.shape, st3.shape)
print(tf.contrib.rnn.BasicLSTMCell is tf.nn.rnn_cell.BasicLSTMCell)
dump()
