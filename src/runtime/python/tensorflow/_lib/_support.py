"""The only non-public helpers the layer libraries use. The static analyzer models each of
these natively, so keep this module small and every function documented.
"""
import tensorflow as tf

from .. import _ops


def class_name(obj):
    """The name of `obj`'s class (`type(obj).__name__`): a layer's default name comes from it."""
    return type(obj).__name__


def unimplemented_op(op_type, inputs, dtype, shape, name=None):
    """A graph tensor of static `shape` and `dtype`, made by an op of type `op_type` named
    `name` (default: `op_type`) in the current name scope, that has no kernel in the runtime:
    evaluating it raises NotImplementedError naming `op_type`. For layer computations whose
    op Scope Lens cannot run yet."""
    return _ops.not_implemented_op(op_type, name, inputs, dtype, shape)


def graph_tensor(x):
    """`x` itself: what the program hands a layer as its input (a tensor, or a list or tuple of
    them), which TF only accepts as graph tensors there. (The analyzer, which may not know what
    an op it does not model returned, a queue's or an iterator's output, takes such a value as a
    tensor of a dtype and shape it does not know.)"""
    return x


def floating(dtype):
    """`dtype.is_floating`. (The analyzer answers True for a dtype it does not know, a tensor's
    whose op it does not model: a layer's weights are then a float layer's, the kind the layers
    are built for, instead of a path of the program for each answer.)"""
    return dtype.is_floating


def known(x):
    """True. (The analyzer answers False for a value it does not know, what a function it does
    not model returned: a library function then gives up on it at once instead of walking it,
    a path of the program for each guess at what it holds.)"""
    return True


def cast(x, dtype):
    """`math_ops.cast` as the optimizers use it: `x` itself when it already has `dtype` (a
    resource variable of that dtype as it is, anything else converted to a tensor first), else a
    `Cast` op of it. The analyzer runs this where it knows both dtypes; where it does not, it
    gives a tensor of `dtype` and `x`'s shape instead of choosing a branch (the two differ only
    by a `Cast` op, and a path each would replay the program once per variable and constant)."""
    if isinstance(x, tf.Variable) and x.op.type == "VarHandleOp" and x.dtype.base_dtype == dtype:
        return x
    x = tf.convert_to_tensor(x)
    if x.dtype.base_dtype == dtype:
        return x
    return tf.cast(x, dtype)


def static_size(x):
    """The size of tensor `x`'s first dimension as TF knows it when the graph is built: an int,
    or None when TF does not know it (or the rank). (Where the analyzer cannot tell whether TF
    knows it, it answers None: the caller then builds the `tf.shape` form, as TF does for such a
    size, instead of a path for each answer.)"""
    shape = x.get_shape()
    if shape.ndims is None or shape.ndims == 0:
        return None
    return shape[0].value


def attribute_values(obj):
    """The values of `obj`'s instance attributes in the order they were first set
    (`list(vars(obj).values())`): Keras counts the layers a layer holds in its attributes as
    its own."""
    return list(vars(obj).values())


def update_op(x):
    """What Keras's `add_update` keeps of an update (TF 1.15's `process_update`): an Operation
    as it is, else `x.op`, which for what a resource variable's `assign*` returned (1.15's
    `_UnreadVariable`) is the assignment op itself."""
    if isinstance(x, tf.Operation):
        return x
    parent = getattr(x, "_unread_parent_op", None)
    if parent is not None:
        return parent
    return x.op


def fn_args(fn):
    """The names of `fn`'s positional parameters (TF 1.15 `function_utils.fn_args`): a bound
    method's without `self`, a callable object's `__call__`'s, a `functools.partial`'s without
    those it binds. An Estimator passes `mode`, `params`, ... only to functions that name them."""
    import functools
    import inspect
    if isinstance(fn, functools.partial):
        args = fn_args(fn.func)
        return tuple(a for a in args[len(fn.args):] if a not in (fn.keywords or {}))
    if not inspect.isfunction(fn) and not inspect.ismethod(fn) and hasattr(fn, '__call__'):
        fn = fn.__call__
    args = list(inspect.getfullargspec(fn).args)
    if inspect.ismethod(fn) and 'self' in args:
        args.remove('self')
    return tuple(args)


def is_dataset(x):
    """`isinstance(x, tf.data.Dataset)`. The runtime does not implement `tf.data` (using it
    raises NotImplementedError), so nothing it runs is a dataset; the analyzer, which models
    datasets, answers for the ones it knows."""
    return False


def queue_batch(columns, batch_size, many):
    """A batch of the rows of `columns` (NumPy arrays of one length) dequeued from a queue:
    `dequeue_many(batch_size)` when `many`, else `dequeue_up_to`, a tensor per column. The
    runtime does not implement queues; the analyzer gives each column's batch its static shape
    and dtype."""
    raise NotImplementedError(
        "Scope Lens's tensorflow module does not implement the queue of "
        "tf.estimator.inputs.numpy_input_fn (TensorFlow 1.15 API).")
