# dynamic_rnn needs inputs of rank 3; TF reports the shape after swapping batch and time.
import tensorflow as tf
try:
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.BasicRNNCell(2), tf.placeholder(tf.float32, [2, 3]), dtype=tf.float32)
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e))
try:
    tf.nn.dynamic_rnn(tf.nn.rnn_cell.GRUCell(2), tf.placeholder(tf.float32, [4, 2]),
                      dtype=tf.float32, time_major=True, scope='tm')
except ValueError as e:
    print(type(e).__name__ + ': ' + str(e))
print([v.name for v in tf.global_variables()])
