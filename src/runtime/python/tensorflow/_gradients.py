"""`tf.gradients` and `tf.stop_gradient`: TF 1.15's gradient graph, op by op.

`gradients(ys, xs)` is TF 1.15's `_GradientsHelper` (gradients_util.py): under the `gradients`
name scope (`gradients_1`, ...) the grad_ys (`Shape`, `grad_ys_0`, `Fill`), then, from the ys
back to the xs in TF's queue order, each op's registered gradient function (_math_grad.py) in
`<op name>_grad`, `AddN` where gradients meet, `zeros_like` for an output without one, and with
`gate_gradients` TF's `tuple/group_deps` and `tuple/control_dependency` identities. Which xs
get `None` follows TF's walk: only float tensors carry gradients, and `stop_gradient`,
`zeros_like`, `ones_like`, `Shape`, ... (TF's not-differentiable ops) stop them. A variable x is
its own tensor (`w:0`), which its read op (`w/read`) passes the gradient to.

Each gradient op computes its value from its inputs with TensorFlow.js when a session runs it.
An op with no gradient function here gets one `SymbolicGradient` op in its `_grad` scope whose
outputs are TensorFlow.js's reverse-mode gradients of the op's own computation; an op whose
value the tape does not record (computed in Python), or a tfjs kernel without a gradient,
raises NotImplementedError naming the op.

The gradients a call returns (and its ys) form a group the Session evaluates together, before
any op consuming one of them runs: every gradient of a training step is computed from the
variables' values before an update of the same run changes one, as in the old single-op design.
"""
from pyodide.ffi import JsException, create_proxy

from . import _engine
from . import dtypes as _dtypes
from . import _indexed_slices as _is
from ._framework import Operation, Tensor, get_default_graph, name_scope

T = _engine.tfjs
bridge = _engine.bridge


def _var_key(var):
    return str(var._v.name)


def _reads(op):
    """The variable an op reads (`v/read`, `v/Read/ReadVariableOp`), or None."""
    return getattr(op, "_reads_variable", None)


def _backpropagatable(tensor):
    dt = _dtypes.as_dtype(tensor.dtype).base_dtype
    return dt.is_floating or dt.is_complex


def _not_differentiable(op, why):
    return NotImplementedError(
        "Scope Lens cannot compute the gradient through operation '%s' (op type: %s): %s."
        % (op.name, op.type, why))


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none"):
    """TF 1.15's `_GradientsHelper` (gradients_util.py): the gradient graph op by op."""
    from ._ops import convert_to_tensor

    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    ys = [convert_to_tensor(y) for y in ys]
    if grad_ys is not None:
        grad_ys = list(grad_ys) if isinstance(grad_ys, (list, tuple)) else [grad_ys]
        if len(grad_ys) != len(ys):
            raise ValueError("Passed %d grad_ys for %d ys" % (len(grad_ys), len(ys)))
    else:
        grad_ys = [None] * len(ys)
    stops = stop_gradients if isinstance(stop_gradients, (list, tuple)) else \
        ([] if stop_gradients is None else [stop_gradients])
    stops = [convert_to_tensor(s) for s in stops]
    x_tensors = []
    for x in xs:
        if getattr(x, "_v", None) is not None and hasattr(x, "op"):
            x_tensors.append(x.op.outputs[0])  # the variable's own tensor (`w:0`)
        else:
            x_tensors.append(convert_to_tensor(x))
    g = get_default_graph()
    with name_scope(name or "gradients"):
        g.unique_name("uid")
        grad_ys = _default_grad_ys(grad_ys, ys)
        out = _build(g, ys, x_tensors, grad_ys, stops, gate_gradients)
    result = []
    for x, t in zip(xs, x_tensors):
        grad = out.get(id(t))
        if grad is None and unconnected_gradients != "none":
            grad = _zeros_like(t)
        result.append(grad)
    group = list(ys)
    for r in result:
        if isinstance(r, _is.IndexedSlices):
            group.extend(t for t in (r.values, r.indices, r.dense_shape) if t is not None)
        elif r is not None:
            group.append(r)
    for t in group[len(ys):]:
        t.op._gradient_group = group
    return result


