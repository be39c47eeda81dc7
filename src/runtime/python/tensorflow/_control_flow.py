"""TF 1.15's graph control flow (v1, as 1.15 builds it by default): `tf.cond`, `tf.case`,
`smart_cond`, the `Switch`/`Merge` ops and their gradients.

From TF 1.15's `python/ops/control_flow_ops.py` (`cond`, `CondContext`, `switch`, `merge`,
`_case_helper`, `ZerosLikeOutsideLoop`, `with_dependencies`), `control_flow_grad.py`
(`_SwitchGrad`, `_MergeGrad`) and `framework/smart_cond.py`.

A cond builds `cond/Switch` (pred, pred), the pivots `cond/switch_t` and `cond/switch_f`,
`cond/pred_id`, then each branch in a `CondContext`: every op built while a context is the
graph's has its inputs from outside the branch routed through a `Switch` on `pred_id` (named in
the op's own scope: `cond/Add/Switch`), and an op without inputs waits for the pivot. A branch's
results from outside it get their own `Switch`; one `Merge` per result joins the branches.

When a session runs the graph, a Switch forwards its data to the output the predicate picks and
marks the other dead; an op with a dead input or control input is dead and computes nothing;
a Merge forwards the input that is alive (`_session.py`). So only the taken branch computes.
"""
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph
from .tensor_shape import TensorShape, unknown_shape


def _graph():
    return get_default_graph()


def _op_name(name, default):
    from ._ops import _op_name as op_name

    return op_name(name, default)


def _merge_shapes(shapes):
    """TF's Merge shape function: the first input's shape, with the dimensions where the
    inputs disagree unknown (an unknown rank where their ranks differ)."""
    out = shapes[0]
    if out.dims is None:
        return unknown_shape()
    dims = [d.value for d in out.dims]
    for s in shapes[1:]:
        if s.dims is None or len(s.dims) != len(dims):
            return unknown_shape()
        dims = [a if a == b.value else None for a, b in zip(dims, s.dims)]
    return TensorShape(dims)


def switch(data, pred, dtype=None, name=None):
    """`control_flow_ops.switch`: `(output_false, output_true)`; `data` is forwarded to the
    output `pred` picks, the other is dead."""
    from ._ops import convert_to_tensor

    g = _graph()
    with g.name_scope(name or "Switch") as scope:
        data = convert_to_tensor(data, dtype=dtype, name="data")
        pred = convert_to_tensor(pred, name="pred")
        op_type = "RefSwitch" if data.dtype._is_ref_dtype else "Switch"
        op = Operation(g, scope[:-1], op_type, [data, pred], None,
                       control_inputs=g.control_inputs_for([data, pred]))
    op._cf_kind = "Switch"
    return (Tensor(op, 0, data.dtype, data.shape), Tensor(op, 1, data.dtype, data.shape))


def merge(inputs, name=None):
    """`control_flow_ops.merge`: `(output, value_index)`, the input that is alive."""
    from ._ops import convert_to_tensor

    g = _graph()
    with g.name_scope(name or "Merge") as scope:
        xs = [convert_to_tensor(x) for x in inputs]
        op = Operation(g, scope[:-1], "Merge", xs, None,
                       control_inputs=g.control_inputs_for(xs))
    op._cf_kind = "Merge"
    return (Tensor(op, 0, xs[0].dtype.base_dtype, _merge_shapes([x.shape for x in xs])),
            Tensor(op, 1, _dtypes.int32, TensorShape([])))


class _NoContext(object):
    """`ops.control_dependencies(None)` as TF 1.15's controller makes it: no control inputs and
    no control flow context for the ops built inside."""

    def __init__(self, graph):
        self._graph = graph

    def __enter__(self):
        self._saved = (self._graph._control_stack, self._graph._cf_context)
        self._graph._control_stack = []
        self._graph._cf_context = None

    def __exit__(self, *exc):
        self._graph._control_stack, self._graph._cf_context = self._saved
        return False


