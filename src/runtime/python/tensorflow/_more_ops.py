"""More of TF 1.15's math, array and `tf.nn` ops: TF's op types and names, static shapes from the
core's shape functions (`_ops.infer_shape`, src/core/shape-fns.ts) and values from TensorFlow.js.

Ops TF builds from several ops under a name scope (`tf.nn.sigmoid_cross_entropy_with_logits` is
`logistic_loss`, `tf.sequence_mask` is `SequenceMask/Less`) are one op here named as TF names the
tensor it returns.
"""
import builtins as _b

from . import _engine
from . import dtypes as _dtypes
from ._ops import (_graph, _op_name, _shape_list, constant, convert_to_tensor, infer_shape,
                   infer_shapes, make_op, op_const)
from ._framework import Operation, Tensor

T = _engine.tfjs
js = _engine.tojs


def _axis_list(axis):
    if axis is None:
        return None
    if isinstance(axis, (list, tuple)):
        return [int(a) for a in axis]
    return int(axis)


def _tfjs_type(dtype):
    dtype = _dtypes.as_dtype(dtype)
    return "bool" if dtype.is_bool else ("int32" if dtype.is_integer else "float32")


# -- reductions ---------------------------------------------------------------------------------


def _reduce(op_type, fn, default, out_dtype=None):
    def op(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
           keep_dims=None):
        x = convert_to_tensor(input_tensor)
        axis = _axis_list(reduction_indices if axis is None else axis)
        keep = bool(keepdims if keepdims is not None else keep_dims)
        op_name = _op_name(name, default)
        shape = infer_shape("reduce", [x.shape], {"axis": axis, "keepdims": keep}, op_name,
                            op_type)
        return make_op(op_type, op_name + "/", default, [x],
                       lambda ins, s: fn(ins[0], js(axis), keep),
                       out_dtype or x.dtype.base_dtype, shape)

    return op


def _bool_reduce(op_type, fn):
    """`tf.reduce_any` / `tf.reduce_all` as math_ops.py builds them: the op's second input is
    `_ReductionDims`' axes, as for `reduce_sum` (`Const` for all axes of a known rank, `Rank`
    and `range` for an unknown one, `<op>/reduction_indices` for given axes)."""
    from ._ops import _reduce as _ops_reduce

    return _ops_reduce(op_type, fn, op_type)


reduce_any = _bool_reduce("Any", T.any)
reduce_all = _bool_reduce("All", T.all)
reduce_logsumexp = _reduce("ReduceLogSumExp", T.logSumExp, "ReduceLogSumExp")


def _arg(op_type, fn):
    def op(input, axis=None, name=None, dimension=None, output_type=_dtypes.int64):  # noqa: A002
        x = convert_to_tensor(input)
        axis = int(dimension if axis is None else axis) if (axis, dimension) != (None, None) else 0
        op_name = _op_name(name, op_type)
        shape = infer_shape("argmax", [x.shape], {"axis": axis}, op_name, op_type)
        # The axis is the op's `dimension` input, converted inside its scope.
        with _graph().name_scope(op_name + "/"):
            dim = constant(axis, dtype=_dtypes.int32, name="dimension")
        return make_op(op_type, op_name + "/", op_type, [x, dim],
                       lambda ins, s: fn(ins[0], axis), _dtypes.as_dtype(output_type), shape)

    return op


argmax = _arg("ArgMax", T.argMax)
argmin = _arg("ArgMin", T.argMin)


def cumsum(x, axis=0, exclusive=False, reverse=False, name=None):
    x = convert_to_tensor(x)
    op_name = _op_name(name, "Cumsum")
    shape = infer_shape("cumsum", [x.shape], {}, op_name, "Cumsum")
    # gen_math_ops.cumsum converts the axis inside the op's scope (`Cumsum/axis`).
    ax = op_const(op_name, int(axis), "axis")
    out = make_op("Cumsum", op_name + "/", "Cumsum", [x, ax],
                  lambda ins, s: T.cumsum(ins[0], int(axis), bool(exclusive), bool(reverse)),
                  x.dtype.base_dtype, shape)
    out.op._attrs = {"exclusive": bool(exclusive), "reverse": bool(reverse)}
    return out


def add_n(inputs, name=None):
    xs = [convert_to_tensor(v) for v in inputs]
    if len(xs) == 1:
        # math_ops.add_n (1.15): one input is returned as is (an `Identity` when named).
        from ._ops import identity

        return identity(xs[0], name=name) if name else xs[0]
    op_name = _op_name(name, "AddN")
    shape = infer_shape("add_n", [x.shape for x in xs], {}, op_name, "AddN")
    return make_op("AddN", op_name + "/", "AddN", xs, lambda ins, s: T.addN(js(list(ins))),
                   xs[0].dtype.base_dtype, shape)


# -- element-wise -------------------------------------------------------------------------------


def _logical(op_type, fn):
    def op(x, y, name=None):
        a, b = convert_to_tensor(x, dtype=_dtypes.bool), convert_to_tensor(y, dtype=_dtypes.bool)
        op_name = _op_name(name, op_type)
        shape = infer_shape("broadcast", [a.shape, b.shape], {}, op_name, op_type)
        return make_op(op_type, op_name + "/", op_type, [a, b],
                       lambda ins, s: fn(ins[0], ins[1]), _dtypes.bool, shape)

    return op


logical_and = _logical("LogicalAnd", T.logicalAnd)
logical_or = _logical("LogicalOr", T.logicalOr)
logical_xor = _logical("LogicalXor", T.logicalXor)


def to_float(x, name="ToFloat"):
    from ._ops import cast

    return cast(x, _dtypes.float32, name=name)


def to_int32(x, name="ToInt32"):
    from ._ops import cast

    return cast(x, _dtypes.int32, name=name)


# -- array ops ----------------------------------------------------------------------------------


def expand_dims(input, axis=None, name=None, dim=None):  # noqa: A002 - TF's name
    x = convert_to_tensor(input)
    axis = dim if axis is None else axis
    op_name = _op_name(name, "ExpandDims")
    if hasattr(axis, "__len__"):
        # TF converts `axis` to a tensor: a one-element list or array (BERT's `axis=[-1]`) is
        # that element; longer ones fail the shape function.
        items = [int(a) for a in (axis.tolist() if hasattr(axis, "tolist") else axis)]
        if len(items) != 1:
            raise ValueError(
                "'dim' input must be a tensor with a single value for '%s' (op: 'ExpandDims') "
                "with input shapes: %s, [%d] and with computed input tensors: input[1] = <%s>."
                % (op_name, _shape_list(x.shape), len(items), " ".join(map(str, items))))
        axis = items[0]
    axis = int(axis)
    shape = infer_shape("expand_dims", [x.shape], {"axis": axis}, op_name, "ExpandDims")
    dim = op_const(op_name, axis, "dim")
    return make_op("ExpandDims", op_name + "/", "ExpandDims", [x, dim],
                   lambda ins, s: T.expandDims(ins[0], axis), x.dtype.base_dtype, shape)


def squeeze(input, axis=None, name=None, squeeze_dims=None):  # noqa: A002 - TF's name
    x = convert_to_tensor(input)
    axis = _axis_list(squeeze_dims if axis is None else axis)
    if isinstance(axis, int):
        axis = [axis]
    op_name = _op_name(name, "Squeeze")
    shape = infer_shape("squeeze", [x.shape], {"axis": axis or None}, op_name, "Squeeze")
    return make_op("Squeeze", op_name + "/", "Squeeze", [x],
                   lambda ins, s: T.squeeze(ins[0], js(axis or None)), x.dtype.base_dtype, shape)


def unstack(value, num=None, axis=0, name="unstack"):
    x = convert_to_tensor(value)
    op_name = _op_name(name, "unstack")
    shapes = infer_shapes("unstack", [x.shape], {"axis": int(axis), "num": num}, op_name,
                          "Unpack")
    if len(shapes) == 1 and shapes[0].dims is None and num is None:
        raise ValueError("Cannot infer num from shape %s" % x.shape)
    op = Operation(_graph(), op_name, "Unpack", [x],
                   lambda ins, s: _engine.js_list(T.unstack(ins[0], int(axis))))
    op._attrs = {"axis": int(axis), "num": len(shapes)}
    return [Tensor(op, k, x.dtype.base_dtype, shp) for k, shp in enumerate(shapes)]


def one_hot(indices, depth, on_value=None, off_value=None, axis=None, dtype=None, name=None):
    i = convert_to_tensor(indices)
    dt = _dtypes.as_dtype(dtype or _dtypes.float32)
    on = 1 if on_value is None else on_value
    off = 0 if off_value is None else off_value
    ax = -1 if axis is None else int(axis)
    op_name = _op_name(name, "one_hot")
    shape = infer_shape("one_hot", [i.shape], {"depth": int(depth), "axis": ax}, op_name,
                        "OneHot")
    rank = len(i.shape) if i.shape.dims is not None else 0

    def compute(ins, s):
        out = T.oneHot(T.cast(ins[0], "int32"), int(depth), on, off)
        if ax != -1 and ax != rank:
            perm = list(_b.range(rank))
            perm.insert(ax, rank)
            out = T.transpose(out, js(perm))
        return T.cast(out, _tfjs_type(dt))

    from ._math_grad import _scoped_compute

    return make_op("OneHot", op_name + "/", "one_hot", [i], _scoped_compute(compute), dt, shape)


