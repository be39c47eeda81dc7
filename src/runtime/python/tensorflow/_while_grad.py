"""Gradients through `tf.while_loop` and `tf.TensorArray` (what TF 1.15 builds in
control_flow_grad.py, control_flow_ops.py's `GradLoopState` and tensor_array_grad.py).

TF builds a backward while loop whose body is the forward body's gradient graph, fed by
stacks of the forward values (`StackPushV2`/`StackPopV2`). Scope Lens computes the same
values differently: for a top-level loop the gradient walk (`_gradients.py`) treats the loop
as one op from its external inputs (the loop variables' initial values and the tensors the
body captures) to its `Exit`s, and each `Exit` with a gradient gets one `SymbolicGradient` op.
When a session runs it, the loop is replayed from the same inputs under TensorFlow.js's
gradient tape (one `_Frame` per iteration, as the session ran it) and the tape gives the
gradients of every input. The forward run keeps a snapshot of the TensorArrays the loop uses
as it entered the loop (`snapshot_stores`), so the replay starts from the same elements even
when the forward reads cleared them.

A TensorArray's gradient travels on its flow, as in TF: the flow's gradient is, at run time, a
`_TAGrad` (the gradient of each element written so far, by index) where TF writes a gradient
TensorArray (`TensorArrayGradV3`). `read` and `gather` make one from their gradients; `write`
and `scatter` take their elements' gradients out of it; gradients meeting on a flow merge.
"""

from . import _engine
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph
from ._gradients import tape_gradients
from .tensor_shape import TensorShape

T = _engine.tfjs


class _TAGrad(object):
    """The run-time value of a TensorArray flow's gradient: element index -> gradient."""

    isDisposed = False  # noqa: N815 - the evaluator disposes what a run made (tfjs's name)

    def __init__(self, grads=None):
        self.grads = grads or {}

    def dispose(self):
        for t in self.grads.values():
            if not t.isDisposed:
                t.dispose()
        self.grads = {}


def _as_tagrad(value):
    return value if isinstance(value, _TAGrad) else _TAGrad()


def merge(values):
    """The sum of flow gradients (a plain tensor, such as `zeros_like` of a flow, is none)."""
    out = {}
    for v in values:
        for i, g in _as_tagrad(v).grads.items():
            out[i] = T.add(out[i], g) if i in out else T.clone(g)
    return _TAGrad(out)


def _flow_grad_op(op_type, name, inputs, compute):
    g = get_default_graph()
    op = Operation(g, g.unique_name(name), op_type, inputs, compute,
                   control_inputs=g.control_inputs_for(inputs))
    t = Tensor(op, 0, _dtypes.float32, TensorShape([]))
    t._ta_grad = True
    return t


def sum_flow_grads(grads):
    """`AddN` of gradients meeting on a TensorArray flow."""
    return _flow_grad_op("AddN", "AddN", list(grads), lambda ins, s: merge(ins))


def is_flow_grad(t):
    return getattr(t, "_ta_grad", False)


def _zeros_or(grad, like):
    return T.clone(grad) if grad is not None else T.zerosLike(like)


# -- tensor_array_grad.py ------------------------------------------------------------------------


def read_grad(op, grad):
    """`_TensorArrayReadGrad`: the gradient written at the index read."""
    index = op._inputs[1]

    def compute(ins, s):
        return _TAGrad({int(ins[1].dataSync()[0]): T.clone(ins[0])})

    flow = _flow_grad_op("TensorArrayWriteV3", "TensorArrayWrite/TensorArrayWriteV3",
                         [grad, index], compute)
    return [None, None, flow]


def write_grad(op, flow_grad):
    """`_TensorArrayWriteGrad`: the value's gradient read at its index (zeros when none was
    written); the flow's gradient passes on."""
    from ._ops import make_op

    index, value = op._inputs[1], op._inputs[2]

    def compute(ins, s):
        grad = _as_tagrad(ins[0]).grads.get(int(ins[1].dataSync()[0]))
        return _zeros_or(grad, ins[2])

    value_grad = make_op("TensorArrayReadV3", None, "TensorArrayReadV3",
                         [flow_grad, index, value], compute, value.dtype.base_dtype,
                         value.shape)
    return [None, None, value_grad, flow_grad]


def gather_grad(op, grad):
    """`_TensorArrayGatherGrad`: the gradient scattered to the indices gathered."""
    indices = op._inputs[1]

    def compute(ins, s):
        where = [int(i) for i in ins[1].dataSync()]
        out = {}
        for i, p in zip(where, list(T.unstack(ins[0], 0)) if where else []):
            if i in out:
                total = T.add(out[i], p)
                out[i].dispose()
                p.dispose()
                out[i] = total
            else:
                out[i] = p
        return _TAGrad(out)

    flow = _flow_grad_op("TensorArrayScatterV3", "TensorArrayScatter/TensorArrayScatterV3",
                         [grad, indices], compute)
    return [None, None, flow]


