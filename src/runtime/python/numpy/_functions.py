"""NumPy's functions over the arrays of ``_ndarray``: construction, ufuncs, reductions,
joining, linear algebra and comparison, with NumPy 1.x's dtypes and results.

Element-wise math on float32 is computed in double precision and rounded to float32 (NumPy's
own float32 kernels are within an ULP or two of that); float64 uses the platform's ``libm``
through Python's ``math``. Matrix products accumulate in order, as BLAS does for small
operands only approximately: the last digits of large float products may differ.
"""

import builtins as _b
import math
import operator

from . import _ndarray as _nd
from ._ndarray import (
    _BOOL, _FLOAT32, _FLOAT64, _INT64, _as_dtype, _broadcast_index, _broadcast_shape,
    _cast_list, _cast_value, _f32, _norm_axis, _operand, _promote, _result_type, _strides,
    array, asarray, generic, ndarray,
)

_INF = float('inf')
_NAN = float('nan')

pi = math.pi
e = math.e
euler_gamma = 0.5772156649015329
Inf = Infinity = PINF = infty = _INF
NINF = -_INF
NaN = NAN = _NAN
PZERO = 0.0
NZERO = -0.0


def _new(data, shape, dt):
    return ndarray._new(data, tuple(shape), dt)


def _result(vals, shape, dt):
    if not shape:
        return dt.type(vals[0])
    return _new(vals, shape, dt)


def _must(x):
    o = _operand(x)
    if o is None:
        raise TypeError("unsupported operand type for Scope Lens's numpy: '%s'"
                        % type(x).__name__)
    return o


# ----------------------------------------------------------------------------------------
# Construction
# ----------------------------------------------------------------------------------------


def full(shape, fill_value, dtype=None):
    if dtype is None:
        dtype = _must(fill_value)[0]
    return _nd._fill(shape, _must(fill_value)[2][0], dtype)


def empty(shape, dtype=float):
    return _nd._fill(shape, 0, dtype)


def _like(a, value, dtype):
    a = asarray(a)
    return _nd._fill(a.shape, value, a.dtype if dtype is None else dtype)


def zeros_like(a, dtype=None):
    return _like(a, 0, dtype)


def ones_like(a, dtype=None):
    return _like(a, 1, dtype)


def empty_like(a, dtype=None):
    return _like(a, 0, dtype)


def full_like(a, fill_value, dtype=None):
    return _like(a, _must(fill_value)[2][0], dtype)


def arange(start, stop=None, step=None, dtype=None):
    if stop is None:
        start, stop = 0, start
    if step is None:
        step = 1
    if step == 0:
        raise ZeroDivisionError('division by zero')
    kinds = [_must(v)[0] for v in (start, stop, step)]
    dt = kinds[0]
    for k in kinds[1:]:
        dt = _promote(dt, k)
    if dt is _BOOL:
        dt = _INT64
    vals = [_must(v)[2][0] for v in (start, stop, step)]
    s0, s1, st = (float(v) for v in vals)
    n = _b.max(int(math.ceil((s1 - s0) / st)), 0)
    if dt.kind == 'i':
        a, b = int(vals[0]), int(vals[2])
        data = [a + i * b for i in range(n)]
    else:
        delta = (s0 + st) - s0
        data = [s0 + i * delta for i in range(n)]
        if n:
            data[0] = s0
    out = _new(data, (n,), dt)
    return out if dtype is None else out.astype(dtype)


def linspace(start, stop, num=50, endpoint=True, retstep=False, dtype=None, axis=0):
    num = operator.index(num)
    if num < 0:
        raise ValueError('Number of samples, %d, must be non-negative.' % num)
    start = float(start)
    stop = float(stop)
    div = (num - 1) if endpoint else num
    delta = stop - start
    if div > 0:
        step = delta / div
        if step == 0:
            data = [(i / div) * delta + start for i in range(num)]
        else:
            data = [i * step + start for i in range(num)]
    else:
        step = _NAN
        data = [i * delta + start for i in range(num)]
    if endpoint and num > 1:
        data[-1] = stop
    out = _new(data, (num,), _FLOAT64)
    if dtype is not None:
        out = out.astype(dtype)
    return (out, step) if retstep else out


def eye(N, M=None, k=0, dtype=float):
    M = N if M is None else M
    dt = _as_dtype(dtype)
    data = [_cast_value(1 if j - i == k else 0, dt) for i in range(N) for j in range(M)]
    return _new(data, (N, M), dt)


def identity(n, dtype=None):
    return eye(n, dtype=float if dtype is None else dtype)


def copy(a):
    return array(a)


