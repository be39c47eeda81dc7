"""``six``, the Python 2/3 compatibility module, for Python 3 only: the names TF1-era code uses.

Written for Scope Lens's runtime (Pyodide cannot install packages here). Everything takes the
Python 3 branch: ``PY3`` is True and ``six.moves`` holds the Python 3 objects.
"""

import builtins as _builtins
import functools as _functools
import io as _io
import itertools as _itertools
import sys as _sys
import types as _types

__version__ = '1.16.0'

PY2 = False
PY3 = True
PY34 = True

string_types = (str,)
integer_types = (int,)
class_types = (type,)
text_type = str
binary_type = bytes
MAXSIZE = _sys.maxsize

callable = _builtins.callable  # noqa: A001
next = advance_iterator = _builtins.next  # noqa: A001
get_unbound_function = lambda unbound: unbound  # noqa: E731
create_bound_method = _types.MethodType
Iterator = object
StringIO = _io.StringIO
BytesIO = _io.BytesIO
unichr = chr
int2byte = lambda i: bytes((i,))  # noqa: E731
byte2int = lambda bs: bs[0]  # noqa: E731
indexbytes = lambda buf, i: buf[i]  # noqa: E731
iterbytes = iter


def b(s):
    return s.encode('latin-1')


def u(s):
    return s


def ensure_str(s, encoding='utf-8', errors='strict'):
    if isinstance(s, bytes):
        return s.decode(encoding, errors)
    if not isinstance(s, str):
        raise TypeError("not expecting type '%s'" % type(s))
    return s


def ensure_binary(s, encoding='utf-8', errors='strict'):
    if isinstance(s, str):
        return s.encode(encoding, errors)
    if not isinstance(s, bytes):
        raise TypeError("not expecting type '%s'" % type(s))
    return s


def ensure_text(s, encoding='utf-8', errors='strict'):
    return ensure_str(s, encoding, errors)


def iterkeys(d, **kw):
    return iter(d.keys(**kw))


def itervalues(d, **kw):
    return iter(d.values(**kw))


def iteritems(d, **kw):
    return iter(d.items(**kw))


def iterlists(d, **kw):
    return iter(d.lists(**kw))


def viewkeys(d):
    return d.keys()


def viewvalues(d):
    return d.values()


def viewitems(d):
    return d.items()


def get_method_function(meth):
    return meth.__func__


def get_method_self(meth):
    return meth.__self__


def get_function_code(func):
    return func.__code__


def get_function_globals(func):
    return func.__globals__


def get_function_defaults(func):
    return func.__defaults__


def get_function_closure(func):
    return func.__closure__


def reraise(tp, value, tb=None):
    if value is None:
        value = tp()
    if value.__traceback__ is not tb:
        raise value.with_traceback(tb)
    raise value


def raise_from(value, from_value):
    raise value from from_value


exec_ = getattr(_builtins, 'exec')
print_ = getattr(_builtins, 'print')


def with_metaclass(meta, *bases):
    """A base class whose creation makes the real class with ``meta`` and ``bases``."""

    class _Temporary(type):
        def __new__(cls, name, this_bases, d):
            return meta(name, bases, d)

        @classmethod
        def __prepare__(cls, name, this_bases):
            return meta.__prepare__(name, bases)

    return type.__new__(_Temporary, 'temporary_class', (), {})


def add_metaclass(metaclass):
    """Class decorator: the class made again with ``metaclass``."""

    def wrapper(cls):
        body = dict(cls.__dict__)
        slots = body.get('__slots__')
        if slots is not None:
            for slot in [slots] if isinstance(slots, str) else slots:
                body.pop(slot)
        body.pop('__dict__', None)
        body.pop('__weakref__', None)
        if hasattr(cls, '__qualname__'):
            body['__qualname__'] = cls.__qualname__
        return metaclass(cls.__name__, cls.__bases__, body)

    return wrapper


def python_2_unicode_compatible(klass):
    return klass


wraps = _functools.wraps


# -- six.moves -------------------------------------------------------------------------------

def _module(name, **attrs):
    mod = _types.ModuleType(name)
    mod.__dict__.update(attrs)
    _sys.modules[name] = mod
    return mod


import pickle as _pickle  # noqa: E402
import urllib.parse as _urllib_parse  # noqa: E402
import urllib.error as _urllib_error  # noqa: E402

moves = _module(
    __name__ + '.moves',
    range=range, xrange=range, zip=zip, map=map, filter=filter, input=input,
    zip_longest=_itertools.zip_longest, filterfalse=_itertools.filterfalse,
    reduce=_functools.reduce, reload_module=None, intern=_sys.intern,
    cPickle=_pickle, StringIO=_io.StringIO, cStringIO=_io.StringIO,
    builtins=_builtins, getcwd=__import__('os').getcwd, getcwdb=__import__('os').getcwdb,
    UserDict=__import__('collections').UserDict, UserList=__import__('collections').UserList,
    UserString=__import__('collections').UserString,
    queue=__import__('queue'), configparser=__import__('configparser'),
    copyreg=__import__('copyreg'), collections_abc=__import__('collections.abc').abc,
)
moves.reload_module = __import__('importlib').reload
_sys.modules[__name__ + '.moves.cPickle'] = _pickle
_sys.modules[__name__ + '.moves.queue'] = moves.queue
_sys.modules[__name__ + '.moves.configparser'] = moves.configparser
_sys.modules[__name__ + '.moves.builtins'] = _builtins
_urllib = _module(__name__ + '.moves.urllib', parse=_urllib_parse, error=_urllib_error)
_sys.modules[__name__ + '.moves.urllib.parse'] = _urllib_parse
_sys.modules[__name__ + '.moves.urllib.error'] = _urllib_error
moves.urllib = _urllib


def _urllib_getattr(name):
    # urllib.request pulls in http and sockets: imported when first asked for.
    if name in ('request', 'response', 'robotparser'):
        import importlib

        mod = importlib.import_module('urllib.' + name)
        setattr(_urllib, name, mod)
        return mod
    raise AttributeError("module 'six.moves.urllib' has no attribute '%s'" % name)


_urllib.__getattr__ = _urllib_getattr
