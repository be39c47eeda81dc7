"""TF 1.15's `tf.SparseTensor` and the sparse ops model code uses (sparse_tensor.py,
sparse_ops.py, array_ops.sparse_placeholder, sparse_grad.py).

A `SparseTensor` is three dense tensors (int64 `indices` [N, rank], `values` [N], int64
`dense_shape` [rank]); the ops take them as separate inputs, as TF's kernels do, and compute
their values with TensorFlow.js by scattering to dense or gathering rows.
"""
import collections as _collections

from . import _engine
from . import dtypes as _dtypes
from ._framework import Tensor
from ._math_grad import register
from ._ops import (_graph, _op_name, _shape_list, convert_to_tensor, make_op,
                   shape_from_tensor)
from .tensor_shape import TensorShape, as_shape, unknown_shape

T = _engine.tfjs
js = _engine.tojs

SparseTensorValue = _collections.namedtuple("SparseTensorValue",
                                            ["indices", "values", "dense_shape"])
SparseTensorValue.__module__ = "tensorflow.python.framework.sparse_tensor"


class SparseTensor(object):
    """`tf.SparseTensor(indices, values, dense_shape)`."""

    _is_sparse_tensor = True

    @classmethod
    def from_value(cls, sparse_tensor_value):
        if isinstance(sparse_tensor_value, SparseTensor):
            return sparse_tensor_value
        return SparseTensor(indices=sparse_tensor_value.indices,
                            values=sparse_tensor_value.values,
                            dense_shape=sparse_tensor_value.dense_shape)

    def __init__(self, indices, values, dense_shape):
        # sparse_tensor.py: converted under the "SparseTensor" scope (its constants are
        # SparseTensor/indices, SparseTensor/values, SparseTensor/dense_shape).
        with _graph().name_scope("SparseTensor"):
            indices = convert_to_tensor(indices, name="indices", dtype=_dtypes.int64)
            values = convert_to_tensor(values, name="values")
            dense_shape = convert_to_tensor(dense_shape, name="dense_shape",
                                            dtype=_dtypes.int64)
        self._indices = indices
        self._values = values
        self._dense_shape = dense_shape
        indices_shape = _with_rank(indices.shape, 2)
        values_shape = _with_rank(values.shape, 1)
        dense_shape_shape = _with_rank(dense_shape.shape, 1)
        # Assert number of rows in indices match the number of elements in values.
        indices_shape[0].merge_with(values_shape[0])
        # Assert number of columns in indices matches the number of elements in dense_shape.
        indices_shape[1].merge_with(dense_shape_shape[0])

    def get_shape(self):
        return _shape_of(self._dense_shape)

    @property
    def indices(self):
        return self._indices

    @property
    def values(self):
        return self._values

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def shape(self):
        return self.get_shape()

    @property
    def op(self):
        return self._values.op

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def graph(self):
        return self._indices.graph

    def consumers(self):
        out = []
        for t in (self._indices, self._values, self._dense_shape):
            for c in t.consumers():
                if c not in out:
                    out.append(c)
        return out

    def eval(self, feed_dict=None, session=None):
        from ._session import get_default_session

        session = session or get_default_session()
        return session.run(self, feed_dict=feed_dict)

    def __str__(self):
        return "SparseTensor(indices=%s, values=%s, dense_shape=%s)" % (
            self._indices, self._values, self._dense_shape)

    __repr__ = __str__

    def __mul__(self, y):
        return _sparse_dense_cwise(self, y, "mul", "SparseDenseCwiseMul", T.mul)

    def __truediv__(self, y):
        return _sparse_dense_cwise(self, y, "truediv", "SparseDenseCwiseDiv", T.div)

    __div__ = __truediv__


SparseTensor.__module__ = "tensorflow.python.framework.sparse_tensor"


def _shape_of(t):
    """The static shape a 1-D shape tensor gives (MakeShapeFromShapeTensor and
    constant_value_as_shape see through `Identity`, as `sparse_retain`'s dense shape is)."""
    t = t._as_tensor()
    while t.op.type == "Identity" and t.op.inputs:
        t = t.op.inputs[0]
    return shape_from_tensor(t)


def _with_rank(shape, rank):
    """TensorShape.with_rank: the shape (unknown dimensions if its rank is unknown) or TF's
    ValueError."""
    shape = as_shape(shape)
    if shape.dims is None:
        return unknown_shape(rank)
    if len(shape.dims) != rank:
        raise ValueError("Shape %s must have rank %d" % (shape, rank))
    return shape


def _convert_to_sparse_tensor(sp_input):
    if isinstance(sp_input, SparseTensorValue):
        return SparseTensor.from_value(sp_input)
    if not isinstance(sp_input, SparseTensor):
        raise TypeError("Input must be a SparseTensor.")
    return sp_input


def _dense_shape_list(t):
    return [int(v) for v in t.dataSync()]


def _scatter(indices, values, dense_shape, default=0.0):
    """A dense engine tensor of `dense_shape` with `values` at `indices` (duplicates summed,
    as the kernels that accumulate do)."""
    dims = _dense_shape_list(dense_shape)
    n = int(indices.shape[0])
    if n == 0:
        return T.fill(js(dims), default, values.dtype)
    base = T.scatterND(T.cast(indices, "int32"), values, js(dims))
    if default:
        mask = T.scatterND(T.cast(indices, "int32"), T.onesLike(values), js(dims))
        return T.where(T.cast(mask, "bool"), base, T.fill(js(dims), default, values.dtype))
    return base


