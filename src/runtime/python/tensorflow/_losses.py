"""`tf.losses` (TF 1.15 losses_impl.py): each loss under its scope, reduced with the default
`SUM_BY_NONZERO_WEIGHTS` to `<scope>/value`, and added to the `LOSSES` collection; the total and
regularization losses as TF sums them.
"""
from . import _engine
from . import _more_ops
from . import dtypes as _dtypes
from ._framework import GraphKeys, add_to_collection, get_collection
from ._ops import _graph, convert_to_tensor, make_op

T = _engine.tfjs


def _weighted(scope, default, inputs, per_element, weights, loss_collection):
    """`compute_weighted_loss`: sum(loss * w) / count of non-zero weights, as `<scope>/value`."""
    g = _graph()
    # TF converts the inputs and the weights inside the loss's name scope: a Python `weights`
    # (the default 1.0) is a Const under the scope, never a top-level `Const` (which would shift
    # the program's own `Const` counter).
    with g.name_scope(scope or default):
        xs = [convert_to_tensor(x, dtype=_dtypes.float32) for x in inputs]
        w = convert_to_tensor(weights, dtype=_dtypes.float32)

        def compute(ins, s):
            loss = per_element(*ins[:-1])
            weights_b = T.mul(T.onesLike(loss), ins[-1])
            total = T.sum(T.mul(loss, weights_b))
            count = T.sum(T.cast(T.notEqual(weights_b, 0), "float32"))
            return T.where(T.greater(count, 0), T.div(total, T.maximum(count, 1)), T.zerosLike(total))

        out = make_op("DivNoNan", "value", "value", xs + [w], compute, _dtypes.float32, [])
    if loss_collection:
        add_to_collection(loss_collection, out)
    return out


def mean_squared_error(labels, predictions, weights=1.0, scope=None,
                       loss_collection=GraphKeys.LOSSES, reduction=None):
    return _weighted(scope, "mean_squared_error", [predictions, labels],
                     lambda p, l: T.squaredDifference(p, l), weights, loss_collection)


def absolute_difference(labels, predictions, weights=1.0, scope=None,
                        loss_collection=GraphKeys.LOSSES, reduction=None):
    return _weighted(scope, "absolute_difference", [predictions, labels],
                     lambda p, l: T.abs(T.sub(p, l)), weights, loss_collection)


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None,
               loss_collection=GraphKeys.LOSSES, reduction=None):
    def per(p, l):
        err = T.abs(T.sub(p, l))
        quad = T.minimum(err, delta)
        return T.add(T.mul(T.square(quad), 0.5), T.mul(T.sub(err, quad), delta))

    return _weighted(scope, "huber_loss", [predictions, labels], per, weights, loss_collection)


def log_loss(labels, predictions, weights=1.0, epsilon=1e-7, scope=None,
             loss_collection=GraphKeys.LOSSES, reduction=None):
    def per(p, l):
        return T.sub(T.neg(T.mul(l, T.log(T.add(p, epsilon)))),
                     T.mul(T.sub(1, l), T.log(T.add(T.sub(1, p), epsilon))))

    return _weighted(scope, "log_loss", [predictions, labels], per, weights, loss_collection)


def _sigmoid_xent(x, z):
    return T.add(T.sub(T.relu(x), T.mul(x, z)), T.log1p(T.exp(T.neg(T.abs(x)))))


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0,
                          scope=None, loss_collection=GraphKeys.LOSSES, reduction=None):
    s = float(label_smoothing)

    def per(x, z):
        if s > 0:
            z = T.add(T.mul(z, 1 - s), 0.5 * s)
        return _sigmoid_xent(x, z)

    return _weighted(scope, "sigmoid_cross_entropy_loss", [logits, multi_class_labels], per,
                     weights, loss_collection)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES, reduction=None):
    s = float(label_smoothing)

    def per(x, y):
        if s > 0:
            n = int(y.shape[-1])
            y = T.add(T.mul(y, 1 - s), s / n)
        return T.neg(T.sum(T.mul(y, T.logSoftmax(x)), -1))

    return _weighted(scope, "softmax_cross_entropy_loss", [logits, onehot_labels], per, weights,
                     loss_collection)


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection=GraphKeys.LOSSES, reduction=None):
    def per(x, y):
        depth = int(x.shape[-1])
        return T.neg(T.sum(T.mul(T.oneHot(T.cast(y, "int32"), depth), T.logSoftmax(x)), -1))

    g = _graph()
    with g.name_scope(scope or "sparse_softmax_cross_entropy_loss"):
        x = convert_to_tensor(logits)
        y = convert_to_tensor(labels)
        w = convert_to_tensor(weights, dtype=_dtypes.float32)

        def compute(ins, s):
            loss = per(ins[0], ins[1])
            wb = T.mul(T.onesLike(loss), ins[2])
            count = T.sum(T.cast(T.notEqual(wb, 0), "float32"))
            return T.div(T.sum(T.mul(loss, wb)), T.maximum(count, 1))

        out = make_op("DivNoNan", "value", "value", [x, y, w], compute, _dtypes.float32, [])
    if loss_collection:
        add_to_collection(loss_collection, out)
    return out


def get_losses(scope=None, loss_collection=GraphKeys.LOSSES):
    return get_collection(loss_collection, scope)


def get_regularization_losses(scope=None):
    return get_collection(GraphKeys.REGULARIZATION_LOSSES, scope)


def get_regularization_loss(scope=None, name="total_regularization_loss"):
    from ._ops import add_n_or_constant

    return add_n_or_constant(get_regularization_losses(scope), name)


def get_total_loss(add_regularization_losses=True, name="total_loss", scope=None):
    losses = get_losses(scope)
    if add_regularization_losses:
        losses = losses + get_regularization_losses(scope)
    return _more_ops.add_n(losses, name=name)
