"""Variables: Python wrappers of the engine's variables (`tf.Variable`, `PartitionedVariable`).

A wrapper is made once per engine variable and cached, so `get_variable` under reuse returns
the same Python object (`v1 is v2`), as in TF.
"""
from . import _engine
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph, Graph
from .tensor_shape import TensorShape

E = _engine.engine

_WRAPPERS = {}


def _key(ev):
    uid = getattr(ev, "uid", None)
    if uid is not None and hasattr(ev, "opName"):
        return "v:%d" % int(uid)
    if hasattr(ev, "variables") and hasattr(ev, "partitions"):
        return "p:%s:%s" % (id_of_graph(ev), str(ev.name))
    return None


def id_of_graph(ev):
    try:
        return int(ev.variables[0].graph.id)
    except Exception:  # noqa: BLE001 - best effort
        return 0


# The tensor a get_variable call initializes its new variable from (`initializer=<tensor>`),
# while the call runs: the variable's Assign takes it as its input (_create_ops_now).
_PENDING_INITIAL = [None]


def wrap_engine_variable(graph, ev):
    """The Python wrapper of an engine Variable/PartitionedVariable, or None for other objects."""
    key = _key(ev)
    if key is None:
        return None
    found = _WRAPPERS.get(key)
    if found is not None:
        return found
    if key.startswith("v:"):
        cls = ResourceVariable if bool(ev.isResource) else RefVariable
        w = cls.__new__(cls)
        w._init_from_engine(ev)
        _WRAPPERS[key] = w
        w._create_ops()
        return w
    else:
        w = PartitionedVariable(ev)
    _WRAPPERS[key] = w
    return w


def wrap(result):
    """What get_variable returns: engine variables wrapped, Python objects as they are."""
    from pyodide.ffi import JsProxy

    if isinstance(result, JsProxy):
        w = wrap_engine_variable(get_default_graph(), result)
        return w if w is not None else result
    return result


def _graph_of(ev):
    from ._framework import _GRAPHS

    g = _GRAPHS.get(int(ev.graph.id))
    return g if g is not None else Graph(ev.graph)


