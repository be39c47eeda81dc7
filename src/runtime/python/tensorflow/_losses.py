"""`tf.losses` (TF 1.15 losses_impl.py): each loss under its scope, its per-element losses built
from the runtime's ops as TF builds them, then `compute_weighted_loss`'s subgraph
(`assert_broadcastable`, `Mul`, `Sum`, `num_present`, `Sum_1`, and the `DivNoNan` named `value`
for the default `SUM_BY_NONZERO_WEIGHTS`), added to the `LOSSES` collection; the total and
regularization losses as TF sums them.
"""
from . import _engine
from . import _more_ops
from . import _ops
from . import dtypes as _dtypes
from ._framework import GraphKeys, Tensor, add_to_collection, get_collection
from ._ops import _graph, convert_to_tensor, make_op

T = _engine.tfjs


class Reduction(object):
    """losses_impl.py `Reduction`: the ways a loss is reduced."""

    NONE = "none"
    SUM = "weighted_sum"
    MEAN = "weighted_mean"
    SUM_OVER_BATCH_SIZE = "weighted_sum_over_batch_size"
    SUM_BY_NONZERO_WEIGHTS = "weighted_sum_by_nonzero_weights"
    SUM_OVER_NONZERO_WEIGHTS = SUM_BY_NONZERO_WEIGHTS

    @classmethod
    def all(cls):
        return (cls.NONE, cls.SUM, cls.MEAN, cls.SUM_OVER_BATCH_SIZE,
                cls.SUM_OVER_NONZERO_WEIGHTS, cls.SUM_BY_NONZERO_WEIGHTS)

    @classmethod
    def validate(cls, key):
        if key not in cls.all():
            raise ValueError("Invalid ReductionKey %s." % key)


_ASSERT_BROADCASTABLE_ERROR_PREFIX = "weights can not be broadcast to values."


def _mg():
    from . import _math_grad

    return _math_grad


def _cast(x, dtype, name=None):
    """math_ops.cast: a tensor of the dtype is returned as it is; anything else is converted
    inside the `Cast` scope (`Cast/x`) and cast by the op named by the scope."""
    dtype = _dtypes.as_dtype(dtype).base_dtype
    if isinstance(x, Tensor) and x.dtype.base_dtype == dtype:
        return x
    with _graph().name_scope(name or "Cast") as scope:
        x = convert_to_tensor(x, name="x")
        if x.dtype.base_dtype != dtype:
            x = _ops.cast(x, dtype, name=scope)
    return x


def zeros_like(x, name=None):
    return _ops.zeros_like_impl(x, name=name)


def ones_like(x, name=None):
    return _ops.ones_like_impl(x, name=name)


def _static_value(t):
    const = getattr(t.op, "_const_value", None)
    if const is None:
        return None
    return [int(v) for v in const.dataSync()] if len(t.shape) else int(const.dataSync()[0])


