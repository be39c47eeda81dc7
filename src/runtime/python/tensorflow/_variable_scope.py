"""`tf.variable_scope`, `tf.get_variable` and friends: argument conversion around the engine.

The rules (names, reuse, default names, the store's decisions and messages) are the engine's;
this module turns Python arguments into engine arguments and engine results back into Python
objects, keeping Python identities (`scope.initializer is init`, `v1 is v2`).
"""
import enum
import inspect
import sys as _sys

from . import _engine
from . import dtypes as _dtypes
from ._framework import get_default_graph
from . import _variables
from .tensor_shape import TensorShape

E = _engine.engine


class _ReuseMode(enum.Enum):
    AUTO_REUSE = 1


AUTO_REUSE = _ReuseMode.AUTO_REUSE


# ---------------------------------------------------------------------------------------------
# Python → engine


_attach = _engine.attach


def from_engine(value):
    """An engine slot value back as the Python object it came from."""
    from pyodide.ffi import JsProxy

    value = _engine.py(value)
    if isinstance(value, JsProxy):
        py = _engine.referent(value)
        if py is not None:
            return py
    return value


def required_args(fn):
    """How many arguments `fn` needs (TF's argspec test: args without defaults)."""
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return 1
    return sum(
        1 for p in sig.parameters.values()
        if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    )


def reuse_arg(reuse):
    if reuse is AUTO_REUSE:
        return E.AUTO_REUSE
    return reuse


def reuse_from_engine(reuse):
    if reuse is True or reuse is False:
        return reuse
    return AUTO_REUSE


def shape_arg(shape):
    if shape is None:
        return None
    if isinstance(shape, TensorShape):
        return shape._to_engine()
    if isinstance(shape, (list, tuple)):
        return [None if d is None else int(getattr(d, "value", d)) if getattr(d, "value", d) is not None else None for d in shape]
    return TensorShape(shape)._to_engine()


def dtype_arg(dtype):
    return None if dtype is None else _dtypes.as_dtype(dtype).name


def initializer_arg(init):
    """An initializer as the engine takes it (see module doc)."""
    from . import _ops

    if init is None:
        return None
    engine_obj = getattr(init, "_engine_object", None)
    if engine_obj is not None:
        return engine_obj
    if isinstance(init, type):
        init = init()
        engine_obj = getattr(init, "_engine_object", None)
        if engine_obj is not None:
            return engine_obj
    if callable(init):
        return _attach(_engine.host_function(_InitializerCall(init), required_args(init)), init)
    return _attach(_ops.to_engine_tensor(init, None), init)


class _InitializerCall(object):
    """The engine calls a Python initializer as TF does: `init(shape, dtype=, partition_info=)`."""

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, *args):
        from . import _ops

        if not args:
            value = self.fn()
        else:
            shape = [int(d) for d in args[0]]
            dtype = _dtypes.as_dtype(str(args[1].name)) if len(args) > 1 else None
            value = self.fn(shape, dtype=dtype, partition_info=None)
        return _ops.to_engine_tensor(value, None)


def regularizer_arg(reg):
    if reg is None:
        return None
    engine_obj = getattr(reg, "_engine_object", None)
    if engine_obj is not None:
        return engine_obj

    def apply(ev):
        return reg(_variables.wrap(ev))

    return _attach(_engine.host_regularizer(apply), reg)


def partitioner_arg(part):
    if part is None:
        return None
    from pyodide.ffi import JsProxy

    if isinstance(part, JsProxy):  # the engine's own (handed to a custom getter and back)
        return part
    engine_obj = getattr(part, "_engine_object", None)
    if engine_obj is not None:
        return engine_obj
    if not callable(part):
        return part

    def call(shape, dtype):
        result = part(shape=TensorShape([int(d) for d in shape]), dtype=_dtypes.as_dtype(str(dtype.name)))
        return [int(x) for x in result] if isinstance(result, (list, tuple)) else result

    return _attach(_engine.host_function(call, 2), part)


_GETTER_PARAMS = ("name", "shape", "dtype", "initializer", "regularizer", "reuse", "trainable",
                  "collections", "caching_device", "partitioner", "validate_shape", "use_resource",
                  "constraint", "synchronization", "aggregation")
_ENGINE_KEYS = {"caching_device": "cachingDevice", "validate_shape": "validateShape",
                "use_resource": "useResource"}


# What a Python getter passed to the getter it was handed, by key, until the getter it wraps
# reads it (TF hands it on unchanged: `functools.partial(old_getter, getter)(*args, **kwargs)`).
_RAW_GETTER_CALLS = {}
_NEXT_RAW_CALL = [0]


