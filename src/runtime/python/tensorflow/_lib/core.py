"""`tf.layers` core layers (TF 1.15 `python/layers/core.py` over Keras's `Dense`, `Dropout`,
`Flatten`): `kernel (in, units)`, `bias (units,)`; dropout and flatten make no variables."""
import tensorflow as tf

from tensorflow._lib import _support, base

ZEROS = "zeros"


def get_initializer(init):
    """Keras's `initializers.get` for the values the layers use as defaults."""
    if init == ZEROS:
        return tf.zeros_initializer()
    if init == "ones":
        return tf.ones_initializer()
    if init == "glorot_uniform":
        return tf.glorot_uniform_initializer()
    return init


def get_activation(activation):
    """Keras's `activations.get`: None, a callable, or one of the common names."""
    if activation is None or activation == "linear":
        return None
    if activation == "relu":
        return tf.nn.relu
    if activation == "sigmoid":
        return tf.nn.sigmoid
    if activation == "tanh":
        return tf.nn.tanh
    if activation == "softmax":
        return tf.nn.softmax
    return activation


class Dense(base.Layer):
    """`tf.layers.Dense`."""

    def __init__(self, units, activation=None, use_bias=True, kernel_initializer=None,
                 bias_initializer=ZEROS, kernel_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.units = int(units)
        self.activation = get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = get_initializer(kernel_initializer)
        self.bias_initializer = get_initializer(bias_initializer)
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.kernel = None
        self.bias = None

    def build(self, input_shape):
        dims = input_shape.as_list()
        last = dims[len(dims) - 1]
        if last is None:
            raise ValueError("The last dimension of the inputs to `Dense` should be defined. "
                             "Found `None`.")
        self.kernel = self.add_weight("kernel", shape=[last, self.units],
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, dtype=self.dtype,
                                      trainable=True)
        if self.use_bias:
            self.bias = self.add_weight("bias", shape=[self.units],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, dtype=self.dtype,
                                        trainable=True)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        dims = inputs.get_shape().as_list()
        rank = len(dims)
        # A rank the analyzer does not know (an input from a loader it does not model) is taken
        # as a matrix's, the common case: the two differ only in the names of the ops.
        if _support.known(rank) and rank > 2:
            # Keras's `Dense.call` (1.15): `standard_ops.tensordot(inputs, kernel,
            # [[rank - 1], [0]])` (`Tensordot/...`), then the static shape set.
            outputs = tf.tensordot(inputs, self.kernel, [[rank - 1], [0]])
            outputs.set_shape(dims[0:rank - 1] + [self.units])
        else:
            outputs = tf.matmul(inputs, self.kernel)
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


def dense(inputs, units, activation=None, use_bias=True, kernel_initializer=None,
          bias_initializer=ZEROS, kernel_regularizer=None, bias_regularizer=None,
          activity_regularizer=None, kernel_constraint=None, bias_constraint=None,
          trainable=True, name=None, reuse=None):
    """`tf.layers.dense`: a `Dense` whose scope is `name` verbatim (`_scope=name`)."""
    layer = Dense(units, activation=activation, use_bias=use_bias,
                  kernel_initializer=kernel_initializer, bias_initializer=bias_initializer,
                  kernel_regularizer=kernel_regularizer, bias_regularizer=bias_regularizer,
                  activity_regularizer=activity_regularizer,
                  kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                  trainable=trainable, name=name, dtype=inputs.dtype.base_dtype,
                  _scope=name, _reuse=reuse)
    return layer.apply(inputs)


def smart_cond(pred, true_fn, false_fn, name=None):
    """TF 1.15's `tf_utils.smart_cond` / `layers.utils.smart_cond`: a Python bool calls one
    function (no cond ops), a tensor builds `tf.cond` (both functions are called once).
    TF also resolves a constant tensor without a cond; here any tensor builds one."""
    if isinstance(pred, bool):
        if pred:
            return true_fn()
        return false_fn()
    return tf.cond(pred, true_fn, false_fn, name=name)


class Dropout(base.Layer):
    """`tf.layers.Dropout`: identity unless `training` is true."""

    def __init__(self, rate=0.5, noise_shape=None, seed=None, name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rate = rate
        self.noise_shape = noise_shape
        self.seed = seed

    def call(self, inputs, training=False):
        if isinstance(training, bool) or training is None:
            if training:
                return tf.nn.dropout(inputs, noise_shape=self.noise_shape, seed=self.seed,
                                     rate=self.rate)
            return tf.identity(inputs)
        noise_shape = self.noise_shape
        seed = self.seed
        rate = self.rate

        def dropped_inputs():
            return tf.nn.dropout(inputs, noise_shape=noise_shape, seed=seed, rate=rate)

        def kept_inputs():
            return tf.identity(inputs)

        # Keras's Dropout.call (TF 1.15): smart_cond(training, dropped, identity).
        return smart_cond(training, dropped_inputs, kept_inputs)


def dropout(inputs, rate=0.5, noise_shape=None, seed=None, training=False, name=None):
    layer = Dropout(rate, noise_shape=noise_shape, seed=seed, name=name)
    return layer.apply(inputs, training=training)


class Flatten(base.Layer):
    """`tf.layers.Flatten`: `(batch, product of the other dimensions)`."""

    def __init__(self, data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format

    def call(self, inputs):
        dims = inputs.get_shape().as_list()
        if self.data_format == "channels_first" and len(dims) > 1:
            # Keras's `Flatten.call`: channels last first (`transpose` to `[0, 2, ..., 1]`).
            perm = [0] + list(range(2, len(dims))) + [1]
            inputs = tf.transpose(inputs, perm=perm)
            dims = inputs.get_shape().as_list()
        if len(dims) == 1:
            return tf.reshape(inputs, [-1, 1])
        size = 1
        for d in dims[1:]:
            if d is None or size is None:
                size = None
            else:
                size = size * d
        if size is None:
            # Keras's `Flatten.call`: `(batch, -1)`, the batch size from `tf.shape` when not
            # known, then the static shape (`compute_output_shape`) set.
            batch = dims[0]
            if batch is None:
                batch = tf.shape(inputs)[0]
            outputs = tf.reshape(inputs, [batch, -1])
            outputs.set_shape([dims[0], None])
            return outputs
        return tf.reshape(inputs, [-1, size])


def flatten(inputs, name=None, data_format="channels_last"):
    layer = Flatten(name=name, data_format=data_format)
    return layer.apply(inputs)