def size(input, name=None, out_type=_dtypes.int32):  # noqa: A002 - TF's name
    """`array_ops.size` (`size_internal(optimize=True)`): a fully defined static shape (or one
    with a 0 dimension) is a `Const` named as the op would be (`Size`), else op `Size`."""
    x = convert_to_tensor(input)
    dims = x.shape
    if dims.is_fully_defined() or (dims.dims and any(d.value == 0 for d in dims.dims)):
        n = dims.num_elements() if dims.is_fully_defined() else 0
        return constant(n, dtype=_dtypes.as_dtype(out_type), name=_op_name(name, "Size") + "/")
    return make_op("Size", name, "Size", [x],
                   lambda ins, s: T.scalar(int(ins[0].size), "int32"),
                   _dtypes.as_dtype(out_type), [])


def rank(input, name=None):  # noqa: A002 - TF's name
    """`array_ops.rank` (`rank_internal(optimize=True)`): a known rank is a `Const` (`Rank`)."""
    x = convert_to_tensor(input)
    if x.shape.dims is not None:
        return constant(len(x.shape), dtype=_dtypes.int32, name=_op_name(name, "Rank") + "/")
    return make_op("Rank", name, "Rank", [x], lambda ins, s: T.scalar(int(ins[0].rank), "int32"),
                   _dtypes.int32, [])


def range(start, limit=None, delta=1, dtype=None, name="range"):  # noqa: A001 - TF's name
    if limit is None:
        start, limit = 0, start
    values = (start, limit, delta)
    if dtype is not None:
        dt = _dtypes.as_dtype(dtype)
    else:
        dt = _dtypes.float32 if any(isinstance(v, float) for v in values) else _dtypes.int32
    op_name = _op_name(name, "range")
    shape = infer_shape("range", [], {"start": start, "limit": limit, "delta": delta}, op_name,
                        "Range", ["[]", "[]", "[]"])
    return make_op("Range", op_name + "/", "range", [],
                   lambda ins, s: T.range(start, limit, delta, _tfjs_type(dt)), dt, shape)


def fill(dims, value, name=None):
    from ._ops import _fill_op, _has_tensor, _is_tensor_like, _shape_tensor, constant

    if _has_tensor(dims) or _is_tensor_like(value):
        # Dims known when the op runs: `Fill/dims` (packed) and `Fill/value` in the op's scope.
        op_name = _op_name(name, "Fill")
        with _graph().name_scope(op_name + "/"):
            dims_t, static = _shape_tensor(dims, "dims")
            value_t = value._as_tensor() if _is_tensor_like(value) else constant(value,
                                                                                 name="value")
        return _fill_op(dims_t, value_t, static, value_t.dtype.base_dtype, op_name)
    dims = [int(d) for d in dims]
    dt = _dtypes.float32 if isinstance(value, float) else (
        _dtypes.bool if isinstance(value, bool) else _dtypes.int32)
    return make_op("Fill", name, "Fill", [],
                   lambda ins, s: T.fill(js(dims), value, _tfjs_type(dt)), dt, dims)


def reverse(tensor, axis, name=None):
    """`tf.reverse` (`reverse_v2`): op `ReverseV2` of the tensor and its `axis`, converted
    inside the op's scope (`ReverseV2/axis`)."""
    x = convert_to_tensor(tensor)
    axes = _axis_list(axis)
    op_name = _op_name(name, "ReverseV2")
    ax = op_const(op_name, axes, "axis")
    return make_op("ReverseV2", op_name + "/", "ReverseV2", [x, ax],
                   lambda ins, s: T.reverse(ins[0], js(axes)), x.dtype.base_dtype, x.shape)


def reverse_sequence(input, seq_lengths, seq_axis=None, batch_axis=None,  # noqa: A002
                     name=None, seq_dim=None, batch_dim=None):
    """array_ops.py (1.15) `reverse_sequence`: op `ReverseSequence` of (input, seq_lengths),
    each batch entry's first `seq_lengths[i]` steps along `seq_axis` reversed."""
    seq_axis = seq_axis if seq_axis is not None else seq_dim
    batch_axis = batch_axis if batch_axis is not None else (batch_dim or 0)
    x = convert_to_tensor(input)
    op_name = _op_name(name, "ReverseSequence")
    with _graph().name_scope(op_name + "/"):
        lengths = convert_to_tensor(seq_lengths, dtype=_dtypes.int64, name="seq_lengths") \
            if not isinstance(seq_lengths, Tensor) else seq_lengths
    shape = infer_shape("reverse_sequence", [x.shape, lengths.shape],
                        {"seq_dim": int(seq_axis), "batch_dim": int(batch_axis)}, op_name,
                        "ReverseSequence")
    result = make_op("ReverseSequence", op_name + "/", "ReverseSequence", [x, lengths],
                     lambda ins, s: reverse_sequence_value(ins[0], ins[1], int(seq_axis),
                                                           int(batch_axis)),
                     x.dtype.base_dtype, shape)
    result.op._attrs = {"seq_dim": int(seq_axis), "batch_dim": int(batch_axis)}
    return result


def reverse_sequence_value(x, lengths, seq_axis, batch_axis):
    """The `ReverseSequence` kernel on tfjs: a gather along `seq_axis` per batch entry, of the
    indices `len - 1 - t` for `t < len` and `t` after (lengths past the axis raise as TF)."""
    dims = [int(d) for d in x.shape]
    lens = [int(v) for v in lengths.dataSync()]
    steps = dims[seq_axis]
    for i, n in enumerate(lens):
        if n < 0 or n > steps:
            from .errors import InvalidArgumentError

            raise InvalidArgumentError(
                None, None, "seq_lens(%d) > input.dim(%d)" % (i, seq_axis) if n > steps
                else "seq_lens(%d) < 0" % i)
    rank = len(dims)
    # batch first, then the sequence axis, then the rest
    perm = [batch_axis, seq_axis] + [a for a in _b.range(rank) if a not in (batch_axis, seq_axis)]
    inverse = [perm.index(a) for a in _b.range(rank)]
    moved = T.transpose(x, js(perm))
    idx = [[(n - 1 - t) if t < n else t for t in _b.range(steps)] for n in lens]
    gathered = T.gather(moved, T.tensor2d(js(idx), js([len(lens), steps]), "int32"), 1, 1)
    return T.transpose(gathered, js(inverse))


def pad(tensor, paddings, mode="CONSTANT", name=None, constant_values=0):
    x = convert_to_tensor(tensor)
    rows = [[int(a), int(b)] for a, b in paddings]
    mode = str(mode).upper()
    op_type = "MirrorPad" if mode in ("REFLECT", "SYMMETRIC") else (
        "PadV2" if constant_values != 0 else "Pad")
    op_name = _op_name(name, op_type)
    shape = infer_shape("pad", [x.shape], {"paddings": rows}, op_name, op_type)

    def compute(ins, s):
        if op_type == "MirrorPad":
            return T.mirrorPad(ins[0], js(rows), mode.lower())
        return T.pad(ins[0], js(rows), constant_values)

    inputs = [x, op_const(op_name, rows, "paddings")]
    if op_type == "PadV2":
        inputs.append(op_const(op_name, constant_values, "constant_values", x.dtype.base_dtype))
    out = make_op(op_type, op_name + "/", op_type, inputs, compute, x.dtype.base_dtype, shape)
    if op_type == "MirrorPad":
        out.op._attrs = {"mode": mode}
    return out


def gather_nd(params, indices, name=None, batch_dims=0):
    p = convert_to_tensor(params)
    op_name = _op_name(name, "GatherNd")
    if hasattr(indices, "_as_tensor"):
        i = convert_to_tensor(indices)
    else:
        # Converted inside the op's scope, as `_apply_op_helper` does: `GatherNd/indices`.
        with _graph().name_scope(op_name + "/"):
            i = convert_to_tensor(indices, name="indices")
    shape = infer_shape("gather_nd", [p.shape, i.shape], {}, op_name, "GatherNd")
    return make_op("GatherNd", op_name + "/", "GatherNd", [p, i],
                   lambda ins, s: T.gatherND(ins[0], T.cast(ins[1], "int32")),
                   p.dtype.base_dtype, shape)


def sequence_mask(lengths, maxlen=None, dtype=_dtypes.bool, name=None):
    """`tf.sequence_mask`: `SequenceMask/Less` (then a Cast for another dtype)."""
    n = convert_to_tensor(lengths)
    dt = _dtypes.as_dtype(dtype)
    g = _graph()
    with g.name_scope(name or "SequenceMask"):
        const = getattr(n.op, "_const_value", None)
        if maxlen is None and const is not None:
            # TF folds `max(lengths)` of a constant: the mask's last dimension is known.
            from ._ops import reduce_max

            m = reduce_max(n)
            shape = infer_shape("sequence_mask", [n.shape],
                                {"maxlen": int(max(const.dataSync()))}, "Less", "Less")
            inputs = [n, m]
        elif maxlen is None:
            from ._ops import reduce_max

            m = reduce_max(n)
            shape = infer_shape("sequence_mask", [n.shape], {"maxlen": None}, "Less", "Less")
            inputs = [n, m]
        else:
            shape = infer_shape("sequence_mask", [n.shape], {"maxlen": int(maxlen)}, "Less",
                                "Less")
            inputs = [n]

        def compute(ins, s):
            length = int(ins[1].dataSync()[0]) if maxlen is None else int(maxlen)
            r = T.range(0, length, 1, "int32")
            mask = T.less(r, T.expandDims(T.cast(ins[0], "int32"), -1))
            return mask if dt.is_bool else T.cast(mask, _tfjs_type(dt))

        return make_op("Less", "Less", "Less", inputs, compute, dt, shape)


