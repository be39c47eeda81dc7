"""TF 1.15's registered gradient functions (math_grad.py, nn_grad.py, array_grad.py), built
from the runtime's own ops with TF's op names and types.

`tf.gradients` (_gradients.py) calls `GRADIENTS[op.type](op, *out_grads)` inside the
`<op name>_grad` name scope, as TF's `_GradientsHelper` does, so the ops each function creates
get the names TF gives them (`gradients/MatMul_grad/MatMul_1`, `gradients/Mean_grad/Tile`, ...).
Every op computes its value from its inputs with TensorFlow.js when a session runs it. TF's
special gradient kernels (`ReluGrad`, `Conv2DBackpropFilter`, `MaxPoolGrad`, ...) compute what
TF's kernels compute; the convolution and pooling ones take TensorFlow.js's own gradient of the
forward kernel (`vjp`).

The shape helpers follow `array_ops.shape_internal`/`rank_internal`/`size_internal`
(`optimize=True`): a statically known answer is a `Const` named as the op would be.
"""
from . import _engine
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph
from .tensor_shape import TensorShape, as_shape, unknown_shape

T = _engine.tfjs
bridge = _engine.bridge

GRADIENTS = {}
# Op types TF registers with `ops.NotDifferentiable` (their gradient is None).
NOT_DIFFERENTIABLE = frozenset([
    "StopGradient", "PreventGradient", "ZerosLike", "OnesLike", "Shape", "ShapeN", "Size",
    "Rank", "BroadcastGradientArgs", "Equal", "NotEqual", "Less", "LessEqual", "Greater",
    "GreaterEqual", "ArgMax", "ArgMin", "Floor", "Ceil", "Round", "Sign", "RandomUniform",
    "RandomStandardNormal", "TruncatedNormal", "RandomUniformInt", "OneHot", "Range", "Fill",
    "LogicalAnd", "LogicalOr", "LogicalNot", "IsFinite", "IsNan", "IsInf", "FloorDiv",
    "FloorMod", "Multinomial", "InTopK", "InTopKV2", "Const", "Placeholder",
    "PlaceholderWithDefault", "NoOp", "Assign", "AssignAdd", "AssignSub",
])


def register(*types):
    def deco(fn):
        for t in types:
            GRADIENTS[t] = fn
        return fn

    return deco


# ---------------------------------------------------------------------------------------------
# Op builders


def _ops():
    from . import _ops as ops

    return ops


def _ints(t):
    return [int(v) for v in t.dataSync()]


def _scoped_compute(compute):
    """`compute` in a tfjs scope: the intermediate tensors it makes are disposed, its result
    (owned by the session's run from then on) is kept."""
    def run(ins, s):
        engine = T.engine()
        engine.startScope()
        out = None
        try:
            out = compute(ins, s)
        finally:
            engine.endScope(_engine.tojs(out) if isinstance(out, list) else out)
        return out

    return run


def op1(op_type, name, inputs, compute, dtype, shape=None):
    """One op of type `op_type` named `name` (or the type), with one output."""
    compute = _scoped_compute(compute)
    return _ops().make_op(op_type, name, op_type, inputs, compute,
                          _dtypes.as_dtype(dtype).base_dtype,
                          unknown_shape() if shape is None else shape)


def op_n(op_type, name, inputs, compute, outputs):
    """One op with several outputs: `outputs` is a list of (dtype, shape)."""
    g = get_default_graph()
    compute = _scoped_compute(compute)
    op = Operation(g, _ops()._op_name(name, op_type), op_type, inputs, compute,
                   control_inputs=g.control_inputs_for(inputs))
    return [Tensor(op, i, _dtypes.as_dtype(d).base_dtype, unknown_shape() if s is None else s)
            for i, (d, s) in enumerate(outputs)]


def const(value, dtype, name="Const"):
    return _ops().constant(value, dtype=dtype, name=name)


def _scoped(default, name=None):
    """The name `ops.name_scope(name, default)` gives a one-op helper's op (`Shape`, ...)."""
    return get_default_graph().unique_name(name or default) + "/"


def shape(x, name=None, optimize=True):
    """`array_ops.shape`: a Const of a fully defined static shape, else op Shape."""
    s = x.shape
    if optimize and s.is_fully_defined():
        return const(s.as_list(), _dtypes.int32, _scoped("Shape", name))
    return op1("Shape", _scoped("Shape", name), [x],
               lambda ins, _s: T.tensor1d(_engine.tojs([int(d) for d in ins[0].shape]), "int32"),
               _dtypes.int32, unknown_shape(1) if s.dims is None else [len(s)])


def shape_n(xs, name=None):
    """`array_ops.shape_n`: op ShapeN, one int32 vector per input."""
    def compute(ins, _s):
        return [T.tensor1d(_engine.tojs([int(d) for d in v.shape]), "int32") for v in ins]

    return op_n("ShapeN", name, list(xs), compute,
                [(_dtypes.int32, unknown_shape(1) if x.shape.dims is None else [len(x.shape)])
                 for x in xs])


def rank(x, name=None):
    if x.shape.dims is not None:
        return const(len(x.shape), _dtypes.int32, _scoped("Rank", name))
    return op1("Rank", _scoped("Rank", name), [x],
               lambda ins, _s: T.scalar(int(ins[0].rank), "int32"), _dtypes.int32, [])


def size(x, name=None):
    if x.shape.is_fully_defined():
        return const(x.shape.num_elements(), _dtypes.int32, _scoped("Size", name))
    return op1("Size", _scoped("Size", name), [x],
               lambda ins, _s: T.scalar(int(ins[0].size), "int32"), _dtypes.int32, [])


def to_int_tensor(value, name):
    """A list argument as `_apply_op_helper` converts it inside the op's scope: a Const named
    `name`, or when it holds tensors TF's autopacking: Consts `name/0`, ... and a Pack."""
    if isinstance(value, Tensor):
        return value
    if isinstance(value, (list, tuple)) and any(isinstance(v, Tensor) for v in value):
        scope = _scoped(name)
        with get_default_graph().name_scope(scope):
            parts = [v if isinstance(v, Tensor) else const(int(v), _dtypes.int32, str(i))
                     for i, v in enumerate(value)]
        return op1("Pack", scope, parts, lambda ins, _s: T.stack(_engine.tojs(list(ins))),
                   _dtypes.int32, [len(parts)])
    return const(value, _dtypes.int32, name)


def reshape(x, new_shape, name=None):
    """`array_ops.reshape(x, shape)`: the shape is an input (`Reshape/shape` for a list)."""
    scope = _scoped("Reshape", name)
    g = get_default_graph()
    with g.name_scope(scope):
        s = new_shape if isinstance(new_shape, Tensor) else to_int_tensor(list(new_shape),
                                                                          "shape")
    static = unknown_shape()
    if not isinstance(new_shape, Tensor) and not any(isinstance(d, Tensor) for d in new_shape):
        dims = [None if int(d) == -1 else int(d) for d in new_shape]
        static = TensorShape(dims)
    elif getattr(s.op, "_const_value", None) is not None:
        static = TensorShape([None if v == -1 else v for v in _ints(s.op._const_value)])
    return op1("Reshape", scope, [x, s],
               lambda ins, _s: T.reshape(ins[0], _engine.tojs(_ints(ins[1]))),
               x.dtype, static)


def reduce_sum(x, axes, keepdims=False, name=None):
    """`math_ops.reduce_sum(x, axes)` with `axes` a tensor (no Const is made for it)."""
    def compute(ins, _s):
        ax = _ints(ins[1])
        if not ax:
            return ins[0] if not keepdims else ins[0]
        return T.sum(ins[0], _engine.tojs(ax), keepdims)

    return op1("Sum", _scoped("Sum", name), [x, axes], compute, x.dtype)


def reduce_sum_axis(x, axis, keepdims=False, name=None):
    """`math_ops.reduce_sum(x, axis)` with a Python axis: `Sum/reduction_indices`."""
    scope = _scoped("Sum", name)
    with get_default_graph().name_scope(scope):
        ax = const(axis, _dtypes.int32, "reduction_indices")
    def compute(ins, _s):
        axes = _ints(ins[1])
        return T.sum(ins[0], _engine.tojs(axes), keepdims) if axes else T.clone(ins[0])

    return op1("Sum", scope, [x, ax], compute, x.dtype)


def tile(x, multiples, name=None):
    scope = _scoped("Tile", name)
    with get_default_graph().name_scope(scope):
        m = multiples if isinstance(multiples, Tensor) else to_int_tensor(list(multiples),
                                                                          "multiples")
    return op1("Tile", scope, [x, m],
               lambda ins, _s: T.tile(ins[0], _engine.tojs(_ints(ins[1]))), x.dtype)


def broadcast_gradient_args(sx, sy, name=None):
    """`gen_array_ops.broadcast_gradient_args`: the axes to sum each side's gradient over."""
    def compute(ins, _s):
        ra, rb = _static_broadcast_axes(_ints(ins[0]), _ints(ins[1]))
        return [T.tensor1d(_engine.tojs(list(ra)), "int32"),
                T.tensor1d(_engine.tojs(list(rb)), "int32")]

    return op_n("BroadcastGradientArgs", name, [sx, sy], compute,
                [(_dtypes.int32, [None]), (_dtypes.int32, [None])])