# ---------------------------------------------------------------------------------------------
# array_ops.sparse_placeholder


def sparse_placeholder(dtype, shape=None, name=None):
    """`tf.sparse_placeholder`: TF 1.15 makes the shape placeholder first (unless `shape` is
    given), then the values and the indices placeholders: `Placeholder`, `Placeholder_1`,
    `Placeholder_2` without a name; `<name>/shape`, `<name>/values`, `<name>/indices` with one."""
    from ._ops import placeholder

    shape_name = (name + "/shape") if name is not None else None
    rank = None
    if shape is not None:
        if isinstance(shape, Tensor) or hasattr(shape, "_as_tensor"):
            rank = as_shape(shape.shape)[0].value
            shape = convert_to_tensor(shape, dtype=_dtypes.int64, name=shape_name)
        else:
            rank = len(shape)
            if None in list(shape):
                shape = None
            else:
                shape = convert_to_tensor(shape, dtype=_dtypes.int64, name=shape_name)
    if shape is None:
        shape = placeholder(_dtypes.int64, shape=[rank], name=shape_name)
    values = placeholder(dtype, shape=[None],
                         name=(name + "/values") if name is not None else None)
    indices = placeholder(_dtypes.int64, shape=[None, rank],
                          name=(name + "/indices") if name is not None else None)
    return SparseTensor(values=values, indices=indices, dense_shape=shape)


# ---------------------------------------------------------------------------------------------
# sparse_ops


def sparse_tensor_dense_matmul(sp_a, b, adjoint_a=False, adjoint_b=False, name=None):
    """`tf.sparse_tensor_dense_matmul`: op `SparseTensorDenseMatMul` under the
    `SparseTensorDenseMatMul` scope; a sparse `b` is the transposed product, as TF."""
    if isinstance(b, (SparseTensor, SparseTensorValue)):
        from ._ops import transpose

        if adjoint_a != adjoint_b:
            return transpose(sparse_tensor_dense_matmul(b, sp_a, adjoint_a, adjoint_b))
        return transpose(sparse_tensor_dense_matmul(b, sp_a, adjoint_a=not adjoint_a,
                                                    adjoint_b=not adjoint_b))
    sp_a = _convert_to_sparse_tensor(sp_a)
    with _graph().name_scope(name or "SparseTensorDenseMatMul"):
        b = convert_to_tensor(b, name="b")
        return _sparse_tensor_dense_mat_mul(sp_a.indices, sp_a.values, sp_a.dense_shape, b,
                                            bool(adjoint_a), bool(adjoint_b), None)


def _sparse_tensor_dense_mat_mul(a_indices, a_values, a_shape, b, adjoint_a, adjoint_b, name):
    """gen_sparse_ops.sparse_tensor_dense_mat_mul with its shape function: the output is
    [rows of A, columns of B], A's shape read from `a_shape` (MakeShapeFromShapeTensor)."""
    if a_values.dtype.base_dtype != b.dtype.base_dtype:
        raise TypeError("Input 'b' of 'SparseTensorDenseMatMul' Op has type %s that does not "
                        "match type %s of argument 'a_values'." % (
                            b.dtype.base_dtype.name, a_values.dtype.base_dtype.name))
    op_name = _op_name(name, "SparseTensorDenseMatMul")
    a_static = _shape_of(a_shape)
    inputs = [a_indices, a_values, a_shape, b]
    computed = ""
    if getattr(a_shape.op, "_const_value", None) is not None:
        computed = " and with input tensors computed as partial shapes: input[2] = %s" % (
            _shape_list(a_static))

    def fail(message):
        raise ValueError("%s for '%s' (op: 'SparseTensorDenseMatMul') with input shapes: %s%s."
                         % (message, op_name, ", ".join(_shape_list(t.shape) for t in inputs),
                            computed))

    # The shape function's checks in its order (sparse_ops.cc, SparseTensorDenseMatMul).
    for shape, rank in ((a_indices.shape, 2), (a_values.shape, 1), (a_static, 2), (b.shape, 2)):
        shape = as_shape(shape)
        if shape.dims is not None and len(shape.dims) != rank:
            fail("Shape must be rank %d but is rank %d" % (rank, len(shape.dims)))
    a_static = _with_rank(a_static, 2)
    a_rows, a_cols = a_static[1 if adjoint_a else 0], a_static[0 if adjoint_a else 1]
    bs = _with_rank(b.shape, 2)
    b_rows, b_cols = bs[1 if adjoint_b else 0], bs[0 if adjoint_b else 1]
    if not a_cols.is_compatible_with(b_rows):
        fail("Dimensions must be equal, but are %d and %d" % (a_cols.value, b_rows.value))
    out = TensorShape([a_rows, b_cols])

    def compute(ins, s):
        dense = _scatter(ins[0], ins[1], ins[2])
        result = T.matMul(dense, ins[3], adjoint_a, adjoint_b)
        dense.dispose()
        return result

    result = make_op("SparseTensorDenseMatMul", op_name + "/", "SparseTensorDenseMatMul",
                     [a_indices, a_values, a_shape, b], compute, a_values.dtype.base_dtype, out)
    result.op._attrs = {"adjoint_a": adjoint_a, "adjoint_b": adjoint_b}
    return result


