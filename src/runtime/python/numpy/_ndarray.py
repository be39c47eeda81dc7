"""A small pure-Python stand-in for NumPy's ndarray, as TensorFlow 1.15 users saw it.

Scope Lens runs TF 1.x programs in Pyodide, where NumPy is not available.  ``sess.run``
hands back values of the classes below, and they must *print* exactly as the NumPy of
the TF 1.15 era (1.16 - 1.20) printed them with the default print options, so most of the
care here goes into ``str``/``repr``:

* float formatting follows NumPy's rules: shortest round-trip digits (Dragon4 semantics,
  at float32 precision for float32), the 'maxprec' mode with precision 8, the switch to
  scientific notation, nan/inf padding, ``-0.``;
* arrays are laid out like ``np.array2string``: right-aligned columns, wrapping at 75
  characters, ``...`` summaries above 1000 elements (3 edge items per axis), ``array(``
  prefixes and the ``dtype=`` suffix for non-default dtypes.

NumPy 1.21+ prints two float32 corner cases differently (see scripts/gen-ndarray-golden.py):
here, scientific-mode elements are correctly rounded to the common digit count
(``1.2379400e+27`` for 2**90) and float32 integers above 2**26 keep zero-padded shortest
digits (``89382950.``), as before 1.21.

Arithmetic follows NumPy 1.x semantics for the five supported dtypes (bool, int32, int64,
float32, float64), including NumPy 1.x's value-based casting of Python scalars and
numpy scalars against arrays (``float32_array * 2.5`` stays float32,
``float32_array * 100000`` becomes float64, ``np.float32(1) + 1.0`` is float64).

Reductions reproduce NumPy's float summation order bit for bit (pairwise blocks of 8 on
the contiguous axis, 8192-element buffer chunks, plain running sums on other axes), so
float32 sums and means print the same digits.

Deliberate omissions (raise or are simply absent): other dtypes (int8, uint*, float16,
complex, object, strings), views (slices, transposes and ``astype`` copy; only
``reshape``/``ravel`` share their buffer like NumPy's views do), fancy indexing beyond one
list or int array on the first axis and a boolean mask of the full shape,
``out=``/``where=``/``dtype=`` arguments (but ``sum(dtype=)``), and NumPy's
RuntimeWarnings (``1/0 -> inf`` or integer ``x // 0 -> 0`` happen silently).  Results
NumPy gives as int8 (``bool // bool``, ``bool % bool``, ``bool ** bool``,
``bool_array ** 2``) raise TypeError.  The public classes report ``__module__ ==
'numpy'`` so that ``type(x)`` prints as in NumPy; pickling them therefore needs a
``numpy`` module exposing them.

Only the standard library is used; this file runs on CPython 3.11+ and Pyodide.
"""

import math
import struct

__all__ = [
    'ndarray', 'dtype', 'generic', 'array', 'asarray', 'zeros', 'ones',
    'float32', 'float64', 'int32', 'int64', 'bool_', 'nan', 'inf', 'newaxis',
]

_INF = float('inf')
_NAN = float('nan')
nan = _NAN
inf = _INF
newaxis = None

# ----------------------------------------------------------------------------------------
# float32 helpers
# ----------------------------------------------------------------------------------------

_F32 = struct.Struct('<f')
_U32 = struct.Struct('<I')
_F32_MAX = 3.4028234663852886e38


def _f32(x):
    """Round a Python float to the nearest float32 value (IEEE round-half-even)."""
    try:
        return _F32.unpack(_F32.pack(x))[0]
    except OverflowError:
        return math.copysign(_INF, x)


def _f32_bits(x):
    return _U32.unpack(_F32.pack(x))[0]


def _f32_from_bits(b):
    return _F32.unpack(_U32.pack(b))[0]


# ----------------------------------------------------------------------------------------
# Shortest round-trip digits (what NumPy's Dragon4 prints in "unique" mode)
# ----------------------------------------------------------------------------------------


def _exact_shortest(x, is32):
    """Shortest digits of the positive finite ``x`` that read back as ``x``.

    Pure integer arithmetic.  As in NumPy, the rounding interval's end points count as
    inside when the mantissa is even (IEEE round-half-even reading); among candidates
    of the shortest length the one closest to ``x`` wins.  Returns ``(digits, exp10)``
    with ``x ~= 0.d1 d2 ... * 10**(exp10 + 1)``, i.e. ``d1.d2... * 10**exp10``.
    """
    p, emin = (24, -149) if is32 else (53, -1074)
    fe = math.frexp(x)[1]
    e = max(fe - p, emin)
    m = int(math.ldexp(x, -e))
    val = 4 * m
    lo = val - (1 if (m == 1 << (p - 1) and e > emin) else 2)
    hi = val + 2
    sh = e - 2
    if sh >= 0:
        val <<= sh
        lo <<= sh
        hi <<= sh
        den = 1
    else:
        den = 1 << -sh

    def cmp_pow10(j):
        if j >= 0:
            a, b = val, den * 10 ** j
        else:
            a, b = val * 10 ** -j, den
        return (a > b) - (a < b)

    k = math.floor(math.log10(x))
    while cmp_pow10(k) < 0:
        k -= 1
    while cmp_pow10(k + 1) >= 0:
        k += 1
    even = m % 2 == 0
    n = 1
    while True:
        j = k - n + 1
        if j >= 0:
            unit, udiv = 10 ** j, 1
        else:
            unit, udiv = 1, 10 ** -j
        flo = (val * udiv) // (den * unit)
        a = flo * unit * den
        b = (flo + 1) * unit * den
        lo_s = lo * udiv
        hi_s = hi * udiv
        lo_ok = a > lo_s or (even and a == lo_s)
        hi_ok = b < hi_s or (even and b == hi_s)
        if lo_ok or hi_ok:
            if lo_ok and hi_ok:
                c = 2 * val * udiv - (2 * flo + 1) * unit * den
                if c < 0 or (c == 0 and flo % 2 == 0):
                    pick = flo
                else:
                    pick = flo + 1
            else:
                pick = flo if lo_ok else flo + 1
            s = str(pick)
            ex = k if len(s) == n else k + 1
            return s.rstrip('0') or '0', ex
        n += 1


def _parse_sci(r):
    """Digits and decimal exponent of a repr()/'%e' string of a positive number."""
    mant, _, ex = r.partition('e')
    ip, _, fp = mant.partition('.')
    if ex:
        d = ip + fp
        e = int(ex)
    elif ip != '0':
        d = ip + fp
        e = len(ip) - 1
    else:
        z = len(fp) - len(fp.lstrip('0'))
        d = fp[z:]
        e = -z - 1
    return d.rstrip('0') or '0', e


def _shortest(x, is32):
    """``(digits, exp10)`` of the shortest round-trip representation of ``x > 0``."""
    if not is32:
        # CPython's repr is David Gay's shortest/closest with the same IEEE boundary
        # rules as NumPy's Dragon4.
        return _parse_sci(repr(x))
    bits = _f32_bits(x)
    if bits & 0x7FFFFF == 0:
        # power of two: the rounding interval is lopsided; do it exactly
        return _exact_shortest(x, True)
    for n in range(9):
        r = '%.*e' % (n, x)
        y = float(r)
        if _f32(y) == x:
            if y != x:
                # The decimal was read as a double first; if that double sits exactly
                # on a float32 midpoint the double rounding may have decided the tie.
                nb = _f32_from_bits(bits + 1 if abs(y) > x else bits - 1)
                if (x + nb) / 2 == y:
                    return _exact_shortest(x, True)
            return _parse_sci(r)
    return _exact_shortest(x, True)  # pragma: no cover - 9 digits always suffice


# ----------------------------------------------------------------------------------------
# Dragon4-style formatting of one float
# ----------------------------------------------------------------------------------------


def _positional_parts(x, is32, precision):
    """Sign, integer digits and fraction digits of ``abs(x)`` in positional notation.

    Unique (shortest) digits, cut off after ``precision`` fraction digits (correctly
    rounded) when the shortest form needs more; ``precision=None`` means no cut-off.
    Trailing zeros of the fraction are dropped.
    """
    sign = '-' if math.copysign(1.0, x) < 0 else ''
    ax = abs(x)
    if ax == 0:
        return sign, '0', ''
    d, e = _shortest(ax, is32)
    nfrac = len(d) - 1 - e
    if precision is not None and nfrac > precision:
        s = '%.*f' % (precision, ax)
        ip, _, fp = s.partition('.')
        return sign, ip, fp.rstrip('0')
    if e >= 0:
        if len(d) <= e + 1:
            return sign, d + '0' * (e + 1 - len(d)), ''
        return sign, d[:e + 1], d[e + 1:]
    return sign, '0', '0' * (-e - 1) + d


