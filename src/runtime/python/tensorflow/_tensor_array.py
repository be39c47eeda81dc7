"""`tf.TensorArray` as TF 1.15 builds it in graph mode with v1 control flow
(`python/ops/tensor_array_ops.py`, `_GraphTensorArray`): op `TensorArrayV3` makes the array's
handle (`resource`, shape [2]) and its first flow (a float scalar); `write`, `scatter` and
`unstack` give a new flow (`TensorArrayWriteV3`, `TensorArrayScatterV3`), `read`, `gather`,
`stack`, `concat` and `size` take the flow they must come after (`TensorArrayReadV3`,
`TensorArrayGatherV3`, `TensorArrayConcatV3`, `TensorArraySizeV3`).

When a session runs the graph, the handle's value is the array itself (`_Store`), made anew
each time its `TensorArrayV3` op runs (once per run, or once per loop iteration when built in a
loop's body): writes fill it in place, as TF's resource does, and the flow only orders them
before the reads. A flow is a loop variable like any tensor (`while_loop` passes a
TensorArray's flow through the loop and rebuilds the array around the Exit), so the writes of
every iteration are in the array the reads after the loop see. The kernels' checks and
messages are TF's (`core/kernels/tensor_array.h`, `tensor_array_ops.cc`).
"""
from . import _engine
from . import dtypes as _dtypes
from ._framework import Operation, Tensor, get_default_graph
from .tensor_shape import TensorShape, as_shape, unknown_shape

T = _engine.tfjs

def _invalid(message):
    from .errors import InvalidArgumentError

    return InvalidArgumentError(None, None, message)


class _Store(object):
    """A TensorArray's elements during one run (the handle's run-time value)."""

    isDisposed = False  # noqa: N815 - the evaluator disposes what a run made (tfjs's name)

    def __init__(self, name, dtype, size, dynamic_size, clear_after_read, element_shape,
                 identical_shapes):
        self.name = name
        self.dtype = dtype
        self.values = [None] * size
        self.read_once = [False] * size
        self.dynamic_size = dynamic_size
        self.clear_after_read = clear_after_read
        self.element_shape = element_shape
        self.identical_shapes = identical_shapes
        self.owned = []

    def dispose(self):
        """The elements are other ops' values, which the run disposes, except the pieces a
        scatter cut (`owned`)."""
        for t in self.owned:
            if not t.isDisposed:
                t.dispose()
        self.owned = []

    def _prefix(self):
        return "TensorArray %s: " % self.name

    def write(self, index, value):
        if index < 0:
            raise _invalid(self._prefix() + "Tried to write to index %d but array size is: %d"
                           % (index, len(self.values)))
        if index >= len(self.values):
            if not self.dynamic_size:
                raise _invalid(self._prefix() + "Tried to write to index %d but array is not "
                               "resizeable and size is: %d" % (index, len(self.values)))
            grow = index + 1 - len(self.values)
            self.values.extend([None] * grow)
            self.read_once.extend([False] * grow)
        shape = [int(d) for d in value.shape]
        if self.identical_shapes:
            known = self.element_shape
            if known.dims is not None and not known.is_compatible_with(TensorShape(shape)):
                raise _invalid(
                    self._prefix() + "Could not write to TensorArray index %d because the value "
                    "shape is %s which is incompatible with the TensorArray's inferred element "
                    "shape: %s (consider setting infer_shape=False)."
                    % (index, _text(shape), _text(known)))
            self.element_shape = TensorShape(shape) if known.dims is None \
                else known.merge_with(TensorShape(shape))
        if self.values[index] is not None or self.read_once[index]:
            raise _invalid(self._prefix() + "Could not write to TensorArray index %d because it "
                           "has already been written to." % index)
        self.values[index] = value

    def check_dtype(self, dtype):
        if dtype != self.dtype:
            raise _invalid("TensorArray dtype is %s but Op is trying to write dtype %s."
                           % (_kernel_dtype(self.dtype), _kernel_dtype(dtype)))

    def read(self, index):
        size = len(self.values)
        if index < 0 or index >= size:
            raise _invalid("Tried to read from index %d but array size is: %d" % (index, size))
        value = self.values[index]
        if value is None:
            if self.read_once[index]:
                raise _invalid(self._prefix() + "Could not read index %d twice because it was "
                               "cleared after a previous read (perhaps try setting "
                               "clear_after_read = false?)." % index)
            shape = self.element_shape
            if not shape.is_fully_defined():
                raise _invalid(
                    self._prefix() + "Could not read from TensorArray index %d.  Furthermore, "
                    "the element shape is not fully defined: %s.  It is possible you are "
                    "working with a resizeable TensorArray and stop_gradients is not allowing "
                    "the gradients to be written.  If you set the full element_shape property "
                    "on the forward TensorArray, the proper all-zeros tensor will be returned "
                    "instead of incurring this error." % (index, _text(shape)))
            # An element never written reads as zeros of the (fully defined) element shape.
            return T.zeros(_engine.tojs(shape.as_list()), _engine_dtype(self.dtype))
        if self.clear_after_read:
            self.values[index] = None
            self.read_once[index] = True
        return T.clone(value)

    def size(self):
        return len(self.values)


