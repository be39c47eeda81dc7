# oracle: skip
# The ops of dilated Keras convolutions (tf.layers, and slim's through them) as TF 1.15 names
# them. The recorder's Keras calls tf.nn.convolution under a scope named after the class
# (`conv2d/Conv2D/SpaceToBatchND`); TF 1.15's does not. From TF 1.15's sources:
# - keras/layers/convolutional.py Conv.build: `nn_ops.Convolution(input_shape,
#   filter_shape=self.kernel.shape, dilation_rate, strides, padding)` in the layer's scope, after
#   the weights; Conv.call: `self._convolution_op(inputs, self.kernel)`, then BiasAdd. Conv1D.call
#   pads a causal input first (`Pad`), the op being built VALID.
# - ops/nn_ops.py Convolution.__init__: `_get_strides_and_dilation_rate` (strides and a dilation
#   both above 1 raise), then `_WithSpaceToBatch`: `dilation_rate` (convert_to_tensor), for SAME
#   `filter_shape` and `_with_space_to_batch_base_paddings`' `stack` (constants: the shapes are
#   known). Its call: array_ops.py `required_space_to_batch_paddings` (`input_shape`, for VALID
#   `base_paddings`, then `paddings` and `crops`, all folded to constants),
#   `_with_space_to_batch_adjust` (constants again), `space_to_batch_nd` (its `block_shape` and
#   `paddings` converted inside its scope), `_NonAtrousConvolution` unnamed (`Conv2D`, `Conv3D`,
#   or `conv1d`'s scope with ExpandDims / Conv2D / Squeeze), `batch_to_space_nd`.
# - With spatial dimensions unknown when the graph is built, `_with_space_to_batch_call` stacks
#   them from `array_ops.shape(inp)` and `required_space_to_batch_paddings` computes on tensors
#   (`pad_start`/`orig_pad_end` slices, add, FloorMod, Sub, the rows autopacked as `paddings/0`,
#   `crops/0/0`, ...); `_with_space_to_batch_adjust` slices and concatenates them (`concat`,
#   one input). TF 1.15's Conv.call sets no static shape afterwards (the recorder's Keras does),
#   so a known height stays unknown in the output, as TF's shape functions leave it.
import tensorflow as tf

slim = tf.contrib.slim


def section(label, build):
    n = len(tf.get_default_graph().get_operations())
    out = build()
    print(label, out.name, out.shape)
    for op in tf.get_default_graph().get_operations()[n:]:
        if op.type not in ("VariableV2", "Assign") and "Initializer" not in op.name \
                and not op.name.endswith("/read"):
            print(" ", op.name, op.type, [t.name for t in op.inputs])


img = tf.placeholder(tf.float32, [None, 7, 6, 2], name="img")
seq = tf.placeholder(tf.float32, [None, 9, 3], name="seq")
vol = tf.placeholder(tf.float32, [None, 5, 6, 5, 1], name="vol")
free = tf.placeholder(tf.float32, [None, None, None, 2], name="free")
tall = tf.placeholder(tf.float32, [None, 7, None, 2], name="tall")
section("conv2d_same", lambda: tf.layers.conv2d(img, 3, 3, padding="same", dilation_rate=2))
section("conv2d_valid_no_bias",
        lambda: tf.layers.conv2d(img, 2, 2, dilation_rate=(2, 3), use_bias=False))
section("conv1d_valid", lambda: tf.layers.conv1d(seq, 3, 2, dilation_rate=2))
section("conv1d_causal",
        lambda: tf.layers.conv1d(seq, 3, 2, padding="causal", dilation_rate=3))
section("conv3d_same",
        lambda: tf.layers.conv3d(vol, 2, 2, padding="same", dilation_rate=(1, 2, 2)))
section("slim_conv2d", lambda: slim.conv2d(img, 3, 3, rate=2))
section("slim_conv1d", lambda: slim.conv1d(seq, 2, 3, rate=2, padding="VALID"))
section("conv2d_free_same", lambda: tf.layers.conv2d(free, 3, 3, padding="same", dilation_rate=2))
section("conv2d_height_known", lambda: tf.layers.conv2d(tall, 3, 3, dilation_rate=2))
try:
    tf.layers.conv2d(img, 2, 3, strides=2, dilation_rate=2)
except ValueError as e:
    print("ValueError:", e)
