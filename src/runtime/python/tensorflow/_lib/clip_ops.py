"""Gradient clipping (TF 1.15 `ops/clip_ops.py`): `clip_by_value`, `clip_by_norm`,
`global_norm`, `clip_by_global_norm`.

Each works under its own name scope (`clip_by_value`, `clip_by_norm`, `global_norm`,
`clip_by_global_norm`, or `name`), and the tensor it returns is the op named by that scope
(`clip_by_norm:0`); `clip_by_global_norm` names the clipped tensors `<scope>_<i>` and keeps
`None` entries of the list as `None`. The values are TF's: `clip_by_norm` scales `t` by
`clip_norm / max(l2norm(t), clip_norm)`; `global_norm` is `sqrt(sum of 2 * l2_loss(t))` over the
tensors that are not None; `clip_by_global_norm` scales every tensor by
`clip_norm * min(1 / global_norm, 1 / clip_norm)`. An IndexedSlices (a gather's gradient)
counts by its values, and comes back as an IndexedSlices of the clipped values.
"""
import tensorflow as tf


def _is_slices(t):
    # A tensor is asked about first: the analyzer, which interprets this file, knows tensors.
    return not isinstance(t, tf.Tensor) and isinstance(t, tf.IndexedSlices)


def _values(t):
    return t.values if _is_slices(t) else t


def _like(clipped, t):
    if _is_slices(t):
        return tf.IndexedSlices(clipped, t.indices, t.dense_shape)
    return clipped


def _sequence(t_list):
    if isinstance(t_list, str) or not isinstance(t_list, (list, tuple)):
        raise TypeError('t_list should be a sequence')
    return list(t_list)


def clip_by_value(t, clip_value_min, clip_value_max, name=None):
    with tf.name_scope(name, 'clip_by_value', [t, clip_value_min, clip_value_max]) as scope:
        values = tf.convert_to_tensor(t, name='t')
        lowered = tf.minimum(values, clip_value_max)
        values.get_shape().merge_with(lowered.get_shape())
        clipped = tf.maximum(lowered, clip_value_min, name=scope)
        values.get_shape().merge_with(clipped.get_shape())
    return clipped


def clip_by_norm(t, clip_norm, axes=None, name=None):
    with tf.name_scope(name, 'clip_by_norm', [t, clip_norm]) as scope:
        values = tf.convert_to_tensor(_values(t), name='t')
        norm = tf.sqrt(tf.reduce_sum(values * values, axes, keepdims=True))
        scaled = values * clip_norm
        values.get_shape().merge_with(scaled.get_shape())
        clipped = tf.identity(scaled / tf.maximum(norm, clip_norm), name=scope)
    return _like(clipped, t)


def global_norm(t_list, name=None):
    t_list = _sequence(t_list)
    with tf.name_scope(name, 'global_norm', t_list) as scope:
        halves = []
        for i, t in enumerate(t_list):
            if t is not None:
                halves.append(tf.nn.l2_loss(tf.convert_to_tensor(_values(t), name='t_%d' % i)))
        half = tf.reduce_sum(tf.stack(halves))
        norm = tf.sqrt(half * tf.constant(2.0, dtype=half.dtype), name='global_norm')
    return norm


def clip_by_global_norm(t_list, clip_norm, use_norm=None, name=None):
    t_list = _sequence(t_list)
    if use_norm is None:
        use_norm = global_norm(t_list, name)
    with tf.name_scope(name, 'clip_by_global_norm', t_list + [clip_norm]) as scope:
        scale = clip_norm * tf.minimum(1.0 / use_norm,
                                       tf.constant(1.0, dtype=use_norm.dtype) / clip_norm)
        clipped = []
        for i, t in enumerate(t_list):
            if t is None:
                clipped.append(None)
                continue
            values = tf.convert_to_tensor(_values(t), name='t_%d' % i)
            clipped.append(_like(tf.identity(values * scale, name='%s_%d' % (scope, i)), t))
    return clipped, use_norm
