"""Records the op golden files from real TensorFlow's shape functions and kernels.

Writes two files (dev tool; CI only reads what it wrote):
  test/core/op-shapes.json     the shape table: for each case, a shape function of src/core/shape-fns.ts
                               by name, its input shapes (null: unknown rank; null dims: unknown) and
                               attributes, and what TF built: the op's type and name, each output's
                               static shape and dtype, or the exact error text.
  test/runtime/op-values.json  small programs (`out = ...` over `tf`): for each output tensor its name,
                               static shape, dtype and the value a Session computes.

Running it, from the project root (the oracle is TF 2.21's compat.v1 in graph mode, see
/work/shared/notes/real-tensorflow-oracle.md):
  /work/.tf-oracle/bin/python scripts/oracle/ops/record.py
Where 2.21 differs from 1.15 for these cases:
  - shape errors print the C API's node form, `for '{{node MatMul}} = MatMul[T=DT_FLOAT, ...](a, b)'`;
    1.15 prints `for 'MatMul' (op: 'MatMul')`. The error text is rewritten to 1.15's form.
  - a few composite ops report another last op than 1.15 would (their shapes are the same).
  - `tf.matmul` of rank-2 tensors is `MatMul` in both; of batches `BatchMatMulV2` in both (1.15.0+).
"""
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

NODE_FORM = re.compile(r"'\{\{node ([^}]+)\}\} = (\w+)\[.*?\]\([^)]*\)'")


def tf_1_15_message(msg):
    """The C API's `'{{node N}} = T[...](...)'` written as TF 1.15's `'N' (op: 'T')`."""
    msg = msg.strip()
    return NODE_FORM.sub(lambda m: "'%s' (op: '%s')" % (m.group(1), m.group(2)), msg)


# ---------------------------------------------------------------------------------------------
# The shape table: (shape function, input shapes, attrs). An input is a shape (a list with None
# for unknown dims, or None for an unknown rank) or ["int32", shape] for another dtype.