def slice_(x, begin, size_, name=None):
    """`array_ops.slice` with begin/size converted in the op's scope (`Slice/begin`, ...)."""
    scope = _scoped("Slice", name)
    with get_default_graph().name_scope(scope):
        b = to_int_tensor(begin, "begin")
        z = to_int_tensor(size_, "size")

    def compute(ins, _s):
        return T.slice(ins[0], _engine.tojs(_ints(ins[1])), _engine.tojs(_ints(ins[2])))

    out = op1("Slice", scope, [x, b, z], compute, x.dtype, [None] * len(size_))
    out.op._begin_size = True
    return out


def concat(values, axis, name=None):
    """`array_ops.concat` of several values: `concat/values_0`, ..., `concat/axis`."""
    scope = _scoped("concat", name)
    with get_default_graph().name_scope(scope):
        parts = [v if isinstance(v, Tensor) else const(v, _dtypes.int32, "values_%d" % i)
                 for i, v in enumerate(values)]
        ax = const(axis, _dtypes.int32, "axis")
    return op1("ConcatV2", scope, parts + [ax],
               lambda ins, _s: T.concat(_engine.tojs(list(ins[:-1])), _ints(ins[-1])[0]),
               parts[0].dtype, [None])


def expand_dims(x, axis, name=None):
    scope = _scoped("ExpandDims", name)
    with get_default_graph().name_scope(scope):
        d = const(axis, _dtypes.int32, "dim")
    out = unknown_shape()
    if x.shape.dims is not None:
        dims = x.shape.as_list()
        k = axis if axis >= 0 else len(dims) + 1 + axis
        out = TensorShape(dims[:k] + [1] + dims[k:])
    return op1("ExpandDims", scope, [x, d],
               lambda ins, _s: T.expandDims(ins[0], _ints(ins[1])[0]), x.dtype, out)


def binary(op_type, fn, x, y, name=None, default=None):
    """A binary element-wise op `op_type` named `name` or `default` (TF's Python wrappers name
    `a * b` 'mul' but `gen_math_ops.mul` 'Mul'); a Python operand becomes `<op>/y`."""
    ops = _ops()
    scope = _scoped(default or op_type, name)
    if not isinstance(y, Tensor):
        with get_default_graph().name_scope(scope):
            y = const(y, x.dtype.base_dtype, "y")
    if not isinstance(x, Tensor):
        with get_default_graph().name_scope(scope):
            x = const(x, y.dtype.base_dtype, "x")
    try:
        shp = ops.broadcast_shape(x.shape, y.shape)
    except Exception:  # noqa: BLE001 - shapes of gradients are set by tf.gradients
        shp = unknown_shape()
    return op1(op_type, scope, [x, y], lambda ins, _s: fn(ins[0], ins[1]), x.dtype, shp)


def mul(x, y, name=None):
    return binary("Mul", T.mul, x, y, name, "mul")


def Mul(x, y, name=None):  # noqa: N802 - gen_math_ops.mul's default name
    return binary("Mul", T.mul, x, y, name, "Mul")


def sub(x, y, name=None):
    return binary("Sub", T.sub, x, y, name, "sub")


def add(x, y, name=None):
    """`x + y` (math_ops' `_add_dispatch`: AddV2)."""
    return binary("AddV2", T.add, x, y, name, "add")


def real_div(x, y, name=None):
    return binary("RealDiv", T.div, x, y, name, "RealDiv")


def truediv(x, y, name=None):
    return binary("RealDiv", T.div, x, y, name, "truediv")


def unary(op_type, fn, x, name=None):
    return op1(op_type, _scoped(op_type, name), [x], lambda ins, _s: fn(ins[0]), x.dtype,
               x.shape)


def neg(x):
    return unary("Neg", T.neg, x)


def cast(x, dtype):
    """`math_ops.cast`: x itself when it already has the dtype."""
    dtype = _dtypes.as_dtype(dtype).base_dtype
    if x.dtype.base_dtype == dtype:
        return x
    return _ops().cast(x, dtype)


def zeros_like(x):
    return _ops().zeros_like(x)


def matmul(a, b, transpose_a=False, transpose_b=False):
    return _ops().matmul(a, b, transpose_a=transpose_a, transpose_b=transpose_b)


def grad_kernel(op_type, inputs, compute, like):
    """A gradient kernel op (`ReluGrad`, `BiasAddGrad`, ...) with `like`'s dtype and shape."""
    return op1(op_type, _scoped(op_type), inputs, compute, like.dtype, like.shape)


def vjp(forward, values, dy, wrt):
    """TensorFlow.js's gradient of `forward(values)` (one tfjs tensor) with respect to
    `values[wrt]`, seeded with `dy`."""
    from pyodide.ffi import create_proxy

    sources = [values[wrt]]

    def f():
        vs = list(values)
        vs[wrt] = sources[0]
        return T.sum(T.mul(forward(vs), dy))

    proxy = create_proxy(f)
    try:
        result = bridge.gradients(proxy, _engine.tojs(sources))
    finally:
        proxy.destroy()
    result.value.dispose()
    g = _engine.js_list(result.grads)[0]
    return T.zerosLike(values[wrt]) if g is None else g


# ---------------------------------------------------------------------------------------------
# math_grad.py


def _shape_tuple(t):
    return None if t.shape.dims is None else tuple(t.shape.as_list())


def _fully_equal(x, y, grad):
    xs, ys, gs = _shape_tuple(x), _shape_tuple(y), _shape_tuple(grad)
    return xs == ys and xs == gs and xs is not None and None not in xs


def _broadcast_reduce(x, y):
    sx = shape(x)
    sy = shape(y)
    rx, ry = broadcast_gradient_args(sx, sy)
    return sx, sy, rx, ry


def _static_broadcast_axes(sx, sy):
    """What op BroadcastGradientArgs computes, for two static shapes."""
    n = max(len(sx), len(sy))
    a = [1] * (n - len(sx)) + list(sx)
    b = [1] * (n - len(sy)) + list(sy)
    ra, rb = [], []
    for i in range(n):
        if a[i] == 1 and b[i] != 1:
            ra.append(i)
        elif b[i] == 1 and a[i] != 1:
            rb.append(i)
        elif a[i] == 1 and b[i] == 1:
            ra.append(i)
            rb.append(i)
    return tuple(ra), tuple(rb)


def _smart_broadcast_gradient_args(x, y, grad):
    """1.15's `SmartBroadcastGradientArgs` (math_grad.py): for shapes not fully known, ops
    `Shape` (never a Const: `shape_internal(optimize=False)`) and `BroadcastGradientArgs`; for
    known shapes, the reduction axes computed once per graph and pair of shapes (the first time
    by an op `BroadcastGradientArgs` of Consts `s0`, `s1` that TF evaluates, cached in the
    graph's `_bcast_grad_args_cache`), returned as tuples with whether each side's gradient
    needs reducing at all (its shape differs from the gradient's)."""
    xs, ys, gs = _shape_tuple(x), _shape_tuple(y), _shape_tuple(grad)
    if xs is None or None in xs or ys is None or None in ys:
        sx = shape(x, optimize=False)
        sy = shape(y, optimize=False)
        rx, ry = broadcast_gradient_args(sx, sy)
        return (sx, rx, True), (sy, ry, True)
    g = get_default_graph()
    cache = g.__dict__.setdefault("_bcast_grad_args_cache", {})
    key = (xs, ys)
    if key not in cache:
        scope = _scoped("BroadcastGradientArgs")
        with g.name_scope(scope):
            s0 = const(list(xs), _dtypes.int32, "s0")
            s1 = const(list(ys), _dtypes.int32, "s1")
        broadcast_gradient_args(s0, s1, scope)
        cache[key] = _static_broadcast_axes(xs, ys)
    rx, ry = cache[key]
    return (xs, rx, xs != gs), (ys, ry, ys != gs)


def _reduce_to(grad, axes, shape_):
    """`array_ops.reshape(math_ops.reduce_sum(grad, axes), shape)` with `axes` and `shape`
    either tensors or (cached) tuples: a tuple becomes `Sum/reduction_indices`,
    `Reshape/shape`."""
    if isinstance(axes, Tensor):
        summed = reduce_sum(grad, axes)
    else:
        summed = reduce_sum_axis(grad, list(axes))
    return reshape(summed, shape_ if isinstance(shape_, Tensor) else list(shape_))


@register("Add", "AddV2")
def _add_grad(op, grad):
    x, y = op.inputs
    if _fully_equal(x, y, grad):
        return grad, grad
    (sx, rx, mx), (sy, ry, my) = _smart_broadcast_gradient_args(x, y, grad)
    gx = _reduce_to(grad, rx, sx) if mx else grad
    gy = _reduce_to(grad, ry, sy) if my else grad
    return gx, gy


@register("Sub")
def _sub_grad(op, grad):
    x, y = op.inputs
    if _fully_equal(x, y, grad):
        return grad, neg(grad)
    (sx, rx, mx), (sy, ry, my) = _smart_broadcast_gradient_args(x, y, grad)
    gx = _reduce_to(grad, rx, sx) if mx else grad
    gy = _reduce_to(neg(grad), ry, sy) if my else neg(grad)
    return gx, gy


@register("Mul")
def _mul_grad(op, grad):
    x, y = op.inputs
    if _fully_equal(x, y, grad) and grad.dtype.base_dtype in (_dtypes.int32, _dtypes.float32):
        return Mul(grad, y), Mul(grad, x)
    (sx, rx, mx), (sy, ry, my) = _smart_broadcast_gradient_args(x, y, grad)
    gx = _reduce_to(Mul(grad, y), rx, sx) if mx else Mul(grad, y)
    gy = _reduce_to(Mul(x, grad), ry, sy) if my else Mul(x, grad)
    return gx, gy


