"""`tf.keras.layers` (TF 1.15, graph mode): the Keras base layer (`base.Layer` with
`_keras_style`) and the layers over it. In TF 1.15 `tf.layers.X` subclasses Keras's `X`; here
the Keras classes subclass the `tf.layers` ones for their maths and switch the base layer to
Keras's behaviour (names, name scopes, `tf.Variable` weights, losses and updates kept on the
layer). What differs in Keras itself (defaults, `training=None` as the learning phase) is
written here."""
import tensorflow as tf

from tensorflow._lib import base, convolutional, core, keras_utils, normalization, pooling


class Layer(base.Layer):
    """`tf.keras.layers.Layer`."""

    _keras_style = True


def _keras_training(training):
    """Keras's graph-mode `training=None`: the learning phase (its placeholder, or the 0 or 1
    `set_learning_phase` gave, which decides as a Python bool does)."""
    if training is None:
        training = keras_utils.learning_phase()
    if isinstance(training, int) and not isinstance(training, bool):
        return training == 1
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


class Reshape(Layer):
    """`tf.keras.layers.Reshape`: `reshape(inputs, (shape(inputs)[0],) + target_shape)`."""

    def __init__(self, target_shape, **kwargs):
        super().__init__(**kwargs)
        self.target_shape = tuple(target_shape)

    def call(self, inputs):
        batch = tf.shape(inputs)[0]
        return tf.reshape(inputs, [batch] + list(self.target_shape))


class Lambda(Layer):
    """`tf.keras.layers.Lambda`: `function(inputs, **arguments)`."""

    def __init__(self, function, output_shape=None, mask=None, arguments=None, **kwargs):
        super().__init__(**kwargs)
        self.function = function
        self.arguments = arguments or {}
        self._output_shape = output_shape

    def call(self, inputs, mask=None, training=None):
        return self.function(inputs, **self.arguments)


class Embedding(Layer):
    """`tf.keras.layers.Embedding`: `embeddings (input_dim, output_dim)`, looked up with the
    inputs (cast to int32 unless they are int32 or int64)."""

    def __init__(self, input_dim, output_dim, embeddings_initializer="uniform",
                 embeddings_regularizer=None, activity_regularizer=None,
                 embeddings_constraint=None, mask_zero=False, input_length=None, **kwargs):
        if "input_shape" not in kwargs:
            if input_length:
                kwargs["input_shape"] = (input_length,)
            else:
                kwargs["input_shape"] = (None,)
        # Keras: the weights are floatx whatever the (integer) inputs are.
        if kwargs.get("dtype", None) is None:
            kwargs["dtype"] = keras_utils.floatx()
        super().__init__(activity_regularizer=activity_regularizer, **kwargs)
        self.input_dim = input_dim
        self.output_dim = output_dim
        self.embeddings_initializer = embeddings_initializer
        self.embeddings_regularizer = embeddings_regularizer
        self.embeddings_constraint = embeddings_constraint
        self.mask_zero = mask_zero
        self.input_length = input_length
        self.embeddings = None

    def build(self, input_shape):
        self.embeddings = self.add_weight(shape=(self.input_dim, self.output_dim),
                                          initializer=self.embeddings_initializer,
                                          name="embeddings",
                                          regularizer=self.embeddings_regularizer,
                                          constraint=self.embeddings_constraint)
        self.built = True

    def call(self, inputs):
        if inputs.dtype.base_dtype not in (tf.int32, tf.int64):
            inputs = tf.cast(inputs, tf.int32)
        return tf.nn.embedding_lookup(self.embeddings, inputs)