F = "float32"
SHAPE_CASES = [
    ("broadcast", "Add", [[2, 3], [3]], {}),
    ("broadcast", "Add", [[None, 3], [4, 1]], {}),
    ("broadcast", "Mul", [[2, 1, 3], [5, 1]], {}),
    ("broadcast", "Sub", [None, [3]], {}),
    ("broadcast", "Add", [[], [2, None]], {}),
    ("broadcast", "Maximum", [[None], [None]], {}),
    ("broadcast", "Add", [[2, 3], [4]], {}),
    ("broadcast", "Mul", [[2, 3, 5], [3, 4]], {}),
    ("matmul", "MatMul", [[2, 3], [3, 4]], {}),
    ("matmul", "MatMul", [[3, 2], [4, 3]], {"transpose_a": True, "transpose_b": True}),
    ("matmul", "MatMul", [[None, 3], [3, None]], {}),
    ("matmul", "MatMul", [[2, 3], [4, 5]], {}),
    ("matmul", "MatMul", [[5, 2, 3], [5, 3, 4]], {}),
    ("matmul", "MatMul", [[5, 2, 3], [3, 4]], {}),
    ("matmul", "MatMul", [[7, 1, 2, 3], [5, 3, 4]], {}),
    ("matmul", "MatMul", [[3, 2, 3], [4, 3, 4]], {}),
    ("matmul", "MatMul", [None, [3, 4]], {}),
    ("matmul", "MatMul", [[3], [3, 4]], {}),
    ("reduce", "Sum", [[2, 3, 4]], {"axis": 1}),
    ("reduce", "Mean", [[2, 3, 4]], {"axis": [0, 2], "keepdims": True}),
    ("reduce", "Max", [[2, None]], {}),
    ("reduce", "Prod", [[2, 3]], {"axis": -1}),
    ("reduce", "Min", [None], {"axis": 1}),
    ("reduce", "Sum", [[2, 3]], {"axis": 2}),
    ("argmax", "ArgMax", [[2, 3, 4]], {"axis": 1}),
    ("argmax", "ArgMin", [[None, 5]], {"axis": -1}),
    ("reshape", "Reshape", [[2, 3]], {"shape": [3, 2]}),
    ("reshape", "Reshape", [[2, 3, 4]], {"shape": [-1, 4]}),
    ("reshape", "Reshape", [[None, 3]], {"shape": [-1]}),
    ("reshape", "Reshape", [[None, 6]], {"shape": [-1, 2, 3]}),
    ("reshape", "Reshape", [[2, 3]], {"shape": [4]}),
    ("reshape", "Reshape", [[2, 3]], {"shape": [-1, 4]}),
    ("concat", "ConcatV2", [[2, 3], [4, 3]], {"axis": 0}),
    ("concat", "ConcatV2", [[2, None], [2, 5]], {"axis": -1}),
    ("concat", "ConcatV2", [[2, 3], None], {"axis": 1}),
    ("concat", "ConcatV2", [[2, 3], [4, 4]], {"axis": 0}),
    ("concat", "ConcatV2", [[2, 3], [3]], {"axis": 0}),
    ("stack", "Pack", [[2, 3], [2, 3], [2, 3]], {"axis": 0}),
    ("stack", "Pack", [[2, None], [None, 3]], {"axis": -1}),
    ("stack", "Pack", [[2, 3], [2, 4]], {"axis": 0}),
    ("unstack", "Unpack", [[3, 2, 4]], {"axis": 0}),
    ("unstack", "Unpack", [[3, 2, 4]], {"axis": 1}),
    ("split", "Split", [[6, 4]], {"num_or_size_splits": 3, "axis": 0}),
    ("split", "SplitV", [[5, 4]], {"num_or_size_splits": [2, 3], "axis": 0}),
    ("split", "SplitV", [[5, 4]], {"num_or_size_splits": [1, -1], "axis": 0}),
    ("split", "Split", [[None, 4]], {"num_or_size_splits": 2, "axis": 1}),
    ("split", "Split", [[5, 4]], {"num_or_size_splits": 2, "axis": 0}),
    ("transpose", "Transpose", [[2, 3, 4]], {}),
    ("transpose", "Transpose", [[2, None, 4]], {"perm": [0, 2, 1]}),
    ("expand_dims", "ExpandDims", [[2, 3]], {"axis": 0}),
    ("expand_dims", "ExpandDims", [[2, 3]], {"axis": -1}),
    ("squeeze", "Squeeze", [[1, 2, 1, 3]], {}),
    ("squeeze", "Squeeze", [[1, 2, 1, 3]], {"axis": [2]}),
    ("squeeze", "Squeeze", [[None, 1, 3]], {}),
    ("squeeze", "Squeeze", [[1, 2, 3]], {"axis": [1]}),
    ("pad", "Pad", [[2, 3]], {"paddings": [[1, 1], [2, 0]]}),
    ("pad", "Pad", [[None, 3]], {"paddings": [[1, 1], [0, 0]]}),
    ("tile", "Tile", [[2, 3]], {"multiples": [2, 1]}),
    ("tile", "Tile", [[None, 3]], {"multiples": [3, 2]}),
    ("gather", "GatherV2", [[5, 3], ["int32", [2, 4]]], {"axis": 0}),
    ("gather", "GatherV2", [[5, 3], ["int32", [7]]], {"axis": 1}),
    ("gather_nd", "GatherNd", [[5, 3, 4], ["int32", [2, 2]]], {}),
    ("gather_nd", "GatherNd", [[5, 3], ["int32", [6, 2]]], {}),
    ("one_hot", "OneHot", [["int32", [4]]], {"depth": 3}),
    ("one_hot", "OneHot", [["int32", [2, None]]], {"depth": 5, "axis": 0}),
    ("slice", "Slice", [[4, 5]], {"begin": [1, 0], "size": [2, -1]}),
    ("slice", "Slice", [[None, 5]], {"begin": [0, 1], "size": [-1, 3]}),
    ("strided_slice", "StridedSlice", [[4, 5, 6]], {"begin": [1, 0], "end": [3, 0], "strides": [1, 1], "end_mask": 2}),
    ("strided_slice", "StridedSlice", [[4, 5]], {"begin": [1], "end": [2], "strides": [1], "shrink_axis_mask": 1}),
    ("strided_slice", "StridedSlice", [[3, 4, 5]], {"begin": [0, 0, -1], "end": [0, 0, 0], "strides": [1, 1, 1],
                                                    "ellipsis_mask": 1, "new_axis_mask": 2, "shrink_axis_mask": 4}),
    ("strided_slice", "StridedSlice", [[5, 3]], {"begin": [0], "end": [0], "strides": [-2], "begin_mask": 1,
                                                 "end_mask": 1}),
    ("strided_slice", "StridedSlice", [[7, 3]], {"begin": [6], "end": [1], "strides": [-2]}),
    ("strided_slice", "StridedSlice", [[None, 4]], {"begin": [0, 1], "end": [0, 3], "strides": [1, 1],
                                                    "begin_mask": 1, "end_mask": 1}),
    ("strided_slice", "StridedSlice", [[4, 3]], {"begin": [5], "end": [6], "strides": [1], "shrink_axis_mask": 1}),
    ("strided_slice", "StridedSlice", [[4, 3]], {"begin": [0], "end": [2], "strides": [0]}),
    ("conv2d", "Conv2D", [[1, 8, 8, 3], [3, 3, 3, 16]], {"strides": [1, 1, 1, 1], "padding": "SAME"}),
    ("conv2d", "Conv2D", [[None, 9, 9, 3], [3, 3, 3, 4]], {"strides": [1, 2, 2, 1], "padding": "VALID"}),
    ("conv2d", "Conv2D", [[2, 8, 8, 3], [3, 3, 4, 5]], {"strides": [1, 1, 1, 1], "padding": "SAME"}),
    ("conv2d", "Conv2D", [[2, 8, 8, 3], [3, 3, 3, 4]],
     {"strides": [1, 1, 1, 1], "padding": "VALID", "dilations": [1, 2, 2, 1]}),
    ("conv1d", "Conv2D", [[2, 10, 3], [3, 3, 6]], {"stride": 2, "padding": "SAME"}),
    ("conv1d", "Conv2D", [[2, 10, 3], [4, 3, 6]], {"stride": 1, "padding": "VALID"}),
    ("conv2d_transpose", "Conv2DBackpropInput", [[2, 4, 4, 8], [3, 3, 5, 8]],
     {"output_shape": [2, 8, 8, 5], "strides": [1, 2, 2, 1], "padding": "SAME"}),
    ("depthwise_conv2d", "DepthwiseConv2dNative", [[2, 8, 8, 3], [3, 3, 3, 2]],
     {"strides": [1, 1, 1, 1], "padding": "SAME"}),
    ("depthwise_conv2d", "DepthwiseConv2dNative", [[2, 8, 8, 3], [3, 3, 3, 2]],
     {"strides": [1, 2, 2, 1], "padding": "VALID"}),
    ("separable_conv2d", "Conv2D", [[2, 8, 8, 3], [3, 3, 3, 2], [1, 1, 6, 7]],
     {"strides": [1, 1, 1, 1], "padding": "SAME"}),
    ("max_pool", "MaxPool", [[2, 8, 8, 3]], {"ksize": [1, 2, 2, 1], "strides": [1, 2, 2, 1], "padding": "VALID"}),
    ("max_pool", "MaxPool", [[None, 7, 7, 3]], {"ksize": [1, 3, 3, 1], "strides": [1, 2, 2, 1], "padding": "SAME"}),
    ("avg_pool", "AvgPool", [[2, 7, 7, 3]], {"ksize": [1, 3, 3, 1], "strides": [1, 2, 2, 1], "padding": "VALID"}),
    ("bias_add", "BiasAdd", [[2, 5], [5]], {}),
    ("bias_add", "BiasAdd", [[2, 3, 5], [5]], {}),
    ("bias_add", "BiasAdd", [[2, 5], [4]], {}),
    ("softmax_xent", "SoftmaxCrossEntropyWithLogits", [[4, 3], [4, 3]], {}),
    ("softmax_xent", "SoftmaxCrossEntropyWithLogits", [[None, 3], [None, 3]], {}),
    ("sparse_softmax_xent", "SparseSoftmaxCrossEntropyWithLogits", [[4, 3], ["int32", [4]]], {}),
    # (TF 2.21 checks labels against logits in Python with a message of its own; 1.15 does not.)
    ("in_top_k", "InTopKV2", [[4, 10], ["int32", [4]]], {"k": 2}),
    ("top_k", "TopKV2", [[4, 10]], {"k": 3}),
    ("top_k", "TopKV2", [[None, 10]], {"k": 3}),
    ("fused_batch_norm", "FusedBatchNormV3", [[2, 4, 4, 3], [3], [3], [0], [0]],
     {"data_format": "NHWC", "is_training": True}),
    ("fused_batch_norm", "FusedBatchNormV3", [[None, 5, 4, 4], [None], [5], [0], [0]],
     {"data_format": "NCHW", "is_training": True}),
    ("fused_batch_norm", "FusedBatchNormV3", [[2, None, 4, 4], [3], [3], [3], [3]],
     {"data_format": "NCHW", "is_training": False}),
    ("fused_batch_norm", "FusedBatchNormV3", [[2, 4, 4, 3], [3], [4], [0], [0]],
     {"data_format": "NHWC", "is_training": True}),
    ("fused_batch_norm", "FusedBatchNormV3", [[2, 4, 3], [3], [3], [0], [0]],
     {"data_format": "NHWC", "is_training": True}),
    ("fused_batch_norm", "FusedBatchNormV3", [[2, 4, 4, 3], [3], [3], [3], [2]],
     {"data_format": "NHWC", "is_training": False}),
    ("select", "Select", [["bool", [2, 3]], [2, 3], [2, 3]], {}),
    ("select", "Select", [["bool", [2]], [2, 3], [2, 3]], {}),
    ("cumsum", "Cumsum", [[2, 3]], {"axis": 1}),
    ("range", "Range", [], {"start": 0, "limit": 10, "delta": 3}),
    ("range", "Range", [], {"start": 5, "limit": 1, "delta": -1}),
    ("range", "Range", [], {"start": 10, "limit": 1, "delta": 1}),
    ("range", "Range", [], {"start": 1, "limit": 10, "delta": -1}),
    ("range", "Range", [], {"start": 0, "limit": 10, "delta": 0}),
    ("range", "Range", [], {"start": 2.5, "limit": 0.5, "delta": 0.5}),
    ("fill", "Fill", [], {"dims": [2, 3], "value": 1.5}),
    ("reverse", "ReverseV2", [[2, 3]], {"axis": [1]}),
    ("reverse_sequence", "ReverseSequence", [[None, 5, 3], ["int64", [4]]],
     {"seq_dim": 1, "batch_dim": 0}),
    ("reverse_sequence", "ReverseSequence", [[5, 2, 3], ["int32", [None]]],
     {"seq_dim": 0, "batch_dim": 1}),
    ("reverse_sequence", "ReverseSequence", [[3, 5], ["int64", [4]]],
     {"seq_dim": 1, "batch_dim": 0}),
    ("reverse_sequence", "ReverseSequence", [[3, 5], ["int64", [3]]],
     {"seq_dim": 2, "batch_dim": 0}),
    ("shape", "Shape", [[2, None, 3]], {}),
    ("shape", "Shape", [None], {}),
    ("size", "Size", [[2, 3]], {}),
    ("rank", "Rank", [[2, 3]], {}),
    ("add_n", "AddN", [[2, 3], [2, None], [None, 3]], {}),
    ("add_n", "AddN", [[2, 3], [2, 4]], {}),
    ("sequence_mask", "Less", [["int32", [3]]], {"maxlen": 5}),
    ("l2_loss", "L2Loss", [[2, 3]], {}),
    ("tensordot", "Reshape", [[2, 3, 4], [4, 5]], {"axes": 1}),
    ("tensordot", "Reshape", [[2, 3, 4], [3, 4, 5]], {"axes": [[1, 2], [0, 1]]}),
]