@register("RealDiv")
def _real_div_grad(op, grad):
    x, y = op.inputs
    sx, sy, rx, ry = _broadcast_reduce(x, y)
    gx = reshape(reduce_sum(real_div(grad, y), rx), sx)
    gy = reshape(reduce_sum(mul(grad, real_div(real_div(neg(x), y), y)), ry), sy)
    return gx, gy


@register("Neg")
def _neg_grad(op, grad):
    return neg(grad)


@register("Square")
def _square_grad(op, grad):
    x = op.inputs[0]
    # TF 1.15 math_grad.py _SquareGrad: under a control dependency on grad.
    with get_default_graph().control_dependencies([grad]):
        y = const(2.0, x.dtype.base_dtype)
        return Mul(grad, Mul(x, y))


@register("Sqrt")
def _sqrt_grad(op, grad):
    y = op.outputs[0]
    return grad_kernel("SqrtGrad", [y, grad],
                       lambda ins, _s: T.div(T.mul(ins[1], 0.5), ins[0]), y)


@register("Rsqrt")
def _rsqrt_grad(op, grad):
    y = op.outputs[0]
    return grad_kernel("RsqrtGrad", [y, grad],
                       lambda ins, _s: T.mul(T.mul(ins[1], T.pow(ins[0], 3)), -0.5), y)


@register("Exp")
def _exp_grad(op, grad):
    return mul(grad, op.outputs[0])


@register("Log")
def _log_grad(op, grad):
    return mul(grad, unary("Reciprocal", T.reciprocal, op.inputs[0]))


@register("Log1p")
def _log1p_grad(op, grad):
    x = op.inputs[0]
    return mul(grad, unary("Reciprocal", T.reciprocal, add(1.0, x)))


@register("Tanh")
def _tanh_grad(op, grad):
    y = op.outputs[0]
    return grad_kernel("TanhGrad", [y, grad],
                       lambda ins, _s: T.mul(ins[1], T.sub(1, T.square(ins[0]))), y)


@register("Sigmoid")
def _sigmoid_grad(op, grad):
    y = op.outputs[0]
    return grad_kernel("SigmoidGrad", [y, grad],
                       lambda ins, _s: T.mul(ins[1], T.mul(ins[0], T.sub(1, ins[0]))), y)


@register("Abs")
def _abs_grad(op, grad):
    return mul(grad, unary("Sign", T.sign, op.inputs[0]))


@register("Cast")
def _cast_grad(op, grad):
    src = op.inputs[0].dtype.base_dtype
    dst = grad.dtype.base_dtype
    if src.is_floating and dst.is_floating:
        return cast(grad, src)
    return None


def _sum_grad_parts(op, grad):
    x = op.inputs[0]
    shp = _shape_tuple(x)
    axes_value = getattr(op.inputs[1].op, "_const_value", None)
    if shp is not None and axes_value is not None:
        axes = _ints(axes_value)
        if int(axes_value.rank) == 1 and axes == list(range(len(shp))):
            grad = reshape(grad, [1] * len(shp))
            if None not in shp:
                input_shape = const(list(shp), _dtypes.int32)
            else:
                input_shape = shape(x)
            return tile(grad, input_shape)
        if None not in shp:
            kept, scaling = _static_reduced_shape(shp, axes)
            return tile(reshape(grad, list(kept)), list(scaling))
    return None