def in_context(op, ctxt):
    """`util.OpInContext`: `op` was built in `ctxt` or in a context nested in it."""
    c = op._cf_context
    while c is not None:
        if c is ctxt:
            return True
        c = c.outer_context
    return False


class _ControlFlowContext(object):
    """What a cond branch and a while loop share (`ControlFlowContext`): a unique name, the
    context around it, and entering and leaving it as the graph's."""

    def __init__(self, name):
        g = _graph()
        self._graph = g
        self._name = g.unique_name(name)
        self.outer_context = g._cf_context
        self._stack = []

    @property
    def name(self):
        return self._name

    def Enter(self):  # noqa: N802 - TF's name
        self._stack.append(self._graph._cf_context)
        self._graph._cf_context = self

    def Exit(self):  # noqa: N802 - TF's name
        self._graph._cf_context = self._stack.pop()

    def AddOp(self, op):  # noqa: N802 - TF's name
        """`_AddOpInternal`: an op built in this context. Its inputs from outside go through
        `AddValue` (a cond's Switch, a loop's Enter), named in the op's scope as its wrapper's
        name scope was current when TF built them (`cond/Add/Switch`); an op without inputs
        waits for the context's control pivot."""
        op._cf_context = self
        if not op._inputs:
            if not any(in_context(c, self) for c in op._control_inputs):
                op._control_inputs.append(self.control_pivot().op)
        else:
            with self._graph.name_scope(op.name + "/"):
                for i, x in enumerate(op._inputs):
                    real = self.AddValue(x)
                    if real is not x:
                        op._inputs[i] = real
            self._inputs_added(op)
        op._not_fetchable = True

    def _inputs_added(self, op):
        pass


class CondContext(_ControlFlowContext):
    """One branch of a cond (`control_flow_ops.CondContext`)."""

    def __init__(self, pred, pivot, branch, name="cond_text"):
        super().__init__(name)
        self.pred = pred
        self.pivot = pivot
        self.branch = branch
        self._external = {}  # id(tensor from outside) -> the tensor the branch uses instead
        pivot.op._cf_context = self

    def _known(self, val):
        return val is self.pred or in_context(val.op, self) or id(val) in self._external

    def AddValue(self, val):  # noqa: N802 - TF's name
        """`val` as this branch sees it: through a Switch on the predicate (once per value)."""
        if val is self.pred or in_context(val.op, self):
            return val
        known = self._external.get(id(val))
        if known is not None:
            return known[1]
        result = val
        if self.outer_context is not None:
            result = self.outer_context.AddValue(val)
            self._external[id(result)] = (result, result)
        with _NoContext(self._graph):
            result = switch(result, self.pred, name="Switch")[self.branch]
        result.op._cf_context = self
        result.op._not_fetchable = True
        self._external[id(val)] = (val, result)
        return result

    def control_pivot(self):
        return self.pivot

    def _process_output(self, val):
        """`_ProcessOutputTensor`: a result from outside the branch gets a Switch."""
        if self._known(val):
            known = self._external.get(id(val))
            return known[1] if known is not None else val
        self._external[id(val)] = (val, val)
        real = val
        if self.outer_context is not None:
            real = self.outer_context.AddValue(val)
            self._external[id(real)] = (real, real)
        real = switch(real, self.pred, name="Switch")[self.branch]
        self._external[id(val)] = (val, real)
        return real

    def _build_tensor(self, v):
        from ._ops import convert_to_tensor

        from ._tensor_array import to_flow

        if isinstance(v, Operation):
            return with_dependencies([v], self.pivot)
        # A TensorArray's flow is merged (`_convert_tensorarray_to_flow`).
        return self._process_output(convert_to_tensor(to_flow(v)))

    def BuildCondBranch(self, fn):  # noqa: N802 - TF's name
        original = fn()
        if original is None:
            return None, None
        result = _map_structure(self._build_tensor, original)
        if not isinstance(result, (list, tuple)):
            result = [result]
        return original, result


