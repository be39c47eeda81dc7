"""TF 1.15's `tf.assert_*` comparisons of two tensors (`ops/check_ops.py`) and `tf.Assert`
(`control_flow_ops.Assert`), in graph mode.

`tf.assert_less_equal(x, y)` works under the name scope `assert_less_equal` (or `name`): `x` and
`y` are converted (named `x` and `y`), `All` reduces the element-wise comparison, and the op
returned is `Assert`'s: `<scope>/Assert/Assert` when every data item is a string or an int32
tensor, else `<scope>/Assert/AssertGuard/Merge` (TF guards the assert with a `cond`, whose
false branch holds the `Assert`). Running it
raises InvalidArgumentError `assertion failed: [...] [...]` when the condition is false. String
data items stay Python strings (TF makes `Const` ops of them).
"""
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, name_scope
from ._ops import _graph, convert_to_tensor, equal, greater, greater_equal, less, less_equal
from .errors import InvalidArgumentError


def _summary(value, summarize):
    flat = [v for v in value.dataSync()] if hasattr(value, "dataSync") else [value]
    if value.dtype == "bool":
        # The Assert kernel's Tensor::SummarizeValue appends a bool as a number (0 or 1).
        flat = [int(bool(v)) for v in flat]
    text = " ".join(str(v) for v in flat[:summarize])
    return text + ("..." if len(flat) > summarize else "")


def Assert(condition, data, summarize=None, name=None):  # noqa: N802 - TF's name
    from ._ops import constant

    with name_scope(name, "Assert", [condition, data]):
        g = _graph()
        # `ops.convert_n_to_tensor(data)`: each Python item becomes a `Const` first.
        for d in data:
            if not isinstance(d, Tensor):
                constant(d)
        tensors = [d for d in data if isinstance(d, Tensor)]
        guarded = any(t.dtype.base_dtype not in (_dtypes.int32, _dtypes.string) for t in tensors)
        condition = convert_to_tensor(condition, name="Condition" if guarded else None)
        n = 3 if summarize is None else summarize

        def compute(ins, session):
            if not bool(ins[0].dataSync()[0]):
                parts = [d if not isinstance(d, Tensor) else _summary(v, n)
                         for d, v in zip(data, ins[1:])]
                raise InvalidArgumentError(
                    None, None, "assertion failed: " + " ".join("[%s]" % p for p in parts))
            return []

        def assert_op():
            # `gen_logging_ops._assert`: the op's Python items converted in its scope (`data_0`).
            with g.name_scope("Assert") as scope:
                inputs = [condition]
                for i, d in enumerate(data):
                    inputs.append(d if isinstance(d, Tensor) else constant(d, name="data_%d" % i))
                return Operation(g, scope[:-1], "Assert", inputs, compute,
                                 control_inputs=g.control_inputs_for(inputs))

        if not guarded:
            return assert_op()
        # TF 1.15 guards the assert with a cond: it runs only when the condition is false.
        from ._control_flow import cond
        from ._session import no_op

        return cond(condition, no_op, assert_op, name="AssertGuard").op


def _binary_assert(sym, opname, compare):
    def check(x, y, data=None, summarize=None, message=None, name=None):
        message = message or ""
        with name_scope(name, opname, [x, y, data]):
            x = convert_to_tensor(x, name="x")
            y = convert_to_tensor(y, name="y")
            if data is None:
                data = [message, "Condition x %s y did not hold element-wise:" % sym,
                        "x (%s) = " % x.name, x, "y (%s) = " % y.name, y]
            from ._more_ops import reduce_all
            condition = reduce_all(compare(x, y))
            return Assert(condition, data, summarize=summarize)

    check.__name__ = opname
    return check


assert_equal = _binary_assert("==", "assert_equal", equal)
assert_less = _binary_assert("<", "assert_less", less)
assert_less_equal = _binary_assert("<=", "assert_less_equal", less_equal)
assert_greater = _binary_assert(">", "assert_greater", greater)
assert_greater_equal = _binary_assert(">=", "assert_greater_equal", greater_equal)