@register("SparseTensorDenseMatMul")
def _sparse_tensor_dense_mat_mul_grad(op, grad):
    """sparse_grad.py's `_SparseTensorDenseMatMulGrad` (1.15): the dense operand's gradient is
    the product with A's adjoint; the values' gradient is built too (TF builds it always)."""
    from ._ops import gather, reduce_sum, transpose

    a_indices, a_values, a_shape = op.inputs[:3]
    b = op.inputs[3]
    adj_a = op._attrs["adjoint_a"]
    adj_b = op._attrs["adjoint_b"]
    b_grad = _sparse_tensor_dense_mat_mul(a_indices, a_values, a_shape, grad, not adj_a, False,
                                          None)
    if adj_b:
        b_grad = transpose(b_grad)
    rows = a_indices[:, 0]
    cols = a_indices[:, 1]
    parts_a = gather(grad, rows if not adj_a else cols)
    parts_b = gather(b if not adj_b else transpose(b), cols if not adj_a else rows)
    a_values_grad = reduce_sum(parts_a * parts_b, 1)
    return (None, a_values_grad, None, b_grad)


def sparse_retain(sp_input, to_retain):
    """`tf.sparse_retain`: `Where` of the mask reshaped to a vector, the indices and the values
    gathered (`GatherV2`, `GatherV2_1`), the shape an `Identity`."""
    from ._more_ops import where_indices
    from ._ops import gather, identity, reshape

    sp_input = _convert_to_sparse_tensor(sp_input)
    to_retain = convert_to_tensor(to_retain)
    retain_shape = _with_rank(to_retain.shape, 1)
    values_shape = as_shape(sp_input.values.shape)
    if values_shape.dims is not None:
        values_shape[0].merge_with(retain_shape[0])
    where_true = reshape(where_indices(to_retain), [-1])
    new_indices = gather(sp_input.indices, where_true)
    new_values = gather(sp_input.values, where_true)
    return SparseTensor(new_indices, new_values, identity(sp_input.dense_shape))


def sparse_tensor_to_dense(sp_input, default_value=0, validate_indices=True, name=None):
    """`tf.sparse_tensor_to_dense`: op `SparseToDense` (its default value a `Const` under the
    op's scope as `_apply_op_helper` converts it)."""
    sp_input = _convert_to_sparse_tensor(sp_input)
    return _sparse_to_dense(sp_input.indices, sp_input.dense_shape, sp_input.values,
                            default_value, validate_indices, name)


def _sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value,
                     validate_indices, name):
    from ._ops import op_const

    op_name = _op_name(name, "SparseToDense")
    dtype = sparse_values.dtype.base_dtype
    if isinstance(default_value, Tensor) or hasattr(default_value, "_as_tensor"):
        dv = convert_to_tensor(default_value, dtype=dtype)
    else:
        dv = op_const(op_name, default_value, "default_value", dtype)
    out = _shape_of(output_shape)

    def compute(ins, s):
        default = float(ins[3].dataSync()[0])
        return _scatter(ins[0], ins[2], ins[1], default)

    result = make_op("SparseToDense", op_name + "/", "SparseToDense",
                     [sparse_indices, output_shape, sparse_values, dv], compute, dtype, out)
    result.op._attrs = {"validate_indices": bool(validate_indices)}
    return result


def _sparse_dense_cwise(sp_x, y, scope_name, op_type, fn):
    """math_ops' operator override for a SparseTensor (`sp * y`, `sp / y`): the op named by the
    `mul`/`truediv` scope, `y` converted there to the values' dtype; the dense operand is
    broadcast to the sparse tensor's shape and read at its indices."""
    with _graph().name_scope(scope_name) as scope:
        y = convert_to_tensor(y, dtype=sp_x.dtype.base_dtype, name="y")

        def compute(ins, s):
            dims = _dense_shape_list(ins[2])
            full = T.broadcastTo(ins[3], js(dims)) if len(ins[3].shape) else None
            if full is None:
                return fn(ins[1], ins[3])
            picked = T.gatherND(full, T.cast(ins[0], "int32"))
            full.dispose()
            result = fn(ins[1], picked)
            picked.dispose()
            return result

        values = make_op(op_type, scope, op_type,
                         [sp_x.indices, sp_x.values, sp_x.dense_shape, y], compute,
                         sp_x.dtype.base_dtype, as_shape(sp_x.values.shape))
    return SparseTensor(sp_x.indices, values, sp_x.dense_shape)


# ---------------------------------------------------------------------------------------------
# sparse_ops (TF 1.15): reductions, additions and reshapes. Their kernels run here in Python
# over the engine tensors' values (a SparseTensor's values are few); indices are int64 to TF and
# int32 to the engine, as everywhere in the runtime.


def _index_rows(t):
    """The rows of an engine [N, rank] indices tensor, as tuples."""
    n, r = int(t.shape[0]), int(t.shape[1])
    flat = [int(v) for v in t.dataSync()]
    return [tuple(flat[i * r:(i + 1) * r]) for i in _builtin_range(n)]


def _value_list(t):
    return [v for v in t.dataSync()]


def _indices_tensor(rows, rank):
    flat = [v for row in rows for v in row]
    return T.tensor(js(flat), js([len(rows), rank]), "int32")


def _values_tensor(values, like):
    return T.tensor(js(list(values)), js([len(values)]), like.dtype)


def _vector_tensor(values):
    return T.tensor(js([int(v) for v in values]), js([len(values)]), "int32")


def _const_list(t):
    """tensor_util.constant_value of a 1-D tensor (through casts), as ints, or None."""
    op = t.op
    while op.type == "Cast" and op.inputs:
        op = op.inputs[0].op
    const = getattr(op, "_const_value", None)
    if const is None:
        return None
    return [int(v) for v in const.dataSync()]


def _op_scope_name(name, default):
    return _op_name(name, default)