def _default_grad_ys(grad_ys, ys):
    """`_DefaultGradYs`: ones of each y's shape (`Shape`, `grad_ys_0`, `Fill`), or the given
    grad_ys as `grad_ys_0` identities."""
    from . import _math_grad as mg
    from ._ops import convert_to_tensor, identity

    out = []
    for i, (y, gy) in enumerate(zip(ys, grad_ys)):
        if gy is None:
            if y.dtype.is_complex:
                raise TypeError(
                    "Gradients of complex tensors must set grad_ys (y.dtype = %r)" % y.dtype)
            s = mg.shape(y)
            one = mg.const(1, y.dtype.base_dtype, "grad_ys_%d" % i)
            out.append(mg.op1("Fill", None, [s, one],
                              lambda ins, _s: T.fill(_engine.tojs(mg._ints(ins[0])),
                                                     ins[1].dataSync()[0], ins[1].dtype),
                              y.dtype.base_dtype, y.shape))
            continue
        gy = convert_to_tensor(gy, dtype=y.dtype.base_dtype)
        out.append(identity(gy, name="grad_ys_%d" % i))
    return out


def _inputs(op):
    """An op's inputs for the gradient walk: a variable read's input is the variable."""
    var = _reads(op)
    if var is not None:
        return [var.op.outputs[0]]
    if getattr(op, "_cf_kind", None) == "Exit":
        # A top-level while loop is one op from its external inputs to its Exits for the walk
        # (its back edges would make a cycle; _while_grad.py); a nested one is opaque: a
        # gradient reaching its Exit raises (_grad_fn), or stops there with back_prop=False.
        from . import _while_grad

        if _while_grad.differentiable_loop(op._loop):
            return _while_grad.loop_inputs(op._loop)
        return []
    return op._inputs


def _trainable(t):
    return _backpropagatable(t)


def _build(g, ys, xs, grad_ys, stops, gate_gradients):
    """The loop of `_GradientsHelper`: returns {id(x): gradient tensor}."""
    from . import _math_grad as mg
    from ._more_ops import add_n

    all_ops = list(g._ops)
    consumers = {}
    for op in all_ops:
        # A loop's Exit is reached from inside the loop, though the walk goes no further back.
        ins = op._inputs if getattr(op, "_cf_kind", None) == "Exit" else _inputs(op)
        for t in ins:
            consumers.setdefault(id(t), []).append(op)
    to_ops = [y.op for y in ys]
    from_ops = [x.op for x in xs]
    # _MarkReachedOps: forward from the xs through trainable tensors.
    reached = set()
    queue = list(from_ops)
    while queue:
        op = queue.pop(0)
        if id(op) in reached:
            continue
        reached.add(id(op))
        for t in op._outputs:
            if _trainable(t):
                queue.extend(consumers.get(id(t), []))
    reachable_to = set(id(op) for op in to_ops if id(op) in reached)
    # Between ops: backward from the ys over reached ops.
    between = set()
    between_list = []
    queue = list(to_ops)
    while queue:
        op = queue.pop(0)
        if id(op) in reached:
            between.add(id(op))
            between_list.append(op)
            reached.discard(id(op))
            for t in _inputs(op):
                queue.append(t.op)
    pending = {}
    for op in between_list:
        for t in _inputs(op):
            if id(t.op) in between:
                pending[id(t.op)] = pending.get(id(t.op), 0) + 1
    # _StopOps
    stop_ops = set()
    for op in from_ops:
        if all(pending.get(id(t.op), 0) <= 0 for t in _inputs(op)):
            stop_ops.add(id(op))
    stop_ops.update(id(s.op) for s in stops)

    grads = {}  # id(op) -> per output: list of gradients

    def set_grad(t, grad):
        per_op = grads.get(id(t.op))
        if per_op is None:
            per_op = [[] for _ in t.op._outputs]
            grads[id(t.op)] = per_op
        per_op[t.value_index].append(grad)

    for y, gy in zip(ys, grad_ys):
        set_grad(y, gy)
    queue = []
    queued = set()
    for op in to_ops:
        if pending.get(id(op), 0) == 0 and id(op) not in queued and id(op) in reachable_to:
            queued.add(id(op))
            queue.append(op)
    xs_ids = set(id(x) for x in xs)
    while queue:
        op = queue.pop(0)
        out_grads = _aggregated_grads(grads, op, add_n)
        has_out_grads = any(gr is not None for gr in out_grads)
        grad_fn = None
        if has_out_grads and id(op) not in stop_ops:
            grad_fn = _grad_fn(op, mg)
        if grad_fn is not None and has_out_grads:
            for i, og in enumerate(out_grads):
                if og is None and _trainable(op._outputs[i]):
                    if getattr(op, "_cf_kind", None) == "Switch":
                        from ._control_flow import zeros_like_outside_loop

                        out_grads[i] = zeros_like_outside_loop(op, i)
                    else:
                        out_grads[i] = mg.zeros_like(op._outputs[i])
            with name_scope(op.name + "_grad"):
                if not getattr(grad_fn, "_takes_indexed_slices", False):
                    out_grads = [_is.to_dense(gr) if isinstance(gr, _is.IndexedSlices) else gr
                                 for gr in out_grads]
                in_grads = grad_fn(op, *out_grads)
                in_grads = list(in_grads) if isinstance(in_grads, (list, tuple)) \
                    else [in_grads]
                if gate_gradients and len([x for x in in_grads if x is not None]) > 1:
                    in_grads = _tuple(g, in_grads)
        else:
            in_grads = [None] * len(_inputs(op))
        for t_in, in_grad in zip(_inputs(op), in_grads):
            if isinstance(in_grad, Tensor):
                try:
                    in_grad.set_shape(t_in.shape)
                except ValueError:
                    pass
            if in_grad is not None:
                set_grad(t_in, in_grad)
        for t in _inputs(op):
            if id(t.op) not in pending:
                continue
            pending[id(t.op)] -= 1
            if pending[id(t.op)] == 0:
                queue.append(t.op)
    out = {}
    for x in xs:
        per_op = grads.get(id(x.op))
        if per_op:
            got = per_op[x.value_index]
            if isinstance(got, list):
                got = [x for x in got if x is not None]
                got = got[0] if len(got) == 1 else (_sum(got, add_n) if got else None)
            if got is not None:
                out[id(x)] = got
    del xs_ids
    return out


