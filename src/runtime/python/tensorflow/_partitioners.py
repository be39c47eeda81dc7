"""`tf.fixed_size_partitioner` and friends: the engine's partitioners, callable from Python."""
from . import _engine
from . import dtypes as _dtypes

P = _engine.engine.partitioners


class _Partitioner(object):
    def __init__(self, engine_fn, description):
        self._engine_object = _engine.attach(engine_fn, self)  # a custom getter gets self back
        self._description = description

    def __call__(self, shape, dtype=_dtypes.float32, **unused):
        dims = shape.as_list() if hasattr(shape, "as_list") else list(shape)
        dt = _engine.engine.asDType(_dtypes.as_dtype(dtype).base_dtype.name)
        out = _engine.call(self._engine_object, _engine.tojs(dims), dt)
        return [int(x) for x in out]

    def __repr__(self):
        return "<function %s at 0x%x>" % (self._description, id(self))


def fixed_size_partitioner(num_shards, axis=0):
    return _Partitioner(_engine.call(P.fixedSizePartitioner, num_shards, axis),
                        "fixed_size_partitioner.<locals>._partitioner")


def variable_axis_size_partitioner(max_shard_bytes, axis=0, bytes_per_string_element=16,
                                   max_shards=None):
    return _Partitioner(
        _engine.call(P.variableAxisSizePartitioner, max_shard_bytes, axis,
                     bytes_per_string_element, max_shards),
        "variable_axis_size_partitioner.<locals>._partitioner")


def min_max_variable_partitioner(max_partitions=1, axis=0, min_slice_size=256 << 10,
                                 bytes_per_string_element=16):
    return _Partitioner(
        _engine.call(P.minMaxVariablePartitioner, max_partitions, axis, min_slice_size,
                     bytes_per_string_element),
        "min_max_variable_partitioner.<locals>._partitioner")
