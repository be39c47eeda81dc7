"""`tf.contrib.layers` = `tf.contrib.slim` layers (TF 1.15 `contrib/layers/python/layers/
layers.py`, `normalization.py`): each opens `variable_scope(scope, <Default>, reuse=reuse)` and
builds a `tf.layers` layer in it whose variables a custom getter renames (`kernel` → `weights`,
`bias` → `biases`) and files as model variables. Default scopes: `fully_connected`, `Conv`,
`Conv2d_transpose`, `Conv3d_transpose`, `SeparableConv2d`, `BatchNorm`, `LayerNorm`,
`InstanceNorm`, `GroupNorm`, `BiasAdd`, `EmbedSequence` (encoders.py), and the variable-free
`softmax`, `UnitNorm`, `MaxOut`, `OneHotEncoding`."""
import tensorflow as tf

from tensorflow._lib import _support, convolutional, core, framework, normalization, pooling
from tensorflow._lib import layers_utils, moving_averages
from tensorflow._lib.framework import add_arg_scope

DATA_FORMAT_NCHW = "NCHW"
DATA_FORMAT_NHWC = "NHWC"
DATA_FORMAT_NCDHW = "NCDHW"
DATA_FORMAT_NDHWC = "NDHWC"
# Default initializers are named, not instances made at import: an initializer object belongs
# to the run that made it ("glorot_uniform" is what `xavier_initializer()` draws from).


def xavier_initializer(uniform=True, seed=None, dtype=tf.float32):
    """`tf.contrib.layers.xavier_initializer`: Glorot's scaling, fan_avg."""
    if uniform:
        return tf.glorot_uniform_initializer(seed=seed, dtype=dtype)
    return tf.variance_scaling_initializer(scale=1.0, mode="fan_avg",
                                           distribution="truncated_normal", seed=seed,
                                           dtype=dtype)


def variance_scaling_initializer(factor=2.0, mode='FAN_IN', uniform=False, seed=None,
                                 dtype=tf.float32):
    """`tf.contrib.layers.variance_scaling_initializer` (TF 1.15 `initializers.py`): a function
    of (shape, dtype, partition_info) drawing `random_uniform` within +-sqrt(3 * factor / n), or
    `truncated_normal` of stddev sqrt(1.3 * factor / n), n the fan in, out or their mean (the
    dimensions before the last two multiply both fans)."""
    if not dtype.is_floating:
        raise TypeError('Cannot create initializer for non-floating point type.')
    if mode not in ['FAN_IN', 'FAN_OUT', 'FAN_AVG']:
        raise TypeError('Unknown mode %s [FAN_IN, FAN_OUT, FAN_AVG]', mode)

    def _initializer(shape, dtype=dtype, partition_info=None):
        if not dtype.is_floating:
            raise TypeError('Cannot create initializer for non-floating point type.')
        if shape:
            fan_in = float(shape[-2]) if len(shape) > 1 else float(shape[-1])
            fan_out = float(shape[-1])
        else:
            fan_in = 1.0
            fan_out = 1.0
        for dim in shape[:-2]:
            fan_in *= float(dim)
            fan_out *= float(dim)
        if mode == 'FAN_IN':
            n = fan_in
        elif mode == 'FAN_OUT':
            n = fan_out
        else:
            n = (fan_in + fan_out) / 2.0
        if uniform:
            limit = (3.0 * factor / n) ** 0.5
            return tf.random_uniform(shape, -limit, limit, dtype, seed=seed)
        return tf.truncated_normal(shape, 0.0, (1.3 * factor / n) ** 0.5, dtype, seed=seed)

    return _initializer


def _model_variable_getter(getter, name, shape=None, dtype=None, initializer=None,
                           regularizer=None, trainable=True, collections=None,
                           caching_device=None, partitioner=None, rename=None,
                           use_resource=None, **kwargs):
    """Renames the last component of `name` per `rename`, then makes a model variable."""
    short_name = name.split("/")[-1]
    if rename and short_name in rename:
        parts = name.split("/")
        parts[len(parts) - 1] = rename[short_name]
        name = "/".join(parts)
    return framework.model_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                                    regularizer=regularizer, collections=collections,
                                    trainable=trainable, caching_device=caching_device,
                                    partitioner=partitioner, custom_getter=getter,
                                    use_resource=use_resource)


def _build_variable_getter(rename=None):
    def layer_variable_getter(getter, *args, **kwargs):
        kwargs["rename"] = rename
        return _model_variable_getter(getter, *args, **kwargs)

    return layer_variable_getter


def _contains(items, item):
    for x in items:
        if x is item:
            return True
    return False


def _variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


def _add_variable_to_collections(variable, collections_set, collections_name):
    collections = _variable_collections(collections_set, collections_name) or []
    parts = [variable]
    if isinstance(variable, tf.PartitionedVariable):
        parts = list(variable)
    for collection in collections:
        for v in parts:
            if not _contains(tf.get_collection(collection), v):
                tf.add_to_collection(collection, v)


def _collect_named_outputs(collections, alias, outputs):
    return layers_utils.collect_named_outputs(collections, alias, outputs)


def _data_format_name(data_format):
    if data_format and data_format.startswith("NC"):
        return "channels_first"
    return "channels_last"


