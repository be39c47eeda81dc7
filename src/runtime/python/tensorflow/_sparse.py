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