class Variable(object):
    """`tf.Variable` (a TF 1.15 RefVariable unless `use_resource=True`)."""

    def __init__(self, initial_value=None, trainable=None, collections=None, validate_shape=True,
                 caching_device=None, name=None, variable_def=None, dtype=None,
                 expected_shape=None, import_scope=None, constraint=None, use_resource=None,
                 synchronization=None, aggregation=None, shape=None):
        if initial_value is None:
            raise ValueError("initial_value must be specified.")
        from . import _ops

        get_default_graph()
        if use_resource is None:
            from ._variable_scope import _DEFAULT_USE_RESOURCE

            use_resource = _DEFAULT_USE_RESOURCE[0]
        if callable(initial_value):
            initial_value = initial_value()
        dt = _dtypes.as_dtype(dtype).name if dtype is not None else None
        value = _ops.to_engine_tensor(initial_value, dt)
        opts = _engine.jsobj(
            name=name,
            trainable=True if trainable is None else bool(trainable),
            collections=list(collections) if collections is not None else None,
            dtype=dt,
            useResource=bool(use_resource),
        )
        ev = _engine.call(E.variable, value, opts)
        if type(self) is Variable:
            # TF 1.15's tf.Variable makes a RefVariable unless use_resource=True
            self.__class__ = ResourceVariable if use_resource else RefVariable
        self._init_from_engine(ev)
        _WRAPPERS[_key(ev)] = self
        self._create_ops(python_value=not _ops._is_tensor_like(initial_value))

    def _init_from_engine(self, ev):
        self._v = ev
        self._engine_object = ev
        self._graph = _graph_of(ev)
        self._op = None
        self._read = None
        self._initializer_op = None

    def _create_ops(self, python_value=False):
        """The ops TF 1.15's variable constructor makes, in its order: the initializer's
        subgraph under `<name>/Initializer/` (init_ops.py), the variable op, `<name>/Assign`
        and `<name>/read` (resource variables: `IsInitialized/VarIsInitializedOp`, `Assign`,
        `Read/ReadVariableOp`). A `tf.Variable` of a Python value converts it first
        (`<name>/initial_value`). The final initializer op's value is the variable's initial
        value; a random initializer's intermediate ops compute theirs from it
        (`_intermediate_values`)."""
        if self._graph is not get_default_graph():
            return
        # TF builds a variable's ops under `init_scope`: outside any cond branch.
        saved = self._graph._cf_context
        self._graph._cf_context = None
        try:
            self._create_ops_now(python_value)
        finally:
            self._graph._cf_context = saved

    def _create_ops_now(self, python_value):
        kind = _engine.py(self._v.initializerOpName)
        tail = kind.rsplit("/", 1)[-1] if kind else None
        if python_value:
            tail = "initial_value"
        pending = _PENDING_INITIAL[0]
        if pending is not None and not python_value and \
                pending.shape.is_compatible_with(self.shape):
            # get_variable(initializer=<a tensor>): TF's Assign takes that tensor as it is.
            self._initial = pending
        elif tail in _INITIALIZER_OPS or (tail == "initial_value" and python_value):
            self._initial = _initializer_subgraph(self, str(kind or ""), tail)
        self.op
        if bool(self._v.isResource):
            base = str(self._v.opName)
            is_init = Operation(self._graph, base + "/IsInitialized/VarIsInitializedOp",
                                "VarIsInitializedOp", [self.op.outputs[0]])
            Tensor(is_init, 0, _dtypes.bool, TensorShape([]))
        self.initializer
        self.value()

    # -- identity --------------------------------------------------------------------------
    @property
    def name(self):
        return str(self._v.name)

    @property
    def op(self):
        if self._op is None:
            op_type = "VarHandleOp" if bool(self._v.isResource) else "VariableV2"
            self._op = Operation(self._graph, str(self._v.opName), op_type)
            Tensor(self._op, 0, self.dtype, self.shape)
            self._op._variable = self
        return self._op

    @property
    def dtype(self):
        return _dtypes.as_dtype(str(self._v.dtype.name))

    @property
    def shape(self):
        return TensorShape([int(d) for d in self._v.shape])

    def get_shape(self):
        return self.shape

    @property
    def graph(self):
        return self._graph

    @property
    def trainable(self):
        return bool(self._v.trainable)

    @property
    def device(self):
        return ""

    @property
    def initializer(self):
        """The op that (re)initializes this variable in a session (`v/Assign`)."""
        if self._initializer_op is None:
            # Its inputs are the variable and the initial value, as TF's; a session runs it
            # by assigning the kept initial value.
            initial = getattr(self, "_initial", None)
            inputs = [self.op.outputs[0]] + ([] if initial is None else [initial])
            resource = bool(self._v.isResource)
            op = Operation(self._graph, str(self._v.opName) + "/Assign",
                           "AssignVariableOp" if resource else "Assign", inputs)
            if not resource:
                Tensor(op, 0, self.dtype, self.shape)
            op._initializes = [self]
            self._initializer_op = op
        return self._initializer_op

    @property
    def initial_value(self):
        """The tensor the variable is initialized from (`v/Initializer/<op>:0`)."""
        if getattr(self, "_initial", None) is None:
            kept = _engine.py(self._v.initialValue)
            if kept is None:
                raise NotImplementedError(
                    "Scope Lens kept no initial value for %s (it was created outside a Python "
                    "program)." % self.name)
            name = _engine.py(self._v.initializerOpName) or (str(self._v.opName) + "/initial_value")
            op = Operation(self._graph, str(name), "Const", [], lambda ins, s: kept)
            op._const_value = kept
            self._initial = Tensor(op, 0, self.dtype.base_dtype, self.shape)
        return self._initial

    def initialized_value(self):
        """The value if initialized, else the initial value (TF's `initialized_value`)."""
        from . import _ops

        return _ops.initialized_value(self)

    def value(self):
        """The `v/read:0` tensor."""
        if self._read is None:
            from . import _ops

            self._read = _ops.read_variable_tensor(self)
        return self._read

    def read_value(self):
        return self.value()

    def _as_tensor(self):
        return self.value()

    def eval(self, session=None):
        from . import _session

        return _session._require_session(session).run(self)

    def assign(self, value, use_locking=False, name=None, read_value=True):
        from . import _ops

        return _ops.assign(self, value, name=name, kind="Assign")

    def assign_add(self, delta, use_locking=False, name=None, read_value=True):
        from . import _ops

        return _ops.assign(self, delta, name=name, kind="AssignAdd")

    def assign_sub(self, delta, use_locking=False, name=None, read_value=True):
        from . import _ops

        return _ops.assign(self, delta, name=name, kind="AssignSub")

    def load(self, value, session=None):
        from . import _session

        _session._require_session(session).run(self.assign(value))

    def __repr__(self):
        return str(self._v.toString())

    def __hash__(self):
        return id(self)

    def __iter__(self):
        raise TypeError("'Variable' object is not iterable.")


