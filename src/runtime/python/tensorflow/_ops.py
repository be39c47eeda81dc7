"""Graph ops: constants, placeholders, math and array ops, with TF 1.15's op names and shapes.

Each op records its inputs and a `compute` function; a Session computes values with
TensorFlow.js (`_engine.tfjs`). Names come from the graph's name registry (the engine's), e.g.
`tf.add` → `Add`, `a + b` → `add` (with its Python operand converted to `add/y`).
"""
import json as _json

from . import _engine
from . import _framework
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph
from .tensor_shape import TensorShape, as_shape, unknown_shape

T = _engine.tfjs
bridge = _engine.bridge


def _graph():
    return get_default_graph()


def _op_name(name, default):
    """TF's `ops.name_scope(name, default)` for one op: a trailing '/' is used as is."""
    g = _graph()
    if name and name.endswith("/"):
        return name[:-1]
    return g.unique_name(name or default)


def make_op(op_type, name, default, inputs, compute, dtype, shape, on_run=None):
    g = _graph()
    op = Operation(g, _op_name(name, default), op_type, inputs, compute,
                   control_inputs=g.control_inputs_for(inputs), on_run=on_run)
    return Tensor(op, 0, dtype, shape)


def op_const(op_name, value, input_name, dtype=None):
    """An op's constant input as `_apply_op_helper` converts it inside the op's name scope:
    `<op>/<input name>` (`transpose/perm`, `concat/axis`, ...)."""
    with _graph().name_scope(op_name + "/"):
        return constant(value, dtype=_dtypes.int32 if dtype is None else dtype, name=input_name)


def _int_list(value):
    return [int(v) for v in (value.tolist() if hasattr(value, "tolist") else value)]


# ---------------------------------------------------------------------------------------------
# Conversions


def _is_tensor_like(x):
    return isinstance(x, Tensor) or hasattr(x, "_as_tensor")


def _py_value(value):
    """A Python value (or ndarray / numpy scalar) as a nested list or scalar, plus its dtype."""
    tolist = getattr(value, "tolist", None)
    dt = getattr(value, "dtype", None)
    if tolist is not None and dt is not None and not isinstance(value, (list, tuple)):
        return tolist(), _dtypes.as_dtype(getattr(dt, "name", dt))
    return value, None


def infer_dtype(value):
    """The dtype TF gives a Python value (decided here, where ints and floats still differ)."""
    kinds = set()

    def walk(v):
        if isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        elif isinstance(v, bool):
            kinds.add("bool")
        elif isinstance(v, int):
            kinds.add("int64" if not -2**31 <= v < 2**31 else "int32")
        elif isinstance(v, float):
            kinds.add("float")
        elif isinstance(v, (str, bytes)):
            kinds.add("string")
        elif isinstance(v, complex):
            kinds.add("complex")
        else:
            kinds.add("other")

    walk(value)
    if not kinds or "float" in kinds:
        return "float32" if not kinds or kinds <= {"float", "int32", "int64", "bool"} else None
    if "complex" in kinds:
        return "complex64"
    if kinds == {"string"}:
        return "string"
    if kinds == {"bool"}:
        return "bool"
    if kinds <= {"int32", "bool"}:
        return "int32"
    if kinds <= {"int32", "int64", "bool"}:
        return "int64"
    return None


def _value_and_dtype(value, dtype_name):
    """A Python value as `tensorFromValue` takes it, and the dtype name it gets (None: the engine's
    own inference decides)."""
    value, inferred = _py_value(value)
    if dtype_name is None and inferred is not None:
        dtype_name = inferred.name
    if dtype_name is None:
        dtype_name = infer_dtype(value)
    return value, dtype_name


def engine_tensor_from_value(value, dtype_name=None, shape=None):
    value, dtype_name = _value_and_dtype(value, dtype_name)
    t = _engine.call(bridge.tensorFromValue, _engine.tojs(value), dtype_name, _engine.tojs(shape))
    return t


def to_engine_tensor(value, dtype_name):
    """A value, a Tensor or a Variable as the engine's typed tensor (for initializers and
    `tf.Variable`): a tfjs tensor owned by the default graph together with the TF dtype it stands
    for, which tfjs's storage cannot tell for int64 (kept as int32) and float64 (as float32)."""
    from . import _session

    if _is_tensor_like(value):
        tensor = value._as_tensor()
        dtype_name = tensor.dtype.base_dtype.name
        if tensor.shape.is_fully_defined():
            # Computed when the engine needs it: a large variable's initial value is made on
            # its first read, as TF makes it when the initializer runs (engine/graph.ts).
            def make():
                return bridge.typedTensor(_session.evaluate_static(tensor), dtype_name)

            return bridge.lazyTensor(_engine.tojs(tensor.shape.as_list()), dtype_name,
                                     _engine.host_function(make, 0))
        t = _graph()._g.own(_session.evaluate_static(tensor))
        return bridge.typedTensor(t, dtype_name)
    value, dtype_name = _value_and_dtype(value, dtype_name)
    t = _engine.call(bridge.tensorFromValue, _engine.tojs(value), dtype_name, None)
    _graph()._g.own(t)
    return bridge.typedTensor(t, dtype_name or str(bridge.dtypeOf(t)), True)