def scatter_grad(op, flow_grad):
    """`_TensorArrayScatterGrad`: the value's gradient gathered at the indices scattered."""
    from ._ops import make_op

    indices, value = op._inputs[1], op._inputs[2]

    def compute(ins, s):
        grads = _as_tagrad(ins[0]).grads
        where = [int(i) for i in ins[1].dataSync()]
        if not where:
            return T.zerosLike(ins[2])
        rows = list(T.unstack(ins[2], 0))
        parts = [_zeros_or(grads.get(i), r) for i, r in zip(where, rows)]
        out = T.stack(_engine.tojs(parts), 0)
        for p in parts + rows:
            p.dispose()
        return out

    value_grad = make_op("TensorArrayGatherV3", None, "TensorArrayGatherV3",
                         [flow_grad, indices, value], compute, value.dtype.base_dtype,
                         value.shape)
    return [None, None, value_grad, flow_grad]


TA_GRADIENTS = {
    "TensorArrayReadV3": read_grad,
    "TensorArrayWriteV3": write_grad,
    "TensorArrayGatherV3": gather_grad,
    "TensorArrayScatterV3": scatter_grad,
}

TA_NOT_DIFFERENTIABLE = ("TensorArrayV3", "TensorArraySizeV3", "TensorArrayCloseV3",
                         "TensorArrayGradV3")


# -- the loop --------------------------------------------------------------------------------------


def differentiable_loop(ctx):
    """Whether the walk differentiates through this loop as one op (a top-level loop)."""
    return ctx.outer_context is None and ctx.back_prop


def _in_loop_ops(ctx):
    from ._control_flow import in_context

    return [op for op in get_default_graph()._ops if in_context(op, ctx)]


def _constant_enters(ctx):
    return [e for e in ctx._external.values()]


def loop_inputs(ctx):
    """The loop's external inputs: the loop variables' initial values, then what the body and
    condition capture (each through a constant `Enter`)."""
    return [e.op._inputs[0] for e in ctx.loop_enters] + \
        [e.op._inputs[0] for e in _constant_enters(ctx)]


def _flow_handles(ctx):
    """Position in `loop_inputs` of each TensorArray flow -> the array's handle (outside the
    loop): the loop variables that carry a TensorArray and the captured arrays' flows."""
    cached = getattr(ctx, "_flow_handles_cache", None)
    if cached is not None:
        return cached
    out = {}
    n = len(ctx.loop_enters)
    consts = _constant_enters(ctx)
    flows = getattr(ctx, "_ta_flow_handles", {})
    for i, h in flows.items():
        out[i] = h
    by_flow = {}
    for op in _in_loop_ops(ctx):
        if op.type.startswith("TensorArray") and len(op._inputs) >= 2:
            handle = op._inputs[0]
            if getattr(handle.op, "_is_constant", False) and handle.op.type == "Enter":
                by_flow[id(op._inputs[-1])] = handle.op._inputs[0]
    for k, e in enumerate(consts):
        h = by_flow.get(id(e))
        if h is not None and e.dtype.base_dtype == _dtypes.float32:
            out[n + k] = h
    ctx._flow_handles_cache = out
    return out


def _backprop_position(t):
    dt = _dtypes.as_dtype(t.dtype).base_dtype
    return dt.is_floating or dt.is_complex


def exit_grad(op, grad):
    """The gradients of a loop's external inputs from one `Exit`'s gradient: one
    `SymbolicGradient` op the session computes by replaying the loop under the tape."""
    ctx = op._loop
    inputs = loop_inputs(ctx)
    flows = _flow_handles(ctx)
    handles = []
    for h in list(flows.values()) + [x for x in inputs if x.dtype.base_dtype == _dtypes.resource]:
        if all(h is not k for k in handles):
            handles.append(h)
    ctx._grad_handles = handles
    position = [i for i, e in enumerate(ctx.loop_exits) if e.op is op][0]
    g = get_default_graph()
    exits = list(ctx.loop_exits)
    sg = Operation(g, g.unique_name("SymbolicGradient"), "SymbolicGradient",
                   [grad] + exits + inputs + handles, None,
                   control_inputs=g.control_inputs_for([grad]))
    sg._run_with_evaluator = lambda evaluator: _replay_grad(
        evaluator, sg, ctx, position, len(exits), inputs, flows, handles)
    out = []
    for i, x in enumerate(inputs):
        if i in flows:
            t = Tensor(sg, len(sg._outputs), _dtypes.float32, TensorShape([]))
            t._ta_grad = True
            out.append(t)
        elif _backprop_position(x):
            out.append(Tensor(sg, len(sg._outputs), x.dtype.base_dtype, x.shape))
        else:
            out.append(None)
    if not sg._outputs:
        return [None] * len(inputs)
    return out


def snapshot_stores(evaluator, ctx):
    """Before a loop whose gradient is built runs: its external inputs evaluated and the
    elements of the TensorArrays it uses as they are then (the replay starts from them)."""
    handles = getattr(ctx, "_grad_handles", None)
    if not handles:
        return
    for t in loop_inputs(ctx):
        evaluator.value(t)
    snap = {}
    for h in handles:
        store = evaluator.value(h)
        if store is not None and hasattr(store, "values"):
            snap[id(store)] = (list(store.values), list(store.read_once))
    evaluator.memo[("loop_snapshot", id(ctx))] = snap