def with_dependencies(dependencies, output_tensor, name=None):
    """`control_flow_ops.with_dependencies`: `output_tensor` through an Identity
    (`control_dependency`) that waits for `dependencies`."""
    from ._ops import identity

    g = _graph()
    with g.name_scope(name or "control_dependency") as scope:
        with g.control_dependencies(dependencies):
            return identity(output_tensor, name=scope)


# -- nested structures (`nest`, for lists, tuples, namedtuples and dicts) ----------------------


def _is_sequence(x):
    return isinstance(x, (list, tuple, dict))


def _flatten(x):
    if isinstance(x, dict):
        out = []
        for k in sorted(x):
            out.extend(_flatten(x[k]))
        return out
    if isinstance(x, (list, tuple)):
        out = []
        for v in x:
            out.extend(_flatten(v))
        return out
    return [x]


def _pack_as(structure, flat):
    it = iter(flat)

    def build(s):
        if isinstance(s, dict):
            return type(s)((k, build(s[k])) for k in sorted(s))
        if isinstance(s, tuple) and hasattr(s, "_fields"):
            return type(s)(*[build(v) for v in s])
        if isinstance(s, (list, tuple)):
            return type(s)(build(v) for v in s)
        return next(it)

    return build(structure)


def _map_structure(fn, structure):
    return _pack_as(structure, [fn(x) for x in _flatten(structure)])


def _structure_text(s):
    if isinstance(s, dict):
        return "{%s}" % ", ".join("%r: %s" % (k, _structure_text(s[k])) for k in sorted(s))
    if isinstance(s, list):
        return "[%s]" % ", ".join(_structure_text(v) for v in s)
    if isinstance(s, tuple):
        return "(%s)" % ", ".join(_structure_text(v) for v in s) + ("," if len(s) == 1 else "")
    return "."


def _same_structure(a, b):
    if _is_sequence(a) != _is_sequence(b):
        return False
    if not _is_sequence(a):
        return True
    if isinstance(a, dict) != isinstance(b, dict) or len(a) != len(b):
        return False
    if isinstance(a, dict):
        if sorted(a) != sorted(b):
            return False
        return all(_same_structure(a[k], b[k]) for k in a)
    return all(_same_structure(x, y) for x, y in zip(a, b))


def _unpack_if_singleton(res):
    if isinstance(res, (list, tuple)) and len(res) == 1:
        return res[0]
    return res


# -- tf.cond -----------------------------------------------------------------------------------


