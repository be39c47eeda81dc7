# A character model in the style of many TF1 repositories: cells stacked in a MultiRNNCell, a
# softmax layer made in a variable scope, then the decoder run under the same scope name (its
# name scope is then `lm_1`): the cell re-enters the variable scope of its first call.
import tensorflow as tf

batch, steps, vocab, units = 4, 3, 11, 8
cell = tf.nn.rnn_cell.MultiRNNCell([tf.nn.rnn_cell.LSTMCell(units) for _ in range(2)])
tokens = tf.placeholder(tf.int32, [batch, steps])
targets = tf.placeholder(tf.int32, [batch, steps])
state = cell.zero_state(batch, tf.float32)
with tf.variable_scope("lm"):
    w = tf.get_variable("softmax_w", [units, vocab])
    b = tf.get_variable("softmax_b", [vocab])
embedding = tf.get_variable("embedding", [vocab, units])
inputs = tf.split(tf.nn.embedding_lookup(embedding, tokens), steps, 1)
inputs = [tf.squeeze(i, [1]) for i in inputs]
outputs, last = tf.contrib.legacy_seq2seq.rnn_decoder(inputs, state, cell, scope="lm")
print([o.name for o in outputs], last[1].h.name)
logits = tf.matmul(tf.reshape(tf.concat(outputs, 1), [-1, units]), w) + b
loss = tf.contrib.legacy_seq2seq.sequence_loss_by_example(
    [logits], [tf.reshape(targets, [-1])], [tf.ones([batch * steps])])
print(loss.name, loss.shape)
per_step = [tf.matmul(o, w) + b for o in outputs]
seq = tf.contrib.legacy_seq2seq.sequence_loss(
    per_step, tf.unstack(targets, axis=1), [tf.ones([batch])] * steps, name="seq")
print(seq.name, seq.shape)
again, _ = cell(inputs[0], state)
print(again.name)
try:
    tf.contrib.legacy_seq2seq.sequence_loss_by_example([logits], [], [])
except ValueError as e:
    print("ValueError", e)
print([(v.name, v.shape.as_list()) for v in tf.global_variables()])
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
    feed = {tokens: [[1, 2, 3]] * batch, targets: [[2, 3, 4]] * batch}
    a, s = sess.run([loss, seq], feed)
    print(a.shape, round(float(s), 3) > 0)
