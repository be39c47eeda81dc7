"""`tf.gradients` and `tf.stop_gradient`: which inputs a value depends on, and real gradients.

At graph-building time `gradients(ys, xs)` answers what TF answers — `None` for an `x` that no
`y` depends on through a differentiable path (float tensors; not through `stop_gradient`,
`zeros_like`, `ones_like` or the `stop_gradients` argument), otherwise a tensor of `x`'s dtype
and shape — so optimizers create every variable and op TF creates.

At run time the gradients are TensorFlow.js's reverse-mode autodiff. One op per call
(`gradients/SymbolicGradient`) has as inputs the ys, the grad_ys, the tensor xs and every tensor
that flows into the x-to-y subgraph from outside it; the Session evaluates them first, as it
evaluates any op's inputs, so a loss fetched together with a train op is the value before the
update, as in TF. Its compute then re-evaluates the subgraph from the xs to the ys with the ops'
own tfjs computes inside `tf.engine().gradients` (the tape records the tfjs kernels whoever calls
them) with the xs as the tape's sources — a variable's tfjs `Variable` itself, a fed or
intermediate tensor's value — and the outside tensors as constants. With one y and no grad_ys
the tape starts from ones; otherwise from `sum(y_i * grad_ys_i)`, whose gradient is exactly
`grad_ys_i`. Every gradient of the call comes from that one evaluation, before any update op
of the same run changes a variable.

An op on the path whose tfjs computation the tape cannot see through (a value computed in
Python, or a tfjs kernel without a gradient) raises NotImplementedError naming the op.

Op names: TF names each gradient after the op it flows through (`gradients/MatMul_grad/...`);
here each is `gradients/<x's op name>_grad` (an Identity of the SymbolicGradient's output)
under the `gradients` name scope.
"""
from pyodide.ffi import JsException, create_proxy

from . import _engine
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph, name_scope

T = _engine.tfjs
bridge = _engine.bridge

# Op types TF registers as not differentiable (or whose gradient is None) among the runtime's.
_NO_GRADIENT_OPS = frozenset(["StopGradient", "PreventGradient", "ZerosLike", "OnesLike",
                              "Shape", "Size", "Rank"])
# Ops whose value is a variable's state or a side effect: never re-run inside the tape.
_STATEFUL_ATTRS = ("_assigns", "_initializes", "_initialized_value_of", "_applies")


def _var_key(var):
    return str(var._v.name)


def _reads(op):
    """The variable an op reads (`v/read`, the variable op itself), or None."""
    var = getattr(op, "_reads_variable", None)
    if var is None:
        var = getattr(op, "_variable", None)
    return var


def _backpropagatable(tensor):
    dt = _dtypes.as_dtype(tensor.dtype).base_dtype
    return dt.is_floating or dt.is_complex


class _Path(object):
    """The ops on a differentiable path from the xs to the ys (TF's `_PendingCount` walk)."""

    def __init__(self, ys, x_tensors, x_vars, stop_tensors):
        self.x_ids = set(id(t) for t in x_tensors)
        self.x_vars = x_vars  # engine name -> Variable
        self.stop_ids = set(id(t) for t in stop_tensors)
        self.depends = {}  # id(op) -> bool
        self.order = []  # ops that depend on an x, inputs before consumers
        for y in ys:
            self._walk(y.op)
        # Only the ops a y is reached from through differentiable tensors are on the path.
        on_path = set()
        todo = [y.op for y in ys if self.tensor_depends(y)]
        while todo:
            op = todo.pop()
            if id(op) in on_path or not self.depends.get(id(op), False):
                continue
            on_path.add(id(op))
            for t in op._inputs:
                if self.tensor_depends(t):
                    todo.append(t.op)
        self.order = [op for op in self.order if id(op) in on_path]

    def tensor_depends(self, t):
        if id(t) in self.x_ids:
            return True
        if id(t) in self.stop_ids or not _backpropagatable(t):
            return False
        return self.depends.get(id(t.op), False)

    def _own(self, op):
        """Whether an op depends on an x by itself (it reads an x variable), False when it
        cannot (a stateful op or one gradients do not flow through), else None."""
        var = _reads(op)
        if var is not None:
            return _var_key(var) in self.x_vars
        if op.type in _NO_GRADIENT_OPS or any(hasattr(op, a) for a in _STATEFUL_ATTRS):
            return False
        return None

    def _walk(self, root):
        # Iterative post-order: deep graphs (unrolled RNNs) must not hit Python's recursion limit.
        stack = [(root, False)]
        while stack:
            op, expanded = stack.pop()
            if id(op) in self.depends:
                continue
            own = self._own(op)
            if own is not None:
                self.depends[id(op)] = own
                if own:
                    self.order.append(op)
                continue
            if not expanded:
                stack.append((op, True))
                for t in op._inputs:
                    if id(t.op) not in self.depends:
                        stack.append((t.op, False))
                continue
            dep = any(self.tensor_depends(t) for t in op._inputs)
            self.depends[id(op)] = dep
            if dep:
                self.order.append(op)

    def outside_inputs(self):
        """The tensors that flow into the path from outside it (constants to the tape)."""
        seen = set()
        out = []
        for op in self.order:
            for t in op._inputs:
                if not self.tensor_depends(t) and id(t) not in seen:
                    seen.add(id(t))
                    out.append(t)
        return out

    def connected(self, x):
        engine_var = getattr(x, "_v", None)
        if engine_var is not None and hasattr(x, "op"):
            key = _var_key(x)
            return any(_reads(op) is not None and _var_key(_reads(op)) == key
                       for op in self.order)
        return any(any(t is x for t in op._inputs) for op in self.order)