def _multi_op(op_type, name, inputs, compute, outputs):
    """An op of several outputs (`outputs`: (dtype, shape) pairs), its tensors returned."""
    from ._framework import Operation

    g = _graph()
    op = Operation(g, name, op_type, inputs, compute, control_inputs=g.control_inputs_for(inputs))
    return [Tensor(op, i, dt, shape) for i, (dt, shape) in enumerate(outputs)]


def _reduction_axes(sp_input, axis):
    """math_ops._ReductionDims for a SparseTensor: the axis as given, else `Const` of
    arange(rank) when the dense shape's length is known, else `range(0, rank(x))`."""
    from ._ops import constant

    if axis is not None:
        return axis
    n = as_shape(sp_input.dense_shape.shape)
    if n.dims is not None and n[0].value is not None:
        return constant(list(_builtin_range(n[0].value)), dtype=_dtypes.int32)
    from ._more_ops import range as _range

    with _graph().name_scope("Rank") as scope:
        rank = make_op("Size", scope, "Size", [sp_input.dense_shape],
                       lambda ins, s: T.scalar(int(ins[0].shape[0]), "int32"), _dtypes.int32,
                       TensorShape([]))
    return _range(0, rank)


def _reduced_shape(dense_shape, axes, keep_dims):
    """SparseReduceShapeFn (common_shape_fns.cc): known only from constant shape and axes."""
    shape = _const_list(dense_shape)
    axes = _const_list(axes)
    if shape is None or axes is None:
        return unknown_shape()
    n = len(shape)
    picked = set((a + n) % n for a in axes) if n else set()
    if keep_dims:
        return TensorShape([1 if d in picked else shape[d] for d in _builtin_range(n)])
    return TensorShape([shape[d] for d in _builtin_range(n) if d not in picked])


def _reduce_sum_compute(keep_dims):
    def dense_sum(ins):
        dims = _dense_shape_list(ins[2])
        axes = [int(v) for v in ins[3].dataSync()]
        n = len(dims)
        axes = sorted(set((a + n) % n for a in axes))
        dense = _scatter(ins[0], ins[1], ins[2])
        if not axes:
            return dense
        out = T.sum(dense, js(axes), bool(keep_dims))
        dense.dispose()
        return out

    return dense_sum


def _sparse_reduce_sum_op(sp_input, axis, keep_dims, name, sparse_output):
    op_type = "SparseReduceSumSparse" if sparse_output else "SparseReduceSum"
    op_name = _op_name(name, op_type)
    axes = _reduction_axes(sp_input, axis)
    if not (isinstance(axes, Tensor) or hasattr(axes, "_as_tensor")):
        from ._ops import op_const

        axes = op_const(op_name, axes, "reduction_axes", _dtypes.int32)
    inputs = [sp_input.indices, sp_input.values, sp_input.dense_shape, axes]
    dense_sum = _reduce_sum_compute(keep_dims)
    if not sparse_output:
        out = make_op(op_type, op_name + "/", op_type, inputs, lambda ins, s: dense_sum(ins),
                      sp_input.values.dtype.base_dtype,
                      _reduced_shape(sp_input.dense_shape, axes, keep_dims))
        out.op._attrs = {"keep_dims": bool(keep_dims)}
        return out

    def compute(ins, s):
        # The kernel groups the entries by their reduced index (sorted); a group of no entry
        # is absent, one that sums to zero is kept.
        dims = _dense_shape_list(ins[2])
        n = len(dims)
        axes = set((int(a) + n) % n for a in ins[3].dataSync())
        sums, order = {}, []
        for row, v in zip(_index_rows(ins[0]), _value_list(ins[1])):
            if keep_dims:
                key = tuple(0 if d in axes else i for d, i in enumerate(row))
            else:
                key = tuple(i for d, i in enumerate(row) if d not in axes)
            if key not in sums:
                sums[key] = 0
                order.append(key)
            sums[key] = sums[key] + v
        if keep_dims:
            shape = [1 if d in axes else dims[d] for d in _builtin_range(n)]
        else:
            shape = [dims[d] for d in _builtin_range(n) if d not in axes]
        keys = sorted(order)
        return [_indices_tensor(keys, len(shape)), _values_tensor([sums[k] for k in keys], ins[1]),
                _vector_tensor(shape)]

    ind, val, shp = _multi_op(op_type, op_name, inputs, compute,
                              [(_dtypes.int64, unknown_shape()),
                               (sp_input.values.dtype.base_dtype, unknown_shape()),
                               (_dtypes.int64, unknown_shape())])
    ind.op._attrs = {"keep_dims": bool(keep_dims)}
    return SparseTensor(ind, val, shp)


def _lookup(name, value, old_name, old_value):
    """deprecation.deprecated_argument_lookup."""
    if old_value is not None:
        if value is not None:
            raise ValueError("Cannot specify both '%s' and '%s'" % (name, old_name))
        return old_value
    return value


def sparse_reduce_sum(sp_input, axis=None, keepdims=None, reduction_axes=None, keep_dims=None):
    """`tf.sparse.reduce_sum` (1.15 sparse_ops.py): op `SparseReduceSum`, the axes a `Const`
    (arange of the rank when none is given) or `<op>/reduction_axes`."""
    keepdims = _lookup("keepdims", keepdims, "keep_dims", keep_dims)
    axis = _lookup("axis", axis, "reduction_axes", reduction_axes)
    return _sparse_reduce_sum_op(_convert_to_sparse_tensor(sp_input), axis, bool(keepdims),
                                 None, False)