def _scientific_parts(x, is32, precision):
    """Sign, leading digit, fraction digits and exponent of ``abs(x)`` in scientific
    notation (unique digits, at most ``precision`` fraction digits when given)."""
    sign = '-' if math.copysign(1.0, x) < 0 else ''
    ax = abs(x)
    if ax == 0:
        return sign, '0', '', 0
    d, e = _shortest(ax, is32)
    if precision is not None and len(d) - 1 > precision:
        s = '%.*e' % (precision, ax)
        mant, _, ex = s.partition('e')
        ip, _, fp = mant.partition('.')
        return sign, ip, fp.rstrip('0'), int(ex)
    return sign, d[0], d[1:], e


def _exp_str(e, ndigits=2):
    return ('e-' if e < 0 else 'e+') + str(abs(e)).rjust(ndigits, '0')


def _float_scalar_str(x, is32):
    """repr()/str() of a NumPy float32/float64 scalar (NumPy >= 1.14 rules)."""
    if x != x:
        return 'nan'
    if x in (_INF, -_INF):
        return 'inf' if x > 0 else '-inf'
    ax = abs(x)
    if ax == 0 or 1e-4 <= ax < 1e16:
        sign, ip, fp = _positional_parts(x, is32, None)
        return sign + ip + '.' + (fp or '0')
    sign, ip, fp, e = _scientific_parts(x, is32, None)
    return sign + ip + ('.' + fp if fp else '') + _exp_str(e)


class _FloatFormat:
    """Formats the elements of one float array like NumPy's FloatingFormat with floatmode
    'maxprec' and sign '-', at the precision and small-number suppression of the print
    options (8 and off by default)."""

    def __init__(self, values, is32):
        self.is32 = is32
        finite = [v for v in values if v == v and v not in (_INF, -_INF)]
        nonzero = [abs(v) for v in finite if v != 0]
        self.exp = False
        if nonzero:
            big = max(nonzero)
            small = min(nonzero)
            ratio = big / small
            if is32:
                ratio = _f32(ratio)
            # NumPy 1.x compares the float32 extremes in float64 precision
            self.exp = big >= 1e8 or (not _SUPPRESS and (small < 1e-4 or ratio > 1000.0))
        if not finite:
            self.pad_left = 0
            self.pad_right = 0
        elif self.exp:
            parts = [_scientific_parts(v, is32, _PRECISION) for v in finite]
            self.prec = max(len(p[2]) for p in parts)
            self.exp_size = max(len(str(abs(p[3]))) for p in parts)
            if self.exp_size < 2:
                self.exp_size = 2
            self.pad_left = max(len(p[0]) + len(p[1]) for p in parts)
            self.pad_right = self.exp_size + 2 + self.prec
        else:
            parts = [_positional_parts(v, is32, _PRECISION) for v in finite]
            self.pad_left = max(len(p[0]) + len(p[1]) for p in parts)
            self.pad_right = max(len(p[2]) for p in parts)
        if len(finite) != len(values):
            neg_inf = any(v == -_INF for v in values)
            offset = self.pad_right + 1
            self.pad_left = max(self.pad_left, 3 - offset, 3 + neg_inf - offset)

    def __call__(self, x):
        if x != x or x in (_INF, -_INF):
            s = 'nan' if x != x else ('inf' if x > 0 else '-inf')
            return s.rjust(self.pad_left + self.pad_right + 1)
        if self.exp:
            # Every element gets the same number of fraction digits, correctly rounded
            # (NumPy < 1.21 switched Dragon4 to fixed precision here; 1.21+ differs only
            # in rare ties).
            mant, _, ex = ('%.*e' % (self.prec, abs(x))).partition('e')
            sign = '-' if math.copysign(1.0, x) < 0 else ''
            if '.' not in mant:
                mant += '.'
            ip, _, fp = mant.partition('.')
            return (sign + ip).rjust(self.pad_left) + '.' + fp + _exp_str(int(ex), self.exp_size)
        sign, ip, fp = _positional_parts(x, self.is32, _PRECISION)
        return (sign + ip).rjust(self.pad_left) + '.' + fp.ljust(self.pad_right)


class _IntFormat:
    def __init__(self, values):
        self.width = max(len(str(max(values))), len(str(min(values)))) if values else 0

    def __call__(self, x):
        return str(x).rjust(self.width)


class _BoolFormat:
    def __init__(self, zero_d):
        self.true = 'True' if zero_d else ' True'

    def __call__(self, x):
        return self.true if x else 'False'


# ----------------------------------------------------------------------------------------
# dtypes
# ----------------------------------------------------------------------------------------


class dtype:
    """The five supported data types.  ``dtype('float32')``, ``dtype(float32)`` and
    ``dtype(float)`` all give the same shared instance."""

    __slots__ = ('name', 'kind', 'itemsize', 'char', 'type', '_rank')

    def __new__(cls, spec):
        return _as_dtype(spec)

    @classmethod
    def _make(cls, name, kind, itemsize, char, rank):
        self = object.__new__(cls)
        self.name = name
        self.kind = kind
        self.itemsize = itemsize
        self.char = char
        self.type = None
        self._rank = rank
        return self

    def __str__(self):
        return self.name

    def __repr__(self):
        return "dtype('%s')" % self.name

    def __eq__(self, other):
        try:
            return _as_dtype(other) is self
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self.name)

    def __reduce__(self):
        return (dtype, (self.name,))

    @property
    def str(self):
        return '|b1' if self.kind == 'b' else '<%s%d' % (self.kind, self.itemsize)


_BOOL = dtype._make('bool', 'b', 1, '?', 0)
_INT32 = dtype._make('int32', 'i', 4, 'i', 1)
_INT64 = dtype._make('int64', 'i', 8, 'l', 2)
_FLOAT32 = dtype._make('float32', 'f', 4, 'f', 3)
_FLOAT64 = dtype._make('float64', 'f', 8, 'd', 4)

_DTYPE_NAMES = {
    'bool': _BOOL, 'bool_': _BOOL, 'bool8': _BOOL, '?': _BOOL, 'b1': _BOOL,
    'int32': _INT32, 'i4': _INT32, 'intc': _INT32, '<i4': _INT32,
    'int64': _INT64, 'i8': _INT64, 'int': _INT64, 'int_': _INT64, 'long': _INT64,
    'l': _INT64, '<i8': _INT64,
    'float32': _FLOAT32, 'f4': _FLOAT32, 'f': _FLOAT32, 'single': _FLOAT32, '<f4': _FLOAT32,
    'float64': _FLOAT64, 'f8': _FLOAT64, 'float': _FLOAT64, 'double': _FLOAT64, 'd': _FLOAT64,
    'float_': _FLOAT64, '<f8': _FLOAT64,
}


def _as_dtype(spec):
    if isinstance(spec, dtype):
        return spec
    if spec is None:
        return _FLOAT64
    if isinstance(spec, str):
        try:
            return _DTYPE_NAMES[spec]
        except KeyError:
            raise TypeError("data type '%s' not understood" % spec) from None
    if isinstance(spec, type):
        if spec is bool:
            return _BOOL
        if spec is int:
            return _INT64
        if spec is float:
            return _FLOAT64
        dt = getattr(spec, '_dtype', None)
        if isinstance(dt, dtype):
            return dt
    dt = getattr(spec, 'dtype', None)
    if isinstance(dt, dtype):
        return dt
    # e.g. tf.DType objects that know their numpy counterpart
    nt = getattr(spec, 'as_numpy_dtype', None)
    if nt is not None and nt is not spec:
        return _as_dtype(nt)
    raise TypeError('data type %r not understood' % (spec,))


def _promote(a, b):
    """np.promote_types for the supported dtypes."""
    if a is b:
        return a
    if a._rank > b._rank:
        a, b = b, a
    if a is _BOOL:
        return b
    if b.kind == 'i':
        return b  # int32, int64
    if a.kind == 'i' and b is _FLOAT32:
        return _FLOAT64  # no float32 holds every int32/int64
    return b


def _wrap_int(v, bits):
    m = 1 << bits
    v &= m - 1
    return v - m if v >= m >> 1 else v


def _cast_value(v, dt):
    """Convert one Python value (bool, int or float) to the storage value of ``dt``."""
    k = dt.kind
    if k == 'f':
        v = float(v)
        return _f32(v) if dt is _FLOAT32 else v
    if k == 'i':
        bits = dt.itemsize * 8
        if isinstance(v, float):
            if v != v or v in (_INF, -_INF):
                return -(1 << (bits - 1))
            v = int(v)
            if not -(1 << (bits - 1)) <= v < (1 << (bits - 1)):
                return -(1 << (bits - 1))  # what x86 conversions give
            return v
        return _wrap_int(int(v), bits)
    return bool(v)


def _cast_list(values, src, dst):
    if src is dst:
        return list(values)
    if dst is _FLOAT64:
        return [float(v) for v in values]
    if dst is _FLOAT32:
        if src is _FLOAT64:
            return [_f32(v) for v in values]
        return [_f32(float(v)) for v in values]
    if dst is _BOOL:
        return [bool(v) for v in values]
    if src.kind == 'f' or dst is _INT32:
        return [_cast_value(v, dst) for v in values]
    return [int(v) for v in values]


