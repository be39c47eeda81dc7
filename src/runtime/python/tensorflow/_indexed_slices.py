"""TF 1.15's `tf.IndexedSlices` (framework/ops.py) and the sparse gradients of gathers.

A gather's gradient (`_GatherV2Grad`, array_grad.py) is an IndexedSlices: the rows `values` of
a tensor of shape `dense_shape` at `indices`, duplicates adding up. `tf.gradients` passes it
through variable reads and identities and aggregates several as 1.15's gradients_util does;
any op that needs a dense tensor converts it as TF's registered conversion does
(`_indexed_slices_to_tensor`: `strided_slice` of the dense shape, `UnsortedSegmentSum`).
A Session fetches it as an `IndexedSlicesValue`.
"""
import collections

from . import _engine
from . import dtypes as _dtypes
from ._framework import Tensor

T = _engine.tfjs

IndexedSlicesValue = collections.namedtuple("IndexedSlicesValue",
                                            ["values", "indices", "dense_shape"])


class IndexedSlices(object):
    """`tf.IndexedSlices(values, indices, dense_shape=None)`."""

    def __init__(self, values, indices, dense_shape=None):
        self._values = values
        self._indices = indices
        self._dense_shape = dense_shape

    @property
    def values(self):
        return self._values

    @property
    def indices(self):
        return self._indices

    @property
    def dense_shape(self):
        return self._dense_shape

    @property
    def name(self):
        return self._values.name

    @property
    def device(self):
        return ""

    @property
    def op(self):
        return self._values.op

    @property
    def dtype(self):
        return self._values.dtype

    @property
    def graph(self):
        return self._values.graph

    def __str__(self):
        return "IndexedSlices(indices=%s, values=%s%s)" % (
            self._indices, self._values,
            (", dense_shape=%s" % self._dense_shape) if self._dense_shape is not None else "")

    def __neg__(self):
        from . import _math_grad as mg

        return IndexedSlices(mg.neg(self._values), self._indices, self._dense_shape)

    def _as_tensor(self):
        return to_dense(self)


def _ops():
    from . import _ops as ops

    return ops


def unsorted_segment_sum(data, segment_ids, num_segments, name=None):
    """`math_ops.unsorted_segment_sum`: op `UnsortedSegmentSum` (a Python `num_segments` is
    its `UnsortedSegmentSum/num_segments` Const)."""
    from . import _math_grad as mg

    convert = _ops().convert_to_tensor
    data, segment_ids = convert(data), convert(segment_ids)
    scope = mg._scoped("UnsortedSegmentSum", name)
    if not isinstance(num_segments, Tensor):
        with _ops()._graph().name_scope(scope):
            num_segments = mg.const(int(num_segments), _dtypes.int32, "num_segments")

    def compute(ins, _s):
        n = int(ins[2].dataSync()[0])
        return T.unsortedSegmentSum(ins[0], T.cast(ins[1], "int32"), n)

    shape = None
    if data.shape.dims is not None and segment_ids.shape.dims is not None:
        n = getattr(num_segments.op, "_const_value", None)
        first = int(n.dataSync()[0]) if n is not None else None
        shape = [first] + data.shape.as_list()[len(segment_ids.shape):]
    return mg.op1("UnsortedSegmentSum", scope, [data, segment_ids, num_segments], compute,
                  data.dtype, shape)


def unique(x, out_idx=_dtypes.int32, name=None):
    """`array_ops.unique`: op `Unique` (the distinct values in order of first appearance, and
    each element's position among them)."""
    from . import _math_grad as mg

    def compute(ins, _s):
        flat = [int(v) for v in ins[0].dataSync()]
        seen = {}
        order = []
        where = []
        for v in flat:
            if v not in seen:
                seen[v] = len(order)
                order.append(v)
            where.append(seen[v])
        return [T.tensor1d(_engine.tojs(order), ins[0].dtype),
                T.tensor1d(_engine.tojs(where), "int32")]

    x = _ops().convert_to_tensor(x)
    return mg.op_n("Unique", name, [x], compute,
                   [(x.dtype, [None]), (_dtypes.int32, x.shape)])


def to_dense(value):
    """`_indexed_slices_to_tensor`: `unsorted_segment_sum(values, indices, dense_shape[0])`."""
    if value.dense_shape is None:
        raise ValueError(
            "Tensor conversion requested for IndexedSlices without dense_shape: %s"
            % str(value))
    return unsorted_segment_sum(value.values, value.indices, value.dense_shape[0])