def _not_differentiable(op, why):
    return NotImplementedError(
        "Scope Lens cannot compute the gradient through operation '%s' (op type: %s): %s."
        % (op.name, op.type, why))


def _compute_gradients(path, ys, grad_ys, x_list, inputs, ins):
    """The compute of the SymbolicGradient op: one gradient per connected x."""
    values = {}
    for t, v in zip(inputs, ins):
        values[id(t)] = v
    # The tape's sources: a variable's tfjs Variable itself; for a tensor x, zeros of its shape
    # that the forward pass adds to x's value (exact), so the gradient with respect to those
    # zeros is the gradient with respect to x while x's own inputs stay on the tape.
    sources = []
    source_ids = []
    index_of_x = []
    var_source = {}
    x_source = {}
    zeros = []
    for x in x_list:
        if hasattr(x, "_v") and hasattr(x, "op"):
            key = _var_key(x)
            if key not in var_source:
                var_source[key] = len(sources)
                sources.append(x._v.value)
            index_of_x.append(var_source[key])
        else:
            if id(x) not in x_source:
                x_source[id(x)] = len(sources)
                z = T.zerosLike(values[id(x)])
                zeros.append(z)
                sources.append(z)
            index_of_x.append(x_source[id(x)])
    source_ids = [int(t.id) for t in sources]

    kernels_of = []  # (op, tfjs kernel names it ran), to name the op a tfjs error comes from
    failure = []

    def value_of(t, memo):
        if id(t) in x_source:
            alias = memo.get(("x", id(t)))
            if alias is None:
                base = op_value(t, memo) if path.depends.get(id(t.op)) else values[id(t)]
                alias = T.add(base, sources[x_source[id(t)]])
                memo[("x", id(t))] = alias
            return alias
        if not path.tensor_depends(t):
            return values[id(t)]
        return op_value(t, memo)

    def op_value(t, memo):
        op = t.op
        outs = memo.get(id(op))
        if outs is None:
            var = _reads(op)
            if var is not None:
                outs = [sources[var_source[_var_key(var)]]]
            else:
                op_ins = [value_of(i, memo) for i in op._inputs]
                mark = bridge.tapeMark()
                out = op._compute(op_ins, None)
                outs = list(out) if isinstance(out, (list, tuple)) else [out]
                for k, o in enumerate(outs):
                    if o is None or k >= len(op._outputs) or \
                            not path.tensor_depends(op._outputs[k]):
                        continue
                    seen = bridge.tapeSince(mark, o, _engine.tojs(op_ins))
                    kernels_of.append((op, [str(n) for n in seen.kernels]))
                    if not seen.taped:
                        raise _not_differentiable(
                            op, "its TensorFlow.js computation is not recorded by the "
                            "gradient tape (its value is computed outside TensorFlow.js "
                            "kernels)")
            memo[id(op)] = outs
        return outs[t.value_index]

    def forward():
        try:
            memo = {}
            total = None
            for i, y in enumerate(ys):
                if not path.tensor_depends(y):
                    continue
                yv = value_of(y, memo)
                gy = grad_ys[i] if grad_ys is not None else None
                if len(ys) == 1 and gy is None:
                    return yv
                term = T.sum(yv if gy is None else T.mul(yv, values[id(gy)]))
                total = term if total is None else T.add(total, term)
            return total
        except BaseException as e:  # noqa: BLE001 - re-raised once back in Python
            failure.append(e)
            raise

    proxy = create_proxy(forward)
    try:
        result = bridge.gradients(proxy, _engine.tojs(sources))
    except JsException as e:
        if failure:
            raise failure[0] from None
        message = str(getattr(e, "message", e))
        marker = "gradient function not found for "
        if marker in message:
            kernel = message.split(marker, 1)[1].rstrip(".").strip()
            for op, kernels in kernels_of:
                if kernel in kernels:
                    raise _not_differentiable(
                        op, "TensorFlow.js has no gradient for its kernel %s" % kernel) from None
        raise _engine.translate(e) from None
    finally:
        proxy.destroy()
        for z in zeros:
            z.dispose()
    value = result.value
    grads = [_engine.py(g) for g in _engine.js_list(result.grads)]
    if not any(int(value.id) == sid for sid in source_ids) and \
            not any(g is not None and int(g.id) == int(value.id) for g in grads):
        value.dispose()
    out = []
    for x, i in zip(x_list, index_of_x):
        g = grads[i]
        if g is None or g.isDisposed:
            g = T.zerosLike(values[id(x)] if id(x) in values else sources[i])
        out.append(g)
    return out


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none"):
    from ._ops import convert_to_tensor

    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    ys = [convert_to_tensor(y) for y in ys]
    if grad_ys is not None:
        grad_ys = list(grad_ys) if isinstance(grad_ys, (list, tuple)) else [grad_ys]
        if len(grad_ys) != len(ys):
            raise ValueError("Passed %d grad_ys for %d ys" % (len(grad_ys), len(ys)))
        grad_ys = [None if gy is None else convert_to_tensor(gy, dtype=y.dtype.base_dtype)
                   for gy, y in zip(grad_ys, ys)]
    stops = stop_gradients if isinstance(stop_gradients, (list, tuple)) else \
        ([] if stop_gradients is None else [stop_gradients])
    stops = [convert_to_tensor(s) for s in stops]
    x_vars = {}
    x_tensors = []
    converted = []
    for x in xs:
        if getattr(x, "_v", None) is not None and hasattr(x, "op"):
            x_vars[_var_key(x)] = x
            converted.append(x)
        else:
            x = convert_to_tensor(x)
            x_tensors.append(x)
            converted.append(x)
    path = _Path(ys, x_tensors, x_vars, stops)
    g = get_default_graph()
    out = []
    with name_scope(name or "gradients"):
        connected = [x for x in converted if
                     (hasattr(x, "_v") and path.connected(x)) or
                     (not hasattr(x, "_v") and _backpropagatable(x) and
                      (path.connected(x) or any(x is y for y in ys)))]
        symbolic = None
        if connected:
            inputs = list(ys) + [gy for gy in (grad_ys or []) if gy is not None]
            for t in path.outside_inputs() + [x for x in connected if not hasattr(x, "_v")]:
                if not any(t is i for i in inputs):
                    inputs.append(t)
            x_list = list(connected)

            def compute(ins, session, inputs=inputs, x_list=x_list):
                return _compute_gradients(path, ys, grad_ys, x_list, inputs, ins)

            symbolic = Operation(g, g.unique_name("SymbolicGradient"), "SymbolicGradient",
                                 inputs, compute)
            for x in x_list:
                Tensor(symbolic, len(symbolic._outputs), _dtypes.as_dtype(x.dtype).base_dtype,
                       x.shape)
        for x in converted:
            if not any(x is c for c in connected):
                out.append(None if unconnected_gradients == "none" else _zeros_like(x))
                continue
            k = next(i for i, c in enumerate(connected) if c is x)
            grad = symbolic._outputs[k]
            op = Operation(g, g.unique_name(x.op.name + "_grad"), "Identity", [grad],
                           lambda ins, s: ins[0])
            out.append(Tensor(op, 0, grad.dtype, grad.shape))
    return out


def stop_gradient(input, name=None):  # noqa: A002 - TF's name
    """`tf.stop_gradient`: the input's value; gradients do not flow through it."""
    from ._ops import convert_to_tensor, make_op

    x = convert_to_tensor(input)
    return make_op("StopGradient", name, "StopGradient", [x], lambda ins, s: ins[0],
                   x.dtype.base_dtype, x.shape)


def _zeros_like(x):
    from ._ops import zeros

    return zeros(x.shape.as_list(), dtype=_dtypes.as_dtype(x.dtype).base_dtype)
