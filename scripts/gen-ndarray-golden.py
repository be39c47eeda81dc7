#!/usr/bin/env python3
"""Generate test/runtime/ndarray-golden.json: what NumPy 1.x prints and computes.

Dev tool only (CI never runs it).  The oracle must be a real NumPy 1.x, because the
pure-Python ndarray (src/runtime/python/numpy/_ndarray.py) reproduces NumPy 1.x:
its printing (the same from 1.14 to 1.26 for the default options, but for the two
float32 corner cases below) and its value-based type promotion (NumPy 2's NEP 50 changed ``np.float32(1) + 1.0`` and friends).  NumPy
2.x with ``np.set_printoptions(legacy='1.25')`` is *not* enough: besides promotion, it
compares float32 extremes in float32 when choosing scientific notation, so
``np.array([1e-4], np.float32)`` prints ``[0.0001]`` there but ``[1.e-04]`` in 1.x.

TensorFlow 1.15 pins numpy < 1.19, and NumPy 1.21 (PR #18629, ``min_digits``) changed
how array *elements* are padded to a common number of digits.  Two float32 corner cases
print differently since: elements in scientific mode whose shortest digits are not the
correctly rounded ones (e.g. 2**90 -> ``1.2379400e+27`` before, ``1.2379401e+27`` after),
and float32 integers above 2**26 in positional mode (``89382950.`` before, ``89382952.``
after).  ``use_pre_1_21_element_format`` puts the earlier element formatter back, so the
golden file shows what TF 1.15-era NumPy printed.

Set-up used for the committed file (a NumPy 1.26.4 wheel for CPython 3.11)::

    python3.11 -m venv .venv-np1 && .venv-np1/bin/pip install numpy==1.26.4
    .venv-np1/bin/python scripts/gen-ndarray-golden.py   # output is already prettier-clean

File format: ``{"meta": {...}, "<group>": ["<case as compact JSON text>", ...], ...}``,
one case per line.  Inside a case, array data is again JSON *text* in a string, so
NaN/Infinity survive::

    ARR    = {"arr": "<json nested list>", "dtype": "float32", "shape": [...]}
           | {"gen": [n, seed, scale], "dtype": ..., "shape": [...]}  # values by gen_values
    SCALAR = {"sc": "<json value>", "dtype": "float32"}          # a NumPy scalar
    PY     = {"py": "<json value>"}                              # a Python bool/int/float
    result = describe(value) | {"error": "ValueError", "msg": "..."}

Groups: print (str/repr/tolist of one array), scalars, arith ({"op", "args", "result"}),
and index / methods / reduce, where each case is one array with its list of "runs".
The test driver in test/runtime/ndarray.test.ts has its own copy of ``describe``,
``list_check`` and ``gen_values``: keep them in step.  Cases whose NumPy result has a
dtype the module does not implement (int8 from bool // bool and the like) are skipped.
"""

import json
import math
import os
import random
import sys
import zlib

import numpy as np

if not np.__version__.startswith('1.'):
    sys.exit('gen-ndarray-golden.py needs NumPy 1.x as its oracle (found %s)' % np.__version__)

np.seterr(all='ignore')


def use_pre_1_21_element_format():
    """Format array elements as NumPy 1.14-1.20 did: fixed precision in scientific mode,
    no ``min_digits`` in positional mode (the layout pass is unchanged)."""
    from numpy.core import arrayprint as ap

    def call(self, x):
        if not np.isfinite(x):
            if np.isnan(x):
                ret = 'nan'
            else:
                ret = '-inf' if x < 0 else 'inf'
            return ' ' * (self.pad_left + self.pad_right + 1 - len(ret)) + ret
        if self.exp_format:
            return np.format_float_scientific(x, precision=self.precision, unique=False,
                                              trim='k', sign=self.sign == '+',
                                              pad_left=self.pad_left,
                                              exp_digits=self.exp_size)
        return np.format_float_positional(x, precision=self.precision, unique=self.unique,
                                          fractional=True, trim=self.trim,
                                          sign=self.sign == '+', pad_left=self.pad_left,
                                          pad_right=self.pad_right)

    assert np.get_printoptions()['floatmode'] == 'maxprec'
    ap.FloatingFormat.__call__ = call


use_pre_1_21_element_format()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, 'test', 'runtime', 'ndarray-golden.json')

R = random.Random(20240515)
DTYPES = ['float32', 'float64', 'int32', 'int64', 'bool']
NP_DT = {'float32': np.float32, 'float64': np.float64, 'int32': np.int32, 'int64': np.int64,
         'bool': np.bool_}


# -- helpers shared in spirit with the driver in test/runtime/ndarray.test.ts -----------

def gen_values(n, seed, scale=1.0):
    """Deterministic doubles, computed identically by the test driver."""
    return [(((i * 7919 + seed * 104729) % 10007) / 1000.0 - 5.0) * scale for i in range(n)]


