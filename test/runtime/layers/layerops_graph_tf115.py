# oracle: skip
# The ops the layer computations build, named as TF 1.15's layer code names them (the recorder's
# Keras is newer and builds some of them otherwise). From TF 1.15's sources:
# - keras/layers/convolutional.py Conv2DTranspose.call: `array_ops.shape(inputs)`, slices of it
#   for the batch, height and width, `deconv_output_length` (`mul`, and `add` for VALID), `stack`,
#   then keras/backend.py conv2d_transpose (its `output_shape[0] is None` check slices the stack
#   once more) over nn_ops.py conv2d_transpose (`Conv2DBackpropInput` of (input_sizes, filter,
#   value) named by the scope `conv2d_transpose`), `set_shape`, BiasAdd.
# - keras/layers/core.py Dense.call on rank > 2: math_ops.py tensordot (`Tensordot`): the input's
#   free and contracted axes gathered from its Shape (`_tensordot_reshape`), the kernel's
#   transposed and reshaped from its static shape, MatMul, the result reshaped to the ConcatV2
#   of the free dimensions.
# - nn_ops.py Convolution for Conv1D: `_NonAtrousConvolution` calls `conv1d` with name None
#   (scope `conv1d`: ExpandDims, ExpandDims_1, the Conv2D `conv1d`, Squeeze).
# - keras/layers/convolutional.py SeparableConv1D.call: ExpandDims of the input and both kernels,
#   nn_impl.py separable_conv2d (its with_space_to_batch constants, `depthwise`, the pointwise
#   Conv2D), BiasAdd, then Squeeze.
# - keras/layers/core.py Flatten.call with an unknown dimension: Reshape to
#   `(shape(inputs)[0], -1)`, packed.
# - ops/rnn.py bidirectional_dynamic_rnn `_reverse`: ReverseV2 (`array_ops.reverse`) without
#   sequence lengths, ReverseSequence with them, in the `bw` scope.
import tensorflow as tf


def ops_since(n):
    for op in tf.get_default_graph().get_operations()[n:]:
        if op.type not in ("VariableV2", "Assign") and "Initializer" not in op.name \
                and not op.name.endswith("/read"):
            print(" ", op.name, op.type, [t.name for t in op.inputs])


def section(label, build):
    n = len(tf.get_default_graph().get_operations())
    out = build()
    print(label, out.name, out.shape)
    ops_since(n)


img = tf.placeholder(tf.float32, [None, 4, 4, 2], name="img")
seq = tf.placeholder(tf.float32, [None, 5, 3], name="seq")
free = tf.placeholder(tf.float32, [None, None, 3], name="free")
section("conv2d_transpose", lambda: tf.layers.conv2d_transpose(img, 3, 3, strides=2))
section("conv2d_transpose_same",
        lambda: tf.layers.conv2d_transpose(img, 2, 2, strides=2, padding="same"))
section("dense", lambda: tf.layers.dense(seq, 4))
section("conv1d", lambda: tf.layers.conv1d(seq, 2, 3))
section("separable_conv1d", lambda: tf.layers.separable_conv1d(seq, 2, 2))
section("flatten", lambda: tf.layers.flatten(free))
section("reverse", lambda: tf.reverse(seq, axis=[1]))
section("reverse_sequence",
        lambda: tf.reverse_sequence(seq, tf.constant([2, 5]), seq_axis=1, batch_axis=0))


# The reversals of bidirectional_dynamic_rnn (only the Reverse ops: the loop is another subject).
cell_fw = tf.nn.rnn_cell.BasicRNNCell(2)
cell_bw = tf.nn.rnn_cell.BasicRNNCell(2)
n = len(tf.get_default_graph().get_operations())
tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, seq, dtype=tf.float32)
tf.nn.bidirectional_dynamic_rnn(cell_fw, cell_bw, seq, sequence_length=[2, 5], dtype=tf.float32,
                                scope="lengths")
for op in tf.get_default_graph().get_operations()[n:]:
    if op.type.startswith("Reverse"):
        print(" ", op.name, op.type, op.outputs[0].shape)