class _Replay(object):
    """The parent of the replayed loop's frames: the substituted inputs, else the session's
    values."""

    def __init__(self, evaluator, subs):
        self.evaluator = evaluator
        self.subs = subs
        self.session = evaluator.session
        self.feeds = evaluator.feeds
        self.created = []
        self.groups = evaluator.groups

    def value(self, tensor):
        got = self.subs.get(id(tensor))
        if got is not None:
            return got
        return self.evaluator.value(tensor)

    def op_outputs(self, op):
        return self.evaluator.op_outputs(op)

    def variable_read(self, var):
        """A read of a variable inside the loop: the substituted value of the variable's own
        tensor (an input of the loop when the body reads it, as TF captures the handle), so
        the gradient reaches the variable."""
        got = self.subs.get(id(var.op.outputs[0]))
        if got is not None:
            return got
        return self.evaluator.variable_read(var)


def _copy_store(store, values, read_once):
    from ._tensor_array import _Store

    copy = _Store.__new__(_Store)
    copy.__dict__.update(store.__dict__)
    copy.values = list(values)
    copy.read_once = list(read_once)
    copy.owned = []
    return copy


def _replay_grad(evaluator, op, ctx, position, n_exits, inputs, flows, handles):
    from ._session import DEAD, _dead, _Frame

    grad = evaluator.value(op._inputs[0])
    for t in op._inputs[1:]:
        if evaluator.value(t) is DEAD:
            return _dead(op)
    if grad is DEAD:
        return _dead(op)
    values = [evaluator.value(t) for t in inputs]
    stores = [evaluator.value(h) for h in handles]
    snap = evaluator.memo.get(("loop_snapshot", id(ctx)), {})
    float_pos = [i for i, x in enumerate(inputs) if i not in flows and _backprop_position(x)]
    zeros = [T.zerosLike(values[i]) for i in float_pos]
    # The TensorArrays' elements as the loop entered: inputs of the replay too.
    elements = []  # (store index, element index)
    for s, store in enumerate(stores):
        vals, _once = snap.get(id(store), (store.values, store.read_once))
        if not _dtypes.as_dtype(store.dtype).is_floating:
            continue
        for j, v in enumerate(vals):
            if v is not None:
                elements.append((s, j))
                zeros.append(T.zerosLike(v))
    dy = grad
    exit_flow = flows.get(position)
    failure = []

    def f():
        try:
            subs = {}
            for z, i in zip(zeros, float_pos):
                subs[id(inputs[i])] = T.add(values[i], z)
            copies = []
            for s, store in enumerate(stores):
                vals, once = snap.get(id(store), (store.values, store.read_once))
                copies.append(_copy_store(store, vals, once))
            for z, (s, j) in zip(zeros[len(float_pos):], elements):
                copies[s].values[j] = T.add(copies[s].values[j], z)
            for h, c in zip(handles, copies):
                subs[id(h)] = c
            replay = _Replay(evaluator, subs)
            loop = [subs.get(id(inputs[k]), values[k]) for k in range(len(ctx.loop_enters))]
            while True:
                frame = _Frame(replay, ctx, loop)
                go = frame.value(ctx.pivot)
                if go is DEAD or not bool(go.dataSync()[0]):
                    break
                loop = [frame.value(n) for n in ctx.next_iterations]
            total = None
            if exit_flow is not None:
                store = copies[[k for k, h in enumerate(handles) if h is exit_flow][0]]
                for j, gj in _as_tagrad(dy).grads.items():
                    if j < len(store.values) and store.values[j] is not None:
                        term = T.sum(T.mul(store.values[j], gj))
                        total = term if total is None else T.add(total, term)
            else:
                total = T.sum(T.mul(loop[position], dy))
            if total is None:
                total = T.scalar(0, "float32")
            return total
        except BaseException as e:  # noqa: BLE001 - re-raised once back in Python
            failure.append(e)
            raise

    grads = tape_gradients(f, zeros, failure, lambda kernel: NotImplementedError(
        "Scope Lens cannot compute the gradient through the while loop of '%s': "
        "TensorFlow.js has no gradient for its kernel %s." % (op.name, kernel)))
    by_input = dict(zip(float_pos, grads[:len(float_pos)]))
    per_store = {}
    for (s, j), gr in zip(elements, grads[len(float_pos):]):
        per_store.setdefault(s, {})[j] = gr
    outs = []
    given = set()
    for i, x in enumerate(inputs):
        if i in flows:
            s = [k for k, h in enumerate(handles) if h is flows[i]][0]
            if s in given:
                outs.append(_TAGrad())
            else:
                given.add(s)
                outs.append(_TAGrad(per_store.get(s, {})))
        elif i in by_input:
            outs.append(by_input[i])
    for o in outs + grads:
        evaluator.created.append(o)
    return outs