def _static_reduced_shape(shp, axes):
    """The middle path of 1.15's `_SumGrad` (a known input shape, constant axes): the kept-dims
    shape and the tile scaling as tuples, computed once per graph and (shape, axes)
    (`_reduced_shape_cache`): the first time by the ops `math_ops.reduced_shape` and
    `_safe_shape_div` build of the Python values (`Cast/x`, `Cast_1/x`, ..., `floordiv`), which
    TF evaluates."""
    g = get_default_graph()
    cache = g.__dict__.setdefault("_reduced_shape_cache", {})
    key = (tuple(shp), tuple(axes))
    if key not in cache:
        consts = []
        for value in (list(shp), list(axes)):
            with g.name_scope(_scoped("Cast")):
                consts.append(const(value, _dtypes.int32, "x"))
        kept_t = _reduced_shape(consts[0], consts[1])
        binary("FloorDiv", T.floorDiv, list(shp), binary("Maximum", T.maximum, kept_t, 1),
               default="floordiv")
        kept = list(shp)
        for a in axes:
            kept[a % len(shp)] = 1
        cache[key] = (tuple(kept), tuple(d // max(k, 1) for d, k in zip(shp, kept)))
    return cache[key]


@register("Sum")
def _sum_grad(op, grad):
    out = _sum_grad_parts(op, grad)
    if out is not None:
        return out, None
    return _reduce_grad_generic(op, grad), None


def _reduce_grad_generic(op, grad):
    """The general path of 1.15's `_SumGrad`: the gradient reshaped to the kept-dims output
    shape (`math_ops.reduced_shape`) and tiled by `_safe_shape_div(input_shape, kept)`."""
    input_shape = shape(op.inputs[0])
    kept = _reduced_shape(input_shape, op.inputs[1])
    tile_scaling = _safe_shape_div(input_shape, kept)
    return tile(reshape(grad, kept), tile_scaling)


def _safe_shape_div(x, y):
    return binary("FloorDiv", T.floorDiv, x, binary("Maximum", T.maximum, y, 1),
                  default="floordiv")


def _reduced_shape(input_shape, axes):
    """`math_ops.reduced_shape`: the input shape with the reduced axes set to 1, built as TF
    builds it (Size, add, mod, Shape, range, Fill, DynamicStitch)."""
    input_rank = size(input_shape)
    axes = binary("FloorMod", T.mod, add(axes, input_rank),
                  input_rank, default="mod")
    axes_shape = shape(axes)
    g = get_default_graph()
    scope = _scoped("range")
    with g.name_scope(scope):
        start = const(0, _dtypes.int32, "start")
        delta = const(1, _dtypes.int32, "delta")
    rng = op1("Range", scope, [start, input_rank, delta],
              lambda ins, _s: T.range(_ints(ins[0])[0], _ints(ins[1])[0], _ints(ins[2])[0],
                                      "int32"), _dtypes.int32, [None])
    scope = _scoped("Fill")
    with g.name_scope(scope):
        value = const(1, _dtypes.int32, "value")
    ones = op1("Fill", scope, [axes_shape, value],
               lambda ins, _s: T.fill(_engine.tojs(_ints(ins[0])), _ints(ins[1])[0], "int32"),
               _dtypes.int32, [None])

    def stitch(ins, _s):
        out = {}
        for idx, data in ((ins[0], ins[2]), (ins[1], ins[3])):
            for i, v in zip(_ints(idx), _ints(data)):
                out[i] = v
        return T.tensor1d(_engine.tojs([out[i] for i in range(len(out))]), "int32")

    return op1("DynamicStitch", _scoped("DynamicStitch"), [rng, axes, input_shape, ones],
               stitch, _dtypes.int32, [None])


@register("Mean")
def _mean_grad(op, grad):
    sum_grad = _sum_grad(op, grad)[0]
    in_shape = _shape_tuple(op.inputs[0])
    out_shape = _shape_tuple(op.outputs[0])
    if in_shape is not None and out_shape is not None and None not in in_shape and \
            None not in out_shape:
        in_size = 1
        for d in in_shape:
            in_size *= d
        out_size = 1
        for d in out_shape:
            out_size *= d
        factor = const(in_size // max(out_size, 1), sum_grad.dtype.base_dtype)
    else:
        ops = _ops()
        input_shape = shape(op.inputs[0])
        output_shape = shape(op.outputs[0])
        factor = _safe_shape_div(ops.reduce_prod(input_shape), ops.reduce_prod(output_shape))
    return truediv(sum_grad, cast(factor, sum_grad.dtype)), None


@register("MatMul")
def _matmul_grad(op, grad):
    attrs = getattr(op, "_attrs", {})
    t_a, t_b = attrs.get("transpose_a", False), attrs.get("transpose_b", False)
    a, b = op.inputs
    if not t_a and not t_b:
        return matmul(grad, b, transpose_b=True), matmul(a, grad, transpose_a=True)
    if not t_a and t_b:
        return matmul(grad, b), matmul(grad, a, transpose_a=True)
    if t_a and not t_b:
        return matmul(b, grad, transpose_b=True), matmul(a, grad)
    return (matmul(b, grad, transpose_a=True, transpose_b=True),
            matmul(grad, a, transpose_a=True, transpose_b=True))


@register("AddN")
def _add_n_grad(op, grad):
    return [grad] * len(op.inputs)


@register("Maximum", "Minimum")
def _maximum_minimum_grad(op, grad):
    x, y = op.inputs
    sx, sy = shape(x), shape(y)
    gdtype = grad.dtype.base_dtype
    gradshape = shape(grad)
    zeros = op1("Fill", _scoped("zeros"), [gradshape],
                lambda ins, _s: T.zeros(_engine.tojs(_ints(ins[0]))), gdtype, grad.shape)
    cmp = T.greaterEqual if op.type == "Maximum" else T.lessEqual
    xmask = binary("GreaterEqual" if op.type == "Maximum" else "LessEqual", cmp, x, y)
    rx, ry = broadcast_gradient_args(sx, sy)
    sel = lambda ins, _s: T.where(ins[0], ins[1], ins[2])  # noqa: E731
    xgrad = op1("Select", _scoped("Select"), [xmask, grad, zeros], sel, gdtype)
    ygrad = op1("Select", _scoped("Select"), [xmask, zeros, grad], sel, gdtype)
    return (reshape(reduce_sum(xgrad, rx), sx), reshape(reduce_sum(ygrad, ry), sy))


@register("SquaredDifference")
def _squared_difference_grad(op, grad):
    """`_SquaredDifferenceGrad`: `scalar_mul(2.0, grad) * (x - y)` (`scalar`, `Mul`, `sub`,
    `mul_1`), reduced by SmartBroadcastGradientArgs (nothing to reduce for equal, fully
    defined shapes)."""
    x, y = op.inputs
    x_grad = Mul(const(2.0, grad.dtype.base_dtype, "scalar"), grad)
    x_grad = mul(x_grad, sub(x, y))
    if _fully_equal(x, y, grad):
        return x_grad, neg(x_grad)
    (sx, rx, mx), (sy, ry, my) = _smart_broadcast_gradient_args(x, y, grad)
    gx = _reduce_to(x_grad, rx, sx) if mx else x_grad
    gy = neg(_reduce_to(x_grad, ry, sy)) if my else neg(x_grad)
    return gx, gy


# ---------------------------------------------------------------------------------------------
# nn_grad.py


@register("Relu")
def _relu_grad(op, grad):
    y = op.outputs[0]
    return grad_kernel("ReluGrad", [grad, y],
                       lambda ins, _s: T.mul(ins[0], T.cast(T.greater(ins[1], 0), "float32")),
                       y)


@register("Relu6")
def _relu6_grad(op, grad):
    x = op.inputs[0]

    def compute(ins, _s):
        inside = T.logicalAnd(T.greater(ins[1], 0), T.less(ins[1], 6))
        return T.mul(ins[0], T.cast(inside, "float32"))

    return grad_kernel("Relu6Grad", [grad, x], compute, x)


@register("Elu")
def _elu_grad(op, grad):
    y = op.outputs[0]

    def compute(ins, _s):
        return T.where(T.greater(ins[1], 0), ins[0], T.mul(ins[0], T.add(ins[1], 1)))

    return grad_kernel("EluGrad", [grad, y], compute, y)


@register("LeakyRelu")
def _leaky_relu_grad(op, grad):
    x = op.inputs[0]
    alpha = getattr(op, "_attrs", {}).get("alpha", 0.2)

    def compute(ins, _s):
        return T.where(T.greater(ins[1], 0), ins[0], T.mul(ins[0], alpha))

    return grad_kernel("LeakyReluGrad", [grad, x], compute, x)


@register("L2Loss")
def _l2_loss_grad(op, grad):
    return mul(op.inputs[0], grad)


@register("Softmax")
def _softmax_grad(op, grad):
    s = op.outputs[0]
    sum_channels = reduce_sum_axis(mul(grad, s), -1, keepdims=True)
    return mul(sub(grad, sum_channels), s)


@register("LogSoftmax")
def _log_softmax_grad(op, grad):
    s = unary("Exp", T.exp, op.outputs[0])
    return sub(grad, mul(reduce_sum_axis(grad, -1, keepdims=True), s))


@register("BiasAdd")
def _bias_add_grad(op, grad):
    b = op.inputs[1]

    def compute(ins, _s):
        g = ins[0]
        return T.sum(g, _engine.tojs(list(range(int(g.rank) - 1)))) if int(g.rank) > 1 else g

    return grad, grad_kernel("BiasAddGrad", [grad], compute, b)


def _broadcast_mul(vec, mat):
    return mul(expand_dims(vec, -1), mat)


def _is_zero(g):
    if g.op.type in ("ZerosLike", "Zeros"):
        return True
    v = getattr(g.op, "_const_value", None)
    return v is not None and not any(float(x) != 0 for x in v.dataSync())


@register("SoftmaxCrossEntropyWithLogits")
def _xent_grad(op, grad_loss, grad_grad):
    softmax_grad = op.outputs[1]
    grad = _broadcast_mul(grad_loss, softmax_grad)
    logits = op.inputs[0]
    if grad_grad is not None and not _is_zero(grad_grad):
        raise NotImplementedError(
            "Scope Lens's runtime does not differentiate through the second output of %s."
            % op.name)
    log_softmax = unary("LogSoftmax", T.logSoftmax, logits)
    return grad, _broadcast_mul(grad_loss, neg(log_softmax))


@register("SparseSoftmaxCrossEntropyWithLogits")
def _sparse_xent_grad(op, grad_0, _grad_1):
    b = op.outputs[1]
    prevented = op1("PreventGradient", _scoped("PreventGradient"), [b],
                    lambda ins, _s: ins[0], b.dtype, b.shape)
    return _broadcast_mul(grad_0, prevented), None


@register("Conv2D")
def _conv2d_grad(op, grad):
    x, w = op.inputs
    shape_0, shape_1 = shape_n([x, w])
    forward = op._compute
    dil = getattr(op, "_attrs", {}).get("dilations", [1, 1, 1, 1])

    def check():
        # TF 1.15's CPU kernels (conv_grad_input_ops.cc / conv_grad_filter_ops.cc,
        # `Conv2DCustomBackprop*Op`) refuse a dilated convolution's gradients.
        if list(dil[1:3]) != [1, 1]:
            from .errors import InvalidArgumentError

            raise InvalidArgumentError(None, None, "Current libxsmm and customized CPU "
                                       "implementations do not yet support dilation rates "
                                       "larger than 1.")

    def input_grad(ins, _s):
        check()
        zeros = T.zeros(_engine.tojs(_ints(ins[0])))
        return vjp(lambda vs: forward(vs, None), [zeros, ins[1]], ins[2], 0)

    def filter_grad(ins, _s):
        check()
        zeros = T.zeros(_engine.tojs(_ints(ins[1])))
        return vjp(lambda vs: forward(vs, None), [ins[0], zeros], ins[2], 1)

    gx = op1("Conv2DBackpropInput", _scoped("Conv2DBackpropInput"), [shape_0, w, grad],
             input_grad, x.dtype, x.shape)
    gw = op1("Conv2DBackpropFilter", _scoped("Conv2DBackpropFilter"), [x, shape_1, grad],
             filter_grad, w.dtype, w.shape)
    return gx, gw


def _max_pool_grad_fn(grad_type):
    """`_MaxPoolGrad` / `_MaxPool3DGrad` (nn_grad.py): `grad_type` of (input, output, grad)."""

    def fn(op, grad):
        x = op.inputs[0]
        forward = op._compute

        def compute(ins, _s):
            return vjp(lambda vs: forward(vs, None), [ins[0]], ins[2], 0)

        return op1(grad_type, _scoped(grad_type), [x, op.outputs[0], grad], compute, x.dtype,
                   x.shape)

    return fn


def _avg_pool_grad_fn(grad_type, kernel_name):
    """`_AvgPoolGrad` / `_AvgPool3DGrad` (nn_grad.py): `grad_type` of (the input's `Shape`,
    grad); `kernel_name` is the tfjs pool the padded forward uses."""

    def fn(op, grad):
        x = op.inputs[0]
        forward = op._compute
        s = shape(x)

        def compute(ins, _s):
            zeros = T.zeros(_engine.tojs(_ints(ins[0])))
            kernel = getattr(T, kernel_name)
            return vjp(_avg_pool_forward(op, forward, kernel), [zeros], ins[1], 0)

        return op1(grad_type, _scoped(grad_type), [s, grad], compute, x.dtype, x.shape)

    return fn


register("MaxPool")(_max_pool_grad_fn("MaxPoolGrad"))
register("AvgPool")(_avg_pool_grad_fn("AvgPoolGrad", "avgPool"))


def _avg_pool_forward(op, forward, kernel):
    """The average pool as a function whose TensorFlow.js gradient is TF's `AvgPoolGrad`: with
    SAME padding TF averages over the window's elements inside the input, which tfjs's forward
    does too but its gradient does not (it divides by the whole window). So SAME is computed as
    the VALID pool of the zero-padded input times the window size, over the count of real
    elements (the same pool of ones)."""
    attrs = getattr(op, "_attrs", None)
    if attrs is None or attrs["padding"] != "SAME":
        return lambda vs: forward(vs, None)
    k, st = attrs["ksize"][1:-1], attrs["strides"][1:-1]
    size = 1
    for v in k:
        size *= v

    def run(vs):
        x = vs[0]
        dims = [int(d) for d in x.shape]
        pads = [[0, 0]]
        for i, n in enumerate(dims[1:-1]):
            out = (n + st[i] - 1) // st[i]
            total = max((out - 1) * st[i] + k[i] - n, 0)
            pads.append([total // 2, total - total // 2])
        pads.append([0, 0])
        js_k, js_st, js_p = _engine.tojs(k), _engine.tojs(st), _engine.tojs(pads)
        sums = T.mul(kernel(T.pad(x, js_p), js_k, js_st, "valid"), size)
        counts = T.mul(kernel(T.pad(T.onesLike(x), js_p), js_k, js_st, "valid"), size)
        return T.div(sums, counts)

    return run


# ---------------------------------------------------------------------------------------------
# array_grad.py


@register("Identity", "Snapshot")
def _identity_grad(op, grad):
    return grad


@register("Reshape")
def _reshape_grad(op, grad):
    return [reshape(grad, shape(op.inputs[0])), None]


@register("ExpandDims", "Squeeze")
def _reshape_to_input_grad(op, grad):
    out = reshape(grad, shape(op.inputs[0]))
    return [out] + [None] * (len(op.inputs) - 1)


@register("StridedSlice")
def _strided_slice_grad(op, grad):
    if len(op.inputs) != 4 or "masks" not in getattr(op, "_attrs", {}):
        from ._gradients import _tape_grad

        return _tape_grad(op, grad)
    x = op.inputs[0]
    s = shape(x)
    forward = op._compute

    def compute(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[0])))
        return vjp(lambda vs: forward(vs + list(ins[1:4]), None), [zeros], ins[4], 0)

    out = op1("StridedSliceGrad", _scoped("StridedSliceGrad"),
              [s, op.inputs[1], op.inputs[2], op.inputs[3], grad], compute, grad.dtype, x.shape)
    return out, None, None, None


@register("Select")
def _select_grad(op, grad):
    c, x = op.inputs[0], op.inputs[1]
    zeros = zeros_like(x)
    sel = lambda ins, _s: _ops().select_kernel(ins[0], ins[1], ins[2])  # noqa: E731
    return (None, op1("Select", _scoped("Select"), [c, grad, zeros], sel, grad.dtype),
            op1("Select", _scoped("Select"), [c, zeros, grad], sel, grad.dtype))


# ---------------------------------------------------------------------------------------------
# Array and matrix gradients (1.15's array_grad.py, math_grad.py, nn_grad.py)


def _fallback(op, *grads):
    from ._gradients import _tape_grad

    return _tape_grad(op, *grads)


def _slice_t(x, begin, size_, like=None):
    """`array_ops.slice(x, begin, size)` with tensors or lists (`Slice/begin`, `Slice/size`)."""
    scope = _scoped("Slice")
    with get_default_graph().name_scope(scope):
        b = to_int_tensor(begin, "begin")
        z = to_int_tensor(size_, "size")

    def compute(ins, _s):
        return T.slice(ins[0], _engine.tojs(_ints(ins[1])), _engine.tojs(_ints(ins[2])))

    out = op1("Slice", scope, [x, b, z], compute, x.dtype, None if like is None else like.shape)
    out.op._begin_size = True
    return out


def _pack_list(values, name="stack"):
    """`array_ops.stack(values)` of a list holding tensors (TF's autopacking: `stack/1` for a
    number, op `stack`)."""
    return to_int_tensor(list(values), name)


def _range(start, limit, delta):
    """`math_ops.range(start, limit, delta)` of a tensor limit: `range/start`, `range/delta`."""
    scope = _scoped("range")
    with get_default_graph().name_scope(scope):
        s = const(start, _dtypes.int32, "start")
        d = const(delta, _dtypes.int32, "delta")
    return op1("Range", scope, [s, limit, d],
               lambda ins, _s: T.range(_ints(ins[0])[0], _ints(ins[1])[0], _ints(ins[2])[0],
                                       "int32"), _dtypes.int32, [None])


def _concat_t(values, axis, like=None):
    """`array_ops.concat(values, axis)` with `axis` a tensor (op `concat`, no Const)."""
    def compute(ins, _s):
        return T.concat(_engine.tojs(list(ins[:-1])), _ints(ins[-1])[0])

    return op1("ConcatV2", _scoped("concat"), list(values) + [axis], compute, values[0].dtype,
               None if like is None else like.shape)


@register("Transpose")
def _transpose_grad(op, grad):
    """`_TransposeGrad`: transpose(grad, invert_permutation(perm))."""
    if len(op.inputs) != 2:
        return _fallback(op, grad)
    p = op.inputs[1]

    def invert(ins, _s):
        perm = _ints(ins[0])
        inv = [0] * len(perm)
        for i, v in enumerate(perm):
            inv[v] = i
        return T.tensor1d(_engine.tojs(inv), "int32")

    inv = op1("InvertPermutation", _scoped("InvertPermutation"), [p], invert, _dtypes.int32,
              p.shape)
    return [_ops().transpose(grad, inv), None]


@register("Pack")
def _pack_grad(op, grad):
    """`_PackGrad`: unstack(grad, num=N, axis=axis)."""
    from ._more_ops import unstack

    axis = getattr(op, "_attrs", {}).get("axis")
    if axis is None:
        return _fallback(op, grad)
    return unstack(grad, num=len(op.inputs), axis=axis)


@register("Unpack")
def _unpack_grad(op, *grads):
    """`_UnpackGrad`: stack(grads, axis=axis)."""
    axis = getattr(op, "_attrs", {}).get("axis")
    if axis is None:
        return _fallback(op, *grads)
    return _ops().stack(list(grads), axis=axis)


@register("ConcatV2")
def _concat_grad(op, grad):
    """`_ConcatGradHelper` for a Tensor gradient and at most 16 values: `mod` of the axis by
    the first value's rank, the values' shapes (Consts while they are fully defined, else
    `ShapeN`), `ConcatOffset` and a `Slice` per value."""
    values = op.inputs[:-1]
    if len(values) < 2 or len(values) > 16:
        return _fallback(op, grad)
    concat_dim = op.inputs[-1]
    non_neg = binary("FloorMod", T.mod, concat_dim, rank(values[0]), default="mod")
    sizes = []
    for v in values:
        s = shape(v)
        if s.op.type != "Const":
            sizes = None
            break
        sizes.append(s)
    if sizes is None:
        sizes = shape_n(values)

    def offsets(ins, _s):
        axis = _ints(ins[0])[0]
        at, out = 0, []
        for t in ins[1:]:
            dims = _ints(t)
            o = [0] * len(dims)
            o[axis] = at
            at += dims[axis]
            out.append(T.tensor1d(_engine.tojs(o), "int32"))
        return out

    n = values[0].shape.dims
    offs = op_n("ConcatOffset", None, [non_neg] + list(sizes), offsets,
                [(_dtypes.int32, [None] if n is None else [len(n)])] * len(values))
    return [_slice_t(grad, b, z, v) for b, z, v in zip(offs, sizes, values)] + [None]


@register("Split")
def _split_grad(op, *grads):
    """`_SplitGrad`: concat(grads, split_dim)."""
    if len(op.inputs) != 2:
        return _fallback(op, *grads)
    return None, _concat_t(list(grads), op.inputs[0], op.inputs[1])


@register("SplitV")
def _split_v_grad(op, *grads):
    """`_SplitVGrad`: concat(grads, split_dim)."""
    if len(op.inputs) != 3:
        return _fallback(op, *grads)
    return [_concat_t(list(grads), op.inputs[2], op.inputs[0]), None, None]


@register("Tile")
def _tile_grad(op, grad):
    """`_TileGrad`: grad reshaped to the interleaved (multiple, dimension) shape and summed
    over the even axes."""
    if len(op.inputs) != 2:
        return _fallback(op, grad)
    x, multiples = op.inputs
    input_shape = shape(x)
    k = None if x.shape.dims is None else len(x.shape)
    packed = op1("Pack", _scoped("stack"), [multiples, input_shape],
                 lambda ins, _s: T.stack(_engine.tojs(list(ins))), _dtypes.int32,
                 [2, k])
    split_shape = reshape(_ops().transpose(packed), [-1])
    if k is not None:
        split_shape.set_shape([2 * k])
    axes = _range(0, size(split_shape), 2)
    return [reduce_sum(reshape(grad, split_shape), axes), None]


def _pad(x, paddings, like):
    def compute(ins, _s):
        rows = _ints(ins[1])
        return T.pad(ins[0], _engine.tojs([rows[i:i + 2] for i in range(0, len(rows), 2)]))

    return op1("Pad", _scoped("Pad"), [x, paddings], compute, x.dtype, like.shape)


@register("Pad", "PadV2")
def _pad_grad(op, grad):
    """`_PadGrad`: the input's part of grad, sliced at the paddings' first column."""
    x, a = op.inputs[0], op.inputs[1]
    pad_before = _slice_t(a, [0, 0], _pack_list([rank(x), 1]))
    begin = reshape(pad_before, [-1])
    x_grad = _slice_t(grad, begin, shape(x), x)
    return (x_grad, None) if len(op.inputs) == 2 else (x_grad, None, None)


@register("Slice")
def _slice_grad(op, grad):
    """`_SliceGrad`: grad padded back to the input's shape."""
    if not getattr(op, "_begin_size", False):
        # A slice whose begin/size hold tensors has them as separate inputs here.
        return _fallback(op, grad)
    input_vec, begin_vec = op.inputs[0], op.inputs[1]
    input_rank = rank(input_vec)
    slice_size = shape(op.outputs[0])
    shp = _pack_list([input_rank, 1])
    before_pad = reshape(begin_vec, shp)
    after_pad = reshape(sub(sub(shape(input_vec), slice_size), begin_vec), shp)
    paddings = concat([before_pad, after_pad], 1)
    return _pad(grad, paddings, input_vec), None, None


@register("Max", "Min")
def _min_or_max_grad(op, grad):
    """`_MinOrMaxGrad`: grad spread over the selected elements, divided among ties."""
    x = op.inputs[0]
    kept = _reduced_shape(shape(x), op.inputs[1])
    y = reshape(op.outputs[0], kept)
    grad = reshape(grad, kept)
    equal = op1("Equal", _scoped("Equal"), [y, x], lambda ins, _s: T.equal(ins[0], ins[1]),
                _dtypes.bool, x.shape)
    indicators = _ops().cast(equal, grad.dtype)
    num_selected = reshape(reduce_sum(indicators, op.inputs[1]), kept)
    return [mul(truediv(indicators, num_selected), grad), None]


@register("BatchMatMulV2")
def _batch_matmul_v2_grad(op, grad):
    """`_BatchMatMulV2`: the two products, then (unless both shapes are fully defined and
    equal) each summed over its broadcast batch dimensions."""
    attrs = getattr(op, "_attrs", {})
    adj_x, adj_y = attrs.get("transpose_a", False), attrs.get("transpose_b", False)
    x, y = op.inputs
    m = _ops().matmul
    if not adj_x:
        if not adj_y:
            grad_x = m(grad, y, adjoint_a=False, adjoint_b=True)
            grad_y = m(x, grad, adjoint_a=True, adjoint_b=False)
        else:
            grad_x = m(grad, y, adjoint_a=False, adjoint_b=False)
            grad_y = m(grad, x, adjoint_a=True, adjoint_b=False)
    else:
        if not adj_y:
            grad_x = m(y, grad, adjoint_a=False, adjoint_b=True)
            grad_y = m(x, grad, adjoint_a=False, adjoint_b=False)
        else:
            grad_x = m(y, grad, adjoint_a=True, adjoint_b=True)
            grad_y = m(grad, x, adjoint_a=True, adjoint_b=True)
    sxs, sys_ = x.shape, y.shape
    if not (sxs.is_fully_defined() and sys_.is_fully_defined() and
            sxs.as_list() == sys_.as_list()):
        sx = shape(x)
        sy = shape(y)
        rx, ry = broadcast_gradient_args(_ops().slice_helper(sx, slice(None, -2)),
                                         _ops().slice_helper(sy, slice(None, -2)))
        grad_x = reshape(reduce_sum(grad_x, rx), sx)
        grad_y = reshape(reduce_sum(grad_y, ry), sy)
    return grad_x, grad_y


_SELU_SCALE = 1.0507009873554804934193349852946
_SELU_ALPHA = 1.6732632423543772848170429916717


@register("Selu")
def _selu_grad(op, grad):
    """`_SeluGrad` (nn_grad.py): SeluGrad(grad, outputs)."""
    y = op.outputs[0]

    def compute(ins, _s):
        g, out = ins[0], ins[1]
        return T.where(T.less(out, 0), T.mul(g, T.add(out, _SELU_SCALE * _SELU_ALPHA)),
                       T.mul(g, _SELU_SCALE))

    return grad_kernel("SeluGrad", [grad, y], compute, y)


# ---------------------------------------------------------------------------------------------
# Pow, Prod, Cumsum, MirrorPad and the element-wise ops of math_grad.py / nn_grad.py (1.15).
# TF 1.15's forward-compatibility horizon (compat.py, 2019-08-06) is before the 2019-09-14 of
# `compat.forward_compatible(2019, 9, 14)`, so 1.15 builds the branches without
# `mul_no_nan`/`xdivy`.


@register("Pow")
def _pow_grad(op, grad):
    """`_PowGrad`: SmartBroadcastGradientArgs first, then grad * y * pow(x, y - 1) and
    grad * z * log_x, log_x = where(x > 0, log(where(x > 0, x, ones_like(x))), zeros_like(x)),
    each reduced when its shape differs from grad's."""
    ops = _ops()
    x, y = op.inputs
    (sx, rx, mx), (sy, ry, my) = _smart_broadcast_gradient_args(x, y, grad)
    gx = mul(mul(grad, y), binary("Pow", T.pow, x, sub(y, 1), default="Pow"))
    if mx:
        gx = _reduce_to(gx, rx, sx)
    z = op.outputs[0]
    scope = _scoped("Greater")
    with get_default_graph().name_scope(scope):
        zero = const(0, x.dtype.base_dtype, "y")
    mask = op1("Greater", scope, [x, zero], lambda ins, _s: T.greater(ins[0], ins[1]),
               _dtypes.bool, x.shape)
    safe_x = ops.where(mask, x, ops.ones_like_impl(x))
    log_x = ops.where(mask, unary("Log", T.log, safe_x), ops.zeros_like_impl(x))
    gy = mul(mul(grad, z), log_x)
    if my:
        gy = _reduce_to(gy, ry, sy)
    return gx, gy


def _const_ints(t):
    """The values of a Const tensor (None for any other op)."""
    known = getattr(t.op, "_const_value", None)
    if known is None:
        return None
    return [int(v) for v in known.dataSync()]


def _cumprod(x, exclusive, reverse):
    """`math_ops.cumprod(x, axis=0, ...)`: `Cumprod/axis` and op Cumprod."""
    scope = _scoped("Cumprod")
    with get_default_graph().name_scope(scope):
        axis = const(0, _dtypes.int32, "axis")
    return op1("Cumprod", scope, [x, axis],
               lambda ins, _s: T.cumprod(ins[0], _ints(ins[1])[0], exclusive, reverse),
               x.dtype, x.shape)


@register("Prod")
def _prod_grad(op, grad):
    """`_ProdGrad` (1.15): grad reshaped to the kept-dims shape (`reduced_shape` built as ops)
    and tiled; the input transposed so the reduced axes come first (`ListDiff` for the
    others) and flattened to two dimensions; the exclusive cumulative products from both ends
    multiplied, transposed back and reshaped."""
    ops = _ops()
    x, axes_in = op.inputs
    input_shape = shape(x)
    reduction_indices = reshape(axes_in, [-1])
    kept = _reduced_shape(input_shape, axes_in)
    tile_scaling = _safe_shape_div(input_shape, kept)
    grad = tile(reshape(grad, kept), tile_scaling)
    rnk = rank(x)
    reduced = binary("FloorMod", T.mod, add(reduction_indices, rnk), rnk, default="mod")
    idx = _range(0, rnk, 1)

    def list_diff(ins, _s):
        drop = set(_ints(ins[1]))
        keep = [(i, v) for i, v in enumerate(_ints(ins[0])) if v not in drop]
        return [T.tensor1d(_engine.tojs([v for _i, v in keep]), "int32"),
                T.tensor1d(_engine.tojs([i for i, _v in keep]), "int32")]

    other = op_n("ListDiff", _scoped("ListDiff"), [idx, reduced], list_diff,
                 [(_dtypes.int32, [None]), (_dtypes.int32, [None])])[0]
    perm = concat([reduced, other], 0)
    reduced_num = ops.reduce_prod(ops.gather(input_shape, reduced))
    other_num = ops.reduce_prod(ops.gather(input_shape, other))
    # The static shape TF's shape inference gives the transposed input (its permutation is
    # evaluated from the constant axes).
    xs = _shape_tuple(x)
    axes = _const_ints(axes_in)
    static = None
    if xs is not None and axes is not None:
        r = len(xs)
        first = [(a + r) % r for a in axes]
        order = first + [i for i in range(r) if i not in first]
        static = [xs[i] for i in order]
    permuted = op1("Transpose", _scoped("transpose"), [x, perm],
                   lambda ins, _s: T.transpose(ins[0], _engine.tojs(_ints(ins[1]))), x.dtype,
                   static)
    permuted_shape = shape(permuted)
    reshaped = reshape(permuted, (reduced_num, other_num))
    left = _cumprod(reshaped, True, False)
    right = _cumprod(reshaped, True, True)
    y = reshape(mul(left, right), permuted_shape)

    def invert(ins, _s):
        p = _ints(ins[0])
        inv = [0] * len(p)
        for i, v in enumerate(p):
            inv[v] = i
        return T.tensor1d(_engine.tojs(inv), "int32")

    inv = op1("InvertPermutation", _scoped("InvertPermutation"), [perm], invert,
              _dtypes.int32, [None])
    back = op1("Transpose", _scoped("transpose"), [y, inv],
               lambda ins, _s: T.transpose(ins[0], _engine.tojs(_ints(ins[1]))), y.dtype,
               x.shape)
    return reshape(mul(grad, back), input_shape), None


@register("Cumsum")
def _cumsum_grad(op, grad):
    """`_CumsumGrad`: cumsum(grad, axis, exclusive, reverse=not reverse)."""
    if len(op.inputs) != 2:
        return _fallback(op, grad)
    attrs = getattr(op, "_attrs", {})
    exclusive = bool(attrs.get("exclusive", False))
    reverse = not attrs.get("reverse", False)
    out = op1("Cumsum", _scoped("Cumsum"), [grad, op.inputs[1]],
              lambda ins, _s: T.cumsum(ins[0], _ints(ins[1])[0], exclusive, reverse),
              grad.dtype, grad.shape)
    out.op._attrs = {"exclusive": exclusive, "reverse": reverse}
    return [out, None]


@register("MirrorPad")
def _mirror_pad_grad(op, grad):
    """`_MirrorPadGrad` (array_grad.py): MirrorPadGrad(grad, paddings, mode). The kernel folds
    each padded border back onto the elements it mirrors (REFLECT leaves out the edge,
    SYMMETRIC includes it), one axis after another."""
    mode = str(getattr(op, "_attrs", {}).get("mode", "REFLECT")).upper()
    off = 1 if mode == "REFLECT" else 0

    def compute(ins, _s):
        g = ins[0]
        rows = [[int(v) for v in r] for r in ins[1].arraySync()]
        rank_ = len(rows)
        for d, (a, b) in enumerate(rows):
            dims = [int(v) for v in g.shape]
            n = dims[d] - a - b

            def part(start, size, g=g, dims=dims, d=d):
                begin = [0] * rank_
                begin[d] = start
                sizes = list(dims)
                sizes[d] = size
                return T.slice(g, _engine.tojs(begin), _engine.tojs(sizes))

            out = part(a, n)
            for size, start, lead in ((a, 0, off), (b, a + n, n - off - b)):
                if size > 0:
                    pads = [[0, 0] for _ in range(rank_)]
                    pads[d] = [lead, n - lead - size]
                    folded = T.reverse(part(start, size), _engine.tojs([d]))
                    out = T.add(out, T.pad(folded, _engine.tojs(pads)))
            g = out
        return g

    return [grad_kernel("MirrorPadGrad", [grad, op.inputs[1]], compute, op.inputs[0]), None]


def _unary_chain(x, *steps):
    """x through the one-input ops `steps` ((op type, tfjs function), ...)."""
    for op_type, fn in steps:
        x = unary(op_type, fn, x)
    return x


@register("Sin")
def _sin_grad(op, grad):
    """`_SinGrad`: grad * cos(x)."""
    return mul(grad, unary("Cos", T.cos, op.inputs[0]))


@register("Cos")
def _cos_grad(op, grad):
    """`_CosGrad`: -grad * sin(x)."""
    return mul(neg(grad), unary("Sin", T.sin, op.inputs[0]))


@register("Tan")
def _tan_grad(op, grad):
    """`_TanGrad`: square(reciprocal(cos(x))) * grad."""
    secx2 = _unary_chain(op.inputs[0], ("Cos", T.cos), ("Reciprocal", T.reciprocal),
                         ("Square", T.square))
    return mul(secx2, grad)


def _one_minus_square_sqrt(x, grad):
    """`sqrt(subtract(constant(1), square(x)))` of `_AsinGrad`/`_AcosGrad`."""
    x2 = unary("Square", T.square, x)
    one = const(1, grad.dtype.base_dtype)
    return unary("Sqrt", T.sqrt, binary("Sub", T.sub, one, x2, default="Sub"))


@register("Asin")
def _asin_grad(op, grad):
    """`_AsinGrad`: grad * reciprocal(sqrt(1 - x^2))."""
    den = _one_minus_square_sqrt(op.inputs[0], grad)
    return mul(grad, unary("Reciprocal", T.reciprocal, den))


@register("Acos")
def _acos_grad(op, grad):
    """`_AcosGrad`: -grad * reciprocal(sqrt(1 - x^2))."""
    den = _one_minus_square_sqrt(op.inputs[0], grad)
    inv = unary("Reciprocal", T.reciprocal, den)
    return mul(neg(grad), inv)


@register("Atan")
def _atan_grad(op, grad):
    """`_AtanGrad`: grad * reciprocal(1 + x^2) (`math_ops.add`: op AddV2 named Add)."""
    x2 = unary("Square", T.square, op.inputs[0])
    one = const(1, grad.dtype.base_dtype)
    inv = unary("Reciprocal", T.reciprocal, binary("AddV2", T.add, one, x2, default="Add"))
    return mul(grad, inv)


@register("Sinh")
def _sinh_grad(op, grad):
    """`_SinhGrad`: grad * cosh(x)."""
    return mul(grad, unary("Cosh", T.cosh, op.inputs[0]))


@register("Cosh")
def _cosh_grad(op, grad):
    """`_CoshGrad`: grad * sinh(x)."""
    return mul(grad, unary("Sinh", T.sinh, op.inputs[0]))


@register("Reciprocal")
def _reciprocal_grad(op, grad):
    """`_ReciprocalGrad`: ReciprocalGrad(y, grad) = -grad * y^2."""
    y = op.outputs[0]
    return grad_kernel("ReciprocalGrad", [y, grad],
                       lambda ins, _s: T.neg(T.mul(ins[1], T.square(ins[0]))), y)


@register("Expm1")
def _expm1_grad(op, grad):
    """`_Expm1Grad`: grad * exp(x)."""
    return mul(grad, unary("Exp", T.exp, op.inputs[0]))


@register("Erf")
def _erf_grad(op, grad):
    """`_ErfGrad`: grad * (2 / sqrt(pi)) * exp(-square(x))."""
    two_over_root_pi = const(2 / 1.7724538509055159, grad.dtype.base_dtype)
    scaled = mul(grad, two_over_root_pi)
    e = _unary_chain(op.inputs[0], ("Square", T.square), ("Neg", T.neg), ("Exp", T.exp))
    return mul(scaled, e)


@register("Softplus")
def _softplus_grad(op, grad):
    """`_SoftplusGrad` (nn_grad.py): SoftplusGrad(grad, x) = grad * sigmoid(x)."""
    x = op.inputs[0]
    return grad_kernel("SoftplusGrad", [grad, x],
                       lambda ins, _s: T.mul(ins[0], T.sigmoid(ins[1])), x)


@register("Softsign")
def _softsign_grad(op, grad):
    """`_SoftsignGrad` (nn_grad.py): SoftsignGrad(grad, x) = grad / (1 + |x|)^2."""
    x = op.inputs[0]
    return grad_kernel("SoftsignGrad", [grad, x],
                       lambda ins, _s: T.div(ins[0], T.square(T.add(T.abs(ins[1]), 1))), x)


@register("Conv2DBackpropInput")
def _conv2d_backprop_input_grad(op, grad):
    """`_Conv2DBackpropInputGrad` (nn_grad.py): None for the sizes, `Conv2DBackpropFilter` of
    (grad, the filter's `Shape`, the op's input) and `Conv2D` of (grad, filter), with the op's
    strides and padding."""
    _sizes, w, x = op.inputs
    attrs = op._attrs
    st, pad_ = attrs["strides"], attrs["padding"]
    w_shape = shape(w)

    def filter_grad(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[1])))
        return vjp(lambda vs: T.conv2d(vs[0], vs[1], _engine.tojs([st[1], st[2]]),
                                       pad_.lower()),
                   [ins[0], zeros], ins[2], 1)

    gw = op1("Conv2DBackpropFilter", _scoped("Conv2DBackpropFilter"), [grad, w_shape, x],
             filter_grad, w.dtype, w.shape)
    gx = _ops().conv2d(grad, w, strides=st, padding=pad_)
    return None, gw, gx


@register("DepthwiseConv2dNative")
def _depthwise_conv2d_native_grad(op, grad):
    """`_DepthwiseConv2dNativeGrad` (nn_grad.py): `DepthwiseConv2dNativeBackpropInput` of (the
    input's `Shape`, filter, grad), then `DepthwiseConv2dNativeBackpropFilter` of (input, the
    filter's `Shape`, grad); values are TensorFlow.js's gradients of the forward kernel."""
    x, w = op.inputs
    forward = op._compute

    def input_grad(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[0])))
        return vjp(lambda vs: forward(vs, None), [zeros, ins[1]], ins[2], 0)

    def filter_grad(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[1])))
        return vjp(lambda vs: forward(vs, None), [ins[0], zeros], ins[2], 1)

    gx = op1("DepthwiseConv2dNativeBackpropInput",
             _scoped("DepthwiseConv2dNativeBackpropInput"), [shape(x), w, grad], input_grad,
             x.dtype, x.shape)
    gw = op1("DepthwiseConv2dNativeBackpropFilter",
             _scoped("DepthwiseConv2dNativeBackpropFilter"), [x, shape(w), grad], filter_grad,
             w.dtype, w.shape)
    return gx, gw


