"""tensor2tensor's `transformer` with hparams `transformer_test` (hidden size 16, filter size 8,
2 layers, 16 embedding shards) written as t2t writes it: the model is a tf.layers Layer named
"transformer", attention projections and the feed-forward block are tf.layers.dense calls on
real tensors (so their shapes come from the inputs), layer norms and embeddings are
tf.get_variable. The names and shapes of ../shared/testdata/checkpoints/t2t-transformer.
"""
import tensorflow as tf

HIDDEN = 16
FILTER = 8
LAYERS = 2
VOCAB = 8190
SHARDS = 16
TARGET_SPACES = 32


def layer_norm(x):
    # common_layers.layer_norm: variables made with get_variable in scope "layer_norm".
    with tf.variable_scope("layer_norm"):
        scale = tf.get_variable("layer_norm_scale", [HIDDEN], initializer=tf.ones_initializer())
        bias = tf.get_variable("layer_norm_bias", [HIDDEN], initializer=tf.zeros_initializer())
        mean, variance = tf.nn.moments(x, [-1], keep_dims=True)
        return (x - mean) / tf.sqrt(variance + 1e-6) * scale + bias


def layer_preprocess(x):
    with tf.variable_scope("layer_prepostprocess"):
        return layer_norm(x)


def multihead_attention(query, memory):
    # common_attention.multihead_attention: compute_qkv's projections have no bias.
    with tf.variable_scope("multihead_attention"):
        q = tf.layers.dense(query, HIDDEN, use_bias=False, name="q")
        k = tf.layers.dense(memory, HIDDEN, use_bias=False, name="k")
        v = tf.layers.dense(memory, HIDDEN, use_bias=False, name="v")
        weights = tf.nn.softmax(tf.matmul(q, k, transpose_b=True))
        return tf.layers.dense(tf.matmul(weights, v), HIDDEN, use_bias=False,
                               name="output_transform")


def dense_relu_dense(x):
    h = tf.layers.dense(x, FILTER, activation=tf.nn.relu, name="conv1")
    return tf.layers.dense(h, HIDDEN, name="conv2")


def encoder_or_decoder(name, x, encoder_output=None):
    with tf.variable_scope(name):
        for i in range(LAYERS):
            with tf.variable_scope("layer_%d" % i):
                with tf.variable_scope("self_attention"):
                    y = layer_preprocess(x)
                    x += multihead_attention(y, y)
                if encoder_output is not None:
                    with tf.variable_scope("encdec_attention"):
                        x += multihead_attention(layer_preprocess(x), encoder_output)
                with tf.variable_scope("ffn"):
                    x += dense_relu_dense(layer_preprocess(x))
        with tf.variable_scope("layer_prepostprocess"):
            return layer_norm(x)


def symbol_modality(ids):
    # modalities.SymbolModality: the embedding matrix in 16 hand-made shards, shared by the
    # inputs, the targets and the softmax (so the scope reuses after the first call).
    with tf.variable_scope("symbol_modality_%d_%d" % (VOCAB, HIDDEN), reuse=tf.AUTO_REUSE):
        with tf.variable_scope("shared"):
            shards = []
            for i in range(SHARDS):
                rows = VOCAB // SHARDS + (1 if i < VOCAB % SHARDS else 0)
                shards.append(tf.get_variable("weights_%d" % i, [rows, HIDDEN]))
            return tf.gather(tf.concat(shards, 0), ids)


class Transformer(tf.layers.Layer):
    """T2TModel is a Layer: its variables are under the model's name."""

    def call(self, inputs):
        source, target = inputs
        encoder_input = symbol_modality(source)
        decoder_input = symbol_modality(target)
        with tf.variable_scope("body"):
            # common_layers.embedding(target_space, 32, hidden_size, "target_space_embedding")
            with tf.variable_scope("target_space_embedding"):
                emb = tf.get_variable("kernel", [TARGET_SPACES, HIDDEN])
            encoder_input += tf.gather(emb, 4)
            encoder_output = encoder_or_decoder("encoder", encoder_input)
            return encoder_or_decoder("decoder", decoder_input, encoder_output)


source_ids = tf.placeholder(tf.int32, [None, None], name="inputs")
target_ids = tf.placeholder(tf.int32, [None, None], name="targets")
body_output = Transformer(name="transformer")((source_ids, target_ids))