def sparse_reduce_sum_sparse(sp_input, axis=None, keepdims=None, reduction_axes=None,
                             keep_dims=None):
    """`tf.sparse.reduce_sum_sparse`: op `SparseReduceSumSparse` (its outputs' shapes unknown
    to TF); the result keeps the sums that are not zero."""
    keepdims = _lookup("keepdims", keepdims, "keep_dims", keep_dims)
    axis = _lookup("axis", axis, "reduction_axes", reduction_axes)
    return _sparse_reduce_sum_op(_convert_to_sparse_tensor(sp_input), axis, bool(keepdims),
                                 None, True)


def sparse_add(a, b, threshold=None, thresh=None):
    """`tf.sparse.add` (1.15 sparse_add / sparse_add_v2): two sparse tensors make a `SparseAdd`
    (its threshold a `threshold` Const; the result's dense shape a constant when both static
    shapes are known); a sparse and a dense one a `SparseTensorDenseAdd`."""
    threshold = _lookup("threshold", threshold, "thresh", thresh)
    if threshold is None:
        threshold = 0
    sparse_classes = (SparseTensor, SparseTensorValue)
    if not any(isinstance(inp, sparse_classes) for inp in [a, b]):
        raise TypeError("At least one input should be SparseTensor; do you mean to use tf.add()?")
    if all(isinstance(inp, sparse_classes) for inp in [a, b]):
        a = _convert_to_sparse_tensor(a)
        b = _convert_to_sparse_tensor(b)
        threshold = convert_to_tensor(threshold, dtype=a.values.dtype.real_dtype.base_dtype,
                                      name="threshold")
        op_name = _op_name(None, "SparseAdd")

        def compute(ins, s):
            thr = abs(float(ins[6].dataSync()[0]))
            # The kernel merges the two index lists: an entry in one operand only is copied,
            # a sum of two is kept when its magnitude is at least the threshold.
            sums, count = {}, {}
            for rows, vals in ((_index_rows(ins[0]), _value_list(ins[1])),
                               (_index_rows(ins[3]), _value_list(ins[4]))):
                for row, v in zip(rows, vals):
                    sums[row] = sums.get(row, 0) + v
                    count[row] = count.get(row, 0) + 1
            kept = [row for row in sorted(sums) if count[row] == 1 or abs(sums[row]) >= thr]
            rank = int(ins[0].shape[1])
            return [_indices_tensor(kept, rank), _values_tensor([sums[r] for r in kept], ins[1]),
                    _vector_tensor(_dense_shape_list(ins[2]))]

        rank = _with_rank(a.indices.shape, 2)[1]
        ind, val, shp = _multi_op("SparseAdd", op_name,
                                  [a.indices, a.values, a.dense_shape, b.indices, b.values,
                                   b.dense_shape, threshold], compute,
                                  [(_dtypes.int64, TensorShape([None, rank])),
                                   (a.values.dtype.base_dtype, TensorShape([None])),
                                   (_dtypes.int64, as_shape(a.dense_shape.shape))])
        a_shape, b_shape = a.get_shape(), b.get_shape()
        a_shape.assert_is_compatible_with(b_shape)
        static = a_shape.merge_with(b_shape)
        output_shape = static.as_list() if static.is_fully_defined() else shp
        return SparseTensor(ind, val, output_shape)
    if isinstance(b, sparse_classes):
        a, b = b, a
    a = _convert_to_sparse_tensor(a)
    b = convert_to_tensor(b, dtype=a.values.dtype.base_dtype)

    def dense_add(ins, s):
        dense = _scatter(ins[0], ins[1], ins[2])
        out = T.add(dense, ins[3])
        dense.dispose()
        return out

    return make_op("SparseTensorDenseAdd", None, "SparseTensorDenseAdd",
                   [a.indices, a.values, a.dense_shape, b], dense_add, a.values.dtype.base_dtype,
                   as_shape(b.shape))


def sparse_reorder(sp_input, name=None):
    """`tf.sparse.reorder`: op `SparseReorder`; the dense shape a constant of the static shape
    when it is fully known, else an `Identity` of the input's."""
    from ._ops import identity

    sp_input = _convert_to_sparse_tensor(sp_input)

    def compute(ins, s):
        rows = _index_rows(ins[0])
        vals = _value_list(ins[1])
        order = sorted(_builtin_range(len(rows)), key=lambda i: rows[i])
        return [_indices_tensor([rows[i] for i in order], int(ins[0].shape[1])),
                _values_tensor([vals[i] for i in order], ins[1])]

    ind, val = _multi_op("SparseReorder", _op_name(name, "SparseReorder"),
                         [sp_input.indices, sp_input.values, sp_input.dense_shape], compute,
                         [(_dtypes.int64, as_shape(sp_input.indices.shape)),
                          (sp_input.values.dtype.base_dtype, as_shape(sp_input.values.shape))])
    static = sp_input.get_shape()
    if static.is_fully_defined():
        dense_shape = static.as_list()
    else:
        dense_shape = identity(sp_input.dense_shape)
    return SparseTensor(ind, val, dense_shape)


def _cast_int64(x):
    """math_ops.cast(x, int64): `x` converted as `Cast/x` under the `Cast` scope, the `Cast`
    op only when its dtype differs."""
    with _graph().name_scope("Cast") as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype == _dtypes.int64:
            return x
        return make_op("Cast", scope, "Cast", [x], lambda ins, s: T.cast(ins[0], "int32"),
                       _dtypes.int64, x.shape)


