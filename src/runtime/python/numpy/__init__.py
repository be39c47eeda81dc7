"""Scope Lens's ``numpy``: the part of NumPy 1.x that TF1 programs use, in pure Python.

Pyodide cannot fetch NumPy here, so the runtime ships this package. Arrays, scalars and
their printing are ``_ndarray``; the functions are ``_functions``; ``random`` is NumPy's legacy
generator draw for draw. What it provides is listed in docs/runtime-numpy.md (a test keeps the
list equal to this module). Any other name of NumPy's API raises ``NotImplementedError`` naming
it, never ``AttributeError``; names NumPy does not have raise ``AttributeError`` as NumPy does.

NumPy 1.26 removed the aliases ``np.float``, ``np.int``, ``np.bool``, ``np.object`` and
``np.str``; TF 1.15-era NumPy had them, and TF1 programs use them, so they are here.
"""

import builtins as _builtins
import sys as _sys

from . import _ndarray
from ._ndarray import (  # noqa: F401
    AxisError, array, asarray, bool_, dtype, float32, float64, floating, generic, inf,
    int32, int64, integer, nan, ndarray, newaxis, ones, zeros,
)
from ._functions import *  # noqa: F401,F403
from ._functions import (  # noqa: F401
    NAN, NINF, NZERO, PINF, PZERO, Inf, Infinity, NaN, abs, all, any, max, min, round_, sum,
)
from . import _functions

__version__ = '1.26.4'

# Aliases and legacy names (see the module docstring).
float_ = double = float64
single = float32
int_ = int64
intc = int32
bool8 = bool_
float = _builtins.float  # noqa: A001
int = _builtins.int  # noqa: A001
bool = _builtins.bool  # noqa: A001
object = _builtins.object  # noqa: A001
str = _builtins.str  # noqa: A001
round = round_  # noqa: A001
from ._functions import (  # noqa: E402,F401
    finfo, iinfo, inexact, issubdtype, number, signedinteger,
)

from . import random  # noqa: E402,F401  (kept eager: programs use np.random at once)


class errstate:
    """``with np.errstate(...)``: accepted; Scope Lens's numpy emits no floating-point warnings."""

    __module__ = 'numpy'

    def __init__(self, **kwargs):
        self.kwargs = kwargs

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


_ERR = {'divide': 'warn', 'over': 'warn', 'under': 'ignore', 'invalid': 'warn'}


def seterr(all=None, divide=None, over=None, under=None, invalid=None):  # noqa: A002
    old = dict(_ERR)
    for key, value in (('divide', divide), ('over', over), ('under', under),
                       ('invalid', invalid)):
        if value is not None or all is not None:
            _ERR[key] = value if value is not None else all
    return old


def geterr():
    return dict(_ERR)


# -- print options ----------------------------------------------------------------------------

_PRINT_OPTIONS = ('precision', 'threshold', 'edgeitems', 'linewidth', 'suppress')


def set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None,
                     suppress=None, nanstr=None, infstr=None, formatter=None, sign=None,
                     floatmode=None, *, legacy=None):
    """NumPy's print options that change how arrays print: ``precision``, ``threshold``,
    ``edgeitems``, ``linewidth`` and ``suppress``. The others raise NotImplementedError."""
    others = {'nanstr': nanstr, 'infstr': infstr, 'formatter': formatter, 'sign': sign,
              'floatmode': floatmode, 'legacy': legacy}
    for key, value in others.items():
        if value is not None:
            raise NotImplementedError(
                "numpy.set_printoptions(%s=...) is not implemented by Scope Lens's numpy "
                "(see %s for what it provides)" % (key, _DOC))
    if threshold is not None and threshold != threshold:
        raise ValueError('threshold must be non-NAN, try sys.maxsize for untruncated '
                         'representation')
    if precision is not None:
        _ndarray._PRECISION = _builtins.int(precision)
    if threshold is not None:
        _ndarray._THRESHOLD = threshold
    if edgeitems is not None:
        _ndarray._EDGEITEMS = _builtins.int(edgeitems)
    if linewidth is not None:
        _ndarray._LINEWIDTH = _builtins.int(linewidth)
    if suppress is not None:
        _ndarray._SUPPRESS = _builtins.bool(suppress)


