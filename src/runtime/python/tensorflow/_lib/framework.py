"""`tf.contrib.framework` (= slim's) `arg_scope`, `add_arg_scope`, `variable`, `model_variable`
(TF 1.15 `contrib/framework/python/ops/{arg_scope,variables}.py`).

`arg_scope` is a class with `__enter__`/`__exit__` (no generators); its stack of
`{function key: {argument: default}}` dicts is kept per graph in a private collection.
"""
import tensorflow as tf

ARG_STACK_KEY = "__scope_lens_arg_stack"


class _ArgStack(object):
    def __init__(self):
        self.scopes = [{}]


def _arg_stack():
    found = tf.get_collection(ARG_STACK_KEY)
    if found:
        return found[0]
    stack = _ArgStack()
    tf.add_to_collection(ARG_STACK_KEY, stack)
    return stack


def current_arg_scope():
    scopes = _arg_stack().scopes
    return scopes[len(scopes) - 1]


def arg_scope_func_key(op):
    """The key `arg_scope` files an op's defaults under: the undecorated function."""
    if isinstance(op, ArgScopedFunction):
        return op._key_op
    return op


def has_arg_scope(func):
    return isinstance(func, ArgScopedFunction)


class ArgScopedFunction(object):
    """What `add_arg_scope(func)` returns: calls `func` with the current `arg_scope` defaults
    for it, overridden by the caller's keyword arguments. Keeps `func.__name__`."""

    def __init__(self, func):
        self._func = func
        self._key_op = func
        self.__name__ = func.__name__

    def __call__(self, *args, **kwargs):
        scope = current_arg_scope()
        current_args = kwargs
        if self._key_op in scope:
            current_args = scope[self._key_op].copy()
            current_args.update(kwargs)
        return self._func(*args, **current_args)


def add_arg_scope(func):
    return ArgScopedFunction(func)


class arg_scope(object):  # noqa: N801 - TF's name
    """`with arg_scope([ops], **defaults) as sc:` or `with arg_scope(sc):` to re-enter."""

    def __init__(self, list_ops_or_scope, **kwargs):
        self._list_ops_or_scope = list_ops_or_scope
        self._kwargs = kwargs

    def __enter__(self):
        ops = self._list_ops_or_scope
        kwargs = self._kwargs
        if isinstance(ops, dict):
            if kwargs:
                raise ValueError("When attempting to re-use a scope by suppling adictionary, "
                                 "kwargs must be empty.")
            current = ops.copy()
        else:
            if not isinstance(ops, (list, tuple)):
                raise TypeError("list_ops_or_scope must either be a list/tuple or reused "
                                "scope (i.e. dict)")
            current = current_arg_scope().copy()
            for op in ops:
                if not has_arg_scope(op):
                    raise ValueError("%s is not decorated with @add_arg_scope",
                                     (op.__module__, op.__name__))
                key = arg_scope_func_key(op)
                if key in current:
                    merged = current[key].copy()
                    merged.update(kwargs)
                    current[key] = merged
                else:
                    current[key] = kwargs.copy()
        _arg_stack().scopes.append(current)
        return current

    def __exit__(self, exc_type, exc_value, traceback):
        _arg_stack().scopes.pop()
        return False


@add_arg_scope
def variable(name, shape=None, dtype=None, initializer=None, regularizer=None, trainable=True,
              collections=None, caching_device=None, device=None, partitioner=None,
              custom_getter=None, use_resource=None, synchronization=None, aggregation=None):
    """slim's `variable`: `get_variable` in the current scope with the given collections
    (default GLOBAL_VARIABLES), through `custom_getter` if given."""
    if collections is None:
        collections = [tf.GraphKeys.GLOBAL_VARIABLES]
    unique = []
    for c in collections:
        if c not in unique:
            unique.append(c)
    if custom_getter is not None:
        return custom_getter(name, shape=shape, dtype=dtype,
                             initializer=initializer, regularizer=regularizer,
                             trainable=trainable, collections=unique,
                             caching_device=caching_device, partitioner=partitioner,
                             use_resource=use_resource,
                             reuse=tf.get_variable_scope().reuse)
    return tf.get_variable(name, shape=shape, dtype=dtype, initializer=initializer,
                           regularizer=regularizer, trainable=trainable, collections=unique,
                           caching_device=caching_device, partitioner=partitioner,
                           use_resource=use_resource)


@add_arg_scope
def model_variable(name, shape=None, dtype=tf.float32, initializer=None, regularizer=None,
                    trainable=True, collections=None, caching_device=None, device=None,
                    partitioner=None, custom_getter=None, use_resource=None,
                    synchronization=None, aggregation=None):
    """slim's `model_variable`: a `variable` also in MODEL_VARIABLES."""
    all_collections = []
    if collections:
        all_collections = list(collections)
    all_collections = all_collections + [tf.GraphKeys.GLOBAL_VARIABLES,
                                         tf.GraphKeys.MODEL_VARIABLES]
    return variable(name, shape=shape, dtype=dtype, initializer=initializer,
                     regularizer=regularizer, trainable=trainable, collections=all_collections,
                     caching_device=caching_device, device=device, partitioner=partitioner,
                     custom_getter=custom_getter, use_resource=use_resource)


def get_model_variables(scope=None, suffix=None):
    return get_variables(scope, suffix, tf.GraphKeys.MODEL_VARIABLES)


def get_variables(scope=None, suffix=None, collection=tf.GraphKeys.GLOBAL_VARIABLES):
    if isinstance(scope, tf.VariableScope):
        scope = scope.name
    found = tf.get_collection(collection, scope)
    if suffix is None:
        return found
    result = []
    for v in found:
        if v.op.name.endswith(suffix):
            result.append(v)
    return result