def boolean_mask(tensor, mask, name="boolean_mask", axis=None):
    """`tf.boolean_mask`: the kept rows, `boolean_mask/GatherV2` (values computed from the mask)."""
    x = convert_to_tensor(tensor)
    m = convert_to_tensor(mask)
    g = _graph()
    with g.name_scope(name or "boolean_mask"):
        shape = infer_shape("boolean_mask", [x.shape, m.shape], {}, "boolean_mask", "GatherV2")
        k = len(m.shape) if m.shape.dims is not None else 1

        def compute(ins, s):
            data = ins[0]
            flat_shape = [-1] + [int(d) for d in data.shape[k:]]
            flat = T.reshape(data, js(flat_shape))
            keep = [i for i, v in enumerate(ins[1].dataSync()) if v]
            return T.gather(flat, T.tensor1d(js(keep), "int32"), 0)

        return make_op("GatherV2", "GatherV2", "GatherV2", [x, m], compute, x.dtype.base_dtype,
                       shape)


def where_indices(condition, name=None):
    """`tf.where(condition)`: the int64 coordinates of the true elements (op `Where`)."""
    c = convert_to_tensor(condition)
    shape = infer_shape("where_indices", [c.shape], {}, "Where", "Where")

    def compute(ins, s):
        dims = [int(d) for d in ins[0].shape]
        out = []
        for flat, v in enumerate(ins[0].dataSync()):
            if v:
                coord = []
                for d in reversed(dims):
                    coord.insert(0, flat % d)
                    flat //= d
                out.append(coord)
        return T.tensor2d(js(out), js([len(out), len(dims)]), "int32")

    return make_op("Where", name, "Where", [c], compute, _dtypes.int64, shape)


def tensordot(a, b, axes, name=None):
    """math_ops.py (1.15) `tensordot` under `Tensordot`: each operand transposed and reshaped to a
    matrix (`_tensordot_reshape`: from its static shape when fully defined, else from `Shape`,
    `GatherV2` of its free and contracted axes, `Prod` of each and their `stack`), one `MatMul`,
    and the `Reshape` named by the scope to the free dimensions (a `ConcatV2` of them when one
    operand's are dynamic, with the static shape set as TF sets it). An operand of unknown rank
    is one op of the scope's name."""
    x, y = convert_to_tensor(a), convert_to_tensor(b)
    if x.shape.dims is None or y.shape.dims is None:
        return _tensordot_one_op(x, y, axes, name)
    ax = axes if isinstance(axes, int) else [_int_or_list(axes[0]), _int_or_list(axes[1])]
    rx, ry = len(x.shape), len(y.shape)
    if isinstance(ax, int):
        ca, cb = [rx - ax + i for i in _b.range(ax)], [i for i in _b.range(ax)]
    else:
        ca, cb = ax
    from ._ops import matmul, reshape

    with _graph().name_scope(name or "Tensordot") as scope:
        static = infer_shape("tensordot", [x.shape, y.shape], {"axes": ax}, scope[:-1],
                             "MatMul")
        ra, free_a = _tensordot_reshape(x, ca, False)
        rb, free_b = _tensordot_reshape(y, cb, True)
        product = matmul(ra, rb)
        if isinstance(free_a, list) and isinstance(free_b, list):
            return reshape(product, free_a + free_b, name=scope)
        fa = free_a if not isinstance(free_a, list) else constant(free_a, dtype=_dtypes.int32)
        fb = free_b if not isinstance(free_b, list) else constant(free_b, dtype=_dtypes.int32)
        from ._ops import concat

        out = reshape(product, concat([fa, fb], 0), name=scope)
        out.set_shape(static)
        return out


def _int_or_list(axes):
    return [int(axes)] if isinstance(axes, int) else [int(i) for i in axes]


def _tensordot_reshape(t, axes, flipped):
    """math_ops.py (1.15) `tensordot`'s `_tensordot_reshape`: `t` as a matrix, and its free
    dimensions (a list when its shape is fully defined, else a `GatherV2` of its `Shape`)."""
    from ._ops import gather, reduce_prod, reshape, shape, stack, transpose, concat

    dims = t.shape.as_list()
    axes = [i if i >= 0 else i + len(dims) for i in axes]
    free = [i for i in _b.range(len(dims)) if i not in axes]
    if t.shape.is_fully_defined():
        free_dims = [dims[i] for i in free]
        prod_free, prod_axes = 1, 1
        for i in free:
            prod_free *= dims[i]
        for i in axes:
            prod_axes *= dims[i]
        perm = axes + free if flipped else free + axes
        new_shape = [prod_axes, prod_free] if flipped else [prod_free, prod_axes]
        return reshape(transpose(t, perm), new_shape), free_dims
    axes_t = constant(axes, dtype=_dtypes.int32, name="axes")
    free_t = constant(free, dtype=_dtypes.int32, name="free")
    shape_t = shape(t)
    free_dims = gather(shape_t, free_t)
    axes_dims = gather(shape_t, axes_t)
    prod_free = reduce_prod(free_dims)
    prod_axes = reduce_prod(axes_dims)
    if flipped:
        perm = concat([axes_t, free_t], 0)
        new_shape = stack([prod_axes, prod_free])
    else:
        perm = concat([free_t, axes_t], 0)
        new_shape = stack([prod_free, prod_axes])
    return reshape(transpose(t, perm), new_shape), free_dims


def _tensordot_one_op(x, y, axes, name):
    ax = axes if isinstance(axes, int) else [list(axes[0]), list(axes[1])]
    op_name = _op_name(name, "Tensordot")
    shape = infer_shape("tensordot", [x.shape, y.shape], {"axes": ax}, op_name, "MatMul")
    rx = len(x.shape)
    ry = len(y.shape)
    if isinstance(ax, int):
        ca, cb = [rx - ax + i for i in _b.range(ax)], [i for i in _b.range(ax)]
    else:
        ca = [i % rx for i in ax[0]]
        cb = [i % ry for i in ax[1]]
    fa = [i for i in _b.range(rx) if i not in ca]
    fb = [i for i in _b.range(ry) if i not in cb]

    def compute(ins, s):
        sa, sb = [int(d) for d in ins[0].shape], [int(d) for d in ins[1].shape]
        k = 1
        for i in ca:
            k *= sa[i]
        ta = T.reshape(T.transpose(ins[0], js(fa + ca)), js([-1, k]))
        tb = T.reshape(T.transpose(ins[1], js(cb + fb)), js([k, -1]))
        out = T.matMul(ta, tb)
        return T.reshape(out, js([sa[i] for i in fa] + [sb[i] for i in fb]))

    return make_op("Reshape", op_name + "/", "Tensordot", [x, y], compute, x.dtype.base_dtype,
                   shape)


# -- tf.nn ----------------------------------------------------------------------------------------


def softmax(logits, axis=None, name=None, dim=None):
    x = convert_to_tensor(logits)
    axis = -1 if axis is None and dim is None else int(dim if axis is None else axis)
    rank_ = len(x.shape) if x.shape.dims is not None else None
    last = axis == -1 or (rank_ is not None and axis == rank_ - 1)
    # Another axis: TF 1.15 swaps it to the end (Transpose), applies the op, swaps it back.
    if not last:
        _op_name(None, "transpose")
    if last:
        return make_op("Softmax", name, "Softmax", [x], lambda ins, s: T.softmax(ins[0]),
                       x.dtype.base_dtype, x.shape)
    return make_op("Transpose", None, "transpose", [x],
                   lambda ins, s: _softmax_axis(ins[0], axis), x.dtype.base_dtype, x.shape)


def _softmax_axis(x, axis):
    perm = list(_b.range(x.rank))
    perm[axis], perm[-1] = perm[-1], perm[axis]
    return T.transpose(T.softmax(T.transpose(x, js(perm))), js(perm))


def top_k(input, k=1, sorted=True, name=None):  # noqa: A002 - TF's names
    """`TopKV2` of the input and `k`, its second input (`TopKV2/k` for a Python int, else the
    tensor given, e.g. `tf.sort`'s `strided_slice` of the shape); the static shape uses `k`
    when TF's shape inference can evaluate it (`_static_scalar`)."""
    x = convert_to_tensor(input)
    op_name = _op_name(name, "TopKV2")
    if hasattr(k, "_as_tensor"):
        k_t = k._as_tensor()
        k_static = _static_scalar(k_t, 0)
    else:
        k_static = int(k)
        k_t = op_const(op_name, k_static, "k")
    shapes = infer_shapes("top_k", [x.shape], {"k": k_static}, op_name, "TopKV2")

    def compute(ins, s):
        from .errors import InvalidArgumentError

        kv = int(ins[1].dataSync()[0])
        if kv < 0:
            raise InvalidArgumentError(None, None, "Need k >= 0, got %d" % kv)
        last = int(ins[0].shape[len(ins[0].shape) - 1]) if len(ins[0].shape) else 0
        if len(ins[0].shape) < 1:
            raise InvalidArgumentError(None, None, "input must be >= 1-D, got shape []")
        if last < kv:
            raise InvalidArgumentError(None, None, "input must have at least k columns. "
                                       "Had %d, needed %d" % (last, kv))
        r = T.topk(ins[0], kv, bool(sorted))
        return [r.values, r.indices]  # noqa

    op = Operation(_graph(), op_name, "TopKV2", [x, k_t], compute)
    op._attrs = {"sorted": bool(sorted)}
    return _TopK(Tensor(op, 0, x.dtype.base_dtype, shapes[0]),
                 Tensor(op, 1, _dtypes.int32, shapes[1]))