@register("ReverseV2")
def _reverse_v2_grad(op, grad):
    """`_ReverseV2Grad` (array_grad.py): reverse_v2(grad, axis)."""
    if len(op.inputs) != 2:
        return _fallback(op, grad)
    out = op1("ReverseV2", _scoped("ReverseV2"), [grad, op.inputs[1]],
              lambda ins, _s: T.reverse(ins[0], _engine.tojs(_ints(ins[1]))), grad.dtype,
              grad.shape)
    return [out, None]


@register("Rint")
def _rint_grad(op, grad):
    """`_RintGrad`: the gradient of Rint is zero (None)."""
    return [None]


@register("ReverseSequence")
def _reverse_sequence_grad(op, grad):
    """`_ReverseSequenceGrad` (array_grad.py): `ReverseSequence` of grad with the op's
    lengths and axes; None for the lengths."""
    from ._more_ops import reverse_sequence

    return reverse_sequence(grad, op.inputs[1], seq_axis=op._attrs["seq_dim"],
                            batch_axis=op._attrs["batch_dim"]), None


@register("Conv3D")
def _conv3d_grad(op, grad):
    """`_Conv3DGrad` (nn_grad.py): `Conv3DBackpropInputV2` of (the input's `Shape`, filter,
    grad) and `Conv3DBackpropFilterV2` of (input, the filter's `Shape`, grad)."""
    x, w = op.inputs
    forward = op._compute

    def input_grad(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[0])))
        return vjp(lambda vs: forward(vs, None), [zeros, ins[1]], ins[2], 0)

    def filter_grad(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[1])))
        return vjp(lambda vs: forward(vs, None), [ins[0], zeros], ins[2], 1)

    gx = op1("Conv3DBackpropInputV2", _scoped("Conv3DBackpropInputV2"), [shape(x), w, grad],
             input_grad, x.dtype, x.shape)
    gw = op1("Conv3DBackpropFilterV2", _scoped("Conv3DBackpropFilterV2"), [x, shape(w), grad],
             filter_grad, w.dtype, w.shape)
    return gx, gw


