"""`tf.Session`: runs the graph with TensorFlow.js and returns ndarrays.

Values are computed op by op from the fetched tensors back to constants, variables and fed
placeholders; every intermediate tfjs tensor made during a run is disposed when it ends.
Variables hold their values in the engine; a session records which ones it initialized, and
reading another raises TF's FailedPreconditionError.
"""
from pyodide.ffi import JsException

from . import _engine
from . import _indexed_slices as _is
from numpy import _ndarray
from . import dtypes as _dtypes
from .errors import FailedPreconditionError
from ._framework import Operation, Tensor, get_default_graph

T = _engine.tfjs
bridge = _engine.bridge

_DEFAULT_SESSIONS = []


class _Dead(object):
    """The value of a tensor on a cond's branch not taken (TF's dead tensors)."""

    def __repr__(self):
        return "<dead>"


DEAD = _Dead()


class _DeadOutputs(list):
    """An op that did not run: an input or control input was dead."""


def _dead(op):
    return _DeadOutputs([DEAD] * max(1, len(op._outputs)))


class _Evaluator(object):
    def __init__(self, session, feeds):
        self.session = session
        self.feeds = feeds
        self.memo = {}
        self.created = []
        self.groups = set()

    def value(self, tensor):
        if tensor in self.feeds:
            return self.feeds[tensor]
        op = tensor.op
        outs = self.memo.get(op)
        if outs is None:
            outs = self.run_op(op)
            self.memo[op] = outs
        return outs[tensor.value_index]

    def variable_read(self, var):
        """What a read of `var` gives here: its value. (The replay of a while loop for its
        gradient gives the watched copy it substitutes for the variable, _while_grad.py.)"""
        return var._v.value

    def run_op(self, op):
        group = getattr(op, "_gradient_group", None)
        if group is not None and id(group) not in self.groups:
            # One tf.gradients call's results (and ys) are computed together (_gradients.py).
            self.groups.add(id(group))
            for t in group:
                self.value(t)
            if op in self.memo:
                return self.memo[op]
        for c in op._control_inputs:
            if isinstance(self.op_outputs(c), _DeadOutputs):
                return _dead(op)
        kind = getattr(op, "_cf_kind", None)
        if kind is not None:
            return self.run_control_flow(op, kind)
        var = getattr(op, "_reads_variable", None)
        if var is not None:
            self.check_initialized(var)
            return [self.variable_read(var)]
        assigns = getattr(op, "_assigns", None)
        if assigns is not None:
            target, kind = assigns
            # The last input is the value (the first, the variable, is written, not read).
            value = self.value(op._inputs[-1])
            if value is DEAD:
                return _dead(op)
            if kind != "Assign":
                self.check_initialized(target)
                fn = T.add if kind == "AssignAdd" else T.sub
                value = fn(target._v.value, value)
                self.created.append(value)
            target._v.value.assign(value)
            if self.session is not None:
                self.session._initialized.add(_var_key(target))
            return [target._v.value]
        for v in getattr(op, "_initializes", ()):
            initial = _engine.py(v._v.initialValue)
            if initial is not None:
                v._v.value.assign(initial)
            if self.session is not None:
                self.session._initialized.add(_var_key(v))
                bridge.initializedVariable(v._v)
        of = getattr(op, "_initialized_value_of", None)
        if of is not None:
            if self.session is not None and _var_key(of) in self.session._initialized:
                return [of._v.value]
            return [_engine.py(of._v.initialValue) or of._v.value]
        variable = getattr(op, "_variable", None)
        if variable is not None:
            self.check_initialized(variable)
            return [variable._v.value]
        special = getattr(op, "_run_with_evaluator", None)
        if special is not None:
            return special(self)  # a while loop's gradient (_while_grad.py)
        if op._compute is None:
            return [None]
        ins = [self.value(t) for t in op._inputs]
        if any(i is DEAD for i in ins):
            return _dead(op)
        check_outputs(op, ins)
        try:
            out = op._compute(ins, self.session)
        except JsException as e:
            raise _allocation_failure(e, op) from None
        outs = list(out) if isinstance(out, (list, tuple)) else [out]
        const = getattr(op, "_const_value", None)
        for o in outs:
            if o is not None and o is not const and o is not DEAD \
                    and not any(o is i for i in ins):
                self.created.append(o)
        return outs

    def run_control_flow(self, op, kind):
        """Switch: the data to the output the predicate picks, the other dead. Merge: the
        input that is alive, and its index."""
        if kind == "Switch":
            data = self.value(op._inputs[0])
            pred = self.value(op._inputs[1])
            if data is DEAD or pred is DEAD:
                return _dead(op)
            taken = bool(pred.dataSync()[0])
            return [DEAD, data] if taken else [data, DEAD]
        if kind == "Merge":
            for i, t in enumerate(op._inputs):
                v = self.value(t)
                if v is not DEAD:
                    index = T.scalar(i, "int32")
                    self.created.append(index)
                    return [v, index]
            return _dead(op)
        if kind == "Exit":
            return self.run_loop(op)
        # Enter, LoopCond, NextIteration pass their input on (the loop frame gives them their
        # meaning: run_loop).
        return [self.value(op._inputs[0])]

    def op_outputs(self, op):
        self.value_of_op(op)
        return self.memo[op]

    def run_loop(self, exit_op):
        """A while loop's frame, run to its end when one of its Exits is asked for: the loop
        variables from the Enters, then per iteration a fresh memo for the ops inside the loop
        (`_Frame`) that computes LoopCond and, while it is true, the NextIterations."""
        ctx = exit_op._loop
        values = [self.value(e.op._inputs[0]) for e in ctx.loop_enters]
        if any(v is DEAD for v in values):
            for e in ctx.loop_exits:
                self.memo[e.op] = _dead(e.op)
            return self.memo[exit_op]
        from ._while_grad import snapshot_stores

        snapshot_stores(self, ctx)
        while True:
            frame = _Frame(self, ctx, values)
            go = frame.value(ctx.pivot)
            if go is DEAD or not bool(go.dataSync()[0]):
                break
            values = [frame.value(n) for n in ctx.next_iterations]
        for e, v in zip(ctx.loop_exits, values):
            self.memo[e.op] = [v]
        return self.memo[exit_op]

    def value_of_op(self, op):
        if op not in self.memo:
            self.memo[op] = self.run_op(op)

    def check_initialized(self, var):
        if self.session is None:
            return
        if _var_key(var) not in self.session._initialized:
            raise FailedPreconditionError(
                None, None, "Attempting to use uninitialized value %s" % str(var._v.opName))

    def dispose(self, keep=()):
        keep_ids = set(id(k) for k in keep)
        for t in self.created:
            if id(t) not in keep_ids and not t.isDisposed:
                t.dispose()


