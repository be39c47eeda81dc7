"""TF 1.15 nn_ops.py's `_WithSpaceToBatch`, as `Convolution` (Keras's convolution layers) and
nn_impl.py's depthwise and separable convolutions build a convolution whose dilation rate is
above 1: the input padded and split into the batch (`SpaceToBatchND`), the op with dilation 1
and VALID padding, the pieces put back and cropped (`BatchToSpaceND`). Channels last, the
input's rank and the filter's shape known when the op is built. When the spatial dimensions are
known too, every padding is a constant (TF folds them); otherwise they are computed from the
input's `Shape` when the graph runs."""
import tensorflow as tf


def required_paddings(spatial, base, rate):
    """array_ops.py (1.15) `required_space_to_batch_paddings` of constants: each spatial
    dimension padded (`base`, plus at the end what makes it a multiple of the rate) and that
    extra cropped again."""
    paddings = []
    crops = []
    for i in range(len(rate)):
        full = spatial[i] + base[i][0] + base[i][1]
        extra = (rate[i] - full % rate[i]) % rate[i]
        paddings.append([base[i][0], base[i][1] + extra])
        crops.append([0, extra])
    return paddings, crops


def rank_is(input_shape, rank):
    """Whether `input_shape` has `rank` spatial dimensions besides batch and channels."""
    return input_shape.ndims is not None and input_shape.ndims == rank + 2


class WithSpaceToBatch:
    """`_WithSpaceToBatch` (1.15) for a dilation rate above 1, made where the op is built:
    `dilation_rate`, and for SAME the filter's shape (`filter_shape`, unless the caller already
    holds it as a tensor) and the base paddings (`stack`); calling it adds, in the caller's name
    scope, the input's spatial shape when it is not known (`Shape`, its slices, `stack`),
    `required_space_to_batch_paddings` (`base_paddings` for VALID, `paddings` and `crops`),
    `SpaceToBatchND`, `build_op`'s op and `BatchToSpaceND`."""

    def __init__(self, input_shape, dilation_rate, padding, build_op, filter_shape=None,
                 filter_shape_made=False):
        self.rate = [int(r) for r in dilation_rate]
        self.rate_t = tf.constant(self.rate, dtype=tf.int32, name="dilation_rate")
        for r in self.rate:
            if r < 1:
                raise ValueError("dilation_rate must be positive")
        n = len(self.rate)
        self.base = None
        self.base_t = None
        if padding == "SAME":
            if filter_shape is None:
                raise ValueError("filter_shape must be specified for SAME padding")
            if not filter_shape_made:
                tf.constant(filter_shape, dtype=tf.int32, name="filter_shape")
            base = []
            for i in range(n):
                extra = (filter_shape[i] - 1) * self.rate[i]
                base.append([extra // 2, extra - extra // 2])
            self.base_t = tf.constant(base, dtype=tf.int32, name="stack")
            self.base = base
        elif padding != "VALID":
            raise ValueError("Invalid padding method %r" % padding)
        self.spatial = input_shape.as_list()[1:n + 1]
        self.op = build_op("VALID")

    def __call__(self, inputs, filters):
        n = len(self.rate)
        known = True
        for d in self.spatial:
            if d is None:
                known = False
        spatial_t = None
        if not known:
            shape = tf.shape(inputs)
            spatial_t = tf.stack([shape[i + 1] for i in range(n)])
        with tf.name_scope("required_space_to_batch_paddings"):
            if known:
                tf.constant(self.spatial, dtype=tf.int32, name="input_shape")
            base = self.base
            base_t = self.base_t
            if base is None:
                base = [[0, 0] for _ in range(n)]
                base_t = tf.constant(base, dtype=tf.int32, name="base_paddings")
            if known:
                paddings, crops = required_paddings(self.spatial, base, self.rate)
                tf.constant(paddings, dtype=tf.int32, name="paddings")
                tf.constant(crops, dtype=tf.int32, name="crops")
            else:
                paddings, crops = self._paddings_of(spatial_t, base_t)
        if not known:
            # `_with_space_to_batch_adjust` of tensors: the rows sliced and concatenated.
            paddings = tf.concat([paddings[0:n]], 0)
            crops = tf.concat([crops[0:n]], 0)
        converted = tf.space_to_batch_nd(inputs, self.rate, paddings)
        result = self.op(converted, filters)
        return tf.batch_to_space_nd(result, self.rate, crops)

    def _paddings_of(self, spatial_t, base_t):
        """`required_space_to_batch_paddings` of a spatial shape known when the graph runs:
        the same arithmetic on tensors, the rows packed (`paddings/0`, `crops/0/0`, ...)."""
        n = len(self.rate)
        pad_start = base_t[:, 0]
        orig_pad_end = base_t[:, 1]
        full = spatial_t + pad_start + orig_pad_end
        extra = (self.rate_t - full % self.rate_t) % self.rate_t
        pad_end = orig_pad_end + extra
        rows = [[pad_start[i], pad_end[i]] for i in range(n)]
        with tf.name_scope("paddings") as scope:
            packed = [tf.stack(rows[i], name=str(i)) for i in range(n)]
            paddings = tf.stack(packed, name=scope)
        ends = [extra[i] for i in range(n)]
        with tf.name_scope("crops") as scope:
            packed = [tf.stack([0, ends[i]], name=str(i)) for i in range(n)]
            crops = tf.stack(packed, name=scope)
        return paddings, crops


def check_strides_and_dilation(strides, dilation_rate):
    """nn_ops.py (1.15) `_get_strides_and_dilation_rate`'s check."""
    strided = False
    dilated = False
    for s in strides:
        if s > 1:
            strided = True
    for d in dilation_rate:
        if d > 1:
            dilated = True
    if strided and dilated:
        raise ValueError("strides > 1 not supported in conjunction with dilation_rate > 1")
