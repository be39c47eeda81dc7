"""`tf.layers` convolutions (TF 1.15 `python/layers/convolutional.py` over Keras's):
ConvND `kernel = kernel_size + (in, filters)`, transposed `kernel_size + (filters, in)`,
separable `depthwise_kernel = kernel_size + (in, depth_multiplier)` and
`pointwise_kernel = (1,)*rank + (in*depth_multiplier, filters)`; `bias (filters,)`."""
import tensorflow as tf

from tensorflow._lib import _support, base, core, nn_ops


def normalize_tuple(value, n, name):
    """Keras's `conv_utils.normalize_tuple`: an int or n ints as a list of n ints."""
    if isinstance(value, int):
        return [value] * n
    values = list(value)
    if len(values) != n:
        raise ValueError("The `" + name + "` argument must be a tuple of " + str(n)
                         + " integers. Received: " + str(value))
    return [int(v) for v in values]


def normalize_padding(value):
    if isinstance(value, (list, tuple)):
        return value
    padding = value.lower()
    if padding not in ["valid", "same", "causal"]:
        raise ValueError("The `padding` argument must be a list/tuple or one of \"valid\", "
                         "\"same\" (or \"causal\", only for `Conv1D). Received: "
                         + str(padding))
    return padding


def conv_output_length(length, window, padding, stride, dilation=1):
    """Keras's `conv_output_length`."""
    if length is None:
        return None
    dilated = window + (window - 1) * (dilation - 1)
    if padding == "same" or padding == "causal":
        out = length
    elif padding == "valid":
        out = length - dilated + 1
    else:
        out = length + dilated - 1
    return (out + stride - 1) // stride


def deconv_output_length(length, window, padding, stride, dilation=1):
    """Keras's `deconv_output_length` (no output_padding)."""
    if length is None:
        return None
    window = window + (window - 1) * (dilation - 1)
    if padding == "valid":
        return length * stride + max(window - stride, 0)
    if padding == "full":
        return length * stride - (stride + window - 2)
    return length * stride


def _channels_axis(data_format, rank):
    if data_format == "channels_first":
        return 1
    return rank + 1


def _spatial_dims(dims, data_format, rank):
    if data_format == "channels_first":
        return dims[2:2 + rank]
    return dims[1:1 + rank]


def _assemble(batch, spatial, channels, data_format):
    if data_format == "channels_first":
        return [batch, channels] + spatial
    return [batch] + spatial + [channels]