register("MaxPool3D")(_max_pool_grad_fn("MaxPool3DGrad"))
register("AvgPool3D")(_avg_pool_grad_fn("AvgPool3DGrad", "avgPool3d"))


@register("Conv3DBackpropInputV2")
def _conv3d_backprop_input_grad(op, grad):
    """`_Conv3DBackpropInputGrad` (nn_grad.py): None for the sizes, `Conv3DBackpropFilterV2` of
    (grad, the filter's `Shape`, the op's input) and `Conv3D` of (grad, filter)."""
    from ._more_ops import conv3d

    _sizes, w, x = op.inputs
    st, pad_ = op._attrs["strides"], op._attrs["padding"]
    w_shape = shape(w)

    def filter_grad(ins, _s):
        zeros = T.zeros(_engine.tojs(_ints(ins[1])))
        return vjp(lambda vs: T.conv3d(vs[0], vs[1], _engine.tojs(st[1:4]), pad_.lower()),
                   [ins[0], zeros], ins[2], 1)

    gw = op1("Conv3DBackpropFilterV2", _scoped("Conv3DBackpropFilterV2"), [grad, w_shape, x],
             filter_grad, w.dtype, w.shape)
    gx = conv3d(grad, w, strides=st, padding=pad_)
    return None, gw, gx


