"""TF 1.x initializers (`tf.zeros_initializer`, `tf.random_normal_initializer`, ...).

Each Python initializer wraps the engine's initializer of the same name (src/engine/initializers),
so defaults, formulas and argument messages are the engine's. Calling one directly returns a
constant tensor of the computed value.
"""
from . import _engine
from . import dtypes as _dtypes

E = _engine.engine
I = E.initializers


def _dt(dtype):
    return None if dtype is None else _dtypes.as_dtype(dtype).name


class Initializer(object):
    """Base class: `init(shape, dtype=None, partition_info=None)`."""

    _factory = None

    def _make(self, **opts):
        self._engine_object = _engine.call(getattr(I, self._factory), _engine.jsobj(**opts))
        _engine.attach(self._engine_object, self)

    def __call__(self, shape, dtype=None, partition_info=None):
        from . import _ops

        dt = None if dtype is None else _engine.engine.asDType(_dtypes.as_dtype(dtype).base_dtype.name)
        t = _engine.call(self._engine_object.call, _engine.tojs(list(shape)), dt)
        from ._framework import get_default_graph

        get_default_graph()._g.own(t)
        out = _ops.make_op("Const", None, self._engine_object.opName, [], lambda ins, s: t,
                           _dtypes.as_dtype(str(_engine.bridge.dtypeOf(t))), list(shape))
        out.op._const_value = t
        return out

    def get_config(self):
        cfg = self._engine_object.getConfig().to_py()
        if "dtype" in cfg:
            cfg["dtype"] = _dtypes.as_dtype(cfg["dtype"])
        return cfg

    @classmethod
    def from_config(cls, config):
        return cls(**config)


def _simple(name, factory, params):
    def __init__(self, *args, **kwargs):
        values = dict(zip(params, args))
        values.update(kwargs)
        opts = {}
        for key, value in values.items():
            js_key = "".join(p if i == 0 else p.capitalize() for i, p in enumerate(key.split("_")))
            opts[js_key] = _dt(value) if key == "dtype" else value
        # Which numbers were Python floats (2.0 reaches the engine as 2): TF converts each to the
        # variable's dtype, and a float is no int32 even when whole.
        floats = [k for k, v in opts.items() if isinstance(v, float)]
        if floats:
            opts["floatArgs"] = floats
        self._make(**opts)

    return type(name, (Initializer,), {"__init__": __init__, "_factory": factory})


Zeros = _simple("Zeros", "zeros", ("dtype",))
Ones = _simple("Ones", "ones", ("dtype",))
RandomNormal = _simple("RandomNormal", "randomNormal", ("mean", "stddev", "seed", "dtype"))
TruncatedNormal = _simple("TruncatedNormal", "truncatedNormal", ("mean", "stddev", "seed", "dtype"))
RandomUniform = _simple("RandomUniform", "randomUniform", ("minval", "maxval", "seed", "dtype"))
UniformUnitScaling = _simple("UniformUnitScaling", "uniformUnitScaling", ("factor", "seed", "dtype"))
VarianceScaling = _simple("VarianceScaling", "varianceScaling",
                          ("scale", "mode", "distribution", "seed", "dtype"))
GlorotUniform = _simple("GlorotUniform", "glorotUniform", ("seed", "dtype"))
GlorotNormal = _simple("GlorotNormal", "glorotNormal", ("seed", "dtype"))
Orthogonal = _simple("Orthogonal", "orthogonal", ("gain", "seed", "dtype"))
Identity = _simple("Identity", "identity", ("gain", "dtype"))


def _float_leaves(value):
    """Which leaves of a Python value (row-major) are floats: TF rejects 2.0 for an int dtype."""
    out = []

    def walk(v):
        if isinstance(v, (list, tuple)):
            for x in v:
                walk(x)
        else:
            out.append(isinstance(v, float))

    walk(value)
    return out


class Constant(Initializer):
    def __init__(self, value=0, dtype=_dtypes.float32, verify_shape=False):
        self.value = value
        numpy = hasattr(value, "tolist")
        plain = value.tolist() if numpy else value
        # A NumPy array is cast to the dtype (make_tensor_proto skips _AssertCompatible for it).
        floats = None if numpy else _float_leaves(value)
        opts = _engine.jsobj(dtype=_dt(dtype), verifyShape=verify_shape,
                             floatLeaves=floats if floats and any(floats) else None)
        self._engine_object = _engine.call(I.constant, _engine.tojs(plain), opts)
        _engine.attach(self._engine_object, self)


def he_normal(seed=None):
    return VarianceScaling(scale=2.0, mode="fan_in", distribution="truncated_normal", seed=seed)


def he_uniform(seed=None):
    return VarianceScaling(scale=2.0, mode="fan_in", distribution="uniform", seed=seed)


def lecun_normal(seed=None):
    return VarianceScaling(scale=1.0, mode="fan_in", distribution="truncated_normal", seed=seed)


def lecun_uniform(seed=None):
    return VarianceScaling(scale=1.0, mode="fan_in", distribution="uniform", seed=seed)


zeros_initializer = Zeros
ones_initializer = Ones
constant_initializer = Constant
random_normal_initializer = RandomNormal
truncated_normal_initializer = TruncatedNormal
random_uniform_initializer = RandomUniform
uniform_unit_scaling_initializer = UniformUnitScaling
variance_scaling_initializer = VarianceScaling
glorot_uniform_initializer = GlorotUniform
glorot_normal_initializer = GlorotNormal
orthogonal_initializer = Orthogonal
