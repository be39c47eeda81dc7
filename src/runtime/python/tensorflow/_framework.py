"""Graphs, operations and tensors: TF 1.x's `ops.py` surface, on the engine's graphs.

A Python `Graph` wraps one engine graph (which holds the variable store, the scopes, the op-name
registry and the collections). Operations and tensors are recorded here in Python; a tensor's
value is computed with TensorFlow.js when a `Session` runs it (see _session.py). Op names always
come from the engine's registry, so variables and ops share TF's naming rules.
"""
import contextlib

from . import _engine
from . import dtypes as _dtypes
from .tensor_shape import TensorShape, as_shape

E = _engine.engine


class GraphKeys(object):
    """Standard collection names (`tf.GraphKeys`)."""

    GLOBAL_VARIABLES = "variables"
    VARIABLES = "variables"
    LOCAL_VARIABLES = "local_variables"
    METRIC_VARIABLES = "metric_variables"
    MODEL_VARIABLES = "model_variables"
    TRAINABLE_VARIABLES = "trainable_variables"
    SUMMARIES = "summaries"
    QUEUE_RUNNERS = "queue_runners"
    TABLE_INITIALIZERS = "table_initializer"
    ASSET_FILEPATHS = "asset_filepaths"
    MOVING_AVERAGE_VARIABLES = "moving_average_variables"
    REGULARIZATION_LOSSES = "regularization_losses"
    CONCATENATED_VARIABLES = "concatenated_variables"
    SAVERS = "savers"
    WEIGHTS = "weights"
    BIASES = "biases"
    ACTIVATIONS = "activations"
    UPDATE_OPS = "update_ops"
    LOSSES = "losses"
    SAVEABLE_OBJECTS = "saveable_objects"
    RESOURCES = "resources"
    LOCAL_RESOURCES = "local_resources"
    TRAINABLE_RESOURCE_VARIABLES = "trainable_resource_variables"
    INIT_OP = "init_op"
    LOCAL_INIT_OP = "locals_init_op"
    READY_OP = "ready_op"
    READY_FOR_LOCAL_INIT_OP = "ready_for_local_init_op"
    SUMMARY_OP = "summary_op"
    GLOBAL_STEP = "global_step"
    EVAL_STEP = "eval_step"
    TRAIN_OP = "train_op"
    COND_CONTEXT = "cond_context"
    WHILE_CONTEXT = "while_context"