# ---------------------------------------------------------------------------------------------
# TopKV2, ScatterNd, GatherNd (nn_grad.py, array_grad.py in 1.15), built from the public ops as
# TF writes them, so every op has TF's name.


@register("TopKV2")
def _top_k_grad(op, grad, _indices_grad=None):
    """nn_grad.py `_TopKGrad`: the gradient scattered (`ScatterNd`) to the flattened positions
    of the indices (each row's offset from `range` over the rows), reshaped to the input's
    shape; the `k` input gets a zero."""
    ops = _ops()
    from . import _more_ops as mo

    in_shape = shape(op.inputs[0])
    ind_shape = shape(op.outputs[1])
    ind_lastdim = ops.gather(ops.cast(ind_shape, _dtypes.int64), size(ind_shape) - 1)
    ind_2d = ops.reshape(op.outputs[1], ops.stack([-1, ind_lastdim]))
    in_lastdim = ops.gather(ops.cast(in_shape, _dtypes.int64), size(in_shape) - 1)
    outerdim = shape(ind_2d)[0]
    ind = ops.reshape(
        ind_2d + ops.cast(mo.expand_dims(
            ops.range_(0, ops.cast(outerdim, _dtypes.int64) * in_lastdim, in_lastdim), -1),
            _dtypes.int32), [-1])
    return [ops.reshape(mo.scatter_nd(mo.expand_dims(ind, -1), ops.reshape(grad, [-1]),
                                      [ops.reduce_prod(in_shape)]), in_shape),
            ops.zeros([], dtype=_dtypes.int32)]


