"""TF 1.15's `tf.map_fn` (`ops/map_fn.py`): under the name scope `map` (or `name`), each
tensor of `elems` unstacked into a `TensorArray`, a `while` loop whose body reads element `i`
(in `elems`' structure), calls `fn` once (so variables it makes are made once) and writes its
result, then `TensorArrayStack/TensorArrayGatherV3`; gradients flow through the loop.
"""
import tensorflow as tf


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True,
           swap_memory=False, infer_shape=True, name=None):
    if not callable(fn):
        raise TypeError('fn must be callable.')
    nested = isinstance(elems, (list, tuple))
    with tf.name_scope(name or 'map'):
        flat = [tf.convert_to_tensor(e, name='elem') for e in (elems if nested else [elems])]
        dims = flat[0].get_shape().as_list() if flat[0].get_shape().ndims else None
        return _map_while(fn, elems, flat, nested, dtype, parallel_iterations, back_prop,
                          infer_shape, dims[0] if dims else None)


def _map_while(fn, elems, flat, nested, dtype, parallel_iterations, back_prop, infer_shape,
               count):
    """map_fn.py (1.15)'s loop; `count` the number of elements when known statically."""
    n = count
    if n is None:
        n = tf.shape(flat[0])[0]
    elems_ta = [tf.TensorArray(dtype=e.dtype, size=n, dynamic_size=False, infer_shape=True)
                for e in flat]
    elems_ta = [ta.unstack(e) for ta, e in zip(elems_ta, flat)]
    if dtype is None:
        out_structure = elems
        dtype_flat = [e.dtype for e in flat]
    else:
        out_structure = dtype
        dtype_flat = list(dtype) if isinstance(dtype, (list, tuple)) else [dtype]
    i = tf.constant(0)
    accs_ta = [tf.TensorArray(dtype=dt, size=n, dynamic_size=False, infer_shape=infer_shape)
               for dt in dtype_flat]

    def compute(i, tas):
        values = [ta.read(i) for ta in elems_ta]
        if nested:
            args = tuple(values) if isinstance(elems, tuple) else list(values)
        else:
            args = values[0]
        result = fn(args)
        multi = isinstance(out_structure, (list, tuple))
        if multi != isinstance(result, (list, tuple)) or \
                (multi and len(result) != len(dtype_flat)):
            raise ValueError("The two structures don't have the same nested structure.")
        flat_result = list(result) if multi else [result]
        tas = [ta.write(i, value) for ta, value in zip(tas, flat_result)]
        return (i + 1, tas)

    _, r_a = tf.while_loop(lambda i, _: i < n, compute, (i, accs_ta),
                           parallel_iterations=parallel_iterations or 10,
                           back_prop=back_prop, maximum_iterations=n)
    results = []
    for r in r_a:
        value = r.stack()
        dims = value.get_shape().as_list() if value.get_shape().ndims else None
        if dims is not None:
            value.set_shape([count] + dims[1:])
        results.append(value)
    if isinstance(out_structure, (list, tuple)):
        return tuple(results) if isinstance(out_structure, tuple) else results
    return results[0]