def _engine_dtype(dtype):
    name = dtype.base_dtype.name
    return {"int64": "int32", "float64": "float32"}.get(name, name)


def _kernel_dtype(dtype):
    """`DataTypeString`: float32 is `float`, float64 `double`."""
    return {"float32": "float", "float64": "double"}.get(dtype.name, dtype.name)


def _text(shape):
    if isinstance(shape, TensorShape):
        if shape.dims is None:
            return "<unknown>"
        shape = [d.value for d in shape.dims]
    return "[%s]" % ",".join("?" if d is None else str(d) for d in shape)


def _graph():
    return get_default_graph()


def _static_int(t):
    """`tensor_util.constant_value` of an int scalar: a Python int, a constant, or None."""
    if isinstance(t, int):
        return t
    const = getattr(getattr(t, "op", None), "_const_value", None)
    if const is not None:
        return int(const.dataSync()[0])
    return None


def _int_scalar(x, name):
    from ._ops import convert_to_tensor

    return convert_to_tensor(x, dtype=_dtypes.int32, name=name)


def _convert_preferred(value, dtype):
    """`convert_to_tensor(value, preferred_dtype=dtype, name="value")`: the array's dtype when
    the value converts to it, else the value's own."""
    from ._ops import _is_tensor_like, constant, convert_to_tensor

    if _is_tensor_like(value):
        return convert_to_tensor(value)
    try:
        return constant(value, dtype=dtype, name="value")
    except (TypeError, ValueError):
        return constant(value, name="value")


def _op(op_type, name, inputs):
    g = _graph()
    return Operation(g, name, op_type, inputs, None, control_inputs=g.control_inputs_for(inputs))


def _flow_value(ins):
    return ins[-1]


