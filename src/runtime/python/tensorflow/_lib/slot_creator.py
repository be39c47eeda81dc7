"""Slots: the per-variable state of optimizers and moving averages (TF 1.15 `slot_creator.py`).

A slot of `primary` is made in `variable_scope(None, default_name=<primary op name>/<name>)`
inside whatever variable scope is current (name scopes play no part), as `get_variable('')`:
the scope's own name is the variable's (`w/Adam`, then `w/Adam_1` for the next slot of the
same name). Slots are not trainable, have the primary's shape, dtype and kind (resource or
reference variable, or a reference variable for a tensor), and are never
partitioned (the scope's partitioner is set aside while the slot is made).
"""
import tensorflow as tf


def is_resource(value):
    """True for a resource variable (its op a `VarHandleOp`), False for a reference variable
    (`VariableV2`), None for a tensor: a slot is a variable of the same kind as its primary. (The
    op's type, not the dtype's `_ref`: a variable whose dtype the analyzer does not know is
    still known to be of one kind.)"""
    if not isinstance(value, tf.Variable):
        return None
    return value.op.type == 'VarHandleOp'


def _make(primary, initial, shape, dtype, name):
    use_resource = is_resource(primary)
    with tf.variable_scope(None, default_name=primary.op.name + '/' + name):
        scope = tf.get_variable_scope()
        partitioner = scope.partitioner
        scope.set_partitioner(None)
        if callable(initial):
            slot = tf.get_variable('', shape=shape, dtype=dtype, initializer=initial,
                                   trainable=False, use_resource=use_resource)
        else:
            slot = tf.get_variable('', initializer=initial, trainable=False,
                                   use_resource=use_resource,
                                   validate_shape=initial.get_shape().is_fully_defined())
        scope.set_partitioner(partitioner)
    return slot


def create_slot(primary, val, name, colocate_with_primary=True):
    """A slot initialized from the tensor `val` (its shape and dtype are the slot's)."""
    return _make(primary, val, None, None, name)


def create_slot_with_initializer(primary, initializer, shape, dtype, name,
                                 colocate_with_primary=True):
    """A slot of `shape` and `dtype` initialized by `initializer`."""
    return _make(primary, initializer, shape, dtype, name)


def create_zeros_slot(primary, name, dtype=None, colocate_with_primary=True):
    """A slot of zeros shaped like `primary` (a variable or a tensor of fully known shape)."""
    if dtype is None:
        dtype = primary.dtype.base_dtype
    shape = primary.get_shape()
    # A variable's shape is always fully defined (what the analyzer cannot compute is still a
    # number); a tensor's may not be.
    if not isinstance(primary, tf.Variable) and not shape.is_fully_defined():
        raise NotImplementedError(
            'Scope Lens makes slots only for a primary of fully known shape; %s has shape %s.'
            % (primary.name, shape))
    return _make(primary, tf.zeros_initializer(dtype=dtype), shape, dtype, name)