class _TopK(_b.tuple):
    def __new__(cls, values, indices):
        self = _b.tuple.__new__(cls, (values, indices))
        self.values, self.indices = values, indices
        return self


def in_top_k(predictions, targets, k, name=None):
    p, t = convert_to_tensor(predictions), convert_to_tensor(targets)
    g = _graph()
    with g.name_scope(name or "in_top_k"):
        shape = infer_shape("in_top_k", [p.shape, t.shape], {"k": int(k)}, "InTopKV2",
                            "InTopKV2")

        def compute(ins, s):
            target = T.gather(ins[0], T.cast(ins[1], "int32"), 1, 1)
            greater = T.sum(T.cast(T.greater(ins[0], T.expandDims(target, 1)), "int32"), 1)
            return T.less(greater, int(k))

        return make_op("InTopKV2", "InTopKV2", "InTopKV2", [p, t], compute, _dtypes.bool, shape)


def sigmoid_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, name=None):
    """nn_impl.py (1.15): `max(x, 0) - x * z + log(1 + exp(-abs(x)))` built as TF builds it
    under `logistic_loss`: zeros_like, GreaterEqual, Select, Neg, Select_1, mul, sub, Exp,
    Log1p, and the Add named by the scope."""
    from . import _math_grad as mg

    g = _graph()
    with g.name_scope(name or "logistic_loss") as scope:
        x = convert_to_tensor(logits)
        z = convert_to_tensor(labels)
        if not x.shape.is_compatible_with(z.shape):
            raise ValueError("logits and labels must have the same shape (%s vs %s)"
                             % (x.shape, z.shape))
        from ._losses import zeros_like

        zeros = zeros_like(x)
        cond = mg.op1("GreaterEqual", None, [x, zeros],
                      lambda ins, s: T.greaterEqual(ins[0], ins[1]), _dtypes.bool, x.shape)

        def select(ins, s):
            return T.where(ins[0], ins[1], ins[2])

        relu_logits = mg.op1("Select", None, [cond, x, zeros], select, x.dtype, x.shape)
        neg_abs_logits = mg.op1("Select", None, [cond, mg.neg(x), x], select, x.dtype,
                                x.shape)
        first = mg.sub(relu_logits, mg.mul(x, z))
        second = mg.unary("Log1p", T.log1p, mg.unary("Exp", T.exp, neg_abs_logits))
        return mg.op1("Add", scope, [first, second], lambda ins, s: T.add(ins[0], ins[1]),
                      x.dtype, x.shape.merge_with(z.shape))


def _xent(logits, labels, scope, axis=-1, stop_labels=False):
    """nn_ops.py (1.15) `softmax_cross_entropy_with_logits_v2`: logits and labels flattened to
    matrices (`Rank`, `Shape`, `Sub`, `Slice`, `concat`, `Reshape`), the two-output
    `SoftmaxCrossEntropyWithLogits` op named by the scope, and its cost reshaped back
    (`Reshape_2`). The v1 form first stops the labels' gradient (`labels_stop_gradient`)."""
    from . import _math_grad as mg
    from ._gradients import stop_gradient

    g = _graph()
    with g.name_scope(scope) as name:
        if stop_labels:
            labels = stop_gradient(labels, name="labels_stop_gradient")
        x, y = convert_to_tensor(logits), convert_to_tensor(labels)
        rank_known = x.shape.dims is not None
        if not rank_known or axis not in (-1, len(x.shape) - 1) or len(x.shape) < 1:
            return _xent_one_op(x, y)
        shape = infer_shape("softmax_xent", [x.shape, y.shape], {},
                            "SoftmaxCrossEntropyWithLogits", "SoftmaxCrossEntropyWithLogits")
        if y.dtype.base_dtype != x.dtype.base_dtype:
            from ._ops import cast

            y = cast(y, x.dtype.base_dtype)
        input_rank = mg.rank(x)
        input_shape = mg.shape(x)
        flat_x = _flatten_outer_dims(x, mg)
        flat_y = _flatten_outer_dims(y, mg)

        def compute(ins, s):
            logp = T.logSoftmax(ins[0])
            return [T.neg(T.sum(T.mul(ins[1], logp), -1)), T.sub(T.exp(logp), ins[1])]

        dims = x.shape.as_list()
        n = None
        if None not in dims[:-1]:
            n = 1
            for d in dims[:-1]:
                n *= d
        cost, _ = mg.op_n("SoftmaxCrossEntropyWithLogits", name, [flat_x, flat_y], compute,
                          [(x.dtype, [n]), (x.dtype, [n, dims[-1]])])
        output_shape = mg.slice_(input_shape, [0],
                                 [mg.binary("Sub", T.sub, input_rank, 1, default="Sub")])
        cost = mg.reshape(cost, output_shape)
        cost.set_shape(shape)
        return cost


def _flatten_outer_dims(x, mg):
    rank = mg.rank(x)
    last = mg.slice_(mg.shape(x), [mg.binary("Sub", T.sub, rank, 1, default="Sub")], [1])
    out = mg.reshape(x, mg.concat([[-1], last], 0))
    dims = x.shape.as_list()
    if None not in dims[:-1]:
        n = 1
        for d in dims[:-1]:
            n *= d
        out.set_shape([n, dims[-1]])
    else:
        out.set_shape([None, dims[-1]])
    return out


def _xent_one_op(x, y):
    shape = infer_shape("softmax_xent", [x.shape, y.shape], {},
                        "SoftmaxCrossEntropyWithLogits", "SoftmaxCrossEntropyWithLogits")

    def compute(ins, s):
        return T.neg(T.sum(T.mul(ins[1], T.logSoftmax(ins[0])), -1))

    for _ in (0, 1):
        _op_name(None, "Reshape")
    return make_op("Reshape", "Reshape", "Reshape", [x, y], compute, x.dtype.base_dtype, shape)


def softmax_cross_entropy_with_logits_v2(_sentinel=None, labels=None, logits=None, dim=-1,
                                         name=None, axis=None):
    return _xent(logits, labels, name or "softmax_cross_entropy_with_logits",
                 -1 if axis is None and dim is None else (dim if axis is None else axis))


def softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None, dim=-1,
                                      name=None, axis=None):
    """The deprecated v1 form: labels get `stop_gradient`, under `..._sg`."""
    return _xent(logits, labels, name or "softmax_cross_entropy_with_logits_sg",
                 -1 if axis is None and dim is None else (dim if axis is None else axis), True)


def sparse_softmax_cross_entropy_with_logits(_sentinel=None, labels=None, logits=None,
                                             name=None):
    y, x = convert_to_tensor(labels), convert_to_tensor(logits)
    g = _graph()
    with g.name_scope(name or "SparseSoftmaxCrossEntropyWithLogits"):
        shape = infer_shape("sparse_softmax_xent", [x.shape, y.shape], {},
                            "SparseSoftmaxCrossEntropyWithLogits",
                            "SparseSoftmaxCrossEntropyWithLogits")

        def compute(ins, s):
            logp = T.logSoftmax(ins[0])
            depth = int(ins[0].shape[-1])
            onehot = T.oneHot(T.cast(ins[1], "int32"), depth)
            return [T.neg(T.sum(T.mul(onehot, logp), -1)), T.sub(T.exp(logp), onehot)]

        if x.shape.dims is not None and len(x.shape) == 2:
            # 1.15 takes `array_ops.shape(labels)` first (used only for higher ranks).
            from . import _math_grad as mg

            mg.shape(y)
            # The op is named `name` inside the `name` scope: `xentropy/xentropy`.
            cost, _ = mg.op_n("SparseSoftmaxCrossEntropyWithLogits",
                              name or "SparseSoftmaxCrossEntropyWithLogits", [x, y], compute,
                              [(x.dtype, shape), (x.dtype, x.shape)])
            return cost

        # Other ranks (1.15 nn_ops.py): the labels' shape is kept, a run-time check that it
        # is the logits' without the last dimension when the static shapes are not fully
        # defined, logits reshaped to [-1, classes] and labels to [-1], the 2-D op (so its
        # gradient is TF's), and the cost reshaped back to the labels' shape.
        from . import _math_grad as mg
        from ._check_ops import assert_equal
        from ._framework import control_dependencies
        from ._ops import reshape

        labels_shape = mg.shape(y)
        checks = []
        if not (y.shape.is_fully_defined() and x.shape[:-1].is_fully_defined()):
            checks.append(assert_equal(mg.shape(y), mg.shape(x)[:-1]))
        with control_dependencies(checks):
            classes = mg.shape(x)[rank(x) - 1]
            flat_x = reshape(x, [-1, classes])
            flat_y = reshape(y, [-1])
            cost, _ = mg.op_n("SparseSoftmaxCrossEntropyWithLogits",
                              name or "SparseSoftmaxCrossEntropyWithLogits", [flat_x, flat_y],
                              compute, [(x.dtype, [flat_x.shape[0]]), (x.dtype, flat_x.shape)])
            cost = reshape(cost, labels_shape)
            cost.set_shape(shape)
            return cost