class _Frame(_Evaluator):
    """One iteration of a while loop: ops inside the loop get their values here (a memo per
    iteration); the loop variables' Merges are this iteration's values; a loop constant's Enter
    and anything outside the loop come from the enclosing evaluator."""

    def __init__(self, parent, context, values):
        self.parent = parent
        self.session = parent.session
        self.feeds = parent.feeds
        self.memo = {}
        self.created = parent.created
        self.groups = parent.groups
        self.context = context
        self.vars = {}
        for m, v in zip(context.merges, values):
            self.vars[m.op] = [v, None]

    def variable_read(self, var):
        return self.parent.variable_read(var)

    def _inside(self, op):
        from ._control_flow import in_context

        return in_context(op, self.context)

    def value(self, tensor):
        op = tensor.op
        if not self._inside(op):
            return self.parent.value(tensor)
        return self.op_outputs(op)[tensor.value_index]

    def op_outputs(self, op):
        if not self._inside(op):
            return self.parent.op_outputs(op)
        outs = self.vars.get(op)
        if outs is not None:
            return outs
        if op.type == "Enter" and getattr(op, "_is_constant", False):
            outs = self.memo.get(op)
            if outs is None:
                outs = [self.parent.value(op._inputs[0])]
                self.memo[op] = outs
            return outs
        self.value_of_op(op)
        return self.memo[op]


def _is_numpy_available():
    try:
        import numpy  # noqa: F401
    except ImportError:
        return False
    return True


_NUMPY = None
if _is_numpy_available():
    import numpy as _NUMPY


def _var_key(var):
    # The engine's id, not the value's name: reading `value` would make a lazy variable's value.
    return int(var._v.uid)


# Outputs of at least this many bytes are checked against the engine's memory budget before an
# op makes them (src/engine/memory.ts): TF's ResourceExhaustedError instead of a process abort.
_CHECK_BYTES = 1 << 20


