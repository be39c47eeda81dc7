"""`tf.contrib.layers` regularizers, built from graph ops so their losses carry TF's names
(`<var>/Regularizer/l2_regularizer:0`). Argument checks and messages follow TF 1.15."""
import numbers

from . import _ops
from ._framework import get_default_graph


def _check_scale(scale, what="scale"):
    if isinstance(scale, numbers.Integral):
        raise ValueError("%s cannot be an integer: %s" % (what, scale))
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g" % scale)
        return scale == 0.0
    return False


def l1_regularizer(scale, scope=None):
    if _check_scale(scale):
        return lambda _: None

    def l1(weights, name=None):
        with get_default_graph().name_scope(scope or "l1_regularizer") as name:
            w = _ops.convert_to_tensor(weights)
            my_scale = _ops.constant(scale, dtype=w.dtype.base_dtype, name="scale")
            return _ops.multiply(my_scale, _ops.reduce_sum(_ops.abs(w)), name=name)

    return l1


def l2_regularizer(scale, scope=None):
    if isinstance(scale, numbers.Integral):
        raise ValueError("scale cannot be an integer: %s" % (scale,))
    if isinstance(scale, numbers.Real):
        if scale < 0.0:
            raise ValueError("Setting a scale less than 0 on a regularizer: %g." % scale)
        if scale == 0.0:
            return lambda _: None

    def l2(weights):
        with get_default_graph().name_scope(scope or "l2_regularizer") as name:
            w = _ops.convert_to_tensor(weights)
            my_scale = _ops.constant(scale, dtype=w.dtype.base_dtype, name="scale")
            return _ops.multiply(my_scale, _ops.l2_loss(w), name=name)

    return l2


def sum_regularizer(regularizer_list, scope=None):
    regularizer_list = [reg for reg in regularizer_list if reg is not None]
    if not regularizer_list:
        return None

    def sum_reg(weights):
        with get_default_graph().name_scope(scope or "sum_regularizer") as name:
            tensors = [t for t in (reg(weights) for reg in regularizer_list) if t is not None]
            if not tensors:
                return None
            total = tensors[0]
            for t in tensors[1:]:
                total = _ops.add(total, t)
            return _ops.identity(total, name=name)

    return sum_reg


def l1_l2_regularizer(scale_l1=1.0, scale_l2=1.0, scope=None):
    if isinstance(scale_l1, numbers.Integral):
        raise ValueError("scale_l1 cannot be an integer: %s" % (scale_l1,))
    if isinstance(scale_l2, numbers.Integral):
        raise ValueError("scale_l2 cannot be an integer: %s" % (scale_l2,))
    scope = scope or "l1_l2_regularizer"
    if scale_l1 == 0.0:
        return l2_regularizer(scale_l2, scope)
    if scale_l2 == 0.0:
        return l1_regularizer(scale_l1, scope)
    return sum_regularizer([l1_regularizer(scale_l1), l2_regularizer(scale_l2)], scope=scope)


def apply_regularization(regularizer, weights_list=None):
    from ._framework import get_collection

    weights_list = weights_list or get_collection("weights")
    penalties = [regularizer(w) for w in weights_list]
    penalties = [p for p in penalties if p is not None]
    total = penalties[0]
    for p in penalties[1:]:
        total = _ops.add(total, p)
    return total