def cond(pred, true_fn=None, false_fn=None, strict=False, name=None, fn1=None, fn2=None):
    """`tf.cond` (TF 1.15 `control_flow_ops.cond`, v1 control flow)."""
    if fn1 is not None:
        if true_fn is not None:
            raise TypeError("cond(): true_fn and fn1 may not be set simultaneously.")
        true_fn = fn1
    elif true_fn is None:
        raise TypeError("cond(): true_fn argument required")
    if fn2 is not None:
        if false_fn is not None:
            raise TypeError("cond(): false_fn and fn2 may not be set simultaneously.")
        false_fn = fn2
    elif false_fn is None:
        raise TypeError("cond(): false_fn argument required")
    if not callable(true_fn):
        raise TypeError("true_fn must be callable.")
    if not callable(false_fn):
        raise TypeError("false_fn must be callable.")
    from ._ops import identity

    g = _graph()
    with g.name_scope(name or "cond"):
        if isinstance(pred, bool):
            raise TypeError("pred must not be a Python bool")
        p_2, p_1 = switch(pred, pred)
        pivot_1 = identity(p_1, name="switch_t")
        pivot_2 = identity(p_2, name="switch_f")
        pred = identity(pred, name="pred_id")
        for t in (p_1, pivot_1, pivot_2, pred):
            t.op._not_fetchable = True

        context_t = CondContext(pred, pivot_1, branch=1)
        try:
            context_t.Enter()
            orig_res_t, res_t = context_t.BuildCondBranch(true_fn)
            if orig_res_t is None:
                raise ValueError("true_fn must have a return value.")
        finally:
            context_t.Exit()

        context_f = CondContext(pred, pivot_2, branch=0)
        try:
            context_f.Enter()
            orig_res_f, res_f = context_f.BuildCondBranch(false_fn)
            if orig_res_f is None:
                raise ValueError("false_fn must have a return value.")
        finally:
            context_f.Exit()

        if not strict:
            orig_res_t = _unpack_if_singleton(orig_res_t)
            orig_res_f = _unpack_if_singleton(orig_res_f)
        if not _same_structure(orig_res_t, orig_res_f):
            raise ValueError(
                "Incompatible return values of true_fn and false_fn: The two structures don't "
                "have the same nested structure.\n\nFirst structure: %s\n\nSecond structure: %s"
                % (_structure_text(orig_res_t), _structure_text(orig_res_f)))
        if not res_t:
            raise ValueError("true_fn and false_fn must return at least one result.")
        res_t_flat = _flatten(res_t)
        res_f_flat = _flatten(res_f)
        for x, y in zip(res_t_flat, res_f_flat):
            if x.dtype.base_dtype != y.dtype.base_dtype:
                raise ValueError("Outputs of true_fn and false_fn must have the same type: %s, %s"
                                 % (x.dtype.name, y.dtype.name))
        merges = [merge([f, t])[0] for f, t in zip(res_f_flat, res_t_flat)]
        if context_t.outer_context is None:
            g.add_to_collection("cond_context", context_t)
            g.add_to_collection("cond_context", context_f)
        from ._tensor_array import from_flows

        merges = _pack_as(orig_res_t, from_flows(_flatten(orig_res_t), merges))
        if not strict:
            merges = _unpack_if_singleton(merges)
        return merges


# -- tf.case ------------------------------------------------------------------------------------


def _assert_at_most_n_true(predicates, n, msg):
    from ._check_ops import Assert
    from ._ops import cast, constant, less_equal, reduce_sum, stack

    preds_c = stack(predicates, name="preds_c")
    num_true = reduce_sum(cast(preds_c, _dtypes.int32), name="num_true_conds")
    condition = less_equal(num_true, constant(n, name="n_true_conds"))
    names = ", ".join(getattr(p, "name", "?") for p in predicates)
    error_msg = ["%s: more than %d conditions (%s) evaluated as True:" % (msg, n, names),
                 preds_c]
    return Assert(condition, data=error_msg, summarize=len(predicates))


def _case_create_default_action(predicates, actions):
    from ._check_ops import Assert
    from ._ops import stack

    k = len(predicates) - 1
    predicate, action = predicates[k], actions[k]
    other_predicates, other_actions = predicates[:k], actions[:k]

    def default_action():
        others_msg = ("Implementation error: selected default action #%d was called, but some "
                      "of other predicates are True: " % k)
        default_msg = ("Input error: None of conditions evaluated as True:",
                       stack(predicates, name="preds_c"))
        with _graph().control_dependencies([
                _assert_at_most_n_true(other_predicates, n=0, msg=others_msg),
                Assert(predicate, data=default_msg)]):
            return action()

    return default_action, other_predicates, other_actions