# ----------------------------------------------------------------------------------------
# Scalars
# ----------------------------------------------------------------------------------------


class _Arithmetic:
    """The operators shared by arrays and scalars: each is NumPy's ufunc of that name (`_binop`,
    `_unop`), with broadcasting and NumPy 1.x type promotion. `==`/`!=` differ between the two
    and stay in each class."""

    __slots__ = ()

    def __add__(self, o):
        return _binop('add', self, o)

    def __radd__(self, o):
        return _binop('add', o, self)

    def __sub__(self, o):
        return _binop('sub', self, o)

    def __rsub__(self, o):
        return _binop('sub', o, self)

    def __mul__(self, o):
        return _binop('mul', self, o)

    def __rmul__(self, o):
        return _binop('mul', o, self)

    def __truediv__(self, o):
        return _binop('truediv', self, o)

    def __rtruediv__(self, o):
        return _binop('truediv', o, self)

    def __floordiv__(self, o):
        return _binop('floordiv', self, o)

    def __rfloordiv__(self, o):
        return _binop('floordiv', o, self)

    def __mod__(self, o):
        return _binop('mod', self, o)

    def __rmod__(self, o):
        return _binop('mod', o, self)

    def __rpow__(self, o):
        return _binop('pow', o, self)

    def __lt__(self, o):
        return _binop('lt', self, o)

    def __le__(self, o):
        return _binop('le', self, o)

    def __gt__(self, o):
        return _binop('gt', self, o)

    def __ge__(self, o):
        return _binop('ge', self, o)

    def __neg__(self):
        return _unop('neg', self)


class _Bitwise:
    """`&`, `|` and `^` (and their reflections) of integer and bool arrays and scalars."""

    __slots__ = ()

    def __and__(self, o):
        return _bitop(self, o, lambda a, b: a & b)

    __rand__ = __and__

    def __or__(self, o):
        return _bitop(self, o, lambda a, b: a | b)

    __ror__ = __or__

    def __xor__(self, o):
        return _bitop(self, o, lambda a, b: a ^ b)

    __rxor__ = __xor__


class generic(_Arithmetic):
    """Behaviour shared by the NumPy scalar types below."""

    __slots__ = ()
    _dtype = None

    shape = ()
    ndim = 0
    size = 1
    strides = ()

    @property
    def dtype(self):
        return self._dtype

    @property
    def itemsize(self):
        return self._dtype.itemsize

    @property
    def nbytes(self):
        return self._dtype.itemsize

    @property
    def T(self):
        return self

    def _value(self):
        raise NotImplementedError

    def item(self, *args):
        return array(self).item(*args)

    def tolist(self):
        return self._value()

    def astype(self, dt):
        dt = _as_dtype(dt)
        return dt.type(_cast_value(self._value(), dt))

    def copy(self):
        return self

    def reshape(self, *shape):
        return array(self).reshape(*shape)

    def flatten(self):
        return array(self).flatten()

    def ravel(self):
        return array(self).ravel()

    def sum(self, axis=None, keepdims=False):
        return array(self).sum(axis, keepdims=keepdims)

    def mean(self, axis=None, keepdims=False):
        return array(self).mean(axis, keepdims=keepdims)

    def max(self, axis=None, keepdims=False):
        return array(self).max(axis, keepdims=keepdims)

    def min(self, axis=None, keepdims=False):
        return array(self).min(axis, keepdims=keepdims)

    def std(self, axis=None, ddof=0, keepdims=False):
        return array(self).std(axis, ddof=ddof, keepdims=keepdims)

    def any(self, axis=None, keepdims=False):
        return array(self).any(axis, keepdims=keepdims)

    def all(self, axis=None, keepdims=False):
        return array(self).all(axis, keepdims=keepdims)

    def __getitem__(self, key):
        return array(self)[key]

    def __format__(self, spec):
        if not spec:
            return str(self)
        return format(self._value(), spec)

    def __reduce__(self):
        return (type(self), (self._value(),))

    def __pow__(self, o, mod=None):
        if mod is not None:
            return NotImplemented
        return _binop('pow', self, o)

    def __divmod__(self, o):
        return (_binop('floordiv', self, o), _binop('mod', self, o))

    def __rdivmod__(self, o):
        return (_binop('floordiv', o, self), _binop('mod', o, self))

    def __eq__(self, o):
        return _binop('eq', self, o)

    def __ne__(self, o):
        return _binop('ne', self, o)

    def __pos__(self):
        return self

    def __abs__(self):
        return _unop('abs', self)


class floating(generic):
    __slots__ = ()

    def _value(self):
        return float.__float__(self)

    def __repr__(self):
        return _float_scalar_str(float.__float__(self), self._dtype is _FLOAT32)

    __str__ = __repr__

    def __hash__(self):
        return float.__hash__(self)

    def __bool__(self):
        return float.__float__(self) != 0.0

    def is_integer(self):
        return float.is_integer(self)


class float64(floating, float):
    """NumPy's float64 scalar; a Python float subclass, as in NumPy."""

    __slots__ = ()

    def __new__(cls, value=0.0):
        return float.__new__(cls, float(value))


class float32(floating, float):
    """NumPy's float32 scalar.  Stored as a Python float holding the float32 value, so
    ``float()`` of it gives the exact float32 number, as NumPy does."""

    __slots__ = ()

    def __new__(cls, value=0.0):
        return float.__new__(cls, _f32(float(value)))


class integer(_Bitwise, generic):
    __slots__ = ('_v',)

    def __new__(cls, value=0):
        self = object.__new__(cls)
        if isinstance(value, str):
            value = int(value)
        elif isinstance(value, ndarray):
            value = value.item()
        self._v = _cast_value(value, cls._dtype)
        return self

    def _value(self):
        return self._v

    def __repr__(self):
        return str(self._v)

    __str__ = __repr__

    def __hash__(self):
        return hash(self._v)

    def __bool__(self):
        return self._v != 0

    def __int__(self):
        return self._v

    def __index__(self):
        return self._v

    def __float__(self):
        return float(self._v)

    def __round__(self, ndigits=None):
        return round(self._v, ndigits) if ndigits is not None else self._v

    def __invert__(self):
        return type(self)(~self._v)


    def is_integer(self):
        return True


class int64(integer):
    """NumPy's int64 scalar (NumPy's default integer on Linux)."""

    __slots__ = ()


class int32(integer):
    """NumPy's int32 scalar."""

    __slots__ = ()


class bool_(_Bitwise, generic):
    """NumPy's bool_ scalar: prints as True/False."""

    __slots__ = ('_v',)

    def __new__(cls, value=False):
        self = object.__new__(cls)
        self._v = bool(value)
        return self

    def _value(self):
        return self._v

    def __repr__(self):
        return 'True' if self._v else 'False'

    __str__ = __repr__

    def __hash__(self):
        return hash(self._v)

    def __bool__(self):
        return self._v

    def __int__(self):
        return int(self._v)

    def __float__(self):
        return float(self._v)

    def __invert__(self):
        return bool_(not self._v)


_BOOL.type = bool_
_INT32.type = int32
_INT64.type = int64
_FLOAT32.type = float32
_FLOAT64.type = float64
bool_._dtype = _BOOL
int32._dtype = _INT32
int64._dtype = _INT64
float32._dtype = _FLOAT32
float64._dtype = _FLOAT64

def _bitop(a, b, fn):
    oa = _operand(a)
    ob = _operand(b)
    if oa is None or ob is None:
        return NotImplemented
    if oa[0].kind == 'f' or ob[0].kind == 'f':
        raise TypeError("ufunc 'bitwise' not supported for the input types")
    rt = _result_type(oa, ob)
    return _apply(oa, ob, rt, rt, lambda x, y: _cast_value(fn(x, y), rt))


# ----------------------------------------------------------------------------------------
# Array construction
# ----------------------------------------------------------------------------------------


def _build(obj):
    """Return ``(flat_values, shape, leaf dtype set)`` for nested lists/tuples/scalars."""
    shape = _shape_of(obj)
    values = []
    dts = set()
    _flatten_into(obj, shape, 0, values, dts)
    return values, tuple(shape), dts


def _shape_of(obj):
    shape = []
    cur = obj
    while True:
        if isinstance(cur, ndarray):
            shape.extend(cur._shape)
            return shape
        if isinstance(cur, (list, tuple)):
            shape.append(len(cur))
            if not cur:
                return shape
            cur = cur[0]
            continue
        return shape


def _inhomogeneous(shape, depth):
    return ValueError(
        'setting an array element with a sequence. The requested array has an '
        'inhomogeneous shape after %d dimensions. The detected shape was %s + '
        'inhomogeneous part.' % (depth, tuple(shape[:depth])))