def _aggregated_grads(grads, op, add_n):
    """`_AggregatedGrads` with the default ADD_N method: `AddN` in the gradients scope."""
    per_op = grads.get(id(op))
    if per_op is None:
        per_op = [[] for _ in op._outputs]
        grads[id(op)] = per_op
    for i, out_grad in enumerate(per_op):
        if isinstance(out_grad, list):
            got = [x for x in out_grad if x is not None]
            if not got:
                per_op[i] = None
            elif len(got) < 2:
                per_op[i] = got[0]
            else:
                per_op[i] = _sum(got, add_n)
    return list(per_op)


def _sum(grads, add_n):
    """`AddN` of dense gradients; with an IndexedSlices among them, 1.15's concatenation."""
    from . import _while_grad

    if any(_while_grad.is_flow_grad(x) for x in grads):
        return _while_grad.sum_flow_grads(grads)
    if all(isinstance(x, Tensor) for x in grads):
        return add_n(grads)
    return _is.aggregate(grads)


def _pass_through(op, grad):
    return grad


_pass_through._takes_indexed_slices = True


def _grad_fn(op, mg):
    if _reads(op) is not None or op.type in ("Identity", "Snapshot"):
        return _pass_through
    kind = getattr(op, "_cf_kind", None)
    if kind is not None:
        from . import _control_flow

        if kind == "Exit" and not op._loop.back_prop:
            return None  # back_prop=False: nothing flows back into the loop
        if kind == "Exit":
            from . import _while_grad

            if _while_grad.differentiable_loop(op._loop):
                return _while_grad.exit_grad
        if kind in ("Exit", "Enter", "NextIteration", "LoopCond") or isinstance(
                op._cf_context, _control_flow.WhileContext):
            raise NotImplementedError(
                "Scope Lens's runtime does not implement gradients through tf.while_loop "
                "(TensorFlow 1.15 builds them: control_flow_grad.py); op %s." % op.name)
        return _control_flow.switch_grad if kind == "Switch" else _control_flow.merge_grad
    if op.type in mg.NOT_DIFFERENTIABLE:
        return None
    if op.type.startswith("TensorArray"):
        from . import _while_grad

        if op.type in _while_grad.TA_NOT_DIFFERENTIABLE:
            return None
        if op.type in _while_grad.TA_GRADIENTS:
            return _while_grad.TA_GRADIENTS[op.type]
    if op.type.startswith("TensorArray") and op.type != "TensorArraySizeV3":
        raise _not_differentiable(op, "gradients through a TensorArray (TF 1.15's "
                                  "tensor_array_grad.py) are not implemented")
    if op.type == "GatherV2" and _is.gather_axis0(op):
        return _is.gather_v2_grad
    if op.type == "ResourceGather":
        return _is.resource_gather_grad
    fn = mg.GRADIENTS.get(op.type)
    if fn is not None:
        return fn
    return _tape_grad