class _Conv(base.Layer):
    """Keras's `Conv`: an N-D convolution layer."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, activation=None, use_bias=True,
                 kernel_initializer=None, bias_initializer=core.ZEROS, kernel_regularizer=None,
                 bias_regularizer=None, activity_regularizer=None, kernel_constraint=None,
                 bias_constraint=None, trainable=True, name=None, **kwargs):
        super().__init__(trainable=trainable, name=name,
                         activity_regularizer=activity_regularizer, **kwargs)
        self.rank = rank
        self.filters = filters
        self.kernel_size = normalize_tuple(kernel_size, rank, "kernel_size")
        self.strides = normalize_tuple(strides, rank, "strides")
        self.padding = normalize_padding(padding)
        self.data_format = data_format or "channels_last"
        self.dilation_rate = normalize_tuple(dilation_rate, rank, "dilation_rate")
        self.activation = core.get_activation(activation)
        self.use_bias = use_bias
        self.kernel_initializer = core.get_initializer(kernel_initializer)
        self.bias_initializer = core.get_initializer(bias_initializer)
        self.kernel_regularizer = kernel_regularizer
        self.bias_regularizer = bias_regularizer
        self.kernel_constraint = kernel_constraint
        self.bias_constraint = bias_constraint
        self.kernel = None
        self.bias = None
        self._space_to_batch = None

    def _input_channels(self, input_shape):
        dims = input_shape.as_list()
        channels = dims[_channels_axis(self.data_format, self.rank)]
        if channels is None:
            raise ValueError("The channel dimension of the inputs should be defined. "
                             "Found `None`.")
        return channels

    def _kernel_shape(self, input_dim):
        return self.kernel_size + [input_dim, self.filters]

    def build(self, input_shape):
        input_dim = self._input_channels(input_shape)
        self.kernel = self.add_weight(name="kernel", shape=self._kernel_shape(input_dim),
                                      initializer=self.kernel_initializer,
                                      regularizer=self.kernel_regularizer,
                                      constraint=self.kernel_constraint, trainable=True,
                                      dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=[self.filters],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        else:
            self.bias = None
        self._space_to_batch = self._dilated_op(input_shape, self.kernel_size + [input_dim])
        self.built = True

    def _dilated_op(self, input_shape, filter_shape):
        """What Keras's `Conv.build` (1.15) makes of a dilation rate above 1: `nn_ops.Convolution`,
        which checks strides against it and wraps the convolution in `_WithSpaceToBatch` (its
        constants made here, in the layer's scope). None when the rate is 1 (then the plain
        convolution, as before), or when it cannot be built that way here: channels first, or
        an input of unknown rank."""
        nn_ops.check_strides_and_dilation(self.strides, self.dilation_rate)
        dilated = False
        for d in self.dilation_rate:
            if d != 1:
                dilated = True
        if not dilated or self.data_format != "channels_last" \
                or not nn_ops.rank_is(input_shape, self.rank):
            return None
        padding = "VALID" if self.padding == "causal" else self.padding.upper()
        return nn_ops.WithSpaceToBatch(input_shape, self.dilation_rate, padding,
                                       self._non_atrous, filter_shape=filter_shape)

    def _non_atrous(self, padding):
        """`_NonAtrousConvolution`'s convolution with dilation 1 (the inner op)."""
        def convolve(inputs, kernel):
            if self.rank == 1:
                return tf.nn.conv1d(inputs, kernel, 1, padding)
            if self.rank == 2:
                return tf.nn.conv2d(inputs, kernel, strides=[1, 1, 1, 1], padding=padding)
            return tf.nn.conv3d(inputs, kernel, [1, 1, 1, 1, 1], padding)
        return convolve

    def _output_dims(self, dims):
        spatial = _spatial_dims(dims, self.data_format, self.rank)
        out = []
        for i in range(self.rank):
            out.append(conv_output_length(spatial[i], self.kernel_size[i], self.padding,
                                          self.strides[i], self.dilation_rate[i]))
        return _assemble(dims[0], out, self.filters, self.data_format)

    def _convolve(self, inputs):
        if self._space_to_batch is not None:
            if self.padding == "causal":
                # Keras's `Conv1D.call` (1.15): the causal `Pad`, then the VALID convolution.
                left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
                inputs = tf.pad(inputs, [[0, 0], [left, 0], [0, 0]])
            return self._space_to_batch(inputs, self.kernel)
        dims = inputs.get_shape().as_list()
        if self.rank == 2 and self.data_format == "channels_last" and self.padding != "causal":
            return tf.nn.conv2d(inputs, self.kernel, strides=[1] + self.strides + [1],
                                padding=self.padding.upper(),
                                dilations=[1] + self.dilation_rate + [1])
        if self.rank == 1 and self.data_format == "channels_last" and self.dilation_rate == [1]:
            # Keras's `Conv.call` (1.15): causal padding first (`Pad` of
            # `_compute_causal_padding`, then VALID), then `nn_ops.Convolution`, whose
            # `_NonAtrousConvolution` calls `conv1d` unnamed (`conv1d/ExpandDims`, the
            # `Conv2D` named `conv1d`, `conv1d/Squeeze`).
            padding = self.padding
            if padding == "causal":
                left = self.dilation_rate[0] * (self.kernel_size[0] - 1)
                inputs = tf.pad(inputs, [[0, 0], [left, 0], [0, 0]])
                padding = "valid"
            return tf.nn.conv1d(inputs, self.kernel, self.strides[0], padding.upper())
        if self.rank == 3 and self.data_format == "channels_last" and self.padding != "causal" \
                and self.dilation_rate == [1, 1, 1]:
            # `_NonAtrousConvolution`'s `gen_nn_ops.conv3d`, unnamed: `Conv3D`.
            return tf.nn.conv3d(inputs, self.kernel, [1] + self.strides + [1],
                                self.padding.upper())
        return _support.unimplemented_op("Conv%dD" % self.rank, [inputs, self.kernel],
                                         inputs.dtype, self._output_dims(dims))

    def call(self, inputs):
        outputs = self._convolve(inputs)
        if self.use_bias:
            if self.data_format == "channels_first":
                outputs = tf.nn.bias_add(outputs, self.bias, data_format="NCHW")
            else:
                outputs = tf.nn.bias_add(outputs, self.bias)
        if self.activation is not None:
            return self.activation(outputs)
        return outputs