@register("ScatterNd")
def _scatter_nd_grad(op, grad):
    """array_grad.py `_ScatterNdGrad`: the updates' gradient gathered at the indices."""
    from . import _more_ops as mo

    return [None, mo.gather_nd(grad, op.inputs[0]), None]


@register("GatherNd")
def _gather_nd_grad(op, grad):
    """array_grad.py `_GatherNdGrad`: the gradient scattered back into the params' shape (an
    `IndexedSlices` when the indices are [n, 1])."""
    from . import _more_ops as mo
    from ._indexed_slices import IndexedSlices

    ops = _ops()
    ref, indices = op.inputs[0], op.inputs[1]
    ref_shape = ops.shape(ref, out_type=indices.dtype)
    if (indices.shape.dims is not None and len(indices.shape) == 2
            and indices.shape[-1].value == 1):
        ref_grad = IndexedSlices(grad, mo.squeeze(indices, axis=[-1]), ref_shape)
    else:
        ref_grad = mo.scatter_nd(indices, grad, ref_shape)
    return [ref_grad, None]


# image_grad.py and nn_grad.py (1.15): the resize ops' and LRN's gradient kernels, each one op
# computing TensorFlow.js's gradient of the forward kernel.


@register("ResizeBilinear")
def _resize_bilinear_grad(op, grad):
    """`_ResizeBilinearGrad`: `ResizeBilinearGrad` of (grad, the original images)."""
    forward = op._compute

    def compute(ins, _s):
        size = T.tensor1d(_engine.tojs([int(d) for d in ins[0].shape[1:3]]), "int32")
        return vjp(lambda vs: forward([vs[0], size], None), [T.cast(ins[1], "float32")],
                   ins[0], 0)

    x = op.inputs[0]
    out = op1("ResizeBilinearGrad", _scoped("ResizeBilinearGrad"), [grad, x], compute,
              x.dtype, x.shape)
    return [out, None]


@register("ResizeNearestNeighbor")
def _resize_nearest_neighbor_grad(op, grad):
    """`_ResizeNearestNeighborGrad`: `ResizeNearestNeighborGrad` of (grad, the images' height
    and width: `ResizeNearestNeighborGrad/size` when known statically, else sliced from their
    `Shape`)."""
    ops = _ops()
    x = op.inputs[0]
    scope = _scoped("ResizeNearestNeighborGrad")
    known = x.shape.dims is not None and all(d.value is not None for d in x.shape.dims[1:3])
    if known:
        with get_default_graph().name_scope(scope):
            size = const([x.shape[1].value, x.shape[2].value], _dtypes.int32, "size")
    else:
        size = ops.shape(x)[1:3]
    forward = op._compute

    def compute(ins, _s):
        dims = _ints(ins[1])
        zeros = T.zeros(_engine.tojs([int(ins[0].shape[0]), dims[0], dims[1],
                                      int(ins[0].shape[3])]))
        size_t = T.tensor1d(_engine.tojs([int(d) for d in ins[0].shape[1:3]]), "int32")
        return vjp(lambda vs: forward([vs[0], size_t], None), [zeros], ins[0], 0)

    static = None
    if x.shape.dims is not None:
        static = x.shape
    out = op1("ResizeNearestNeighborGrad", scope, [grad, size], compute, x.dtype, static)
    return [out, None]


@register("LRN")
def _lrn_grad(op, grad):
    """`_LRNGrad`: `LRNGrad` of (grad, the input, the output) with the op's attributes."""
    forward = op._compute
    x = op.inputs[0]

    def compute(ins, _s):
        return vjp(lambda vs: forward(vs, None), [ins[1]], ins[0], 0)

    return [op1("LRNGrad", _scoped("LRNGrad"), [grad, x, op.outputs[0]], compute, x.dtype,
                x.shape)]


@register("SpaceToBatchND")
def _space_to_batch_nd_grad(op, grad):
    """array_grad.py `_SpaceToBatchNDGrad`: the opposite op, `BatchToSpaceND`."""
    from . import _more_ops as mo

    return [mo.batch_to_space_nd(grad, op.inputs[1], op.inputs[2]), None, None]


@register("BatchToSpaceND")
def _batch_to_space_nd_grad(op, grad):
    """array_grad.py `_BatchToSpaceNDGrad`: the opposite op, `SpaceToBatchND`."""
    from . import _more_ops as mo

    return [mo.space_to_batch_nd(grad, op.inputs[1], op.inputs[2]), None, None]


@register("DivNoNan")
def _div_no_nan_grad(op, grad):
    """math_grad.py `_DivNoNanGrad`: `_RealDivGrad`'s form with `div_no_nan` for each
    division (a zero divisor gives a zero gradient)."""
    from ._losses import _div_no_nan

    x, y = op.inputs
    sx, sy, rx, ry = _broadcast_reduce(x, y)
    gx = reshape(reduce_sum(_div_no_nan(grad, y, None), rx), sx)
    gy = reshape(reduce_sum(mul(grad, _div_no_nan(_div_no_nan(neg(x), y, None), y, None)), ry),
                 sy)
    return gx, gy


@register("FusedBatchNormV3")
def _fused_batch_norm_v3_grad(op, *grad):
    """nn_grad.py (1.15) `_BaseFusedBatchNormGrad` (version 2): in training one
    `FusedBatchNormGradV3` on the op's x, scale and reserve spaces, its five outputs the
    gradients of the five inputs; in inference the population mean and variance instead, an
    NCHW x and gradient transposed to NHWC first (`transpose`, `transpose_1`) and x's gradient
    back (`transpose_2`), and no gradient for the mean and variance."""
    from . import _more_ops

    x = op.inputs[0]
    grad_y = grad[0]
    scale = op.inputs[1]
    attrs = op._fbn_attrs
    epsilon = attrs["epsilon"]
    data_format = attrs["data_format"]
    is_training = attrs["is_training"]
    if is_training:
        return _more_ops.fused_batch_norm_grad_v3(
            grad_y, x, scale, op.outputs[3], op.outputs[4], op.outputs[5], epsilon,
            data_format, is_training)
    pop_mean = op.inputs[3]
    pop_var = op.inputs[4]
    if data_format == "NCHW":
        x = _ops().transpose(x, [0, 2, 3, 1])
        grad_y = _ops().transpose(grad_y, [0, 2, 3, 1])
    dx, dscale, doffset, _, _ = _more_ops.fused_batch_norm_grad_v3(
        grad_y, x, scale, pop_mean, pop_var, op.outputs[5], epsilon, "NHWC", is_training)
    if data_format == "NCHW":
        dx = _ops().transpose(dx, [0, 3, 1, 2])
    return dx, dscale, doffset, None, None
