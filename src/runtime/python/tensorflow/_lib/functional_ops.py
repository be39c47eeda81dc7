"""TF 1.15's `tf.map_fn` (`ops/map_fn.py`): under the name scope `map` (or `name`), each
tensor of `elems` unstacked into a `TensorArray`, a `while` loop whose body reads element `i`
(in `elems`' structure), calls `fn` once (so variables it makes are made once) and writes its
result, then `TensorArrayStack/TensorArrayGatherV3`; gradients flow through the loop. `tf.scan`
(functional_ops.py) is the same loop carrying the accumulator.
"""
import tensorflow as tf
from tensorflow._lib import _support


def map_fn(fn, elems, dtype=None, parallel_iterations=None, back_prop=True,
           swap_memory=False, infer_shape=True, name=None):
    if not callable(fn):
        raise TypeError('fn must be callable.')
    nested = isinstance(elems, (list, tuple))
    with tf.name_scope(name or 'map'):
        flat = [tf.convert_to_tensor(e, name='elem') for e in (elems if nested else [elems])]
        return _map_while(fn, elems, flat, nested, dtype, parallel_iterations, back_prop,
                          infer_shape, _support.static_size(flat[0]))


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
    results = _stacked(r_a, count)
    if isinstance(out_structure, (list, tuple)):
        return tuple(results) if isinstance(out_structure, tuple) else results
    return results[0]


def _stacked(arrays, count):
    """Each TensorArray stacked, with the static element count in front of the element shape
    (map_fn.py: `TensorShape(n_static).concatenate(r.get_shape()[1:])`; a stacked result has a
    rank of at least 1 whenever its rank is known)."""
    results = []
    for r in arrays:
        value = r.stack()
        value.set_shape(tf.TensorShape([count]).concatenate(value.get_shape()[1:]))
        results.append(value)
    return results


def _flat_list(x):
    return list(x) if isinstance(x, (list, tuple)) else [x]


def _pack_like(structure, flat):
    if isinstance(structure, (list, tuple)):
        return tuple(flat) if isinstance(structure, tuple) else list(flat)
    return flat[0]


def scan(fn, elems, initializer=None, parallel_iterations=10, back_prop=True,
         swap_memory=False, infer_shape=True, reverse=False, name=None):
    """functional_ops.py (1.15) `scan`: under `scan`, the elements unstacked into TensorArrays,
    the accumulator (the first element when there is no initializer) carried by a `while`
    loop whose body calls `fn(accumulator, element)` once and writes the result, then
    `TensorArrayStack`; from the last element backwards with `reverse`."""
    if not callable(fn):
        raise TypeError('fn must be callable.')
    nested = isinstance(elems, (list, tuple))
    with tf.name_scope(name or 'scan'):
        flat = [tf.convert_to_tensor(e, name='elem') for e in _flat_list(elems)]
        count = _support.static_size(flat[0])
        n = count
        if n is None:
            n = tf.shape(flat[0])[0]
        elems_ta = [tf.TensorArray(dtype=e.dtype, size=n, dynamic_size=False,
                                   element_shape=e.get_shape()[1:], infer_shape=True)
                    for e in flat]
        elems_ta = [ta.unstack(e) for ta, e in zip(elems_ta, flat)]
        if initializer is None:
            a_flat = [ta.read(n - 1 if reverse else 0) for ta in elems_ta]
            i = 1
        else:
            a_flat = [tf.convert_to_tensor(x) for x in _flat_list(initializer)]
            i = 0
        accs_ta = [tf.TensorArray(dtype=a.dtype, size=n,
                                  element_shape=a.get_shape() if infer_shape else None,
                                  dynamic_size=False, infer_shape=infer_shape)
                   for a in a_flat]
        if initializer is None:
            accs_ta = [ta.write(n - 1 if reverse else 0, a) for ta, a in zip(accs_ta, a_flat)]
        structure = elems if initializer is None else initializer

        def compute(i, a_flat, tas):
            packed_elems = _pack_like(elems if nested else None,
                                      [ta.read(i) for ta in elems_ta])
            a_out = fn(_pack_like(structure, a_flat), packed_elems)
            multi = isinstance(structure, (list, tuple))
            if multi != isinstance(a_out, (list, tuple)) or \
                    (multi and len(a_out) != len(a_flat)):
                raise ValueError("The two structures don't have the same nested structure.")
            flat_a_out = _flat_list(a_out)
            tas = [ta.write(i, value) for ta, value in zip(tas, flat_a_out)]
            next_i = i - 1 if reverse else i + 1
            return (next_i, flat_a_out, tas)

        if reverse:
            initial_i = n - 1 - i
            _, _, r_a = tf.while_loop(lambda i, _1, _2: i >= 0, compute,
                                      (initial_i, a_flat, accs_ta),
                                      parallel_iterations=parallel_iterations,
                                      back_prop=back_prop, maximum_iterations=n)
        else:
            _, _, r_a = tf.while_loop(lambda i, _1, _2: i < n, compute, (i, a_flat, accs_ta),
                                      parallel_iterations=parallel_iterations,
                                      back_prop=back_prop, maximum_iterations=n)
        return _pack_like(structure, _stacked(r_a, count))