class LayerNormalization(Layer):
    """`tf.keras.layers.LayerNormalization` (TF 1.15): `gamma`, `beta` of the normalized
    axes' sizes; `moments` over them (kept), then `batch_normalization`."""

    def __init__(self, axis=-1, epsilon=1e-3, center=True, scale=True,
                 beta_initializer="zeros", gamma_initializer="ones", beta_regularizer=None,
                 gamma_regularizer=None, beta_constraint=None, gamma_constraint=None,
                 trainable=True, name=None, **kwargs):
        super().__init__(name=name, trainable=trainable, **kwargs)
        if isinstance(axis, (list, tuple)):
            self.axis = list(axis)
        else:
            self.axis = axis
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
        self.beta_initializer = beta_initializer
        self.gamma_initializer = gamma_initializer
        self.beta_regularizer = beta_regularizer
        self.gamma_regularizer = gamma_regularizer
        self.beta_constraint = beta_constraint
        self.gamma_constraint = gamma_constraint
        self.gamma = None
        self.beta = None

    def build(self, input_shape):
        ndims = input_shape.ndims
        dims = input_shape.as_list()
        resolved = normalization.resolve_axes(self.axis, ndims)
        for i in range(len(resolved)):
            if resolved[i] in resolved[i + 1:]:
                raise ValueError("Duplicate axis: %s" % (tuple(resolved),))
        self.axis = resolved
        param_shape = [dims[x] for x in resolved]
        if self.scale:
            self.gamma = self.add_weight(name="gamma", shape=param_shape,
                                         initializer=self.gamma_initializer,
                                         regularizer=self.gamma_regularizer,
                                         constraint=self.gamma_constraint, trainable=True)
        if self.center:
            self.beta = self.add_weight(name="beta", shape=param_shape,
                                        initializer=self.beta_initializer,
                                        regularizer=self.beta_regularizer,
                                        constraint=self.beta_constraint, trainable=True)
        self.built = True

    def call(self, inputs):
        dims = inputs.get_shape().as_list()
        ndims = len(dims)
        broadcast_shape = [1] * ndims
        for dim in self.axis:
            broadcast_shape[dim] = dims[dim]
        last_axis_only = len(self.axis) == 1 and self.axis[0] == ndims - 1

        def broadcast(v):
            if v is not None and len(v.get_shape().as_list()) != ndims and not last_axis_only:
                return tf.reshape(v, broadcast_shape)
            return v

        mean, variance = tf.nn.moments(inputs, self.axis, keep_dims=True)
        return tf.nn.batch_normalization(inputs, mean, variance, offset=broadcast(self.beta),
                                         scale=broadcast(self.gamma),
                                         variance_epsilon=self.epsilon)


class Conv1D(convolutional.Conv1D):
    """`tf.keras.layers.Conv1D` (the tf.layers class's maths, Keras's activations by name; so
    are the other convolutions)."""

    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class Conv2D(convolutional.Conv2D):
    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class Conv3D(convolutional.Conv3D):
    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class Conv2DTranspose(convolutional.Conv2DTranspose):
    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class Conv3DTranspose(convolutional.Conv3DTranspose):
    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class SeparableConv1D(convolutional.SeparableConv1D):
    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class SeparableConv2D(convolutional.SeparableConv2D):
    _keras_style = True

    def __init__(self, filters, kernel_size, *args, **kwargs):
        activation = kwargs.pop("activation", None)
        super().__init__(filters, kernel_size, *args, **kwargs)
        self.activation = keras_utils.get_activation(activation)


class DepthwiseConv2D(convolutional.Conv2D):
    """`tf.keras.layers.DepthwiseConv2D`: `depthwise_kernel = kernel_size + (in,
    depth_multiplier)`, `bias (in * depth_multiplier,)`; `tf.nn.depthwise_conv2d`."""

    _keras_style = True

    def __init__(self, kernel_size, strides=(1, 1), padding="valid", depth_multiplier=1,
                 data_format=None, activation=None, use_bias=True,
                 depthwise_initializer="glorot_uniform", bias_initializer="zeros",
                 depthwise_regularizer=None, bias_regularizer=None, activity_regularizer=None,
                 depthwise_constraint=None, bias_constraint=None, **kwargs):
        super().__init__(None, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, **kwargs)
        self.activation = keras_utils.get_activation(activation)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = depthwise_initializer
        self.depthwise_regularizer = depthwise_regularizer
        self.depthwise_constraint = depthwise_constraint
        self.depthwise_kernel = None

    def build(self, input_shape):
        if input_shape.ndims is not None and input_shape.ndims < 4:
            raise ValueError("Inputs to `DepthwiseConv2D` should have rank 4. Received input "
                             "shape:", str(input_shape))
        input_dim = self._input_channels(input_shape)
        if input_dim is None:
            raise ValueError("The channel dimension of the inputs to `DepthwiseConv2D` "
                             "should be defined. Found `None`.")
        self.depthwise_kernel = self.add_weight(
            shape=self.kernel_size + [input_dim, self.depth_multiplier],
            initializer=self.depthwise_initializer, name="depthwise_kernel",
            regularizer=self.depthwise_regularizer, constraint=self.depthwise_constraint)
        if self.use_bias:
            self.bias = self.add_weight(shape=(input_dim * self.depth_multiplier,),
                                        initializer=self.bias_initializer, name="bias",
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        data_format = "NHWC"
        strides = [1] + self.strides + [1]
        if self.data_format == "channels_first":
            data_format = "NCHW"
            strides = [1, 1] + self.strides
        outputs = tf.nn.depthwise_conv2d(inputs, self.depthwise_kernel, strides=strides,
                                         padding=self.padding.upper(),
                                         rate=self.dilation_rate, data_format=data_format)
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias, data_format=data_format)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class _Pooling(pooling._Pooling):
    """Keras's pooling layers: `strides` defaults to `pool_size`."""

    _keras_style = True
    _rank = 2
    _kind = "Max"

    def __init__(self, pool_size=2, strides=None, padding="valid", data_format=None,
                 **kwargs):
        super().__init__(self._rank, self._kind, pool_size, strides, padding=padding,
                         data_format=data_format, **kwargs)