def assert_broadcastable(weights, values):
    """weights_broadcast_ops.assert_broadcastable: the weights' and values' shapes and ranks,
    and a NoOp when their static shapes can be checked (`static_scalar_check_success`,
    `static_dims_check_success`). Shapes known only when the graph runs get TF's dynamic
    checks: the `is_valid_shape` cond (over `has_valid_nonscalar_shape`'s cond and
    `has_invalid_dims`' set difference) and an `Assert` guarded by its cond."""
    mg = _mg()
    g = _graph()
    with g.name_scope("assert_broadcastable") as scope:
        with g.name_scope("weights") as weights_scope:
            weights = convert_to_tensor(weights, name=weights_scope)
            weights_shape = mg.shape(weights, name="shape")
            weights_rank = mg.rank(weights, name="rank")
        with g.name_scope("values") as values_scope:
            values = convert_to_tensor(values, name=values_scope)
            values_shape = mg.shape(values, name="shape")
            values_rank = mg.rank(values, name="rank")
        w_rank, v_rank = _static_value(weights_rank), _static_value(values_rank)
        if w_rank is not None and v_rank is not None:
            from ._session import no_op

            if w_rank == 0:
                return no_op(name="static_scalar_check_success")
            if w_rank != v_rank:
                raise ValueError("%s values.rank=%s. weights.rank=%s. values.shape=%s. "
                                 "weights.shape=%s." % (_ASSERT_BROADCASTABLE_ERROR_PREFIX,
                                                        v_rank, w_rank, values.shape,
                                                        weights.shape))
            w_dims, v_dims = _static_value(weights_shape), _static_value(values_shape)
            if w_dims is not None and v_dims is not None:
                for i, (w, v) in enumerate(zip(w_dims, v_dims)):
                    if w not in (1, v):
                        raise ValueError(
                            "%s Mismatch at dim %s. values.shape=%s weights.shape=%s."
                            % (_ASSERT_BROADCASTABLE_ERROR_PREFIX, i, v_dims, w_dims))
                return no_op(name="static_dims_check_success")

        # Dynamic checks: a cond on the weights being a scalar, else on equal ranks, else on
        # the set difference of the weights' dimensions and the values' (each or 1) being
        # empty; an Assert (guarded by its cond) naming both shapes.
        from ._check_ops import Assert
        from ._control_flow import cond

        is_scalar = _ops.equal(0, weights_rank, name="is_scalar")
        data = (_ASSERT_BROADCASTABLE_ERROR_PREFIX, "weights.shape=", weights.name,
                weights_shape, "values.shape=", values.name, values_shape, "is_scalar=",
                is_scalar)
        is_valid_shape = cond(
            is_scalar, lambda: is_scalar,
            lambda: _has_valid_nonscalar_shape(weights_rank, weights_shape, values_rank,
                                               values_shape),
            name="is_valid_shape")
        return Assert(is_valid_shape, data, name=scope)


def _has_valid_nonscalar_shape(weights_rank, weights_shape, values_rank, values_shape):
    """weights_broadcast_ops._has_valid_nonscalar_shape: a cond named by its scope."""
    from ._control_flow import cond

    with _graph().name_scope("has_valid_nonscalar_shape") as scope:
        is_same_rank = _ops.equal(values_rank, weights_rank, name="is_same_rank")
        return cond(is_same_rank, lambda: _has_valid_dims(weights_shape, values_shape),
                    lambda: is_same_rank, name=scope)


def _has_valid_dims(weights_shape, values_shape):
    """weights_broadcast_ops._has_valid_dims: each weights dimension must be in the set
    {values dimension, 1}: `sets.set_difference` (DenseToDenseSetOperation "a-b") of the two
    as [rank, 1] and [rank, 2] matrices has no value."""
    with _graph().name_scope("has_invalid_dims") as scope:
        values_shape_2d = _more_ops.expand_dims(values_shape, -1)
        valid_dims = _ops.concat((values_shape_2d, ones_like(values_shape_2d)), axis=1)
        weights_shape_2d = _more_ops.expand_dims(weights_shape, -1)
        invalid_values = _set_difference_values(weights_shape_2d, valid_dims)
        num_invalid_dims = _more_ops.size(invalid_values, name="num_invalid_dims")
        return _ops.equal(0, num_invalid_dims, name=scope)


