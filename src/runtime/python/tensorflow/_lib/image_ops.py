"""TF 1.15's `tf.image.convert_image_dtype` (`ops/image_ops_impl.py`) and `tf.saturate_cast`
(`ops/math_ops.py`).

`convert_image_dtype` returns `identity(image, name=name)` for the same dtype, else works under
the name scope `convert_image` (or `name`), the tensor it returns named by that scope: integer to
integer scales by the ratio of the ranges (floor-divided down first, or cast up first), float to
float casts, integer to float casts and multiplies by 1 / max, float to integer multiplies by
max + 0.5 and casts (`saturate_cast` with `saturate`). `saturate_cast` clips to the target's
range (`Maximum` with its min, `Minimum` with its max, where the source's range is wider) under
`saturate_cast` (or `name`), then casts, named by that scope.
"""
import tensorflow as tf

_RANGES = {
    'uint8': (0, 255), 'int8': (-128, 127), 'uint16': (0, 65535), 'int16': (-32768, 32767),
    'uint32': (0, 4294967295), 'int32': (-2147483648, 2147483647),
    'uint64': (0, 18446744073709551615), 'int64': (-9223372036854775808, 9223372036854775807),
    'float16': (-65504.0, 65504.0), 'bfloat16': (-3.3895314e38, 3.3895314e38),
    'float32': (-3.4028235e38, 3.4028235e38),
    'float64': (-1.7976931348623157e308, 1.7976931348623157e308),
}


def _range(dtype):
    return _RANGES[tf.as_dtype(dtype).base_dtype.name]


def saturate_cast(value, dtype, name=None):
    with tf.name_scope(name, 'saturate_cast', [value]) as scope:
        value = tf.convert_to_tensor(value, name='value')
        dtype = tf.as_dtype(dtype).base_dtype
        low, high = _range(value.dtype)
        out_low, out_high = _range(dtype)
        if low < out_low:
            value = tf.maximum(value, tf.convert_to_tensor(out_low, dtype=value.dtype,
                                                           name='min'))
        if high > out_high:
            value = tf.minimum(value, tf.convert_to_tensor(out_high, dtype=value.dtype,
                                                           name='max'))
        return tf.cast(value, dtype, name=scope)


def convert_image_dtype(image, dtype, saturate=False, name=None):
    image = tf.convert_to_tensor(image, name='image')
    dtype = tf.as_dtype(dtype)
    if not dtype.is_floating and not dtype.is_integer:
        raise AttributeError('dtype must be either floating point or integer')
    if dtype == image.dtype:
        return tf.identity(image, name=name)
    with tf.name_scope(name, 'convert_image', [image]) as scope:
        if image.dtype.is_integer and dtype.is_integer:
            scale_in = _range(image.dtype)[1]
            scale_out = _range(dtype)[1]
            if scale_in > scale_out:
                scale = (scale_in + 1) // (scale_out + 1)
                scaled = tf.floordiv(image, scale)
                if saturate:
                    return saturate_cast(scaled, dtype, name=scope)
                return tf.cast(scaled, dtype, name=scope)
            if saturate:
                cast = saturate_cast(image, dtype)
            else:
                cast = tf.cast(image, dtype)
            scale = (scale_out + 1) // (scale_in + 1)
            return tf.multiply(cast, scale, name=scope)
        if image.dtype.is_floating and dtype.is_floating:
            return tf.cast(image, dtype, name=scope)
        if image.dtype.is_integer:
            cast = tf.cast(image, dtype)
            scale = 1. / _range(image.dtype)[1]
            return tf.multiply(cast, scale, name=scope)
        scale = _range(dtype)[1] + 0.5
        scaled = tf.multiply(image, scale)
        if saturate:
            return saturate_cast(scaled, dtype, name=scope)
        return tf.cast(scaled, dtype, name=scope)