def tuple_(tensors, name=None, control_inputs=None):
    """`tf.tuple`: each tensor through `tuple/control_dependency[_N]` after all are computed."""
    from ._ops import identity

    xs = [convert_to_tensor(t) for t in tensors]
    g = _graph()
    with g.name_scope(name or "tuple"):
        return [identity(x, name="control_dependency") for x in xs]


# -- convolutions -------------------------------------------------------------------------------


def _ints(v, n):
    return [int(v)] * n if isinstance(v, int) else [int(x) for x in v]


def _spatial(values, rank=4):
    """The spatial entries of a per-dimension NHWC list (`[1, sh, sw, 1]`) or of a short one."""
    v = list(values)
    return v[1:rank - 1] if len(v) == rank else v


def _nhwc_only(op, data_format, accepted=("NHWC", None)):
    if data_format not in accepted:
        raise NotImplementedError(
            "Scope Lens's runtime implements %s for data_format='NHWC' only." % op)


def conv1d(value=None, filters=None, stride=None, padding=None, use_cudnn_on_gpu=None,
           data_format=None, name=None, input=None, dilations=None):  # noqa: A002
    """nn_ops.py (1.15) `conv1d` under `conv1d`: the input and filters expanded to 2-D
    (`ExpandDims`, `ExpandDims_1`), the `Conv2D` named by the scope, and `Squeeze`."""
    from ._ops import conv2d

    _nhwc_only("tf.nn.conv1d", data_format, ("NWC", None))
    s = stride if isinstance(stride, int) else _spatial(stride, 3)[0]
    d = 1 if dilations is None else (dilations if isinstance(dilations, int)
                                      else _spatial(dilations, 3)[0])
    pad_ = str(padding).upper()
    g = _graph()
    with g.name_scope(name or "conv1d") as scope:
        x = convert_to_tensor(value if value is not None else input)
        w = convert_to_tensor(filters)
        shape = infer_shape("conv1d", [x.shape, w.shape],
                            {"stride": int(s), "padding": pad_, "dilations": int(d)}, "Conv2D",
                            "Conv2D")
        x4 = expand_dims(x, 1)
        w4 = expand_dims(w, 0)
        result = conv2d(x4, w4, [1, 1, int(s), 1], pad_, dilations=[1, 1, int(d), 1],
                        name=scope)
        out = squeeze(result, [1])
        out.set_shape(shape)
        return out


def conv2d_transpose(value=None, filter=None, output_shape=None, strides=None,  # noqa: A002
                     padding="SAME", data_format="NHWC", name=None, input=None, filters=None,
                     dilations=None):
    """nn_ops.py (1.15) `conv2d_transpose`: op `Conv2DBackpropInput` named after its scope
    (`conv2d_transpose`), of (`input_sizes`, filter, value) as TF orders them; `output_shape` a
    list (converted inside the op's scope, `conv2d_transpose/input_sizes`) or an int32 tensor
    (Keras's `Conv2DTranspose` stacks one from `tf.shape`), whose constant entries are the
    static shape's."""
    x = convert_to_tensor(value if value is not None else input)
    w = convert_to_tensor(filter if filter is not None else filters)
    _nhwc_only("tf.nn.conv2d_transpose", data_format)
    return _conv_transpose(x, w, output_shape, _spatial(_ints(strides, 4)), padding, name,
                           "conv2d_transpose", "Conv2DBackpropInput", T.conv2dTranspose)


def _conv_transpose(x, w, output_shape, st, padding, name, default, op_type, kernel):
    """What conv2d_transpose and conv3d_transpose share: `output_shape` as an int32 tensor
    (its constant entries give the static shape) or a list converted inside the op's scope
    (`<default>/input_sizes`), and op `op_type` of (sizes, filter, value) named after the
    scope, with TF's `strides`/`padding` attributes; `st` are the spatial strides."""
    pad_ = str(padding).upper()
    op_name = _op_name(name, default)
    if isinstance(output_shape, Tensor):
        sizes = output_shape
        out = _partial_shape_entries(sizes, len(st) + 2)
    else:
        out = [int(v) for v in output_shape]
        sizes = op_const(op_name, out, "input_sizes")
    shape = infer_shape(default, [x.shape, w.shape], {"output_shape": out}, op_name, op_type)

    def compute(ins, s):
        dims = [int(v) for v in ins[0].dataSync()]
        return kernel(ins[2], ins[1], js(dims), js(st), pad_.lower())

    result = make_op(op_type, op_name + "/", default, [sizes, w, x], compute,
                     x.dtype.base_dtype, shape)
    result.op._attrs = {"strides": [1] + st + [1], "padding": pad_}
    return result


def _partial_shape_entries(t, n):
    """The entries of a 1-D int32 shape tensor TF's shape inference knows without running it
    (`ConstantPartialShape`): a constant's values, the constant inputs of a `Pack`; None for the
    others."""
    const = getattr(t.op, "_const_value", None)
    if const is not None:
        return [int(v) for v in const.dataSync()]
    if t.op.type == "Pack":
        return [_static_scalar(i, 0) for i in t.op.inputs]
    return [None] * n


def _static_scalar(t, depth):
    """An int32 scalar's value when TF's shape inference evaluates it without running the graph
    (`EvaluateConstantTensor`): a constant, a known dimension sliced from `Shape`, and
    `Mul`/`Add`/`AddV2`/`Sub` of such values; else None."""
    const = getattr(t.op, "_const_value", None)
    if const is not None:
        values = const.dataSync()
        return int(values[0]) if len(values) == 1 else None
    if depth > 8:
        return None
    op = t.op
    if op.type == "StridedSlice" and op.inputs[0].op.type in ("Shape", "Const"):
        masks = getattr(op, "_attrs", {}).get("masks")
        begin = getattr(op.inputs[1].op, "_const_value", None)
        if masks is None or begin is None or masks[4] != 1 or len(begin.dataSync()) != 1:
            return None
        whole = getattr(op.inputs[0].op, "_const_value", None)
        if op.inputs[0].op.type == "Const":
            # A shape TF folded into a constant (`tf.shape` of a known shape).
            values = [] if whole is None or len(whole.shape) != 1 else whole.dataSync()
            i = int(begin.dataSync()[0])
            return int(values[i]) if -len(values) <= i < len(values) else None
        source = op.inputs[0].op.inputs[0].shape
        i = int(begin.dataSync()[0])
        if source.dims is None or not -len(source) <= i < len(source):
            return None
        return source[i].value
    if op.type in ("Mul", "Add", "AddV2", "Sub") and len(op.inputs) == 2:
        a = _static_scalar(op.inputs[0], depth + 1)
        b = _static_scalar(op.inputs[1], depth + 1)
        if a is None or b is None:
            return None
        return a * b if op.type == "Mul" else (a - b if op.type == "Sub" else a + b)
    return None


def _depthwise_native(x, w, st, dil, pad_, name):
    shape = infer_shape("depthwise_conv2d", [x.shape, w.shape],
                        {"strides": st, "padding": pad_, "dilations": dil},
                        name[:-1] if name.endswith("/") else _graph().unique_name(name, False),
                        "DepthwiseConv2dNative")
    return make_op("DepthwiseConv2dNative", name, "depthwise", [x, w],
                   lambda ins, s: T.depthwiseConv2d(ins[0], ins[1], js(st), pad_.lower(), "NHWC",
                                                    js(dil)),
                   x.dtype.base_dtype, shape)


def _with_space_to_batch_prelude(w, dil):
    """nn_ops.py (1.15) `with_space_to_batch`'s constants: the filter's shape (`Shape`) and
    `dilation_rate`, before an op that convolves with the dilation itself (rate 1, or shapes
    unknown when the graph is built)."""
    from . import _math_grad as mg

    mg.shape(w)
    constant(list(dil), dtype=_dtypes.int32, name="dilation_rate")


def _depthwise_with_space_to_batch(x, w, st, dil, pad_, name):
    """nn_impl.py (1.15): `with_space_to_batch(filter_shape=array_ops.shape(w))` around the
    `DepthwiseConv2dNative` named `name`: the filter's `Shape`, then for a rate above 1 (with
    the input's rank and the filter's shape known) `_WithSpaceToBatch` (_lib's nn_ops:
    `dilation_rate`, [`stack`,] `required_space_to_batch_paddings`, `SpaceToBatchND`, the op
    with dilation 1 and VALID padding, `BatchToSpaceND`); otherwise `dilation_rate` and one op
    convolving with the dilation itself."""
    from . import _math_grad as mg
    from ._lib import nn_ops as lib_nn

    fshape = w.shape.as_list() if w.shape.dims is not None else None
    if dil == [1, 1] or not lib_nn.rank_is(x.shape, 2) or fshape is None \
            or None in fshape:
        _with_space_to_batch_prelude(w, dil)
        return _depthwise_native(x, w, st, dil, pad_, name)
    mg.shape(w)

    def build_op(padding):
        return lambda inp, f: _depthwise_native(inp, f, st, [1, 1], padding, name)

    return lib_nn.WithSpaceToBatch(x.shape, dil, pad_, build_op, filter_shape=fshape,
                                   filter_shape_made=True)(x, w)