class Graph(object):
    """`tf.Graph`: a TF 1.x graph. Each has its own variable store, scopes and op names."""

    # The control flow context ops are built in (a cond's branch: _control_flow.py).
    _cf_context = None

    def __init__(self, _engine_graph=None):
        self._g = _engine_graph if _engine_graph is not None else E.Graph.new()
        # TF's `initial_value` and initializer re-runs need each variable's initial value.
        self._g.keepInitialValues = True
        self._ops = []
        self._ops_by_name = {}
        self._py_objects = {}  # engine object key -> Python wrapper (variables, scopes)
        # The enclosing control_dependencies blocks: (their ops, the ops built inside).
        self._control_stack = []
        _GRAPHS[int(self._g.id)] = self

    # -- default graph ---------------------------------------------------------------------
    @contextlib.contextmanager
    def as_default(self):
        _engine.bridge.pushGraph(self._g)
        try:
            yield self
        finally:
            _engine.bridge.popGraph()

    # -- control dependencies --------------------------------------------------------------
    @contextlib.contextmanager
    def control_dependencies(self, control_inputs):
        """Ops built inside run after `control_inputs` (ops, tensors or variables); `None`
        clears the enclosing blocks' dependencies for the block."""
        saved = self._control_stack
        saved_context = self._cf_context
        if control_inputs is None:
            # TF 1.15's controller for None also leaves the control flow context.
            self._control_stack = []
            self._cf_context = None
        else:
            ops = []
            for c in control_inputs:
                if isinstance(c, Operation):
                    ops.append(c)
                elif isinstance(c, Tensor) or hasattr(c, "_as_tensor"):
                    ops.append(c.op)
                else:
                    raise TypeError("Can not convert a %s into a Tensor or Operation."
                                    % type(c).__name__)
            self._control_stack = saved + [(ops, set())]
        try:
            yield
        finally:
            self._control_stack = saved
            self._cf_context = saved_context

    def control_inputs_for(self, inputs):
        """The control inputs TF gives an op built now with `inputs` (tensors): each enclosing
        block's ops, except where an input was built inside that block (the new op already
        waits for them through it) and those that are inputs themselves."""
        input_ops = [t.op for t in inputs if isinstance(t, Tensor)]
        out = []
        for ops, built in self._control_stack:
            if any(op in built for op in input_ops):
                continue
            out.extend(c for c in ops if c not in input_ops and c not in out)
        return out

    def _built(self, op):
        for _, built in self._control_stack:
            built.add(op)

    # -- names -----------------------------------------------------------------------------
    def unique_name(self, name, mark_as_used=True):
        return str(_engine.call(self._g.names.uniqueName, name, mark_as_used))

    def get_name_scope(self):
        return str(self._g.names.currentScope)

    @contextlib.contextmanager
    def name_scope(self, name):
        entered = _engine.call(self._g.names.enterNameScope, name if name else None)
        try:
            yield str(entered.scope)
        finally:
            self._g.names.exitNameScope(entered.restore)

    # -- ops -------------------------------------------------------------------------------
    def _add_op(self, op):
        self._ops.append(op)
        self._ops_by_name[op.name] = op

    def get_operations(self):
        return list(self._ops)

    def get_operation_by_name(self, name):
        if name not in self._ops_by_name:
            raise KeyError("The name %r refers to an Operation not in the graph." % name)
        return self._ops_by_name[name]

    def get_tensor_by_name(self, name):
        op_name, _, index = name.partition(":")
        if not index:
            raise ValueError(
                "The name %r looks a like an Operation name, not a Tensor name." % name)
        if op_name not in self._ops_by_name and index == "0":
            # A variable's output (`sess.run('model/wte:0')`): its op lives in the engine.
            for key in ("variables", "local_variables"):
                for v in self.get_collection(key):
                    if getattr(v, "name", None) == name:
                        return v
        return self.get_operation_by_name(op_name).outputs[int(index)]

    def as_graph_element(self, obj):
        if isinstance(obj, str):
            return self.get_tensor_by_name(obj) if ":" in obj else self.get_operation_by_name(obj)
        return obj

    # -- collections -----------------------------------------------------------------------
    def add_to_collection(self, name, value):
        self._g.addToCollection(name, _to_engine_item(value))

    def add_to_collections(self, names, value):
        names = (names,) if isinstance(names, str) else set(names)
        for name in names:
            self.add_to_collection(name, value)

    def get_collection(self, name, scope=None):
        items = _engine.call(self._g.getCollection, name, scope)
        return [from_engine_item(self, x) for x in _engine.js_list(items)]

    def get_collection_ref(self, name):
        return _CollectionRef(self, name)

    def get_all_collection_keys(self):
        return [str(k) for k in _engine.js_list(self._g.collectionKeys)]

    def clear_collection(self, name):
        ref = self._g.getCollectionRef(name)
        ref.length = 0

    def finalize(self):
        pass

    @property
    def finalized(self):
        return False

    @property
    def building_function(self):
        return False


class _CollectionRef(list):
    """`get_collection_ref`: a list view that writes through to the engine's collection."""

    def __init__(self, graph, name):
        self._graph = graph
        self._name = name
        super().__init__(graph.get_collection(name))

    def append(self, value):
        super().append(value)
        self._graph.add_to_collection(self._name, value)

    def extend(self, values):
        for v in values:
            self.append(v)


_GRAPHS = {}


def _to_engine_item(value):
    engine_obj = getattr(value, "_engine_object", None)
    if engine_obj is not None:
        return engine_obj
    return _engine.tojs(value)


def from_engine_item(graph, item):
    """The Python object for an item of an engine collection."""
    from pyodide.ffi import JsProxy

    if not isinstance(item, JsProxy):
        return item
    unwrap = getattr(item, "unwrap", None)
    if unwrap is not None:  # a Python object (tensor, op, ...) stored as a proxy: itself again
        return unwrap()
    from . import _variables

    wrapped = _variables.wrap_engine_variable(graph, item)
    return wrapped if wrapped is not None else item


def control_dependencies(control_inputs):
    """`tf.control_dependencies(control_inputs)` on the default graph."""
    return get_default_graph().control_dependencies(control_inputs)


def get_default_graph():
    """`tf.get_default_graph()`: the Python wrapper of the engine's default graph."""
    g = E.getDefaultGraph()
    found = _GRAPHS.get(int(g.id))
    return found if found is not None else Graph(g)


def reset_default_graph():
    _engine.call(E.resetDefaultGraph)


# ---------------------------------------------------------------------------------------------
# Operations and tensors


# (op type, shape function, attrs, input shapes) of the last `_ops.infer_shapes` call, taken by
# the next Operation of that type whose inputs have those shapes.
_PENDING_SHAPE_SPEC = [None]