def _flatten_into(obj, shape, depth, values, dts):
    if depth == len(shape):
        if isinstance(obj, (list, tuple)) or (isinstance(obj, ndarray) and obj._shape):
            raise _inhomogeneous(shape, depth)
        values.append(_leaf(obj, dts))
        return
    if isinstance(obj, ndarray):
        if obj._shape != tuple(shape[depth:]):
            raise _inhomogeneous(shape, depth)
        values.extend(obj._data)
        dts.add(obj._dtype)
        return
    if not isinstance(obj, (list, tuple)) or len(obj) != shape[depth]:
        raise _inhomogeneous(shape, depth)
    for item in obj:
        _flatten_into(item, shape, depth + 1, values, dts)


def _leaf(v, dts):
    if isinstance(v, generic):
        dts.add(v._dtype)
        return v._value()
    if isinstance(v, bool):
        dts.add(_BOOL)
        return v
    if isinstance(v, int):
        if not -(1 << 63) <= v < (1 << 63):
            raise OverflowError('Python int too large to convert to C long')
        dts.add(_INT64)
        return v
    if isinstance(v, float):
        dts.add(_FLOAT64)
        return v
    if isinstance(v, ndarray):  # 0-d array
        dts.add(v._dtype)
        return v._data[0]
    if hasattr(v, '__float__') and not isinstance(v, (str, bytes)):
        dts.add(_FLOAT64)
        return float(v)
    raise TypeError('unsupported value for this ndarray: %r (only bool, int and float '
                    'data are supported)' % (v,))


def array(obj, dtype=None, copy=True):
    """np.array for nested lists/tuples of bool/int/float, numpy scalars and ndarrays."""
    if isinstance(obj, ndarray):
        dt = obj._dtype if dtype is None else _as_dtype(dtype)
        data = _cast_list(obj._data, obj._dtype, dt)
        return ndarray._new(data, obj._shape, dt)
    values, shape, dts = _build(obj)
    if dtype is not None:
        dt = _as_dtype(dtype)
    elif not dts:
        dt = _FLOAT64
    else:
        it = iter(dts)
        dt = next(it)
        for d in it:
            dt = _promote(dt, d)
    # values currently hold Python bool/int/float; convert to the storage type
    if dt.kind == 'f':
        if dt is _FLOAT32:
            values = [_f32(float(v)) for v in values]
        else:
            values = [float(v) for v in values]
    elif dt.kind == 'i':
        values = [_cast_value(v, dt) for v in values]
    else:
        values = [bool(v) for v in values]
    return ndarray._new(values, shape, dt)


def asarray(obj, dtype=None):
    if isinstance(obj, ndarray) and (dtype is None or _as_dtype(dtype) is obj._dtype):
        return obj
    return array(obj, dtype)


def _shape_arg(shape):
    if isinstance(shape, (list, tuple)):
        return tuple(int(s) for s in shape)
    return (int(shape),)


def _fill(shape, value, dt):
    shape = _shape_arg(shape)
    if any(s < 0 for s in shape):
        raise ValueError('negative dimensions are not allowed')
    n = 1
    for s in shape:
        n *= s
    dt = _as_dtype(dt)
    return ndarray._new([_cast_value(value, dt)] * n, shape, dt)


def zeros(shape, dtype=None):
    return _fill(shape, 0, dtype)


def ones(shape, dtype=None):
    return _fill(shape, 1, dtype)


# ----------------------------------------------------------------------------------------
# Element-wise operations
# ----------------------------------------------------------------------------------------


def _operand(x):
    """``(dtype, is_scalar, values, shape)`` for an operand, or None if unsupported.

    ``is_scalar`` is True for Python scalars, NumPy scalars and 0-d arrays: these take
    part in NumPy 1.x's value-based casting."""
    if isinstance(x, ndarray):
        return (x._dtype, not x._shape, x._data, x._shape)
    if isinstance(x, generic):
        return (x._dtype, True, [x._value()], ())
    if isinstance(x, bool):
        return (_BOOL, True, [x], ())
    if isinstance(x, int):
        return (_INT64, True, [x], ())
    if isinstance(x, float):
        return (_FLOAT64, True, [x], ())
    if isinstance(x, (list, tuple)):
        try:
            a = array(x)
        except (TypeError, ValueError):
            return None
        return (a._dtype, not a._shape, a._data, a._shape)
    return None


def _min_scalar_fits(arr_dt, sdt, v):
    """NumPy 1.x value-based casting of a scalar ``v`` against an array dtype of the
    same or a higher kind: the array dtype unless the value does not fit."""
    if sdt is _BOOL or arr_dt is _FLOAT64:
        return arr_dt
    if sdt.kind == 'i':
        v = int(v)
        if arr_dt is _FLOAT32:
            # min_scalar_type: (u)int8/(u)int16 fit, anything wider forces float64
            return _FLOAT32 if -32768 <= v <= 65535 else _FLOAT64
        if arr_dt is _INT32:
            if -(1 << 31) <= v < (1 << 31):
                return _INT32
            return _INT64 if -(1 << 63) <= v < (1 << 63) else _FLOAT64
        return _INT64 if -(1 << 63) <= v < (1 << 63) else _FLOAT64
    # float scalar with a float array
    if arr_dt is _FLOAT32 and v == v and abs(v) != _INF and abs(v) > _F32_MAX:
        return _FLOAT64
    return arr_dt


_KIND_RANK = {'b': 0, 'i': 1, 'f': 2}


def _result_type(oa, ob):
    da, sa = oa[0], oa[1]
    db, sb = ob[0], ob[1]
    if sa == sb:
        return _promote(da, db)
    if sa:
        arr_dt, sc_dt, v = db, da, oa[2][0]
    else:
        arr_dt, sc_dt, v = da, db, ob[2][0]
    if _KIND_RANK[sc_dt.kind] > _KIND_RANK[arr_dt.kind]:
        return _promote(arr_dt, sc_dt)
    return _min_scalar_fits(arr_dt, sc_dt, v)


def _broadcast_shape(sa, sb):
    n = max(len(sa), len(sb))
    a = (1,) * (n - len(sa)) + tuple(sa)
    b = (1,) * (n - len(sb)) + tuple(sb)
    out = []
    for x, y in zip(a, b):
        if x == y or y == 1:
            out.append(x)
        elif x == 1:
            out.append(y)
        else:
            raise ValueError('operands could not be broadcast together with shapes %s %s '
                             % (_shape_str(sa), _shape_str(sb)))
    return tuple(out)


def _shape_str(shape):
    return '(' + ','.join(str(s) for s in shape) + (',)' if len(shape) == 1 else ')')


def _broadcast_index(shape, out_shape):
    """Flat source indices that broadcast an array of ``shape`` to ``out_shape``."""
    nd = len(out_shape)
    shape = (1,) * (nd - len(shape)) + tuple(shape)
    strides = _strides(shape)
    idx = [0]
    for d in range(nd):
        n = out_shape[d]
        st = strides[d] if shape[d] != 1 else 0
        if n == 1:
            continue
        if st == 0:
            idx = [i for i in idx for _ in range(n)]
        else:
            steps = [k * st for k in range(n)]
            idx = [i + s for i in idx for s in steps]
        if not idx:
            return idx
    if 0 in out_shape:
        return []
    return idx


def _strides(shape):
    st = [1] * len(shape)
    acc = 1
    for d in range(len(shape) - 1, -1, -1):
        st[d] = acc
        acc *= shape[d]
    return st


def _apply(oa, ob, in_dt, out_dt, fn):
    """Broadcast the two operands, cast both to ``in_dt`` and combine with ``fn``."""
    va = _cast_list(oa[2], oa[0], in_dt)
    vb = _cast_list(ob[2], ob[0], in_dt)
    sa, sb = oa[3], ob[3]
    if sa == sb:
        out_shape = sa
        res = [fn(x, y) for x, y in zip(va, vb)]
    elif len(vb) == 1 and len(sb) <= len(sa):
        out_shape = sa
        y = vb[0]
        res = [fn(x, y) for x in va]
    elif len(va) == 1 and len(sa) <= len(sb):
        out_shape = sb
        x = va[0]
        res = [fn(x, y) for y in vb]
    else:
        out_shape = _broadcast_shape(sa, sb)
        ia = _broadcast_index(sa, out_shape)
        ib = _broadcast_index(sb, out_shape)
        res = [fn(va[i], vb[j]) for i, j in zip(ia, ib)]
    if not out_shape:
        return out_dt.type(res[0])
    return ndarray._new(res, out_shape, out_dt)


def _fdiv(x, y):
    try:
        return x / y
    except ZeroDivisionError:
        if x != x or x == 0:
            return _NAN
        return math.copysign(_INF, x) * math.copysign(1.0, y)