class MaxPooling1D(_Pooling):
    _rank = 1


class MaxPooling2D(_Pooling):
    _rank = 2


class MaxPooling3D(_Pooling):
    _rank = 3


class AveragePooling1D(_Pooling):
    _rank = 1
    _kind = "Avg"


class AveragePooling2D(_Pooling):
    _rank = 2
    _kind = "Avg"


class AveragePooling3D(_Pooling):
    _rank = 3
    _kind = "Avg"


class _GlobalPooling(Layer):
    """Keras's global pooling: `reduce_mean` / `reduce_max` over the steps (1-D) or the two
    spatial axes (2-D)."""

    _rank = 2
    _kind = "Max"

    def __init__(self, data_format="channels_last", **kwargs):
        super().__init__(**kwargs)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        if self._rank == 1:
            axis = [1]
            if self.data_format == "channels_first":
                axis = [2]
        else:
            axis = [1, 2]
            if self.data_format == "channels_first":
                axis = [2, 3]
        if self._kind == "Max":
            return tf.reduce_max(inputs, axis=axis)
        return tf.reduce_mean(inputs, axis=axis)


class GlobalMaxPooling1D(_GlobalPooling):
    _rank = 1


class GlobalMaxPooling2D(_GlobalPooling):
    _rank = 2


class GlobalAveragePooling1D(_GlobalPooling):
    _rank = 1
    _kind = "Avg"


class GlobalAveragePooling2D(_GlobalPooling):
    _rank = 2
    _kind = "Avg"


def _pairs(padding):
    if isinstance(padding, int):
        return [[padding, padding], [padding, padding]]
    result = []
    for p in padding:
        if isinstance(p, int):
            result.append([p, p])
        else:
            result.append(list(p))
    return result


class ZeroPadding2D(Layer):
    """`tf.keras.layers.ZeroPadding2D`: `tf.pad` of the two spatial axes."""

    def __init__(self, padding=(1, 1), data_format=None, **kwargs):
        super().__init__(**kwargs)
        self.padding = _pairs(padding)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        if self.data_format == "channels_first":
            pattern = [[0, 0], [0, 0], self.padding[0], self.padding[1]]
        else:
            pattern = [[0, 0], self.padding[0], self.padding[1], [0, 0]]
        return tf.pad(inputs, pattern)


class UpSampling2D(Layer):
    """`tf.keras.layers.UpSampling2D` (channels last): Keras's `resize_images`, the new size
    `shape(inputs)[1:3] * size`, then the static shape set."""

    def __init__(self, size=(2, 2), data_format=None, interpolation="nearest", **kwargs):
        super().__init__(**kwargs)
        self.size = convolutional.normalize_tuple(size, 2, "size")
        self.data_format = data_format or "channels_last"
        if interpolation not in ("nearest", "bilinear"):
            raise ValueError("`interpolation` argument should be one of `\"nearest\"` or "
                             "`\"bilinear\"`.")
        self.interpolation = interpolation

    def call(self, inputs):
        if self.data_format != "channels_last":
            raise NotImplementedError("Scope Lens implements UpSampling2D for channels_last "
                                      "only.")
        dims = inputs.get_shape().as_list()
        new_shape = tf.shape(inputs)[1:3]
        new_shape *= tf.constant(self.size, dtype=tf.int32)
        if self.interpolation == "nearest":
            outputs = tf.image.resize_nearest_neighbor(inputs, new_shape)
        else:
            outputs = tf.image.resize_bilinear(inputs, new_shape)
        height = None if dims[1] is None else dims[1] * self.size[0]
        width = None if dims[2] is None else dims[2] * self.size[1]
        outputs.set_shape([None, height, width, None])
        return outputs