class TensorArray(object):
    """`tf.TensorArray(dtype, size=None, dynamic_size=None, clear_after_read=None,
    tensor_array_name=None, handle=None, flow=None, infer_shape=True, element_shape=None,
    colocate_with_first_write_call=True, name=None)`."""

    def __init__(self, dtype, size=None, dynamic_size=None, clear_after_read=None,
                 tensor_array_name=None, handle=None, flow=None, infer_shape=True,
                 element_shape=None, colocate_with_first_write_call=True, name=None):
        if handle is not None and tensor_array_name:
            raise ValueError("Cannot construct with both handle and tensor_array_name")
        if handle is not None and not isinstance(handle, Tensor):
            raise TypeError("Handle must be a Tensor")
        if handle is None and size is None:
            raise ValueError("Size must be provided if handle is not provided")
        if handle is not None and size is not None:
            raise ValueError("Cannot provide both a handle and size at the same time")
        if handle is not None and element_shape is not None:
            raise ValueError("Cannot provide both a handle and element_shape at the same time")
        if handle is not None and dynamic_size is not None:
            raise ValueError("Cannot provide both a handle and dynamic_size at the same time")
        if handle is not None and clear_after_read is not None:
            raise ValueError("Cannot provide both a handle and clear_after_read at the same "
                             "time")
        if clear_after_read is None:
            clear_after_read = True
        self._dynamic_size = bool(dynamic_size)
        self._dtype = _dtypes.as_dtype(dtype).base_dtype
        self._element_shape = [as_shape(element_shape) if element_shape is not None
                               else unknown_shape()]
        self._infer_shape = infer_shape
        self._size = size
        self._clear_after_read = clear_after_read
        g = _graph()
        with g.name_scope(name or "TensorArray") as scope:
            if handle is not None:
                if flow is None:
                    raise ValueError("flow must not be None if handle is not None.")
                self._handle = handle
                self._flow = flow
                return
            size_t = _int_scalar(size, "size")
            op_name = scope[:-1]
            op = _op("TensorArrayV3", op_name, [size_t])
            shape0 = self._element_shape[0]
            dtype = self._dtype
            dyn = self._dynamic_size

            def compute(ins, session):
                # The kernel names an array by its op and a count of the arrays made (TF's is
                # per process; here per graph, a program's).
                count = getattr(g, "_tensor_arrays_made", 0)
                g._tensor_arrays_made = count + 1
                store = _Store(tensor_array_name or "%s_%d" % (op_name, count), dtype,
                               int(ins[0].dataSync()[0]), dyn, clear_after_read, shape0,
                               infer_shape)
                return [store, T.scalar(0, "float32")]

            op._compute = compute
            op._attrs = {"dtype": self._dtype, "dynamic_size": self._dynamic_size,
                         "clear_after_read": clear_after_read,
                         "identical_element_shapes": infer_shape,
                         "tensor_array_name": tensor_array_name or ""}
            self._handle = Tensor(op, 0, _dtypes.resource, TensorShape([2]))
            self._flow = Tensor(op, 1, _dtypes.float32, TensorShape([]))

    @property
    def flow(self):
        return self._flow

    @property
    def dtype(self):
        return self._dtype

    @property
    def handle(self):
        return self._handle

    @property
    def element_shape(self):
        return self._element_shape[0]

    @property
    def dynamic_size(self):
        return self._dynamic_size

    def _with_flow(self, flow):
        """`build_ta_with_new_flow`: the same array (handle, element shape) at a new flow."""
        ta = TensorArray.__new__(TensorArray)
        ta.__dict__.update(self.__dict__)
        ta._flow = flow
        return ta

    def _check_element_shape(self, shape):
        if not shape.is_compatible_with(self.element_shape):
            raise ValueError("Inconsistent shapes: saw %s but expected %s "
                             % (shape, self.element_shape))
        if self._infer_shape:
            self._element_shape[0] = self.element_shape.merge_with(shape)

    def _check_dtype(self, value):
        """TF only logs a mismatch when building (`_check_dtypes`); the kernel rejects it."""

    def identity(self):
        from ._ops import identity

        return self._with_flow(identity(self._flow))

    def read(self, index, name=None):
        g = _graph()
        from ._ops import _op_name

        op_name = _op_name(name, "TensorArrayReadV3")
        with g.name_scope(op_name + "/"):
            index = _int_scalar(index, "index")
        op = _op("TensorArrayReadV3", op_name, [self._handle, index, self._flow])
        op._compute = lambda ins, s: ins[0].read(int(ins[1].dataSync()[0]))
        op._attrs = {"dtype": self._dtype}
        return Tensor(op, 0, self._dtype, self.element_shape)

    def write(self, index, value, name=None):
        from ._ops import convert_to_tensor

        g = _graph()
        with g.name_scope(name or "TensorArrayWrite"):
            value = _convert_preferred(value, self._dtype)
            self._check_dtype(value)
            self._check_element_shape(value.shape)
            with g.name_scope(name or "TensorArrayWriteV3") as scope:
                index = _int_scalar(index, "index")
            op = _op("TensorArrayWriteV3", scope[:-1], [self._handle, index, value, self._flow])

            value_dtype = value.dtype.base_dtype

            def compute(ins, s):
                ins[0].check_dtype(value_dtype)
                ins[0].write(int(ins[1].dataSync()[0]), ins[2])
                return ins[3]

            op._compute = compute
            return self._with_flow(Tensor(op, 0, _dtypes.float32, TensorShape([])))

    def stack(self, name=None):
        from ._ops import range_ as _range

        g = _graph()
        with g.name_scope(name or "TensorArrayStack"):
            value = self.gather(_range(0, self.size()), name=name)
            if self.element_shape.dims is not None and not self._dynamic_size:
                size = _static_int(self._size)
                if size is not None:
                    value.set_shape([size] + self.element_shape.as_list())
            return value

    def gather(self, indices, name=None):
        from ._ops import _op_name

        g = _graph()
        op_name = _op_name(name, "TensorArrayGatherV3")
        with g.name_scope(op_name + "/"):
            indices = _int_scalar(indices, "indices") if not isinstance(indices, Tensor) \
                else indices
        op = _op("TensorArrayGatherV3", op_name, [self._handle, indices, self._flow])
        shape0 = self.element_shape
        dtype = self._dtype

        def compute(ins, s):
            store = ins[0]
            where = [int(i) for i in ins[1].dataSync()]
            if not where:
                shape = store.element_shape if store.element_shape.dims is not None else shape0
                if not shape.is_fully_defined():
                    raise _invalid("TensorArray has size zero, but element shape %s is not fully "
                                   "defined. Currently only static shapes are supported when "
                                   "packing zero-size TensorArrays." % _text(shape))
                return T.zeros(_engine.tojs([0] + shape.as_list()), _engine_dtype(dtype))
            parts = [store.read(i) for i in where]
            out = T.stack(_engine.tojs(parts), 0)
            for p in parts:
                p.dispose()
            return out

        op._compute = compute
        op._attrs = {"dtype": self._dtype, "element_shape": shape0}
        # The shape function: the indices' shape, then the element shape.
        shape = unknown_shape()
        if self.element_shape.dims is not None and indices.shape.ndims == 1:
            shape = TensorShape(indices.shape.dims + self.element_shape.dims)
        elif self.element_shape.dims is not None:
            shape = TensorShape([None] + self.element_shape.as_list())
        return Tensor(op, 0, self._dtype, shape)

    def concat(self, name=None):
        from ._ops import _op_name

        op_name = _op_name(name, "TensorArrayConcatV3")
        op = _op("TensorArrayConcatV3", op_name, [self._handle, self._flow])

        def compute(ins, s):
            store = ins[0]
            parts = [store.read(i) for i in range(store.size())]
            lengths = T.tensor1d(_engine.tojs([int(p.shape[0]) for p in parts]), "int32")
            out = T.concat(_engine.tojs(parts), 0)
            for p in parts:
                p.dispose()
            return [out, lengths]

        op._compute = compute
        op._attrs = {"dtype": self._dtype}
        shape = unknown_shape()
        if self.element_shape.dims is not None:
            dims = self.element_shape.as_list()
            dim0 = None
            size = _static_int(self.size()) if self._infer_shape else None
            if size is not None and dims and dims[0] is not None:
                dim0 = size * dims[0]
            shape = TensorShape([dim0] + dims[1:])
        value = Tensor(op, 0, self._dtype, shape)
        Tensor(op, 1, _dtypes.int64, TensorShape([None]))
        return value

    def unstack(self, value, name=None):
        from ._ops import convert_to_tensor, shape as _shape
        from ._ops import range_ as _range

        g = _graph()
        with g.name_scope(name or "TensorArrayUnstack") as scope:
            shaped = value
            if not isinstance(value, Tensor):
                # `array_ops.shape` converts its input in its own scope (`Shape/Const`), and
                # the scatter converts it again (`TensorArrayScatter/value`).
                with g.name_scope(scope + "Shape/"):
                    shaped = convert_to_tensor(value)
            num = _shape(shaped)[0]
            return self.scatter(indices=_range(0, num), value=value, name=name)

    def scatter(self, indices, value, name=None):
        from ._ops import convert_to_tensor

        g = _graph()
        with g.name_scope(name or "TensorArrayScatter") as scope:
            value = _convert_preferred(value, self._dtype)
            self._check_dtype(value)
            if value.shape.dims is not None:
                self._check_element_shape(TensorShape(value.shape.dims[1:]))
            if not isinstance(indices, Tensor):
                indices = _int_scalar(indices, "indices")
            value_dtype = value.dtype.base_dtype
            op = _op("TensorArrayScatterV3", scope + "TensorArrayScatterV3",
                     [self._handle, indices, value, self._flow])

            def compute(ins, s):
                where = [int(i) for i in ins[1].dataSync()]
                if len(where) != int(ins[2].shape[0]):
                    raise _invalid("Expected len(indices) == values.shape[0], but saw: %d vs. %d"
                                   % (len(where), int(ins[2].shape[0])))
                store = ins[0]
                store.check_dtype(value_dtype)
                parts = list(T.unstack(ins[2], 0))
                store.owned.extend(parts)
                for i, p in zip(where, parts):
                    store.write(i, p)
                return ins[3]

            op._compute = compute
            return self._with_flow(Tensor(op, 0, _dtypes.float32, TensorShape([])))

    def split(self, value, lengths, name=None):
        raise NotImplementedError("Scope Lens does not implement TensorArray.split.")

    def size(self, name=None):
        from ._ops import _op_name, convert_to_tensor

        if not self._dynamic_size and self._size is not None:
            return convert_to_tensor(self._size, dtype=_dtypes.int32)
        op = _op("TensorArraySizeV3", _op_name(name, "TensorArraySizeV3"),
                 [self._handle, self._flow])
        op._compute = lambda ins, s: T.scalar(ins[0].size(), "int32")
        return Tensor(op, 0, _dtypes.int32, TensorShape([]))

    def close(self, name=None):
        from ._ops import _op_name

        op = _op("TensorArrayCloseV3", _op_name(name, "TensorArrayCloseV3"), [self._handle])
        op._compute = lambda ins, s: [None]
        return op


TensorArray.__module__ = "tensorflow.python.ops.tensor_array_ops"


def to_flow(x):
    """`_convert_tensorarray_to_flow`."""
    return x.flow if isinstance(x, TensorArray) else x


def from_flows(structure, flat):
    """`_convert_flows_to_tensorarrays`: each TensorArray of `structure` (flattened) rebuilt
    around the tensor at its place in `flat`."""
    return [s._with_flow(f) if isinstance(s, TensorArray) else f for s, f in zip(structure, flat)]