def gather_axis0(op):
    """Whether a GatherV2 op gathers along a constant axis 0 (no batch dimensions)."""
    if len(op.inputs) != 3:
        return False
    axis_value = getattr(op.inputs[2].op, "_const_value", None)
    if axis_value is None or int(axis_value.dataSync()[0]) != 0:
        return False
    return int((getattr(op, "_attrs", None) or {}).get("batch_dims", 0) or 0) == 0


def gather_v2_grad(op, grad):
    """`_GatherV2Grad` (array_grad.py) for a gather along axis 0: an IndexedSlices; along
    another axis, the dense gradient the runtime's tape computes."""
    from . import _math_grad as mg

    params, indices = op.inputs[0], op.inputs[1]
    params_shape = _shape64(params)
    params_shape = _ops().cast(params_shape, _dtypes.int32)
    indices_size = mg.expand_dims(mg.size(indices), 0)
    params_tail_shape = params_shape[1:]
    values_shape = mg.concat([indices_size, params_tail_shape], 0)
    count = indices.shape.num_elements() if indices.shape.dims is not None else None
    values = mg.reshape(grad, values_shape)
    indices = mg.reshape(indices, indices_size)
    # The shapes TF's shape functions infer from the constant parts of the shape inputs.
    indices.set_shape([count])
    if params.shape.dims is not None:
        values.set_shape([count] + params.shape.as_list()[1:])
    return [IndexedSlices(values, indices, params_shape), None, None]


def _shape64(x):
    """`array_ops.shape(x, out_type=int64)`."""
    from . import _math_grad as mg

    s = x.shape
    if s.is_fully_defined():
        return mg.const(s.as_list(), _dtypes.int64, mg._scoped("Shape"))
    return mg.op1("Shape", mg._scoped("Shape"), [x],
                  lambda ins, _s: T.tensor1d(_engine.tojs([int(d) for d in ins[0].shape]),
                                             "int32"),
                  _dtypes.int64, [None] if s.dims is None else [len(s)])


def aggregate(grads):
    """`_AggregatedGrads` (ADD_N) of one output's gradients, some of them IndexedSlices:
    each dense one made slices (`math_ops._as_indexed_slices_list`: `Shape`, `range`), int32
    indices cast to int64 when others are int64, then the values and the indices
    concatenated (`concat`, `concat_1`), with the first one's dense shape."""
    from . import _math_grad as mg

    slices = [g if isinstance(g, IndexedSlices) else _as_indexed_slices(g) for g in grads]
    int32 = [s for s in slices if s.indices.dtype.base_dtype == _dtypes.int32]
    if int32 and len(int32) != len(slices):
        slices = [IndexedSlices(s.values, _ops().cast(s.indices, _dtypes.int64), s.dense_shape)
                  if s.indices.dtype.base_dtype == _dtypes.int32 else s for s in slices]
    values = mg.concat([s.values for s in slices], 0)
    indices = mg.concat([s.indices for s in slices], 0)
    return IndexedSlices(values, indices, slices[0].dense_shape)


def _as_indexed_slices(x):
    """`math_ops._as_indexed_slices`: the shape (`Shape`) and `range(shape[0])` as indices."""
    from . import _math_grad as mg

    dense_shape = mg.shape(x)
    return IndexedSlices(x, _ops().range_(dense_shape[0]), dense_shape)


def is_indexed_slices(x):
    return isinstance(x, IndexedSlices)


IndexedSlices.__module__ = "tensorflow.python.framework.ops"
IndexedSlicesValue.__module__ = "tensorflow.python.framework.ops"


def resource_gather_grad(op, grad):
    """`_GatherGrad` (resource_variable_ops.py, 1.15) of a `ResourceGather`: an IndexedSlices of
    the gradient reshaped to [size(indices)] + the variable's shape[1:], the flattened indices
    and the variable's shape (`variable_shape`: a Const of a known shape)."""
    from . import _math_grad as mg

    handle, indices = op.inputs[0], op.inputs[1]
    params_shape = mg.const(handle.shape.as_list(), _dtypes.int32)
    size = mg.expand_dims(mg.size(indices), 0)
    values_shape = mg.concat([size, params_shape[1:]], 0)
    count = indices.shape.num_elements() if indices.shape.dims is not None else None
    values = mg.reshape(grad, values_shape)
    indices = mg.reshape(indices, size)
    indices.set_shape([count])
    values.set_shape([count] + handle.shape.as_list()[1:])
    return [IndexedSlices(values, indices, params_shape), None]