class Conv1D(_Conv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)


class Conv2D(_Conv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)


class Conv3D(_Conv):
    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1, 1), **kwargs):
        super().__init__(3, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate, **kwargs)


class _ConvTranspose(_Conv):
    """Keras's `Conv2DTranspose` / `Conv3DTranspose`: kernel `kernel_size + (filters, in)`."""

    def _kernel_shape(self, input_dim):
        return self.kernel_size + [self.filters, input_dim]

    def _output_dims(self, dims):
        spatial = _spatial_dims(dims, self.data_format, self.rank)
        out = []
        for i in range(self.rank):
            out.append(deconv_output_length(spatial[i], self.kernel_size[i], self.padding,
                                            self.strides[i], self.dilation_rate[i]))
        return _assemble(dims[0], out, self.filters, self.data_format)

    def _convolve(self, inputs):
        dims = inputs.get_shape().as_list()
        if self.rank == 2 and self.data_format == "channels_last":
            return self._conv2d_transpose(inputs, dims)
        if self.rank == 3 and self.data_format == "channels_last":
            return self._conv3d_transpose(inputs, dims)
        op_type = "Conv2DBackpropInput"
        if self.rank == 3:
            op_type = "Conv3DBackpropInputV2"
        return _support.unimplemented_op(op_type, [inputs, self.kernel], inputs.dtype,
                                         self._output_dims(dims), name="conv2d_transpose")

    def _conv2d_transpose(self, inputs, dims):
        """Keras's `Conv2DTranspose.call` (1.15, keras/layers/convolutional.py) for NHWC: the
        output shape computed from `tf.shape(inputs)` (`Shape`, `strided_slice`s, `mul`/`add`
        of `deconv_output_length`) and stacked (`stack`), then `backend.conv2d_transpose`
        (its `output_shape[0] is None` check slices the stack once more) over
        `nn.conv2d_transpose` (`conv2d_transpose`, a `Conv2DBackpropInput`), and the static
        shape set (`compute_output_shape`)."""
        inputs_shape = tf.shape(inputs)
        batch_size = inputs_shape[0]
        height = inputs_shape[1]
        width = inputs_shape[2]
        out_height = deconv_output_length(height, self.kernel_size[0], self.padding,
                                          self.strides[0])
        out_width = deconv_output_length(width, self.kernel_size[1], self.padding,
                                         self.strides[1])
        output_shape = tf.stack([batch_size, out_height, out_width, self.filters])
        output_shape[0]
        outputs = tf.nn.conv2d_transpose(inputs, self.kernel, output_shape,
                                         [1] + self.strides + [1],
                                         padding=self.padding.upper(), data_format="NHWC")
        outputs.set_shape(self._output_dims(dims))
        return outputs


    def _conv3d_transpose(self, inputs, dims):
        """Keras's `Conv3DTranspose.call` (1.15) for NDHWC: the output shape from
        `tf.shape(inputs)` as for 2-D (no backend step: `nn.conv3d_transpose` directly, a
        `Conv3DBackpropInputV2` named `conv3d_transpose`), then the static shape set."""
        inputs_shape = tf.shape(inputs)
        batch_size = inputs_shape[0]
        depth = inputs_shape[1]
        height = inputs_shape[2]
        width = inputs_shape[3]
        out_depth = deconv_output_length(depth, self.kernel_size[0], self.padding,
                                         self.strides[0])
        out_height = deconv_output_length(height, self.kernel_size[1], self.padding,
                                          self.strides[1])
        out_width = deconv_output_length(width, self.kernel_size[2], self.padding,
                                         self.strides[2])
        output_shape = tf.stack([batch_size, out_depth, out_height, out_width, self.filters])
        outputs = tf.nn.conv3d_transpose(inputs, self.kernel, output_shape,
                                         [1] + self.strides + [1],
                                         data_format="NDHWC", padding=self.padding.upper())
        outputs.set_shape(self._output_dims(dims))
        return outputs