def check_outputs(op, ins=None):
    """Checks the op's outputs against the budget before it runs: by their static shapes, or,
    for a dimension known only now, by the shapes the core's shape function gives the run-time
    inputs (`tf.matmul(x, x, transpose_b=True)` of a fed [60000, 1] `x`)."""
    runtime = None
    for i, t in enumerate(op._outputs):
        dims = t._shape.dims
        shape = None if dims is None else [d.value for d in dims]
        if shape is None or None in shape:
            if ins is None:
                continue
            if runtime is None:
                runtime = runtime_output_shapes(op, ins) or []
            shape = runtime[i] if i < len(runtime) else None
            if shape is None or any(not isinstance(d, int) or d < 0 for d in shape):
                continue
        n = 4
        for d in shape:
            n *= d
        if n >= _CHECK_BYTES:
            _engine.call(bridge.checkAllocation, _engine.tojs(shape), t.dtype.base_dtype.name)


# The shape functions whose outputs can be larger than their inputs: only these are asked at run
# time (the others cannot allocate more than the inputs already hold).
_GROWING_FNS = {"broadcast", "matmul", "tensordot", "concat", "stack", "pad", "tile", "gather",
                "gather_nd", "one_hot", "fill", "range", "sequence_mask", "conv1d", "conv2d",
                "conv3d", "depthwise_conv2d", "separable_conv2d", "conv2d_transpose"}


def runtime_output_shapes(op, ins):
    """The op's output shapes for these input values: `op._shape_spec` is the core's shape
    function and attributes the op was built with (`_ops.infer_shapes`), or a function of the
    input values (ops whose shape is an input's value, as `Fill`'s). None when not known."""
    spec = getattr(op, "_shape_spec", None)
    if spec is None:
        return None
    try:
        if callable(spec):
            return spec(ins)
        fn, attrs = spec
        if fn not in _GROWING_FNS:
            return None
        shapes = [[int(d) for d in x.shape] for x in ins]
        if fn == "broadcast" and len(shapes) == 2:
            return [_broadcast(shapes[0], shapes[1])]
        import json

        answer = json.loads(str(bridge.shapeFn(fn, json.dumps([shapes, attrs]))))
        return answer.get("shapes")
    except Exception:  # an input that is no tensor, or shapes TF rejects: the op's own error
        return None


def _broadcast(a, b):
    if len(a) < len(b):
        a, b = b, a
    b = [1] * (len(a) - len(b)) + b
    return [x if y == 1 else y for x, y in zip(a, b)]


def _allocation_failure(exc, op):
    """TF's ResourceExhaustedError for tfjs failing to allocate an output whose shape was only
    known at run time (a typed array too long); any other engine error as `translate` gives it."""
    err = getattr(exc, "js_error", None)
    message = str(getattr(err, "message", "") or "")
    if str(getattr(err, "name", "")) == "RangeError" and (
            "array length" in message or "allocation failed" in message):
        from .errors import ResourceExhaustedError

        return ResourceExhaustedError(
            None, op,
            "OOM when allocating the output of %s (%s) on "
            "/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu: %s"
            % (op.name, op.type, message))
    return _engine.translate(exc)


# A fetched value becomes Python objects in Pyodide's memory (4 GB at most, about 32 bytes per
# number): a tensor of more elements than this fails as TF fails an allocation, not the runtime.
_MAX_FETCH_ELEMENTS = 1 << 25


def to_ndarray(t, tf_dtype=None):
    size = 1
    for d in t.shape:
        size *= int(d)
    if size > _MAX_FETCH_ELEMENTS:
        from .errors import ResourceExhaustedError

        raise ResourceExhaustedError(
            None, None,
            "OOM when allocating tensor with shape[%s] and type %s on "
            "/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu"
            % (",".join(str(int(d)) for d in t.shape),
               {"float32": "float"}.get(str(bridge.dtypeOf(t)), str(bridge.dtypeOf(t)))))
    info = bridge.tensorToList(t)
    dtype = str(info.dtype)
    # tfjs stores int64 as int32 and float64 as float32; the fetched tensor's TF dtype says which.
    if (dtype, tf_dtype) in (("int32", "int64"), ("float32", "float64")):
        dtype = tf_dtype
    values = list(info.values.to_py()) if hasattr(info.values, "to_py") else list(info.values)
    shape = [int(d) for d in info.shape]
    # JS numbers that are whole arrive as Python ints; give each value its dtype's Python type.
    if dtype == "bool":
        values = [bool(v) for v in values]
    elif dtype in ("int32", "int64"):
        values = [int(v) for v in values]
    elif dtype != "string":
        values = [float(v) for v in values]
    # Real NumPy when the interpreter has it; otherwise the bundled NumPy-compatible arrays.
    np = _NUMPY if _NUMPY is not None else _ndarray
    if not shape and dtype == "string":
        # TF returns a string scalar as bytes.
        value = values[0]
        return value.encode("utf-8") if isinstance(value, str) else bytes(value)
    if not shape:
        # A 0-d result is a numpy-style scalar, as `sess.run` returns in TF.
        return getattr(np, "bool_" if dtype == "bool" else dtype)(values[0])
    if dtype == "string":
        return np.array(values).reshape(*shape)
    return np.array(values, dtype=dtype).reshape(*shape)