def ascontiguousarray(a, dtype=None):
    return asarray(a, dtype)


asanyarray = asarray


# ----------------------------------------------------------------------------------------
# Attributes as functions
# ----------------------------------------------------------------------------------------


def shape(a):
    return asarray(a).shape


def ndim(a):
    return asarray(a).ndim


def size(a, axis=None):
    a = asarray(a)
    return a.size if axis is None else a.shape[axis]


def isscalar(x):
    return isinstance(x, (int, float, complex, str, bytes, generic))


# ----------------------------------------------------------------------------------------
# Unary ufuncs
# ----------------------------------------------------------------------------------------


def _float_unary(name, fn):
    def ufunc(x):
        o = _must(x)
        dt = o[0]
        if dt is _BOOL:
            raise NotImplementedError(
                "numpy.%s of booleans (float16) is not implemented by Scope Lens's numpy "
                "(see docs/runtime-numpy.md for what it provides)" % name)
        out = _FLOAT32 if dt is _FLOAT32 else _FLOAT64
        rnd = _f32 if out is _FLOAT32 else float
        vals = [rnd(fn(float(v))) for v in o[2]]
        return _result(vals, o[3], out)

    ufunc.__name__ = name
    return ufunc


def _safe(fn, domain, pole=None):
    """``fn`` with IEEE results where Python's math raises: NaN outside the domain, ``pole`` at
    a pole, infinity on overflow."""
    def f(v):
        if v != v:
            return v
        try:
            return fn(v)
        except OverflowError:
            return _INF
        except ValueError:
            if pole is not None and v == pole[0]:
                return pole[1]
            return _NAN if not domain(v) else _INF
    return f


def _exp(v):
    if v == _INF:
        return _INF
    if v == -_INF:
        return 0.0
    try:
        return math.exp(v)
    except OverflowError:
        return _INF


def _sqrt(v):
    if v < 0:
        return _NAN
    if v == _INF:
        return _INF
    return math.sqrt(v)


def _log_with(fn):
    def f(v):
        if v != v or v == _INF:
            return v
        if v == 0:
            return -_INF
        if v < 0:
            return _NAN
        return fn(v)
    return f


def _log1p(v):
    if v == -1:
        return -_INF
    if v < -1:
        return _NAN
    if v == _INF:
        return _INF
    return math.log1p(v)


def _trig(fn):
    def f(v):
        if v != v or v in (_INF, -_INF):
            return _NAN
        return fn(v)
    return f


def _domain(fn, lo, hi):
    def f(v):
        if v != v:
            return v
        if not lo <= v <= hi:
            return _NAN
        return fn(v)
    return f


def _expm1(v):
    try:
        return math.expm1(v)
    except OverflowError:
        return _INF


sqrt = _float_unary('sqrt', _sqrt)
exp = _float_unary('exp', _exp)
exp2 = _float_unary('exp2', lambda v: _exp(v * math.log(2)) if v != v else v)
expm1 = _float_unary('expm1', _expm1)
log = _float_unary('log', _log_with(math.log))
log2 = _float_unary('log2', _log_with(math.log2))
log10 = _float_unary('log10', _log_with(math.log10))
log1p = _float_unary('log1p', _log1p)
tanh = _float_unary('tanh', math.tanh)
sinh = _float_unary('sinh', _safe(math.sinh, lambda v: True))
cosh = _float_unary('cosh', _safe(math.cosh, lambda v: True))
sin = _float_unary('sin', _trig(math.sin))
cos = _float_unary('cos', _trig(math.cos))
tan = _float_unary('tan', _trig(math.tan))
arcsin = _float_unary('arcsin', _domain(math.asin, -1.0, 1.0))
arccos = _float_unary('arccos', _domain(math.acos, -1.0, 1.0))
arctan = _float_unary('arctan', math.atan)
arctanh = _float_unary('arctanh', _safe(math.atanh, lambda v: -1 <= v <= 1))
arcsinh = _float_unary('arcsinh', math.asinh)


def _int_keeping(name, ffn, ifn=None):
    """Ufuncs that keep the dtype (floor, ceil, rint on floats; identity on ints)."""
    def ufunc(x):
        o = _must(x)
        dt = o[0]
        if dt.kind != 'f':
            if ifn is None:
                out = _FLOAT64
                vals = [float(v) for v in o[2]]
                return _result(vals, o[3], out)
            return _result([ifn(v) for v in o[2]], o[3], dt)
        rnd = _f32 if dt is _FLOAT32 else float
        vals = [v if v != v or v in (_INF, -_INF) else rnd(ffn(v)) for v in o[2]]
        return _result(vals, o[3], dt)

    ufunc.__name__ = name
    return ufunc