class Conv2DTranspose(_ConvTranspose):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)


class Conv3DTranspose(_ConvTranspose):
    def __init__(self, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                 data_format="channels_last", **kwargs):
        super().__init__(3, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, **kwargs)


class _SeparableConv(_Conv):
    """Keras's `SeparableConv`: depthwise then pointwise kernels, then bias."""

    def __init__(self, rank, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                 activation=None, use_bias=True, depthwise_initializer=None,
                 pointwise_initializer=None, bias_initializer=core.ZEROS,
                 depthwise_regularizer=None, pointwise_regularizer=None, bias_regularizer=None,
                 activity_regularizer=None, depthwise_constraint=None,
                 pointwise_constraint=None, bias_constraint=None, trainable=True, name=None,
                 **kwargs):
        super().__init__(rank, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         activation=activation, use_bias=use_bias,
                         bias_initializer=bias_initializer, bias_regularizer=bias_regularizer,
                         activity_regularizer=activity_regularizer,
                         bias_constraint=bias_constraint, trainable=trainable, name=name,
                         **kwargs)
        self.depth_multiplier = depth_multiplier
        self.depthwise_initializer = core.get_initializer(depthwise_initializer)
        self.pointwise_initializer = core.get_initializer(pointwise_initializer)
        self.depthwise_regularizer = depthwise_regularizer
        self.pointwise_regularizer = pointwise_regularizer
        self.depthwise_constraint = depthwise_constraint
        self.pointwise_constraint = pointwise_constraint
        self.depthwise_kernel = None
        self.pointwise_kernel = None

    def build(self, input_shape):
        input_dim = self._input_channels(input_shape)
        self.depthwise_kernel = self.add_weight(
            name="depthwise_kernel", shape=self.kernel_size + [input_dim, self.depth_multiplier],
            initializer=self.depthwise_initializer, regularizer=self.depthwise_regularizer,
            constraint=self.depthwise_constraint, trainable=True, dtype=self.dtype)
        self.pointwise_kernel = self.add_weight(
            name="pointwise_kernel",
            shape=[1] * self.rank + [self.depth_multiplier * input_dim, self.filters],
            initializer=self.pointwise_initializer, regularizer=self.pointwise_regularizer,
            constraint=self.pointwise_constraint, trainable=True, dtype=self.dtype)
        if self.use_bias:
            self.bias = self.add_weight(name="bias", shape=[self.filters],
                                        initializer=self.bias_initializer,
                                        regularizer=self.bias_regularizer,
                                        constraint=self.bias_constraint, trainable=True,
                                        dtype=self.dtype)
        else:
            self.bias = None
        self.built = True

    def call(self, inputs):
        if self.data_format != "channels_last" or self.padding == "causal":
            return super().call(inputs)
        if self.rank == 2:
            # Keras's `SeparableConv2D.call` (1.15): `nn.separable_conv2d` (its `depthwise`
            # `DepthwiseConv2dNative`, the pointwise `Conv2D` named `separable_conv2d`), bias.
            outputs = tf.nn.separable_conv2d(inputs, self.depthwise_kernel,
                                             self.pointwise_kernel,
                                             strides=[1] + self.strides + [1],
                                             padding=self.padding.upper(),
                                             rate=self.dilation_rate)
            return self._bias_and_activation(outputs, False)
        # Keras's `SeparableConv1D.call` (1.15): the input and both kernels expanded to 2-D
        # (`ExpandDims`, `ExpandDims_1`, `ExpandDims_2`), `nn.separable_conv2d` with strides
        # `(1, s, s, 1)` and rate `(1, d)`, the bias added, then `Squeeze`d back.
        inputs = tf.expand_dims(inputs, 1)
        depthwise_kernel = tf.expand_dims(self.depthwise_kernel, 0)
        pointwise_kernel = tf.expand_dims(self.pointwise_kernel, 0)
        outputs = tf.nn.separable_conv2d(inputs, depthwise_kernel, pointwise_kernel,
                                         strides=[1] + self.strides * 2 + [1],
                                         padding=self.padding.upper(),
                                         rate=[1] + self.dilation_rate)
        return self._bias_and_activation(outputs, True)

    def _bias_and_activation(self, outputs, squeeze):
        if self.use_bias:
            outputs = tf.nn.bias_add(outputs, self.bias)
        if squeeze:
            outputs = tf.squeeze(outputs, [1])
        if self.activation is not None:
            return self.activation(outputs)
        return outputs

    def _convolve(self, inputs):
        dims = inputs.get_shape().as_list()
        return _support.unimplemented_op(
            "SeparableConv%dD" % self.rank,
            [inputs, self.depthwise_kernel, self.pointwise_kernel], inputs.dtype,
            self._output_dims(dims), name="separable_conv2d")