def _divmod_float(a, b, rnd):
    """NumPy's npy_divmod for floats (floor division and Python-style remainder)."""
    if b == 0:
        return _fdiv(a, b), _NAN
    if a != a or b != b or a in (_INF, -_INF):
        return _NAN, _NAN
    mod = rnd(math.fmod(a, b))
    div = rnd(rnd(a - mod) / b)
    if mod:
        if (b < 0) != (mod < 0):
            mod = rnd(mod + b)
            div = rnd(div - 1.0)
    else:
        mod = math.copysign(0.0, b)
    if div != div or div in (_INF, -_INF):
        floordiv = div
    elif div:
        floordiv = float(math.floor(div))
        if rnd(div - floordiv) > 0.5:
            floordiv += 1.0
    else:
        floordiv = math.copysign(0.0, a / b)
    return floordiv, mod


def _fpow(x, y):
    try:
        r = x ** y
    except ZeroDivisionError:
        # 0 ** negative
        if y == int(y) and int(y) % 2 == 1:
            return math.copysign(_INF, x)
        return _INF
    except OverflowError:
        if x < 0 and y == int(y) and int(y) % 2 == 1:
            return -_INF
        return _INF
    if isinstance(r, complex):
        return _NAN
    return r


def _ipow(x, y, bits):
    if y < 0:
        raise ValueError('Integers to negative integer powers are not allowed.')
    return _wrap_int(pow(x, y, 1 << bits), bits)


def _arith_fn(op, dt):
    k = dt.kind
    if k == 'f':
        rnd = _f32 if dt is _FLOAT32 else float
        if op == 'add':
            return (lambda a, b: _f32(a + b)) if dt is _FLOAT32 else (lambda a, b: a + b)
        if op == 'sub':
            return (lambda a, b: _f32(a - b)) if dt is _FLOAT32 else (lambda a, b: a - b)
        if op == 'mul':
            return (lambda a, b: _f32(a * b)) if dt is _FLOAT32 else (lambda a, b: a * b)
        if op == 'truediv':
            return (lambda a, b: _f32(_fdiv(a, b))) if dt is _FLOAT32 else _fdiv
        if op == 'floordiv':
            return lambda a, b: _divmod_float(a, b, rnd)[0]
        if op == 'mod':
            return lambda a, b: _divmod_float(a, b, rnd)[1]
        if op == 'pow':
            return (lambda a, b: _f32(_fpow(a, b))) if dt is _FLOAT32 else _fpow
    elif k == 'i':
        bits = dt.itemsize * 8
        lim = 1 << (bits - 1)

        def wrap(v):
            if -lim <= v < lim:
                return v
            return _wrap_int(v, bits)

        if op == 'add':
            return lambda a, b: wrap(a + b)
        if op == 'sub':
            return lambda a, b: wrap(a - b)
        if op == 'mul':
            return lambda a, b: wrap(a * b)
        if op == 'floordiv':
            return lambda a, b: wrap(a // b) if b else 0
        if op == 'mod':
            return lambda a, b: a % b if b else 0
        if op == 'pow':
            return lambda a, b: _ipow(a, b, bits)
    else:
        if op == 'add':
            return lambda a, b: a or b
        if op == 'mul':
            return lambda a, b: a and b
        if op == 'sub':
            raise TypeError(
                'numpy boolean subtract, the `-` operator, is not supported, use the '
                'bitwise_xor, the `^` operator, or the logical_xor function instead.')
        raise TypeError('%s of two bool operands is not supported by this ndarray (NumPy '
                        'returns int8, which is not implemented)' % op)
    raise ValueError(op)  # pragma: no cover


_CMP = {
    'eq': lambda a, b: a == b,
    'ne': lambda a, b: a != b,
    'lt': lambda a, b: a < b,
    'le': lambda a, b: a <= b,
    'gt': lambda a, b: a > b,
    'ge': lambda a, b: a >= b,
}


def _binop(op, a, b):
    oa = _operand(a)
    ob = _operand(b)
    if oa is None or ob is None:
        return NotImplemented
    rt = _result_type(oa, ob)
    if op in _CMP:
        return _apply(oa, ob, rt, _BOOL, _CMP[op])
    if op == 'truediv':
        if rt.kind != 'f':
            rt = _FLOAT64
        return _apply(oa, ob, rt, rt, _arith_fn(op, rt))
    return _apply(oa, ob, rt, rt, _arith_fn(op, rt))


def _unop(op, a):
    o = _operand(a)
    dt = o[0]
    if op == 'neg':
        if dt is _BOOL:
            raise TypeError('The numpy boolean negative, the `-` operator, is not supported, '
                            'use the `~` operator or the logical_not function instead.')
        if dt.kind == 'i':
            bits = dt.itemsize * 8
            res = [_wrap_int(-v, bits) for v in o[2]]
        else:
            res = [-v for v in o[2]]
    else:  # abs
        if dt is _BOOL:
            res = list(o[2])
        elif dt.kind == 'i':
            bits = dt.itemsize * 8
            res = [_wrap_int(abs(v), bits) for v in o[2]]
        else:
            res = [abs(v) for v in o[2]]
    if not o[3]:
        return dt.type(res[0])
    return ndarray._new(res, o[3], dt)


def _exponent(o):
    """NumPy's view of a power's exponent for its fast paths: ``(kind, value)`` with
    kind 'i' or 'f', or None when the exponent is not a plain scalar."""
    if isinstance(o, ndarray):
        if o._shape or o._dtype.kind not in 'if':
            return None
        return o._dtype.kind, float(o._data[0])
    if isinstance(o, (floating, integer)):
        return o._dtype.kind, float(o._value())
    if isinstance(o, bool_):
        return 'i', float(o._v)
    if isinstance(o, int):
        if not -(1 << 63) <= o < (1 << 63):
            return None
        return 'i', float(o)
    if isinstance(o, float):
        return 'f', o
    return None


def _map(a, dt, fn):
    res = [fn(v) for v in a._data]
    if not a._shape:
        return dt.type(res[0])
    return ndarray._new(res, a._shape, dt)


def _fast_power(a, o):
    """ndarray ** scalar: NumPy computes x**2, x**0.5, x**-1, x**0 and x**1 with the
    unary ufuncs square, sqrt, reciprocal, ones_like and positive, which keep the
    array's own dtype (and, for bool, give int8)."""
    ex = _exponent(o)
    if ex is None:
        return None
    kind, e = ex
    dt = a._dtype
    if dt.kind == 'f':
        rnd = _f32 if dt is _FLOAT32 else float
        if e == 1.0:
            return _map(a, dt, lambda v: v)
        if e == -1.0:
            return _map(a, dt, lambda v: rnd(_fdiv(1.0, v)))
        if e == 0.0:
            return _map(a, dt, lambda v: 1.0)
        if e == 0.5:
            return _map(a, dt, lambda v: rnd(math.sqrt(v)) if v >= 0 or v != v
                        else _NAN)
        if e == 2.0:
            return _map(a, dt, lambda v: rnd(v * v))
        return None
    if e != 2.0:
        return None
    if dt is _BOOL:
        raise TypeError('bool_array ** 2 gives int8 in NumPy, which this ndarray does not '
                        'implement')
    if kind == 'f':
        # NumPy squares a float64 copy in place, so even a 0-d input gives an array
        return ndarray._new([float(v) * float(v) for v in a._data], a._shape, _FLOAT64)
    bits = dt.itemsize * 8
    return _map(a, dt, lambda v: _wrap_int(v * v, bits))


# ----------------------------------------------------------------------------------------
# Reductions
# ----------------------------------------------------------------------------------------


def _pairwise_sum(vals, lo, n, add):
    """NumPy's pairwise summation (blocks of 8 partial sums, split above 128)."""
    if n < 8:
        res = -0.0
        for i in range(lo, lo + n):
            res = add(res, vals[i])
        return res
    if n <= 128:
        r = list(vals[lo:lo + 8])
        i = 8
        end = n - n % 8
        while i < end:
            for j in range(8):
                r[j] = add(r[j], vals[lo + i + j])
            i += 8
        res = add(add(add(r[0], r[1]), add(r[2], r[3])), add(add(r[4], r[5]), add(r[6], r[7])))
        while i < n:
            res = add(res, vals[lo + i])
            i += 1
        return res
    n2 = n // 2
    n2 -= n2 % 8
    return add(_pairwise_sum(vals, lo, n2, add), _pairwise_sum(vals, lo + n2, n - n2, add))


def _add_f32(a, b):
    return _f32(a + b)


def _add_f64(a, b):
    return a + b


def _float_sum(vals, is32, pairwise):
    add = _add_f32 if is32 else _add_f64
    if pairwise:
        # The reduction starts from the identity 0; NumPy's iterator feeds the inner
        # loop at most 8192 (its buffer size) elements at a time, each summed pairwise.
        acc = 0.0
        n = len(vals)
        for lo in range(0, n, 8192):
            acc = add(acc, _pairwise_sum(vals, lo, min(8192, n - lo), add))
        return acc
    acc = 0.0
    for v in vals:
        acc = add(acc, v)
    return acc


class AxisError(ValueError, IndexError):
    """NumPy's AxisError: an axis argument out of range."""


def _norm_axis(axis, ndim):
    if isinstance(axis, generic):
        axis = int(axis)
    if not isinstance(axis, int) or isinstance(axis, bool):
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(axis).__name__)
    if not -ndim <= axis < ndim:
        raise AxisError('axis %d is out of bounds for array of dimension %d' % (axis, ndim))
    return axis + ndim if axis < 0 else axis