def placeholder(tf, spec):
    dtype, shape = (spec[0], spec[1]) if isinstance(spec, list) and spec and isinstance(spec[0], str) else (F, spec)
    return tf.placeholder(getattr(tf, dtype), shape)


def build(tf, fn, op_type, xs, a):
    if fn == "broadcast":
        return {"Add": tf.add, "Mul": tf.multiply, "Sub": tf.subtract, "Maximum": tf.maximum}[op_type](*xs)
    if fn == "matmul":
        return tf.matmul(xs[0], xs[1], **a)
    if fn == "reduce":
        f = {"Sum": tf.reduce_sum, "Mean": tf.reduce_mean, "Max": tf.reduce_max, "Min": tf.reduce_min,
             "Prod": tf.reduce_prod}[op_type]
        return f(xs[0], **a)
    if fn == "argmax":
        return (tf.argmax if op_type == "ArgMax" else tf.argmin)(xs[0], **a)
    if fn == "reshape":
        return tf.reshape(xs[0], a["shape"])
    if fn == "concat":
        return tf.concat(xs, a["axis"])
    if fn == "stack":
        return tf.stack(xs, a["axis"])
    if fn == "unstack":
        return tf.unstack(xs[0], axis=a["axis"])
    if fn == "split":
        return tf.split(xs[0], a["num_or_size_splits"], axis=a["axis"])
    if fn == "transpose":
        return tf.transpose(xs[0], a.get("perm"))
    if fn == "expand_dims":
        return tf.expand_dims(xs[0], a["axis"])
    if fn == "squeeze":
        return tf.squeeze(xs[0], a.get("axis"))
    if fn == "pad":
        return tf.pad(xs[0], a["paddings"])
    if fn == "tile":
        return tf.tile(xs[0], a["multiples"])
    if fn == "gather":
        return tf.gather(xs[0], xs[1], axis=a["axis"])
    if fn == "gather_nd":
        return tf.gather_nd(xs[0], xs[1])
    if fn == "one_hot":
        return tf.one_hot(xs[0], a["depth"], axis=a.get("axis"))
    if fn == "slice":
        return tf.slice(xs[0], a["begin"], a["size"])
    if fn == "strided_slice":
        return tf.strided_slice(xs[0], a["begin"], a["end"], a["strides"],
                                **{k: v for k, v in a.items() if k.endswith("_mask")})
    if fn == "conv2d":
        return tf.nn.conv2d(xs[0], xs[1], a["strides"], a["padding"], dilations=a.get("dilations"))
    if fn == "conv1d":
        return tf.nn.conv1d(xs[0], xs[1], a["stride"], a["padding"])
    if fn == "conv2d_transpose":
        return tf.nn.conv2d_transpose(xs[0], xs[1], a["output_shape"], a["strides"], a["padding"])
    if fn == "depthwise_conv2d":
        return tf.nn.depthwise_conv2d(xs[0], xs[1], a["strides"], a["padding"])
    if fn == "separable_conv2d":
        return tf.nn.separable_conv2d(xs[0], xs[1], xs[2], a["strides"], a["padding"])
    if fn in ("max_pool", "avg_pool"):
        return getattr(tf.nn, fn)(xs[0], a["ksize"], a["strides"], a["padding"])
    if fn == "bias_add":
        return tf.nn.bias_add(xs[0], xs[1])
    if fn == "softmax_xent":
        return tf.nn.softmax_cross_entropy_with_logits_v2(labels=xs[1], logits=xs[0])
    if fn == "sparse_softmax_xent":
        return tf.nn.sparse_softmax_cross_entropy_with_logits(labels=xs[1], logits=xs[0])
    if fn == "in_top_k":
        return tf.nn.in_top_k(xs[0], xs[1], a["k"])
    if fn == "top_k":
        return list(tf.nn.top_k(xs[0], a["k"]))
    if fn == "fused_batch_norm":
        mean, variance = (None, None) if a["is_training"] else (xs[3], xs[4])
        return list(tf.nn.fused_batch_norm(xs[0], xs[1], xs[2], mean, variance,
                                           data_format=a["data_format"],
                                           is_training=a["is_training"])[0].op.outputs)
    if fn == "select":
        return tf.where(xs[0], xs[1], xs[2])
    if fn == "cumsum":
        return tf.cumsum(xs[0], a["axis"])
    if fn == "range":
        return tf.range(a["start"], a["limit"], a["delta"])
    if fn == "fill":
        return tf.fill(a["dims"], a["value"])
    if fn == "reverse":
        return tf.reverse(xs[0], a["axis"])
    if fn == "reverse_sequence":
        return tf.reverse_sequence(xs[0], xs[1], seq_axis=a["seq_dim"], batch_axis=a["batch_dim"])
    if fn in ("shape", "size", "rank"):
        return getattr(tf, fn)(xs[0])
    if fn == "add_n":
        return tf.add_n(xs)
    if fn == "sequence_mask":
        return tf.sequence_mask(xs[0], a["maxlen"])
    if fn == "l2_loss":
        return tf.nn.l2_loss(xs[0])
    if fn == "tensordot":
        return tf.tensordot(xs[0], xs[1], a["axes"])
    raise KeyError(fn)


