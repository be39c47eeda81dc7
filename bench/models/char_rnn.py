"""A character-level language model in the style of char-rnn, written for Scope Lens's
benchmarks: an embedding, a two-layer LSTM under dynamic_rnn, a softmax layer, gradient clipping
and Adam, and a sampling model that shares the training model's weights.
"""
import tensorflow as tf

VOCAB_SIZE = 65
RNN_SIZE = 128
NUM_LAYERS = 2
SEQ_LENGTH = 50
BATCH_SIZE = 50
GRAD_CLIP = 5.0


class CharModel(object):
    def __init__(self, training=True):
        batch_size = BATCH_SIZE if training else 1
        seq_length = SEQ_LENGTH if training else 1

        cells = []
        for _ in range(NUM_LAYERS):
            cell = tf.nn.rnn_cell.LSTMCell(RNN_SIZE)
            if training:
                cell = tf.nn.rnn_cell.DropoutWrapper(cell, output_keep_prob=0.8)
            cells.append(cell)
        self.cell = cell = tf.nn.rnn_cell.MultiRNNCell(cells, state_is_tuple=True)

        self.input_data = tf.placeholder(tf.int32, [batch_size, seq_length])
        self.targets = tf.placeholder(tf.int32, [batch_size, seq_length])
        self.initial_state = cell.zero_state(batch_size, tf.float32)

        with tf.variable_scope("rnnlm"):
            softmax_w = tf.get_variable("softmax_w", [RNN_SIZE, VOCAB_SIZE])
            softmax_b = tf.get_variable("softmax_b", [VOCAB_SIZE])

        embedding = tf.get_variable("embedding", [VOCAB_SIZE, RNN_SIZE])
        inputs = tf.nn.embedding_lookup(embedding, self.input_data)
        if training:
            inputs = tf.nn.dropout(inputs, keep_prob=0.8)

        outputs, last_state = tf.nn.dynamic_rnn(
            cell, inputs, initial_state=self.initial_state, scope="rnnlm"
        )
        output = tf.reshape(outputs, [-1, RNN_SIZE])
        self.logits = tf.matmul(output, softmax_w) + softmax_b
        self.probs = tf.nn.softmax(self.logits)
        self.final_state = last_state

        loss = tf.nn.sparse_softmax_cross_entropy_with_logits(
            labels=tf.reshape(self.targets, [-1]), logits=self.logits
        )
        self.cost = tf.reduce_sum(loss) / batch_size / seq_length
        if not training:
            return

        self.lr = tf.Variable(0.0, trainable=False)
        tvars = tf.trainable_variables()
        grads, _ = tf.clip_by_global_norm(tf.gradients(self.cost, tvars), GRAD_CLIP)
        with tf.name_scope("optimizer"):
            optimizer = tf.train.AdamOptimizer(self.lr)
        self.train_op = optimizer.apply_gradients(zip(grads, tvars))


def build_models():
    with tf.variable_scope("char_rnn"):
        train_model = CharModel(training=True)
    with tf.variable_scope("char_rnn", reuse=True):
        sample_model = CharModel(training=False)
    return train_model, sample_model


def train(num_epochs=50, learning_rate=0.002, decay_rate=0.97):
    train_model, sample_model = build_models()
    saver = tf.train.Saver(tf.global_variables())
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        for epoch in range(num_epochs):
            sess.run(tf.assign(train_model.lr, learning_rate * (decay_rate ** epoch)))
            state = sess.run(train_model.initial_state)
            feed = {train_model.initial_state: state}
            cost, state, _ = sess.run(
                [train_model.cost, train_model.final_state, train_model.train_op], feed
            )
            print("epoch", epoch, "cost", cost)
        saver.save(sess, "save/model.ckpt")


if __name__ == "__main__":
    train()
