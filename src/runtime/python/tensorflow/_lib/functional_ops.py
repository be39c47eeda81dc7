"""TF 1.15's `tf.map_fn` (`ops/map_fn.py`) for elements whose count is known when the graph is
built (over an unknown count, TF's own loop: `_map_while`): under the name scope `map` (or `name`), `fn` is called on each element (`unstack` of
every tensor of `elems` along axis 0, in `elems`' structure) and the results are stacked; the
stacked tensor is named as TF's `map/TensorArrayStack/TensorArrayGatherV3`. TF builds a
`while` loop that calls `fn` once; where that matters this raises NotImplementedError: an
unknown count, no elements, or an `fn` that creates variables.
"""
import tensorflow as tf


def _not_implemented(what):
    raise NotImplementedError("Scope Lens's tensorflow module does not implement tf.map_fn %s "
                              "(TensorFlow 1.15 API)." % what)


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True,
           swap_memory=False, infer_shape=True, name=None):
    if not callable(fn):
        raise TypeError('fn must be callable.')
    nested = isinstance(elems, (list, tuple))
    with tf.name_scope(name or 'map'):
        flat = [tf.convert_to_tensor(e, name='elem') for e in (elems if nested else [elems])]
        dims = flat[0].get_shape().as_list() if flat[0].get_shape().ndims else None
        count = dims[0] if dims else None
        if count is None:
            return _map_while(fn, elems, flat, nested, dtype, parallel_iterations, back_prop,
                              infer_shape)
        if count == 0:
            _not_implemented('over no elements')
        pieces = [tf.unstack(e, num=count) for e in flat]
        before = len(tf.global_variables())
        results = []
        for i in range(count):
            args = [p[i] for p in pieces]
            if nested:
                args = tuple(args) if isinstance(elems, tuple) else list(args)
            else:
                args = args[0]
            results.append(fn(args))
            if len(tf.global_variables()) != before:
                _not_implemented('with a function that creates variables')
        first = results[0]
        if isinstance(first, (list, tuple)):
            stacked = [tf.stack([r[j] for r in results],
                                name='TensorArrayStack%s/TensorArrayGatherV3'
                                % ('_%d' % j if j else ''))
                       for j in range(len(first))]
            return tuple(stacked) if isinstance(first, tuple) else stacked
        return tf.stack(results, name='TensorArrayStack/TensorArrayGatherV3')


def _map_while(fn, elems, flat, nested, dtype, parallel_iterations, back_prop, infer_shape):
    """map_fn.py (1.15) over a count unknown when the graph is built: each element's
    `TensorArray` unstacked, a `while` loop whose body reads element `i`, calls `fn` once and
    writes its result, then `TensorArrayStack`."""
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
            value.set_shape([None] + dims[1:])
        results.append(value)
    if isinstance(out_structure, (list, tuple)):
        return tuple(results) if isinstance(out_structure, tuple) else results
    return results[0]