def _count(dims):
    """The number of elements of a shape of known dimensions."""
    n = 1
    for d in dims:
        n *= d
    return n


def _inferred(dims, total):
    """A reshape's target with its -1 (if any) resolved to hold `total` elements, as TF does
    (0 where the other dimensions hold none)."""
    dims = list(dims)
    if -1 in dims:
        rest = _count(d for d in dims if d != -1)
        dims[dims.index(-1)] = total // rest if rest else 0
    return dims


def sparse_reshape(sp_input, shape, name=None):
    """`tf.sparse.reshape`: the shape cast to int64, op `SparseReshape` under its scope, the
    values an `Identity`; a new shape known when the graph is built is checked as TF does and
    becomes the result's dense shape (`<scope>/Const`)."""
    from ._ops import constant, identity
    from . import errors

    sp_input = _convert_to_sparse_tensor(sp_input)
    shape = _cast_int64(shape)
    with _graph().name_scope(name or "SparseReshape") as scope:
        def compute(ins, s):
            rows = _index_rows(ins[0])
            old = _dense_shape_list(ins[1])
            new = [int(v) for v in ins[2].dataSync()]
            total = _count(old)
            new = _inferred(new, total)
            size = _count(new)
            if size != total:
                raise errors.InvalidArgumentError(
                    None, None, "Input to reshape is a tensor with %d dense values, but the "
                    "requested shape has %d" % (total, size))
            out = []
            for row in rows:
                flat = 0
                for i, d in zip(row, old):
                    flat = flat * d + i
                idx = []
                for d in reversed(new):
                    idx.append(flat % d)
                    flat //= d
                out.append(tuple(reversed(idx)))
            return [_indices_tensor(out, len(new)), _vector_tensor(new)]

        new_rank = _with_rank(shape.shape, 1)[0]
        ind, new_shape = _multi_op("SparseReshape", scope[:-1] if scope.endswith("/") else scope,
                                   [sp_input.indices, sp_input.dense_shape, shape], compute,
                                   [(_dtypes.int64,
                                     TensorShape([_with_rank(sp_input.indices.shape, 2)[0],
                                                  new_rank])),
                                    (_dtypes.int64, TensorShape([new_rank]))])
        requested = _const_list(shape)
        static = sp_input.get_shape()
        if requested is not None and static.is_fully_defined():
            if sum(1 for d in requested if d == -1) > 1:
                raise ValueError("At most one dimension can be inferred (-1). Found: %s"
                                 % _np_list(requested))
            in_size = _count(static.as_list())
            target = _inferred(requested, in_size)
            size = _count(target)
            if size != in_size:
                raise ValueError("Cannot reshape a tensor with %d elements to shape %s "
                                 "(%d elements)." % (in_size, [d if d != -1 else None
                                                               for d in requested], size))
            new_shape = constant(target, dtype=_dtypes.int64)
        return SparseTensor(ind, identity(sp_input.values), new_shape)


def _np_list(values):
    return "[" + " ".join(str(v) for v in values) + "]"


def sparse_concat(axis, sp_inputs, name=None, expand_nonconcat_dim=False, concat_dim=None,
                  expand_nonconcat_dims=None):
    """`tf.sparse.concat` (1.15 sparse_concat_v2): op `SparseConcat` (inputs: all indices, all
    values, all shapes); with every dense shape a constant the result's shape is a `Const`."""
    from ._ops import constant

    if expand_nonconcat_dims is not None:
        expand_nonconcat_dim = expand_nonconcat_dims
    axis = _lookup("axis", axis, "concat_dim", concat_dim)
    if isinstance(sp_inputs, (list, tuple)):
        sp_inputs = [_convert_to_sparse_tensor(sp) for sp in sp_inputs]
    else:
        raise TypeError("Inputs must be a list or tuple.")
    if len(sp_inputs) == 1:
        return sp_inputs[0]
    if expand_nonconcat_dim:
        raise NotImplementedError(
            "tf.sparse.concat(expand_nonconcat_dim=True) is not supported by the Scope Lens "
            "runtime yet")
    inds = [sp.indices for sp in sp_inputs]
    vals = [sp.values for sp in sp_inputs]
    shapes = [sp.dense_shape for sp in sp_inputs]
    n = len(sp_inputs)
    rank = None
    for t in inds:
        r = _with_rank(t.shape, 2)[1].value
        rank = r if r is not None else rank
    for t in shapes:
        s = as_shape(t.shape)
        if rank is None and s.dims is not None:
            rank = s[0].value
    if rank is not None and not -rank <= axis < rank:
        raise ValueError("Concat dimension %d must be in range [-%d, %d)" % (axis, rank, rank))

    def compute(ins, s):
        dims = [_dense_shape_list(t) for t in ins[2 * n:]]
        r = len(dims[0])
        ax = axis + r if axis < 0 else axis
        rows, values, offset = [], [], 0
        for k in _builtin_range(n):
            for row, v in zip(_index_rows(ins[k]), _value_list(ins[n + k])):
                row = list(row)
                row[ax] += offset
                rows.append(tuple(row))
                values.append(v)
            offset += dims[k][ax]
        order = sorted(_builtin_range(len(rows)), key=lambda i: rows[i])
        out_shape = list(dims[0])
        out_shape[ax] = offset
        return [_indices_tensor([rows[i] for i in order], r),
                _values_tensor([values[i] for i in order], ins[n]), _vector_tensor(out_shape)]

    total = 0
    for t in vals:
        d = _with_rank(t.shape, 1)[0].value
        total = None if total is None or d is None else total + d
    ind, val, shp = _multi_op("SparseConcat", _op_name(name, "SparseConcat"),
                              inds + vals + shapes, compute,
                              [(_dtypes.int64, TensorShape([total, rank])),
                               (vals[0].dtype.base_dtype, TensorShape([total])),
                               (_dtypes.int64, TensorShape([rank]))])
    values = [_const_list(t) for t in shapes]
    if values and all(v is not None for v in values):
        out_shape = list(values[0])
        out_shape[axis] = sum(v[axis] for v in values)
        shp = constant(out_shape, dtype=_dtypes.int64)
    return SparseTensor(ind, val, shp)


