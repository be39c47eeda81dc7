"""``numpy.random``: NumPy's legacy ``RandomState`` generator, draw for draw.

A seeded program prints the numbers NumPy 1.x prints, because every function below consumes
the Mersenne Twister stream exactly as NumPy's legacy code (``mtrand.pyx`` and
``legacy-distributions.c``) does:

* ``seed(n)`` fills the MT19937 key with NumPy's ``mt19937_seed`` (not CPython's
  ``init_by_array``); an array seed uses ``init_by_array``;
* doubles (``rand``, ``random``, ``uniform``, ``choice`` with ``p``) are 53-bit: two 32-bit
  draws, ``(a >> 5) * 2**26 + (b >> 6)) / 2**53``;
* gaussians (``randn``, ``normal``, ``standard_normal``) use the polar Box-Muller method and
  keep the second value for the next call; ``seed`` drops it;
* integers (``randint``, ``choice``, ``shuffle``, ``permutation``) use masked rejection:
  draw 32 bits (64 above 2**32), mask to the smallest power of two covering the range, retry
  while above it.

The generator itself is CPython's ``random.Random``, which is the same MT19937: its state is
set from NumPy's key, its ``getrandbits(32)`` is one ``genrand_uint32`` and its ``random()``
is the same 53-bit double.
"""

import math as _math
import operator as _operator
import os as _os
import random as _pyrandom

from . import _ndarray as _nd

__all__ = [
    'RandomState', 'seed', 'get_state', 'set_state', 'rand', 'randn', 'random',
    'random_sample', 'sample', 'ranf', 'standard_normal', 'normal', 'uniform', 'randint',
    'random_integers', 'shuffle', 'permutation', 'choice',
]

_N = 624


def _mt_key(seed):
    """NumPy's ``mt19937_seed``: the 624-word key for a 32-bit seed."""
    key = [0] * _N
    s = seed & 0xFFFFFFFF
    for pos in range(_N):
        key[pos] = s
        s = (1812433253 * (s ^ (s >> 30)) + pos + 1) & 0xFFFFFFFF
    return key


def _mt_key_by_array(words):
    """``init_by_array`` (NumPy's seeding from a sequence of 32-bit words)."""
    key = _mt_key(19650218)
    n = len(words)
    i, j = 1, 0
    for _ in range(max(_N, n)):
        key[i] = ((key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1664525)) + words[j] + j) \
            & 0xFFFFFFFF
        i += 1
        j += 1
        if i >= _N:
            key[0] = key[_N - 1]
            i = 1
        if j >= n:
            j = 0
    for _ in range(_N - 1):
        key[i] = ((key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) * 1566083941)) - i) & 0xFFFFFFFF
        i += 1
        if i >= _N:
            key[0] = key[_N - 1]
            i = 1
    key[0] = 0x80000000
    return key


def _size_shape(size):
    if size is None:
        return None
    if isinstance(size, (list, tuple)):
        return tuple(_operator.index(s) for s in size)
    return (_operator.index(size),)