def gen_array(n, seed, dtype, shape, scale=1.0):
    a = np.array(gen_values(n, seed, scale), dtype=NP_DT[dtype]).reshape(shape)
    spec = {'gen': [n, seed, scale], 'dtype': dtype, 'shape': list(shape)}
    return a, spec


def jtext(v):
    return json.dumps(v, allow_nan=True)


def py_value(v):
    if isinstance(v, (bool, np.bool_)):
        return bool(v)
    if isinstance(v, (int, np.integer)):
        return int(v)
    return float(v)


def nested(a):
    """Nested Python lists (exact float32 values as doubles) of a NumPy array."""
    return a.tolist()


def arr_spec(a):
    return {'arr': jtext(nested(a)), 'dtype': str(a.dtype), 'shape': list(a.shape)}


def list_check(a):
    """repr(a.tolist()) for small arrays, its CRC32 for big ones."""
    text = repr(a.tolist())
    if a.size <= 200:
        return {'tolist': text}
    return {'tolist_crc32': zlib.crc32(text.encode())}


def describe(x):
    if isinstance(x, np.ndarray):
        d = {'type': 'ndarray', 'dtype': str(x.dtype), 'shape': list(x.shape)}
        if x.size <= 200:
            d['repr'] = repr(x)
        else:
            d['repr_crc32'] = zlib.crc32(repr(x).encode())
        d.update(list_check(x))
        return d
    if isinstance(x, np.generic):
        return {'type': type(x).__name__, 'dtype': str(x.dtype), 'repr': repr(x),
                'item': repr(x.item())}
    return {'type': type(x).__name__, 'repr': repr(x)}


def run(fn):
    try:
        return describe(fn())
    except Exception as e:  # noqa: BLE001 - the error is the expected result
        return {'error': type(e).__name__, 'msg': str(e)}


def mk(data, dtype):
    return np.array(data, dtype=NP_DT[dtype])


def f32(x):
    return float(np.float32(x))


# -- value generators -------------------------------------------------------------------

def rand_float(kind):
    r = R.random()
    if kind == 'unit':
        return R.uniform(-1, 1)
    if kind == 'pos':
        return R.uniform(0, 10)
    if kind == 'round1':
        return round(R.uniform(-100, 100), 1)
    if kind == 'round2':
        return round(R.uniform(-10, 10), 2)
    if kind == 'int':
        return float(R.randint(-1000, 1000))
    if kind == 'wide':
        return R.choice([-1, 1]) * 10 ** R.uniform(-8, 12)
    if kind == 'tiny':
        return R.uniform(-1, 1) * 10 ** R.uniform(-40, -4)
    if kind == 'huge':
        return R.uniform(-1, 1) * 10 ** R.uniform(8, 30)
    if kind == 'normal':
        return R.gauss(0, 1) * 10 ** R.randint(-3, 5)
    if kind == 'near1000':
        return R.choice([1.0, 1000.0, 999.9, 1000.1, 0.001, 0.0001, 0.00011, 1e8, 99999999.0])
    if kind == 'special':
        return R.choice([math.nan, math.inf, -math.inf, 0.0, -0.0, 1.0, -1.0, 0.5])
    return r


FLOAT_KINDS = ['unit', 'pos', 'round1', 'round2', 'int', 'wide', 'tiny', 'huge', 'normal',
               'near1000', 'special']


def rand_array(dtype, shape, kind=None):
    n = 1
    for s in shape:
        n *= s
    if dtype in ('float32', 'float64'):
        kind = kind or R.choice(FLOAT_KINDS)
        vals = [rand_float(kind if kind != 'mixed' else R.choice(FLOAT_KINDS))
                for _ in range(n)]
        if kind not in ('special',) and R.random() < 0.1 and n:
            vals[R.randrange(n)] = R.choice([math.nan, math.inf, -math.inf])
    elif dtype in ('int32', 'int64'):
        hi = R.choice([9, 99, 1000, 10 ** 5, 2 ** 31 - 1] + ([2 ** 63 - 1] if dtype == 'int64'
                                                            else []))
        lo = R.choice([0, -hi, -9])
        lo = max(lo, -2 ** 31 if dtype == 'int32' else -2 ** 63)
        vals = [R.randint(lo, hi) for _ in range(n)]
    else:
        p = R.random()
        vals = [R.random() < p for _ in range(n)]
    return np.array(vals, dtype=NP_DT[dtype]).reshape(shape)


# -- printing cases ---------------------------------------------------------------------

def print_case(a, note='', spec=None):
    case = {'note': note, 'a': spec or arr_spec(a), 'str': str(a), 'repr': repr(a)}
    if note in ('hand', '0d', 'empty') or note.startswith('rand-'):
        case.update(list_check(a))
    return case