def _set_difference_values(a, b):
    """sets.set_difference(a, b).values: op DenseToDenseSetOperation (set_operation "a-b"); its
    outputs are a SparseTensor's indices, values and dense shape, of which the values are
    used."""
    from ._framework import Operation
    from .tensor_shape import TensorShape

    def compute(ins, s):
        rows_a = [[int(v) for v in r] for r in ins[0].arraySync()]
        rows_b = [[int(v) for v in r] for r in ins[1].arraySync()]
        indices, values, width = [], [], 0
        for i, (ra, rb) in enumerate(zip(rows_a, rows_b)):
            diff = sorted(set(int(v) for v in ra) - set(int(v) for v in rb))
            width = max(width, len(diff))
            for j, v in enumerate(diff):
                indices.extend([i, j])
                values.append(v)
        n = len(values)
        return [T.tensor(_engine.tojs(indices), _engine.tojs([n, 2]), "int32"),
                T.tensor(_engine.tojs(values), _engine.tojs([n]), "int32"),
                T.tensor(_engine.tojs([len(rows_a), width]), _engine.tojs([2]), "int32")]

    g = _graph()
    op = Operation(g, _ops._op_name(None, "DenseToDenseSetOperation"),
                   "DenseToDenseSetOperation", [a, b], compute, control_inputs=g.control_inputs_for([a, b]))
    Tensor(op, 0, _dtypes.int64, TensorShape([None, 2]))
    values = Tensor(op, 1, a.dtype.base_dtype, TensorShape([None]))
    Tensor(op, 2, _dtypes.int64, TensorShape([2]))
    op._attrs = {"set_operation": "a-b", "validate_indices": True}
    return values


def broadcast_weights(weights, values):
    """weights_broadcast_ops.broadcast_weights: the weights as they are when both shapes are
    fully defined and compatible, else `weights * ones_like(values)` named by the scope."""
    g = _graph()
    with g.name_scope("broadcast_weights") as scope:
        values = convert_to_tensor(values, name="values")
        weights = convert_to_tensor(weights, dtype=values.dtype.base_dtype, name="weights")
        if (weights.shape.is_fully_defined() and values.shape.is_fully_defined()
                and weights.shape.is_compatible_with(values.shape)):
            return weights
        with g.control_dependencies([assert_broadcastable(weights, values)]):
            return _ops.multiply(weights, ones_like(values), name=scope)


def _div_no_nan(x, y, name):
    def compute(ins, s):
        safe = T.where(T.equal(ins[1], 0), T.onesLike(ins[1]), ins[1])
        return T.where(T.equal(ins[1], 0), T.zerosLike(ins[0]), T.div(ins[0], safe))

    return make_op("DivNoNan", name, "div_no_nan", [x, y], compute, x.dtype.base_dtype,
                   _ops.broadcast_shape(x.shape, y.shape, name or "div_no_nan", "DivNoNan"))


def _safe_mean(losses, num_present):
    return _div_no_nan(_ops.reduce_sum(losses), num_present, "value")


def _num_present(losses, weights):
    g = _graph()
    with g.name_scope("num_present") as scope:
        weights = _cast(weights, _dtypes.float32)
        present = _ops.where(_ops.equal(weights, 0.0), zeros_like(weights), ones_like(weights))
        present = broadcast_weights(present, losses)
        return _ops.reduce_sum(present, name=scope)


def _num_elements(losses):
    g = _graph()
    with g.name_scope("num_elements") as scope:
        if losses.shape.is_fully_defined():
            size = _ops.constant(losses.shape.num_elements(), dtype=_dtypes.int32, name=scope)
        else:
            size = _more_ops.size(losses, name=scope)
        return _cast(size, losses.dtype)


