"""Access to the Scope Lens engine (TypeScript, on TensorFlow.js) from Python.

Every rule about names, scopes and reuse lives in the engine; this module only crosses the
language boundary: it calls engine functions, turns engine errors into TF's Python exceptions,
and converts values both ways.
"""
import js
from pyodide.ffi import JsException, JsNull, JsProxy, create_proxy, jsnull

import scope_lens_engine as bridge

engine = bridge.engine
tfjs = bridge.tf

_PY_ERRORS = {}


def register_error(name, cls):
    _PY_ERRORS[name] = cls


def translate(exc):
    """The Python exception TF would raise for an engine error (a JsException)."""
    err = getattr(exc, "js_error", None)
    if err is None:
        return exc
    name = str(getattr(err, "name", "") or "")
    message = str(getattr(err, "message", "") or "")
    cls = _PY_ERRORS.get(name)
    if cls is None:
        return RuntimeError(message or str(exc))
    new = cls(message)
    code = getattr(err, "code", None)
    if code is not None:
        new.code = str(code)
    return new


def call(fn, *args):
    """Calls an engine function; engine errors become Python exceptions."""
    try:
        return fn(*args)
    except JsException as e:
        raise translate(e) from None


def jsobj(**kw):
    """A plain JS object from keyword arguments (None → null; Python callables stay callable)."""
    o = js.Object.new()
    for k, v in kw.items():
        setattr(o, k, tojs(v))
    return o


def tojs(v):
    """A Python value for the engine: scalars and JS objects as they are, lists as JS arrays,
    anything else (functions, Python objects) as a persistent proxy."""
    if v is None or isinstance(v, (bool, int, float, str, JsProxy)):
        return v
    if isinstance(v, (list, tuple)):
        arr = js.Array.new()
        for x in v:
            arr.push(jsnull if x is None else tojs(x))
        return arr
    return create_proxy(v)


def host_function(fn, nargs):
    """A JS function with arity `nargs` calling the Python `fn` (see bridge.hostFunction)."""
    return bridge.hostFunction(create_proxy(fn), nargs)


def host_regularizer(fn):
    return bridge.hostRegularizer(create_proxy(fn))


def js_list(proxy):
    """A JS array as a Python list (shallow)."""
    return [proxy[i] for i in range(proxy.length)]


def py(value):
    """A value read from the engine: JS null as None."""
    return None if isinstance(value, JsNull) else value


_REFS = {}
_NEXT_REF = [0]


def attach(engine_obj, py_obj):
    """Remembers that `engine_obj` stands for `py_obj`, so reading it back from the engine gives
    the same Python object (`scope.initializer is init`)."""
    _NEXT_REF[0] += 1
    _REFS[_NEXT_REF[0]] = py_obj
    try:
        engine_obj.pyref = _NEXT_REF[0]
    except Exception:  # noqa: BLE001 - a frozen JS object cannot carry it; identity is then lost
        pass
    return engine_obj


def referent(engine_obj):
    ref = getattr(engine_obj, "pyref", None)
    return None if ref is None else _REFS.get(int(ref))


def clear_refs():
    _REFS.clear()


# ---------------------------------------------------------------------------------------------
# Where variables are created: TF's "Originally defined at:" lists the user's frames.

import os as _os
import traceback as _traceback

_PACKAGE_DIR = _os.path.dirname(_os.path.abspath(__file__))


def _user_frame(filename):
    return not (filename.startswith(_PACKAGE_DIR) or filename.startswith("<scope-lens"))


def _call_site(kind=None):
    """The engine's call-site provider for Python programs: the innermost five user frames,
    formatted as TF formats them (`traceback.format_list`), and the innermost as a location."""
    frames = [f for f in _traceback.extract_stack() if _user_frame(f.filename)]
    frames = frames[::-1][:5]
    loc = jsobj(file=frames[0].filename, line=frames[0].lineno, column=0) if frames else None
    return jsobj(location=loc, traceback="".join(_traceback.format_list(frames)))


_PROVIDER = create_proxy(_call_site)


def install_call_sites():
    engine.setCallSiteProvider(_PROVIDER)