# ----------------------------------------------------------------------------------------
# Indexing
# ----------------------------------------------------------------------------------------


def _as_index(k):
    if isinstance(k, bool) or isinstance(k, bool_):
        raise IndexError('boolean scalar indices are not supported by this ndarray')
    if isinstance(k, int):
        return k
    if hasattr(k, '__index__'):
        return k.__index__()
    raise IndexError('only integers, slices (`:`), ellipsis (`...`), numpy.newaxis '
                     '(`None`) and integer or boolean arrays are valid indices')


def _plan(shape, key):
    """Translate a basic index into ``(result_shape, flat_indices)``."""
    if not isinstance(key, tuple):
        key = (key,)
    nd = len(shape)
    n_real = sum(1 for k in key if k is not None and k is not Ellipsis)
    if sum(1 for k in key if k is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    if n_real > nd:
        raise IndexError('too many indices for array: array is %d-dimensional, but %d were '
                         'indexed' % (nd, n_real))
    expanded = []
    for k in key:
        if k is Ellipsis:
            expanded.extend([slice(None)] * (nd - n_real))
        else:
            expanded.append(k)
    if Ellipsis not in key:
        expanded.extend([slice(None)] * (nd - n_real))
    strides = _strides(shape)
    offs = [0]
    out_shape = []
    axis = 0
    for k in expanded:
        if k is None:
            out_shape.append(1)
            continue
        n = shape[axis]
        st = strides[axis]
        if isinstance(k, slice):
            r = range(*k.indices(n))
            out_shape.append(len(r))
            steps = [i * st for i in r]
            offs = [o + s for o in offs for s in steps]
        else:
            i = _as_index(k)
            if not -n <= i < n:
                raise IndexError('index %d is out of bounds for axis %d with size %d'
                                 % (i, axis, n))
            if i < 0:
                i += n
            d = i * st
            offs = [o + d for o in offs]
        axis += 1
    return tuple(out_shape), offs


def _fancy_plan(arr, key):
    """Advanced indexing: integer arrays (or lists) and boolean masks on any axes, mixed
    with integers and slices, with NumPy's placement of the broadcast index dimensions (in
    place when the advanced indices are adjacent, first otherwise)."""
    items = list(key) if isinstance(key, tuple) else [key]
    items = [array(k) if isinstance(k, list) else k for k in items]
    if any(k is None for k in items):
        raise IndexError('numpy.newaxis (`None`) together with an index array is not '
                         'supported by this ndarray')
    if sum(1 for k in items if k is Ellipsis) > 1:
        raise IndexError("an index can only have a single ellipsis ('...')")
    shape = arr._shape
    nd = len(shape)
    used = sum(k.ndim if isinstance(k, ndarray) and k._dtype is _BOOL else 1
               for k in items if k is not Ellipsis)
    if used > nd:
        raise IndexError('too many indices for array: array is %d-dimensional, but %d were '
                         'indexed' % (nd, used))
    expanded = []
    for k in items:
        if k is Ellipsis:
            expanded.extend([slice(None)] * (nd - used))
        else:
            expanded.append(k)
    if not any(k is Ellipsis for k in items):
        expanded.extend([slice(None)] * (nd - used))
    strides = _strides(shape)
    entries = []  # ('adv', values, shape, axis) | ('basic', contributions, length)
    axis = 0
    for k in expanded:
        if isinstance(k, ndarray) and k._dtype is _BOOL:
            kd = len(k._shape)
            for j in range(kd):
                if k._shape[j] != shape[axis + j]:
                    raise IndexError(
                        'boolean index did not match indexed array along dimension %d; '
                        'dimension is %d but corresponding boolean dimension is %d'
                        % (axis + j, shape[axis + j], k._shape[j]))
            hits = [i for i, m in enumerate(k._data) if m]
            kst = _strides(k._shape)
            for j in range(kd):
                vals = [(h // kst[j]) % k._shape[j] for h in hits]
                entries.append(('adv', vals, (len(hits),), axis + j))
            axis += kd
        elif isinstance(k, ndarray):
            if k._dtype.kind != 'i':
                raise IndexError('arrays used as indices must be of integer (or boolean) type')
            entries.append(('adv', list(k._data), k._shape, axis))
            axis += 1
        elif isinstance(k, slice):
            r = range(*k.indices(shape[axis]))
            st = strides[axis]
            entries.append(('basic', [i * st for i in r], len(r)))
            axis += 1
        else:
            entries.append(('adv', [_as_index(k)], (), axis))
            axis += 1
    adv = [e for e in entries if e[0] == 'adv']
    bshape = ()
    for e in adv:
        bshape = _broadcast_shape(bshape, e[2])
    nb = 1
    for s in bshape:
        nb *= s
    contrib = [0] * nb
    for _, vals, eshape, ax in adv:
        n = shape[ax]
        idx = _broadcast_index(eshape, bshape) if bshape else [0]
        st = strides[ax]
        for p, i in enumerate(idx):
            v = vals[i]
            if not -n <= v < n:
                raise IndexError('index %d is out of bounds for axis %d with size %d'
                                 % (v, ax, n))
            contrib[p] += (v + n if v < 0 else v) * st
    positions = [i for i, e in enumerate(entries) if e[0] == 'adv']
    adjacent = positions == list(range(positions[0], positions[-1] + 1))
    groups = []
    out_shape = []
    if adjacent:
        for i, e in enumerate(entries):
            if i == positions[0]:
                groups.append(contrib)
                out_shape.extend(bshape)
            elif e[0] == 'basic':
                groups.append(e[1])
                out_shape.append(e[2])
    else:
        groups.append(contrib)
        out_shape.extend(bshape)
        for e in entries:
            if e[0] == 'basic':
                groups.append(e[1])
                out_shape.append(e[2])
    offs = [0]
    for g in groups:
        offs = [o + c for o in offs for c in g]
    return tuple(out_shape), offs


def _keeps_array(key):
    """An Ellipsis or None in the key makes even a fully indexed result a 0-d array."""
    if isinstance(key, tuple):
        return any(k is None or k is Ellipsis for k in key)
    return key is None or key is Ellipsis


def _is_fancy(key):
    if isinstance(key, (ndarray, list)):
        return True
    if isinstance(key, tuple):
        return any(isinstance(k, (ndarray, list)) for k in key)
    return False


# ----------------------------------------------------------------------------------------
# Printing
# ----------------------------------------------------------------------------------------

# NumPy's print options (np.set_printoptions sets them; these are the defaults).
_LINEWIDTH = 75
_THRESHOLD = 1000
_EDGEITEMS = 3
_PRECISION = 8
_SUPPRESS = False


def _shown(n, summarize):
    if summarize and n > 2 * _EDGEITEMS:
        return list(range(_EDGEITEMS)) + list(range(n - _EDGEITEMS, n))
    return list(range(n))


def _shown_values(a, summarize):
    if not summarize:
        return a._data
    strides = _strides(a._shape)
    offs = [0]
    for n, st in zip(a._shape, strides):
        steps = [i * st for i in _shown(n, True)]
        offs = [o + s for o in offs for s in steps]
    return [a._data[o] for o in offs]


def _formatter(a, values):
    dt = a._dtype
    if dt.kind == 'f':
        return _FloatFormat(values, dt is _FLOAT32)
    if dt.kind == 'i':
        return _IntFormat(values)
    return _BoolFormat(not a._shape)


def _layout(a, fmt, width, indent, sep, summarize):
    """Bracketed, wrapped text of the array (NumPy's _formatArray layout)."""
    shape = a._shape
    data = a._data
    nd = len(shape)
    strides = _strides(shape)
    sep_tail = sep.rstrip()
    row_limit_cut = max(len(sep_tail), 1)

    def rec(off, axis, hang, cur_w):
        if axis == nd:
            return fmt(data[off])
        n = shape[axis]
        st = strides[axis]
        deeper = hang + ' '
        deeper_w = cur_w - 1
        cut = summarize and n > 2 * _EDGEITEMS
        if cut:
            items = list(range(_EDGEITEMS)) + [None] + list(range(n - _EDGEITEMS, n))
        else:
            items = list(range(n))
        if axis == nd - 1:
            limit = cur_w - row_limit_cut
            out = []
            line = hang
            last = len(items) - 1
            for j, i in enumerate(items):
                word = '...' if i is None else rec(off + i * st, axis + 1, deeper, deeper_w)
                if len(line) + len(word) > limit and len(line) > len(hang):
                    out.append(line.rstrip() + '\n')
                    line = hang
                line += word
                if j != last:
                    line += sep
            out.append(line)
            s = ''.join(out)
        else:
            line_sep = sep_tail + '\n' * (nd - axis - 1)
            parts = []
            last = len(items) - 1
            for j, i in enumerate(items):
                if i is None:
                    parts.append(hang + '...' + line_sep)
                    continue
                nested = rec(off + i * st, axis + 1, deeper, deeper_w)
                parts.append(hang + nested + (line_sep if j != last else ''))
            s = ''.join(parts)
        return '[' + s[len(hang):] + ']'

    return rec(0, 0, indent, width)


def _array_body(a, sep, prefix, width):
    summarize = len(a._data) > _THRESHOLD
    fmt = _formatter(a, _shown_values(a, summarize))
    return _layout(a, fmt, width, ' ' + ' ' * len(prefix), sep, summarize)


def _array_str(a):
    if not a._shape:
        return str(a._dtype.type(a._data[0]))
    if not a._data:
        return '[]'
    return _array_body(a, ' ', '', _LINEWIDTH)


_IMPLIED = (_FLOAT64, _INT64, _BOOL)


def _array_repr(a):
    prefix = 'array('
    implied = a._dtype in _IMPLIED and len(a._data) > 0
    if a._data or a._shape == (0,):
        body = '[]' if not a._data else _array_body(a, ', ', prefix, _LINEWIDTH - 1)
    else:
        body = '[], shape=%r' % (a._shape,)
    if implied:
        return prefix + body + ')'
    text = prefix + body + ','
    tail = 'dtype=%s)' % a._dtype.name
    last_len = len(text) - (text.rfind('\n') + 1)
    spacer = ' '
    if last_len + len(tail) + 1 > _LINEWIDTH:
        spacer = '\n' + ' ' * len(prefix)
    return text + spacer + tail


# ----------------------------------------------------------------------------------------
# ndarray
# ----------------------------------------------------------------------------------------


class ndarray(_Bitwise, _Arithmetic):
    """An N-dimensional array: a flat list of Python values in C order, a shape and a
    dtype.  Storage values are Python bool / int / float (float32 values rounded)."""

    __slots__ = ('_data', '_shape', '_dtype', '__weakref__')
    __hash__ = None

    def __init__(self, shape=(), dtype=None):
        shape = _shape_arg(shape)
        dt = _as_dtype(dtype)
        n = 1
        for s in shape:
            n *= s
        self._data = [_cast_value(0, dt)] * n
        self._shape = shape
        self._dtype = dt

    @classmethod
    def _new(cls, data, shape, dt):
        self = object.__new__(cls)
        self._data = data
        self._shape = tuple(shape)
        self._dtype = dt
        return self

    # -- basic attributes -------------------------------------------------------------

    @property
    def shape(self):
        return self._shape

    @shape.setter
    def shape(self, value):
        self._shape = self.reshape(value)._shape

    @property
    def ndim(self):
        return len(self._shape)

    @property
    def size(self):
        return len(self._data)

    @property
    def dtype(self):
        return self._dtype

    @property
    def itemsize(self):
        return self._dtype.itemsize

    @property
    def nbytes(self):
        return self._dtype.itemsize * len(self._data)

    @property
    def T(self):
        return self.transpose()

    def __len__(self):
        if not self._shape:
            raise TypeError('len() of unsized object')
        return self._shape[0]

    def __iter__(self):
        if not self._shape:
            raise TypeError('iteration over a 0-d array')
        n = self._shape[0]
        if len(self._shape) == 1:
            t = self._dtype.type
            return iter([t(v) for v in self._data])
        inner = len(self._data) // n if n else 0
        sub = self._shape[1:]
        return iter([ndarray._new(self._data[i * inner:(i + 1) * inner], sub, self._dtype)
                     for i in range(n)])

    def __contains__(self, value):
        return bool((self == value).any())

    # -- conversion -------------------------------------------------------------------

    def tolist(self):
        if not self._shape:
            return self._data[0]
        data = self._data

        def rec(off, axis, stride_list):
            n = self._shape[axis]
            if axis == len(self._shape) - 1:
                return list(data[off:off + n])
            st = stride_list[axis]
            return [rec(off + i * st, axis + 1, stride_list) for i in range(n)]

        return rec(0, 0, _strides(self._shape))

    def item(self, *args):
        if not args:
            if len(self._data) != 1:
                raise ValueError('can only convert an array of size 1 to a Python scalar')
            return self._data[0]
        if len(args) == 1 and isinstance(args[0], tuple):
            args = args[0]
        if len(args) == 1:
            i = _as_index(args[0])
            n = len(self._data)
            if not -n <= i < n:
                raise IndexError('index %d is out of bounds for size %d' % (i, n))
            return self._data[i]
        _, offs = _plan(self._shape, tuple(args))
        return self._data[offs[0]]

    def _scalar_value(self):
        if len(self._data) != 1:
            raise TypeError('only length-1 arrays can be converted to Python scalars')
        return self._data[0]

    def __float__(self):
        return float(self._scalar_value())

    def __int__(self):
        return int(self._scalar_value())

    def __index__(self):
        if self._shape or self._dtype.kind != 'i':
            raise TypeError('only integer scalar arrays can be converted to a scalar index')
        return self._data[0]

    def __bool__(self):
        if len(self._data) == 1:
            return bool(self._data[0])
        if not self._data:
            return False
        raise ValueError('The truth value of an array with more than one element is '
                         'ambiguous. Use a.any() or a.all()')

    def __complex__(self):
        return complex(self._scalar_value())

    def astype(self, dtype):
        dt = _as_dtype(dtype)
        return ndarray._new(_cast_list(self._data, self._dtype, dt), self._shape, dt)

    def copy(self):
        return ndarray._new(list(self._data), self._shape, self._dtype)

    def fill(self, value):
        v = _cast_value(value, self._dtype)
        self._data[:] = [v] * len(self._data)

    # -- shape manipulation -----------------------------------------------------------

    def reshape(self, *shape, **kwargs):
        if kwargs.pop('order', 'C') != 'C' or kwargs:
            raise TypeError('only reshape(*shape) in C order is supported')
        if len(shape) == 1 and isinstance(shape[0], (tuple, list)):
            shape = tuple(shape[0])
        shape = tuple(_as_index(s) for s in shape)
        size = len(self._data)
        if shape.count(-1) > 1:
            raise ValueError('can only specify one unknown dimension')
        if -1 in shape:
            known = 1
            for s in shape:
                if s != -1:
                    known *= s
            if known == 0 or size % known:
                raise ValueError('cannot reshape array of size %d into shape %s'
                                 % (size, _shape_str(shape).replace('-1', 'newaxis')))
            shape = tuple(size // known if s == -1 else s for s in shape)
        n = 1
        for s in shape:
            n *= s
        if n != size or any(s < 0 for s in shape):
            raise ValueError('cannot reshape array of size %d into shape %s'
                             % (size, _shape_str(shape)))
        # like NumPy's view: the new array shares the buffer
        return ndarray._new(self._data, shape, self._dtype)

    def flatten(self):
        return ndarray._new(list(self._data), (len(self._data),), self._dtype)

    def ravel(self):
        return ndarray._new(self._data, (len(self._data),), self._dtype)

    def squeeze(self, axis=None):
        if axis is None:
            return ndarray._new(self._data, tuple(s for s in self._shape if s != 1),
                                self._dtype)
        ax = _norm_axis(axis, len(self._shape))
        if self._shape[ax] != 1:
            raise ValueError('cannot select an axis to squeeze out which has size not '
                             'equal to one')
        return ndarray._new(self._data, self._shape[:ax] + self._shape[ax + 1:], self._dtype)

    def transpose(self, *axes):
        nd = len(self._shape)
        if len(axes) == 1 and (axes[0] is None or isinstance(axes[0], (tuple, list))):
            axes = axes[0]
        if not axes:
            axes = tuple(range(nd - 1, -1, -1))
        axes = tuple(_norm_axis(a, nd) for a in axes)
        if sorted(axes) != list(range(nd)):
            raise ValueError("axes don't match array")
        if nd < 2:
            return self.copy()
        strides = _strides(self._shape)
        new_shape = tuple(self._shape[a] for a in axes)
        offs = [0]
        for a in axes:
            st = strides[a]
            steps = [i * st for i in range(self._shape[a])]
            offs = [o + s for o in offs for s in steps]
        data = self._data
        return ndarray._new([data[o] for o in offs], new_shape, self._dtype)

    # -- indexing ---------------------------------------------------------------------

    def __getitem__(self, key):
        if _is_fancy(key):
            shape, offs = _fancy_plan(self, key)
        else:
            shape, offs = _plan(self._shape, key)
        data = self._data
        if not shape and not _keeps_array(key):
            return self._dtype.type(data[offs[0]])
        return ndarray._new([data[o] for o in offs], shape, self._dtype)

    def __setitem__(self, key, value):
        if _is_fancy(key):
            shape, offs = _fancy_plan(self, key)
        else:
            shape, offs = _plan(self._shape, key)
        src = asarray(value)
        vals = _cast_list(src._data, src._dtype, self._dtype)
        if src._shape != shape:
            idx = _broadcast_index(src._shape, _broadcast_to_check(src._shape, shape))
            vals = [vals[i] for i in idx]
        for o, v in zip(offs, vals):
            self._data[o] = v

    # -- printing ---------------------------------------------------------------------

    def __repr__(self):
        return _array_repr(self)

    def __str__(self):
        return _array_str(self)

    def __format__(self, spec):
        if not spec:
            return str(self)
        if not self._shape:
            return format(self._dtype.type(self._data[0]), spec)
        raise TypeError('unsupported format string passed to numpy.ndarray.__format__')

    # -- arithmetic and comparison ----------------------------------------------------

    def __pow__(self, o, mod=None):
        if mod is not None:
            return NotImplemented
        fast = _fast_power(self, o)
        if fast is not None:
            return fast
        return _binop('pow', self, o)

    def __eq__(self, o):
        res = _binop('eq', self, o)
        if res is NotImplemented:  # e.g. arr == None: elementwise False, as in NumPy
            return self._fill_bool(False)
        return res

    def __ne__(self, o):
        res = _binop('ne', self, o)
        if res is NotImplemented:
            return self._fill_bool(True)
        return res

    def _fill_bool(self, value):
        if not self._shape:
            return bool_(value)
        return ndarray._new([value] * len(self._data), self._shape, _BOOL)

    def __pos__(self):
        if not self._shape:
            return self._dtype.type(self._data[0])
        return self.copy()

    def __abs__(self):
        return _unop('abs', self)

    def __invert__(self):
        if self._dtype is _BOOL:
            return ndarray._new([not v for v in self._data], self._shape, _BOOL)
        if self._dtype.kind == 'i':
            return ndarray._new([~v for v in self._data], self._shape, self._dtype)
        raise TypeError("ufunc 'invert' not supported for the input types")


    # -- reductions -------------------------------------------------------------------

    def _lanes(self, axis, ufunc=True):
        """Split the data into the lanes reduced over ``axis``.

        Returns ``(lanes, out_shape, contiguous)``; ``contiguous`` tells whether NumPy
        would reduce each lane in one inner loop (pairwise summation for floats)."""
        shape = self._shape
        data = self._data
        if axis is None or (ufunc and not shape and axis in (0, -1)):
            # (ufunc reductions accept axis 0 / -1 on 0-d arrays)
            return [data], (), True
        ax = _norm_axis(axis, len(shape))
        n = shape[ax]
        inner = 1
        for s in shape[ax + 1:]:
            inner *= s
        outer = 1
        for s in shape[:ax]:
            outer *= s
        block = n * inner
        lanes = []
        for o in range(outer):
            base = o * block
            for i in range(inner):
                lanes.append(data[base + i:base + block:inner] if inner > 1
                             else data[base:base + block])
        out_shape = shape[:ax] + shape[ax + 1:]
        return lanes, out_shape, inner == 1

    def _finish(self, vals, out_shape, dt, axis, keepdims):
        if keepdims and not self._shape:
            return ndarray._new(vals, (), dt)
        if keepdims:
            if axis is None:
                out_shape = (1,) * len(self._shape)
            else:
                ax = _norm_axis(axis, len(self._shape))
                out_shape = self._shape[:ax] + (1,) + self._shape[ax + 1:]
        if not out_shape and not keepdims:
            return dt.type(vals[0])
        return ndarray._new(vals, out_shape, dt)

    def _sum_lanes(self, lanes, contiguous, dt):
        if dt.kind == 'f':
            is32 = dt is _FLOAT32
            src = self._dtype
            res = []
            for lane in lanes:
                if src is not dt:
                    lane = _cast_list(lane, src, dt)
                res.append(_float_sum(lane, is32, contiguous))
            return res
        bits = dt.itemsize * 8
        return [_wrap_int(sum(int(v) for v in lane), bits) for lane in lanes]

    def sum(self, axis=None, dtype=None, keepdims=False):
        if dtype is not None:
            dt = _as_dtype(dtype)
        elif self._dtype.kind == 'f':
            dt = self._dtype
        else:
            dt = _INT64
        lanes, out_shape, contiguous = self._lanes(axis)
        return self._finish(self._sum_lanes(lanes, contiguous, dt), out_shape, dt, axis,
                            keepdims)

    def prod(self, axis=None, keepdims=False):
        dt = self._dtype if self._dtype.kind == 'f' else _INT64
        lanes, out_shape, _ = self._lanes(axis)
        res = []
        mul = _arith_fn('mul', dt)
        for lane in lanes:
            acc = _cast_value(1, dt)
            for v in _cast_list(lane, self._dtype, dt):
                acc = mul(acc, v)
            res.append(acc)
        return self._finish(res, out_shape, dt, axis, keepdims)

    def mean(self, axis=None, keepdims=False):
        dt = self._dtype if self._dtype.kind == 'f' else _FLOAT64
        lanes, out_shape, contiguous = self._lanes(axis, False)
        sums = self._sum_lanes(lanes, contiguous, dt)
        rnd = _f32 if dt is _FLOAT32 else float
        res = [rnd(_fdiv(s, float(len(lane)))) for s, lane in zip(sums, lanes)]
        return self._finish(res, out_shape, dt, axis, keepdims)

    def var(self, axis=None, ddof=0, keepdims=False):
        return self._var(axis, ddof, keepdims, False)

    def std(self, axis=None, ddof=0, keepdims=False):
        return self._var(axis, ddof, keepdims, True)

    def _var(self, axis, ddof, keepdims, root):
        dt = self._dtype if self._dtype.kind == 'f' else _FLOAT64
        is32 = dt is _FLOAT32
        rnd = _f32 if is32 else float
        lanes, out_shape, contiguous = self._lanes(axis, False)
        res = []
        for lane in lanes:
            vals = _cast_list(lane, self._dtype, dt)
            n = len(vals)
            mean = rnd(_fdiv(_float_sum(vals, is32, contiguous), float(n)))
            sq = [rnd(rnd(v - mean) * rnd(v - mean)) for v in vals]
            var = rnd(_fdiv(_float_sum(sq, is32, contiguous), float(max(n - ddof, 0))))
            if root:
                var = rnd(math.sqrt(var)) if var >= 0 else _NAN
            res.append(var)
        return self._finish(res, out_shape, dt, axis, keepdims)

    def _extreme(self, axis, keepdims, pick, name):
        lanes, out_shape, _ = self._lanes(axis)
        res = []
        for lane in lanes:
            if not lane:
                raise ValueError('zero-size array to reduction operation %s which has no '
                                 'identity' % name)
            if self._dtype.kind == 'f' and any(v != v for v in lane):
                res.append(_NAN)
            else:
                res.append(pick(lane))
        return self._finish(res, out_shape, self._dtype, axis, keepdims)

    def max(self, axis=None, keepdims=False):
        return self._extreme(axis, keepdims, max, 'maximum')

    def min(self, axis=None, keepdims=False):
        return self._extreme(axis, keepdims, min, 'minimum')

    def _arg(self, axis, better):
        data = self.ravel() if axis is None else self
        lanes, out_shape, _ = data._lanes(None if axis is None else axis)
        res = []
        for lane in lanes:
            if not lane:
                raise ValueError('attempt to get argmax of an empty sequence')
            best = 0
            for i in range(1, len(lane)):
                v = lane[i]
                b = lane[best]
                if b != b:
                    break
                if v != v or better(v, b):
                    best = i
            res.append(best)
        return self._finish(res, out_shape, _INT64, axis, False)

    def argmax(self, axis=None):
        return self._arg(axis, lambda v, b: v > b)

    def argmin(self, axis=None):
        return self._arg(axis, lambda v, b: v < b)

    def any(self, axis=None, keepdims=False):
        lanes, out_shape, _ = self._lanes(axis)
        return self._finish([any(lane) for lane in lanes], out_shape, _BOOL, axis, keepdims)

    def all(self, axis=None, keepdims=False):
        lanes, out_shape, _ = self._lanes(axis)
        return self._finish([all(lane) for lane in lanes], out_shape, _BOOL, axis, keepdims)


def _broadcast_to_check(src_shape, dst_shape):
    out = _broadcast_shape(src_shape, dst_shape)
    if out != tuple(dst_shape):
        raise ValueError('could not broadcast input array from shape %s into shape %s'
                         % (_shape_str(src_shape), _shape_str(dst_shape)))
    return out


# Programs see these classes as NumPy's (``type(sess.run(x))`` prints
# ``<class 'numpy.ndarray'>``).
for _cls in (ndarray, dtype, generic, floating, integer, float32, float64, int32, int64, bool_,
             AxisError):
    _cls.__module__ = 'numpy'
del _cls