def depthwise_conv2d(input, filter, strides, padding, rate=None, name=None,  # noqa: A002
                     data_format=None, dilations=None):
    """nn_impl.py (1.15) `depthwise_conv2d` under `depthwise`: `with_space_to_batch`'s `Shape`
    and `dilation_rate`, and the `DepthwiseConv2dNative` named by the scope."""
    _nhwc_only("tf.nn.depthwise_conv2d", data_format)
    st = _spatial(_ints(strides, 4))
    dil = [1, 1] if (rate or dilations) is None else _spatial(_ints(rate or dilations, 2))
    pad_ = str(padding).upper()
    with _graph().name_scope(name or "depthwise") as scope:
        x = convert_to_tensor(input, name="tensor_in")
        w = convert_to_tensor(filter, name="filter_in")
        return _depthwise_with_space_to_batch(x, w, st, dil, pad_, scope)


def separable_conv2d(input, depthwise_filter, pointwise_filter, strides, padding,  # noqa: A002
                     rate=None, name=None, data_format=None, dilations=None):
    """nn_impl.py (1.15) `separable_conv2d` under `separable_conv2d`: the depthwise part
    (`Shape`, `dilation_rate`, `depthwise`), then the 1x1 `Conv2D` named by the scope."""
    from ._ops import conv2d

    _nhwc_only("tf.nn.separable_conv2d", data_format)
    st = _spatial(_ints(strides, 4))
    dil = [1, 1] if (rate or dilations) is None else _spatial(_ints(rate or dilations, 2))
    pad_ = str(padding).upper()
    with _graph().name_scope(name or "separable_conv2d") as scope:
        x = convert_to_tensor(input, name="input")
        dw = convert_to_tensor(depthwise_filter, name="depthwise_filter")
        pw = convert_to_tensor(pointwise_filter, name="pointwise_filter")
        infer_shape("separable_conv2d", [x.shape, dw.shape, pw.shape],
                    {"strides": st, "padding": pad_, "dilations": dil}, scope.rstrip("/"),
                    "Conv2D")
        depthwise = _depthwise_with_space_to_batch(x, dw, st, dil, pad_, "depthwise")
        return conv2d(depthwise, pw, [1, 1, 1, 1], "VALID", name=scope)


# -- tf.metrics -----------------------------------------------------------------------------------


def _metric_variable(name):
    """metrics_impl.py `metric_variable`: a local scalar made from `zeros` under its
    `Initializer` scope (`accuracy/total/Initializer/zeros`), in LOCAL_VARIABLES and
    METRIC_VARIABLES."""
    from ._framework import GraphKeys
    from ._init_ops import zeros_initializer
    from ._variable_scope import get_variable

    return get_variable(name, [], _dtypes.float32, initializer=zeros_initializer(),
                        trainable=False,
                        collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.METRIC_VARIABLES])


def mean(values, weights=None, metrics_collections=None, updates_collections=None, name=None):
    """metrics_impl.py (1.15) `mean`: `total` and `count`, `AssignAdd` of the batch's sum and
    size, and `div_no_nan(total, maximum(count, 0))` as `value` and `update_op`."""
    from ._framework import add_to_collections
    from ._losses import _div_no_nan, broadcast_weights, _cast
    from ._ops import assign, maximum, multiply, reduce_sum
    from ._variable_scope import variable_scope

    values = convert_to_tensor(values)
    with variable_scope(name, "mean", (values, weights)):
        g = _graph()
        values = _cast(values, _dtypes.float32)
        total = _metric_variable("total")
        count = _metric_variable("count")
        if weights is None:
            # array_ops.size: a Const of a fully defined shape's size.
            n = (constant(values.shape.num_elements(), dtype=_dtypes.int32, name="Size")
                 if values.shape.is_fully_defined() else size(values))
            num_values = _cast(n, _dtypes.float32)
        else:
            # metrics_impl._remove_squeezable_dimensions: the weights converted (`Const` for
            # Python weights), a static rank one above or below the values' squeezed or
            # expanded.
            weights = convert_to_tensor(weights)
            w_rank, v_rank = weights.shape.ndims, values.shape.ndims
            if w_rank and v_rank is not None:
                if w_rank - v_rank == 1:
                    weights = squeeze(weights, [-1])
                elif v_rank - w_rank == 1:
                    weights = expand_dims(weights, -1)
            weights = broadcast_weights(_cast(weights, _dtypes.float32), values)
            values = multiply(values, weights)
            num_values = reduce_sum(weights)
        update_total = assign(total, reduce_sum(values), name="AssignAdd", kind="AssignAdd")
        with g.control_dependencies([values]):
            update_count = assign(count, num_values, name="AssignAdd", kind="AssignAdd")
        value = _div_no_nan(total.value(), maximum(count.value(), 0), "value")
        update = _div_no_nan(update_total, maximum(update_count, 0), "update_op")
    if metrics_collections:
        add_to_collections(metrics_collections, value)
    if updates_collections:
        add_to_collections(updates_collections, update)
    return value, update


def accuracy(labels, predictions, weights=None, metrics_collections=None,
             updates_collections=None, name=None):
    """metrics_impl.py (1.15) `accuracy`: `Equal` of predictions and labels, `Cast` to float,
    then `mean` under `accuracy` (local variables `accuracy/total` and `accuracy/count`)."""
    from ._losses import _cast
    from ._ops import equal

    predictions = convert_to_tensor(predictions)
    labels = convert_to_tensor(labels)
    with _graph().name_scope("remove_squeezable_dimensions"):
        p_rank, l_rank = predictions.shape.ndims, labels.shape.ndims
        if p_rank is not None and l_rank is not None:
            if p_rank - l_rank == 1:
                predictions = squeeze(predictions, [-1])
            elif p_rank - l_rank == -1:
                labels = squeeze(labels, [-1])
    predictions.shape.assert_is_compatible_with(labels.shape)
    if labels.dtype.base_dtype != predictions.dtype.base_dtype:
        predictions = _cast(predictions, labels.dtype)
    is_correct = _cast(equal(predictions, labels), _dtypes.float32)
    return mean(is_correct, weights, metrics_collections, updates_collections,
                name or "accuracy")


# -- 3-D convolution and pooling (nn_ops.py, 1.15) ----------------------------------------------


def conv3d(input, filter=None, strides=None, padding=None, data_format="NDHWC",  # noqa: A002
           dilations=None, name=None, filters=None):
    """`tf.nn.conv3d`: op `Conv3D` (NDHWC only)."""
    x = convert_to_tensor(input)
    w = convert_to_tensor(filter if filter is not None else filters)
    _nhwc_only("tf.nn.conv3d", data_format, ("NDHWC", None))
    st = _ints(strides, 5)
    dil = _ints(dilations or 1, 5)
    pad_ = str(padding).upper()
    op_name = _op_name(name, "Conv3D")
    shape = infer_shape("conv3d", [x.shape, w.shape],
                        {"strides": st, "padding": pad_, "dilations": dil,
                         "data_format": "NDHWC"}, op_name, "Conv3D")
    return make_op("Conv3D", op_name + "/", "Conv3D", [x, w],
                   lambda ins, s: T.conv3d(ins[0], ins[1], js(st[1:4]), pad_.lower(), "NDHWC",
                                           js(dil[1:4])),
                   x.dtype.base_dtype, shape)


def _pool3d(op_type, fn):
    def op(input, ksize, strides, padding, data_format="NDHWC", name=None):  # noqa: A002
        x = convert_to_tensor(input)
        _nhwc_only("tf.nn.%s" % fn, data_format, ("NDHWC", None))
        k, st = _ints(ksize, 5), _ints(strides, 5)
        pad_ = str(padding).upper()
        op_name = _op_name(name, op_type)
        shape = infer_shape("max_pool", [x.shape],
                            {"ksize": k, "strides": st, "padding": pad_, "rank": 5}, op_name,
                            op_type)
        kernel = getattr(T, fn)
        result = make_op(op_type, op_name + "/", op_type, [x],
                         lambda ins, s: kernel(ins[0], js(k[1:4]), js(st[1:4]), pad_.lower()),
                         x.dtype.base_dtype, shape)
        result.op._attrs = {"ksize": k, "strides": st, "padding": pad_}
        return result

    return op


max_pool3d = _pool3d("MaxPool3D", "maxPool3d")
avg_pool3d = _pool3d("AvgPool3D", "avgPool3d")


def conv3d_transpose(value=None, filter=None, output_shape=None, strides=None,  # noqa: A002
                     padding="SAME", data_format="NDHWC", name=None, input=None, filters=None,
                     dilations=None):
    """nn_ops.py (1.15) `conv3d_transpose`: op `Conv3DBackpropInputV2` named after its scope
    (`conv3d_transpose`), of (`input_sizes`, filter, value); `output_shape` a list or an int32
    tensor (Keras's `Conv3DTranspose` stacks one from `tf.shape`). NDHWC only."""
    x = convert_to_tensor(value if value is not None else input)
    w = convert_to_tensor(filter if filter is not None else filters)
    _nhwc_only("tf.nn.conv3d_transpose", data_format, ("NDHWC", None))
    st = _ints(strides, 5)
    st = st[1:4] if len(st) == 5 else st
    return _conv_transpose(x, w, output_shape, st, padding, name, "conv3d_transpose",
                           "Conv3DBackpropInputV2", T.conv3dTranspose)


