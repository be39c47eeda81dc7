"""`tf.keras.layers` (TF 1.15, graph mode): the Keras base layer (`base.Layer` with
`_keras_style`) and the layers over it. In TF 1.15 `tf.layers.X` subclasses Keras's `X`; here
the Keras classes subclass the `tf.layers` ones for their maths and switch the base layer to
Keras's behaviour (names, name scopes, `tf.Variable` weights, losses and updates kept on the
layer). What differs in Keras itself (defaults, `training=None` as the learning phase) is
written here."""
import tensorflow as tf

from tensorflow._lib import base, core, keras_utils, normalization


class Layer(base.Layer):
    """`tf.keras.layers.Layer`."""

    _keras_style = True


def _keras_training(training):
    """Keras's graph-mode `training=None`: the learning phase placeholder."""
    if training is None:
        return keras_utils.learning_phase()
    return training


class Dense(core.Dense):
    """`tf.keras.layers.Dense`: `kernel (in, units)`, `bias (units,)`."""

    _keras_style = True

    def __init__(self, units, activation=None, use_bias=True,
                 kernel_initializer="glorot_uniform", bias_initializer="zeros",
                 kernel_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 kernel_constraint=None, bias_constraint=None, **kwargs):
        if "input_shape" not in kwargs and "input_dim" in kwargs:
            kwargs["input_shape"] = (kwargs.pop("input_dim"),)
        super().__init__(units, activation=None, use_bias=use_bias,
                         kernel_initializer=kernel_initializer,
                         bias_initializer=bias_initializer,
                         kernel_regularizer=kernel_regularizer,
                         bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         kernel_constraint=kernel_constraint, bias_constraint=bias_constraint,
                         **kwargs)
        self.activation = keras_utils.get_activation(activation)


class Activation(Layer):
    """`tf.keras.layers.Activation`."""

    def __init__(self, activation, **kwargs):
        super().__init__(**kwargs)
        self.activation = keras_utils.get_activation(activation)

    def call(self, inputs):
        return self.activation(inputs)


class Dropout(core.Dropout):
    """`tf.keras.layers.Dropout`: `smart_cond(training, dropout, identity)`, the learning phase
    when `training` is not given."""

    _keras_style = True

    def __init__(self, rate, noise_shape=None, seed=None, **kwargs):
        super().__init__(rate=rate, noise_shape=noise_shape, seed=seed, **kwargs)

    def call(self, inputs, training=None):
        return super().call(inputs, training=_keras_training(training))


class Flatten(core.Flatten):
    """`tf.keras.layers.Flatten`."""

    _keras_style = True

    def __init__(self, data_format=None, **kwargs):
        super().__init__(data_format=data_format, **kwargs)


class BatchNormalization(normalization.BatchNormalization):
    """`tf.keras.layers.BatchNormalization` (TF 1.15's V1 class in graph mode): the learning
    phase when `training` is not given; the moving averages' updates stay in `layer.updates`
    (not UPDATE_OPS)."""

    _keras_style = True

    def call(self, inputs, training=None):
        return super().call(inputs, training=_keras_training(training))