def shape_json(t):
    s = t.shape
    return None if s.dims is None else [d if d is None else int(d) for d in s.as_list()]


def record_shapes(tf):
    out = []
    for fn, op_type, inputs, attrs in SHAPE_CASES:
        tf.reset_default_graph()
        xs = [placeholder(tf, s) for s in inputs]
        case = {"fn": fn, "op": op_type, "inputs": inputs, "attrs": attrs}
        try:
            r = build(tf, fn, op_type, xs, attrs)
            outs = r if isinstance(r, list) else [r]
            case["type"] = outs[0].op.type
            case["name"] = outs[0].op.name
            case["outputs"] = [{"shape": shape_json(t), "dtype": t.dtype.name} for t in outs]
        except ValueError as e:
            case["error"] = tf_1_15_message(str(e))
        out.append(case)
    return out


# ---------------------------------------------------------------------------------------------
# Values: programs over small constants. `out` is a tensor or a list/tuple of tensors.

X23 = "tf.constant([[1.5, -2.0, 0.5], [3.0, -0.25, -4.0]])"
X234 = "tf.reshape(tf.range(24, dtype=tf.float32) / 10.0 - 1.0, [2, 3, 4])"
IMG = "tf.reshape(tf.range(2 * 5 * 5 * 3, dtype=tf.float32) / 50.0 - 1.0, [2, 5, 5, 3])"
KER = "tf.reshape(tf.range(3 * 3 * 3 * 4, dtype=tf.float32) / 100.0 - 0.5, [3, 3, 3, 4])"
LOGITS = "tf.constant([[2.0, 1.0, 0.1], [0.5, 2.5, -1.0], [0.0, 0.0, 3.0]])"
LABELS = "tf.constant([[1.0, 0.0, 0.0], [0.0, 0.0, 1.0], [0.2, 0.3, 0.5]])"
SPARSE = "tf.constant([0, 2, 1])"
PRED = "tf.constant([[0.9, 0.2], [0.1, 0.7], [0.6, 0.4]])"
TARGET = "tf.constant([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]])"