def _wants_constraint(getter):
    """TF passes `constraint=` to a scope's getter only if it names it or takes `**kwargs`."""
    try:
        params = inspect.signature(getter).parameters
    except (TypeError, ValueError):
        return True
    return "constraint" in params or any(p.kind == p.VAR_KEYWORD for p in params.values())


def custom_getter_arg(getter):
    if getter is None:
        return None
    if not callable(getter):
        return getter

    def call(engine_getter, args, how=None):
        how = _engine.py(how)

        def nn(key):
            return _engine.py(getattr(args, key, None))

        def true_getter(*a, **kw):
            merged = dict(zip(_GETTER_PARAMS, a))
            merged.update(kw)
            opts = _engine.jsobj()
            for key, value in merged.items():
                if key in ("synchronization", "aggregation"):
                    continue
                setattr(opts, _ENGINE_KEYS.get(key, key), _engine.tojs(_convert_getter_kw(key, value)))
            _NEXT_RAW_CALL[0] += 1
            raw = _NEXT_RAW_CALL[0]
            _RAW_GETTER_CALLS[raw] = (a, kw)
            opts.raw = raw
            try:
                return _variables.wrap(_engine.call(engine_getter, opts))
            finally:
                _RAW_GETTER_CALLS.pop(raw, None)

        raw = nn("raw")
        if how == "partial" and raw in _RAW_GETTER_CALLS:
            # The outer of two scopes' getters: the true getter first, then what the inner passed.
            a, kw = _RAW_GETTER_CALLS.pop(raw)
            return getter(true_getter, *a, **kw)

        kwargs = {
            "name": str(args.name),
            "shape": None if nn("shape") is None else [
                None if _engine.py(d) is None else int(d) for d in args.shape],
            "dtype": _dtypes.as_dtype(str(args.dtype.name)) if nn("dtype") is not None else None,
            "initializer": from_engine(getattr(args, "initializer", None)),
            "regularizer": from_engine(getattr(args, "regularizer", None)),
            "reuse": reuse_from_engine(nn("reuse")),
            "trainable": nn("trainable"),
            "collections": None if nn("collections") is None else [
                str(c) for c in args.collections],
            "caching_device": nn("cachingDevice"),
            "partitioner": from_engine(getattr(args, "partitioner", None)),
            "validate_shape": nn("validateShape") is not False,
            "use_resource": nn("useResource"),
            "synchronization": 0,
            "aggregation": 0,
        }
        if how == "wrapped" or how == "partial" or _wants_constraint(getter):
            # `_maybe_wrap_custom_getter`'s wrapper takes `**kwargs`: constraint always reaches
            # the getters of nested scopes.
            kwargs["constraint"] = from_engine(getattr(args, "constraint", None))
        if how == "wrapped" or how == "partial":
            return getter(true_getter, **kwargs)
        # The variable store's own call: every argument a keyword, the getter too.
        return getter(getter=true_getter, **kwargs)

    return _attach(_engine.host_function(call, 3), getter)


def _convert_getter_kw(key, value):
    if key == "shape":
        return shape_arg(value)
    if key == "dtype":
        return None if value is None else _engine.engine.asDType(_dtypes.as_dtype(value).base_dtype.name)
    if key == "initializer":
        return initializer_arg(value)
    if key == "regularizer":
        return regularizer_arg(value)
    if key == "partitioner":
        return partitioner_arg(value)
    if key == "reuse":
        return reuse_arg(value)
    return value


# ---------------------------------------------------------------------------------------------
# Scopes


_SCOPES = {}


def wrap_scope(es):
    key = getattr(es, "pyid", None)
    if key is not None and key in _SCOPES:
        return _SCOPES[key]
    w = VariableScope.__new__(VariableScope)
    w._s = es
    w._engine_object = es
    key = len(_SCOPES) + 1
    es.pyid = key
    _SCOPES[key] = w
    return w