def sparse_softmax(sp_input, name=None):
    """`tf.sparse.softmax`: op `SparseSoftmax` under the `SparseSoftmax` scope (named
    `SparseSoftmax/SparseSoftmax`): a softmax over each innermost row's present values."""
    import math

    with _graph().name_scope(name or "SparseSoftmax"):
        def compute(ins, s):
            rows = _index_rows(ins[0])
            vals = [float(v) for v in _value_list(ins[1])]
            groups = {}
            for i, row in enumerate(rows):
                groups.setdefault(row[:-1], []).append(i)
            out = [0.0] * len(vals)
            for members in groups.values():
                top = max(vals[i] for i in members)
                exps = [math.exp(vals[i] - top) for i in members]
                total = sum(exps)
                for i, e in zip(members, exps):
                    out[i] = e / total
            return _values_tensor(out, ins[1])

        values = make_op("SparseSoftmax", None, "SparseSoftmax",
                         [sp_input.indices, sp_input.values, sp_input.dense_shape], compute,
                         sp_input.values.dtype.base_dtype, as_shape(sp_input.values.shape))
    return SparseTensor(sp_input.indices, values, sp_input.dense_shape)


def sparse_to_dense(sparse_indices, output_shape, sparse_values, default_value=0,
                    validate_indices=True, name=None):
    """`tf.sparse_to_dense` (1.15, deprecated): op `SparseToDense` with its inputs converted
    under its scope (`<op>/sparse_indices`, `output_shape`, `sparse_values`, `default_value`)."""
    op_name = _op_name(name, "SparseToDense")
    with _graph().name_scope(op_name + "/"):
        indices = convert_to_tensor(sparse_indices, name="sparse_indices")
        shape = convert_to_tensor(output_shape, name="output_shape", dtype=indices.dtype)
        values = convert_to_tensor(sparse_values, name="sparse_values")
        default = convert_to_tensor(default_value, name="default_value",
                                    dtype=values.dtype.base_dtype)
    out = _shape_of(shape)
    rank = as_shape(indices.shape).ndims

    def compute(ins, s):
        idx = ins[0]
        if rank == 0 or rank == 1:
            idx = T.reshape(idx, js([-1, 1]))
        vals = ins[2]
        n = int(idx.shape[0])
        if len(vals.shape) == 0:
            vals = T.fill(js([n]), vals.dataSync()[0], vals.dtype)
        default = float(ins[3].dataSync()[0])
        return _scatter(idx, vals, ins[1], default)

    result = make_op("SparseToDense", op_name + "/", "SparseToDense",
                     [indices, shape, values, default], compute, values.dtype.base_dtype, out)
    result.op._attrs = {"validate_indices": bool(validate_indices)}
    return result


_builtin_range = range


# ---------------------------------------------------------------------------------------------
# sparse_grad.py (TF 1.15): the gradients of the sparse ops above.


def _sparse_add_grad_op(val_grad, a_indices, b_indices, sum_indices, a_shape, b_shape):
    """gen_sparse_ops.sparse_add_grad: op `SparseAddGrad`, the sum's value gradients routed
    back to the entries of A and of B (zero where an operand had no entry)."""

    def compute(ins, s):
        grads = _value_list(ins[0])
        at = {row: k for k, row in enumerate(_index_rows(ins[3]))}
        out = []
        for t in (ins[1], ins[2]):
            out.append(_values_tensor([grads[at[row]] if row in at else 0.0
                                       for row in _index_rows(t)], ins[0]))
        return out

    dt = val_grad.dtype.base_dtype
    return _multi_op("SparseAddGrad", _op_name(None, "SparseAddGrad"),
                     [val_grad, a_indices, b_indices, sum_indices], compute,
                     [(dt, a_shape), (dt, b_shape)])


@register("SparseAdd")
def _sparse_add_grad(op, *grads):
    """`_SparseAddGrad`: one `SparseAddGrad` op; no gradient for indices, shapes, threshold."""
    a_grad, b_grad = _sparse_add_grad_op(grads[1], op.inputs[0], op.inputs[3], op.outputs[0],
                                         as_shape(op.inputs[1].shape),
                                         as_shape(op.inputs[4].shape))
    return (None, a_grad, None, None, b_grad, None, None)


@register("SparseTensorDenseAdd")
def _sparse_tensor_dense_add_grad(op, out_grad):
    """`_SparseTensorDenseAddGrad`: the values' gradient gathered at the indices."""
    from ._more_ops import gather_nd

    return (None, gather_nd(out_grad, op.inputs[0]), None, out_grad)