VALUE_CASES = [
    ("relu", "out = tf.nn.relu(%s)" % X23),
    ("relu6", "out = tf.nn.relu6(%s * 3.0)" % X23),
    ("elu", "out = tf.nn.elu(%s)" % X23),
    ("selu", "out = tf.nn.selu(%s)" % X23),
    ("leaky_relu", "out = tf.nn.leaky_relu(%s, alpha=0.1)" % X23),
    ("sigmoid_tanh", "x = %s\nout = [tf.nn.sigmoid(x), tf.nn.tanh(x), tf.sigmoid(x)]" % X23),
    ("softmax", "out = [tf.nn.softmax(%s), tf.nn.log_softmax(%s)]" % (LOGITS, LOGITS)),
    ("softmax_axis0", "out = tf.nn.softmax(%s, axis=0)" % LOGITS),
    ("bias_add", "out = tf.nn.bias_add(%s, tf.constant([1.0, 2.0, 3.0]))" % X23),
    ("conv2d", "out = tf.nn.conv2d(%s, %s, [1, 2, 2, 1], 'SAME')" % (IMG, KER)),
    ("conv2d_valid", "out = tf.nn.conv2d(%s, %s, [1, 1, 1, 1], 'VALID')" % (IMG, KER)),
    ("conv1d", "x = tf.reshape(tf.range(2 * 6 * 3, dtype=tf.float32) / 10.0, [2, 6, 3])\n"
               "w = tf.reshape(tf.range(2 * 3 * 4, dtype=tf.float32) / 20.0 - 0.5, [2, 3, 4])\n"
               "out = tf.nn.conv1d(x, w, 1, 'VALID')"),
    ("conv2d_transpose", "x = tf.reshape(tf.range(1 * 3 * 3 * 4, dtype=tf.float32) / 10.0, [1, 3, 3, 4])\n"
                         "w = tf.reshape(tf.range(3 * 3 * 2 * 4, dtype=tf.float32) / 50.0 - 0.3, [3, 3, 2, 4])\n"
                         "out = tf.nn.conv2d_transpose(x, w, [1, 6, 6, 2], [1, 2, 2, 1], 'SAME')"),
    ("depthwise_conv2d", "w = tf.reshape(tf.range(3 * 3 * 3 * 2, dtype=tf.float32) / 30.0 - 0.4, [3, 3, 3, 2])\n"
                         "out = tf.nn.depthwise_conv2d(%s, w, [1, 1, 1, 1], 'SAME')" % IMG),
    ("separable_conv2d", "dw = tf.reshape(tf.range(3 * 3 * 3 * 2, dtype=tf.float32) / 30.0 - 0.4, [3, 3, 3, 2])\n"
                         "pw = tf.reshape(tf.range(6 * 4, dtype=tf.float32) / 10.0 - 1.0, [1, 1, 6, 4])\n"
                         "out = tf.nn.separable_conv2d(%s, dw, pw, [1, 1, 1, 1], 'VALID')" % IMG),
    ("max_pool", "out = tf.nn.max_pool(%s, [1, 2, 2, 1], [1, 2, 2, 1], 'VALID')" % IMG),
    ("avg_pool", "out = tf.nn.avg_pool(%s, [1, 3, 3, 1], [1, 2, 2, 1], 'SAME')" % IMG),
    ("embedding_lookup", "params = tf.reshape(tf.range(12, dtype=tf.float32), [4, 3])\n"
                         "out = tf.nn.embedding_lookup(params, tf.constant([[3, 0], [1, 1]]))"),
    ("moments", "out = list(tf.nn.moments(%s, axes=[0, 1]))" % X234),
    ("l2_normalize", "out = tf.nn.l2_normalize(%s, axis=1)" % X23),
    ("sigmoid_xent", "out = tf.nn.sigmoid_cross_entropy_with_logits(labels=%s, logits=%s)" % (LABELS, LOGITS)),
    ("softmax_xent", "out = tf.nn.softmax_cross_entropy_with_logits(labels=%s, logits=%s)" % (LABELS, LOGITS)),
    ("softmax_xent_v2", "out = tf.nn.softmax_cross_entropy_with_logits_v2(labels=%s, logits=%s)" % (LABELS, LOGITS)),
    ("sparse_softmax_xent", "out = tf.nn.sparse_softmax_cross_entropy_with_logits(labels=%s, logits=%s)"
     % (SPARSE, LOGITS)),
    ("in_top_k", "out = tf.nn.in_top_k(%s, %s, 1)" % (LOGITS, SPARSE)),
    ("top_k", "out = list(tf.nn.top_k(%s, 2))" % LOGITS),
    ("arith", "x = %s\ny = tf.constant([2.0, 3.0, -1.0])\n"
              "out = [tf.add(x, y), tf.subtract(x, y), tf.multiply(x, y), tf.divide(x, y), x + y, x - 1.0,"
              " 2.0 * x, x / y, tf.maximum(x, y), tf.minimum(x, 0.0), tf.pow(tf.abs(x), 2.0)]" % X23),
    ("int_arith", "a = tf.constant([7, -7, 9, 4])\nb = tf.constant([2, 2, -4, 3])\n"
                  "out = [tf.floordiv(a, b), tf.mod(a, b), a // b, a % b, tf.truediv(a, b)]"),
    ("unary_math", "x = tf.constant([[0.5, 2.0, 4.0], [1.5, 9.0, 0.25]])\n"
                   "out = [tf.square(x), tf.sqrt(x), tf.rsqrt(x), tf.exp(x), tf.log(x), tf.log1p(x),"
                   " tf.abs(-x), tf.negative(x), tf.sign(x - 2.0), -x]"),
    ("reductions", "x = %s\nout = [tf.reduce_sum(x), tf.reduce_mean(x, axis=1), tf.reduce_max(x, 2),"
                   " tf.reduce_min(x, [0, 2], keepdims=True), tf.reduce_prod(x[0, 0]),"
                   " tf.reduce_logsumexp(x, axis=-1)]" % X234),
    ("bool_reductions", "b = tf.constant([[True, False], [True, True]])\n"
                        "out = [tf.reduce_any(b, axis=1), tf.reduce_all(b, axis=0), tf.reduce_all(b)]"),
    ("argmax", "x = %s\nout = [tf.argmax(x, axis=1), tf.argmin(x, 0), tf.argmax(x, 1, output_type=tf.int32)]"
     % X23),
    ("comparisons", "x = %s\nout = [tf.equal(x, 0.5), tf.not_equal(x, 0.5), tf.less(x, 0.0),"
                    " tf.less_equal(x, 0.5), tf.greater(x, 1.0), tf.greater_equal(x, 3.0), x > 0.0]" % X23),
    ("logical", "a = tf.constant([True, True, False, False])\nb = tf.constant([True, False, True, False])\n"
                "out = [tf.logical_and(a, b), tf.logical_or(a, b), tf.logical_not(a), tf.logical_xor(a, b)]"),
    ("matmul", "a = %s\nb = tf.constant([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]])\n"
               "out = [tf.matmul(a, b), tf.matmul(a, a, transpose_b=True), a @ b]" % X23),
    ("batch_matmul", "x = %s\ny = tf.reshape(tf.range(8, dtype=tf.float32), [4, 2])\n"
                     "out = [tf.matmul(x, y), tf.matmul(x, x, transpose_a=True)]" % X234),
    ("tensordot", "x = %s\ny = tf.reshape(tf.range(8, dtype=tf.float32), [4, 2])\n"
                  "out = tf.tensordot(x, y, 1)" % X234),
    ("add_n_cumsum", "x = %s\nout = [tf.add_n([x, x, 2.0 * x]), tf.cumsum(x, axis=1), tf.cumsum(x, 1, exclusive=True),"
                     " tf.cumsum(x, 1, reverse=True)]" % X23),
    ("clip", "x = %s\nout = [tf.clip_by_value(x, -1.0, 1.0), tf.clip_by_norm(x, 2.0),"
             " tf.clip_by_norm(x, 1.0, axes=[1])]" % X23),
    ("reshape_concat", "x = %s\nout = [tf.reshape(x, [3, 2]), tf.reshape(x, [-1]), tf.concat([x, x], 0),"
                       " tf.concat([x, x], axis=-1)]" % X23),
    ("stack_unstack", "x = %s\nout = [tf.stack([x, x], axis=1)] + tf.unstack(x) + tf.unstack(x, axis=1)" % X23),
    ("split", "x = %s\nout = tf.split(x, 2, axis=2) + tf.split(x, [1, 3], axis=2) + tf.split(x, 3, axis=1)" % X234),
    ("slices", "x = %s\nout = [tf.slice(x, [0, 1, 1], [2, 1, -1]), x[1], x[:, 1:, ::2], x[..., -1], x[:, None, 0],"
               " tf.strided_slice(x, [0, 0, 0], [2, 3, 4], [1, 2, 3])]" % X234),
    ("gather", "x = %s\nout = [tf.gather(x, [2, 0, 2], axis=1), tf.gather(x, tf.constant([1])),"
               " tf.gather_nd(x, [[1, 0], [0, 2]]), tf.gather_nd(x, [[1, 0, 3]])]" % X234),
    ("pad_tile", "x = %s\nout = [tf.pad(x, [[1, 0], [0, 2]]), tf.pad(x, [[1, 1], [1, 1]], mode='REFLECT'),"
                 " tf.pad(x, [[0, 0], [2, 1]], constant_values=9.0), tf.tile(x, [2, 2])]" % X23),
    ("transpose_dims", "x = %s\nout = [tf.transpose(x), tf.transpose(x, [1, 0, 2]), tf.expand_dims(x, 0),"
                       " tf.expand_dims(x, -1), tf.squeeze(tf.expand_dims(x, 1)),"
                       " tf.squeeze(tf.reshape(x, [1, 2, 1, 12]), [0])]" % X234),
    ("one_hot", "i = tf.constant([0, 2, 1, 3])\nout = [tf.one_hot(i, 3), tf.one_hot(i, 4, on_value=5.0,"
                " off_value=-1.0, axis=0), tf.one_hot(i, 3, dtype=tf.int32)]"),
    ("cast_shape", "x = %s\nout = [tf.cast(x, tf.int32), tf.cast(x > 0, tf.float32), tf.to_float(tf.constant([1, 2])),"
                   " tf.shape(x), tf.size(x), tf.rank(x), tf.shape(x, out_type=tf.int64)]" % X23),
    ("range_args", "out = [tf.range(tf.constant(4)), tf.range(tf.constant(4, tf.int64), 10),"
                   " tf.range(0, 1, 0.3), tf.range(1.0, 0.0, -0.25), tf.range(5, dtype=tf.int64),"
                   " tf.range(3, name='r'), tf.range(2, 2), tf.range(7, 1, -2), tf.range(tf.constant(2.5)),"
                   " tf.range(0, 10, 3, dtype=tf.float32)]"),
    ("range_fill", "out = [tf.range(5), tf.range(2, 11, 3), tf.range(0.0, 1.0, 0.25), tf.fill([2, 3], 7.0),"
                   " tf.zeros_like(tf.constant([[1, 2]])), tf.ones_like(tf.constant([1.0, 2.0, 3.0])),"
                   " tf.zeros([2, 2]), tf.ones([3], dtype=tf.int32)]"),
    ("where", "x = %s\nout = [tf.where(x > 0.0, x, tf.zeros_like(x)), tf.where(x > 0.0)]" % X23),
    ("reverse_masks", "x = %s\nout = [tf.reverse(x, [1]), tf.reverse(x, [0, 1]),"
                      " tf.boolean_mask(x, tf.constant([False, True])), tf.boolean_mask(x, x > 0.0),"
                      " tf.sequence_mask([1, 3, 0], 4), tf.sequence_mask(tf.constant([2, 1]))]" % X23),
    ("identity_group", "x = %s\na = tf.identity(x)\nb = tf.identity(x, name='named')\n"
                       "with tf.control_dependencies([a]):\n"
                       "    c = tf.identity(b)\n    d = tf.no_op()\n"
                       "g = tf.group(a, b)\nt = tf.tuple([a, b])\nout = [a, b, c] + t" % X23),
    ("losses", "p = %s\nt = %s\n"
               "out = [tf.losses.mean_squared_error(t, p), tf.losses.absolute_difference(t, p),"
               " tf.losses.huber_loss(t, p), tf.losses.log_loss(t, p),"
               " tf.losses.sigmoid_cross_entropy(t, p), tf.losses.mean_squared_error(t, p, weights=2.0)]\n"
               "out += tf.get_collection(tf.GraphKeys.LOSSES)" % (PRED, TARGET)),
    ("softmax_losses", "out = [tf.losses.softmax_cross_entropy(%s, %s), tf.losses.sparse_softmax_cross_entropy(%s, %s),"
                       " tf.losses.softmax_cross_entropy(%s, %s, label_smoothing=0.1)]\n"
                       "out += [tf.losses.get_total_loss(add_regularization_losses=False)]"
     % (LABELS, LOGITS, SPARSE, LOGITS, LABELS, LOGITS)),
    ("regularization_loss", "v = tf.get_variable('w', initializer=tf.constant([1.0, -2.0]),"
                            " regularizer=lambda w: tf.reduce_sum(tf.abs(w)))\n"
                            "l = tf.losses.mean_squared_error(tf.constant([0.0, 1.0]), v)\n"
                            "out = [l, tf.losses.get_regularization_loss(), tf.losses.get_total_loss()]"),
    ("accuracy", "labels = tf.constant([1, 0, 2, 2])\npreds = tf.constant([1, 1, 2, 0])\n"
                 "acc, update = tf.metrics.accuracy(labels, preds)\n"
                 "out = [update] + tf.local_variables()"),
]