class VariableScope(object):
    """`tf.VariableScope`: a name, a reuse flag and defaults for `get_variable`."""

    def __init__(self, reuse, name="", initializer=None, regularizer=None, caching_device=None,
                 partitioner=None, custom_getter=None, name_scope="", dtype=_dtypes.float32,
                 use_resource=None, constraint=None):
        raise NotImplementedError(
            "Scope Lens creates VariableScope objects through tf.variable_scope only.")

    @property
    def name(self):
        return str(self._s.name)

    @property
    def original_name_scope(self):
        return str(self._s.originalNameScope)

    @property
    def reuse(self):
        return reuse_from_engine(self._s.reuse)

    @property
    def initializer(self):
        return from_engine(self._s.initializer)

    @property
    def regularizer(self):
        return from_engine(self._s.regularizer)

    @property
    def partitioner(self):
        return from_engine(self._s.partitioner)

    @property
    def custom_getter(self):
        return from_engine(self._s.customGetter)

    @property
    def caching_device(self):
        return _engine.py(self._s.cachingDevice)

    @property
    def constraint(self):
        return from_engine(self._s.constraint)

    @property
    def dtype(self):
        return _dtypes.as_dtype(str(self._s.dtype.name))

    @property
    def use_resource(self):
        return _engine.py(self._s.useResource)

    def reuse_variables(self):
        self._s.reuseVariables()

    def set_initializer(self, initializer):
        self._s.initializer = initializer_arg(initializer)

    def set_regularizer(self, regularizer):
        self._s.regularizer = regularizer_arg(regularizer)

    def set_partitioner(self, partitioner):
        self._s.partitioner = partitioner_arg(partitioner)

    def set_custom_getter(self, custom_getter):
        self._s.customGetter = custom_getter_arg(custom_getter)

    def set_caching_device(self, caching_device):
        self._s.cachingDevice = caching_device

    def set_dtype(self, dtype):
        self._s.dtype = _engine.engine.asDType(_dtypes.as_dtype(dtype).name)

    def set_use_resource(self, use_resource):
        self._s.useResource = use_resource

    def get_collection(self, name):
        scope = self.name + "/" if self.name else ""
        return get_default_graph().get_collection(name, scope)

    def trainable_variables(self):
        return self.get_collection("trainable_variables")

    def global_variables(self):
        return self.get_collection("variables")

    def local_variables(self):
        return self.get_collection("local_variables")

    def __repr__(self):
        return "<tensorflow.python.ops.variable_scope.VariableScope object at 0x%x>" % id(self)


class variable_scope(object):  # noqa: N801 - TF's name
    """`with tf.variable_scope(name_or_scope, ...) as scope:` on the engine's scope machine."""

    def __init__(self, name_or_scope, default_name=None, values=None, initializer=None,
                 regularizer=None, caching_device=None, partitioner=None, custom_getter=None,
                 reuse=None, dtype=None, use_resource=None, constraint=None,
                 auxiliary_name_scope=True):
        if isinstance(name_or_scope, VariableScope):
            target = name_or_scope._s
        else:
            target = name_or_scope
        self._target = target
        self._opts = _engine.jsobj(
            defaultName=default_name,
            reuse=reuse_arg(reuse),
            initializer=initializer_arg(initializer),
            regularizer=regularizer_arg(regularizer),
            cachingDevice=caching_device,
            partitioner=partitioner_arg(partitioner),
            customGetter=custom_getter_arg(custom_getter),
            dtype=dtype_arg(dtype),
            useResource=use_resource,
            constraint=None if constraint is None else _engine.tojs(constraint),
            auxiliaryNameScope=auxiliary_name_scope,
        )
        # TF checks these when the context manager is built, before `with`.
        _engine.call(_engine.bridge.validateScopeArgs, target, self._opts)
        self._frames = []

    def __enter__(self):
        frame = _engine.call(E.enterVariableScope, _engine.tojs(self._target), self._opts)
        self._frames.append(frame)
        return wrap_scope(frame.scope)

    def __exit__(self, *exc):
        frame = self._frames.pop()
        _engine.call(E.exitVariableScope, frame)
        return False


def get_variable_scope():
    return wrap_scope(E.getVariableScope())


# variable_scope.py's `_DEFAULT_USE_RESOURCE`: `tf.enable_resource_variables()` makes the
# variables that neither the call nor its scope decide resource variables.
_DEFAULT_USE_RESOURCE = [False]


def enable_resource_variables():
    _DEFAULT_USE_RESOURCE[0] = True


def disable_resource_variables():
    _DEFAULT_USE_RESOURCE[0] = False


def resource_variables_enabled():
    return _DEFAULT_USE_RESOURCE[0]


def _get_variable_opts(shape, dtype, initializer, regularizer, trainable, collections,
                       caching_device, partitioner, validate_shape, use_resource, custom_getter,
                       constraint):
    if use_resource is None and _DEFAULT_USE_RESOURCE[0] and _engine.py(
            E.getVariableScope().useResource) is None:
        use_resource = True
    return _engine.jsobj(
        shape=shape_arg(shape),
        dtype=dtype_arg(dtype),
        initializer=initializer_arg(initializer),
        regularizer=regularizer_arg(regularizer),
        trainable=trainable,
        collections=None if collections is None else list(collections),
        cachingDevice=caching_device,
        partitioner=partitioner_arg(partitioner),
        validateShape=validate_shape,
        useResource=use_resource,
        customGetter=custom_getter_arg(custom_getter),
        constraint=None if constraint is None else _engine.tojs(constraint),
    )