def _shape_lists(tensors):
    out = []
    for t in tensors:
        dims = getattr(getattr(t, "shape", None), "dims", None)
        out.append(None if dims is None else [d.value for d in dims])
    return out


class Operation(object):
    """A node of the graph. `compute(inputs, session)` returns the output values (tfjs tensors)."""

    _cf_context = None  # the cond branch it was built in

    def __init__(self, graph, name, op_type, inputs=(), compute=None, control_inputs=(),
                 on_run=None):
        self._graph = graph
        self._name = name
        self._type = op_type
        self._inputs = list(inputs)
        self._compute = compute
        self._control_inputs = list(control_inputs)
        self._on_run = on_run
        self._outputs = []
        pending = _PENDING_SHAPE_SPEC[0]
        if pending is not None and pending[0] == op_type:
            # The shape function this op's static shape came from: Session.run asks it again
            # with the run-time input shapes to check the memory budget (_session.check_outputs).
            _PENDING_SHAPE_SPEC[0] = None
            if _shape_lists(self._inputs) == pending[3]:
                self._shape_spec = (pending[1], pending[2])
        graph._add_op(self)
        graph._built(self)
        if graph._cf_context is not None:
            graph._cf_context.AddOp(self)

    @property
    def name(self):
        return self._name

    @property
    def type(self):
        return self._type

    @property
    def graph(self):
        return self._graph

    @property
    def inputs(self):
        return list(self._inputs)

    @property
    def outputs(self):
        return list(self._outputs)

    @property
    def control_inputs(self):
        return list(self._control_inputs)

    def run(self, feed_dict=None, session=None):
        from . import _session
        _session._require_session(session).run(self, feed_dict)

    def __repr__(self):
        return "<tf.Operation '%s' type=%s>" % (self._name, self._type)

    def __str__(self):
        return 'name: "%s"\nop: "%s"\n' % (self._name, self._type)


class Tensor(object):
    """A symbolic output of an Operation: `Tensor("Add:0", shape=(2,), dtype=float32)`."""

    # numpy-style operands defer to these operators.
    __array_priority__ = 100

    def __init__(self, op, value_index, dtype, shape):
        self._op = op
        self._value_index = value_index
        self._dtype = _dtypes.as_dtype(dtype)
        self._shape = as_shape(shape)
        op._outputs.append(self)

    @property
    def op(self):
        return self._op

    @property
    def graph(self):
        return self._op.graph

    @property
    def name(self):
        return "%s:%d" % (self._op.name, self._value_index)

    @property
    def dtype(self):
        return self._dtype

    @property
    def shape(self):
        return self._shape

    @property
    def value_index(self):
        return self._value_index

    def get_shape(self):
        return self._shape

    def set_shape(self, shape):
        self._shape = self._shape.merge_with(shape)

    def eval(self, feed_dict=None, session=None):
        from . import _session
        return _session._require_session(session).run(self, feed_dict)

    def consumers(self):
        return [op for op in self.graph._ops if self in op._inputs]

    def __repr__(self):
        return "<tf.Tensor '%s' shape=%s dtype=%s>" % (self.name, self._shape, self._dtype.name)

    def __str__(self):
        return 'Tensor("%s", shape=%s, dtype=%s)' % (self.name, self._shape, self._dtype.name)

    def __hash__(self):
        return id(self)

    def __iter__(self):
        raise TypeError(
            "Tensor objects are only iterable when eager execution is enabled. To iterate over "
            "this tensor use tf.map_fn.")

    def __bool__(self):
        raise TypeError(
            "Using a `tf.Tensor` as a Python `bool` is not allowed. Use `if t is not None:` "
            "instead of `if t:` to test if a tensor is defined, and use TensorFlow ops such as "
            "tf.cond to execute subgraphs conditioned on the value of a tensor.")

    def _as_tensor(self):
        return self


def name_scope(name, default_name=None, values=None):
    """`tf.name_scope(name)`: names ops (and `tf.Variable`s), never `get_variable` variables."""
    return get_default_graph().name_scope(name if name is not None else default_name)


def get_name_scope():
    return get_default_graph().get_name_scope()


def get_collection(key, scope=None):
    return get_default_graph().get_collection(key, scope)


def get_collection_ref(key):
    return get_default_graph().get_collection_ref(key)


def add_to_collection(name, value):
    get_default_graph().add_to_collection(name, value)


def add_to_collections(names, value):
    get_default_graph().add_to_collections(names, value)

Graph.__module__ = "tensorflow.python.framework.ops"
Operation.__module__ = "tensorflow.python.framework.ops"
Tensor.__module__ = "tensorflow.python.framework.ops"