def _copysign_zero(f):
    def g(v):
        r = float(f(v))
        return math.copysign(r, v) if r == 0 else r
    return g


floor = _int_keeping('floor', math.floor)
ceil = _int_keeping('ceil', _copysign_zero(math.ceil))
trunc = _int_keeping('trunc', _copysign_zero(math.trunc))
rint = _int_keeping('rint', _copysign_zero(round), lambda v: v)


def fix(x):
    return trunc(x)


def around(a, decimals=0):
    o = _must(a)
    dt = o[0]
    if dt.kind != 'f':
        if decimals >= 0:
            return _result(list(o[2]), o[3], dt if dt is not _BOOL else _BOOL)
        f = 10 ** (-decimals)
        return _result([int(round(v / f)) * f for v in o[2]], o[3], dt)
    if decimals == 0:
        return rint(a)
    rnd = _f32 if dt is _FLOAT32 else float
    f = rnd(10.0 ** _b.abs(decimals))
    out = []
    for v in o[2]:
        if v != v or v in (_INF, -_INF):
            out.append(v)
            continue
        if decimals > 0:
            y = rnd(v * f)
            r = rnd(_copysign_zero(round)(y)) if y == y and _b.abs(y) != _INF else y
            out.append(rnd(r / f))
        else:
            y = rnd(v / f)
            r = rnd(_copysign_zero(round)(y))
            out.append(rnd(r * f))
    return _result(out, o[3], dt)


round_ = around


def _bool_unary(name, fn):
    def ufunc(x):
        o = _must(x)
        return _result([fn(v) for v in o[2]], o[3], _BOOL)

    ufunc.__name__ = name
    return ufunc


isnan = _bool_unary('isnan', lambda v: isinstance(v, float) and v != v)
isinf = _bool_unary('isinf', lambda v: isinstance(v, float) and v in (_INF, -_INF))
isfinite = _bool_unary('isfinite', lambda v: not isinstance(v, float) or math.isfinite(v))
signbit = _bool_unary('signbit', lambda v: math.copysign(1.0, v) < 0)
logical_not = _bool_unary('logical_not', lambda v: not v)


def absolute(x):
    return _nd._unop('abs', x)


abs = absolute  # noqa: A001


def fabs(x):
    return absolute(_float_unary('fabs', float)(x))


def negative(x):
    return _nd._unop('neg', x)


def positive(x):
    return +asarray(x) if isinstance(x, ndarray) else _must(x)[0].type(_must(x)[2][0])


def square(x):
    return multiply(x, x)


def sign(x):
    o = _must(x)
    dt = o[0]
    if dt is _BOOL:
        raise TypeError("ufunc 'sign' did not contain a loop with signature matching types")

    def s(v):
        if v != v:
            return v
        return (v > 0) - (v < 0) if dt.kind == 'i' else float((v > 0) - (v < 0))
    return _result([s(v) for v in o[2]], o[3], dt)