def _user_line(frame):
    """The line of the innermost frame outside this package: for a variable a layer library
    creates, the program's call of the layer, which is also where the analyzer reports it."""
    while frame is not None and not _engine._user_frame(frame.f_code.co_filename):
        frame = frame.f_back
    return frame.f_lineno if frame is not None else 0


def get_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                 trainable=None, collections=None, caching_device=None, partitioner=None,
                 validate_shape=True, use_resource=None, custom_getter=None, constraint=None,
                 synchronization=None, aggregation=None):
    get_default_graph()  # the Python graph wrapper must exist before variables are made
    opts = _get_variable_opts(shape, dtype, initializer, regularizer, trainable, collections,
                              caching_device, partitioner, validate_shape, use_resource,
                              custom_getter, constraint)
    line = _user_line(_sys._getframe(1))
    scope_name = str(E.getVariableScope().name)
    full = scope_name + "/" + str(name) if scope_name else str(name)
    store = E.getDefaultGraph().store
    existed = bool(store.vars.has(full)) or bool(store.partitionedVars.has(full))
    from ._ops import _is_tensor_like

    _variables._PENDING_INITIAL[0] = initializer._as_tensor() if (
        _is_tensor_like(initializer) and not isinstance(initializer, _variables.Variable)) \
        else None
    try:
        result = _variables.wrap(_engine.call(E.getVariable, name, opts))
    except (ValueError, TypeError) as e:
        EVENTS.append({"line": line, "name": full, "action": "raise",
                       "error": "%s: %s" % (type(e).__name__, str(e).splitlines()[0])})
        raise
    finally:
        _variables._PENDING_INITIAL[0] = None
    EVENTS.append({"line": line, "name": str(getattr(result, "name", full)), "key": full,
                   "action": "reuse" if existed else "create"})
    return result


# Every get_variable call's outcome in this run, in order, as `.static.json` records them: the
# runtime half of the analyzer's static-against-dynamic tests. Cleared by _reset_for_run.
EVENTS = []


def get_local_variable(name, shape=None, dtype=None, initializer=None, regularizer=None,
                       trainable=False, collections=None, caching_device=None, partitioner=None,
                       validate_shape=True, use_resource=None, custom_getter=None,
                       constraint=None, synchronization=None, aggregation=None):
    get_default_graph()
    opts = _get_variable_opts(shape, dtype, initializer, regularizer, False, collections,
                              caching_device, partitioner, validate_shape, use_resource,
                              custom_getter, constraint)
    return _variables.wrap(_engine.call(E.getLocalVariable, name, opts))


def no_regularizer(_):
    """`tf.no_regularizer`: prevents regularization of a variable."""
    return None


no_regularizer._engine_object = E.noRegularizer


class Template(object):
    """`tf.make_template`'s result: creates variables on the first call, reuses them after."""

    def __init__(self, name, func, create_scope_now=False, unique_name=None, custom_getter=None):
        self._func = func
        self._name = name
        self._pending = None

        def run():
            args, kwargs = self._pending
            return func(*args, **kwargs)

        opts = _engine.jsobj(createScopeNow=bool(create_scope_now), uniqueName=unique_name,
                             customGetter=custom_getter_arg(custom_getter))
        self._t = _engine.call(E.makeTemplate, name, _engine.host_function(run, 0), opts).template

    def __call__(self, *args, **kwargs):
        self._pending = (args, kwargs)
        try:
            return _engine.call(self._t.call)
        finally:
            self._pending = None

    @property
    def name(self):
        return self._name

    @property
    def func(self):
        return self._func

    @property
    def variable_scope(self):
        s = _engine.py(self._t.variableScope)
        return None if s is None else wrap_scope(s)

    @property
    def variable_scope_name(self):
        s = self.variable_scope
        return None if s is None else s.name

    @property
    def variables(self):
        return self.global_variables

    @property
    def global_variables(self):
        s = self.variable_scope
        return [] if s is None else s.global_variables()

    @property
    def trainable_variables(self):
        s = self.variable_scope
        return [] if s is None else s.trainable_variables()


def make_template(name_, func_, create_scope_now_=False, unique_name_=None, custom_getter_=None,
                  **kwargs):
    import functools

    if kwargs:
        func_ = functools.partial(func_, **kwargs)
    return Template(name_, func_, create_scope_now=create_scope_now_, unique_name=unique_name_,
                    custom_getter=custom_getter_)

VariableScope.__module__ = "tensorflow.python.ops.variable_scope"
variable_scope.__module__ = "tensorflow.python.ops.variable_scope"

Template.__module__ = "tensorflow.python.ops.template"