class LeakyReLU(Layer):
    """`tf.keras.layers.LeakyReLU`: `tf.nn.leaky_relu` (alpha 0.3)."""

    def __init__(self, alpha=0.3, **kwargs):
        super().__init__(**kwargs)
        self.alpha = float(alpha)

    def call(self, inputs):
        return tf.nn.leaky_relu(inputs, alpha=self.alpha)


class ReLU(Layer):
    """`tf.keras.layers.ReLU`: `tf.nn.relu` with the defaults, else Keras's `backend.relu`."""

    def __init__(self, max_value=None, negative_slope=0, threshold=0, **kwargs):
        super().__init__(**kwargs)
        self.max_value = max_value
        self.negative_slope = negative_slope
        self.threshold = threshold

    def call(self, inputs):
        if self.threshold == 0 and self.negative_slope == 0:
            if self.max_value is None:
                return tf.nn.relu(inputs)
            if self.max_value == 6:
                return tf.nn.relu6(inputs)
        if self.negative_slope != 0 and self.max_value is None and self.threshold == 0:
            return tf.nn.leaky_relu(inputs, alpha=self.negative_slope)
        raise NotImplementedError("Scope Lens implements ReLU without a threshold, with "
                                  "max_value None or 6.")


class Softmax(Layer):
    """`tf.keras.layers.Softmax`: `tf.nn.softmax` along `axis`."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        return tf.nn.softmax(inputs, axis=self.axis)


class _Merge(Layer):
    """Keras's merge layers: a list of inputs, ranks equalised by `expand_dims` at axis 1, then
    the merge (`add`, `sub`, `mul`, `Maximum`, ... named as their ops are)."""

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError("A merge layer should be called on a list of inputs.")
        ranks = [x.get_shape().ndims for x in inputs]
        if None not in ranks:
            top = max(ranks)
            reshaped = []
            for x in inputs:
                for _ in range(top - x.get_shape().ndims):
                    x = tf.expand_dims(x, axis=1)
                reshaped.append(x)
            inputs = reshaped
        return self._merge_function(inputs)


class Add(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for i in range(1, len(inputs)):
            output += inputs[i]
        return output


class Subtract(_Merge):
    def build(self, input_shape):
        if len(input_shape) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")
        self.built = True

    def _merge_function(self, inputs):
        if len(inputs) != 2:
            raise ValueError("A `Subtract` layer should be called on exactly 2 inputs")
        return inputs[0] - inputs[1]


class Multiply(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for i in range(1, len(inputs)):
            output *= inputs[i]
        return output


class Average(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for i in range(1, len(inputs)):
            output += inputs[i]
        return output / len(inputs)


class Maximum(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for i in range(1, len(inputs)):
            output = tf.maximum(output, inputs[i])
        return output


class Minimum(_Merge):
    def _merge_function(self, inputs):
        output = inputs[0]
        for i in range(1, len(inputs)):
            output = tf.minimum(output, inputs[i])
        return output


class Concatenate(_Merge):
    """`tf.keras.layers.Concatenate`: `tf.concat` along `axis` (no rank equalising)."""

    def __init__(self, axis=-1, **kwargs):
        super().__init__(**kwargs)
        self.axis = axis

    def call(self, inputs):
        if not isinstance(inputs, (list, tuple)):
            raise ValueError("A `Concatenate` layer should be called on a list of inputs.")
        return tf.concat(list(inputs), axis=self.axis)


def add(inputs, **kwargs):
    return Add(**kwargs)(inputs)


def subtract(inputs, **kwargs):
    return Subtract(**kwargs)(inputs)


def multiply(inputs, **kwargs):
    return Multiply(**kwargs)(inputs)


def average(inputs, **kwargs):
    return Average(**kwargs)(inputs)


def maximum(inputs, **kwargs):
    return Maximum(**kwargs)(inputs)


def minimum(inputs, **kwargs):
    return Minimum(**kwargs)(inputs)


def concatenate(inputs, axis=-1, **kwargs):
    return Concatenate(axis=axis, **kwargs)(inputs)