def get_printoptions():
    return {
        'edgeitems': _ndarray._EDGEITEMS, 'threshold': _ndarray._THRESHOLD,
        'floatmode': 'maxprec', 'precision': _ndarray._PRECISION,
        'suppress': _ndarray._SUPPRESS, 'linewidth': _ndarray._LINEWIDTH, 'nanstr': 'nan',
        'infstr': 'inf', 'sign': '-', 'formatter': None, 'legacy': False,
    }


class printoptions:
    """``with np.printoptions(...)``: the options inside the block only."""

    __module__ = 'numpy'

    def __init__(self, *args, **kwargs):
        self.args = args
        self.kwargs = kwargs

    def __enter__(self):
        self.saved = {k: v for k, v in get_printoptions().items() if k in _PRINT_OPTIONS}
        set_printoptions(*self.args, **self.kwargs)
        return get_printoptions()

    def __exit__(self, *exc):
        set_printoptions(**self.saved)
        return False


def _reset_for_run():
    """Called by Scope Lens's runner before each program: the print options, the error
    settings and the global random state as a fresh ``import numpy`` has them."""
    _ndarray._PRECISION, _ndarray._THRESHOLD, _ndarray._EDGEITEMS = 8, 1000, 3
    _ndarray._LINEWIDTH, _ndarray._SUPPRESS = 75, False
    _ERR.update(divide='warn', over='warn', under='ignore', invalid='warn')
    random.seed()


# -- ndarray methods that are functions here -----------------------------------------------


def _method(fn):
    def m(self, *args, **kwargs):
        return fn(self, *args, **kwargs)
    m.__name__ = fn.__name__
    return m


def _sort_in_place(self, axis=-1):
    self._data[:] = _functions.sort(self, axis)._data


for _name, _fn in (('cumsum', _functions.cumsum), ('cumprod', _functions.cumprod),
                   ('clip', _functions.clip), ('round', _functions.around),
                   ('dot', _functions.dot), ('argsort', _functions.argsort),
                   ('nonzero', _functions.nonzero), ('repeat', _functions.repeat),
                   ('swapaxes', _functions.swapaxes), ('trace', _functions.trace)):
    setattr(ndarray, _name, _method(_fn))
ndarray.sort = _sort_in_place
ndarray.__matmul__ = lambda self, o: _functions.matmul(self, o)
ndarray.__rmatmul__ = lambda self, o: _functions.matmul(o, self)
del _name, _fn


def _ndarray_getattr(self, name):
    from ._api_names import NDARRAY_NAMES

    if name in NDARRAY_NAMES:
        raise NotImplementedError(
            "numpy.ndarray.%s is not implemented by Scope Lens's numpy (see "
            "docs/runtime-numpy.md for what it provides)" % name)
    raise AttributeError("'numpy.ndarray' object has no attribute '%s'" % name)


ndarray.__getattr__ = _ndarray_getattr


# -- what is not here ------------------------------------------------------------------------

_DOC = 'docs/runtime-numpy.md'


def _not_implemented(name):
    return NotImplementedError(
        "numpy.%s is not implemented by Scope Lens's numpy (see %s for what it provides)"
        % (name, _DOC))


def __getattr__(name):
    from ._api_names import NUMPY_NAMES, NUMPY_SUBMODULES

    if name in NUMPY_NAMES or name in NUMPY_SUBMODULES:
        raise _not_implemented(name)
    raise AttributeError("module 'numpy' has no attribute '%s'" % name)


class _MissingSubmodules:
    """``import numpy.fft`` (and the other submodules of NumPy not provided here) raises the
    NotImplementedError of ``numpy.fft``."""

    def find_spec(self, fullname, path=None, target=None):
        head, _, tail = fullname.partition('.')
        if head != 'numpy' or not tail:
            return None
        from importlib.machinery import ModuleSpec

        from ._api_names import NUMPY_SUBMODULES

        if tail.split('.')[0] in NUMPY_SUBMODULES:
            return ModuleSpec(fullname, self)
        return None

    def create_module(self, spec):
        raise _not_implemented(spec.name[len('numpy.'):])

    def exec_module(self, module):
        raise _not_implemented(module.__name__[len('numpy.'):])


if not _builtins.any(isinstance(f, _MissingSubmodules) for f in _sys.meta_path):
    _sys.meta_path.append(_MissingSubmodules())