# init_ops.py (1.15): the ops each engine initializer's final op (`opName`) is built from.
_INITIALIZER_OPS = {
    "random_uniform": [("shape", "Const"), ("min", "Const"), ("max", "Const"),
                       ("RandomUniform", "RandomUniform"), ("sub", "Sub"), ("mul", "Mul"),
                       (None, "Add")],
    "truncated_normal": [("shape", "Const"), ("mean", "Const"), ("stddev", "Const"),
                         ("TruncatedNormal", "TruncatedNormal"), ("mul", "Mul"), (None, "Add")],
    "random_normal": [("shape", "Const"), ("mean", "Const"), ("stddev", "Const"),
                      ("RandomStandardNormal", "RandomStandardNormal"), ("mul", "Mul"),
                      (None, "Add")],
    "zeros": [(None, "Const")],
    "ones": [(None, "Const")],
    "Const": [(None, "Const")],
}


def _initializer_subgraph(var, final_name, tail):
    """The initializer's ops; returns the final one's tensor (the variable's initial value)."""
    g = var._graph
    shape = var.shape.as_list()
    dtype = var.dtype.base_dtype
    base = final_name if tail != "initial_value" else str(var._v.opName) + (
        # resource_variable_ops.py (1.15) converts a value under `<name>/Initializer/`.
        "/Initializer/initial_value" if bool(var._v.isResource) else "/initial_value")
    steps = _INITIALIZER_OPS.get(tail, [(None, "Const")])
    if tail in ("zeros", "ones"):
        n = 1
        for d in shape:
            n *= d
        if n >= 1000:  # array_ops._constant_if_small: a Fill of a shape and a scalar
            steps = [("shape_as_tensor", "Const"), ("Const", "Const"), (None, "Fill")]

    holder = []

    def kept_value(ins, s):
        value = _engine.py(var._v.initialValue)
        if value is None:
            raise NotImplementedError(
                "Scope Lens kept no initial value for %s." % var.name)
        holder[0]._const_value = value  # the engine's kept copy: a run must not dispose it
        return value

    def unnamed(ins, s):
        raise NotImplementedError(
            "Scope Lens's runtime does not compute the initializer's intermediate ops; "
            "the initial value is %s:0." % base)

    intermediate = _intermediate_values(var, tail, kept_value, unnamed)

    final = None
    for sub, op_type in steps:
        if sub is None:
            final = Operation(g, base, op_type, [], kept_value)
            holder.append(final)
            final = Tensor(final, 0, dtype, var.shape)
        else:
            op = Operation(g, base + "/" + sub, op_type, [],
                           _shape_const(shape) if sub in ("shape", "shape_as_tensor")
                           else intermediate.get(sub, unnamed))
            if sub in ("shape", "shape_as_tensor"):
                Tensor(op, 0, _dtypes.int32, TensorShape([len(shape)]))
            else:
                scalar = sub in ("min", "max", "mean", "stddev", "Const", "sub")
                Tensor(op, 0, dtype, TensorShape([] if scalar else shape))
    return final