@add_arg_scope
def fully_connected(inputs, num_outputs, activation_fn=tf.nn.relu, normalizer_fn=None,
                    normalizer_params=None, weights_initializer="glorot_uniform",
                    weights_regularizer=None, biases_initializer="zeros",
                    biases_regularizer=None, reuse=None, variables_collections=None,
                    outputs_collections=None, trainable=True, scope=None):
    if not isinstance(num_outputs, int):
        raise ValueError("num_outputs should be int or long, got %s." % (num_outputs,))
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with tf.variable_scope(scope, "fully_connected", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = tf.convert_to_tensor(inputs)
        layer = core.Dense(units=num_outputs, activation=None,
                           use_bias=not normalizer_fn and biases_initializer,
                           kernel_initializer=weights_initializer,
                           bias_initializer=biases_initializer,
                           kernel_regularizer=weights_regularizer,
                           bias_regularizer=biases_regularizer, activity_regularizer=None,
                           trainable=trainable, name=sc.name, dtype=inputs.dtype.base_dtype,
                           _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.bias is not None:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        if normalizer_fn is not None:
            if not normalizer_params:
                normalizer_params = {}
            outputs = normalizer_fn(outputs, **normalizer_params)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def convolution(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                rate=1, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                weights_initializer="glorot_uniform", weights_regularizer=None,
                biases_initializer="zeros", biases_regularizer=None, reuse=None,
                variables_collections=None, outputs_collections=None, trainable=True,
                scope=None, conv_dims=None):
    if data_format not in [None, "NWC", "NCW", "NHWC", "NCHW", "NDHWC", "NCDHW"]:
        raise ValueError("Invalid data_format: %r" % (data_format,))
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with tf.variable_scope(scope, "Conv", [inputs], reuse=reuse, custom_getter=getter) as sc:
        inputs = tf.convert_to_tensor(inputs)
        input_rank = inputs.get_shape().ndims
        if conv_dims is not None:
            if conv_dims + 2 != input_rank:
                raise ValueError("Convolution expects input with rank %d, got %d"
                                 % (conv_dims + 2, input_rank))
            # Past the check the rank is known (the analyzer, which may not know it, learns it).
            input_rank = conv_dims + 2
        if input_rank == 3:
            layer_class = convolutional.Conv1D
        elif input_rank == 4:
            layer_class = convolutional.Conv2D
        elif input_rank == 5:
            layer_class = convolutional.Conv3D
        else:
            raise ValueError("Convolution not supported for input with rank", input_rank)
        layer = layer_class(filters=num_outputs, kernel_size=kernel_size, strides=stride,
                            padding=padding, data_format=_data_format_name(data_format),
                            dilation_rate=rate, activation=None,
                            use_bias=not normalizer_fn and biases_initializer,
                            kernel_initializer=weights_initializer,
                            bias_initializer=biases_initializer,
                            kernel_regularizer=weights_regularizer,
                            bias_regularizer=biases_regularizer, activity_regularizer=None,
                            trainable=trainable, name=sc.name, dtype=inputs.dtype.base_dtype,
                            _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.use_bias:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        if normalizer_fn is not None:
            normalizer_params = normalizer_params or {}
            outputs = normalizer_fn(outputs, **normalizer_params)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def convolution1d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                  rate=1, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                  weights_initializer="glorot_uniform", weights_regularizer=None,
                  biases_initializer="zeros", biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    return convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                       activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                       weights_regularizer, biases_initializer, biases_regularizer, reuse,
                       variables_collections, outputs_collections, trainable, scope,
                       conv_dims=1)


@add_arg_scope
def convolution2d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                  rate=1, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                  weights_initializer="glorot_uniform", weights_regularizer=None,
                  biases_initializer="zeros", biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    return convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                       activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                       weights_regularizer, biases_initializer, biases_regularizer, reuse,
                       variables_collections, outputs_collections, trainable, scope,
                       conv_dims=2)


@add_arg_scope
def convolution3d(inputs, num_outputs, kernel_size, stride=1, padding="SAME", data_format=None,
                  rate=1, activation_fn=tf.nn.relu, normalizer_fn=None, normalizer_params=None,
                  weights_initializer="glorot_uniform", weights_regularizer=None,
                  biases_initializer="zeros", biases_regularizer=None,
                  reuse=None, variables_collections=None, outputs_collections=None,
                  trainable=True, scope=None):
    return convolution(inputs, num_outputs, kernel_size, stride, padding, data_format, rate,
                       activation_fn, normalizer_fn, normalizer_params, weights_initializer,
                       weights_regularizer, biases_initializer, biases_regularizer, reuse,
                       variables_collections, outputs_collections, trainable, scope,
                       conv_dims=3)


def _convolution_transpose(layer_class, default_scope, formats, inputs, num_outputs,
                           kernel_size, stride, padding, data_format, activation_fn,
                           normalizer_fn, normalizer_params, weights_initializer,
                           weights_regularizer, biases_initializer, biases_regularizer, reuse,
                           variables_collections, outputs_collections, trainable, scope):
    """What conv2d_transpose and conv3d_transpose share: a Keras-style transposed convolution
    under `scope` (default `default_scope`), its kernel/bias renamed weights/biases."""
    getter = _build_variable_getter({"bias": "biases", "kernel": "weights"})
    with tf.variable_scope(scope, default_scope, [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        if data_format not in formats:
            raise ValueError("data_format has to be either %s or %s." % formats)
        inputs = tf.convert_to_tensor(inputs)
        layer = layer_class(
            filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
            data_format=_data_format_name(data_format), activation=None,
            use_bias=not normalizer_fn and biases_initializer,
            kernel_initializer=weights_initializer, bias_initializer=biases_initializer,
            kernel_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
            activity_regularizer=None, trainable=trainable, name=sc.name,
            dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
        outputs = layer.apply(inputs)
        _add_variable_to_collections(layer.kernel, variables_collections, "weights")
        if layer.bias is not None:
            _add_variable_to_collections(layer.bias, variables_collections, "biases")
        if normalizer_fn is not None:
            normalizer_params = normalizer_params or {}
            outputs = normalizer_fn(outputs, **normalizer_params)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def convolution2d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NHWC, activation_fn=tf.nn.relu,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer="glorot_uniform", weights_regularizer=None,
                            biases_initializer="zeros", biases_regularizer=None,
                            reuse=None, variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    return _convolution_transpose(
        convolutional.Conv2DTranspose, "Conv2d_transpose", (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC),
        inputs, num_outputs, kernel_size, stride, padding, data_format, activation_fn,
        normalizer_fn, normalizer_params, weights_initializer, weights_regularizer,
        biases_initializer, biases_regularizer, reuse, variables_collections,
        outputs_collections, trainable, scope)


@add_arg_scope
def convolution3d_transpose(inputs, num_outputs, kernel_size, stride=1, padding="SAME",
                            data_format=DATA_FORMAT_NDHWC, activation_fn=tf.nn.relu,
                            normalizer_fn=None, normalizer_params=None,
                            weights_initializer="glorot_uniform", weights_regularizer=None,
                            biases_initializer="zeros", biases_regularizer=None,
                            reuse=None, variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    return _convolution_transpose(
        convolutional.Conv3DTranspose, "Conv3d_transpose",
        (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC), inputs, num_outputs, kernel_size, stride,
        padding, data_format, activation_fn, normalizer_fn, normalizer_params,
        weights_initializer, weights_regularizer, biases_initializer, biases_regularizer, reuse,
        variables_collections, outputs_collections, trainable, scope)


def _two(value):
    if isinstance(value, int):
        return [value, value]
    return [int(v) for v in value]


@add_arg_scope
def separable_convolution2d(inputs, num_outputs, kernel_size, depth_multiplier=1, stride=1,
                            padding="SAME", data_format=DATA_FORMAT_NHWC, rate=1,
                            activation_fn=tf.nn.relu, normalizer_fn=None,
                            normalizer_params=None, weights_initializer="glorot_uniform",
                            pointwise_initializer=None, weights_regularizer=None,
                            biases_initializer="zeros", biases_regularizer=None,
                            reuse=None, variables_collections=None, outputs_collections=None,
                            trainable=True, scope=None):
    getter = _build_variable_getter({"bias": "biases", "depthwise_kernel": "depthwise_weights",
                                     "pointwise_kernel": "pointwise_weights"})
    with tf.variable_scope(scope, "SeparableConv2d", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = tf.convert_to_tensor(inputs)
        if pointwise_initializer is None:
            pointwise_initializer = weights_initializer
        df = _data_format_name(data_format)
        if num_outputs is not None:
            layer = convolutional.SeparableConv2D(
                filters=num_outputs, kernel_size=kernel_size, strides=stride, padding=padding,
                data_format=df, dilation_rate=_two(rate), activation=None,
                depth_multiplier=depth_multiplier,
                use_bias=not normalizer_fn and biases_initializer,
                depthwise_initializer=weights_initializer,
                pointwise_initializer=pointwise_initializer,
                bias_initializer=biases_initializer, depthwise_regularizer=weights_regularizer,
                pointwise_regularizer=weights_regularizer, bias_regularizer=biases_regularizer,
                activity_regularizer=None, trainable=trainable, name=sc.name,
                dtype=inputs.dtype.base_dtype, _scope=sc, _reuse=reuse)
            outputs = layer.apply(inputs)
            _add_variable_to_collections(layer.depthwise_kernel, variables_collections,
                                         "weights")
            _add_variable_to_collections(layer.pointwise_kernel, variables_collections,
                                         "weights")
            if layer.bias is not None:
                _add_variable_to_collections(layer.bias, variables_collections, "biases")
            if normalizer_fn is not None:
                normalizer_params = normalizer_params or {}
                outputs = normalizer_fn(outputs, **normalizer_params)
        else:
            dtype = inputs.dtype.base_dtype
            kernel = _two(kernel_size)
            strides = _two(stride)
            dims = inputs.get_shape().as_list()
            channel_axis = 3
            if df == "channels_first":
                channel_axis = 1
            num_filters_in = dims[channel_axis]
            if num_filters_in is None:
                raise ValueError("Number of in-channels must be known.")
            depthwise_weights = framework.model_variable(
                "depthwise_weights", shape=[kernel[0], kernel[1], num_filters_in,
                                            depth_multiplier],
                dtype=dtype, initializer=core.get_initializer(weights_initializer),
                regularizer=weights_regularizer,
                trainable=trainable,
                collections=_variable_collections(variables_collections, "weights"))
            num_outputs = depth_multiplier * num_filters_in
            spatial = convolutional._spatial_dims(dims, df, 2)
            pad = padding.lower()
            out = [convolutional.conv_output_length(spatial[0], kernel[0], pad, strides[0]),
                   convolutional.conv_output_length(spatial[1], kernel[1], pad, strides[1])]
            if df == "channels_first":
                outputs = _support.unimplemented_op(
                    "DepthwiseConv2dNative", [inputs, depthwise_weights], dtype,
                    convolutional._assemble(dims[0], out, num_outputs, df), name="depthwise")
            else:
                # layers.py (1.15) `separable_convolution2d` without num_outputs:
                # `nn.depthwise_conv2d` (scope `depthwise`).
                outputs = tf.nn.depthwise_conv2d(inputs, depthwise_weights,
                                                 [1, strides[0], strides[1], 1], padding,
                                                 rate=_two(rate))
            if normalizer_fn is not None:
                normalizer_params = normalizer_params or {}
                outputs = normalizer_fn(outputs, **normalizer_params)
            elif biases_initializer is not None:
                biases = framework.model_variable(
                    "biases", shape=[num_outputs], dtype=dtype,
                    initializer=core.get_initializer(biases_initializer),
                    regularizer=biases_regularizer, trainable=trainable,
                    collections=_variable_collections(variables_collections, "biases"))
                outputs = tf.nn.bias_add(outputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def _assign_moving_average(variable, value, decay):
    """moving_averages.py (1.15) `assign_moving_average(..., zero_debias=False)`."""
    return moving_averages.assign_moving_average(variable, value, decay, zero_debias=False)


def _fused_batch_norm_updates(inputs, gamma, beta, moving_mean, moving_variance, epsilon,
                              decay, is_training, updates_collections, data_format):
    """slim's `_fused_batch_norm` (TF 1.15 contrib/layers/python/layers/layers.py) from the
    fused op on: `smart_cond(is_training, training, inference)` of `tf.nn.fused_batch_norm`
    gives the output, mean and variance (a `FusedBatchNormV3` each; the training one's variance
    has Bessel's correction); unless `is_training` is False the moving averages' updates are a
    second `smart_cond`, forced before the output (`updates_collections=None`) or delayed into
    the collections."""

    results = normalization.fused_batch_norm_cond(is_training, inputs, gamma, beta, moving_mean,
                                                  moving_variance, epsilon, data_format)
    outputs = results[0]
    mean = results[1]
    variance = results[2]
    if is_training is False:
        return outputs
    if updates_collections is None:

        def force_updates():
            update_mean = _assign_moving_average(moving_mean, mean, decay)
            update_variance = _assign_moving_average(moving_variance, variance, decay)
            with tf.control_dependencies([update_mean, update_variance]):
                return tf.identity(outputs)

        def no_updates():
            return outputs

        return core.smart_cond(is_training, force_updates, no_updates)

    def delay_updates():
        update_mean = _assign_moving_average(moving_mean, mean, decay)
        update_variance = _assign_moving_average(moving_variance, variance, decay)
        return update_mean, update_variance

    def moving_vars_fn():
        return moving_mean, moving_variance

    updates = core.smart_cond(is_training, delay_updates, moving_vars_fn)
    tf.add_to_collections(updates_collections, updates[0])
    tf.add_to_collections(updates_collections, updates[1])
    return outputs


def _fused_batch_norm(inputs, decay, center, scale, epsilon, activation_fn, param_initializers,
                      param_regularizers, updates_collections, is_training, reuse,
                      variables_collections, outputs_collections, trainable, data_format,
                      zero_debias_moving_mean, scope):
    """slim's `_fused_batch_norm` (rank 2 or 4): beta, gamma, moving_mean, moving_variance as
    model variables, in that order."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with tf.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        dims = inputs.get_shape().as_list()
        rank = len(dims)
        original_inputs = inputs
        if rank == 2:
            # TF runs its 4-D fused op on [-1, 1, 1, C] ([-1, C, 1, 1] for NCHW) and
            # reshapes the result back.
            if dims[1] is None:
                raise ValueError("`C` dimension must be known but is None")
            params_shape = [dims[1]]
            if data_format == DATA_FORMAT_NCHW:
                inputs = tf.reshape(inputs, [-1, dims[1], 1, 1])
            else:
                inputs = tf.reshape(inputs, [-1, 1, 1, dims[1]])
            dims = inputs.get_shape().as_list()
        elif data_format == DATA_FORMAT_NHWC:
            params_shape = [dims[3]]
        else:
            params_shape = [dims[1]]
        if params_shape[0] is None:
            raise ValueError("Inputs %s has undefined `C` dimension %s."
                             % (inputs.name, tf.TensorShape(params_shape)))
        if not param_initializers:
            param_initializers = {}
        if not param_regularizers:
            param_regularizers = {}
        beta = None
        gamma = None
        if center:
            beta = framework.model_variable(
                "beta", shape=params_shape, dtype=tf.float32,
                initializer=param_initializers.get("beta", tf.zeros_initializer()),
                regularizer=param_regularizers.get("beta"),
                collections=_variable_collections(variables_collections, "beta"),
                trainable=trainable)
        else:
            beta = tf.constant(0.0, dtype=tf.float32, shape=params_shape)
        if scale:
            gamma = framework.model_variable(
                "gamma", shape=params_shape, dtype=tf.float32,
                initializer=param_initializers.get("gamma", tf.ones_initializer()),
                regularizer=param_regularizers.get("gamma"),
                collections=_variable_collections(variables_collections, "gamma"),
                trainable=trainable)
        else:
            gamma = tf.constant(1.0, dtype=tf.float32, shape=params_shape)
        with tf.variable_scope(tf.get_variable_scope()) as local_scope:
            local_scope.set_partitioner(None)
            moving_mean = framework.model_variable(
                "moving_mean", shape=params_shape, dtype=tf.float32,
                initializer=param_initializers.get("moving_mean", tf.zeros_initializer()),
                trainable=False,
                collections=_variable_collections(variables_collections, "moving_mean"))
            moving_variance = framework.model_variable(
                "moving_variance", shape=params_shape, dtype=tf.float32,
                initializer=param_initializers.get("moving_variance", tf.ones_initializer()),
                trainable=False,
                collections=_variable_collections(variables_collections, "moving_variance"))
        if zero_debias_moving_mean:
            raise NotImplementedError(
                "Scope Lens does not implement batch_norm(zero_debias_moving_mean=True) yet.")
        outputs = _fused_batch_norm_updates(inputs, gamma, beta, moving_mean, moving_variance,
                                            epsilon, decay, is_training, updates_collections,
                                            data_format)
        outputs.set_shape(inputs.get_shape())
        if rank == 2:
            outputs = tf.reshape(outputs, tf.shape(original_inputs))
            outputs.set_shape(original_inputs.get_shape())
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def _legacy_batch_norm(inputs, decay, center, scale, epsilon, activation_fn, param_initializers,
                       updates_collections, is_training, variables_collections,
                       outputs_collections, trainable, batch_weights, data_format,
                       zero_debias_moving_mean, renorm, sc):
    """slim's `batch_norm` where neither the fused op nor the layer class serves (TF 1.15
    layers.py): custom `updates_collections` (None: the updates forced before the output) or
    `zero_debias_moving_mean` on an input of rank other than 2 or 4. beta, gamma, moving_mean,
    moving_variance as model variables (no regularizers: TF passes none here), the moments over
    every axis but the channels', then `tf.nn.batch_normalization`."""
    if renorm:
        raise ValueError("renorm is not supported with batch_weights, updates_collections or "
                         "zero_debias_moving_mean")
    if batch_weights is not None:
        raise NotImplementedError("Scope Lens does not implement batch_norm(batch_weights=...)"
                                  " yet.")
    inputs_shape = inputs.get_shape()
    rank = inputs_shape.ndims
    if rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    dims = inputs_shape.as_list()
    dtype = inputs.dtype.base_dtype
    broadcast = None
    if data_format == DATA_FORMAT_NCHW:
        moments_axes = [0] + list(range(2, rank))
        params_shape = dims[1:2]
        broadcast = [1, dims[1]] + [1 for _ in range(2, rank)]
    else:
        moments_axes = list(range(rank - 1))
        params_shape = dims[rank - 1:]
    if None in params_shape:
        raise ValueError("Inputs %s has undefined channels dimension %s."
                         % (inputs.name, tf.TensorShape(params_shape)))
    if not param_initializers:
        param_initializers = {}
    beta = None
    gamma = None
    if center:
        beta = framework.model_variable(
            "beta", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("beta", tf.zeros_initializer()),
            collections=_variable_collections(variables_collections, "beta"),
            trainable=trainable)
    if scale:
        gamma = framework.model_variable(
            "gamma", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("gamma", tf.ones_initializer()),
            collections=_variable_collections(variables_collections, "gamma"),
            trainable=trainable)
    with tf.variable_scope(tf.get_variable_scope()) as local_scope:
        local_scope.set_partitioner(None)
        moving_mean = framework.model_variable(
            "moving_mean", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("moving_mean", tf.zeros_initializer()),
            trainable=False,
            collections=_variable_collections(variables_collections, "moving_mean"))
        moving_variance = framework.model_variable(
            "moving_variance", shape=params_shape, dtype=dtype,
            initializer=param_initializers.get("moving_variance", tf.ones_initializer()),
            trainable=False,
            collections=_variable_collections(variables_collections, "moving_variance"))
    # TF's `utils.constant_value(is_training)`: a tensor's value is taken as not known.
    need_moments = True
    if isinstance(is_training, bool):
        need_moments = is_training
    if need_moments:
        if data_format == DATA_FORMAT_NCHW:
            moments = tf.nn.moments(inputs, moments_axes, keep_dims=True)
            mean = tf.reshape(moments[0], [-1])
            variance = tf.reshape(moments[1], [-1])
        else:
            moments = tf.nn.moments(inputs, moments_axes)
            mean = moments[0]
            variance = moments[1]

        def moving_vars_fn():
            return moving_mean, moving_variance

        def updates():
            update_mean = moving_averages.assign_moving_average(
                moving_mean, mean, decay, zero_debias=zero_debias_moving_mean)
            update_variance = moving_averages.assign_moving_average(
                moving_variance, variance, decay, zero_debias=False)
            return update_mean, update_variance

        if updates_collections is None:

            def force_updates():
                with tf.control_dependencies(list(updates())):
                    return tf.identity(mean), tf.identity(variance)

            statistics = core.smart_cond(is_training, force_updates, moving_vars_fn)
        else:
            delayed = core.smart_cond(is_training, updates, moving_vars_fn)
            tf.add_to_collections(updates_collections, delayed[0])
            tf.add_to_collections(updates_collections, delayed[1])

            def vars_fn():
                return mean, variance

            statistics = core.smart_cond(is_training, vars_fn, moving_vars_fn)
        mean = statistics[0]
        variance = statistics[1]
    else:
        mean = moving_mean
        variance = moving_variance
    if broadcast is not None:
        mean = tf.reshape(mean, broadcast)
        variance = tf.reshape(variance, broadcast)
        if beta is not None:
            beta = tf.reshape(beta, broadcast)
        if gamma is not None:
            gamma = tf.reshape(gamma, broadcast)
    outputs = tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon)
    outputs.set_shape(inputs_shape)
    if activation_fn is not None:
        outputs = activation_fn(outputs)
    return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def batch_norm(inputs, decay=0.999, center=True, scale=False, epsilon=0.001, activation_fn=None,
               param_initializers=None, param_regularizers=None,
               updates_collections=tf.GraphKeys.UPDATE_OPS, is_training=True, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               batch_weights=None, fused=None, data_format=DATA_FORMAT_NHWC,
               zero_debias_moving_mean=False, scope=None, renorm=False, renorm_clipping=None,
               renorm_decay=0.99, adjustment=None):
    if fused is None:
        fused = True
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.get_shape().ndims
    possible_to_fuse = (batch_weights is None and not renorm and rank in [2, 4]
                        and adjustment is None)
    if fused and possible_to_fuse and (zero_debias_moving_mean or rank == 2
                                       or updates_collections != tf.GraphKeys.UPDATE_OPS):
        return _fused_batch_norm(inputs, decay, center, scale, epsilon, activation_fn,
                                 param_initializers, param_regularizers, updates_collections,
                                 is_training, reuse, variables_collections,
                                 outputs_collections, trainable, data_format,
                                 zero_debias_moving_mean, scope)
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    getter = _build_variable_getter()
    with tf.variable_scope(scope, "BatchNorm", [inputs], reuse=reuse,
                           custom_getter=getter) as sc:
        inputs = tf.convert_to_tensor(inputs)
        if (batch_weights is not None or updates_collections != tf.GraphKeys.UPDATE_OPS
                or zero_debias_moving_mean):
            return _legacy_batch_norm(inputs, decay, center, scale, epsilon, activation_fn,
                                      param_initializers, updates_collections, is_training,
                                      variables_collections, outputs_collections, trainable,
                                      batch_weights, data_format, zero_debias_moving_mean,
                                      renorm, sc)
        axis = -1
        if data_format == DATA_FORMAT_NCHW:
            axis = 1
        if not param_initializers:
            param_initializers = {}
        if not param_regularizers:
            param_regularizers = {}
        layer = normalization.BatchNormalization(
            axis=axis, momentum=decay, epsilon=epsilon, center=center, scale=scale,
            beta_initializer=param_initializers.get("beta", tf.zeros_initializer()),
            gamma_initializer=param_initializers.get("gamma", tf.ones_initializer()),
            moving_mean_initializer=param_initializers.get("moving_mean",
                                                           tf.zeros_initializer()),
            moving_variance_initializer=param_initializers.get("moving_variance",
                                                               tf.ones_initializer()),
            beta_regularizer=param_regularizers.get("beta"),
            gamma_regularizer=param_regularizers.get("gamma"), trainable=trainable,
            renorm=renorm, renorm_clipping=renorm_clipping, renorm_momentum=renorm_decay,
            adjustment=adjustment, name=sc.name, _scope=sc, _reuse=reuse, fused=fused)
        outputs = layer.apply(inputs, training=is_training)
        _add_variable_to_collections(layer.moving_mean, variables_collections, "moving_mean")
        _add_variable_to_collections(layer.moving_variance, variables_collections,
                                     "moving_variance")
        if layer.beta is not None:
            _add_variable_to_collections(layer.beta, variables_collections, "beta")
        if layer.gamma is not None:
            _add_variable_to_collections(layer.gamma, variables_collections, "gamma")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def layer_norm(inputs, center=True, scale=True, activation_fn=None, reuse=None,
               variables_collections=None, outputs_collections=None, trainable=True,
               begin_norm_axis=1, begin_params_axis=-1, scope=None):
    with tf.variable_scope(scope, "LayerNorm", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        rank = inputs.get_shape().ndims
        if rank is None:
            raise ValueError("Inputs %s has undefined rank." % inputs.name)
        dims = inputs.get_shape().as_list()
        dtype = inputs.dtype.base_dtype
        if begin_norm_axis < 0:
            begin_norm_axis = rank + begin_norm_axis
        if begin_params_axis >= rank or begin_norm_axis >= rank:
            raise ValueError("begin_params_axis (%d) and begin_norm_axis (%d) must be < "
                             "rank(inputs) (%d)" % (begin_params_axis, begin_norm_axis, rank))
        start = begin_params_axis
        if start < 0:
            start = rank + start
        params_shape = dims[start:]
        if None in params_shape:
            raise ValueError("Inputs %s: shape(inputs)[%s:] is not fully defined: %s"
                             % (inputs.name, begin_params_axis, inputs.get_shape()))
        beta = None
        gamma = None
        if center:
            beta = framework.model_variable(
                "beta", shape=params_shape, dtype=dtype, initializer=tf.zeros_initializer(),
                collections=_variable_collections(variables_collections, "beta"),
                trainable=trainable)
        if scale:
            gamma = framework.model_variable(
                "gamma", shape=params_shape, dtype=dtype, initializer=tf.ones_initializer(),
                collections=_variable_collections(variables_collections, "gamma"),
                trainable=trainable)
        norm_axes = list(range(begin_norm_axis, rank))
        mean, variance = tf.nn.moments(inputs, norm_axes, keep_dims=True)
        epsilon = 1e-12
        if dtype == tf.float16:
            epsilon = 1e-3
        outputs = tf.nn.batch_normalization(inputs, mean, variance, offset=beta, scale=gamma,
                                            variance_epsilon=epsilon)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def instance_norm(inputs, center=True, scale=True, epsilon=1e-6, activation_fn=None,
                  param_initializers=None, reuse=None, variables_collections=None,
                  outputs_collections=None, trainable=True, data_format=DATA_FORMAT_NHWC,
                  scope=None):
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.get_shape().ndims
    if rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    dims = inputs.get_shape().as_list()
    with tf.variable_scope(scope, "InstanceNorm", [inputs], reuse=reuse) as sc:
        if data_format == DATA_FORMAT_NCHW:
            reduction_axis = 1
        else:
            reduction_axis = rank - 1
        moments_axes = []
        for i in range(1, rank):
            if i != reduction_axis:
                moments_axes.append(i)
        params_shape = [dims[reduction_axis]]
        if params_shape[0] is None:
            raise ValueError("Inputs %s has undefined channels dimension %s."
                             % (inputs.name, tf.TensorShape(params_shape)))
        dtype = inputs.dtype.base_dtype
        if param_initializers is None:
            param_initializers = {}
        beta = None
        gamma = None
        # For NCHW, layers.py (1.15) `instance_norm` reshapes each parameter right after
        # making it to `[1, C, 1, ...]` (`Reshape`, `Reshape_1`) to broadcast explicitly.
        broadcast = None
        if data_format == DATA_FORMAT_NCHW:
            broadcast = [1, dims[1]] + [1] * (rank - 2)
        if center:
            beta = framework.model_variable(
                "beta", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("beta", tf.zeros_initializer()),
                collections=_variable_collections(variables_collections, "beta"),
                trainable=trainable)
            if broadcast is not None:
                beta = tf.reshape(beta, broadcast)
        if scale:
            gamma = framework.model_variable(
                "gamma", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("gamma", tf.ones_initializer()),
                collections=_variable_collections(variables_collections, "gamma"),
                trainable=trainable)
            if broadcast is not None:
                gamma = tf.reshape(gamma, broadcast)
        mean, variance = tf.nn.moments(inputs, moments_axes, keep_dims=True)
        outputs = tf.nn.batch_normalization(inputs, mean, variance, beta, gamma, epsilon,
                                            name="instancenorm")
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


@add_arg_scope
def flatten(inputs, outputs_collections=None, scope=None):
    with tf.name_scope(scope, "Flatten", [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        outputs = core.flatten(inputs)
        return _collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def dropout(inputs, keep_prob=0.5, noise_shape=None, is_training=True, outputs_collections=None,
            scope=None, seed=None):
    with tf.variable_scope(scope, "Dropout", [inputs],
                           custom_getter=_model_variable_getter) as sc:
        inputs = tf.convert_to_tensor(inputs)
        layer = core.Dropout(rate=1 - keep_prob, noise_shape=noise_shape, seed=seed,
                             name=sc.name, _scope=sc)
        outputs = layer.apply(inputs, training=is_training)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def _pool2d(layer_class, default_name, inputs, kernel_size, stride, padding, data_format,
            outputs_collections, scope):
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with tf.name_scope(scope, default_name, [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        layer = layer_class(pool_size=kernel_size, strides=stride, padding=padding,
                            data_format=_data_format_name(data_format), _scope=sc)
        outputs = layer.apply(inputs)
        return _collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def max_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
    return _pool2d(pooling.MaxPooling2D, "MaxPool2D", inputs, kernel_size, stride, padding,
                   data_format, outputs_collections, scope)


@add_arg_scope
def avg_pool2d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NHWC,
               outputs_collections=None, scope=None):
    return _pool2d(pooling.AveragePooling2D, "AvgPool2D", inputs, kernel_size, stride, padding,
                   data_format, outputs_collections, scope)


def _pool3d(layer_class, default_name, inputs, kernel_size, stride, padding, data_format,
            outputs_collections, scope):
    if data_format not in (DATA_FORMAT_NCDHW, DATA_FORMAT_NDHWC):
        raise ValueError("data_format has to be either NCDHW or NDHWC.")
    with tf.name_scope(scope, default_name, [inputs]) as sc:
        inputs = tf.convert_to_tensor(inputs)
        layer = layer_class(pool_size=kernel_size, strides=stride, padding=padding,
                            data_format=_data_format_name(data_format), _scope=sc)
        outputs = layer.apply(inputs)
        return _collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def max_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
    return _pool3d(pooling.MaxPooling3D, "MaxPool3D", inputs, kernel_size, stride, padding,
                   data_format, outputs_collections, scope)


@add_arg_scope
def avg_pool3d(inputs, kernel_size, stride=2, padding="VALID", data_format=DATA_FORMAT_NDHWC,
               outputs_collections=None, scope=None):
    return _pool3d(pooling.AveragePooling3D, "AvgPool3D", inputs, kernel_size, stride, padding,
                   data_format, outputs_collections, scope)


@add_arg_scope
def bias_add(inputs, activation_fn=None, initializer="zeros", regularizer=None, reuse=None,
             variables_collections=None, outputs_collections=None, trainable=True,
             data_format=DATA_FORMAT_NHWC, scope=None):
    """One `biases` model variable, as long as the channel dimension, added to `inputs`."""
    if data_format not in (DATA_FORMAT_NCHW, DATA_FORMAT_NHWC):
        raise ValueError("data_format has to be either NCHW or NHWC.")
    with tf.variable_scope(scope, "BiasAdd", [inputs], reuse=reuse) as sc:
        inputs = tf.convert_to_tensor(inputs)
        dtype = inputs.dtype.base_dtype
        rank = inputs.get_shape().ndims
        if rank is None:
            raise ValueError("Dims of shape must be known but is None")
        if rank != 4 and data_format == DATA_FORMAT_NCHW:
            raise ValueError("Data format NCHW only supports 4D Tensor")
        dims = inputs.get_shape().as_list()
        if data_format == DATA_FORMAT_NCHW:
            num_features = dims[1]
        else:
            num_features = dims[rank - 1]
        if num_features is None:
            raise ValueError("`C` dimension must be known but is None")
        biases = framework.model_variable(
            "biases", shape=[num_features], dtype=dtype,
            initializer=core.get_initializer(initializer),
            regularizer=regularizer,
            collections=_variable_collections(variables_collections, "biases"),
            trainable=trainable)
        outputs = tf.nn.bias_add(inputs, biases, data_format=data_format)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def _last_dimension(shape, min_rank):
    """`utils.last_dimension`: the last dimension of a `TensorShape`, which must be known."""
    if shape.ndims is None:
        raise ValueError("dims of shape must be known but is None")
    if shape.ndims < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, shape.ndims))
    value = shape.as_list()[shape.ndims - 1]
    if value is None:
        raise ValueError("dimension %d of shape must be known but is None: %s" % (-1, shape))
    return value


@add_arg_scope
def softmax(logits, scope=None):
    """Softmax over the last dimension of logits of any rank (at least 2)."""
    with tf.variable_scope(scope, "softmax", [logits]):
        num_logits = _last_dimension(logits.get_shape(), 2)
        logits_2d = tf.reshape(logits, [-1, num_logits])
        predictions = tf.nn.softmax(logits_2d)
        # layers.py (1.15) `softmax`: back to `tf.shape(logits)`, the static shape set.
        predictions = tf.reshape(predictions, tf.shape(logits))
        predictions.set_shape(logits.get_shape())
        return predictions


@add_arg_scope
def one_hot_encoding(labels, num_classes, on_value=1.0, off_value=0.0, outputs_collections=None,
                     scope=None):
    with tf.name_scope(scope, "OneHotEncoding", [labels, num_classes]) as sc:
        labels = tf.convert_to_tensor(labels)
        if labels.dtype == tf.int32:
            labels = tf.cast(labels, tf.int64, name="ToInt64")
        outputs = tf.one_hot(labels, num_classes, on_value=on_value, off_value=off_value)
        return _collect_named_outputs(outputs_collections, sc, outputs)


@add_arg_scope
def unit_norm(inputs, dim, epsilon=1e-7, scope=None):
    """`inputs` divided by its length along `dim`."""
    with tf.variable_scope(scope, "UnitNorm", [inputs]):
        if inputs.get_shape().ndims is None:
            raise ValueError("The input rank must be known.")
        input_rank = inputs.get_shape().ndims
        if dim < 0 or dim >= input_rank:
            raise ValueError("dim must be positive but smaller than the input rank.")
        lengths = tf.sqrt(epsilon + tf.reduce_sum(tf.square(inputs), dim, True))
        return tf.divide(inputs, lengths, name="div")


@add_arg_scope
def maxout(inputs, num_units, axis=-1, scope=None):
    """The maximum over `num_channels // num_units` groups along `axis`."""
    with tf.variable_scope(scope, "MaxOut", [inputs]):
        inputs = tf.convert_to_tensor(inputs)
        shape = inputs.get_shape().as_list()
        num_channels = shape[axis]
        if num_channels % num_units:
            raise ValueError("number of features({}) is not a multiple of num_units({})"
                             .format(num_channels, num_units))
        shape[axis] = num_units
        shape = shape + [num_channels // num_units]
        # layers.py (1.15) `maxout`: each unknown dimension from its own `tf.shape(inputs)`.
        for i in range(len(shape)):
            if shape[i] is None:
                shape[i] = tf.shape(inputs)[i]
        return tf.reduce_max(tf.reshape(inputs, shape), -1, keepdims=False)


@add_arg_scope
def group_norm(inputs, groups=32, channels_axis=-1, reduction_axes=(-3, -2), center=True,
               scale=True, epsilon=1e-6, activation_fn=None, param_initializers=None,
               reuse=None, variables_collections=None, outputs_collections=None,
               trainable=True, scope=None, mean_close_to_zero=False):
    """normalization.py: statistics per group of channels; `beta`/`gamma` of the channels."""
    inputs = tf.convert_to_tensor(inputs)
    rank = inputs.get_shape().ndims
    if rank is None:
        raise ValueError("Inputs %s has undefined rank." % inputs.name)
    if channels_axis > (rank - 1):
        raise ValueError("Axis is out of bounds.")
    dims = inputs.get_shape().as_list()
    if channels_axis < 0:
        channels_axis = rank + channels_axis
    channels = dims[channels_axis]
    if channels is None:
        raise ValueError("Inputs %s has undefined channel dimension: %d."
                         % (inputs.name, channels_axis))
    reduction_axes = list(reduction_axes)
    for i in range(len(reduction_axes)):
        if reduction_axes[i] < 0:
            reduction_axes[i] = reduction_axes[i] + rank
    for a in reduction_axes:
        if a > rank:
            raise ValueError("Axis is out of bounds.")
        if dims[a] is None:
            raise ValueError("Inputs %s has undefined dimensions %d." % (inputs.name, a))
        if channels_axis == a:
            raise ValueError("reduction_axis must be mutually exclusive with channels_axis")
    if groups > channels:
        raise ValueError("Invalid groups %d for %d channels." % (groups, channels))
    if channels % groups != 0:
        raise ValueError("%d channels is not commensurate with %d groups."
                         % (channels, groups))
    # normalization.py (1.15) `group_norm`: the dimensions not known statically are read
    # from one `tf.shape(inputs)`, made before anything else.
    dynamic_shape = tf.shape(inputs)
    shape_list = []
    for i in range(rank):
        if dims[i] is None:
            shape_list.append(dynamic_shape[i])
        else:
            shape_list.append(dims[i])
    before = shape_list[:channels_axis]
    after = shape_list[channels_axis + 1:]
    params_shape_broadcast = [1] * len(before) + [groups, channels // groups] + [1] * len(after)
    inputs = tf.reshape(inputs, before + [groups, channels // groups] + after)
    moments_axes = [channels_axis + 1]
    for a in reduction_axes:
        if a > channels_axis:
            moments_axes.append(a + 1)
        else:
            moments_axes.append(a)
    with tf.variable_scope(scope, "GroupNorm", [inputs], reuse=reuse) as sc:
        params_shape = [channels]
        dtype = inputs.dtype.base_dtype
        if param_initializers is None:
            param_initializers = {}
        beta = None
        gamma = None
        if center:
            beta = framework.model_variable(
                "beta", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("beta", tf.zeros_initializer()),
                collections=_variable_collections(variables_collections, "beta"),
                trainable=trainable)
            beta = tf.reshape(beta, params_shape_broadcast)
        if scale:
            gamma = framework.model_variable(
                "gamma", shape=params_shape, dtype=dtype,
                initializer=param_initializers.get("gamma", tf.ones_initializer()),
                collections=_variable_collections(variables_collections, "gamma"),
                trainable=trainable)
            gamma = tf.reshape(gamma, params_shape_broadcast)
        mean, variance = tf.nn.moments(inputs, moments_axes, keep_dims=True)
        gain = tf.rsqrt(variance + epsilon)
        offset = tf.negative(mean) * gain
        if gamma is not None:
            gain = gain * gamma
            offset = offset * gamma
        if beta is not None:
            offset = offset + beta
        outputs = tf.reshape(inputs * gain + offset, shape_list)
        if activation_fn is not None:
            outputs = activation_fn(outputs)
        return _collect_named_outputs(outputs_collections, sc.name, outputs)


def embed_sequence(ids, vocab_size=None, embed_dim=None, unique=False, initializer=None,
                   regularizer=None, trainable=True, scope=None, reuse=None):
    """encoders.py: an `embeddings` model variable `[vocab_size, embed_dim]` looked up by ids."""
    if not (reuse or (vocab_size and embed_dim)):
        raise ValueError("Must specify vocab size and embedding dimension when notreusing. "
                         "Got vocab_size=%s and embed_dim=%s" % (vocab_size, embed_dim))
    with tf.variable_scope(scope, "EmbedSequence", [ids], reuse=reuse):
        shape = [vocab_size, embed_dim]
        if reuse and vocab_size is None or embed_dim is None:
            shape = None
        embeddings = framework.model_variable("embeddings", shape=shape,
                                              initializer=initializer,
                                              regularizer=regularizer, trainable=trainable)
        if unique:
            raise NotImplementedError(
                "Scope Lens does not implement embed_sequence(unique=True) yet.")
        # `tf.nn.embedding_lookup` of one tensor: a gather named after its scope, then an
        # identity in that scope.
        with tf.name_scope(None, "embedding_lookup", [embeddings, ids]) as name:
            return tf.identity(tf.gather(embeddings, ids, name=name))


def scale_gradient(inputs, gradient_multiplier):
    """The identity on `inputs` (only its gradient is scaled, which the runtime does not run)."""
    return tf.identity(inputs, name="scale_gradient")


def legacy_fully_connected(x, num_output_units, activation_fn=None,
                           weight_init="glorot_uniform", bias_init="zeros", name=None,
                           weight_collections=(tf.GraphKeys.WEIGHTS,),
                           bias_collections=(tf.GraphKeys.BIASES,),
                           output_collections=(tf.GraphKeys.ACTIVATIONS,), trainable=True,
                           weight_regularizer=None, bias_regularizer=None):
    """The pre-slim fully connected layer: plain `get_variable`s `weights` and `bias`."""
    with tf.variable_scope(name, "fully_connected", [x]):
        x = tf.convert_to_tensor(x)
        rank = x.get_shape().ndims
        if rank is None:
            raise ValueError("dims of x must be known but is None")
        if rank < 2:
            raise ValueError("rank of x must be at least 2 not: %d" % rank)
        dims = x.get_shape().as_list()
        num_input_units = dims[rank - 1]
        if num_input_units is None:
            raise ValueError("last dimension of x must be known but is None")
        dtype = x.dtype.base_dtype
        w = tf.get_variable("weights", shape=[num_input_units, num_output_units], dtype=dtype,
                            initializer=core.get_initializer(weight_init),
                            collections=_with_global(weight_collections),
                            regularizer=weight_regularizer, trainable=trainable)
        x_2_dim = x
        if rank > 2:
            x_2_dim = tf.reshape(x, [-1, num_input_units])
        y = tf.matmul(x_2_dim, w)
        if bias_init is not None:
            b = tf.get_variable("bias", shape=[num_output_units], dtype=dtype,
                                initializer=core.get_initializer(bias_init),
                                collections=_with_global(bias_collections),
                                regularizer=bias_regularizer, trainable=trainable)
            y = tf.nn.bias_add(y, b)
        if rank > 2:
            # layers.py (1.15) `legacy_fully_connected`: the output shape is the input's
            # `Shape`, `unstack`ed, its last entry replaced, and `stack`ed; then set statically.
            out_shape = tf.unstack(tf.shape(x))
            out_shape[-1] = num_output_units
            y = tf.reshape(y, tf.stack(out_shape))
            y.set_shape(dims[:rank - 1] + [num_output_units])
        if activation_fn is not None:
            y = activation_fn(y)
        tf.add_to_collections(list(output_collections or []) + [tf.GraphKeys.ACTIVATIONS], y)
        return y


def _with_global(collections):
    """`set(list(collections or []) + [GLOBAL_VARIABLES])`, in a fixed order."""
    out = []
    for c in list(collections or []) + [tf.GraphKeys.GLOBAL_VARIABLES]:
        if c not in out:
            out.append(c)
    return out


def _layer_name(layer, fallback):
    """What `repeat`/`stack` name their inner scopes after: the layer function's `__name__`."""
    name = getattr(layer, "__name__", None)
    if name is None:
        return fallback
    return name


def repeat(inputs, repetitions, layer, *args, **kwargs):
    scope = kwargs.pop("scope", None)
    with tf.variable_scope(scope, "Repeat", [inputs]):
        inputs = tf.convert_to_tensor(inputs)
        if scope is None:
            scope = _layer_name(layer, "repeat")
        outputs = inputs
        for i in range(repetitions):
            kwargs["scope"] = scope + "_" + str(i + 1)
            outputs = layer(outputs, *args, **kwargs)
        return outputs


def stack(inputs, layer, stack_args, **kwargs):
    scope = kwargs.pop("scope", None)
    if not isinstance(stack_args, (list, tuple)):
        raise ValueError("stack_args need to be a list or tuple")
    with tf.variable_scope(scope, "Stack", [inputs]):
        inputs = tf.convert_to_tensor(inputs)
        if scope is None:
            scope = _layer_name(layer, "stack")
        outputs = inputs
        for i in range(len(stack_args)):
            kwargs["scope"] = scope + "_" + str(i + 1)
            layer_args = stack_args[i]
            if not isinstance(layer_args, (list, tuple)):
                layer_args = [layer_args]
            outputs = layer(outputs, *layer_args, **kwargs)
        return outputs


conv1d = convolution1d
conv2d = convolution2d
conv3d = convolution3d
conv2d_transpose = convolution2d_transpose
conv3d_transpose = convolution3d_transpose
separable_conv2d = separable_convolution2d