@register("SparseReduceSum")
def _sparse_reduce_sum_grad(op, out_grad):
    """`_SparseReduceSumGrad`: `math_ops.reduced_shape` of the dense shape (cast to int32 as
    1.15's reduced_shape casts), the gradient reshaped to it and gathered at
    `indices // (dense_shape // kept_dims)`."""
    from . import _math_grad as mg
    from ._more_ops import gather_nd

    sp_indices = op.inputs[0]
    sp_shape = op.inputs[2]
    kept = mg._reduced_shape(mg.cast(sp_shape, _dtypes.int32), mg.cast(op.inputs[3],
                                                                         _dtypes.int32))
    reshaped = mg.reshape(out_grad, kept)
    scale = mg.binary("FloorDiv", T.floorDiv, sp_shape, mg.cast(kept, _dtypes.int64),
                      default="floordiv")
    scaled = mg.binary("FloorDiv", T.floorDiv, sp_indices, scale, default="floordiv")
    return (None, gather_nd(reshaped, scaled), None, None)


@register("SparseReorder")
def _sparse_reorder_grad(op, unused_output_indices_grad, output_values_grad):
    """`_SparseReorderGrad`: the entries' permutation found by reordering their positions
    (`range` of the entry count), inverted, gathers the values' gradient."""
    from . import _math_grad as mg
    from ._ops import gather, range_

    input_indices = op.inputs[0]
    input_shape = op.inputs[2]
    num_entries = mg.shape(input_indices)[0]
    entry_indices = range_(num_entries)
    sp_ordered = sparse_reorder(SparseTensor(input_indices, entry_indices, input_shape))

    def invert(ins, s):
        perm = [int(v) for v in ins[0].dataSync()]
        inv = [0] * len(perm)
        for i, p in enumerate(perm):
            inv[p] = i
        return _vector_tensor(inv)

    inverted = mg.op1("InvertPermutation", mg._scoped("InvertPermutation"), [sp_ordered.values],
                      invert, _dtypes.int32, as_shape(sp_ordered.values.shape))
    return (None, gather(output_values_grad, inverted), None)


def _sparse_dense_cwise_add(sp_t, dense_t):
    """sparse_ops.sparse_dense_cwise_add: op `SparseDenseCwiseAdd`, the dense operand
    broadcast to the sparse shape and read at the indices."""

    def compute(ins, s):
        dims = _dense_shape_list(ins[2])
        full = T.broadcastTo(ins[3], js(dims))
        picked = T.gatherND(full, T.cast(ins[0], "int32"))
        full.dispose()
        out = T.add(ins[1], picked)
        picked.dispose()
        return out

    values = make_op("SparseDenseCwiseAdd", None, "SparseDenseCwiseAdd",
                     [sp_t.indices, sp_t.values, sp_t.dense_shape, dense_t], compute,
                     sp_t.values.dtype.base_dtype, as_shape(sp_t.values.shape))
    return SparseTensor(sp_t.indices, values, sp_t.dense_shape)


@register("SparseSoftmax")
def _sparse_softmax_grad(op, grad):
    """`_SparseSoftmaxGrad`: (grad - sum(grad * softmax) over the last axis) * softmax, on the
    present values only."""
    from . import _math_grad as mg

    indices, shape = op.inputs[0], op.inputs[2]
    out_vals = op.outputs[0]
    sp_output = SparseTensor(indices, out_vals, shape)
    sp_grad = SparseTensor(indices, grad, shape)
    sp_product = SparseTensor(indices, mg.mul(sp_output.values, sp_grad.values), shape)
    summed = _sparse_reduce_sum_op(sp_product, [-1], True, None, False)
    sum_reduced = mg.neg(summed)
    sp_sum = _sparse_dense_cwise_add(sp_grad, sum_reduced)
    grad_x = mg.mul(sp_sum.values, sp_output.values)
    return [None, grad_x, None]


@register("SparseConcat", "SparseToDense", "SparseAddGrad")
def _not_differentiable(op, *grads):
    """sparse_grad.py's `ops.NotDifferentiable`: no gradient flows to the inputs."""
    return [None] * len(op.inputs)


@register("SparseReduceSumSparse", "SparseReshape")
def _no_gradient(op, *grads):
    """TF 1.15 registers no gradient for these: `tf.gradients` raises its LookupError."""
    raise LookupError("No gradient defined for operation '%s' (op type: %s)" % (op.name, op.type))


def sparse_transpose(sp_input, perm=None, name=None):
    """`tf.sparse.transpose` (sparse_ops.py 1.15) under `SparseTranspose`: the indices'
    columns permuted (`transpose`, `GatherV2` by `perm`, `transpose_1`), the dense shape the
    permuted static shape when it is known (else gathered from the input's), then
    `sparse_reorder`."""
    from . import _ops

    sp_input = _convert_to_sparse_tensor(sp_input)
    with _graph().name_scope(name or "SparseTranspose"):
        static = sp_input.get_shape()
        if perm is None:
            if static.dims is not None:
                rank = len(static)
                perm = [rank - 1 - i for i in _builtin_range(rank)]
            else:
                raise NotImplementedError(
                    "Scope Lens's runtime implements tf.sparse.transpose without perm for a "
                    "known rank only.")
        perm_known = None if _ops._is_tensor_like(perm) else [int(p) for p in perm]
        transposed = _ops.transpose(_ops.gather(_ops.transpose(sp_input.indices), perm))
        perm_t = convert_to_tensor(perm) if perm_known is not None else perm
        const = getattr(perm_t.op, "_const_value", None)
        if const is not None and static.is_fully_defined():
            old = static.as_list()
            dense_shape = [old[int(p)] for p in const.dataSync()]
        else:
            dense_shape = _ops.gather(sp_input.dense_shape, perm)
        return sparse_reorder(SparseTensor(transposed, sp_input.values, dense_shape))