def _case_verify_and_canonicalize_args(pred_fn_pairs, exclusive, name):
    if not isinstance(pred_fn_pairs, (list, tuple, dict)):
        raise TypeError("fns must be a list, tuple, or dict")
    if isinstance(pred_fn_pairs, dict):
        pred_fn_pairs = sorted(pred_fn_pairs.items(), key=lambda item: item[0].name)
    for pair in pred_fn_pairs:
        if not isinstance(pair, tuple) or len(pair) != 2:
            raise TypeError("Each entry in pred_fn_pairs must be a 2-tuple")
        pred, fn = pair
        if isinstance(pred, Tensor):
            if pred.dtype != _dtypes.bool:
                raise TypeError("pred must be Tensor of type bool: %s" % pred.name)
        else:
            raise TypeError("pred must be a Tensor, got: %s" % (pred,))
        if not callable(fn):
            raise TypeError("fn for pred %s must be callable." % pred.name)
    predicates = [p for p, _ in pred_fn_pairs]
    actions = [f for _, f in pred_fn_pairs]
    return predicates, actions


def case(pred_fn_pairs, default=None, exclusive=False, strict=False, name="case"):
    """`tf.case` (TF 1.15 `control_flow_ops.case`): nested conds, the last pair's the innermost;
    without `default`, the last pair's function under Asserts is the default."""
    predicates, actions = _case_verify_and_canonicalize_args(pred_fn_pairs, exclusive, name)
    g = _graph()
    with g.name_scope(name or "case"):
        if default is None:
            default, predicates, actions = _case_create_default_action(predicates, actions)
        fn = default
        for predicate, action in reversed(list(zip(predicates, actions))):
            fn = _bind_cond(predicate, action, fn, strict)
        if exclusive:
            with g.control_dependencies([
                    _assert_at_most_n_true(predicates, n=1, msg="Input error: exclusive=True")]):
                return fn()
        return fn()


def _bind_cond(predicate, action, fn, strict):
    def call():
        return cond(predicate, true_fn=action, false_fn=fn, strict=strict)

    return call


# -- smart_cond ---------------------------------------------------------------------------------


def constant_value(pred):
    """`tensor_util.constant_value` for a predicate: a constant's value (through Identity),
    else None."""
    op = pred.op
    while op.type == "Identity" and op._inputs:
        op = op._inputs[0].op
    const = getattr(op, "_const_value", None)
    if const is None or op.type != "Const" or int(const.size) != 1:
        return None
    return bool(const.dataSync()[0])


def smart_constant_value(pred):
    """`smart_cond.smart_constant_value`: True/False when known now, else None."""
    if isinstance(pred, Tensor):
        return constant_value(pred)
    if pred in {0, 1}:
        return bool(pred)
    if isinstance(pred, bool):
        return pred
    raise TypeError("`pred` must be a Tensor, or a Python bool, or 1 or 0. Found instead: %s"
                    % (pred,))


def smart_cond(pred, true_fn=None, false_fn=None, name=None):
    """`smart_cond.smart_cond`: a predicate known now calls one function (no cond ops)."""
    if not callable(true_fn):
        raise TypeError("`true_fn` must be callable.")
    if not callable(false_fn):
        raise TypeError("`false_fn` must be callable.")
    value = smart_constant_value(pred)
    if value is not None:
        return true_fn() if value else false_fn()
    return cond(pred, true_fn=true_fn, false_fn=false_fn, name=name)


# -- gradients (control_flow_grad.py) -----------------------------------------------------------


def zeros_like_outside_loop(op, index):
    """`control_flow_ops.ZerosLikeOutsideLoop`: a Switch's output without a gradient gets zeros
    that exist only when the other branch is taken (a Switch on the predicate)."""
    from ._ops import identity, zeros, zeros_like_impl

    val = op._outputs[index]
    ctxt = op._cf_context
    if getattr(op, "_cf_kind", None) != "Switch" or ctxt is None:
        return zeros_like_impl(val, optimize=False)
    switch_val = switch(op._inputs[0], ctxt.pred)[1 - ctxt.branch]
    pivot = identity(switch_val)
    zeros_shape = _shape_internal(switch_val)
    g = _graph()
    with g.control_dependencies([pivot]):
        return zeros(zeros_shape, dtype=val.dtype.base_dtype)