def _intermediate_values(var, tail, kept_value, unnamed):
    """The values of a random initializer's intermediate ops (random_ops.py 1.15: `min`, `max`,
    the kernel's draw, `sub`, `mul`), from the arguments the engine's initializer drew with
    (`initializerDraw`, asked when one of them runs) and the variable's initial value, the final
    op's: the draw is the initial value mapped back to the standard distribution, so every op
    agrees with the value the variable was initialized with."""
    if tail not in ("random_uniform", "random_normal", "truncated_normal"):
        return {}
    T = _engine.tfjs
    dt = var.dtype.base_dtype.name
    cache = []

    def params(ins, s):
        if not cache:
            make = getattr(var._v, "initializerDraw", None)
            draw = None if make is None else _engine.call(make)
            if draw is None or str(draw.op) != tail:
                cache.append(None)
            elif tail == "random_uniform":
                cache.append((float(draw.minval.value), float(draw.maxval.value)))
            else:
                cache.append((float(draw.mean.value), float(draw.stddev.value)))
        if cache[0] is None:
            unnamed(ins, s)
        return cache[0]

    def first(ins, s):
        return T.scalar(params(ins, s)[0], dt)

    def second(ins, s):
        return T.scalar(params(ins, s)[1], dt)

    def shifted(ins, s):
        return T.sub(kept_value(ins, s), first(ins, s))

    if tail == "random_uniform":
        def width(ins, s):
            return T.sub(second(ins, s), first(ins, s))

        out = {"min": first, "max": second, "sub": width,
               "RandomUniform": lambda ins, s: T.div(shifted(ins, s), width(ins, s))}
    else:
        kernel = "TruncatedNormal" if tail == "truncated_normal" else "RandomStandardNormal"
        out = {"mean": first, "stddev": second,
               kernel: lambda ins, s: T.div(shifted(ins, s), second(ins, s))}
    out["mul"] = shifted
    from ._math_grad import _scoped_compute

    return {k: _scoped_compute(f) for k, f in out.items()}


def _shape_const(shape):
    def compute(ins, s):
        return _engine.tfjs.tensor1d(_engine.tojs(list(shape)), "int32")

    return compute


class RefVariable(Variable):
    """A TF 1.15 reference variable (what `tf.Variable` and `get_variable` make by default)."""


class ResourceVariable(Variable):
    """A resource variable (`use_resource=True`): dtype without `_ref`, no traceback on clash.

    As resource_variable_ops.py (1.15) builds them: an operator or gather reads the variable
    with a new `ReadVariableOp` in the current name scope (`value()`, `sparse_read`: op
    `ResourceGather` named `Gather`), and `assign`/`assign_add`/`assign_sub` are
    `AssignVariableOp`/`AssignAddVariableOp`/`AssignSubVariableOp` of the handle and the value,
    whose result reads the variable after the assignment (a `ReadVariableOp` under a control
    dependency on it: the graph element of 1.15's `_UnreadVariable`)."""

    _is_resource_variable = True

    def _read_op(self, name="ReadVariableOp"):
        """`gen_resource_variable_ops.read_variable_op(handle)`: a new read of the variable."""
        from ._ops import _op_name

        g = get_default_graph()
        op = Operation(g, _op_name(name, "ReadVariableOp"), "ReadVariableOp", [self.op.outputs[0]],
                       None, control_inputs=g.control_inputs_for([self.op.outputs[0]]))
        op._reads_variable = self
        return Tensor(op, 0, self.dtype.base_dtype, self.shape)

    def _assign_op(self, kind, value, name):
        from ._ops import _op_name, convert_to_tensor

        g = get_default_graph()
        value = convert_to_tensor(value, dtype=self.dtype.base_dtype)
        scope = _op_name(name, kind)
        inputs = [self.op.outputs[0], value]
        op = Operation(g, scope, kind, inputs, None, control_inputs=g.control_inputs_for(inputs))
        op._assigns = (self, {"AssignVariableOp": "Assign", "AssignAddVariableOp": "AssignAdd",
                              "AssignSubVariableOp": "AssignSub"}[kind])
        return op

    def _lazy_read(self, op):
        with get_default_graph().control_dependencies([op]):
            read = self._read_op()
        # 1.15's `_UnreadVariable.op` is the assignment itself: what Keras's `add_update`
        # keeps of it (`_lib/_support.update_op`).
        read._unread_parent_op = op
        return read

    def assign(self, value, use_locking=None, name=None, read_value=True):
        op = self._assign_op("AssignVariableOp", value, name)
        return self._lazy_read(op) if read_value else op

    def assign_add(self, delta, use_locking=None, name=None, read_value=True):
        op = self._assign_op("AssignAddVariableOp", delta, name)
        return self._lazy_read(op) if read_value else op

    def assign_sub(self, delta, use_locking=None, name=None, read_value=True):
        op = self._assign_op("AssignSubVariableOp", delta, name)
        return self._lazy_read(op) if read_value else op

    def sparse_read(self, indices, name=None):
        """`ResourceGather` of the handle and the indices, named `Gather`."""
        from ._ops import _op_name, convert_to_tensor
        from . import _engine as e

        g = get_default_graph()
        i = convert_to_tensor(indices)
        scope = _op_name(name, "Gather")
        inputs = [self.op.outputs[0], i]
        var = self

        def compute(ins, session):
            if session is not None and int(var._v.uid) not in session._initialized:
                from .errors import FailedPreconditionError

                raise FailedPreconditionError(
                    None, None, "Attempting to use uninitialized value %s" % str(var._v.opName))
            return e.tfjs.gather(var._v.value, e.tfjs.cast(ins[1], "int32"), 0)

        op = Operation(g, scope, "ResourceGather", inputs, compute,
                       control_inputs=g.control_inputs_for(inputs))
        dims = None if i.shape.dims is None else i.shape.as_list() + self.shape.as_list()[1:]
        return Tensor(op, 0, self.dtype.base_dtype,
                      TensorShape(dims) if dims is not None else TensorShape(None))