def evaluate_static(tensor):
    """The value of a tensor at graph-construction time (a constant initializer, say)."""
    ev = _Evaluator(None, {})
    out = ev.value(tensor)
    result = T.clone(out)
    ev.dispose()
    return result


def _flatten(fetches, leaves):
    if isinstance(fetches, (list, tuple)):
        parts = [_flatten(f, leaves) for f in fetches]
        if hasattr(fetches, "_fields"):
            return lambda vals: type(fetches)(*[p(vals) for p in parts])
        return lambda vals: type(fetches)(p(vals) for p in parts) if isinstance(fetches, tuple) \
            else [p(vals) for p in parts]
    if isinstance(fetches, _is.IndexedSlices):
        # TF fetches an IndexedSlices as an IndexedSlicesValue of its tensors' values.
        parts = [_flatten(t, leaves) if t is not None else (lambda vals: None)
                 for t in (fetches.values, fetches.indices, fetches.dense_shape)]
        return lambda vals: _is.IndexedSlicesValue(*[p(vals) for p in parts])
    if isinstance(fetches, dict):
        items = [(k, _flatten(v, leaves)) for k, v in fetches.items()]
        return lambda vals: type(fetches)((k, p(vals)) for k, p in items)
    if getattr(fetches, "_is_sparse_tensor", False):
        # A SparseTensor's value is a SparseTensorValue of its three tensors' values.
        from ._sparse import SparseTensorValue

        parts = [_flatten(t, leaves)
                 for t in (fetches.indices, fetches.values, fetches.dense_shape)]
        return lambda vals: SparseTensorValue(*[p(vals) for p in parts])
    index = len(leaves)
    leaves.append(fetches)
    return lambda vals: vals[index]


def _split_sparse_feeds(feed_dict):
    """feed_dict's items, a SparseTensor key fed with a SparseTensorValue or an
    (indices, values, dense_shape) tuple split into its three tensors (session.py)."""
    items = []
    for key, value in feed_dict.items():
        if getattr(key, "_is_sparse_tensor", False):
            items.extend(zip((key.indices, key.values, key.dense_shape), value))
        else:
            items.append((key, value))
    return items