def _shape_internal(x):
    """`array_ops.shape_internal(x, optimize=False)`: always the `Shape` op."""
    from . import _engine
    from ._ops import make_op

    def compute(ins, s):
        return _engine.tfjs.tensor1d(_engine.tojs([int(d) for d in ins[0].shape]), "int32")

    dims = x.shape
    return make_op("Shape", None, "Shape", [x], compute, _dtypes.int32,
                   [None] if dims.dims is None else [len(dims)])


def switch_grad(op, *grad):
    """`_SwitchGrad` for a cond's Switch: the gradients of its two outputs merged (one is
    alive); none for the predicate."""
    ctxt = op._cf_context
    if ctxt is not None:
        if grad[1 - ctxt.branch] is None:
            return None, None
        return merge(list(grad), name="cond_grad")[0], None
    false_grad = switch(grad[0], op._inputs[1])[0]
    true_grad = switch(grad[1], op._inputs[1])[1]
    return merge([false_grad, true_grad])[0], None


def merge_grad(op, grad, _):
    """`_MergeGrad` for a cond's Merge: the gradient switched on the predicate, one output per
    branch."""
    from ._ops import equal

    ctxt = op._inputs[0].op._cf_context
    if isinstance(ctxt, CondContext):
        return switch(grad, ctxt.pred, name="cond_grad")
    n = len(op._inputs)
    conds = [equal(op._outputs[1], i) for i in range(n)]
    return [switch(grad, conds[i])[1] for i in range(n)]


# -- tf.while_loop ------------------------------------------------------------------------------


def _frame_op(op_type, data, name, dtype=None, shape=None, kind=None):
    """One of the loop's frame ops (`Enter`, `NextIteration`, `Exit`, `LoopCond`): passes its
    input on; the session's loop frame gives it its meaning."""
    g = _graph()
    with g.name_scope(name) as scope:
        op = Operation(g, scope[:-1], op_type, [data], None,
                       control_inputs=g.control_inputs_for([data]))
    op._cf_kind = kind or op_type
    return Tensor(op, 0, dtype or data.dtype.base_dtype,
                  data.shape if shape is None else shape)


def _enter(data, context, is_constant, use_input_shape=True, name="Enter"):
    t = _frame_op("Enter", data, name, shape=data.shape if use_input_shape else unknown_shape())
    t.op._frame = context
    t.op._is_constant = is_constant
    t.op._cf_context = context
    return t