def reciprocal(x):
    o = _must(x)
    dt = o[0]
    if dt.kind == 'f':
        rnd = _f32 if dt is _FLOAT32 else float
        return _result([rnd(_nd._fdiv(1.0, v)) for v in o[2]], o[3], dt)
    return _result([(1 // v if v else 0) if _b.abs(v) == 1 else 0 for v in o[2]], o[3], dt)


# ----------------------------------------------------------------------------------------
# Binary ufuncs
# ----------------------------------------------------------------------------------------


def add(x1, x2):
    return _nd._binop('add', x1, x2)


def subtract(x1, x2):
    return _nd._binop('sub', x1, x2)


def multiply(x1, x2):
    return _nd._binop('mul', x1, x2)


def divide(x1, x2):
    return _nd._binop('truediv', x1, x2)


true_divide = divide


def floor_divide(x1, x2):
    return _nd._binop('floordiv', x1, x2)


def mod(x1, x2):
    return _nd._binop('mod', x1, x2)


remainder = mod


def power(x1, x2):
    if isinstance(x1, ndarray):
        return x1 ** x2
    return _nd._binop('pow', x1, x2)


def _compare(op):
    def f(x1, x2):
        return _nd._binop(op, x1, x2)
    return f


equal = _compare('eq')
not_equal = _compare('ne')
less = _compare('lt')
less_equal = _compare('le')
greater = _compare('gt')
greater_equal = _compare('ge')


def _binary(x1, x2, fn, out_dt=None):
    oa = _must(x1)
    ob = _must(x2)
    rt = _result_type(oa, ob)
    return _nd._apply(oa, ob, rt, out_dt or rt, fn)


def _max2(a, b):
    if a != a:
        return a
    if b != b:
        return b
    return a if a >= b else b


def _min2(a, b):
    if a != a:
        return a
    if b != b:
        return b
    return a if a <= b else b


def maximum(x1, x2):
    return _binary(x1, x2, _max2)


def minimum(x1, x2):
    return _binary(x1, x2, _min2)


def fmax(x1, x2):
    return _binary(x1, x2, lambda a, b: b if a != a else a if b != b else _b.max(a, b))


def fmin(x1, x2):
    return _binary(x1, x2, lambda a, b: b if a != a else a if b != b else _b.min(a, b))


def logical_and(x1, x2):
    return _binary(x1, x2, lambda a, b: bool(a) and bool(b), _BOOL)


def logical_or(x1, x2):
    return _binary(x1, x2, lambda a, b: bool(a) or bool(b), _BOOL)


def logical_xor(x1, x2):
    return _binary(x1, x2, lambda a, b: bool(a) != bool(b), _BOOL)


def _float_binary(x1, x2, fn):
    oa = _must(x1)
    ob = _must(x2)
    rt = _result_type(oa, ob)
    if rt.kind != 'f':
        rt = _FLOAT64
    rnd = _f32 if rt is _FLOAT32 else float
    return _nd._apply(oa, ob, rt, rt, lambda a, b: rnd(fn(a, b)))


def arctan2(x1, x2):
    return _float_binary(x1, x2, math.atan2)


def hypot(x1, x2):
    return _float_binary(x1, x2, math.hypot)


def clip(a, a_min, a_max):
    if a_min is None and a_max is None:
        raise ValueError('One of max or min must be given')
    out = a
    if a_min is not None:
        out = maximum(out, a_min)
    if a_max is not None:
        out = minimum(out, a_max)
    return out


def where(condition, x=None, y=None):
    if x is None and y is None:
        return nonzero(condition)
    if x is None or y is None:
        raise ValueError('either both or neither of x and y should be given')
    oc = _must(condition)
    ox = _must(x)
    oy = _must(y)
    rt = _result_type(ox, oy)
    shape = _broadcast_shape(_broadcast_shape(oc[3], ox[3]), oy[3])
    ic = _broadcast_index(oc[3], shape)
    ix = _broadcast_index(ox[3], shape)
    iy = _broadcast_index(oy[3], shape)
    vx = _cast_list(ox[2], ox[0], rt)
    vy = _cast_list(oy[2], oy[0], rt)
    c = oc[2]
    if not shape:
        ic, ix, iy = [0], [0], [0]
    data = [vx[j] if c[i] else vy[k] for i, j, k in zip(ic, ix, iy)]
    if not shape:
        return _new(data, (), rt)
    return _new(data, shape, rt)


def nonzero(a):
    a = asarray(a)
    if not a.shape:
        raise ValueError('Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar)'
                         '.nonzero() instead.')
    strides = _strides(a.shape)
    hits = [i for i, v in enumerate(a._data) if v]
    return tuple(_new([(h // st) % n for h in hits], (len(hits),), _INT64)
                 for st, n in zip(strides, a.shape))


def argwhere(a):
    idx = nonzero(a)
    n = len(idx[0]._data) if idx else 0
    return _new([int(ix._data[i]) for i in range(n) for ix in idx], (n, len(idx)), _INT64)


def count_nonzero(a, axis=None):
    a = asarray(a)
    if axis is None:
        return _b.sum(1 for v in a._data if v)
    return asarray(a != 0).sum(axis)


# ----------------------------------------------------------------------------------------
# Reductions
# ----------------------------------------------------------------------------------------


def _reduce(method):
    def f(a, axis=None, *args, **kwargs):
        if isinstance(axis, tuple):
            raise NotImplementedError(
                "numpy.%s over a tuple of axes is not implemented by Scope Lens's numpy "
                "(see docs/runtime-numpy.md for what it provides)" % method)
        return getattr(asarray(a), method)(axis, *args, **kwargs)
    f.__name__ = method
    return f


sum = _reduce('sum')  # noqa: A001
prod = _reduce('prod')
product = prod
mean = _reduce('mean')
std = _reduce('std')
var = _reduce('var')
amax = _reduce('max')
amin = _reduce('min')
max = amax  # noqa: A001
min = amin  # noqa: A001
any = _reduce('any')  # noqa: A001
all = _reduce('all')  # noqa: A001
alltrue = all
sometrue = any


def argmax(a, axis=None):
    return asarray(a).argmax(axis)


def argmin(a, axis=None):
    return asarray(a).argmin(axis)


def _nan_reduce(name, method, fill):
    def f(a, axis=None, keepdims=False):
        a = asarray(a)
        if a.dtype.kind != 'f':
            return getattr(a, method)(axis, keepdims=keepdims)
        b = where(isnan(a), fill, a).astype(a.dtype) if fill is not None else a
        return getattr(b, method)(axis, keepdims=keepdims)
    f.__name__ = name
    return f


nansum = _nan_reduce('nansum', 'sum', 0)
nanmax = _nan_reduce('nanmax', 'max', -_INF)
nanmin = _nan_reduce('nanmin', 'min', _INF)


def _accumulate(a, axis, op, name):
    a = asarray(a)
    if axis is None:
        a = a.ravel()
        axis = 0
    if not a.shape:
        a = a.reshape(1)
    dt = a.dtype
    if dt.kind != 'f':
        dt = _INT64
    ax = _norm_axis(axis, a.ndim)
    vals = _cast_list(a._data, a.dtype, dt)
    fn = _nd._arith_fn(op, dt)
    out = list(vals)
    stride = _strides(a.shape)[ax]
    n = a.shape[ax]
    for base in range(len(out)):
        if (base // stride) % n != 0:
            out[base] = fn(out[base - stride], vals[base])
    return _new(out, a.shape, dt)


def cumsum(a, axis=None):
    return _accumulate(a, axis, 'add', 'cumsum')


def cumprod(a, axis=None):
    return _accumulate(a, axis, 'mul', 'cumprod')


def average(a, axis=None, weights=None):
    if weights is None:
        return mean(a, axis)
    a = asarray(a)
    w = asarray(weights)
    return sum(a * w, axis) / sum(w, axis)


def median(a, axis=None):
    a = asarray(a)
    if axis is not None:
        raise NotImplementedError(
            "numpy.median with an axis is not implemented by Scope Lens's numpy "
            "(see docs/runtime-numpy.md for what it provides)")
    vals = sorted(float(v) for v in a._data)
    n = len(vals)
    if _b.any(v != v for v in vals):
        return _FLOAT64.type(_NAN)
    if n % 2:
        m = vals[n // 2]
    else:
        m = (vals[n // 2 - 1] + vals[n // 2]) / 2
    return (a.dtype if a.dtype.kind == 'f' else _FLOAT64).type(m)


# ----------------------------------------------------------------------------------------
# Shapes and joining
# ----------------------------------------------------------------------------------------


def reshape(a, newshape, order='C'):
    if order != 'C':
        raise NotImplementedError(
            "numpy.reshape(order=%r) is not implemented by Scope Lens's numpy "
            "(see docs/runtime-numpy.md for what it provides)" % (order,))
    return asarray(a).reshape(newshape)


def ravel(a):
    return asarray(a).ravel()


def transpose(a, axes=None):
    a = asarray(a)
    return a.transpose() if axes is None else a.transpose(axes)


def swapaxes(a, axis1, axis2):
    a = asarray(a)
    axes = list(range(a.ndim))
    i, j = _norm_axis(axis1, a.ndim), _norm_axis(axis2, a.ndim)
    axes[i], axes[j] = axes[j], axes[i]
    return a.transpose(axes)


def squeeze(a, axis=None):
    return asarray(a).squeeze(axis)


def expand_dims(a, axis):
    a = asarray(a)
    nd = a.ndim + 1
    ax = _norm_axis(axis, nd)
    shape = list(a.shape)
    shape.insert(ax, 1)
    return a.reshape(shape)


def atleast_1d(a):
    a = asarray(a)
    return a.reshape(1) if not a.shape else a


def atleast_2d(a):
    a = asarray(a)
    return a.reshape((1,) * (2 - a.ndim) + a.shape) if a.ndim < 2 else a


def concatenate(arrays, axis=0):
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError('need at least one array to concatenate')
    if axis is None:
        arrays = [a.ravel() for a in arrays]
        axis = 0
    first = arrays[0]
    if not first.shape:
        raise ValueError('zero-dimensional arrays cannot be concatenated')
    nd = first.ndim
    ax = _norm_axis(axis, nd)
    dt = first.dtype
    for i, a in enumerate(arrays[1:], 1):
        if a.ndim != nd:
            raise ValueError(
                'all the input arrays must have same number of dimensions, but the array at '
                'index 0 has %d dimension(s) and the array at index %d has %d dimension(s)'
                % (nd, i, a.ndim))
        for d in range(nd):
            if d != ax and a.shape[d] != first.shape[d]:
                raise ValueError(
                    'all the input array dimensions except for the concatenation axis must '
                    'match exactly, but along dimension %d, the array at index 0 has size %d '
                    'and the array at index %d has size %d' % (d, first.shape[d], i, a.shape[d]))
        dt = _promote(dt, a.dtype)
    outer = 1
    for s in first.shape[:ax]:
        outer *= s
    inner = 1
    for s in first.shape[ax + 1:]:
        inner *= s
    parts = [(_cast_list(a._data, a.dtype, dt), a.shape[ax] * inner) for a in arrays]
    data = []
    for o in range(outer):
        for vals, blk in parts:
            data.extend(vals[o * blk:(o + 1) * blk])
    shape = list(first.shape)
    shape[ax] = _b.sum(a.shape[ax] for a in arrays)
    return _new(data, shape, dt)




def stack(arrays, axis=0):
    arrays = [asarray(a) for a in arrays]
    if not arrays:
        raise ValueError('need at least one array to stack')
    if _b.any(a.shape != arrays[0].shape for a in arrays):
        raise ValueError('all input arrays must have the same shape')
    ax = _norm_axis(axis, arrays[0].ndim + 1)
    return concatenate([expand_dims(a, ax) for a in arrays], ax)


def vstack(tup):
    return concatenate([atleast_2d(a) for a in tup], 0)


def hstack(tup):
    arrs = [atleast_1d(a) for a in tup]
    return concatenate(arrs, 0 if arrs and arrs[0].ndim == 1 else 1)


def column_stack(tup):
    arrs = []
    for a in tup:
        a = asarray(a)
        arrs.append(a.reshape((a.size, 1)) if a.ndim < 2 else a)
    return concatenate(arrs, 1)


def split(ary, indices_or_sections, axis=0):
    a = asarray(ary)
    ax = _norm_axis(axis, a.ndim)
    n = a.shape[ax]
    if isinstance(indices_or_sections, (list, tuple, ndarray)):
        cuts = [int(i) for i in (indices_or_sections.tolist()
                                 if isinstance(indices_or_sections, ndarray)
                                 else indices_or_sections)]
    else:
        k = int(indices_or_sections)
        if n % k:
            raise ValueError('array split does not result in an equal division')
        cuts = [n // k * i for i in range(1, k)]
    bounds = [0] + cuts + [n]
    out = []
    for lo, hi in zip(bounds[:-1], bounds[1:]):
        key = (slice(None),) * ax + (slice(lo, hi),)
        out.append(a[key])
    return out


def tile(A, reps):
    a = asarray(A)
    reps = (reps,) if isinstance(reps, int) else tuple(reps)
    nd = _b.max(a.ndim, len(reps))
    a = a.reshape((1,) * (nd - a.ndim) + a.shape)
    reps = (1,) * (nd - len(reps)) + reps
    for ax, r in enumerate(reps):
        if r != 1:
            a = concatenate([a] * r, ax) if r else a[(slice(None),) * ax + (slice(0, 0),)]
    return a


def repeat(a, repeats, axis=None):
    a = asarray(a)
    if axis is None:
        a = a.ravel()
        axis = 0
    ax = _norm_axis(axis, a.ndim)
    parts = []
    for i in range(a.shape[ax]):
        sl = a[(slice(None),) * ax + (slice(i, i + 1),)]
        parts.extend([sl] * int(repeats))
    return concatenate(parts, ax) if parts else a[(slice(None),) * ax + (slice(0, 0),)]


def flip(m, axis=None):
    a = asarray(m)
    if axis is None:
        return a[(slice(None, None, -1),) * a.ndim]
    ax = _norm_axis(axis, a.ndim)
    return a[(slice(None),) * ax + (slice(None, None, -1),)]


def broadcast_to(array_, shape):
    a = asarray(array_)
    shape = tuple(shape) if isinstance(shape, (list, tuple)) else (shape,)
    _nd._broadcast_to_check(a.shape, shape)
    idx = _broadcast_index(a.shape, shape)
    return _new([a._data[i] for i in idx], shape, a.dtype)


# ----------------------------------------------------------------------------------------
# Sorting and searching
# ----------------------------------------------------------------------------------------


def _sort_key(v):
    return (1, 0.0) if v != v else (0, v)


def sort(a, axis=-1):
    a = array(a)
    if axis is None:
        a = a.ravel()
        axis = -1
    if not a.shape:
        raise _nd.AxisError('axis -1 is out of bounds for array of dimension 0')
    ax = _norm_axis(axis, a.ndim)
    order = list(range(a.ndim))
    order[ax], order[-1] = order[-1], order[ax]
    t = a.transpose(order)
    n = t.shape[-1]
    data = []
    for i in range(0, len(t._data), n):
        data.extend(sorted(t._data[i:i + n], key=_sort_key))
    return _new(data, t.shape, a.dtype).transpose(order)


def argsort(a, axis=-1):
    a = asarray(a)
    if axis is None:
        a = a.ravel()
        axis = -1
    ax = _norm_axis(axis, a.ndim)
    order = list(range(a.ndim))
    order[ax], order[-1] = order[-1], order[ax]
    t = a.transpose(order)
    n = t.shape[-1]
    data = []
    for i in range(0, len(t._data), n):
        lane = t._data[i:i + n]
        data.extend(sorted(range(n), key=lambda k: _sort_key(lane[k])))
    return _new(data, t.shape, _INT64).transpose(order)


def unique(ar, return_counts=False):
    a = asarray(ar).ravel()
    vals = sorted(set(a._data), key=_sort_key)
    out = _new(vals, (len(vals),), a.dtype)
    if return_counts:
        counts = [a._data.count(v) for v in vals]
        return out, _new(counts, (len(counts),), _INT64)
    return out


# ----------------------------------------------------------------------------------------
# Linear algebra
# ----------------------------------------------------------------------------------------


def _matmul2(a, b, dt):
    """(n, k) @ (k, m) on flat lists."""
    n, k = a.shape
    k2, m = b.shape
    if k != k2:
        raise ValueError('shapes %s and %s not aligned: %d (dim 1) != %d (dim 0)'
                         % (_nd._shape_str(a.shape), _nd._shape_str(b.shape), k, k2))
    av = _cast_list(a._data, a.dtype, dt)
    bv = _cast_list(b._data, b.dtype, dt)
    rnd = _f32 if dt is _FLOAT32 else None
    out = []
    for i in range(n):
        row = av[i * k:(i + 1) * k]
        for j in range(m):
            if dt.kind == 'f':
                acc = 0.0
                for t in range(k):
                    acc += row[t] * bv[t * m + j]
                    if rnd:
                        acc = rnd(acc)
            else:
                acc = 0
                for t in range(k):
                    acc += row[t] * bv[t * m + j]
                acc = _cast_value(acc, dt)
            out.append(bool(acc) if dt is _BOOL else acc)
    return out


def dot(a, b):
    a = asarray(a)
    b = asarray(b)
    if not a.shape or not b.shape:
        return multiply(a, b)
    dt = _promote(a.dtype, b.dtype)
    if a.ndim == 1 and b.ndim == 1:
        if a.shape[0] != b.shape[0]:
            raise ValueError('shapes %s and %s not aligned: %d (dim 0) != %d (dim 0)'
                             % (_nd._shape_str(a.shape), _nd._shape_str(b.shape),
                                a.shape[0], b.shape[0]))
        return dt.type(_matmul2(a.reshape(1, -1), b.reshape(-1, 1), dt)[0])
    if a.ndim > 2 or b.ndim > 2:
        raise NotImplementedError(
            "numpy.dot of arrays with more than 2 dimensions is not implemented by Scope "
            "Lens's numpy (see docs/runtime-numpy.md for what it provides)")
    a2 = a if a.ndim == 2 else a.reshape(1, -1)
    b2 = b if b.ndim == 2 else b.reshape(-1, 1)
    data = _matmul2(a2, b2, dt)
    shape = a.shape[:-1] + b.shape[1:] if b.ndim == 2 else a.shape[:-1]
    return _result(data, shape, dt) if shape else dt.type(data[0])


def matmul(a, b):
    a = asarray(a)
    b = asarray(b)
    if not a.shape or not b.shape:
        raise ValueError("matmul: Input operand %d does not have enough dimensions (has 0, "
                         "gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)"
                         % (0 if not a.shape else 1))
    if a.ndim <= 2 and b.ndim <= 2:
        return dot(a, b)
    dt = _promote(a.dtype, b.dtype)
    a3 = a if a.ndim >= 2 else a.reshape(1, -1)
    b3 = b if b.ndim >= 2 else b.reshape(-1, 1)
    batch = _broadcast_shape(a3.shape[:-2], b3.shape[:-2])
    ia = _broadcast_index(a3.shape[:-2], batch) if batch else [0]
    ib = _broadcast_index(b3.shape[:-2], batch) if batch else [0]
    am = a3.reshape((-1,) + a3.shape[-2:])
    bm = b3.reshape((-1,) + b3.shape[-2:])
    data = []
    for i, j in zip(ia, ib):
        data.extend(_matmul2(am[i], bm[j], dt))
    shape = batch + (a3.shape[-2] if a.ndim >= 2 else None, b3.shape[-1] if b.ndim >= 2 else None)
    shape = tuple(s for s in shape if s is not None)
    return _new(data, shape, dt)


def outer(a, b):
    a = asarray(a).ravel()
    b = asarray(b).ravel()
    return multiply(a.reshape(-1, 1), b.reshape(1, -1))


def inner(a, b):
    return dot(a, b)


def trace(a):
    a = asarray(a)
    n = _b.min(a.shape[0], a.shape[1])
    return sum(_new([a[i, i] for i in range(n)], (n,), a.dtype))




# ----------------------------------------------------------------------------------------
# Comparison of whole arrays
# ----------------------------------------------------------------------------------------


def isclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    oa = _must(a)
    ob = _must(b)

    def close(x, y):
        x, y = float(x), float(y)
        if x != x or y != y:
            return equal_nan and x != x and y != y
        if x == y:
            return True
        if x in (_INF, -_INF) or y in (_INF, -_INF):
            return False
        return _b.abs(x - y) <= atol + rtol * _b.abs(y)

    return _nd._apply(oa, ob, _FLOAT64, _BOOL, close)


def allclose(a, b, rtol=1e-05, atol=1e-08, equal_nan=False):
    return bool(asarray(isclose(a, b, rtol, atol, equal_nan)).all())


def array_equal(a1, a2, equal_nan=False):
    try:
        a1, a2 = asarray(a1), asarray(a2)
    except (TypeError, ValueError):
        return False
    if a1.shape != a2.shape:
        return False
    if equal_nan:
        return bool(asarray(logical_or(a1 == a2, logical_and(isnan(a1), isnan(a2)))).all())
    return bool(asarray(a1 == a2).all())


def array_equiv(a1, a2):
    try:
        return bool(asarray(asarray(a1) == asarray(a2)).all())
    except ValueError:
        return False


# ----------------------------------------------------------------------------------------
# Types
# ----------------------------------------------------------------------------------------


def result_type(*arrays_and_dtypes):
    ops = []
    for x in arrays_and_dtypes:
        if isinstance(x, (_nd.dtype, type, str)):
            ops.append((_as_dtype(x), False, [0], (1,)))
        else:
            ops.append(_must(x))
    acc = ops[0]
    dt = acc[0]
    for o in ops[1:]:
        dt = _result_type((dt, acc[1] and o[1] is not None and acc[1], acc[2], acc[3]), o)
        acc = (dt, False, [0], (1,))
    return dt


def promote_types(t1, t2):
    return _promote(_as_dtype(t1), _as_dtype(t2))


class number(_nd.generic):
    __slots__ = ()


class signedinteger(_nd.integer):
    __slots__ = ()


class inexact(_nd.generic):
    __slots__ = ()


for _c in (number, signedinteger, inexact):
    _c.__module__ = 'numpy'
del _c


def issubdtype(arg1, arg2):
    kinds = {number: 'if', signedinteger: 'i', inexact: 'f', _nd.floating: 'f',
             _nd.integer: 'i', _nd.generic: 'bif'}
    d1 = _as_dtype(arg1)
    if arg2 in kinds:
        return d1.kind in kinds[arg2]
    return d1 is _as_dtype(arg2)


class finfo:
    """Machine limits of float32 and float64."""

    __module__ = 'numpy'

    def __init__(self, dtype):
        dt = _as_dtype(dtype)
        if dt.kind != 'f':
            raise ValueError('data type %r not inexact' % (dt.type,))
        self.dtype = dt
        if dt is _FLOAT32:
            self.bits, self.eps = 32, dt.type(1.1920929e-07)
            self.max, self.tiny = dt.type(3.4028235e+38), dt.type(1.1754944e-38)
            self.resolution = dt.type(1e-06)
        else:
            self.bits, self.eps = 64, dt.type(2.220446049250313e-16)
            self.max, self.tiny = dt.type(1.7976931348623157e+308), dt.type(2.2250738585072014e-308)
            self.resolution = dt.type(1e-15)
        self.min = -self.max
        self.smallest_normal = self.tiny


class iinfo:
    """Machine limits of int32 and int64."""

    __module__ = 'numpy'

    def __init__(self, int_type):
        dt = _as_dtype(int_type)
        if dt.kind != 'i':
            raise ValueError('Invalid integer data type %r.' % (dt.kind,))
        self.dtype = dt
        self.bits = dt.itemsize * 8
        self.min = -(1 << (self.bits - 1))
        self.max = (1 << (self.bits - 1)) - 1


__all__ = sorted(n for n in dir() if not n.startswith('_')
                 and n not in ('math', 'operator'))
