"""TF 1.15's `tf.norm` (`ops/linalg_ops.py`), graph mode, without the spectral matrix norm.

Under the name scope `norm` (or `name`): 'euclidean'/'fro'/2 is `sqrt(reduce_sum(t * t))`, 1 is
`reduce_sum(abs(t))`, inf is `reduce_max(abs(t))`, another positive p is
`pow(reduce_sum(pow(abs(t), p)), 1 / p)`, every reduction over `axis` with `keepdims=True`,
then squeezed over `axis` unless `keepdims`. With two axes (a matrix norm), 1 is the largest
column sum and inf the largest row sum; `ord=2` there (singular values) raises
NotImplementedError.
"""
import tensorflow as tf

_INF = float('inf')


def norm(tensor, ord='euclidean', axis=None, keepdims=None, name=None, keep_dims=None):
    if keep_dims is not None:
        if keepdims is not None:
            raise ValueError("Cannot specify both 'keep_dims' and 'keepdims'")
        keepdims = keep_dims
    is_matrix_norm = isinstance(axis, (tuple, list)) and len(axis) == 2
    if is_matrix_norm:
        axis = tuple(axis)
        if not isinstance(axis[0], int) or not isinstance(axis[1], int) or axis[0] == axis[1]:
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, "
                             "got %s" % (axis,))
        supported = ['euclidean', 'fro', 1, 2, _INF]
        if ord not in supported:
            raise ValueError("'ord' must be a supported matrix norm in %s, got %s"
                             % (supported, ord))
    else:
        if not (isinstance(axis, int) or axis is None):
            raise ValueError("'axis' must be None, an integer, or a tuple of 2 unique integers, "
                             "got %s" % (axis,))
        supported = ['euclidean', 1, 2, _INF]
        if ord not in supported and (isinstance(ord, str) or ord <= 0):
            raise ValueError("'ord' must be a supported vector norm, got %s" % (ord,))
        if axis is not None:
            axis = (axis,)
    with tf.name_scope(name, 'norm', [tensor]):
        tensor = tf.convert_to_tensor(tensor)
        if ord in ['fro', 'euclidean', 2, 2.0]:
            if is_matrix_norm and ord in [2, 2.0]:
                raise NotImplementedError(
                    "Scope Lens's tensorflow module does not implement tf.norm with ord=2 over "
                    "two axes (TensorFlow 1.15 API).")
            result = tf.sqrt(tf.reduce_sum(tensor * tensor, axis, keepdims=True))
        else:
            result = tf.abs(tensor)
            if ord == 1:
                sum_axis = None if axis is None else axis[0]
                result = tf.reduce_sum(result, sum_axis, keepdims=True)
                if is_matrix_norm:
                    result = tf.reduce_max(result, axis[-1], keepdims=True)
            elif ord == _INF:
                if is_matrix_norm:
                    result = tf.reduce_sum(result, axis[1], keepdims=True)
                max_axis = None if axis is None else axis[0]
                result = tf.reduce_max(result, max_axis, keepdims=True)
            else:
                result = tf.pow(tf.reduce_sum(tf.pow(result, ord), axis, keepdims=True),
                                1.0 / ord)
        if not keepdims:
            result = tf.squeeze(result, axis)
        return result