def _resource_operators():
    """An operator on a resource variable reads it first (`_run_op`: `a.value()`, a new
    ReadVariableOp in the current scope), then applies the tensor's operator."""
    def binop(key):
        def forward(self, other):
            return getattr(self._read_op(), "__%s__" % key)(other)

        def backward(self, other):
            return getattr(self._read_op(), "__r%s__" % key)(other)

        return forward, backward

    for key in ("add", "sub", "mul", "truediv", "pow", "floordiv", "mod", "matmul"):
        fwd, bwd = binop(key)
        setattr(ResourceVariable, "__%s__" % key, fwd)
        setattr(ResourceVariable, "__r%s__" % key, bwd)
    for key in ("neg", "abs", "getitem", "lt", "le", "gt", "ge"):
        setattr(ResourceVariable, "__%s__" % key,
                (lambda k: lambda self, *a: getattr(self._read_op(), "__%s__" % k)(*a))(key))


_resource_operators()


Variable.__module__ = "tensorflow.python.ops.variables"
RefVariable.__module__ = "tensorflow.python.ops.variables"
ResourceVariable.__module__ = "tensorflow.python.ops.resource_variable_ops"


class PartitionedVariable(object):
    """A variable split into parts (`v/part_0`, ...); iterable over its parts."""

    def __init__(self, ev):
        self._v = ev
        self._engine_object = ev
        self._parts = [wrap_engine_variable(None, p) for p in _engine.js_list(ev.variables)]

    @property
    def name(self):
        return str(self._v.name)

    @property
    def dtype(self):
        return _dtypes.as_dtype(str(self._v.dtype.name))

    def get_shape(self):
        return TensorShape([int(d) for d in self._v.shape])

    @property
    def shape(self):
        return self.get_shape()

    def _get_variable_list(self):
        return list(self._parts)

    def _get_partitions(self):
        return [int(p) for p in self._v.partitions]

    def __iter__(self):
        return iter(self._parts)

    def _partition_axes(self):
        axes = [i for i, p in enumerate(self._get_partitions()) if p > 1]
        return axes or [0]

    def _concat(self):
        # variables.py `PartitionedVariable._concat`: one part is an identity named as the
        # variable; more are concatenated under `<name>/ConcatPartitions/`, then an identity.
        from . import _ops

        g = get_default_graph()
        if len(self._parts) == 1:
            with g.name_scope(None):
                return _ops.identity(self._parts[0], name=self.name)
        axes = self._partition_axes()
        if len(axes) > 1:
            raise NotImplementedError(
                "Cannot concatenate along more than one dimension: %s.  "
                "Multi-axis partition concat is not supported" % str(axes))
        with g.name_scope(self.name + "/ConcatPartitions/"):
            concatenated = _ops.concat(self._parts, axes[0])
        with g.name_scope(None):
            return _ops.identity(concatenated, name=self.name)

    def as_tensor(self):
        """The whole variable as one tensor (outside any control-dependency block)."""
        with get_default_graph().control_dependencies(None):
            return self._concat()

    def _as_tensor(self):
        # TF's tensor conversion function for a PartitionedVariable is `as_tensor()`.
        return self.as_tensor()

    def __len__(self):
        num = sum(1 for p in self._get_partitions() if p > 1)
        if num > 1:
            raise ValueError("Cannot get a length for %d > 1 partitions" % num)
        return len(self._parts)

    def __repr__(self):
        return str(self._v.toString())


PartitionedVariable.__module__ = "tensorflow.python.ops.variables"