def _tuple(g, tensors):
    """`control_flow_ops.tuple`: `tuple/group_deps` and a `tuple/control_dependency` each."""
    from ._ops import identity

    with name_scope("tuple"):
        gating = []
        for t in tensors:
            if t is not None and t.op not in gating:
                gating.append(t.op)
        gating.sort(key=lambda o: g._ops.index(o))
        gate = Operation(g, g.unique_name("group_deps"), "NoOp", [], None,
                         control_inputs=gating)
        out = []
        for t in tensors:
            if t is None:
                out.append(None)
                continue
            with g.control_dependencies([gate]):
                out.append(identity(t, name="control_dependency"))
        return out


def _tape_grad(op, *out_grads):
    """An op without a gradient function here: one `SymbolicGradient` op whose outputs are
    TensorFlow.js's gradients of the op's own computation, one per float input."""
    g = get_default_graph()
    inputs = list(_inputs(op))
    n = len(inputs)
    float_idx = [i for i, t in enumerate(inputs) if _backpropagatable(t)]
    seeds = [(k, gr) for k, gr in enumerate(out_grads) if gr is not None]
    forward = op._compute
    if forward is None:
        raise _not_differentiable(op, "it has no computation to differentiate")

    def compute(ins, session):
        values = list(ins[:n])
        dys = list(ins[n:])
        zeros = [T.zerosLike(values[i]) for i in float_idx]
        failure = []

        def f():
            try:
                vs = list(values)
                for z, i in zip(zeros, float_idx):
                    vs[i] = T.add(values[i], z)
                mark = bridge.tapeMark()
                res = forward(vs, None)
                res = list(res) if isinstance(res, (list, tuple)) else [res]
                total = None
                for (k, _gr), dy in zip(seeds, dys):
                    seen = bridge.tapeSince(mark, res[k], _engine.tojs(vs))
                    if not seen.taped:
                        raise _not_differentiable(
                            op, "its TensorFlow.js computation is not recorded by the "
                            "gradient tape (its value is computed outside TensorFlow.js "
                            "kernels)")
                    term = T.sum(T.mul(res[k], dy))
                    total = term if total is None else T.add(total, term)
                return total
            except BaseException as e:  # noqa: BLE001 - re-raised once back in Python
                failure.append(e)
                raise

        return tape_gradients(f, zeros, failure, lambda kernel: _not_differentiable(
            op, "TensorFlow.js has no gradient for its kernel %s" % kernel))

    sg = Operation(g, g.unique_name("SymbolicGradient"), "SymbolicGradient",
                   inputs + [gr for _k, gr in seeds], compute)
    outs = []
    for i in float_idx:
        outs.append(Tensor(sg, len(sg._outputs), inputs[i].dtype.base_dtype, inputs[i].shape))
    in_grads = [None] * n
    for t, i in zip(outs, float_idx):
        in_grads[i] = t
    return in_grads


def stop_gradient(input, name=None):  # noqa: A002 - TF's name
    """`tf.stop_gradient`: the input's value; gradients do not flow through it."""
    from ._ops import convert_to_tensor, make_op

    x = convert_to_tensor(input)
    return make_op("StopGradient", name, "StopGradient", [x], lambda ins, s: ins[0],
                   x.dtype.base_dtype, x.shape)


def _zeros_like(x):
    from ._ops import zeros

    return zeros(x.shape.as_list(), dtype=_dtypes.as_dtype(x.dtype).base_dtype)


def tape_gradients(f, zeros, failure, missing_kernel):
    """The gradients of the scalar `f` returns with respect to the tfjs tensors `zeros` (each
    used once: disposed here), taken by TensorFlow.js's tape; a gradient tfjs leaves out is
    zeros. An exception `f` raised (kept in `failure`) is re-raised as it was; a kernel without
    a gradient in tfjs becomes the exception `missing_kernel(kernel)` returns."""
    proxy = create_proxy(f)
    try:
        result = bridge.gradients(proxy, _engine.tojs(zeros))
    except JsException as e:
        if failure:
            raise failure[0] from None
        message = str(getattr(e, "message", e))
        marker = "gradient function not found for "
        if marker in message:
            kernel = message.split(marker, 1)[1].rstrip(".").strip()
            raise missing_kernel(kernel) from None
        raise _engine.translate(e) from None
    finally:
        proxy.destroy()
    result.value.dispose()
    out = []
    for z, gr in zip(zeros, _engine.js_list(result.grads)):
        gr = _engine.py(gr)
        out.append(T.zerosLike(z) if gr is None else gr)
        z.dispose()
    return out