def compute_weighted_loss(losses, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    """losses_impl.compute_weighted_loss: `losses * weights`, reduced as `reduction` says."""
    Reduction.validate(reduction)
    g = _graph()
    with g.name_scope(scope or "weighted_loss"):
        with g.control_dependencies([assert_broadcastable(weights, losses)]):
            losses = convert_to_tensor(losses)
            input_dtype = losses.dtype.base_dtype
            losses = _cast(losses, _dtypes.float32)
            weights = _cast(weights, _dtypes.float32)
            weighted_losses = _ops.multiply(losses, weights)
            if reduction == Reduction.NONE:
                loss = weighted_losses
            else:
                loss = _ops.reduce_sum(weighted_losses)
                if reduction == Reduction.MEAN:
                    loss = _safe_mean(loss, _ops.reduce_sum(
                        _ops.multiply(ones_like(losses), weights, name="mul")))
                elif reduction == Reduction.SUM_BY_NONZERO_WEIGHTS:
                    loss = _safe_mean(loss, _num_present(losses, weights))
                elif reduction == Reduction.SUM_OVER_BATCH_SIZE:
                    loss = _safe_mean(loss, _num_elements(losses))
            loss = _cast(loss, input_dtype)
            if loss_collection:
                add_to_collection(loss_collection, loss)
            return loss


def _check_none(**args):
    for k, v in args.items():
        if v is None:
            raise ValueError("%s must not be None." % k)


def _float_pair(predictions, labels):
    predictions = _cast(predictions, _dtypes.float32)
    labels = _cast(labels, _dtypes.float32)
    predictions.shape.assert_is_compatible_with(labels.shape)
    return predictions, labels


def mean_squared_error(labels, predictions, weights=1.0, scope=None,
                       loss_collection=GraphKeys.LOSSES,
                       reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(labels=labels, predictions=predictions)
    with _graph().name_scope(scope or "mean_squared_error") as scope:
        predictions, labels = _float_pair(predictions, labels)
        losses = _ops.squared_difference(predictions, labels)
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def absolute_difference(labels, predictions, weights=1.0, scope=None,
                        loss_collection=GraphKeys.LOSSES,
                        reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(labels=labels, predictions=predictions)
    with _graph().name_scope(scope or "absolute_difference") as scope:
        predictions, labels = _float_pair(predictions, labels)
        losses = _ops.abs(_ops.subtract(predictions, labels))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def cosine_distance(labels, predictions, axis=None, weights=1.0, scope=None,
                    loss_collection=GraphKeys.LOSSES,
                    reduction=Reduction.SUM_BY_NONZERO_WEIGHTS, dim=None):
    if dim is not None:
        if axis is not None:
            raise ValueError("Cannot specify both 'axis' and 'dim'")
        axis = dim
    if axis is None:
        raise ValueError("You must specify 'axis'.")
    _check_none(labels=labels, predictions=predictions)
    with _graph().name_scope(scope or "cosine_distance_loss") as scope:
        predictions, labels = _float_pair(predictions, labels)
        radial_diffs = _ops.multiply(predictions, labels)
        losses = _ops.subtract(1, _ops.reduce_sum(radial_diffs, axis=(axis,), keepdims=True),
                               name="sub")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def hinge_loss(labels, logits, weights=1.0, scope=None, loss_collection=GraphKeys.LOSSES,
               reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(labels=labels, logits=logits)
    with _graph().name_scope(scope or "hinge_loss") as scope:
        logits, labels = _float_pair(logits, labels)
        all_ones = ones_like(labels)
        labels = _ops.subtract(_ops.multiply(2, labels, name="mul"), all_ones)
        losses = _ops.relu(_ops.subtract(all_ones, _ops.multiply(labels, logits)))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def huber_loss(labels, predictions, weights=1.0, delta=1.0, scope=None,
               loss_collection=GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(labels=labels, predictions=predictions)
    with _graph().name_scope(scope or "huber_loss") as scope:
        predictions, labels = _float_pair(predictions, labels)
        error = _ops.subtract(predictions, labels)
        abs_error = _ops.abs(error)
        quadratic = _ops.minimum(abs_error, delta)
        linear = _ops.subtract(abs_error, quadratic)
        half = convert_to_tensor(0.5, dtype=quadratic.dtype)
        losses = _ops.add(_ops.multiply(half, _ops.multiply(quadratic, quadratic)),
                          _ops.multiply(delta, linear))
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def log_loss(labels, predictions, weights=1.0, epsilon=1e-7, scope=None,
             loss_collection=GraphKeys.LOSSES, reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(labels=labels, predictions=predictions)
    with _graph().name_scope(scope or "log_loss") as scope:
        predictions, labels = _float_pair(predictions, labels)
        first = _ops.negative(_ops.multiply(
            labels, _ops.log(_ops.add_v2(predictions, epsilon, name="add"))), name="Neg")
        second = _ops.multiply(
            _ops.subtract(1, labels, name="sub"),
            _ops.log(_ops.add_v2(_ops.subtract(1, predictions, name="sub"), epsilon,
                                 name="add")))
        losses = _ops.subtract(first, second, name="sub")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def sigmoid_cross_entropy(multi_class_labels, logits, weights=1.0, label_smoothing=0,
                          scope=None, loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(multi_class_labels=multi_class_labels, logits=logits)
    with _graph().name_scope(scope or "sigmoid_cross_entropy_loss") as scope:
        logits = convert_to_tensor(logits)
        labels = _cast(multi_class_labels, logits.dtype)
        logits.shape.assert_is_compatible_with(labels.shape)
        if label_smoothing > 0:
            labels = _ops.add_v2(
                _ops.multiply(labels, 1 - label_smoothing, name="mul"),
                0.5 * label_smoothing, name="add")
        losses = _more_ops.sigmoid_cross_entropy_with_logits(labels=labels, logits=logits,
                                                             name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def softmax_cross_entropy(onehot_labels, logits, weights=1.0, label_smoothing=0, scope=None,
                          loss_collection=GraphKeys.LOSSES,
                          reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    from ._gradients import stop_gradient

    _check_none(onehot_labels=onehot_labels, logits=logits)
    with _graph().name_scope(scope or "softmax_cross_entropy_loss") as scope:
        logits = convert_to_tensor(logits)
        labels = _cast(onehot_labels, logits.dtype)
        logits.shape.assert_is_compatible_with(labels.shape)
        if label_smoothing > 0:
            num_classes = _cast(_ops.slice_helper(_mg().shape(labels), -1), logits.dtype)
            smooth_positives = 1.0 - label_smoothing
            smooth_negatives = _ops.divide(label_smoothing, num_classes)
            labels = _ops.add_v2(_ops.multiply(labels, smooth_positives, name="mul"),
                                 smooth_negatives, name="add")
        labels = stop_gradient(labels, name="labels_stop_gradient")
        losses = _more_ops.softmax_cross_entropy_with_logits_v2(labels=labels, logits=logits,
                                                                name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


def _remove_squeezable_dimensions(labels, predictions, weights):
    """losses_impl._remove_squeezable_dimensions with expected_rank_diff=1 (static ranks)."""
    with _graph().name_scope("remove_squeezable_dimensions"):
        labels = convert_to_tensor(labels)
        predictions = convert_to_tensor(predictions)
        p_rank, l_rank = predictions.shape.ndims, labels.shape.ndims
        if p_rank is not None and l_rank is not None:
            if p_rank - l_rank == 2:
                labels = _more_ops.squeeze(labels, [-1])
            elif p_rank - l_rank == 0:
                predictions = _more_ops.squeeze(predictions, [-1])
    weights = convert_to_tensor(weights)
    if labels.shape.ndims is not None and weights.shape.ndims is not None:
        if weights.shape.ndims - labels.shape.ndims == 1:
            weights = _more_ops.squeeze(weights, [-1])
    return labels, predictions, weights


def sparse_softmax_cross_entropy(labels, logits, weights=1.0, scope=None,
                                 loss_collection=GraphKeys.LOSSES,
                                 reduction=Reduction.SUM_BY_NONZERO_WEIGHTS):
    _check_none(labels=labels, logits=logits)
    with _graph().name_scope(scope or "sparse_softmax_cross_entropy_loss") as scope:
        labels, logits, weights = _remove_squeezable_dimensions(labels, logits, weights)
        losses = _more_ops.sparse_softmax_cross_entropy_with_logits(labels=labels,
                                                                    logits=logits,
                                                                    name="xentropy")
        return compute_weighted_loss(losses, weights, scope, loss_collection, reduction)


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


def div_no_nan(x, y, name=None):
    """`tf.div_no_nan` (math_ops.py 1.15): x and y converted under `div_no_nan`, the op named
    by the scope; 0 where y is 0."""
    with _graph().name_scope(name or "div_no_nan") as scope:
        x = convert_to_tensor(x, name="x")
        y = convert_to_tensor(y, name="y", dtype=x.dtype.base_dtype)
        return _div_no_nan(x, y, scope)