def convert_to_tensor(value, dtype=None, name=None, preferred_dtype=None):
    """`tf.convert_to_tensor`: tensors pass through (dtype checked); values become constants."""
    if _is_tensor_like(value):
        t = value._as_tensor()
        if dtype is not None and not _dtypes.as_dtype(dtype).is_compatible_with(t.dtype):
            raise ValueError(
                "Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                % (_dtypes.as_dtype(dtype).name, t.dtype.name, t))
        return t
    if isinstance(value, (list, tuple)) and _holds_tensor(value):
        # TF's autopacking conversion: a list holding tensors is their `Pack` (named `packed`),
        # an inner such list packed first; numbers beside them become constants.
        items = [convert_to_tensor(v, dtype=dtype) if isinstance(v, (list, tuple)) and
                 _holds_tensor(v) else v for v in value]
        t = stack(items, name=name or "packed")
        if dtype is not None and not _dtypes.as_dtype(dtype).is_compatible_with(t.dtype):
            raise ValueError(
                "Tensor conversion requested dtype %s for Tensor with dtype %s: %r"
                % (_dtypes.as_dtype(dtype).name, t.dtype.name, t))
        return t
    return constant(value, dtype=dtype, name=name or "Const")


def _holds_tensor(value):
    """Whether a list or tuple holds a tensor, at any depth."""
    return any(_is_tensor_like(v) or (isinstance(v, (list, tuple)) and _holds_tensor(v))
               for v in value)


# A scalar filling a shape of at least this many elements is made when a session runs the op,
# not when the graph is built (TF's `_constant_if_small` bound for zeros/ones).
_LAZY_FILL_ELEMENTS = 1000


def _lazy_fill(value, dt, shp, name, default, op_type):
    """A scalar `value` of dtype `dt` filling the fully known shape `shp`, made at run time."""
    out_dtype = _dtypes.as_dtype(dt)
    if out_dtype.is_bool:
        value = bool(value)

    def compute(ins, session):
        return _engine.call(bridge.tensorFromValue, value, dt, _engine.tojs(shp))

    if op_type == "Fill":
        # array_ops.zeros/ones (1.15) of a shape of 1000 elements or more: a Fill of the shape
        # (`shape_as_tensor`) and the scalar (`Const`), converted inside the op's scope.
        # The two Consts are made when run (a graph of unrun fills holds no tensors).
        op_name = _op_name(name, default)
        with _graph().name_scope(op_name + "/"):
            dims = make_op("Const", "shape_as_tensor", "Const", [],
                           lambda ins, s: T.tensor1d(_engine.tojs(list(shp)), "int32"),
                           _dtypes.int32, [len(shp)])
            scalar = make_op("Const", None, "Const", [],
                             lambda ins, s: _engine.call(bridge.tensorFromValue, value, dt,
                                                         _engine.tojs([])), out_dtype, [])
        return make_op(op_type, op_name + "/", default, [dims, scalar], compute, out_dtype, shp)
    return make_op(op_type, name, default, [], compute, out_dtype, shp)


def _is_large_fill(value, dt, shp):
    if shp is None or dt is None or isinstance(value, (list, tuple)) or None in shp:
        return False
    if not isinstance(value, (bool, int, float)):
        return False
    n = 1
    for d in shp:
        n *= d
    return n >= _LAZY_FILL_ELEMENTS


def constant(value, dtype=None, shape=None, name="Const", verify_shape=False):
    dt = None if dtype is None else _dtypes.as_dtype(dtype).base_dtype.name
    shp = None if shape is None else as_shape(shape).as_list()
    # With a dtype, Python floats are checked as TF's _AssertCompatible does (2.0 is no int32);
    # a NumPy array is cast instead.
    floats = None
    if dt is not None and not hasattr(value, "tolist"):
        from ._init_ops import _float_leaves
        floats = _float_leaves(value)
    value, inferred = _py_value(value)
    if dt is None:
        dt = inferred.name if inferred is not None else infer_dtype(value)
    if not verify_shape and _is_large_fill(value, dt, shp):
        if floats and any(floats):
            # The value is checked before any filling (2.0 is no int32): a scalar, so cheap.
            _engine.call(bridge.tensorFromValue, _engine.tojs(value), dt, None,
                         _engine.tojs(floats)).dispose()
        return _lazy_fill(value, dt, shp, name, "Const", "Const")
    t = _engine.call(bridge.tensorFromValue, _engine.tojs(value), dt, _engine.tojs(shp),
                     _engine.tojs(floats) if floats and any(floats) else None)
    g = _graph()
    g._g.own(t)
    out_dtype = _dtypes.as_dtype(str(bridge.dtypeOf(t)))
    if dt is not None:
        out_dtype = _dtypes.as_dtype(dt)
    elif out_dtype == _dtypes.int32 and _has_big_int(value):
        out_dtype = _dtypes.int64
    result = make_op("Const", name, "Const", [], lambda ins, s: t, out_dtype,
                     [int(d) for d in t.shape])
    result.op._const_value = t
    return result


def _has_big_int(value):
    if isinstance(value, (list, tuple)):
        return any(_has_big_int(v) for v in value)
    return isinstance(value, int) and not isinstance(value, bool) and not -2**31 <= value < 2**31


def placeholder(dtype, shape=None, name=None):
    dtype = _dtypes.as_dtype(dtype)
    shp = unknown_shape() if shape is None else as_shape(shape)

    def compute(ins, session):
        from .errors import InvalidArgumentError

        raise InvalidArgumentError(
            None, None,
            "You must feed a value for placeholder tensor '%s' with dtype %s%s" % (
                result.op.name, dtype.name,
                "" if shp.dims is None else " and shape [%s]" % ",".join(
                    "?" if d.value is None else str(d.value) for d in shp.dims)))

    result = make_op("Placeholder", name, "Placeholder", [], compute, dtype, shp)
    return result


def placeholder_with_default(input, shape, name=None):  # noqa: A002 - TF's name
    """A tensor of static `shape` whose value is `input` unless fed; `input`'s shape must be
    compatible with `shape` (TF's shape function merges the two)."""
    x = convert_to_tensor(input)
    shp = as_shape(shape)
    op_name = _op_name(name, "PlaceholderWithDefault")
    have = as_shape(x.shape)
    error = None
    if have.dims is not None and shp.dims is not None:
        if len(have.dims) != len(shp.dims):
            error = "Shapes must be equal rank, but are %d and %d" % (len(have.dims),
                                                                        len(shp.dims))
        else:
            for i, (a, b) in enumerate(zip(have.dims, shp.dims)):
                if a.value is not None and b.value is not None and a.value != b.value:
                    error = ("Dimension %d in both shapes must be equal, but are %d and %d. "
                             "Shapes are %s and %s." % (i, a.value, b.value, _shape_list(have),
                                                        _shape_list(shp)))
                    break
    if error:
        raise ValueError("%s for '%s' (op: 'PlaceholderWithDefault') with input shapes: %s." % (
            error, op_name, _shape_list(have)))
    return make_op("PlaceholderWithDefault", op_name + "/", "PlaceholderWithDefault", [x],
                   lambda ins, s: ins[0], x.dtype.base_dtype, shp)


def identity(input, name=None):  # noqa: A002 - TF's name
    x = convert_to_tensor(input)
    return make_op("Identity", name, "Identity", [x], lambda ins, s: ins[0], x.dtype, x.shape)


# ---------------------------------------------------------------------------------------------
# Shapes


def _shape_json(shape):
    shape = as_shape(shape)
    return None if shape.dims is None else shape.as_list()


def infer_shapes(fn, shapes, attrs, op_name, op_type, input_texts=None, computed=None):
    """The op's output shapes from the core's shape function `fn` (src/core/shape-fns.ts, the one
    the analyzer uses too); TF 1.15's ValueError, naming the op, when TF rejects the inputs.
    `input_texts` are the op's input shapes as the message lists them (default: `shapes`)."""
    answer = _json.loads(str(bridge.shapeFn(fn, _json.dumps([[_shape_json(s) for s in shapes],
                                                              attrs]))))
    if "error" in answer:
        texts = input_texts if input_texts is not None else [_shape_list(as_shape(s))
                                                             for s in shapes]
        raise ValueError("%s for '%s' (op: '%s') with input shapes: %s%s." % (
            answer["error"], op_name, op_type, ", ".join(texts),
            (computed if computed.startswith(" and") else
             " and with computed input tensors: " + computed) if computed else ""))
    _framework._PENDING_SHAPE_SPEC[0] = (op_type, fn, attrs, [_shape_json(s) for s in shapes])
    return [unknown_shape() if s is None else TensorShape(s) for s in answer["shapes"]]


def infer_shape(fn, shapes, attrs, op_name, op_type, input_texts=None, computed=None):
    return infer_shapes(fn, shapes, attrs, op_name, op_type, input_texts, computed)[0]


def broadcast_shape(a, b, op_name="op", op_type="op"):
    return infer_shape("broadcast", [a, b], {}, op_name, op_type)


# ---------------------------------------------------------------------------------------------
# Element-wise ops


def _binary(op_type, fn, default_name):
    def op(x, y, name=None):
        g = _graph()
        scope = _op_name(name, default_name)
        if _is_tensor_like(x):
            x = _operand_tensor(x, scope)
            y = _convert_operand(y, x.dtype, scope)
        elif _is_tensor_like(y):
            y = _operand_tensor(y, scope)
            x = _convert_operand(x, y.dtype, scope, "x")
        else:
            x = convert_to_tensor(x, name=scope + "/x/")
            y = _convert_operand(y, x.dtype, scope)
        if x.dtype.base_dtype != y.dtype.base_dtype:
            raise TypeError(
                "Input 'y' of '%s' Op has type %s that does not match type %s of argument 'x'."
                % (op_type, y.dtype.base_dtype.name, x.dtype.base_dtype.name))
        out_dtype = _dtypes.bool if op_type in _COMPARISONS else x.dtype.base_dtype
        compute = fn
        if op_type == "RealDiv" and (x.dtype.is_integer or x.dtype.is_bool):
            # `_truediv_python3`: integers are cast first, (u)int8/16 to float32, wider to float64.
            out_dtype = (_dtypes.float32 if x.dtype.base_dtype.size <= 2 else _dtypes.float64)
            compute = lambda a, b: fn(T.cast(a, "float32"), T.cast(b, "float32"))  # noqa: E731
        shape = broadcast_shape(x.shape, y.shape, scope, op_type)
        opn = Operation(g, scope, op_type, [x, y], lambda ins, s: compute(ins[0], ins[1]),
                        control_inputs=g.control_inputs_for([x, y]))
        return Tensor(opn, 0, out_dtype, shape)

    return op


_COMPARISONS = {"Less", "LessEqual", "Greater", "GreaterEqual", "Equal", "NotEqual"}


def _operand_tensor(value, scope):
    """An op's tensor-like input as converted inside the op's scope: a resource variable is
    read there (`mul/ReadVariableOp`: its `value()`), anything else is its tensor."""
    if getattr(value, "_is_resource_variable", False):
        with _graph().name_scope(scope + "/"):
            return value._read_op()
    return value._as_tensor()


def _convert_operand(value, dtype, scope, role="y"):
    if _is_tensor_like(value):
        return _operand_tensor(value, scope)
    if role == "y":
        # math_ops.py (1.15) binary_op_wrapper: `convert_to_tensor_v2(y, dtype_hint=x.dtype)`.
        # A value the hint cannot hold (2.0 for int32) becomes a constant of its own dtype, and
        # the op then rejects the pair; the failed attempt creates no op.
        try:
            return constant(value, dtype=dtype.base_dtype, name=scope + "/y/")
        except (TypeError, ValueError):
            return constant(value, name=scope + "/y/")
    # r_binary_op_wrapper: `convert_to_tensor(x, dtype=y.dtype)`, strict.
    return constant(value, dtype=dtype.base_dtype, name=scope + "/" + role + "/")


def _truediv(a, b):
    return T.div(a, b)


add = _binary("Add", T.add, "Add")
# `a + b` is math_ops.py's `_add_dispatch`: AddV2 for every dtype but strings (1.15, past its
# forward-compatibility date).
add_v2 = _binary("AddV2", T.add, "add")
subtract = _binary("Sub", T.sub, "Sub")
multiply = _binary("Mul", T.mul, "Mul")
divide_ = _binary("RealDiv", _truediv, "truediv")
pow_ = _binary("Pow", T.pow, "Pow")
maximum = _binary("Maximum", T.maximum, "Maximum")
minimum = _binary("Minimum", T.minimum, "Minimum")
# (a - b)^2 as two tfjs ops: tfjs's own squaredDifference gradient does not sum over the axes
# an operand was broadcast along (tf.nn.moments over several axes).
squared_difference = _binary("SquaredDifference", lambda a, b: T.square(T.sub(a, b)),
                             "SquaredDifference")
less = _binary("Less", T.less, "Less")
less_equal = _binary("LessEqual", T.lessEqual, "LessEqual")
greater = _binary("Greater", T.greater, "Greater")
greater_equal = _binary("GreaterEqual", T.greaterEqual, "GreaterEqual")
equal = _binary("Equal", T.equal, "Equal")
not_equal = _binary("NotEqual", T.notEqual, "NotEqual")
floordiv = _binary("FloorDiv", T.floorDiv, "floordiv")
mod = _binary("FloorMod", T.mod, "mod")


def divide(x, y, name=None):
    return divide_(x, y, name=name or "truediv")


def truediv(x, y, name=None):
    return divide_(x, y, name=name or "truediv")


def pow(x, y, name=None):  # noqa: A001 - TF's name
    return pow_(x, y, name=name)


def _unary(op_type, fn, default=None):
    def op(x, name=None):
        x = convert_to_tensor(x)
        return make_op(op_type, name, default or op_type, [x], lambda ins, s: fn(ins[0]),
                       x.dtype.base_dtype, x.shape)

    return op


negative = _unary("Neg", T.neg)
square = _unary("Square", T.square)
sqrt = _unary("Sqrt", T.sqrt)
rsqrt = _unary("Rsqrt", T.rsqrt)
exp = _unary("Exp", T.exp)
log = _unary("Log", T.log)
tanh = _unary("Tanh", T.tanh)
sigmoid = _unary("Sigmoid", T.sigmoid)
abs = _unary("Abs", T.abs)  # noqa: A001
relu = _unary("Relu", T.relu)
softmax_ = _unary("Softmax", T.softmax)
floor = _unary("Floor", T.floor)
ceil = _unary("Ceil", T.ceil)


def softmax(logits, axis=None, name=None):
    return softmax_(logits, name=name)


def l2_loss(t, name=None):
    t = convert_to_tensor(t)
    return make_op("L2Loss", name, "L2Loss", [t],
                   lambda ins, s: T.div(T.sum(T.square(ins[0])), 2), t.dtype.base_dtype, [])


def cast(x, dtype, name=None):
    x = convert_to_tensor(x)
    dtype = _dtypes.as_dtype(dtype)
    tfjs_type = "bool" if dtype.is_bool else ("int32" if dtype.is_integer else "float32")
    return make_op("Cast", name, "Cast", [x], lambda ins, s: T.cast(ins[0], tfjs_type), dtype,
                   x.shape)


def matmul(a, b, transpose_a=False, transpose_b=False, adjoint_a=False, adjoint_b=False,
           a_is_sparse=False, b_is_sparse=False, name=None):
    """`tf.matmul`: op `MatMul` for matrices; rank > 2 (or unknown) TF 1.15's `BatchMatMulV2`
    (still named `MatMul`) with broadcast batch dimensions."""
    # Only tensors and variables are checked (a PartitionedVariable is not converted as TF
    # converts it, by concatenating its parts, so its static shape is not trusted here).
    strict = _is_tensor_like(a) and _is_tensor_like(b)
    op_name = None
    if getattr(a, "_is_resource_variable", False) or getattr(b, "_is_resource_variable", False):
        # math_ops.matmul converts its operands inside its scope: `MatMul/ReadVariableOp`.
        op_name = _op_name(name, "MatMul")
        a = _operand_tensor(a, op_name) if _is_tensor_like(a) else a
        b = _operand_tensor(b, op_name) if _is_tensor_like(b) else b
    a, b = convert_to_tensor(a), convert_to_tensor(b)
    ta, tb = bool(transpose_a or adjoint_a), bool(transpose_b or adjoint_b)
    sa, sb = a.shape, b.shape
    batched = sa.dims is None or sb.dims is None or len(sa) > 2 or len(sb) > 2
    op_type = "BatchMatMulV2" if batched else "MatMul"
    op_name = op_name or _op_name(name, "MatMul")
    out = unknown_shape()
    if strict or not (sa.dims is None or sb.dims is None or len(sa) < 2 or len(sb) < 2):
        out = infer_shape("matmul", [sa, sb], {"transpose_a": ta, "transpose_b": tb}, op_name,
                          op_type)

    def compute(ins, s):
        return T.matMul(ins[0], ins[1], ta, tb)

    result = make_op(op_type, op_name + "/", "MatMul", [a, b], compute, a.dtype.base_dtype, out)
    result.op._attrs = {"transpose_a": ta, "transpose_b": tb}
    result.op._shape_spec = ("matmul", {"transpose_a": ta, "transpose_b": tb})
    return result


def _shape_list(shape):
    """A shape as TF's shape-function messages print it: `[2,?,3]`."""
    if shape.dims is None:
        return "?"
    return "[" + ",".join("?" if d.value is None else str(d.value) for d in shape.dims) + "]"


# ---------------------------------------------------------------------------------------------
# Reductions and array ops


def _reduce(op_type, fn, default):
    def op(input_tensor, axis=None, keepdims=None, name=None, reduction_indices=None,
           keep_dims=None):
        x = convert_to_tensor(input_tensor)
        if axis is None:
            axis = reduction_indices
        keep = bool(keepdims if keepdims is not None else keep_dims)
        js_axis = None if axis is None else (axis if isinstance(axis, int) else list(axis))
        op_name = _op_name(name, default)
        n_axes = 0 if axis is None or isinstance(axis, int) else len(js_axis)
        shape = infer_shape(
            "reduce", [x.shape], {"axis": js_axis, "keepdims": keep}, op_name, op_type,
            [_shape_list(x.shape), "[]" if n_axes == 0 else "[%d]" % n_axes],
            None if js_axis is None else "input[1] = <%s>" % (
                js_axis if isinstance(js_axis, int) else " ".join(str(a) for a in js_axis)))
        if axis is None and not keep:
            # math_ops._may_reduce_to_scalar: reducing every axis is a scalar, rank known or not.
            shape = TensorShape([])
        axes = _reduction_dims(x, axis, op_name)
        return make_op(op_type, op_name + "/", default, [x, axes],
                       lambda ins, s: fn(ins[0], _engine.tojs(js_axis), keep),
                       x.dtype.base_dtype, shape)

    return op


def _reduction_dims(x, axis, op_name):
    """The reduction's second input as math_ops.py builds it: all axes of a known rank are a
    `Const` (an unknown rank: `Rank` and `range`), a given axis is converted inside the op's
    scope (`Mean/reduction_indices`)."""
    if axis is None:
        if x.shape.dims is not None:
            return constant(list(range(len(x.shape))), dtype=_dtypes.int32, name="Const")
        rank = make_op("Rank", None, "Rank", [x],
                       lambda ins, s: T.scalar(int(ins[0].rank), "int32"), _dtypes.int32, [])
        return range_(0, rank)
    with _graph().name_scope(op_name + "/"):
        return constant(axis, dtype=_dtypes.int32, name="reduction_indices")


reduce_sum = _reduce("Sum", T.sum, "Sum")
def _mean_kernel(x, axis, keep):
    """TF's Mean kernel (Eigen's MeanReducer) sums, then divides by the count; tfjs's divides each
    element first and rounds differently (57 ones of 60: TF 0.95, tfjs 0.95000005). An integer
    mean stays an integer, the quotient truncated as C++ divides (tfjs's is a float)."""
    total = T.sum(x, axis, keep)
    count = int(x.size) // int(total.size) if int(total.size) else 1
    if count == 1:
        return total
    divisor = T.scalar(count, "float32")
    if x.dtype == "float32":
        out = T.div(total, divisor)
    else:
        floats = T.cast(total, "float32")
        quotient = T.div(floats, divisor)
        out = T.cast(quotient, x.dtype)  # a float-to-int cast truncates toward zero
        floats.dispose()
        quotient.dispose()
    divisor.dispose()
    total.dispose()
    return out


reduce_mean = _reduce("Mean", _mean_kernel, "Mean")
reduce_max = _reduce("Max", T.max, "Max")
reduce_min = _reduce("Min", T.min, "Min")
reduce_prod = _reduce("Prod", T.prod, "Prod")


def reshape(tensor, shape, name=None):
    x = convert_to_tensor(tensor)
    if _is_tensor_like(shape):
        t = shape._as_tensor()
        const = getattr(t.op, "_const_value", None)
        if const is None:
            return make_op("Reshape", name, "Reshape", [x, t],
                           lambda ins, s: T.reshape(ins[0], _engine.tojs(
                               [int(v) for v in ins[1].dataSync()])),
                           x.dtype.base_dtype, shape_from_tensor(t))
        # A shape tensor TF evaluates (`tf.stack([4, -1])`): its -1 is inferred from the size.
        target = [int(v) for v in const.dataSync()]
        op_name = _op_name(name, "Reshape")
        out = _reshape_shape(x, target, op_name)
        return make_op("Reshape", op_name + "/", "Reshape", [x, t],
                       lambda ins, s: T.reshape(ins[0], _engine.tojs(target)),
                       x.dtype.base_dtype, out)
    if isinstance(shape, (list, tuple)) and any(_is_tensor_like(d) for d in shape):
        return _reshape_packed(x, list(shape), name)
    target = [int(d) for d in shape]
    op_name = _op_name(name, "Reshape")
    out = _reshape_shape(x, target, op_name)
    with _graph().name_scope(op_name + "/"):
        shape_const = constant(target, dtype=_dtypes.int32, name="shape")
    return make_op("Reshape", op_name + "/", "Reshape", [x, shape_const],
                   lambda ins, s: T.reshape(ins[0], _engine.tojs(target)), x.dtype.base_dtype,
                   out)


def _reshape_shape(x, target, op_name):
    """Reshape's static shape for a target TF knows (a -1 inferred), or TF's error."""
    return infer_shape("reshape", [x.shape], {"shape": target}, op_name, "Reshape",
                       [_shape_list(x.shape), "[%d]" % len(target)],
                       " and with input tensors computed as partial shapes: input[1] = [%s]"
                       % ",".join("?" if d == -1 else str(d) for d in target))


def _reshape_packed(x, entries, name):
    """`tf.reshape(x, [tf.shape(x)[0], 2, 2])`: the list is packed into one int32 tensor
    (`Reshape/shape`, TF's autopacking), and the static shape has the entries known as
    constants (`constant_value_as_shape`): `(?, 2, 2)`; a -1 beside an unknown entry stays `?`."""
    op_name = _op_name(name, "Reshape")
    with _graph().name_scope(op_name + "/"):
        packed = stack(entries, name="shape")
    dims = [None if _is_tensor_like(d) or int(d) == -1 else int(d) for d in entries]
    return make_op("Reshape", op_name + "/", "Reshape", [x, packed],
                   lambda ins, s: T.reshape(ins[0], _engine.tojs(
                       [int(v) for v in ins[1].dataSync()])),
                   x.dtype.base_dtype, TensorShape(dims))


def transpose(a, perm=None, name="transpose", conjugate=False):
    """`tf.transpose`: op `Transpose` of x and its permutation, `transpose/perm` (for no perm
    and a known rank TF's `(rank - 1) - np.arange(rank)`)."""
    x = convert_to_tensor(a)
    op_name = _op_name(name, "transpose")
    if perm is None and x.shape.dims is not None:
        perm = list(range(len(x.shape)))[::-1]
    if _is_tensor_like(perm):
        p = perm._as_tensor()
        known = getattr(p.op, "_const_value", None)
        static = None if known is None else [int(v) for v in known.dataSync()]
        shape = unknown_shape() if static is None else infer_shape(
            "transpose", [x.shape], {"perm": static}, op_name, "Transpose")
        return make_op("Transpose", op_name + "/", "transpose", [x, p],
                       lambda ins, s: T.transpose(ins[0], _engine.tojs(
                           [int(v) for v in ins[1].dataSync()])), x.dtype.base_dtype, shape)
    if perm is not None:
        perm = _int_list(perm)
    shape = infer_shape("transpose", [x.shape], {"perm": perm}, op_name, "Transpose")
    inputs = [x] if perm is None else [x, op_const(op_name, perm, "perm")]
    return make_op("Transpose", op_name + "/", "transpose", inputs,
                   lambda ins, s: T.transpose(ins[0], _engine.tojs(perm)),
                   x.dtype.base_dtype, shape)


def concat(values, axis, name="concat"):
    xs = [convert_to_tensor(v) for v in values]
    if len(xs) == 1:
        # TF's degenerate case: in name scope `concat`, the axis checked as `concat_dim` and an
        # Identity named `concat` (`concat/concat`).
        op_name = _op_name(name, "concat")
        op_const(op_name, int(axis), "concat_dim")
        with _graph().name_scope(op_name + "/"):
            return identity(xs[0], name=name or "concat")
    op_name = _op_name(name, "concat")
    shape = infer_shape("concat", [x.shape for x in xs], {"axis": int(axis)}, op_name,
                        "ConcatV2", [_shape_list(x.shape) for x in xs] + ["[]"],
                        "input[%d] = <%d>" % (len(xs), int(axis)))
    ax = op_const(op_name, int(axis), "axis")
    return make_op("ConcatV2", op_name + "/", "concat", xs + [ax],
                   lambda ins, s: T.concat(_engine.tojs(list(ins[:-1])), axis),
                   xs[0].dtype.base_dtype, shape)


def stack(values, axis=0, name="stack"):
    if int(axis) == 0 and not any(_is_tensor_like(v) for v in values):
        # array_ops.stack: a constant list is converted to one `Const` named `stack`.
        return convert_to_tensor(list(values), name=name or "stack")
    if int(axis) == 0 and not all(_is_tensor_like(v) for v in values):
        # TF's autopacking (`_autopacking_helper`): the numbers become constants named by
        # their index inside the op's scope (`stack/1`).
        op_name = _op_name(name, "stack")
        dt = [convert_to_tensor(v).dtype.base_dtype for v in values if _is_tensor_like(v)][0]
        with _graph().name_scope(op_name + "/"):
            xs = [v if _is_tensor_like(v) else constant(v, dtype=dt, name=str(i))
                  for i, v in enumerate(values)]
        xs = [convert_to_tensor(v) for v in xs]
        return _pack(xs, axis, op_name)
    xs = [convert_to_tensor(v) for v in values]
    return _pack(xs, axis, _op_name(name, "stack"))


def _pack(xs, axis, op_name):
    shape = infer_shape("stack", [x.shape for x in xs], {"axis": int(axis)}, op_name, "Pack")
    result = make_op("Pack", op_name + "/", "stack", xs,
                     lambda ins, s: T.stack(_engine.tojs(list(ins)), axis),
                     xs[0].dtype.base_dtype, shape)
    result.op._attrs = {"axis": int(axis), "N": len(xs)}
    return result


def gather(params, indices, validate_indices=None, name=None, axis=0, batch_dims=0):
    if getattr(params, "_is_resource_variable", False) and int(axis) == 0:
        # array_ops.gather (1.15): a resource variable's `sparse_read` (ResourceGather).
        return params.sparse_read(indices, name=name)
    p = convert_to_tensor(params)
    op_name = _op_name(name, "GatherV2")
    if _is_tensor_like(indices):
        i = convert_to_tensor(indices)
    else:
        with _graph().name_scope(op_name + "/"):
            i = convert_to_tensor(indices, name="indices")
    shape = infer_shape("gather", [p.shape, i.shape], {"axis": int(axis)}, op_name, "GatherV2")
    ax = op_const(op_name, int(axis), "axis")
    return make_op("GatherV2", op_name + "/", "GatherV2", [p, i, ax],
                   lambda ins, s: T.gather(ins[0], T.cast(ins[1], "int32"), axis),
                   p.dtype.base_dtype, shape)


def split(value, num_or_size_splits, axis=0, num=None, name="split"):
    """TF 1.15's `tf.split`: `num_or_size_splits` is converted first, a number too (`Const`,
    outside the op's scope), then op `Split` of (`split/split_dim`, value) or `SplitV` of
    (value, the sizes, `split/split_dim`)."""
    x = convert_to_tensor(value)
    size_splits = convert_to_tensor(num_or_size_splits)
    if isinstance(num_or_size_splits, int):
        count = num_or_size_splits
        sizes = None
    else:
        sizes = [int(n) for n in num_or_size_splits]
        count = len(sizes)
    g = _graph()
    op_name = _op_name(name, "split")
    split_dim = op_const(op_name, int(axis), "split_dim")
    op_type = "Split" if sizes is None else "SplitV"
    shapes = infer_shapes("split", [x.shape], {"num_or_size_splits": count if sizes is None
                                               else sizes, "axis": int(axis)}, op_name, op_type,
                          ["[]", _shape_list(x.shape)], "input[0] = <%d>" % int(axis))
    if sizes is not None and -1 in sizes and x.shape.dims is not None:
        sizes = [int(s[axis].value) if s[axis].value is not None else -1 for s in shapes]
    inputs = [split_dim, x] if sizes is None else [x, size_splits, split_dim]
    op = Operation(g, op_name, op_type, inputs,
                   lambda ins, s: _engine.js_list(
                       T.split(ins[0 if sizes is not None else 1],
                               count if sizes is None else _engine.tojs(sizes), axis)))
    return [Tensor(op, k, x.dtype.base_dtype, shapes[k]) for k in range(count)]


def _has_tensor(shape):
    return _is_tensor_like(shape) or (
        isinstance(shape, (list, tuple)) and any(_is_tensor_like(d) for d in shape))


def _shape_tensor(shape, name):
    """A shape given as a tensor, or a list holding tensors packed into one (`name`), and the
    static shape TF reads from it (`constant_value_as_shape`)."""
    if _is_tensor_like(shape):
        t = shape._as_tensor()
        return t, shape_from_tensor(t)
    entries = list(shape)
    # TF's autopacking: under the `name` scope, each Python entry a constant named by its index.
    op_name = _op_name(name, name)
    with _graph().name_scope(op_name + "/"):
        parts = [d._as_tensor() if _is_tensor_like(d) else constant(int(d), name=str(i))
                 for i, d in enumerate(entries)]
    packed = stack(parts, name=op_name + "/")
    # TF's shape functions read the packed entries as its shape inference evaluates them: a
    # tensor entry is known when it is a known dimension sliced from `Shape` (the batch size
    # of `tf.zeros([tf.shape(x)[0], n])` for an `x` of known batch).
    from ._more_ops import _static_scalar

    return packed, TensorShape([_static_scalar(p, 0) for p in parts])


def _fill_op(dims_t, value_t, static, dtype, op_name):
    """TF's `Fill`: `value_t` (a scalar tensor) in the shape `dims_t` holds when the op runs;
    the budget is checked with that shape before anything is made."""
    dt = dtype.base_dtype.name

    def dims_of(ins):
        return [int(v) for v in ins[0].dataSync()]

    def compute(ins, session):
        from .errors import InvalidArgumentError

        dims = dims_of(ins)
        for i, d in enumerate(dims):
            if d < 0:
                raise InvalidArgumentError(None, None,
                                           "dims[%d] = %d must be nonnegative." % (i, d))
        value = ins[1].dataSync()[0]
        return _engine.call(bridge.tensorFromValue, bool(value) if dtype.is_bool else value, dt,
                            _engine.tojs(dims))

    result = make_op("Fill", op_name + "/", "Fill", [dims_t, value_t], compute, dtype, static)
    result.op._shape_spec = lambda ins: [dims_of(ins)]
    return result


def _dynamic_fill(value, shape, dtype, name, default):
    """`tf.zeros(tf.shape(x))`, `tf.ones([tf.shape(x)[0], 5])`: under the `zeros` scope, the
    packed shape (`zeros/packed`), the scalar (`zeros/Const`) and the Fill named `zeros`."""
    g = _graph()
    with g.name_scope(name or default) as scope:
        dims_t, static = _shape_tensor(shape, "packed")
        value_t = constant(value, dtype=dtype, name="Const")
    return _fill_op(dims_t, value_t, static, dtype, scope[:-1] if scope.endswith("/") else scope)


def zeros(shape, dtype=_dtypes.float32, name=None):
    dtype = _dtypes.as_dtype(dtype)
    if _has_tensor(shape):
        return _dynamic_fill(False if dtype.is_bool else 0, shape, dtype, name, "zeros")
    dims = as_shape(shape).as_list()
    dtype = _dtypes.as_dtype(dtype)
    zero = False if dtype.is_bool else 0
    if _is_large_fill(zero, dtype.base_dtype.name, dims):
        # TF 1.15 builds a Fill op when the constant would not be small.
        return _lazy_fill(zero, dtype.base_dtype.name, dims, name, "zeros", "Fill")
    return constant(zero, dtype=dtype, shape=dims, name=name or "zeros")


def _like(kind, value):
    op_type = "ZerosLike" if value == 0 else "OnesLike"

    def op(tensor, dtype=None, name=None, optimize=True):
        x = convert_to_tensor(tensor)
        dt = x.dtype.base_dtype if dtype is None else _dtypes.as_dtype(dtype)
        tfjs_type = "bool" if dt.is_bool else ("int32" if dt.is_integer else "float32")
        return make_op(op_type, name, kind, [x],
                       lambda ins, s: T.fill(ins[0].shape, value, tfjs_type), dt, x.shape)

    return op


zeros_like = _like("zeros_like", 0)
ones_like = _like("ones_like", 1)


def zeros_like_impl(tensor, dtype=None, name=None, optimize=True):
    """`tf.zeros_like` (array_ops.py 1.15 zeros_like_impl): under the `zeros_like` scope, a
    fully defined shape gives `zeros(shape)` named by the scope (a Const), else the ZerosLike
    op, or for another dtype `zeros(Shape)`."""
    with _graph().name_scope(name or "zeros_like") as scope:
        x = convert_to_tensor(tensor, name="tensor")
        dt = None if dtype is None else _dtypes.as_dtype(dtype).base_dtype
        if optimize and x.shape.is_fully_defined():
            return zeros(x.shape.as_list(), dtype=dt or x.dtype.base_dtype, name=scope)
        if dt is not None and dt != x.dtype.base_dtype:
            from ._math_grad import shape as shape_of

            return zeros(shape_of(x), dtype=dt, name=scope)
        return zeros_like(x, name=scope)


def ones_like_impl(tensor, dtype=None, name=None, optimize=True):
    """`tf.ones_like` (array_ops.py 1.15 ones_like_impl): under the `ones_like` scope, the
    shape (`Shape`: a Const of a fully defined shape, else the op), `Const` and the Fill named
    by the scope."""
    from ._math_grad import shape as shape_of

    with _graph().name_scope(name or "ones_like") as scope:
        x = convert_to_tensor(tensor, name="tensor")
        dt = x.dtype.base_dtype if dtype is None else _dtypes.as_dtype(dtype).base_dtype
        dims = shape_of(x, optimize=optimize)
        one = constant(True if dt.is_bool else 1, dtype=dt)
        return _fill_op(dims, one, x.shape, dt, scope[:-1])


def ones(shape, dtype=_dtypes.float32, name=None):
    dtype = _dtypes.as_dtype(dtype)
    if _has_tensor(shape):
        return _dynamic_fill(True if dtype.is_bool else 1, shape, dtype, name, "ones")
    dims = as_shape(shape).as_list()
    dtype = _dtypes.as_dtype(dtype)
    one = True if dtype.is_bool else 1
    if _is_large_fill(one, dtype.base_dtype.name, dims):
        return _lazy_fill(one, dtype.base_dtype.name, dims, name, "ones", "Fill")
    return constant(one, dtype=dtype, shape=dims, name=name or "ones")


def shape_from_tensor(t):
    """The static shape TF reads from a 1-D shape tensor (`MakeShapeFromShapeTensor`): the
    input's shape for `tf.shape(x)`, a constant's value, else unknown dimensions."""
    t = t._as_tensor()
    if t.op.type == "Shape" and t.op.inputs:
        return as_shape(t.op.inputs[0].shape)
    const = getattr(t.op, "_const_value", None)
    if const is not None:
        return TensorShape([None if int(v) < 0 else int(v) for v in const.dataSync()])
    n = t.shape[0].value if t.shape.dims is not None and len(t.shape) == 1 else None
    return unknown_shape() if n is None else unknown_shape(n)


# random_ops.py (1.15): each under its scope, the shape (`shape`, a Const of a Python list), the
# two parameters as constants (`min`/`max`, `mean`/`stddev`), the kernel drawing the standard
# distribution, then scaled and shifted, the `Add` named by the scope. The kernel draws from
# tfjs's seeded generator (`_seed`).
_RANDOM = {
    "random_uniform": ("min", "max", 0, None, "RandomUniform", T.randomUniform),
    "random_normal": ("mean", "stddev", 0.0, 1.0, "RandomStandardNormal", T.randomNormal),
    "truncated_normal": ("mean", "stddev", 0.0, 1.0, "TruncatedNormal", T.truncatedNormal),
}


def _random(kind):
    first, second, first_default, second_default, kernel, draw = _RANDOM[kind]

    def op(shape, *args, dtype=_dtypes.float32, seed=None, name=None, **kwargs):
        # TF's positional order after the two value arguments: dtype, seed, name.
        args, rest = args[:2], args[2:]
        if rest:
            dtype, seed, name = (tuple(rest) + (seed, name))[:3]
        dtype = _dtypes.as_dtype(dtype).base_dtype
        kw = {"minval": first, "maxval": second, "mean": first, "stddev": second}
        values = dict(zip((first, second), (first_default, second_default)))
        values.update(zip((first, second), args))
        values.update((kw[k], v) for k, v in kwargs.items() if k in kw)
        if kind == "random_uniform" and values["max"] is None:
            if dtype.is_integer:
                raise ValueError("Must specify maxval for integer dtype %r" % dtype)
            values["max"] = 1.0
        with _graph().name_scope(name or kind) as scope:
            if _is_tensor_like(shape):
                shape_t = shape._as_tensor()
            else:
                shape_t = constant(as_shape(shape).as_list(), dtype=_dtypes.int32, name="shape")
            static = shape_from_tensor(shape_t)
            a = convert_to_tensor(values[first], dtype=dtype, name=first)
            b = convert_to_tensor(values[second], dtype=dtype, name=second)

            def dims_of(ins):
                dims = [int(v) for v in ins[0].dataSync()]
                # The shape may be known only now: TF's OOM before drawing (engine/memory.ts).
                _engine.call(bridge.checkAllocation, _engine.tojs(dims), dtype.name)
                return _engine.tojs(dims)

            if dtype.is_integer:
                def compute_int(ins, s):
                    lo, hi = int(ins[1].dataSync()[0]), int(ins[2].dataSync()[0])
                    return T.randomUniform(dims_of(ins), lo, hi, "int32", _seed(seed))

                return make_op("RandomUniformInt", scope, kind, [shape_t, a, b], compute_int,
                               dtype, static)
            if kind == "random_uniform":
                rnd = make_op(kernel, None, kernel, [shape_t],
                              lambda ins, s: draw(dims_of(ins), 0, 1, "float32", _seed(seed)),
                              dtype, static)
                return add(multiply(rnd, subtract(b, a, name="sub"), name="mul"), a,
                           name=scope)
            rnd = make_op(kernel, None, kernel, [shape_t],
                          lambda ins, s: draw(dims_of(ins), 0, 1, "float32", _seed(seed)),
                          dtype, static)
            return add(multiply(rnd, b, name="mul"), a, name=scope)

    op.__name__ = kind
    return op


def _seed(seed):
    return None if seed is None else 2 * int(seed) + 1


random_normal = _random("random_normal")
truncated_normal = _random("truncated_normal")
random_uniform = _random("random_uniform")


# ---------------------------------------------------------------------------------------------
# Variables in the graph


def read_variable_tensor(var):
    """`v/read:0`: reads the variable's current value; fails if the session never initialized it."""
    g = var.graph
    handle = [var.op.outputs[0]] if var.graph is g else []
    if bool(var._v.isResource):
        op = Operation(g, str(var._v.opName) + "/Read/ReadVariableOp", "ReadVariableOp", handle,
                       None)
    else:
        op = Operation(g, str(var._v.opName) + "/read", "Identity", handle, None)
    op._reads_variable = var
    return Tensor(op, 0, var.dtype.base_dtype, var.shape)


def initialized_value(var):
    g = var.graph
    op = Operation(g, g.unique_name("cond"), "Merge", [], None)
    op._initialized_value_of = var
    return Tensor(op, 0, var.dtype.base_dtype, var.shape)


def assign(var, value, name=None, kind="Assign"):
    """`gen_state_ops.assign` (`assign_add`, `assign_sub`): inputs the variable (by reference)
    and the value, a Python value converted inside the op's scope (`Assign/value`); its output
    is the variable after the assignment (`Assign:0`, fetchable and chainable)."""
    g = var.graph
    scope_name = _op_name(name, kind)
    if _is_tensor_like(value):
        value = convert_to_tensor(value, dtype=var.dtype.base_dtype)
    else:
        with g.name_scope(scope_name + "/"):
            value = convert_to_tensor(value, dtype=var.dtype.base_dtype, name="value")
    inputs = [var.op.outputs[0], value]
    op = Operation(g, scope_name, kind, inputs, None,
                   control_inputs=g.control_inputs_for(inputs))
    op._assigns = (var, kind)
    return Tensor(op, 0, var.dtype, var.shape)


def _install_operators():
    from ._variables import Variable

    def binop(fn, default):
        def forward(self, other):
            return fn(self, other, name=default)

        def backward(self, other):
            return fn(other, self, name=default)

        return forward, backward

    table = {
        "add": (add_v2, "add"), "sub": (subtract, "sub"), "mul": (multiply, "mul"),
        "truediv": (divide_, "truediv"), "pow": (pow_, "pow"), "floordiv": (floordiv, "floordiv"),
        "mod": (mod, "mod"), "matmul": (lambda a, b, name=None: matmul(a, b, name=name), "matmul"),
    }
    for cls in (Tensor, Variable):
        for key, (fn, default) in table.items():
            fwd, bwd = binop(fn, default)
            setattr(cls, "__%s__" % key, fwd)
            setattr(cls, "__r%s__" % key, bwd)
        cls.__getitem__ = lambda self, spec: slice_helper(self, spec)
        cls.__neg__ = lambda self: negative(self, name="Neg")
        cls.__abs__ = lambda self: abs(self)
        cls.__lt__ = lambda self, o: less(self, o, name="Less")
        cls.__le__ = lambda self, o: less_equal(self, o, name="LessEqual")
        cls.__gt__ = lambda self, o: greater(self, o, name="Greater")
        cls.__ge__ = lambda self, o: greater_equal(self, o, name="GreaterEqual")


_install_operators()


# ---------------------------------------------------------------------------------------------
# Neural-network ops (`tf.nn`) the layer libraries call: TF 1.15's names and static shapes; a
# tfjs kernel where one exists for the arguments, else NotImplementedError when run.


def not_implemented_op(op_type, name, inputs, dtype, shape, what=None):
    """A graph tensor with TF's static shape whose evaluation raises NotImplementedError."""
    label = what or op_type

    def compute(ins, session):
        raise NotImplementedError(
            "Scope Lens's runtime has no kernel for %s yet: the graph is built with TF's "
            "names and shapes, but this op cannot be run." % label)

    xs = [convert_to_tensor(x) for x in inputs]
    return make_op(op_type, name, op_type, xs, compute, _dtypes.as_dtype(dtype).base_dtype,
                   shape)


def bias_add(value, bias, data_format=None, name=None):
    x, b = convert_to_tensor(value), convert_to_tensor(bias)
    if data_format not in (None, "NHWC", "N...C"):
        return not_implemented_op("BiasAdd", name, [x, b], x.dtype, x.shape,
                                  "BiasAdd with data_format=%s" % data_format)
    op_name = _op_name(name, "BiasAdd")
    # A PartitionedVariable is not converted as TF converts it (a concat of its parts): its
    # static shape is its own.
    b_shape = bias.get_shape() if type(bias).__name__ == "PartitionedVariable" else b.shape
    shape = infer_shape("bias_add", [x.shape, b_shape], {}, op_name, "BiasAdd")
    return make_op("BiasAdd", op_name + "/", "BiasAdd", [x, b],
                   lambda ins, s: T.add(ins[0], ins[1]), x.dtype.base_dtype, shape)


def _as_list(v, n):
    if isinstance(v, int):
        return [v] * n
    return [int(x) for x in v]


def conv2d(input, filter=None, strides=None, padding=None, use_cudnn_on_gpu=True,  # noqa: A002
           data_format="NHWC", dilations=None, name=None, filters=None):
    x = convert_to_tensor(input)
    w = convert_to_tensor(filter if filter is not None else filters)
    strides = _as_list(strides, 4)
    dil = _as_list(dilations or 1, 4)
    padding = str(padding).upper()
    op_name = _op_name(name, "Conv2D")
    shape = infer_shape("conv2d", [x.shape, w.shape],
                        {"strides": strides, "padding": padding, "dilations": dil,
                         "data_format": data_format}, op_name, "Conv2D")
    if data_format != "NHWC":
        return not_implemented_op("Conv2D", op_name + "/", [x, w], x.dtype, shape,
                                  "Conv2D with data_format=%s" % data_format)
    result = make_op(
        "Conv2D", op_name + "/", "Conv2D", [x, w],
        lambda ins, s: T.conv2d(ins[0], ins[1], _engine.tojs([strides[1], strides[2]]),
                                padding.lower(), "NHWC", _engine.tojs([dil[1], dil[2]])),
        x.dtype.base_dtype, shape)
    result.op._attrs = {"dilations": dil}
    return result


def _pool(op_type, tfjs_fn):
    def op(value, ksize, strides, padding, data_format="NHWC", name=None, input=None):  # noqa: A002
        x = convert_to_tensor(value if value is not None else input)
        k, st = _as_list(ksize, 4), _as_list(strides, 4)
        padding = str(padding).upper()
        op_name = _op_name(name, op_type)
        shape = infer_shape("max_pool", [x.shape],
                            {"ksize": k, "strides": st, "padding": padding,
                             "data_format": data_format}, op_name, op_type)
        if data_format != "NHWC":
            return not_implemented_op(op_type, op_name + "/", [x], x.dtype, shape,
                                      "%s with data_format=%s" % (op_type, data_format))
        result = make_op(
            op_type, op_name + "/", op_type, [x],
            lambda ins, s: tfjs_fn(ins[0], _engine.tojs([k[1], k[2]]),
                                   _engine.tojs([st[1], st[2]]), padding.lower()),
            x.dtype.base_dtype, shape)
        result.op._attrs = {"ksize": k, "strides": st, "padding": padding}
        return result

    return op


max_pool = _pool("MaxPool", T.maxPool)
avg_pool = _pool("AvgPool", T.avgPool)


def moments(x, axes, shift=None, name=None, keep_dims=None, keepdims=None):
    """`tf.nn.moments`: mean and variance over `axes` (op names under `moments/`)."""
    keep = bool(keepdims if keepdims is not None else keep_dims)
    g = _graph()
    with g.name_scope(name or "moments"):
        from ._gradients import stop_gradient

        x = convert_to_tensor(x)
        mean = reduce_mean(x, axes, keepdims=True, name="mean")
        # nn_impl.py (1.15): `squared_difference(y, array_ops.stop_gradient(mean))`.
        variance = reduce_mean(squared_difference(x, stop_gradient(mean)), axes, keepdims=True,
                               name="variance")
        if not keep:
            mean = reshape_to(mean, _drop_axes(x, axes), "Squeeze")
            variance = reshape_to(variance, _drop_axes(x, axes), "Squeeze_1")
        return mean, variance


def _drop_axes(x, axes):
    if x.shape.dims is None:
        return None
    dims = x.shape.as_list()
    axes = [a % len(dims) for a in axes]
    return [d for i, d in enumerate(dims) if i not in axes]


def reshape_to(x, dims, name):
    """A Squeeze-like reshape to static `dims` (None: unknown); runs as tfjs reshape."""
    if dims is None:
        return not_implemented_op("Squeeze", name, [x], x.dtype, unknown_shape())
    target = [-1 if d is None else d for d in dims]
    if target.count(-1) > 1:
        return make_op("Squeeze", name, "Squeeze", [x],
                       lambda ins, s: T.squeeze(ins[0]), x.dtype.base_dtype, dims)
    return make_op("Squeeze", name, "Squeeze", [x],
                   lambda ins, s: T.reshape(ins[0], _engine.tojs(target)), x.dtype.base_dtype,
                   dims)


def batch_normalization(x, mean, variance, offset, scale, variance_epsilon, name=None):
    """nn_impl.py (1.15) `batch_normalization` under `batchnorm`: `inv = rsqrt(variance +
    variance_epsilon)` (`add`, `Rsqrt`), `inv *= scale` (`mul`), then
    `x * inv + (offset - mean * inv)` (`mul_1`, `mul_2`, `sub`, `add_1`; without an offset
    `-mean * inv`: `Neg`)."""
    g = _graph()
    with g.name_scope(name or "batchnorm"):
        inv = rsqrt(add_v2(variance, variance_epsilon, name="add"))
        if scale is not None:
            inv = multiply(inv, scale, name="mul")
        inv_x = inv if inv.dtype.base_dtype == x.dtype.base_dtype else cast(inv, x.dtype)
        shifted = multiply(x, inv_x, name="mul")
        if offset is not None:
            shift = subtract(offset, multiply(mean, inv, name="mul"), name="sub")
        else:
            shift = multiply(negative(mean), inv, name="mul")
        return add_v2(shifted, shift, name="add")


def dropout(x, keep_prob=None, noise_shape=None, seed=None, name=None, rate=None):
    """`tf.nn.dropout` (nn_ops.py 1.15): a `keep_prob` given becomes `rate = 1. - keep_prob`
    (a tensor's is a `sub` op outside the dropout scope), then `dropout_v2`."""
    if keep_prob is not None:
        if rate is not None:
            raise ValueError("Cannot specify both 'rate' and 'keep_prob'.")
        try:
            rate = 1. - keep_prob
        except TypeError:
            raise ValueError("keep_prob must be a floating point number or Tensor "
                             "(got %r)" % keep_prob)
    if rate is None:
        raise ValueError("You must provide a rate to dropout.")
    return dropout_v2(x, rate, noise_shape=noise_shape, seed=seed, name=name)


def dropout_v2(x, rate, noise_shape=None, seed=None, name=None):
    """nn_ops.py (1.15) dropout_v2: under `dropout`, `rate` (a Python rate's Const), the noise
    shape (`Shape`), `random_uniform`'s subgraph, `keep_prob = 1 - rate` (`sub`),
    `scale = 1 / keep_prob` (`truediv`), `GreaterEqual`, and `x * scale * cast(keep_mask)`
    (`mul`, `Cast`, `mul_1`)."""
    import numbers

    with _graph().name_scope(name or "dropout"):
        x = convert_to_tensor(x, name="x")
        if not x.dtype.is_floating:
            raise ValueError("x has to be a floating point tensor since it's going to be scaled. "
                             "Got a %s tensor instead." % x.dtype)
        if isinstance(rate, numbers.Real) and not (0 <= rate < 1):
            raise ValueError("rate must be a scalar tensor or a float in the range [0, 1), "
                             "got %g" % rate)
        if isinstance(rate, numbers.Real) and rate == 0:
            return x
        rate = convert_to_tensor(rate, dtype=x.dtype.base_dtype, name="rate")
        rate.shape.assert_is_compatible_with(TensorShape([]))
        const = getattr(rate.op, "_const_value", None)
        if const is not None and float(const.dataSync()[0]) == 0:
            return x
        if noise_shape is None:
            from ._math_grad import shape as shape_of

            noise = shape_of(x)
        elif _is_tensor_like(noise_shape):
            noise = noise_shape._as_tensor()
        else:
            dims = as_shape(noise_shape)
            if x.shape.dims is not None and len(x.shape) == len(dims):
                dims = [d.value if d.value is not None else x_d.value
                        for d, x_d in zip(dims.dims, x.shape.dims)]
            noise = [-1 if d is None else d for d in as_shape(dims).as_list()]
        random_tensor = random_uniform(noise, seed=seed, dtype=x.dtype.base_dtype)
        keep_prob = subtract(1, rate, name="sub")
        scale = divide(1, keep_prob)
        keep_mask = greater_equal(random_tensor, rate)
        ret = multiply(multiply(x, scale, name="mul"), cast(keep_mask, x.dtype.base_dtype),
                       name="mul")
        ret.set_shape(x.shape)
        return ret


# ---------------------------------------------------------------------------------------------
# More element-wise ops (TF 1.15's names at tf., tf.math. and tf.nn.)


def _unary_bool(op_type, fn):
    def op(x, name=None):
        x = convert_to_tensor(x)
        return make_op(op_type, name, op_type, [x], lambda ins, s: fn(ins[0]), _dtypes.bool,
                       x.shape)

    return op


reciprocal = _unary("Reciprocal", T.reciprocal)
sign = _unary("Sign", T.sign)
rint = _unary("Rint", T.round)
log1p = _unary("Log1p", T.log1p)
expm1 = _unary("Expm1", T.expm1)
sin = _unary("Sin", T.sin)
cos = _unary("Cos", T.cos)
tan = _unary("Tan", T.tan)
asin = _unary("Asin", T.asin)
acos = _unary("Acos", T.acos)
atan = _unary("Atan", T.atan)
sinh = _unary("Sinh", T.sinh)
cosh = _unary("Cosh", T.cosh)
erf = _unary("Erf", T.erf)
softplus = _unary("Softplus", T.softplus)
softsign = _unary("Softsign", lambda x: T.div(x, T.add(T.abs(x), 1)))
log_sigmoid = _unary("Neg", T.logSigmoid, "LogSigmoid")
relu6 = _unary("Relu6", T.relu6)
elu = _unary("Elu", T.elu)
selu = _unary("Selu", T.selu)
logical_not = _unary_bool("LogicalNot", T.logicalNot)
is_nan = _unary_bool("IsNan", T.isNaN)
is_inf = _unary_bool("IsInf", T.isInf)
is_finite = _unary_bool("IsFinite", T.isFinite)
_round = _unary("Round", T.round)


def round(x, name=None):  # noqa: A001 - TF's name
    """`tf.round`: banker's rounding; an integer tensor is returned as it is."""
    x = convert_to_tensor(x)
    if x.dtype.is_integer:
        return x
    return _round(x, name=name)


def leaky_relu(features, alpha=0.2, name=None):
    x = convert_to_tensor(features)
    out = make_op("LeakyRelu", name, "LeakyRelu", [x], lambda ins, s: T.leakyRelu(ins[0], alpha),
                  x.dtype.base_dtype, x.shape)
    out.op._attrs = {"alpha": alpha}
    return out


def log_softmax(logits, axis=None, name=None):
    x = convert_to_tensor(logits)
    return make_op("LogSoftmax", name, "LogSoftmax", [x], lambda ins, s: T.logSoftmax(ins[0]),
                   x.dtype.base_dtype, x.shape)


def l2_normalize(x, axis=None, epsilon=1e-12, name=None, dim=None):
    """nn_impl.py (1.15) l2_normalize_v2: under the `l2_normalize` scope, `Square`, `Sum`,
    `Maximum` with epsilon, `Rsqrt`, and the `Mul` named by the scope."""
    axis = dim if axis is None else axis
    with _graph().name_scope(name or "l2_normalize") as scope:
        x = convert_to_tensor(x, name="x")
        square_sum = reduce_sum(square(x), axis, keepdims=True)
        x_inv_norm = rsqrt(maximum(square_sum, epsilon))
        return multiply(x, x_inv_norm, name=scope)


def local_response_normalization(input, depth_radius=5, bias=1, alpha=1, beta=0.5,  # noqa: A002
                                 name=None):
    x = convert_to_tensor(input)
    result = make_op("LRN", name, "LRN", [x],
                     lambda ins, s: T.localResponseNormalization(ins[0], depth_radius, bias,
                                                                 alpha, beta),
                     x.dtype.base_dtype, x.shape)
    result.op._attrs = {"depth_radius": depth_radius, "bias": bias, "alpha": alpha,
                        "beta": beta}
    return result


# ---------------------------------------------------------------------------------------------
# Indexing and slicing: TF 1.15's `_slice_helper` and the `StridedSlice` shape function


_SLICE_TYPE_ERROR = (
    "Only integers, slices (`:`), ellipsis (`...`), tf.newaxis (`None`) and scalar "
    "tf.int32/tf.int64 tensors are valid indices")


def _check_index(idx):
    from .tensor_shape import Dimension

    if isinstance(idx, (int, Dimension)) and not isinstance(idx, bool):
        return
    dtype = getattr(idx, "dtype", None)
    shape = getattr(idx, "shape", None)
    if (dtype is None or _dtypes.as_dtype(dtype).base_dtype not in (_dtypes.int32, _dtypes.int64)
            or (shape is not None and shape.dims is not None and len(shape) == 1)):
        raise TypeError(_SLICE_TYPE_ERROR + ", got {!r}".format(idx))


def _strided_slice_shape(shape, begin, end, strides, begin_mask, end_mask, ellipsis_mask,
                         new_axis_mask, shrink_axis_mask):
    """The core's `StridedSlice` shape function (`ValidateStridedSliceOp`): a bound list with a
    tensor in it is not a constant, so none of its bounds is known. Raises its message as is."""
    def bounds(values):
        return None if any(_is_tensor_like(v) for v in values) else [int(v) for v in values]

    attrs = {"begin": bounds(begin), "end": bounds(end), "strides": bounds(strides),
             "begin_mask": begin_mask, "end_mask": end_mask, "ellipsis_mask": ellipsis_mask,
             "new_axis_mask": new_axis_mask, "shrink_axis_mask": shrink_axis_mask}
    answer = _json.loads(str(bridge.shapeFn("strided_slice", _json.dumps(
        [[_shape_json(shape)], attrs]))))
    if "error" in answer:
        raise ValueError(answer["error"])
    out = answer["shapes"][0]
    return unknown_shape() if out is None else TensorShape(out)


def _static_int(v, ins, where):
    if _is_tensor_like(v):
        return int(ins[where[id(v)]].dataSync()[0])
    return int(v)


def strided_slice(input_, begin, end, strides=None, begin_mask=0, end_mask=0, ellipsis_mask=0,
                  new_axis_mask=0, shrink_axis_mask=0, var=None, name=None):
    x = convert_to_tensor(input_)
    begin, end = list(begin), list(end)
    strides = [1] * len(begin) if strides is None else list(strides)
    return _strided_slice_op(x, begin, end, strides, begin_mask, end_mask, ellipsis_mask,
                             new_axis_mask, shrink_axis_mask, name, "StridedSlice")


def _strided_slice_op(x, begin, end, strides, bm, em, elm, nam, sam, name, default):
    op_name = _op_name(name, default)
    try:
        shape = _strided_slice_shape(x.shape, begin, end, strides, bm, em, elm, nam, sam)
    except ValueError as e:
        n = len(begin)
        computed = ", ".join(
            "input[%d] = <%s>" % (i + 1, " ".join(str(int(v)) for v in vals))
            for i, vals in enumerate((begin, end, strides))
            if not any(_is_tensor_like(v) for v in vals)
            # TF reads the strides first: an error in them shows only them.
            and (i == 2 or not str(e).startswith("strides[")))
        raise ValueError(
            "%s for '%s' (op: 'StridedSlice') with input shapes: %s, [%d], [%d], [%d]%s."
            % (e, op_name, _shape_list(x.shape), n, n, n,
               " and with computed input tensors: " + computed if computed else ""))
    def compute(ins, s):
        b, e, st = ([int(v) for v in ins[k].dataSync()] if len(ins) > k else []
                    for k in (1, 2, 3))
        return T.stridedSlice(ins[0], _engine.tojs(b), _engine.tojs(e), _engine.tojs(st), bm, em,
                              elm, nam, sam)

    tensors = []
    if begin:
        # `_slice_helper`'s array_ops.stack of each list in the op's scope: a Const for a list
        # of Python ints, else TF's autopacking (`stack/0`, ... for the ints, and a Pack); for
        # `tf.strided_slice` the inputs converted as `begin`, `end`, `strides`.
        names = ("stack", "stack", "stack") if default == "strided_slice" else (
            "begin", "end", "strides")
        with _graph().name_scope(op_name + "/"):
            for vals, n in zip((begin, end, strides), names):
                if any(_is_tensor_like(v) for v in vals):
                    tensors.append(stack(list(vals), name=n))
                else:
                    tensors.append(constant([int(v) for v in vals], dtype=_dtypes.int32, name=n))
    result = make_op("StridedSlice", op_name + "/", default, [x] + tensors, compute,
                     x.dtype.base_dtype, shape)
    result.op._attrs = {"masks": (bm, em, elm, nam, sam)}
    return result


def slice_helper(tensor, slice_spec):
    """`tensor[slice_spec]` (TF 1.15 `_slice_helper`): op `strided_slice`."""
    import builtins as _builtins
    import sys

    if isinstance(slice_spec, bool) or (_is_tensor_like(slice_spec)
                                        and slice_spec._as_tensor().dtype == _dtypes.bool):
        raise NotImplementedError(
            "Scope Lens's runtime does not implement indexing with a boolean mask "
            "(tf.boolean_mask).")
    if not isinstance(slice_spec, (list, tuple)):
        slice_spec = [slice_spec]
    begin, end, strides = [], [], []
    bm = em = elm = nam = sam = 0
    for index, s in enumerate(slice_spec):
        bit = 1 << index
        if isinstance(s, _builtins.slice):
            if s.start is not None and (_is_tensor_like(s.start) or s.start != sys.maxsize):
                _check_index(s.start)
                begin.append(s.start)
            else:
                begin.append(0)
                bm |= bit
            if s.stop is not None and (_is_tensor_like(s.stop) or s.stop != sys.maxsize):
                _check_index(s.stop)
                end.append(s.stop)
            else:
                end.append(0)
                em |= bit
            if s.step is not None:
                _check_index(s.step)
                strides.append(s.step)
            else:
                strides.append(1)
        elif s is Ellipsis:
            begin.append(0)
            end.append(0)
            strides.append(1)
            elm |= bit
        elif s is None:
            begin.append(0)
            end.append(0)
            strides.append(1)
            nam |= bit
        else:
            _check_index(s)
            begin.append(s)
            end.append(s + 1)
            strides.append(1)
            sam |= bit
    x = tensor._as_tensor()
    begin = [int(b) if not _is_tensor_like(b) else b for b in begin]
    end = [int(e) if not _is_tensor_like(e) else e for e in end]
    strides = [int(v) if not _is_tensor_like(v) else v for v in strides]
    return _strided_slice_op(x, begin, end, strides, bm, em, elm, nam, sam, None, "strided_slice")


def slice(input_, begin, size, name=None):  # noqa: A001 - TF's name
    """`tf.slice`: op `Slice`; a size of -1 takes the rest of the axis."""
    x = convert_to_tensor(input_)
    begin, size = list(begin), list(size)
    shape = unknown_shape(len(size))
    if x.shape.dims is not None and not any(_is_tensor_like(v) for v in begin + size):
        dims = x.shape.as_list()
        shape = TensorShape([(None if d is None else d - b) if sz == -1 else sz
                             for d, b, sz in zip(dims, begin, size)])
    elif not any(_is_tensor_like(v) for v in size):
        shape = TensorShape([None if sz == -1 else sz for sz in size])
    if not any(_is_tensor_like(v) for v in begin + size):
        op_name = _op_name(name, "Slice")
        b = op_const(op_name, [int(v) for v in begin], "begin")
        z = op_const(op_name, [int(v) for v in size], "size")
        result = make_op("Slice", op_name + "/", "Slice", [x, b, z],
                         lambda ins, s: T.slice(ins[0], _engine.tojs([int(v) for v in begin]),
                                                _engine.tojs([int(v) for v in size])),
                         x.dtype.base_dtype, shape)
        result.op._begin_size = True  # inputs (x, begin, size) as TF's: _SliceGrad reads them
        return result
    tensors = [v._as_tensor() for v in begin + size if _is_tensor_like(v)]
    where = {}
    for v in begin + size:
        if _is_tensor_like(v):
            where[id(v)] = 1 + [id(t) for t in tensors].index(id(v._as_tensor()))
    return make_op(
        "Slice", name, "Slice", [x] + tensors,
        lambda ins, s: T.slice(ins[0], _engine.tojs([_static_int(v, ins, where) for v in begin]),
                               _engine.tojs([_static_int(v, ins, where) for v in size])),
        x.dtype.base_dtype, shape)


def tile(input, multiples, name=None):  # noqa: A002 - TF's name
    x = convert_to_tensor(input)
    if _has_tensor(multiples):
        # The multiples known when the op runs (`Tile/multiples`, packed as TF packs a list).
        op_name = _op_name(name, "Tile")
        with _graph().name_scope(op_name + "/"):
            m_t, m_static = _shape_tensor(multiples, "multiples")
        n = m_static.dims
        shape = unknown_shape() if n is None else infer_shape(
            "tile", [x.shape], {"multiples": [d.value for d in n]}, op_name, "Tile")

        def reps_of(ins):
            return [int(v) for v in ins[1].dataSync()]

        result = make_op("Tile", op_name + "/", "Tile", [x, m_t],
                         lambda ins, s: T.tile(ins[0], _engine.tojs(reps_of(ins))),
                         x.dtype.base_dtype, shape)
        result.op._shape_spec = lambda ins: _json.loads(str(bridge.shapeFn("tile", _json.dumps(
            [[[int(d) for d in ins[0].shape]], {"multiples": reps_of(ins)}]))))["shapes"]
        return result
    reps = list(multiples)
    shape = unknown_shape() if x.shape.dims is None else unknown_shape(len(x.shape))
    if x.shape.dims is not None and not any(_is_tensor_like(m) for m in reps):
        shape = TensorShape([None if d is None else d * int(m)
                             for d, m in zip(x.shape.as_list(), reps)])
    op_name = _op_name(name, "Tile")
    m_const = op_const(op_name, [int(m) for m in reps], "multiples")
    result = make_op("Tile", op_name + "/", "Tile", [x, m_const],
                     lambda ins, s: T.tile(ins[0], _engine.tojs([int(m) for m in reps])),
                     x.dtype.base_dtype, shape)
    result.op._shape_spec = ("tile", {"multiples": [int(m) for m in reps]})
    return result


def where(condition, x=None, y=None, name=None):
    """TF 1.15's `tf.where`: `Select` of x and y by condition (the one-argument form is
    not implemented)."""
    c = convert_to_tensor(condition)
    if x is None and y is None:
        d = c.shape
        return not_implemented_op("Where", name, [c], _dtypes.int64,
                                  unknown_shape(2) if d.dims is None else [None, len(d)],
                                  "tf.where with one argument")
    if x is None or y is None:
        raise ValueError("x and y must both be non-None or both be None.")
    a, b = convert_to_tensor(x), convert_to_tensor(y)
    shape = a.shape.merge_with(b.shape)
    return make_op("Select", name, "Select", [c, a, b],
                   lambda ins, s: select_kernel(ins[0], ins[1], ins[2]), a.dtype.base_dtype,
                   shape)


def select_kernel(c, a, b):
    """The `Select` kernel: a vector condition picks whole rows of higher-rank x and y (TF's
    v1 semantics; tfjs would broadcast it along the last dimension)."""
    if len(c.shape) != 1 or len(a.shape) < 2:
        return T.where(c, a, b)
    engine = T.engine()
    engine.startScope()
    out = None
    try:
        rows = T.reshape(c, _engine.tojs([int(c.shape[0])] + [1] * (len(a.shape) - 1)))
        out = T.where(rows, a, b)
    finally:
        engine.endScope(out)
    return out


def _resize(op_type, fn, keep_dtype):
    """`ResizeBilinear` / `ResizeNearestNeighbor` of the images and their `size` input
    (`<op>/size` for a list, else the tensor given: `resize_images`' `resize/size`)."""
    def op(images, size, align_corners=False, name=None, half_pixel_centers=False):
        x = convert_to_tensor(images)
        op_name = _op_name(name, op_type)
        if _is_tensor_like(size):
            size_t = size._as_tensor()
            known = getattr(size_t.op, "_const_value", None)
            h, w = [None, None] if known is None else [int(v) for v in known.dataSync()]
        else:
            h, w = [int(v) for v in size]
            size_t = op_const(op_name, [h, w], "size")
        dims = x.shape.as_list() if x.shape.dims is not None else [None] * 4
        result = make_op(op_type, op_name + "/", op_type, [x, size_t],
                         lambda ins, s: fn(ins[0], _engine.tojs(
                             [int(v) for v in ins[1].dataSync()]), align_corners,
                             half_pixel_centers),
                         x.dtype.base_dtype if keep_dtype else _dtypes.float32,
                         [dims[0], h, w, dims[3]])
        result.op._attrs = {"align_corners": bool(align_corners),
                            "half_pixel_centers": bool(half_pixel_centers)}
        return result

    return op


resize_bilinear = _resize("ResizeBilinear", lambda x, size, a, hp: T.image.resizeBilinear(
    T.cast(x, "float32"), size, a, hp), False)
resize_nearest_neighbor = _resize(
    "ResizeNearestNeighbor", lambda x, size, a, hp: T.image.resizeNearestNeighbor(x, size, a, hp),
    True)


def resize_images(images, size, method=0, align_corners=False, preserve_aspect_ratio=False,
                  name=None):
    """TF 1.15's v1 `tf.image.resize_images` (bilinear and nearest neighbor): under
    `name_scope('resize')`; a size equal to the images' own returns them as they are."""
    x = convert_to_tensor(images)
    if preserve_aspect_ratio or method not in (0, 1):
        raise NotImplementedError(
            "Scope Lens's runtime implements tf.image.resize_images for BILINEAR and "
            "NEAREST_NEIGHBOR without preserve_aspect_ratio only.")
    if x.shape.dims is None or len(x.shape) not in (3, 4):
        raise ValueError("'images' contains no shape.")
    h, w = [int(v) for v in size]
    dims = x.shape.as_list()
    if dims[-3] == h and dims[-2] == w:
        with _graph().name_scope(name or "resize"):
            pass
        return x
    with _graph().name_scope(name or "resize"):
        batched = x
        if len(dims) == 3:
            batched = reshape(x, [1] + dims, name="ExpandDims")
        size_t = constant([h, w], dtype=_dtypes.int32, name="size")
        fn = resize_bilinear if method == 0 else resize_nearest_neighbor
        out = fn(batched, size_t, align_corners=align_corners)
        if len(dims) == 3:
            out = reshape_to(out, [h, w, dims[2]], "Squeeze")
        return out


def embedding_lookup(params, ids, partition_strategy="mod", name=None, validate_indices=True,
                     max_norm=None):
    """`tf.nn.embedding_lookup` of one tensor or variable: a gather named after the scope,
    then `<scope>/Identity`."""
    if isinstance(params, (list, tuple)):
        if len(params) != 1:
            raise NotImplementedError(
                "Scope Lens's runtime implements tf.nn.embedding_lookup of one tensor only.")
        params = params[0]
    if max_norm is not None:
        raise NotImplementedError(
            "Scope Lens's runtime does not implement tf.nn.embedding_lookup(max_norm=...).")
    if type(params).__name__ == "PartitionedVariable":
        raise NotImplementedError(
            "Scope Lens's runtime does not implement tf.nn.embedding_lookup of a "
            "PartitionedVariable.")
    with _graph().name_scope(name or "embedding_lookup") as scope:
        return identity(gather(params, ids, name=scope))


def shape(input, name=None, out_type=_dtypes.int32):  # noqa: A002 - TF's name
    """`array_ops.shape` (`shape_internal(optimize=True)`): a fully defined static shape is a
    `Const` named as the op would be (`Shape`), else op `Shape`."""
    x = convert_to_tensor(input)
    out = _dtypes.as_dtype(out_type)
    dims = x.shape
    if dims.is_fully_defined():
        return constant(dims.as_list(), dtype=out, name=_op_name(name, "Shape") + "/")

    def compute(ins, s):
        return T.tensor1d(_engine.tojs([int(d) for d in ins[0].shape]), "int32")

    return make_op("Shape", name, "Shape", [x], compute, out,
                   [None] if dims.dims is None else [len(dims)])


def add_n_or_constant(tensors, name):
    """`math_ops.add_n(tensors, name)` of a non-empty list, else `constant(0.0, name)`."""
    if tensors:
        from ._more_ops import add_n

        return add_n(tensors, name=name)
    return constant(0.0, name=name)


# ---------------------------------------------------------------------------------------------
# tf.range (TF 1.15's math_ops.range)

_RANGE_DTYPES = ("int32", "int64", "float32", "float64")


def _scalar_text(v):
    """A number as TF's StrCat prints it: ints plainly, floats in their shortest float32 form."""
    if isinstance(v, int) or float(v).is_integer():
        return str(int(v))
    import struct

    f32 = struct.unpack("f", struct.pack("f", v))[0]
    for digits in range(1, 10):
        text = "%.*g" % (digits, f32)
        if struct.unpack("f", struct.pack("f", float(text)))[0] == f32:
            return text
    return repr(f32)


def _constant_scalar(t, dt):
    """The value TF's shape inference reads from a scalar input (`constant_value`): a
    constant's, through casts; None when it is known only at run time."""
    op = t.op
    while op.type == "Cast" and op._inputs:
        op = op._inputs[0].op
    const = getattr(op, "_const_value", None)
    if const is None or int(const.size) != 1:
        return None
    v = const.dataSync()[0]
    return int(v) if dt.is_integer else float(v)


def range_(start, limit=None, delta=1, dtype=None, name="range"):
    """`tf.range`: constants `start`/`limit`/`delta` under the `range` scope, cast to the widest
    of their dtypes (int32 < int64 < float32 < float64), and the Range op named by the scope;
    its length from the arguments known when the graph is built (TF's RangeSize errors then),
    else checked when it runs (the kernel's InvalidArgumentError)."""
    if limit is None:
        start, limit = 0, start
    g = _graph()
    with g.name_scope(name or "Range") as scope:
        args = [convert_to_tensor(v, dtype=dtype, name=n)
                for v, n in ((start, "start"), (limit, "limit"), (delta, "delta"))]
        if dtype is None:
            dt = max((a.dtype.base_dtype for a in args),
                     key=lambda d: _RANGE_DTYPES.index(d.name) if d.name in _RANGE_DTYPES else 0)
            args = [a if a.dtype.base_dtype == dt else cast(a, dt) for a in args]
        else:
            dt = _dtypes.as_dtype(dtype)
        known = [_constant_scalar(a, dt) for a in args]
        op_name = scope[:-1] if scope.endswith("/") else scope
        computed = None
        if None not in known:
            computed = ", ".join("input[%d] = <%s>" % (i, _scalar_text(v))
                                 for i, v in enumerate(known))
        shape = infer_shape("range", [[], [], []],
                            dict(zip(("start", "limit", "delta"), known)), op_name, "Range",
                            ["[]", "[]", "[]"], computed)
        tfjs_type = "int32" if dt.is_integer else "float32"

        def bounds(ins):
            from .errors import InvalidArgumentError

            lo, hi, step = (ins[k].dataSync()[0] for k in range(3))
            if dt.is_integer:
                lo, hi, step = int(lo), int(hi), int(step)
            if step == 0:
                raise InvalidArgumentError(None, None,
                                           "Requires delta != 0: %s" % _scalar_text(step))
            if step > 0 and lo > hi:
                raise InvalidArgumentError(
                    None, None, "Requires start <= limit when delta > 0: %s/%s"
                    % (_scalar_text(lo), _scalar_text(hi)))
            if step < 0 and lo < hi:
                raise InvalidArgumentError(
                    None, None, "Requires start >= limit when delta < 0: %s/%s"
                    % (_scalar_text(lo), _scalar_text(hi)))
            return lo, hi, step

        def length(ins):
            import builtins
            import math

            lo, hi, step = bounds(ins)
            if dt.is_integer:
                return (builtins.abs(hi - lo) + builtins.abs(step) - 1) // builtins.abs(step)
            return int(math.ceil(builtins.abs((hi - lo) / step)))

        def compute(ins, s):
            lo, hi, step = bounds(ins)
            return T.range(lo, hi, step, tfjs_type)

        result = make_op("Range", scope, "Range", args, compute, dt, shape)
        result.op._shape_spec = lambda ins: [[length(ins)]]
        return result


def _scatter(kind):
    """`tf.scatter_add` / `tf.scatter_sub` on a variable: the rows `indices` of `ref` gain (lose)
    `updates`, duplicates adding up, as one op (`ScatterAdd` / `ScatterSub`) of inputs
    (indices, updates) that returns `ref`."""
    def op(ref, indices, updates, use_locking=False, name=None):
        from ._training_ops import scatter_update

        if getattr(ref, "_is_resource_variable", False):
            # state_ops.py (1.15): a resource variable's ResourceScatterAdd/Sub, then its
            # `_lazy_read` (a read under a control dependency on the update).
            updated = scatter_update("ResourceScatter" + kind, ref, indices, updates, name)
            return ref._lazy_read(updated)
        return scatter_update("Scatter" + kind, ref, indices, updates, name)

    return op


scatter_add = _scatter("Add")
scatter_sub = _scatter("Sub")