def _count(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _mask(rng):
    mask = rng
    for shift in (1, 2, 4, 8, 16, 32):
        mask |= mask >> shift
    return mask


class RandomState:
    """NumPy's legacy random generator (``numpy.random.RandomState``)."""

    __module__ = 'numpy.random'

    def __init__(self, seed=None):
        self._mt = _pyrandom.Random()
        self.seed(seed)

    # -- state ----------------------------------------------------------------------------

    def seed(self, seed=None):
        if seed is None:
            key = list(_os.urandom(4 * _N))
            key = [int.from_bytes(bytes(key[4 * i:4 * i + 4]), 'little') for i in range(_N)]
        elif isinstance(seed, (list, tuple, _nd.ndarray)):
            words = [int(w) for w in (seed.tolist() if isinstance(seed, _nd.ndarray) else seed)]
            if not words:
                raise ValueError('Seed must be non-empty')
            if any(w < 0 or w > 0xFFFFFFFF for w in words):
                raise ValueError('Seed must be between 0 and 2**32 - 1')
            key = _mt_key_by_array(words)
        else:
            if isinstance(seed, float) or isinstance(seed, _nd.floating):
                raise TypeError('Cannot cast scalar from dtype(\'float64\') to dtype(\'int64\') '
                                'according to the rule \'safe\'')
            s = _operator.index(seed)
            if s < 0 or s > 0xFFFFFFFF:
                raise ValueError('Seed must be between 0 and 2**32 - 1')
            key = _mt_key(s)
        self._mt.setstate((3, tuple(key) + (_N,), None))
        self._gauss = None

    def get_state(self):
        version, internal, _ = self._mt.getstate()
        # (NumPy's key is uint32; the values are the same)
        key = _nd.ndarray._new([int(k) for k in internal[:_N]], (_N,), _nd._INT64)
        has_gauss = 0 if self._gauss is None else 1
        return ('MT19937', key, internal[_N], has_gauss,
                0.0 if self._gauss is None else self._gauss)

    def set_state(self, state):
        _, key, pos = state[0], state[1], state[2]
        words = [int(k) & 0xFFFFFFFF for k in (key.tolist() if hasattr(key, 'tolist') else key)]
        self._mt.setstate((3, tuple(words) + (int(pos),), None))
        has_gauss = state[3] if len(state) > 3 else 0
        self._gauss = float(state[4]) if has_gauss else None

    # -- primitive draws ------------------------------------------------------------------

    def _double(self):
        return self._mt.random()

    def _u32(self):
        return self._mt.getrandbits(32)

    def _u64(self):
        hi = self._mt.getrandbits(32)
        return (hi << 32) | self._mt.getrandbits(32)

    def _gauss_one(self):
        if self._gauss is not None:
            g = self._gauss
            self._gauss = None
            return g
        rnd = self._mt.random
        while True:
            x1 = 2.0 * rnd() - 1.0
            x2 = 2.0 * rnd() - 1.0
            r2 = x1 * x1 + x2 * x2
            if r2 < 1.0 and r2 != 0.0:
                break
        f = _math.sqrt(-2.0 * _math.log(r2) / r2)
        self._gauss = f * x1
        return f * x2

    def _bounded(self, rng):
        """A uniform integer in [0, rng] by masked rejection (``random_interval``)."""
        if rng == 0:
            return 0
        mask = _mask(rng)
        if rng <= 0xFFFFFFFF:
            if rng == 0xFFFFFFFF:
                return self._u32()
            while True:
                v = self._u32() & mask
                if v <= rng:
                    return v
        if rng == 0xFFFFFFFFFFFFFFFF:
            return self._u64()
        while True:
            v = self._u64() & mask
            if v <= rng:
                return v

    def _fill(self, size, draw):
        shape = _size_shape(size)
        if shape is None:
            return draw()
        return _nd.ndarray._new([draw() for _ in range(_count(shape))], shape, _nd._FLOAT64)

    # -- distributions --------------------------------------------------------------------

    def random_sample(self, size=None):
        return self._fill(size, self._double)

    def random(self, size=None):
        return self.random_sample(size)

    def rand(self, *args):
        return self._fill(args if args else None, self._double)

    def standard_normal(self, size=None):
        return self._fill(size, self._gauss_one)

    def randn(self, *args):
        return self._fill(args if args else None, self._gauss_one)

    def normal(self, loc=0.0, scale=1.0, size=None):
        if _is_array_like(loc) or _is_array_like(scale):
            return self._broadcast2(loc, scale, size, self._normal_one, 'scale')
        loc, scale = float(loc), float(scale)
        if scale < 0:
            raise ValueError('scale < 0')
        return self._fill(size, lambda: loc + scale * self._gauss_one())

    def _normal_one(self, loc, scale):
        return loc + scale * self._gauss_one()

    def uniform(self, low=0.0, high=1.0, size=None):
        if _is_array_like(low) or _is_array_like(high):
            return self._broadcast2(low, high, size,
                                    lambda lo, hi: lo + (hi - lo) * self._double(), None)
        low, high = float(low), float(high)
        rng = high - low
        if not _math.isfinite(rng):
            raise OverflowError('Range exceeds valid bounds')
        return self._fill(size, lambda: low + rng * self._double())

    def _broadcast2(self, a, b, size, draw, nonneg):
        a = _nd.asarray(a, dtype='float64')
        b = _nd.asarray(b, dtype='float64')
        if nonneg and any(v < 0 for v in b._data):
            raise ValueError('%s < 0' % nonneg)
        shape = _nd._broadcast_shape(a._shape, b._shape)
        if size is not None:
            shape = _size_shape(size)
        ia = _nd._broadcast_index(a._shape, shape)
        ib = _nd._broadcast_index(b._shape, shape)
        out = [draw(a._data[i], b._data[j]) for i, j in zip(ia, ib)]
        if not shape:
            return out[0]
        return _nd.ndarray._new(out, shape, _nd._FLOAT64)

    def randint(self, low, high=None, size=None, dtype=int):
        if high is None:
            low, high = 0, low
        dt = _nd._as_dtype(dtype)
        if dt.kind != 'i':
            raise NotImplementedError(
                "numpy.random.randint(dtype=%s) is not implemented by Scope Lens's numpy "
                "(see docs/runtime-numpy.md for what it provides)" % dt.name)
        low = _operator.index(low)
        high = _operator.index(high)
        bits = dt.itemsize * 8
        lo_ok, hi_ok = -(1 << (bits - 1)), 1 << (bits - 1)
        if low < lo_ok:
            raise ValueError('low is out of bounds for %s' % dt.name)
        if high > hi_ok:
            raise ValueError('high is out of bounds for %s' % dt.name)
        if low >= high:
            raise ValueError('low >= high')
        rng = high - 1 - low
        shape = _size_shape(size)
        if shape is None:
            v = low + self._bounded(rng)
            return v if dtype is int else dt.type(v)
        vals = [low + self._bounded(rng) for _ in range(_count(shape))]
        return _nd.ndarray._new(vals, shape, dt)

    def random_integers(self, low, high=None, size=None):
        if high is None:
            low, high = 1, low
        return self.randint(low, int(high) + 1, size)

    def shuffle(self, x):
        n = len(x)
        if isinstance(x, _nd.ndarray) and x.ndim > 1:
            rows = [x[i].copy() for i in range(n)]
            for i in range(n - 1, 0, -1):
                j = self._bounded(i)
                rows[i], rows[j] = rows[j], rows[i]
            for i in range(n):
                x[i] = rows[i]
            return None
        for i in range(n - 1, 0, -1):
            j = self._bounded(i)
            x[i], x[j] = x[j], x[i]
        return None

    def permutation(self, x):
        if isinstance(x, (int, _nd.integer)) and not isinstance(x, bool):
            arr = _nd.ndarray._new(list(range(int(x))), (int(x),), _nd._INT64)
        else:
            arr = _nd.array(x)
            if not arr.shape:
                raise _nd.AxisError('x must be an integer or at least 1-dimensional')
        self.shuffle(arr)
        return arr

    def choice(self, a, size=None, replace=True, p=None):
        if isinstance(a, (int, _nd.integer)) and not isinstance(a, bool):
            pop = int(a)
            if pop <= 0:
                raise ValueError("a must be greater than 0 unless no samples are taken")
            values = None
        else:
            values = _nd.array(a)
            if values.ndim != 1:
                raise ValueError('a must be 1-dimensional')
            pop = values.shape[0]
            if pop == 0:
                raise ValueError("'a' cannot be empty unless no samples are taken")
        shape = _size_shape(size)
        n = 1 if shape is None else _count(shape)
        if p is not None:
            probs = [float(v) for v in _nd.asarray(p, dtype='float64').ravel().tolist()]
            if len(probs) != pop:
                raise ValueError("'a' and 'p' must have same size")
            if any(v < 0 for v in probs):
                raise ValueError('probabilities are not non-negative')
            if abs(_math.fsum(probs) - 1.0) > 1.4901161193847656e-08:
                raise ValueError('probabilities do not sum to 1')
        if replace:
            if p is not None:
                cdf = []
                acc = 0.0
                for v in probs:
                    acc += v
                    cdf.append(acc)
                cdf = [c / cdf[-1] for c in cdf]
                idx = []
                for _ in range(n):
                    u = self._double()
                    k = 0
                    while k < pop and cdf[k] <= u:
                        k += 1
                    idx.append(k)
            else:
                idx = [self._bounded(pop - 1) for _ in range(n)]
        else:
            if n > pop:
                raise ValueError("Cannot take a larger sample than population when "
                                 "'replace=False'")
            if p is not None:
                raise NotImplementedError(
                    "numpy.random.choice(replace=False, p=...) is not implemented by Scope "
                    "Lens's numpy (see docs/runtime-numpy.md for what it provides)")
            perm = self.permutation(pop)
            idx = perm.tolist()[:n]
        if shape is None:
            i = idx[0]
            return i if values is None else values[i]
        if values is None:
            return _nd.ndarray._new(idx, shape, _nd._INT64)
        return _nd.ndarray._new([values._data[i] for i in idx], shape, values.dtype)

    sample = random_sample
    ranf = random_sample

    def __getattr__(self, name):
        from ._api_names import RANDOM_NAMES

        if name.startswith('_') or name not in RANDOM_NAMES:
            raise AttributeError("'numpy.random.mtrand.RandomState' object has no attribute "
                                 "'%s'" % name)
        raise NotImplementedError(
            "numpy.random.RandomState.%s is not implemented by Scope Lens's numpy "
            "(see docs/runtime-numpy.md for what it provides)" % name)


def _is_array_like(x):
    return isinstance(x, (list, tuple, _nd.ndarray))


_global = RandomState()

seed = _global.seed
get_state = _global.get_state
set_state = _global.set_state
rand = _global.rand
randn = _global.randn
random = _global.random
random_sample = _global.random_sample
sample = _global.random_sample
ranf = _global.random_sample
standard_normal = _global.standard_normal
normal = _global.normal
uniform = _global.uniform
randint = _global.randint
random_integers = _global.random_integers
shuffle = _global.shuffle
permutation = _global.permutation
choice = _global.choice


def __getattr__(name):
    from ._api_names import RANDOM_NAMES

    if name not in RANDOM_NAMES:
        raise AttributeError("module 'numpy.random' has no attribute '%s'" % name)
    raise NotImplementedError(
        "numpy.random.%s is not implemented by Scope Lens's numpy "
        "(see docs/runtime-numpy.md for what it provides)" % name)
