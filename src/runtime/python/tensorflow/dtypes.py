"""`tf.DType` and `tf.as_dtype`, printed and compared as TF 1.15 does."""

_CATEGORY = {
    "float16": "floating", "bfloat16": "floating", "float32": "floating", "float64": "floating",
    "int8": "integer", "int16": "integer", "int32": "integer", "int64": "integer",
    "uint8": "unsigned", "uint16": "unsigned", "uint32": "unsigned", "uint64": "unsigned",
    "bool": "bool", "string": "string", "complex64": "complex", "complex128": "complex",
    "qint8": "quantized", "quint8": "quantized", "qint16": "quantized", "quint16": "quantized",
    "qint32": "quantized", "resource": "other", "variant": "other",
}
_SIZE = {
    "float16": 2, "bfloat16": 2, "float32": 4, "float64": 8, "int8": 1, "int16": 2, "int32": 4,
    "int64": 8, "uint8": 1, "uint16": 2, "uint32": 4, "uint64": 8, "bool": 1, "string": 8,
    "complex64": 8, "complex128": 16, "qint8": 1, "quint8": 1, "qint16": 2, "quint16": 2,
    "qint32": 4, "resource": 1, "variant": 1,
}


class DType(object):
    """A TF dtype. Interned: compare with `==` (or `is`)."""

    __slots__ = ("_name",)

    def __init__(self, name):
        self._name = name

    @property
    def name(self):
        return self._name

    @property
    def _base_name(self):
        return self._name[:-4] if self._name.endswith("_ref") else self._name

    @property
    def base_dtype(self):
        return _TABLE[self._base_name]

    @property
    def real_dtype(self):
        return {"complex64": float32, "complex128": float64}.get(self._base_name, self.base_dtype)

    @property
    def _is_ref_dtype(self):
        return self._name.endswith("_ref")

    @property
    def _as_ref(self):
        return self if self._is_ref_dtype else _TABLE[self._name + "_ref"]

    @property
    def is_floating(self):
        return _CATEGORY[self._base_name] == "floating"

    @property
    def is_integer(self):
        return _CATEGORY[self._base_name] in ("integer", "unsigned")

    @property
    def is_unsigned(self):
        return _CATEGORY[self._base_name] == "unsigned"

    @property
    def is_bool(self):
        return self._base_name == "bool"

    @property
    def is_complex(self):
        return _CATEGORY[self._base_name] == "complex"

    @property
    def is_quantized(self):
        return _CATEGORY[self._base_name] == "quantized"

    @property
    def size(self):
        return _SIZE[self._base_name]

    @property
    def as_numpy_dtype(self):
        from numpy import _ndarray
        return getattr(_ndarray, self._base_name if self._base_name != "bool" else "bool_", None)

    def is_compatible_with(self, other):
        other = as_dtype(other)
        return self._name in (other.name, other.base_dtype.name)

    def __eq__(self, other):
        if other is None:
            return False
        try:
            return self._name == as_dtype(other).name
        except TypeError:
            return False

    def __ne__(self, other):
        return not self.__eq__(other)

    def __hash__(self):
        return hash(self._name)

    def __repr__(self):
        return "tf." + self._name

    def __str__(self):
        return "<dtype: '%s'>" % self._name

    # TF prints repr(dtype) as "tf.float32" and str(dtype) as "<dtype: 'float32'>".

    def __reduce__(self):
        return as_dtype, (self._name,)


_TABLE = {}
for _n in _CATEGORY:
    _TABLE[_n] = DType(_n)
    _TABLE[_n + "_ref"] = DType(_n + "_ref")

float16 = half = _TABLE["float16"]
bfloat16 = _TABLE["bfloat16"]
float32 = _TABLE["float32"]
float64 = double = _TABLE["float64"]
int8 = _TABLE["int8"]
int16 = _TABLE["int16"]
int32 = _TABLE["int32"]
int64 = _TABLE["int64"]
uint8 = _TABLE["uint8"]
uint16 = _TABLE["uint16"]
uint32 = _TABLE["uint32"]
uint64 = _TABLE["uint64"]
bool = _TABLE["bool"]  # noqa: A001 - TF's name
string = _TABLE["string"]
complex64 = _TABLE["complex64"]
complex128 = _TABLE["complex128"]
qint8 = _TABLE["qint8"]
quint8 = _TABLE["quint8"]
qint16 = _TABLE["qint16"]
quint16 = _TABLE["quint16"]
qint32 = _TABLE["qint32"]
resource = _TABLE["resource"]
variant = _TABLE["variant"]

_PY_TYPES = {float: "float64", int: "int64", complex: "complex128", str: "string", bytes: "string"}
_PY_TYPES[type(True)] = "bool"


def as_dtype(type_value):
    """`tf.as_dtype`: a DType, a name, a Python type or an ndarray dtype/scalar type."""
    if isinstance(type_value, DType):
        return type_value
    if isinstance(type_value, str):
        name = {"float": "float32", "double": "float64", "half": "float16"}.get(type_value, type_value)
        if name in _TABLE:
            return _TABLE[name]
    elif isinstance(type_value, type) and type_value in _PY_TYPES:
        return _TABLE[_PY_TYPES[type_value]]
    else:
        name = getattr(type_value, "name", None) or getattr(type_value, "__name__", None)
        if isinstance(name, str):
            name = "bool" if name == "bool_" else name
            if name in _TABLE:
                return _TABLE[name]
    raise TypeError("Cannot convert value %r to a TensorFlow DType." % (type_value,))

DType.__module__ = "tensorflow.python.framework.dtypes"
