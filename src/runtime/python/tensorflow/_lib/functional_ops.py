"""TF 1.15's `tf.map_fn` (`ops/map_fn.py`) for elements whose count is known when the graph is
built: under the name scope `map` (or `name`), `fn` is called on each element (`unstack` of
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
            _not_implemented('over a first dimension unknown when the graph is built')
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