VALUE_RUN = """
def _run(out):
    outs = list(out) if isinstance(out, (list, tuple)) else [out]
    with tf.Session() as sess:
        sess.run(tf.global_variables_initializer())
        sess.run(tf.local_variables_initializer())
        values = sess.run([o for o in outs])
    return outs, values
"""


def describe_value(v):
    tolist = getattr(v, "tolist", None)
    return tolist() if tolist else v


def record_values(tf):
    cases = []
    for key, code in VALUE_CASES:
        tf.reset_default_graph()
        scope = {"tf": tf}
        exec(code, scope)
        outs = scope["out"]
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        tensors = [o for o in outs if isinstance(o, tf.Tensor)]
        variables = [o for o in outs if not isinstance(o, tf.Tensor)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.local_variables_initializer())
            values = sess.run(tensors)
        described = []
        for t, v in zip(tensors, values):
            described.append({"name": t.name, "shape": shape_json(t), "dtype": t.dtype.name,
                              "value": describe_value(v)})
        for v in variables:
            described.append({"name": v.name, "shape": shape_json(v), "dtype": v.dtype.name})
        cases.append({"key": key, "code": code, "outputs": described})
    return cases


def main():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow  # noqa: F401
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    meta = {"generator": "scripts/oracle/ops/record.py", "tensorflow": tensorflow.__version__}
    shapes = {"meta": meta, "cases": record_shapes(tf)}
    values = {"meta": meta, "cases": record_values(tf)}
    for rel, data in (("test/core/op-shapes.json", shapes), ("test/runtime/op-values.json", values)):
        with open(os.path.join(ROOT, rel), "w") as f:
            json.dump(data, f, indent=1)
            f.write("\n")
        print("wrote", rel, len(data["cases"]), "cases", file=sys.stderr)


if __name__ == "__main__":
    main()