def print_cases():
    cases = []
    hand = [
        [1.0, 2.0], [0.5, 1.5], [1.0, 1 / 3], [0.1, 0.2, 0.3], [1e-4, 1.0], [1e-5],
        [1e8], [99999999.0], [1e16], [123456789.123], [1.0, 1000.0], [1.0, 1001.0],
        [0.001, 1.0], [0.0011, 1.1], [math.nan], [math.inf], [-math.inf],
        [math.nan, math.inf, -math.inf], [1.0, math.nan], [-1.0, math.nan],
        [1e10, math.nan], [1e-10, -math.inf], [0.0, -0.0], [-0.0], [0.0], [0.0, 0.0],
        [-1.5, 2.25, 3.0], [1e-300, 1e300], [5e-324], [1.7976931348623157e308],
        [0.1 + 0.2], [2 / 3, -2 / 3], [1e7, 1.0], [1e7, 0.1], [12345678.9],
        [3.14159265358979], [1e-4], [0.00011], [1e100, -1e-100], [-1e-5, 1e5],
        [100.0, 0.5], [1.0, -1.0, math.nan, math.inf], [math.inf, -math.inf],
        [1.5e-5, 2.5e-5], [1e15], [1e16, 1.0], [0.1, -0.1], [1234.5678, 0.001234],
        [6.02214076e23, 1.602176634e-19], [2.0 ** 24, 2.0 ** 24 + 1], [999.999, 1.0],
        [9.9999999, 1.0], [0.99999999999, 1.0], [1e-8, 1e-9], [1e22, 1e23],
    ]
    for dt in ('float64', 'float32'):
        for vals in hand:
            cases.append(print_case(mk(vals, dt), 'hand'))
        for vals in ([[1.0, 2.0], [3.0, 4.0]], [[1e-5, 1.0], [math.nan, -math.inf]],
                     [[[1, 2], [3, 4]], [[5, 6], [7, 8.5]]], [[-0.0, 1.0]]):
            cases.append(print_case(mk(vals, dt), 'hand'))
    # 0-d arrays of every dtype
    for dt in DTYPES:
        if dt in ('float32', 'float64'):
            vals = [0.0, -0.0, 1.0, 2.5, -2.5, 0.1, 1 / 3, 1e-4, 1e-5, 1e8, 1e16, 1e-20,
                    math.nan, math.inf, -math.inf, 123456.789, 1e22]
        elif dt == 'bool':
            vals = [True, False]
        else:
            vals = [0, 1, -1, 123, -(2 ** 31), 2 ** 31 - 1] + ([2 ** 63 - 1, -(2 ** 63)]
                                                              if dt == 'int64' else [])
        for v in vals:
            cases.append(print_case(np.array(v, dtype=NP_DT[dt]), '0d'))
    # empty arrays
    for dt in DTYPES:
        for shape in [(0,), (0, 3), (3, 0), (2, 0, 2), (0, 0)]:
            cases.append(print_case(np.zeros(shape, dtype=NP_DT[dt]), 'empty'))
    # ints and bools, hand-picked
    for dt in ('int32', 'int64'):
        for vals in ([1, 2, 3], [-1, 0, 1], [0], [-5], [1, -10, 100, -1000],
                     [2 ** 31 - 1, -(2 ** 31)], [[1, 2], [30, 4]], [[[1]], [[-1]]]):
            cases.append(print_case(mk(vals, dt), 'hand'))
    cases.append(print_case(mk([2 ** 63 - 1, -(2 ** 63), 0], 'int64'), 'hand'))
    for vals in ([True, False], [True, True], [False], [[True, False], [False, True]]):
        cases.append(print_case(mk(vals, 'bool'), 'hand'))
    # random small arrays: every dtype, every rank up to 3, every float kind
    shapes = [(1,), (2,), (3,), (5,), (7,), (10,), (1, 1), (2, 2), (2, 3), (3, 2), (4, 5),
              (1, 6), (6, 1), (2, 2, 2), (2, 3, 4), (3, 1, 2), (1, 2, 3), (2, 2, 2, 2),
              (1, 1, 1, 1), (2, 1, 3, 1)]
    for dt in ('float32', 'float64'):
        for kind in FLOAT_KINDS + ['mixed']:
            for shape in R.sample(shapes, 5):
                cases.append(print_case(rand_array(dt, shape, kind), 'rand-' + kind))
    for dt in ('int32', 'int64', 'bool'):
        for shape in shapes:
            cases.append(print_case(rand_array(dt, shape), 'rand'))
            cases.append(print_case(rand_array(dt, shape), 'rand'))
    # long rows that wrap, with every fill of the last line (dtype= placement in repr)
    for dt in ('float32', 'float64', 'int32', 'int64', 'bool'):
        for n in range(8 + DTYPES.index(dt) % 2, 41, 2):
            if dt.startswith('float'):
                kind = R.choice(['unit', 'round1', 'round2', 'int', 'pos'])
                a = rand_array(dt, (n,), kind)
            else:
                a = rand_array(dt, (n,))
            cases.append(print_case(a, 'wrap'))
    for dt in DTYPES:
        for shape in R.sample([(3, 20), (2, 3, 15), (4, 12), (2, 30), (5, 2, 9)], 3):
            cases.append(print_case(rand_array(dt, shape), 'wrap'))
    # fixed-width values to hit every line-fill position exactly
    for dt, widths in (('float32', (1, 8)), ('int32', (3,)), ('float64', (4,))):
        for width in widths:
            for n in range(1, 30):
                if dt.startswith('float'):
                    vals = [R.randint(10 ** (width - 1), 10 ** width - 1) / 10.0
                            for _ in range(n)]
                else:
                    vals = [R.randint(10 ** (width - 1), 10 ** width - 1) for _ in range(n)]
                if R.random() < 0.5 and n > 4:
                    cases.append(print_case(mk([vals[:n // 2], vals[n // 2:2 * (n // 2)]], dt),
                                            'fill2d'))
                else:
                    cases.append(print_case(mk(vals, dt), 'fill'))
    # summarisation (> 1000 elements)
    big = [(1001,), (2000,), (40, 30), (10, 200), (200, 10), (11, 11, 11), (3, 500),
           (5, 7, 30), (1001, 1), (1, 1001), (2, 2, 300), (7, 7, 7, 7)]
    scales = [1.0, 1e-3, 1e5, 1e9, 1e-6, 123.456, 1e20, 2.5]
    for i, shape in enumerate(big):
        n = int(np.prod(shape))
        for dt in (['float32', 'int64'] if i % 2 else ['float64', 'int32', 'bool']):
            scale = R.choice(scales) if dt.startswith('float') else R.choice([1.0, 1e3, 1e6])
            a, spec = gen_array(n, R.randint(0, 1000), dt, shape, scale)
            cases.append(print_case(a, 'summary', spec))
    return cases


# -- scalars ----------------------------------------------------------------------------

def scalar_cases():
    cases = []
    specials = [0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, 1e-4, 1e-5, 1.5e-5,
                9.999e-5, 1e15, 1e16, 1e17, 123456789.0, 1e22, 1e23, 1e-45, 1e-38, 3.4e38,
                1e300, 5e-324, 1.7976931348623157e308, math.pi, math.e, 100.0, 1234.5,
                math.nan, math.inf, -math.inf, 16777216.0, 16777217.0, 0.001, 65504.0,
                2.0 ** -126, 2.0 ** -149, 2.0 ** 100, 1e7, 12345678.9, 0.30000000000000004]
    for dt in ('float32', 'float64'):
        vals = list(specials)
        for _ in range(150):
            vals.append(R.choice([-1, 1]) * 10 ** R.uniform(-45 if dt == 'float32' else -320,
                                                            38 if dt == 'float32' else 307))
        for _ in range(60):
            vals.append(round(R.uniform(-1000, 1000), R.randint(0, 6)))
        for v in vals:
            s = NP_DT[dt](v)
            if dt == 'float32' and math.isinf(s) and not math.isinf(v):
                continue
            cases.append({'dtype': dt, 'value': jtext(float(s)), 'str': str(s),
                          'repr': repr(s), 'item': repr(s.item())})
    for dt in ('int32', 'int64'):
        for v in [0, 1, -1, 7, -123, 2 ** 31 - 1, -(2 ** 31)] + (
                [2 ** 63 - 1, -(2 ** 63)] if dt == 'int64' else []):
            s = NP_DT[dt](v)
            cases.append({'dtype': dt, 'value': jtext(int(s)), 'str': str(s), 'repr': repr(s),
                          'item': repr(s.item())})
    for v in (True, False):
        s = np.bool_(v)
        cases.append({'dtype': 'bool', 'value': jtext(v), 'str': str(s), 'repr': repr(s),
                      'item': repr(s.item())})
    return cases


# -- arithmetic -------------------------------------------------------------------------

def operand_value(spec):
    if 'arr' in spec:
        return mk(json.loads(spec['arr']), spec['dtype']).reshape(spec['shape'])
    if 'sc' in spec:
        return NP_DT[spec['dtype']](json.loads(spec['sc']))
    return json.loads(spec['py'])


def small_vals(dt, n, avoid_zero=False):
    if dt == 'bool':
        return [R.random() < 0.5 for _ in range(n)]
    if dt.startswith('int'):
        vals = [R.randint(-9, 9) for _ in range(n)]
        if avoid_zero:
            vals = [v or 3 for v in vals]
        return vals
    vals = [R.choice([round(R.uniform(-10, 10), R.randint(0, 3)), R.uniform(-3, 3),
                      float(R.randint(-5, 5))]) for _ in range(n)]
    return [f32(v) if dt == 'float32' else v for v in vals]


def arr_operand(dt, shape, avoid_zero=False):
    n = 1
    for s in shape:
        n *= s
    a = np.array(small_vals(dt, n, avoid_zero), dtype=NP_DT[dt]).reshape(shape)
    return arr_spec(a)


def py_operands():
    return [{'py': jtext(v)} for v in (2, -3, 0, 2.5, 0.1, -1.5, True, False, 70000,
                                       2 ** 40, 1e300, 40000, -40000, 1e-3)]


OPS = ['add', 'sub', 'mul', 'truediv', 'floordiv', 'mod', 'pow', 'eq', 'ne', 'lt', 'le', 'gt',
       'ge']
PYOP = {'add': lambda a, b: a + b, 'sub': lambda a, b: a - b, 'mul': lambda a, b: a * b,
        'truediv': lambda a, b: a / b, 'floordiv': lambda a, b: a // b,
        'mod': lambda a, b: a % b, 'pow': lambda a, b: a ** b, 'eq': lambda a, b: a == b,
        'ne': lambda a, b: a != b, 'lt': lambda a, b: a < b, 'le': lambda a, b: a <= b,
        'gt': lambda a, b: a > b, 'ge': lambda a, b: a >= b}


def arith_case(op, args):
    vals = [operand_value(s) for s in args]
    if op in ('neg', 'abs'):
        fn = (lambda: -vals[0]) if op == 'neg' else (lambda: abs(vals[0]))
    else:
        fn = lambda: PYOP[op](vals[0], vals[1])  # noqa: E731
    res = run(fn)
    if 'error' not in res and res.get('dtype') not in DTYPES:
        SKIPPED.append({'op': op, 'args': args, 'dtype': res.get('dtype')})
        return None  # e.g. bool // bool is int8 in NumPy: not implemented
    return {'op': op, 'args': args, 'result': res}


SKIPPED = []


def arith_cases():
    cases = []

    def add(op, args):
        c = arith_case(op, args)
        if c is not None:
            cases.append(c)

    # every dtype pair, every op, same shapes
    for op in OPS:
        for da in DTYPES:
            for db in DTYPES:
                add(op, [arr_operand(da, (4,)), arr_operand(db, (4,), op in (
                    'floordiv', 'mod', 'truediv'))])
    # arrays with Python scalars (value-based casting) on both sides
    for op in OPS:
        for da in DTYPES:
            for py in R.sample(py_operands(), 2):
                add(op, [arr_operand(da, (3,)), py])
                add(op, [py, arr_operand(da, (2, 2))])
    # numpy scalars and 0-d arrays with arrays and with Python scalars
    for op in ('add', 'truediv', 'lt', 'pow', 'mod'):
        for da in DTYPES:
            for db in DTYPES:
                sc = {'sc': jtext(py_value(small_vals(db, 1, True)[0])), 'dtype': db}
                add(op, [arr_operand(da, (3,)), sc])
                add(op, [sc, arr_operand(da, (2,))])
                z = {'arr': jtext(py_value(small_vals(db, 1, True)[0])), 'dtype': db, 'shape': []}
                add(op, [arr_operand(da, (2,)), z])
                sc2 = {'sc': jtext(py_value(small_vals(da, 1, True)[0])), 'dtype': da}
                add(op, [sc2, sc])
                py = R.choice(py_operands())
                add(op, [sc2, py] if R.random() < 0.5 else [py, z])
    # float32 / python scalars value-based edge cases
    for v in (1.0, 0.1, 3.5e38, 1e39, 1e300, math.inf, math.nan, 65535, 65536, -32768,
              -32769, 2 ** 31, 2 ** 31 - 1, -(2 ** 31) - 1, 2 ** 62):
        for dt in ('float32', 'int32', 'int64', 'float64', 'bool'):
            add('add', [arr_operand(dt, (2,)), {'py': jtext(v)}])
            add('mul', [{'py': jtext(v)}, arr_operand(dt, (2,))])
            add('lt', [arr_operand(dt, (2,)), {'py': jtext(v)}])
    # broadcasting
    pairs = [((2, 3), (3,)), ((2, 1), (1, 3)), ((3, 1, 2), (2,)), ((1,), (4,)),
             ((2, 3, 4), (3, 1)), ((4, 1), (4,)), ((1, 1), (2, 2)), ((2, 2), (2, 3)),
             ((3,), (4,)), ((0,), (1,)), ((2, 0), (2, 1)), ((2, 1, 3), (1, 4, 1))]
    for sa, sb in pairs:
        for op in ('add', 'mul', 'sub', 'ge'):
            da, db = R.choice(DTYPES[:4]), R.choice(DTYPES[:4])
            add(op, [arr_operand(da, sa), arr_operand(db, sb)])
    # special values
    specials = [0.0, -0.0, 1.0, -2.5, math.inf, -math.inf, math.nan, 1e308]
    for op in ('truediv', 'floordiv', 'mod', 'pow', 'add', 'mul', 'sub', 'lt', 'eq', 'ne'):
        for dt in ('float64', 'float32'):
            a = mk([x for x in specials for _ in specials], dt)
            b = mk([y for _ in specials for y in specials], dt)
            add(op, [arr_spec(a), arr_spec(b)])
    for op in ('floordiv', 'mod', 'truediv', 'pow'):
        for dt in ('int32', 'int64'):
            a = mk([7, -7, 0, 5, -5, 2 ** 31 - 1, -(2 ** 31), 3], dt)
            b = mk([0, 0, 0, 3, 3, 2, -1, -2], dt)
            if op == 'pow':
                b = mk([0, 1, 2, 3, 30, 2, 3, 0], dt)
            add(op, [arr_spec(a), arr_spec(b)])
    # integer overflow wraps
    for dt in ('int32', 'int64'):
        big = 2 ** 31 - 1 if dt == 'int32' else 2 ** 63 - 1
        add('add', [arr_spec(mk([big, -big - 1], dt)), arr_spec(mk([1, -1], dt))])
        add('mul', [arr_spec(mk([big, 3], dt)), arr_spec(mk([2, big], dt))])
        add('neg', [arr_spec(mk([-big - 1, 5], dt))])
        add('abs', [arr_spec(mk([-big - 1, -5], dt))])
        add('pow', [arr_spec(mk([2, 3], dt)), arr_spec(mk([62, 40], dt))])
    # unary
    for dt in DTYPES:
        for shape in ((3,), (2, 2), ()):
            add('neg', [arr_operand(dt, shape)])
            add('abs', [arr_operand(dt, shape)])
        add('neg', [{'sc': jtext(py_value(small_vals(dt, 1)[0])), 'dtype': dt}])
        add('abs', [{'sc': jtext(py_value(small_vals(dt, 1)[0])), 'dtype': dt}])
    add('neg', [arr_spec(mk([0.0, -0.0, math.nan, math.inf], 'float32'))])
    add('abs', [arr_spec(mk([-0.0, -math.nan, -math.inf], 'float64'))])
    # errors
    add('pow', [arr_spec(mk([2, 3], 'int64')), {'py': '-1'}])
    add('sub', [arr_spec(mk([True], 'bool')), arr_spec(mk([False], 'bool'))])
    add('add', [arr_operand('float32', (2,)), arr_operand('float32', (3,))])
    return cases


# -- indexing, iteration and conversions ------------------------------------------------

def key_spec(k):
    if isinstance(k, tuple):
        return {'tuple': [key_spec(x) for x in k]}
    if isinstance(k, slice):
        return {'slice': [k.start, k.stop, k.step]}
    if k is Ellipsis:
        return {'ellipsis': True}
    if k is None:
        return {'none': True}
    if isinstance(k, np.ndarray):
        return {'karr': arr_spec(k)}
    if isinstance(k, list):
        return {'list': k}
    return {'int': k}


def rand_key(shape):
    parts = []
    for n in shape:
        r = R.random()
        if r < 0.35:
            parts.append(R.randint(-n, n - 1))
        elif r < 0.8:
            start = R.choice([None, R.randint(-n - 1, n + 1)])
            stop = R.choice([None, R.randint(-n - 1, n + 1)])
            step = R.choice([None, None, 1, 2, -1, -2, 3])
            parts.append(slice(start, stop, step))
        else:
            parts.append(slice(None))
    if R.random() < 0.3 and parts:
        parts = parts[:R.randint(1, len(parts))]
    if len(parts) == 1 and R.random() < 0.5:
        return parts[0]
    return tuple(parts)


def index_cases():
    cases = []
    shapes = [(5,), (6,), (3, 4), (4, 2), (2, 3, 4), (3, 2, 2), (1, 5), (2, 2, 2, 2)]
    for dt in DTYPES:
        for shape in shapes:
            a = rand_array(dt, shape) if dt != 'float64' else np.array(
                small_vals(dt, int(np.prod(shape))), dtype=np.float64).reshape(shape)
            for _ in range(6):
                k = rand_key(shape)
                cases.append({'a': arr_spec(a), 'key': key_spec(k), 'result': run(lambda: a[k])})
    a = np.arange(24, dtype=np.float32).reshape(2, 3, 4) / 4
    keys = [0, -1, (1, 2), (1, 2, 3), (-1, -1, -1), Ellipsis, (Ellipsis, 1), (0, Ellipsis),
            (None, 0), (0, None), (slice(None), None, 1), (slice(None, None, -1),),
            (slice(None), slice(None), slice(None, None, 2)), (), [1, 0], [0, -1, 0],
            np.array([1, 0]), 5, (0, 5), (0, 0, 0, 0), slice(5, 1), (slice(None), 1, slice(None)),
            (Ellipsis, None)]
    for k in keys:
        cases.append({'a': arr_spec(a), 'key': key_spec(k), 'result': run(lambda: a[k])})
    z = np.array(3.5, dtype=np.float32)
    for k in ((), Ellipsis, None):
        cases.append({'a': arr_spec(z), 'key': key_spec(k), 'result': run(lambda: z[k])})
    m = np.array([[1, -2, 3], [-4, 5, -6]], dtype=np.int32)
    cases.append({'a': arr_spec(m), 'key': key_spec(m > 0), 'result': run(lambda: m[m > 0])})
    return cases


METHOD_FNS = {
    'tolist': lambda a: a.tolist(),
    'item': lambda a: a.item(),
    'len': lambda a: len(a),
    'iter': lambda a: list(a),
    'float': lambda a: float(a),
    'int': lambda a: int(a),
    'bool': lambda a: bool(a),
    'flatten': lambda a: a.flatten(),
    'ravel': lambda a: a.ravel(),
    'copy': lambda a: a.copy(),
    'T': lambda a: a.T,
    'transpose': lambda a: a.transpose(),
    'size': lambda a: a.size,
    'ndim': lambda a: a.ndim,
    'shape': lambda a: a.shape,
    'dtype_str': lambda a: str(a.dtype),
    'dtype_repr': lambda a: repr(a.dtype),
}


def method_case(a, fn, args=None):
    if fn == 'astype':
        f = lambda: a.astype(NP_DT[args[0]])  # noqa: E731
    elif fn == 'reshape':
        f = lambda: a.reshape(*args)  # noqa: E731
    elif fn == 'transpose_axes':
        f = lambda: a.transpose(*args)  # noqa: E731
    elif fn == 'squeeze':
        f = lambda: a.squeeze()  # noqa: E731
    else:
        f = lambda: METHOD_FNS[fn](a)  # noqa: E731
    c = {'a': arr_spec(a), 'fn': fn, 'result': run(f)}
    if args is not None:
        c['args'] = args
    return c


def method_cases():
    cases = []
    arrays = []
    for dt in DTYPES:
        for shape in [(), (1,), (3,), (2, 3), (2, 1, 2)]:
            arrays.append(rand_array(dt, shape) if dt != 'float64' else
                          np.array(small_vals(dt, int(np.prod(shape))),
                                   dtype=np.float64).reshape(shape))
    trivial = ('size', 'ndim', 'shape', 'dtype_str', 'dtype_repr', 'ravel', 'transpose',
               'copy')
    for i, a in enumerate(arrays):
        for fn in METHOD_FNS:
            if i % 5 == 0 or fn not in trivial:
                cases.append(method_case(a, fn))
        for dt in DTYPES:
            cases.append(method_case(a, 'astype', [dt]))
        for shp in ([-1], [a.size], [1, -1], [-1, 1], [a.size, 1, 1], [7]):
            cases.append(method_case(a, 'reshape', shp))
        cases.append(method_case(a, 'squeeze'))
        if a.ndim == 3:
            cases.append(method_case(a, 'transpose_axes', [1, 0, 2]))
            cases.append(method_case(a, 'transpose_axes', [2, 0, 1]))
    special = mk([math.nan, math.inf, -math.inf, -0.0, 1.7, -1.7, 3e9, -3e9, 0.5], 'float64')
    for dt in DTYPES:
        cases.append(method_case(special, 'astype', [dt]))
    ints = mk([2 ** 40 + 5, -(2 ** 33) - 1, 7, 0], 'int64')
    for dt in DTYPES:
        cases.append(method_case(ints, 'astype', [dt]))
    f = mk([0.1, 1 / 3, 16777217.0, 1e39], 'float64')
    cases.append(method_case(f, 'astype', ['float32']))
    cases.append(method_case(mk(list(range(24)), 'int64'), 'reshape', [2, 3, 4]))
    cases.append(method_case(mk(list(range(24)), 'int64'), 'reshape', [4, -1, 2]))
    cases.append(method_case(mk(list(range(24)), 'int64'), 'reshape', [5, -1]))
    cases.append(method_case(mk(list(range(24)), 'int64'), 'reshape', [-1, -1]))
    cases.append(method_case(mk(list(range(6)), 'float32').reshape(2, 3), 'T'))
    return cases


# -- reductions -------------------------------------------------------------------------

RED_FNS = ['sum', 'mean', 'max', 'min', 'std', 'any', 'all']


def red_run(a, fn, kw):
    return {'fn': fn, 'kw': kw, 'result': run(lambda: getattr(a, fn)(**kw))}


def reduce_cases():
    """Each case is one array with the list of reductions run on it."""
    cases = []
    for dt in DTYPES:
        for shape in [(), (1,), (5,), (3, 4), (2, 3, 4), (4, 1), (0,), (2, 0)]:
            a = rand_array(dt, shape) if not dt.startswith('float') else np.array(
                small_vals(dt, int(np.prod(shape))), dtype=NP_DT[dt]).reshape(shape)
            runs = []
            axes = [None] + list(range(a.ndim)) + ([-1] if a.ndim > 1 else [])
            for fn in RED_FNS:
                extra = [a.ndim] + ([-1] if a.ndim == 0 else []) if fn in ('sum', 'mean') else []
                for ax in axes + extra:
                    runs.append(red_run(a, fn, {} if ax is None else {'axis': ax}))
                if a.ndim and fn in ('sum', 'max'):
                    runs.append(red_run(a, fn, {'axis': 0, 'keepdims': True}))
                    runs.append(red_run(a, fn, {'keepdims': True}))
            cases.append({'a': arr_spec(a), 'runs': runs})
    # float sums long enough for pairwise summation and the 8192-element buffer to matter
    for dt in ('float32', 'float64'):
        for n in (7, 8, 9, 15, 16, 17, 100, 127, 128, 129, 255, 256, 257, 1000, 1001, 4099,
                  8191, 8192, 8193, 20000, 40001):
            a, spec = gen_array(n, R.randint(0, 1000), dt, (n,))
            cases.append({'a': spec, 'runs': [red_run(a, fn, {}) for fn in
                                              ('sum', 'mean', 'std')]})
        for shape in [(300, 20), (20, 300), (3, 200, 7), (130, 130), (9, 1000), (1000, 9),
                      (2, 9000), (3, 5000), (5, 3, 600)]:
            n = int(np.prod(shape))
            a, spec = gen_array(n, R.randint(0, 1000), dt, shape)
            runs = []
            for fn in ('sum', 'mean', 'std'):
                for ax in [None] + list(range(len(shape))):
                    runs.append(red_run(a, fn, {} if ax is None else {'axis': ax}))
            cases.append({'a': spec, 'runs': runs})
    # special values
    for dt in ('float32', 'float64'):
        for vals in ([1.0, math.nan, 2.0], [math.inf, -math.inf], [math.inf, 1.0], [-0.0],
                     [-0.0, -0.0], [1e38, 1e38, 1e38], [0.1] * 10, [1e8, 1.0, 1.0, -1e8]):
            a = mk(vals, dt)
            cases.append({'a': arr_spec(a), 'runs': [red_run(a, fn, {}) for fn in RED_FNS]})
    for dt in ('int32', 'int64'):
        big = 2 ** 31 - 1 if dt == 'int32' else 2 ** 62
        a = mk([big, big, big], dt)
        cases.append({'a': arr_spec(a), 'runs': [red_run(a, fn, {}) for fn in
                                                 ('sum', 'mean', 'max', 'min', 'std')]})
    return cases


def group_by_array(cases):
    """Merge consecutive cases on the same array into {'a': spec, 'runs': [...]}."""
    out = []
    for c in cases:
        run_ = {k: v for k, v in c.items() if k != 'a'}
        if out and out[-1]['a'] == c['a']:
            out[-1]['runs'].append(run_)
        else:
            out.append({'a': c['a'], 'runs': [run_]})
    return out


def main():
    golden = {
        'meta': {
            'numpy': np.__version__,
            'note': 'Generated by scripts/gen-ndarray-golden.py; do not edit by hand.',
        },
        'print': print_cases(),
        'scalars': scalar_cases(),
        'arith': arith_cases(),
        'index': group_by_array(index_cases()),
        'methods': group_by_array(method_cases()),
        'reduce': reduce_cases(),
    }
    golden['meta']['skipped_unsupported'] = len(SKIPPED)
    # One case per line: each case is the compact JSON text of the case, as a string
    # (prettier leaves strings alone, so the file stays small and line-per-case).
    meta = json.dumps(golden['meta'], indent=2).replace('\n', '\n  ')  # as prettier has it
    lines = ['{', '  "meta": %s,' % meta]
    groups = [k for k in golden if k != 'meta']
    for gi, k in enumerate(groups):
        lines.append('  "%s": [' % k)
        items = [json.dumps(json.dumps(c, allow_nan=False, separators=(',', ':')))
                 for c in golden[k]]
        lines.extend('    %s%s' % (t, ',' if i < len(items) - 1 else '')
                     for i, t in enumerate(items))
        lines.append('  ]' + (',' if gi < len(groups) - 1 else ''))
    lines.append('}')
    text = '\n'.join(lines) + '\n'
    with open(OUT, 'w') as f:
        f.write(text)
    counts = {k: len(v) for k, v in golden.items() if k != 'meta'}
    for k in ('index', 'methods', 'reduce'):
        counts[k + '_runs'] = sum(len(c['runs']) for c in golden[k])
    print('wrote %s (%d bytes): %s; skipped %d cases with unsupported result dtypes'
          % (os.path.relpath(OUT, ROOT), len(text), counts, len(SKIPPED)))


if __name__ == '__main__':
    main()