class WhileContext(_ControlFlowContext):
    """The context of a loop's body and condition (`control_flow_ops.WhileContext`)."""

    def __init__(self, maximum_iterations=None, parallel_iterations=10, back_prop=True,
                 swap_memory=False, name="while_context"):
        if not isinstance(parallel_iterations, int) or parallel_iterations <= 0:
            raise ValueError("`parallel_iterations` must be a positive integer: %s"
                             % parallel_iterations)
        super().__init__(name)
        self.maximum_iterations = maximum_iterations
        self.parallel_iterations = parallel_iterations
        self.back_prop = back_prop
        self.swap_memory = swap_memory
        self.pivot_for_pred = None
        self.pivot_for_body = None
        self.pivot = None
        self.loop_enters = []
        self.loop_exits = []
        self.merges = []
        self.next_iterations = []
        self._external = {}

    def control_pivot(self):
        return self.pivot_for_body if self.pivot_for_body is not None else self.pivot_for_pred

    def AddValue(self, val):  # noqa: N802 - TF's name
        """A tensor from outside the loop: through an `Enter` (is_constant) once."""
        if in_context(val.op, self):
            return val
        known = self._external.get(id(val))
        if known is not None:
            return known
        result = val
        if self.outer_context is not None:
            result = self.outer_context.AddValue(val)
        with _NoContext(self._graph):
            enter = _enter(result, self, True)
        self._external[id(val)] = enter
        return enter

    def _inputs_added(self, op):
        """An op of the loop whose inputs are all loop constants waits for the control pivot."""
        if not op._control_inputs and all(
                getattr(x.op, "_is_constant", False) for x in op._inputs):
            op._control_inputs.append(self.control_pivot().op)

    def build_loop(self, pred, body, loop_vars, shape_invariants, return_same_structure):
        from ._ops import convert_to_tensor, identity

        from ._tensor_array import from_flows, to_flow

        original = loop_vars
        # A TensorArray is carried by its flow (`_convert_tensorarray_to_flow`) and rebuilt
        # around the loop's tensors where the condition and body see it.
        leaves = _flatten(loop_vars)
        flat = [convert_to_tensor(to_flow(x)) for x in leaves]
        # Each TensorArray loop variable's handle, by position (its gradient: _while_grad.py).
        self._ta_flow_handles = dict((i, x.handle) for i, x in enumerate(leaves)
                                     if hasattr(x, "_with_flow"))
        if shape_invariants is None:
            invariants = [x.shape for x in flat]
        else:
            invariants = [f.shape if f is not x else inv for x, f, inv
                          in zip(leaves, flat, _flatten(shape_invariants))]
        self.Enter()
        try:
            real_vars = flat
            if self.outer_context is not None:
                real_vars = [self.outer_context.AddValue(x) for x in flat]
            with _NoContext(self._graph):
                enters = [_enter(x, self, False, use_input_shape=shape_invariants is None)
                          for x in real_vars]
            for x, inv, e in zip(real_vars, invariants, enters):
                _set_shape_invariant(x, e, inv)
            self.loop_enters = enters
            merges = [merge([e, e])[0] for e in enters]
            for m in merges:
                m.op._loop_merge = True
            self.merges = merges
            self.pivot_for_pred = merges[0]
            c = convert_to_tensor(pred(*_pack_as(original, from_flows(leaves, merges))))
            _check_scalar(c, _graph().get_name_scope() + "/LoopCond", "LoopCond")
            self.pivot = _frame_op("LoopCond", c, "LoopCond")
            switches = [switch(m, self.pivot) for m in merges]
            for s in switches:
                s[0].op._loop_switch = True
            body_vars = [identity(s[1]) for s in switches]
            self.pivot_for_body = body_vars[0]
            result = body(*_pack_as(original, from_flows(leaves, body_vars)))
            if not isinstance(result, (list, tuple)):
                result = [result]
            if not _same_structure(list(_pack_as(original, body_vars)), list(result)):
                raise ValueError(
                    "The two structures don't have the same nested structure.\n\nFirst "
                    "structure: %s\n\nSecond structure: %s"
                    % (_structure_text(list(_pack_as(original, body_vars))),
                       _structure_text(list(result))))
            flat_result = [convert_to_tensor(to_flow(v)) for v in _flatten(result)]
            if len(merges) != len(flat_result):
                raise ValueError("Number of inputs and outputs of body must match loop_vars: "
                                 "%d, %d" % (len(merges), len(flat_result)))
            for m, v in zip(merges, flat_result):
                nxt = _frame_op("NextIteration", v, "NextIteration")
                _enforce_shape_invariant(m, nxt)
                m.op._inputs[1] = nxt
                self.next_iterations.append(nxt)
            exits = [_frame_op("Exit", s[0], "Exit") for s in switches]
            self.loop_exits = exits
            for e in exits:
                e.op._loop = self
                # A loop's Exit is fetchable unless the loop is inside other control flow.
                e.op._not_fetchable = self.outer_context is not None
        finally:
            self.Exit()
        packed = _pack_as(result, from_flows(_flatten(result), exits))
        if return_same_structure:
            return packed
        return packed[0] if len(exits) == 1 else packed


def _check_scalar(t, op_name, op_type):
    """The op's shape function (`LoopCond`'s): a predicate of rank 0."""
    if t.shape.ndims is not None and t.shape.ndims != 0:
        raise ValueError("Shape must be rank 0 but is rank %d for '%s' (op: '%s') with input "
                         "shapes: [%s]." % (t.shape.ndims, op_name, op_type,
                                            ",".join("?" if d is None else str(d)
                                                     for d in t.shape.as_list())))


