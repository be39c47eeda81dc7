"""`tf.layers` pooling (TF 1.15 `python/layers/pooling.py`): no variables; unnamed layers still
open a variable scope `max_pooling2d`, `average_pooling2d`, ... like every tf.layers layer."""
import tensorflow as tf

from tensorflow._lib import _support, base, convolutional


class _Pooling(base.Layer):
    def __init__(self, rank, kind, pool_size, strides, padding="valid",
                 data_format="channels_last", name=None, **kwargs):
        super().__init__(name=name, **kwargs)
        self.rank = rank
        self.kind = kind
        if strides is None:
            strides = pool_size
        self.pool_size = convolutional.normalize_tuple(pool_size, rank, "pool_size")
        self.strides = convolutional.normalize_tuple(strides, rank, "strides")
        self.padding = convolutional.normalize_padding(padding)
        self.data_format = data_format or "channels_last"

    def call(self, inputs):
        dims = inputs.get_shape().as_list()
        if self.rank == 2 and self.data_format == "channels_last":
            ksize = [1] + self.pool_size + [1]
            strides = [1] + self.strides + [1]
            if self.kind == "Max":
                return tf.nn.max_pool(inputs, ksize, strides, self.padding.upper())
            return tf.nn.avg_pool(inputs, ksize, strides, self.padding.upper())
        if self.rank == 1 and self.data_format == "channels_last":
            # Keras's `Pooling1D.call` (1.15): `ExpandDims` at axis 2, `backend.pool2d`
            # (`nn.max_pool` / `nn.avg_pool` over `pool_size + (1,)`), `Squeeze` of axis 2.
            inputs = tf.expand_dims(inputs, 2)
            ksize = [1] + self.pool_size + [1, 1]
            strides = [1] + self.strides + [1, 1]
            if self.kind == "Max":
                outputs = tf.nn.max_pool(inputs, ksize, strides, self.padding.upper())
            else:
                outputs = tf.nn.avg_pool(inputs, ksize, strides, self.padding.upper())
            return tf.squeeze(outputs, 2)
        if self.rank == 3 and self.data_format == "channels_last":
            # Keras's `Pooling3D.call` (1.15): `nn.max_pool3d` / `nn.avg_pool3d`.
            ksize = [1] + self.pool_size + [1]
            strides = [1] + self.strides + [1]
            if self.kind == "Max":
                return tf.nn.max_pool3d(inputs, ksize, strides, self.padding.upper())
            return tf.nn.avg_pool3d(inputs, ksize, strides, self.padding.upper())
        spatial = convolutional._spatial_dims(dims, self.data_format, self.rank)
        out = []
        for i in range(self.rank):
            out.append(convolutional.conv_output_length(spatial[i], self.pool_size[i],
                                                        self.padding, self.strides[i]))
        channels = dims[convolutional._channels_axis(self.data_format, self.rank)]
        shape = convolutional._assemble(dims[0], out, channels, self.data_format)
        return _support.unimplemented_op("%sPool%dD" % (self.kind, self.rank), [inputs],
                                         inputs.dtype, shape)


class MaxPooling1D(_Pooling):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(1, "Max", pool_size, strides, padding=padding,
                         data_format=data_format, name=name, **kwargs)


class AveragePooling1D(_Pooling):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(1, "Avg", pool_size, strides, padding=padding,
                         data_format=data_format, name=name, **kwargs)


class MaxPooling2D(_Pooling):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(2, "Max", pool_size, strides, padding=padding,
                         data_format=data_format, name=name, **kwargs)


class AveragePooling2D(_Pooling):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(2, "Avg", pool_size, strides, padding=padding,
                         data_format=data_format, name=name, **kwargs)


class MaxPooling3D(_Pooling):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(3, "Max", pool_size, strides, padding=padding,
                         data_format=data_format, name=name, **kwargs)


class AveragePooling3D(_Pooling):
    def __init__(self, pool_size, strides, padding="valid", data_format="channels_last",
                 name=None, **kwargs):
        super().__init__(3, "Avg", pool_size, strides, padding=padding,
                         data_format=data_format, name=name, **kwargs)


def max_pooling1d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    return MaxPooling1D(pool_size, strides, padding=padding, data_format=data_format,
                        name=name).apply(inputs)


def average_pooling1d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
    return AveragePooling1D(pool_size, strides, padding=padding, data_format=data_format,
                            name=name).apply(inputs)


def max_pooling2d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    return MaxPooling2D(pool_size, strides, padding=padding, data_format=data_format,
                        name=name).apply(inputs)


def average_pooling2d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
    return AveragePooling2D(pool_size, strides, padding=padding, data_format=data_format,
                            name=name).apply(inputs)


def max_pooling3d(inputs, pool_size, strides, padding="valid", data_format="channels_last",
                  name=None):
    return MaxPooling3D(pool_size, strides, padding=padding, data_format=data_format,
                        name=name).apply(inputs)


def average_pooling3d(inputs, pool_size, strides, padding="valid",
                      data_format="channels_last", name=None):
    return AveragePooling3D(pool_size, strides, padding=padding, data_format=data_format,
                            name=name).apply(inputs)