# -- sort_ops.py (1.15) ---------------------------------------------------------------------------


def _sort_or_argsort(values, axis, direction, return_argsort):
    """sort_ops.py `_sort_or_argsort`: `axis` converted to a constant (`axis`), then the
    descending sort (`_descending_sort`) of the values, or of their negation for ascending
    order (negated back for `tf.sort`)."""
    from ._ops import negative as _neg

    if direction not in ("ASCENDING", "DESCENDING"):
        raise ValueError("%s should be one of ASCENDING, DESCENDING" % (direction,))
    axis_t = convert_to_tensor(axis, name="axis")
    axis_static = _static_scalar(axis_t, 0)
    if axis_t.shape.dims is None or len(axis_t.shape) != 0 or axis_static is None:
        raise ValueError("axis must be a constant scalar")
    x = convert_to_tensor(values, name="values")
    if direction == "DESCENDING":
        return _descending_sort(x, axis_static, return_argsort)
    out = _descending_sort(_neg(x), axis_static, return_argsort)
    return out if return_argsort else _neg(out)


def _descending_sort(values, axis, return_argsort):
    """sort_ops.py `_descending_sort`: `top_k` of the whole axis, `k` sliced from the shape
    (`Shape`, `strided_slice`) beside the `Rank`; another axis than the last is swapped to the
    end and back by a `transposition` constant (TF builds it from `range` and `concat` when the
    rank is unknown)."""
    from ._ops import concat, range_, shape as _shape, transpose

    k = _shape(values)[axis]
    rank_ = rank(values)
    static_rank = None if values.shape.dims is None else len(values.shape)
    transposition = None
    if not (axis == -1 or (static_rank is not None and axis + 1 == static_rank)):
        if axis < 0:
            axis += static_rank or rank_
        if static_rank is not None:
            perm = list(_b.range(axis)) + [static_rank - 1] + list(
                _b.range(axis + 1, static_rank - 1)) + [axis]
            transposition = constant(perm, dtype=_dtypes.int32, name="transposition")
        else:
            transposition = concat([range_(axis), [rank_ - 1], range_(axis + 1, rank_ - 1),
                                    [axis]], axis=0)
        values = transpose(values, transposition)
    out = top_k(values, k)
    result = out.indices if return_argsort else out.values
    if transposition is not None:
        result = transpose(result, transposition)
    return result


def sort(values, axis=-1, direction="ASCENDING", name=None):
    with _graph().name_scope(name or "sort"):
        return _sort_or_argsort(values, axis, direction, False)


def argsort(values, axis=-1, direction="ASCENDING", stable=False, name=None):
    del stable  # TF 1.15 ignores it (its sort is stable: top_k keeps the lower index first)
    with _graph().name_scope(name or "argsort"):
        return _sort_or_argsort(values, axis, direction, True)


def scatter_nd(indices, updates, shape, name=None):
    """`tf.scatter_nd`: op `ScatterNd` of indices, updates and the shape (`ScatterNd/shape`, a
    `Pack` when the list holds tensors); duplicate indices add up, as in TF's kernel."""
    from ._ops import _shape_tensor

    i = convert_to_tensor(indices)
    u = convert_to_tensor(updates)
    op_name = _op_name(name, "ScatterNd")
    if hasattr(shape, "_as_tensor") or (isinstance(shape, (list, tuple)) and _b.any(
            hasattr(d, "_as_tensor") for d in shape)):
        with _graph().name_scope(op_name + "/"):
            shape_t, _static = _shape_tensor(shape, "shape")
    else:
        shape_t = op_const(op_name, [int(d) for d in shape], "shape", i.dtype.base_dtype)
    n = shape_t.shape[0].value if shape_t.shape.dims is not None and len(shape_t.shape) else None
    entries = _partial_shape_entries(shape_t, n) if n is not None else None
    out = infer_shape("scatter_nd", [i.shape, u.shape], {"shape": entries}, op_name,
                      "ScatterNd")

    def compute(ins, s):
        dims = [int(v) for v in ins[2].dataSync()]
        return T.scatterND(T.cast(ins[0], "int32"), ins[1], js(dims))

    return make_op("ScatterNd", op_name + "/", "ScatterNd", [i, u, shape_t], compute,
                   u.dtype.base_dtype, out)


def _multinomial(logits, num_samples, seed, output_dtype):
    """random_ops.py `multinomial_categorical_impl`: op `Multinomial` of the logits and
    `Multinomial/num_samples`; the draws come from tfjs's seeded generator (TF's random
    stream cannot be reproduced), one row of `num_samples` classes per batch entry."""
    from ._ops import _seed

    x = convert_to_tensor(logits, name="logits")
    op_name = _op_name(None, "Multinomial")
    n_static = _static_scalar(num_samples._as_tensor(), 0) if hasattr(
        num_samples, "_as_tensor") else int(num_samples)
    n_t = num_samples._as_tensor() if hasattr(num_samples, "_as_tensor") else op_const(
        op_name, n_static, "num_samples")
    shape = infer_shape("multinomial", [x.shape], {"num_samples": n_static}, op_name,
                        "Multinomial")
    dtype = _dtypes.as_dtype(output_dtype)

    def compute(ins, s):
        n = int(ins[1].dataSync()[0])
        drawn = T.multinomial(T.cast(ins[0], "float32"), n, _seed(seed), False)
        return T.reshape(drawn, js([int(ins[0].shape[0]), n]))

    return make_op("Multinomial", op_name + "/", "Multinomial", [x, n_t], compute, dtype, shape)


def multinomial(logits, num_samples, seed=None, name=None, output_dtype=None):
    with _graph().name_scope(name or "multinomial"):
        return _multinomial(logits, num_samples, seed, output_dtype or _dtypes.int64)


def categorical(logits, num_samples, dtype=None, seed=None, name=None):
    with _graph().name_scope(name or "categorical"):
        return _multinomial(logits, num_samples, seed, dtype or _dtypes.int64)


# -- SpaceToBatchND / BatchToSpaceND and the dilated convolution built on them --------------------


def _const_ints(t):
    known = getattr(t.op, "_const_value", None)
    if known is None:
        return None
    values = [int(v) for v in known.dataSync()]
    dims = [int(d) for d in known.shape]
    return [values[i * 2:i * 2 + 2] for i in _b.range(dims[0])] if len(dims) == 2 else values


def _space_batch(op_type, fn, third, default):
    def op(input, block_shape, pads, name=None):  # noqa: A002 - TF's name
        x = convert_to_tensor(input)
        op_name = _op_name(name, default)
        with _graph().name_scope(op_name + "/"):
            block_t = block_shape._as_tensor() if hasattr(block_shape, "_as_tensor") else \
                constant(block_shape, dtype=_dtypes.int32, name="block_shape")
            pads_t = pads._as_tensor() if hasattr(pads, "_as_tensor") else \
                constant(pads, dtype=_dtypes.int32, name=third)
        shape = infer_shape("space_to_batch_nd" if op_type == "SpaceToBatchND"
                            else "batch_to_space_nd", [x.shape],
                            {"block_shape": _const_ints(block_t), third: _const_ints(pads_t)},
                            op_name, op_type)

        def compute(ins, s):
            block = [int(v) for v in ins[1].dataSync()]
            flat = [int(v) for v in ins[2].dataSync()]
            pairs = [flat[i * 2:i * 2 + 2] for i in _b.range(len(block))]
            return fn(ins[0], js(block), js(pairs))

        return make_op(op_type, op_name + "/", default, [x, block_t, pads_t], compute,
                       x.dtype.base_dtype, shape)

    return op


_space_to_batch_nd = _space_batch("SpaceToBatchND", lambda x, b, p: T.spaceToBatchND(x, b, p),
                                  "paddings", "SpaceToBatchND")
_batch_to_space_nd = _space_batch("BatchToSpaceND", lambda x, b, c: T.batchToSpaceND(x, b, c),
                                  "crops", "BatchToSpaceND")


def space_to_batch_nd(input, block_shape, paddings, name=None):  # noqa: A002 - TF's name
    return _space_to_batch_nd(input, block_shape, paddings, name=name)


def batch_to_space_nd(input, block_shape, crops, name=None):  # noqa: A002 - TF's name
    return _batch_to_space_nd(input, block_shape, crops, name=name)