class Session(object):
    """`tf.Session(target='', graph=None, config=None)`."""

    def __init__(self, target="", graph=None, config=None):
        self._graph = graph if graph is not None else get_default_graph()
        self._initialized = set()
        self._closed = False

    @property
    def graph(self):
        return self._graph

    @property
    def graph_def(self):
        raise NotImplementedError("Scope Lens does not implement GraphDef.")

    def as_default(self):
        return _SessionContext(self)

    def __enter__(self):
        _DEFAULT_SESSIONS.append(self)
        return self

    def __exit__(self, *exc):
        if _DEFAULT_SESSIONS and _DEFAULT_SESSIONS[-1] is self:
            _DEFAULT_SESSIONS.pop()
        self.close()
        return False

    def close(self):
        self._closed = True

    def run(self, fetches, feed_dict=None, options=None, run_metadata=None):
        if self._closed:
            raise RuntimeError("Attempted to use a closed Session.")
        leaves = []
        rebuild = _flatten(fetches, leaves)
        feeds = {}
        ev = _Evaluator(self, feeds)
        from . import _ops

        for key, value in _split_sparse_feeds(feed_dict or {}):
            tensor = self._graph.as_graph_element(key) if isinstance(key, str) else key
            tensor = tensor._as_tensor() if hasattr(tensor, "_as_tensor") else tensor
            t = _ops.engine_tensor_from_value(value, tensor.dtype.base_dtype.name)
            ev.created.append(t)
            feeds[tensor] = t
        values = []
        try:
            for leaf in leaves:
                element = self._graph.as_graph_element(leaf) if isinstance(leaf, str) else leaf
                _check_fetchable(element)
                if isinstance(element, Operation):
                    ev.value_of_op(element)
                    values.append(None)
                    continue
                if (hasattr(element, "_v") and hasattr(element, "_as_tensor")
                        and not hasattr(element, "_get_variable_list")):
                    ev.check_initialized(element)
                    values.append(to_ndarray(element._v.value, element.dtype.base_dtype.name))
                    continue
                if hasattr(element, "_get_variable_list"):
                    parts = []
                    for p in element._get_variable_list():
                        ev.check_initialized(p)
                        parts.append(p._v.value)
                    axis = max(0, next((i for i, n in enumerate(element._get_partitions()) if n > 1), 0))
                    joined = T.concat(_engine.tojs(parts), axis)
                    values.append(to_ndarray(joined))
                    joined.dispose()
                    continue
                if not isinstance(element, Tensor):
                    raise TypeError(
                        "Fetch argument %r has invalid type %r, must be a string or Tensor. "
                        "(Can not convert a %s into a Tensor or Operation.)"
                        % (element, type(element), type(element).__name__))
                value = ev.value(element)
                if value is DEAD:
                    from .errors import InvalidArgumentError

                    raise InvalidArgumentError(
                        None, None, "Retval[%d] does not have value" % len(values))
                values.append(to_ndarray(value, element.dtype.base_dtype.name))
        except JsException as e:
            # An engine error while running (a lazy variable's value made past the memory
            # budget: ResourceExhaustedError) is TF's Python exception.
            raise _engine.translate(e) from None
        finally:
            ev.dispose()
        return rebuild(values)


def _check_fetchable(element):
    """TF's `_assert_fetchable`: an op inside a cond branch cannot be fetched."""
    op = element if isinstance(element, Operation) else (
        element.op if isinstance(element, Tensor) else None)
    if getattr(op, "_not_fetchable", False):
        raise ValueError("Operation %r has been marked as not fetchable." % op.name)


class _SessionContext(object):
    def __init__(self, session):
        self._session = session

    def __enter__(self):
        _DEFAULT_SESSIONS.append(self._session)
        return self._session

    def __exit__(self, *exc):
        _DEFAULT_SESSIONS.pop()
        return False


class InteractiveSession(Session):
    def __init__(self, target="", graph=None, config=None):
        super().__init__(target, graph, config)
        _DEFAULT_SESSIONS.append(self)


def get_default_session():
    return _DEFAULT_SESSIONS[-1] if _DEFAULT_SESSIONS else None


def _require_session(session):
    session = session or get_default_session()
    if session is None:
        raise ValueError(
            "Cannot evaluate tensor using `eval()`: No default session is registered. Use "
            "`with sess.as_default()` or pass an explicit session to `eval(session=sess)`")
    return session


def variables_initializer(var_list, name="init"):
    g = get_default_graph()
    op = Operation(g, g.unique_name(name), "NoOp")
    op._initializes = list(var_list)
    return op


def global_variables_initializer():
    from ._framework import get_collection

    return variables_initializer(get_collection("variables"))


def local_variables_initializer():
    from ._framework import get_collection

    return variables_initializer(get_collection("local_variables"))


def no_op(name=None):
    from ._ops import _op_name

    g = get_default_graph()
    return Operation(g, _op_name(name, "NoOp"), "NoOp", control_inputs=g.control_inputs_for([]))


def group(*inputs, **kwargs):
    from ._ops import _op_name

    g = get_default_graph()

    def flat(items):  # TF flattens nested lists, tuples and dicts (values in key order)
        for i in items:
            if isinstance(i, dict):
                yield from flat([i[k] for k in sorted(i)])
            elif isinstance(i, (list, tuple)):
                yield from flat(i)
            else:
                yield i

    deps = [i if isinstance(i, Operation) else i.op for i in flat(inputs)]
    op = Operation(g, _op_name(kwargs.get("name"), "group_deps"), "NoOp",
                   control_inputs=deps + [c for c in g.control_inputs_for([]) if c not in deps])
    return op

Session.__module__ = "tensorflow.python.client.session"
InteractiveSession.__module__ = "tensorflow.python.client.session"
