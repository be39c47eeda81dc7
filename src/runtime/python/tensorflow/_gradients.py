"""`tf.gradients`: which inputs a value depends on, and symbolic gradient tensors.

The runtime has no automatic differentiation. `gradients(ys, xs)` answers what TF answers at
graph-building time — `None` for an `x` that no `y` depends on, otherwise a tensor of `x`'s
dtype and shape — so optimizers create every variable and op TF creates. Running a gradient
tensor raises `NotImplementedError` naming gradients; nothing computes a wrong value.

Op names: TF names each gradient after the op it flows through (`gradients/MatMul_grad/...`);
here each is `gradients/<x's op name>_grad` under the `gradients` name scope.
"""
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph, name_scope


def _reached(ys):
    """The tensors, variables (by engine name) and ops reachable from `ys` through data inputs."""
    tensors = set()
    variables = set()
    ops = set()
    todo = [y.op for y in ys]
    while todo:
        op = todo.pop()
        if id(op) in ops:
            continue
        ops.add(id(op))
        for attr in ("_reads_variable", "_variable", "_initialized_value_of"):
            var = getattr(op, attr, None)
            if var is not None:
                variables.add(str(var._v.name))
        for t in op._inputs:
            tensors.add(id(t))
            todo.append(t.op)
    return tensors, variables


def _not_differentiable(ins, session):
    raise NotImplementedError(
        "Scope Lens cannot compute gradients: tf.gradients and the optimizers' update ops "
        "build TensorFlow's graph (every variable and slot), but running them needs "
        "automatic differentiation, which the runtime does not have.")


def gradients(ys, xs, grad_ys=None, name="gradients", colocate_gradients_with_ops=False,
              gate_gradients=False, aggregation_method=None, stop_gradients=None,
              unconnected_gradients="none"):
    from ._ops import convert_to_tensor

    ys = list(ys) if isinstance(ys, (list, tuple)) else [ys]
    xs = list(xs) if isinstance(xs, (list, tuple)) else [xs]
    ys = [convert_to_tensor(y) for y in ys]
    tensors, variables = _reached(ys)
    g = get_default_graph()
    out = []
    with name_scope(name or "gradients"):
        for x in xs:
            engine_var = getattr(x, "_v", None)
            if engine_var is not None and hasattr(x, "op"):
                connected = str(engine_var.name) in variables
                op_name = x.op.name
            else:
                x = convert_to_tensor(x)
                connected = id(x) in tensors or any(x is y for y in ys)
                op_name = x.op.name
            if not connected:
                out.append(None if unconnected_gradients == "none" else
                           _zeros_like(x))
                continue
            op = Operation(g, g.unique_name(op_name + "_grad"), "SymbolicGradient", ys,
                           _not_differentiable)
            out.append(Tensor(op, 0, _dtypes.as_dtype(x.dtype).base_dtype, x.shape))
    return out


def _zeros_like(x):
    from ._ops import zeros

    return zeros(x.shape.as_list(), dtype=_dtypes.as_dtype(x.dtype).base_dtype)