def convolution(input, filter=None, padding=None, strides=None, dilation_rate=None,  # noqa: A002
                name=None, data_format=None, filters=None, dilations=None):
    """nn_ops.py (1.15) `convolution` (`convolution_internal`) of a 1-D, 2-D or 3-D
    channels-last input, under the `convolution` scope: without dilation `conv1d`, `Conv2D` or
    `Conv3D` named by the scope; with it `Convolution`'s `_WithSpaceToBatch` (_lib's nn_ops:
    `dilation_rate`, for SAME `filter_shape` and the base paddings `stack`,
    `required_space_to_batch_paddings`, `SpaceToBatchND`, the VALID convolution named by the
    scope, `BatchToSpaceND`)."""
    from ._lib import nn_ops as lib_nn
    from ._ops import conv2d

    w = filter if filter is not None else filters
    rate = dilation_rate if dilation_rate is not None else dilations
    x = convert_to_tensor(input)
    wt = convert_to_tensor(w)
    rank = x.shape.ndims if x.shape.ndims is not None else wt.shape.ndims
    if rank is None or rank not in (3, 4, 5) \
            or data_format not in (None, ("NWC", "NHWC", "NDHWC")[rank - 3]):
        raise NotImplementedError(
            "Scope Lens's runtime implements tf.nn.convolution for channels-last inputs of "
            "known rank 3 to 5 only.")
    n = rank - 2

    def sequence(v):
        # nn_ops.py `_get_sequence`: one value for every spatial dimension, or n, or n + 2.
        v = [1] if v is None else ([v] if isinstance(v, int) else list(v))
        v = [int(x) for x in v]
        return v * n if len(v) == 1 else _spatial(v, rank)

    rate = sequence(rate)
    st = sequence(strides)
    pad_ = str(padding).upper()

    def conv(inp, f, strides_, padding_, scope):
        if n == 1:
            return conv1d(inp, f, strides_[0], padding_, name=scope)
        if n == 2:
            return conv2d(inp, f, [1] + strides_ + [1], padding_, name=scope)
        return conv3d(inp, f, [1] + strides_ + [1], padding_, name=scope)

    with _graph().name_scope(name or "convolution") as scope:
        if rate == [1] * n:
            return conv(x, wt, st, pad_, scope)
        lib_nn.check_strides_and_dilation(st, rate)
        fshape = wt.shape.as_list() if wt.shape.ndims is not None else None
        if x.shape.ndims is None or fshape is None or None in fshape:
            raise NotImplementedError(
                "Scope Lens's runtime implements dilated convolutions for inputs of known rank "
                "and filters whose shape is known when the graph is built.")

        def build_op(padding_):
            return lambda inp, f: conv(inp, f, [1] * n, padding_, scope)

        return lib_nn.WithSpaceToBatch(x.shape, rate, pad_, build_op,
                                       filter_shape=fshape)(x, wt)


def atrous_conv2d(value, filters, rate, padding, name=None):
    """nn_ops.py (1.15) `atrous_conv2d`: `convolution` with the rate on both spatial axes."""
    return convolution(value, filters, padding, dilation_rate=[int(rate), int(rate)], name=name)


# ---------------------------------------------------------------------------------------------
# Fused batch normalization


def _fbn_nhwc(x, data_format):
    return T.transpose(x, js([0, 2, 3, 1])) if data_format == "NCHW" else x


def _fbn_back(y, data_format):
    return T.transpose(y, js([0, 3, 1, 2])) if data_format == "NCHW" else y


def _fbn_forward(ins, epsilon, data_format, is_training):
    """fused_batch_norm_op.cc (1.15) `FusedBatchNorm<CPUDevice>` on NHWC: training normalizes
    with the batch's mean and variance (over the `rest_size` values of each channel) and
    reports the variance with Bessel's correction (`rest_size / (rest_size - 1)`), the reserve
    spaces holding the mean and the uncorrected variance; inference uses the given ones."""
    x = _fbn_nhwc(ins[0], data_format)
    scale, offset = ins[1], ins[2]
    if is_training:
        depth = int(x.shape[3])
        rest = int(x.size) // depth if depth else 0
        mean = T.mul(T.sum(x, js([0, 1, 2])), 1.0 / rest)
        centered = T.sub(x, mean)
        variance = T.mul(T.sum(T.square(centered), js([0, 1, 2])), 1.0 / rest)
    else:
        mean, variance = ins[3], ins[4]
        centered = T.sub(x, mean)
    factor = T.mul(T.rsqrt(T.add(variance, epsilon)), scale)
    y = _fbn_back(T.add(T.mul(centered, factor), offset), data_format)
    if not is_training:
        return [y, T.clone(mean), T.clone(variance), T.clone(mean), T.clone(variance),
                T.scalar(0)]
    adjust = float(rest) / float(rest - 1 if rest > 1 else 1)
    return [y, mean, T.mul(variance, adjust), T.clone(mean), variance, T.scalar(0)]


def _fbn_check(x, scale, offset, mean, variance):
    for t, what in ((x, "x"), (scale, "scale"), (offset, "offset"), (mean, "mean"),
                    (variance, "variance")):
        if t.dtype.base_dtype != _dtypes.float32:
            raise NotImplementedError(
                "Scope Lens's FusedBatchNormV3 computes float32 only (%s is %s)."
                % (what, t.dtype.base_dtype.name))


def fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon=0.001,
                     data_format="NHWC", is_training=True, name=None):
    """nn_impl.py (1.15) `fused_batch_norm`: a missing mean or variance is `constant([])`
    (`Const`, `Const_1`), epsilon at least 1.001e-5 (cuDNN's minimum), then one
    `FusedBatchNormV3` op (outputs y, batch_mean, batch_variance, reserve_space_1..3) of which
    it returns the first three."""
    x = convert_to_tensor(x, name="input")
    scale = convert_to_tensor(scale, name="scale")
    offset = convert_to_tensor(offset, name="offset")
    if mean is None:
        mean = constant([], dtype=_dtypes.float32)
    if variance is None:
        variance = constant([], dtype=_dtypes.float32)
    mean = convert_to_tensor(mean)
    variance = convert_to_tensor(variance)
    min_epsilon = 1.001e-5
    epsilon = epsilon if epsilon > min_epsilon else min_epsilon
    data_format = data_format.decode() if isinstance(data_format, bytes) else str(data_format)
    if data_format not in ("NHWC", "NCHW"):
        raise ValueError("Invalid data format: %s" % data_format)
    is_training = bool(is_training)
    _fbn_check(x, scale, offset, mean, variance)
    op_name = _op_name(name, "FusedBatchNormV3")
    shapes = infer_shapes("fused_batch_norm", [t.shape for t in (x, scale, offset, mean,
                                                                 variance)],
                          {"data_format": data_format, "is_training": is_training}, op_name,
                          "FusedBatchNormV3")
    eps = float(epsilon)

    def compute(ins, s):
        return _fbn_forward(ins, eps, data_format, is_training)

    from ._math_grad import _scoped_compute

    op = Operation(_graph(), op_name, "FusedBatchNormV3", [x, scale, offset, mean, variance],
                   _scoped_compute(compute),
                   control_inputs=_graph().control_inputs_for([x, scale, offset, mean,
                                                                variance]))
    op._fbn_attrs = {"epsilon": eps, "data_format": data_format, "is_training": is_training}
    outs = [Tensor(op, i, _dtypes.float32, shapes[i]) for i in _b.range(6)]
    return outs[0], outs[1], outs[2]


def fused_batch_norm_grad_v3(y_backprop, x, scale, reserve_space_1, reserve_space_2,
                             reserve_space_3, epsilon, data_format, is_training):
    """gen_nn_ops `fused_batch_norm_grad_v3`: one `FusedBatchNormGradV3` op with outputs
    x_backprop, scale_backprop, offset_backprop, reserve_space_4, reserve_space_5; its kernel
    is fused_batch_norm_op.cc (1.15) `FusedBatchNormGrad<CPUDevice>` (on NHWC)."""
    inputs = [y_backprop, x, scale, reserve_space_1, reserve_space_2, reserve_space_3]
    op_name = _op_name(None, "FusedBatchNormGradV3")
    shapes = infer_shapes("fused_batch_norm_grad", [t.shape for t in inputs[:5]],
                          {"data_format": data_format, "is_training": is_training}, op_name,
                          "FusedBatchNormGradV3")
    eps = float(epsilon)

    def compute(ins, s):
        dy = _fbn_nhwc(ins[0], data_format)
        xv = _fbn_nhwc(ins[1], data_format)
        scale_v, mean, variance = ins[2], ins[3], ins[4]
        axes = js([0, 1, 2])
        centered = T.sub(xv, mean)
        coef0 = T.rsqrt(T.add(variance, eps))
        offset_backprop = T.sum(dy, axes)
        coef1 = T.mul(scale_v, coef0)
        if is_training:
            depth = int(xv.shape[3])
            rest = int(xv.size) // depth if depth else 0
            dy_centered = T.sub(dy, T.mul(offset_backprop, 1.0 / rest))
            dy_x_mean = T.mul(T.sum(T.mul(dy, centered), axes), 1.0 / rest)
            coef2 = T.mul(T.square(coef0), dy_x_mean)
            dx = T.mul(coef1, T.sub(dy_centered, T.mul(centered, coef2)))
            scale_backprop = T.sum(T.mul(dy, T.mul(centered, coef0)), axes)
            reserve = [T.zeros(js([0])), T.zeros(js([0]))]
        else:
            # `FusedBatchNormFreezeGrad`: the scale's gradient scaled after the sum.
            dx = T.mul(dy, coef1)
            scale_backprop = T.mul(T.sum(T.mul(dy, centered), axes), coef0)
            depth = int(xv.shape[3])
            reserve = [T.zeros(js([depth])), T.zeros(js([depth]))]
        return [_fbn_back(dx, data_format), scale_backprop, offset_backprop] + reserve

    from ._math_grad import _scoped_compute

    op = Operation(_graph(), op_name, "FusedBatchNormGradV3", inputs, _scoped_compute(compute),
                   control_inputs=_graph().control_inputs_for(inputs))
    op._fbn_attrs = {"epsilon": eps, "data_format": data_format, "is_training": is_training}
    return [Tensor(op, i, _dtypes.float32, shapes[i]) for i in _b.range(5)]