class SeparableConv1D(_SeparableConv):
    def __init__(self, filters, kernel_size, strides=1, padding="valid",
                 data_format="channels_last", dilation_rate=1, depth_multiplier=1, **kwargs):
        super().__init__(1, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         depth_multiplier=depth_multiplier, **kwargs)


class SeparableConv2D(_SeparableConv):
    def __init__(self, filters, kernel_size, strides=(1, 1), padding="valid",
                 data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                 **kwargs):
        super().__init__(2, filters, kernel_size, strides=strides, padding=padding,
                         data_format=data_format, dilation_rate=dilation_rate,
                         depth_multiplier=depth_multiplier, **kwargs)


def _functional(cls, inputs, name, reuse, args, options, kwargs):
    """The functional forms: the layer's scope is `name` verbatim (`_scope=name`)."""
    options.update(kwargs)
    layer = cls(*args, name=name, dtype=inputs.dtype.base_dtype, _scope=name, _reuse=reuse,
                **options)
    return layer.apply(inputs)


def conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
           data_format="channels_last", dilation_rate=1, name=None, reuse=None, **kwargs):
    return _functional(Conv1D, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding, "data_format": data_format,
                        "dilation_rate": dilation_rate}, kwargs)


def conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1), name=None, reuse=None, **kwargs):
    return _functional(Conv2D, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding, "data_format": data_format,
                        "dilation_rate": dilation_rate}, kwargs)


def conv3d(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
           data_format="channels_last", dilation_rate=(1, 1, 1), name=None, reuse=None,
           **kwargs):
    return _functional(Conv3D, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding, "data_format": data_format,
                        "dilation_rate": dilation_rate}, kwargs)


def conv2d_transpose(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", name=None, reuse=None, **kwargs):
    return _functional(Conv2DTranspose, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding,
                        "data_format": data_format}, kwargs)


def conv3d_transpose(inputs, filters, kernel_size, strides=(1, 1, 1), padding="valid",
                     data_format="channels_last", name=None, reuse=None, **kwargs):
    return _functional(Conv3DTranspose, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding,
                        "data_format": data_format}, kwargs)


def separable_conv1d(inputs, filters, kernel_size, strides=1, padding="valid",
                     data_format="channels_last", dilation_rate=1, depth_multiplier=1,
                     name=None, reuse=None, **kwargs):
    return _functional(SeparableConv1D, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding, "data_format": data_format,
                        "dilation_rate": dilation_rate,
                        "depth_multiplier": depth_multiplier}, kwargs)


def separable_conv2d(inputs, filters, kernel_size, strides=(1, 1), padding="valid",
                     data_format="channels_last", dilation_rate=(1, 1), depth_multiplier=1,
                     name=None, reuse=None, **kwargs):
    return _functional(SeparableConv2D, inputs, name, reuse, [filters, kernel_size],
                       {"strides": strides, "padding": padding, "data_format": data_format,
                        "dilation_rate": dilation_rate,
                        "depth_multiplier": depth_multiplier}, kwargs)