def _set_shape_invariant(value, enter, invariant):
    """`_SetShapeInvariants`: the Enter takes the invariant, which the value must satisfy."""
    from .tensor_shape import as_shape

    invariant = as_shape(invariant)
    if not invariant.is_compatible_with(value.shape):
        raise ValueError(
            "The shape invariant specified for %s is not compatible with the initial shape of "
            "the loop variable. It enters the loop with shape %s, but the specified shape "
            "invariant is %s." % (value.name, value.shape, invariant))
    enter._shape = invariant


def _shape_less_specific(shape1, shape2):
    if shape1.dims is None:
        return True
    if shape1.ndims != shape2.ndims:
        return False
    for d1, d2 in zip(shape1.dims, shape2.dims):
        if d1.value is not None and d1.value != d2.value:
            return False
    return True


def _enforce_shape_invariant(merge_var, next_var):
    """`_EnforceShapeInvariant`: the body's result must fit the loop variable's shape."""
    m_shape = merge_var.shape
    n_shape = next_var.shape
    if not _shape_less_specific(m_shape, n_shape):
        enter = merge_var.op._inputs[0].op
        raise ValueError(
            "Input tensor '%s' enters the loop with shape %s, but has shape %s after one "
            "iteration. To allow the shape to vary across iterations, use the "
            "`shape_invariants` argument of tf.while_loop to specify a less-specific shape."
            % (enter._inputs[0].name, m_shape, n_shape))


def while_loop(cond, body, loop_vars, shape_invariants=None, parallel_iterations=10,
               back_prop=True, swap_memory=False, name=None, maximum_iterations=None,
               return_same_structure=False):
    """`tf.while_loop` (TF 1.15 `control_flow_ops.while_loop`, v1 control flow)."""
    from ._ops import constant, convert_to_tensor, less
    from ._more_ops import logical_and

    if not callable(cond):
        raise TypeError("cond must be callable.")
    if not callable(body):
        raise TypeError("body must be callable.")
    if parallel_iterations < 1:
        raise TypeError("parallel_iterations must be a positive integer.")
    g = _graph()
    with g.name_scope(name or "while"):
        if not loop_vars:
            raise ValueError("No loop variables provided")
        try_to_pack = len(loop_vars) == 1 and not return_same_structure
        if maximum_iterations is not None:
            maximum_iterations = convert_to_tensor(maximum_iterations,
                                                   name="maximum_iterations")
            if maximum_iterations.shape.ndims != 0:
                raise ValueError("maximum_iterations must be a scalar, saw shape: %s"
                                 % maximum_iterations.shape)
            counter = constant(0, dtype=maximum_iterations.dtype, name="iteration_counter")
            orig_cond = cond
            orig_body = body
            limit = maximum_iterations
            if try_to_pack:
                loop_vars = (counter, loop_vars[0])

                def cond(i, lv):
                    return logical_and(less(i, limit), orig_cond(lv))

                def body(i, lv):
                    return (i + 1, orig_body(lv))
            else:
                loop_vars = (counter, loop_vars)

                def cond(i, lv):
                    return logical_and(less(i, limit), orig_cond(*lv))

                def body(i, lv):
                    return (i + 1, orig_body(*lv))
            try_to_pack = False
        if shape_invariants is not None and maximum_iterations is not None:
            shape_invariants = (TensorShape([]), shape_invariants)
        context = WhileContext(maximum_iterations=maximum_iterations,
                               parallel_iterations=parallel_iterations, back_prop=back_prop,
                               swap_memory=swap_memory)
        if context.outer_context is None:
            g.add_to_collection("while_context", context)
        result = context.build_loop(cond, body, loop_vars, shape_invariants,
                                    return_same_structure)
        if maximum_iterations is not None:
            return result[1]
        return result
