"""A TensorFlow 1.x `tensorflow` module for Scope Lens, on the Scope Lens engine.

Implements TF 1.15's graph-mode API for variable sharing (`variable_scope`, `get_variable`,
reuse, initializers, regularizers, partitioners, templates, collections), graph tensors and
sessions, with TF's names, messages and printing. Anything not implemented raises
`NotImplementedError` naming it, rather than computing something wrong.
"""
import sys as _sys
import types as _types

from . import _engine
from . import errors
from . import dtypes
from .dtypes import (DType, as_dtype, bfloat16, bool, complex64, complex128, double, float16,
                     float32, float64, half, int8, int16, int32, int64, qint8, qint16, qint32,
                     quint8, quint16, resource, string, uint8, uint16, uint32, uint64, variant)
from .tensor_shape import Dimension, TensorShape
from ._framework import (Graph, GraphKeys, Operation, Tensor, add_to_collection,
                         add_to_collections, control_dependencies, get_collection,
                         get_collection_ref,
                         get_default_graph, get_name_scope, name_scope, reset_default_graph)
from ._variables import PartitionedVariable, RefVariable, ResourceVariable, Variable
from ._indexed_slices import IndexedSlices, IndexedSlicesValue, unique, unsorted_segment_sum
from ._variable_scope import (AUTO_REUSE, VariableScope, get_local_variable, get_variable,
                              get_variable_scope, make_template, no_regularizer, variable_scope)
from ._session import (InteractiveSession, Session, get_default_session,
                       global_variables_initializer, group, local_variables_initializer, no_op,
                       variables_initializer)
from ._ops import (abs, add, cast, ceil, concat, constant, convert_to_tensor, divide, equal, exp,
                   floor, gather, greater, greater_equal, identity, less, less_equal, log, matmul,
                   maximum, minimum, multiply, negative, not_equal, ones, placeholder, pow,
                   random_normal, random_uniform, reduce_max, reduce_mean, reduce_min,
                   reduce_prod, reduce_sum, reshape, rsqrt, sigmoid, split, sqrt, square,
                   squared_difference, stack, subtract, tanh, transpose, truediv,
                   truncated_normal, zeros)
from ._init_ops import (constant_initializer, glorot_normal_initializer,
                        glorot_uniform_initializer, ones_initializer, orthogonal_initializer,
                        random_normal_initializer, random_uniform_initializer,
                        truncated_normal_initializer, uniform_unit_scaling_initializer,
                        variance_scaling_initializer, zeros_initializer)
from ._partitioners import (fixed_size_partitioner, min_max_variable_partitioner,
                            variable_axis_size_partitioner)
from ._gradients import gradients, stop_gradient
from . import _ops, _init_ops, _regularizers, _training, _training_ops

_engine.install_call_sites()

__version__ = "1.15.5"
VERSION = __version__
GIT_VERSION = "scope-lens"

sub = subtract
mul = multiply
div = divide
neg = negative
initialize_all_variables = global_variables_initializer


def global_variables(scope=None):
    return get_collection(GraphKeys.GLOBAL_VARIABLES, scope)


def trainable_variables(scope=None):
    return get_collection(GraphKeys.TRAINABLE_VARIABLES, scope)


def local_variables(scope=None):
    return get_collection(GraphKeys.LOCAL_VARIABLES, scope)


def model_variables(scope=None):
    return get_collection(GraphKeys.MODEL_VARIABLES, scope)


all_variables = global_variables


def disable_v2_behavior():
    pass


def disable_eager_execution():
    pass


def enable_eager_execution(*args, **kwargs):
    raise NotImplementedError(
        "Scope Lens runs TF 1.x graph mode only: tf.enable_eager_execution is not supported.")


def executing_eagerly():
    return False


def set_random_seed(seed):
    get_default_graph()._seed = seed


class _PartialModule(_types.ModuleType):
    """A `tf.` namespace Scope Lens implements in part: other public names raise
    NotImplementedError naming them, as the `tensorflow` module itself does."""

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError("module %r has no attribute %r" % (self.__name__, name))
        raise NotImplementedError(
            "Scope Lens's tensorflow module does not implement %s.%s (TensorFlow 1.15 API)."
            % (self.__name__.replace("tensorflow", "tf", 1), name))


def _partial_module(name, doc):
    m = _PartialModule(__name__ + "." + name, doc)
    # A package, so `import tensorflow.nn.foo` reaches _MissingModuleFinder.
    m.__path__ = []
    _sys.modules[m.__name__] = m
    return m


def _module(name, doc, **attrs):
    # Every namespace is partial: a name it lacks raises NotImplementedError naming it.
    m = _partial_module(name, doc)
    m.__dict__.update(attrs)
    return m


class _MissingModuleFinder(object):
    """Last on `sys.meta_path`: `import tensorflow.X` for a module Scope Lens does not have
    raises the same NotImplementedError as `tf.X` (not ModuleNotFoundError)."""

    @staticmethod
    def find_spec(fullname, path=None, target=None):
        parts = fullname.split(".")
        if parts[0] != __name__ or len(parts) < 2 or any(p.startswith("_") for p in parts):
            return None
        raise NotImplementedError(
            "Scope Lens's tensorflow module does not implement %s (TensorFlow 1.15 API)."
            % ".".join(["tf"] + parts[1:]))


if not any(isinstance(f, _MissingModuleFinder) or type(f).__name__ == "_MissingModuleFinder"
           for f in _sys.meta_path):
    _sys.meta_path.append(_MissingModuleFinder())


nn = _module("nn", "tf.nn", relu=_ops.relu, softmax=_ops.softmax, l2_loss=_ops.l2_loss,
             sigmoid=_ops.sigmoid, tanh=_ops.tanh)
l2_loss = _ops.l2_loss

# Element-wise and array ops at `tf.`, `tf.math.`, `tf.nn.` and `tf.image.` (TF 1.15's endpoints).
_ELEMENTWISE = ("reciprocal", "sign", "rint", "log1p", "expm1", "sin", "cos", "tan", "asin",
                "acos", "atan", "sinh", "cosh", "erf", "logical_not", "is_nan", "is_inf",
                "is_finite", "round", "log_sigmoid")
for _n in _ELEMENTWISE:
    globals()[_n] = getattr(_ops, _n)
slice = _ops.slice  # noqa: A001 - TF's name
strided_slice = _ops.strided_slice
tile = _ops.tile
zeros_like = _ops.zeros_like_impl
ones_like = _ops.ones_like_impl
where = _ops.where
shape = _ops.shape
math = _partial_module("math", "tf.math")
for _n in _ELEMENTWISE + ("abs", "add", "ceil", "divide", "equal", "exp", "floor", "greater",
                          "greater_equal", "less", "less_equal", "log", "maximum", "minimum",
                          "multiply", "negative", "not_equal", "pow", "reduce_max",
                          "reduce_mean", "reduce_min", "reduce_prod", "reduce_sum", "rsqrt",
                          "sigmoid", "sqrt", "square", "squared_difference", "subtract", "tanh",
                          "truediv", "softplus", "softsign", "l2_normalize"):
    setattr(math, _n, getattr(_ops, _n))
for _n in ("softplus", "softsign", "relu6", "elu", "selu", "leaky_relu", "log_softmax",
           "l2_normalize", "embedding_lookup"):
    setattr(nn, _n, getattr(_ops, _n))
nn.lrn = nn.local_response_normalization = _ops.local_response_normalization
image = _partial_module("image", "tf.image")
image.resize_images = _ops.resize_images
image.resize_bilinear = _ops.resize_bilinear
image.resize_nearest_neighbor = _ops.resize_nearest_neighbor
image.ResizeMethod = _types.SimpleNamespace(BILINEAR=0, NEAREST_NEIGHBOR=1, BICUBIC=2, AREA=3)
newaxis = None

initializers = _module(
    "initializers", "tf.initializers",
    zeros=_init_ops.Zeros, ones=_init_ops.Ones, constant=_init_ops.Constant,
    random_normal=_init_ops.RandomNormal, truncated_normal=_init_ops.TruncatedNormal,
    random_uniform=_init_ops.RandomUniform, uniform_unit_scaling=_init_ops.UniformUnitScaling,
    variance_scaling=_init_ops.VarianceScaling, glorot_uniform=_init_ops.GlorotUniform,
    glorot_normal=_init_ops.GlorotNormal, orthogonal=_init_ops.Orthogonal,
    identity=_init_ops.Identity, he_normal=_init_ops.he_normal, he_uniform=_init_ops.he_uniform,
    lecun_normal=_init_ops.lecun_normal, lecun_uniform=_init_ops.lecun_uniform,
    global_variables=global_variables_initializer, local_variables=local_variables_initializer,
    variables=variables_initializer)
keras = _module("keras", "tf.keras")
keras.initializers = _module(
    "keras.initializers", "tf.keras.initializers",
    Zeros=_init_ops.Zeros, Ones=_init_ops.Ones, Constant=_init_ops.Constant,
    RandomNormal=_init_ops.RandomNormal, TruncatedNormal=_init_ops.TruncatedNormal,
    RandomUniform=_init_ops.RandomUniform, VarianceScaling=_init_ops.VarianceScaling,
    Orthogonal=_init_ops.Orthogonal, Identity=_init_ops.Identity,
    glorot_uniform=_init_ops.GlorotUniform, glorot_normal=_init_ops.GlorotNormal,
    he_normal=_init_ops.he_normal, he_uniform=_init_ops.he_uniform,
    lecun_normal=_init_ops.lecun_normal, lecun_uniform=_init_ops.lecun_uniform,
    zeros=_init_ops.Zeros, ones=_init_ops.Ones, constant=_init_ops.Constant)
raw_ops = _partial_module("raw_ops", "tf.raw_ops")
for _n, _f in _training_ops.RAW_OPS.items():
    setattr(raw_ops, _n, _f)
train = _training.make_module(__name__)
_sys.modules[train.__name__] = train

contrib = _module("contrib", "tf.contrib")
contrib.layers = _module(
    "contrib.layers", "tf.contrib.layers",
    l1_regularizer=_regularizers.l1_regularizer, l2_regularizer=_regularizers.l2_regularizer,
    l1_l2_regularizer=_regularizers.l1_l2_regularizer,
    sum_regularizer=_regularizers.sum_regularizer,
    apply_regularization=_regularizers.apply_regularization)


# Layer libraries (tf.layers, tf.contrib.layers / slim / framework): written once in `_lib`,
# wired here from its EXPORTS table (the static analyzer reads the same table).
nn.bias_add = _ops.bias_add
nn.conv2d = _ops.conv2d
nn.max_pool = _ops.max_pool
nn.avg_pool = _ops.avg_pool
nn.moments = _ops.moments
nn.batch_normalization = _ops.batch_normalization
nn.dropout = _ops.dropout
layers = _module("layers", "tf.layers")
keras.layers = _module("keras.layers", "tf.keras.layers")
keras.regularizers = _module("keras.regularizers", "tf.keras.regularizers")
keras.activations = _module("keras.activations", "tf.keras.activations")
keras.backend = _module("keras.backend", "tf.keras.backend")
nn.rnn_cell = _partial_module("nn.rnn_cell", "tf.nn.rnn_cell")
contrib.rnn = _partial_module("contrib.rnn", "tf.contrib.rnn")
contrib.legacy_seq2seq = _partial_module("contrib.legacy_seq2seq", "tf.contrib.legacy_seq2seq")
contrib.slim = _module("contrib.slim", "tf.contrib.slim")
contrib.slim.utils = _partial_module("contrib.slim.utils", "tf.contrib.slim.utils")
contrib.framework = _module("contrib.framework", "tf.contrib.framework")
contrib.training = _partial_module("contrib.training", "tf.contrib.training")
keras.models = _module("keras.models", "tf.keras.models")
estimator = _partial_module("estimator", "tf.estimator")
estimator.inputs = _partial_module("estimator.inputs", "tf.estimator.inputs")


def _wire_layer_libraries():
    import importlib

    from ._lib.exports import EXPORTS

    for public, target in EXPORTS.items():
        module_name, attr = target.split(":")
        value = getattr(importlib.import_module(__name__ + "._lib." + module_name), attr)
        owner = _sys.modules[__name__]
        parts = public.split(".")
        for part in parts[:-1]:
            owner = getattr(owner, part)
        setattr(owner, parts[-1], value)


_wire_layer_libraries()


def _wire_module_paths():
    """Modules TF 1 code imports by path: `tensorflow.contrib.layers.python.layers.initializers`
    (also `slim.initializers`), and a few of `tensorflow.python`'s (`framework.ops`,
    `training.training`, `platform.gfile`) with the public names they share. Every other name in
    them raises NotImplementedError naming it."""
    me = _sys.modules[__name__]
    inits = _partial_module("contrib.layers.python.layers.initializers",
                            "tf.contrib.layers.python.layers.initializers")
    for n in ("xavier_initializer", "xavier_initializer_conv2d", "variance_scaling_initializer"):
        setattr(inits, n, getattr(contrib.layers, n))
    contrib.layers.python = _partial_module("contrib.layers.python", "")
    contrib.layers.python.layers = _partial_module("contrib.layers.python.layers", "")
    contrib.layers.python.layers.initializers = contrib.slim.initializers = inits
    me.python = _partial_module("python", "")
    me.python.framework = _partial_module("python.framework", "")
    me.python.framework.ops = _partial_module("python.framework.ops", "")
    for n in ("Graph", "GraphKeys", "Operation", "Tensor", "add_to_collection",
              "control_dependencies", "convert_to_tensor", "get_collection",
              "get_default_graph", "name_scope", "reset_default_graph"):
        setattr(me.python.framework.ops, n, getattr(me, n))
    me.python.framework.dtypes = dtypes
    me.python.platform = _partial_module("python.platform", "")
    me.gfile = me.python.platform.gfile = _partial_module("gfile", "tf.gfile")
    _sys.modules[__name__ + ".python.platform.gfile"] = me.gfile
    me.python.training = _partial_module("python.training", "")
    me.python.training.training = train




def _wire_more_ops():
    """TF 1.15's math, array, `tf.nn` ops and `tf.losses` of `_more_ops` / `_losses`."""
    from . import _losses, _more_ops

    mod = _sys.modules[__name__]
    for n in ("reduce_any", "reduce_all", "reduce_logsumexp", "argmax", "argmin", "cumsum",
              "add_n", "logical_and", "logical_or", "logical_xor", "to_float", "to_int32",
              "expand_dims", "squeeze", "unstack",
              "one_hot", "size", "rank", "range", "fill", "reverse", "pad", "gather_nd",
              "sequence_mask", "boolean_mask", "tensordot"):
        setattr(mod, n, getattr(_more_ops, n))
        if not n.startswith("to_"):
            setattr(math, n, getattr(_more_ops, n))
    def tf_mod(x, y, name=None):
        return _ops.mod(x, y, name=name or "FloorMod")

    mod.floordiv = math.floordiv = _ops.floordiv
    mod.mod = math.mod = math.floormod = tf_mod
    for n in ("squared_difference", "sign", "log1p"):
        setattr(mod, n, getattr(_ops, n))
    mod.tuple = _more_ops.tuple_
    mod.reverse_sequence = _more_ops.reverse_sequence
    for n in ("conv3d", "conv3d_transpose", "max_pool3d", "avg_pool3d"):
        setattr(nn, n, getattr(_more_ops, n))

    def where(condition, x=None, y=None, name=None):
        if x is None and y is None:
            return _more_ops.where_indices(condition, name=name)
        return _ops.where(condition, x, y, name=name)

    mod.where = where
    mod.sort = _more_ops.sort
    mod.argsort = _more_ops.argsort
    mod.scatter_nd = _more_ops.scatter_nd
    mod.multinomial = _more_ops.multinomial
    mod.div_no_nan = math.divide_no_nan = _losses.div_no_nan
    for n in ("enable_resource_variables", "disable_resource_variables",
              "resource_variables_enabled"):
        setattr(mod, n, getattr(_variable_scope, n))
    mod.space_to_batch_nd = _more_ops.space_to_batch_nd
    mod.batch_to_space_nd = _more_ops.batch_to_space_nd
    nn.convolution = _more_ops.convolution
    nn.atrous_conv2d = _more_ops.atrous_conv2d
    for n in ("softmax", "top_k", "in_top_k", "sigmoid_cross_entropy_with_logits",
              "softmax_cross_entropy_with_logits", "softmax_cross_entropy_with_logits_v2",
              "sparse_softmax_cross_entropy_with_logits"):
        setattr(nn, n, getattr(_more_ops, n))
    for n in ("relu", "sigmoid", "tanh", "l2_loss", "log_softmax", "l2_normalize"):
        setattr(nn, n, getattr(_ops, n))
    nn.softmax_v2 = _more_ops.softmax
    nn.fused_batch_norm = _more_ops.fused_batch_norm
    for n in ("conv1d", "conv2d_transpose", "depthwise_conv2d", "separable_conv2d"):
        setattr(nn, n, getattr(_more_ops, n))
    mod.metrics = _partial_module("metrics", "tf.metrics")
    mod.metrics.accuracy = _more_ops.accuracy
    mod.metrics.mean = _more_ops.mean
    mod.losses = _module("losses", "tf.losses", Reduction=_losses.Reduction)
    for n in ("mean_squared_error", "absolute_difference", "huber_loss", "log_loss",
              "sigmoid_cross_entropy", "softmax_cross_entropy", "sparse_softmax_cross_entropy",
              "compute_weighted_loss", "hinge_loss", "cosine_distance",
              "get_losses", "get_regularization_losses", "get_regularization_loss",
              "get_total_loss"):
        setattr(mod.losses, n, getattr(_losses, n))


_wire_more_ops()
_wire_module_paths()


def _state_op(method):
    def op(ref, value, validate_shape=None, use_locking=None, name=None):
        if validate_shape is False:
            raise NotImplementedError("Scope Lens's tensorflow module does not implement "
                                      "tf.%s with validate_shape=False." % method)
        # TF 1.15's state_ops: `assign_add`/`assign_sub` of a resource variable call its
        # method without the name (`ref.assign_sub(value)`), so the op is named by its type
        # in the current name scope (`AssignMovingAvg/AssignSubVariableOp`).
        if method != "assign" and getattr(ref, "_is_resource_variable", False):
            return getattr(ref, method)(value)
        return getattr(ref, method)(value, name=name)

    op.__name__ = method
    return op


# `tf.assign(ref, value)` and friends: TF 1.15's state_ops on a variable are its own methods.
assign, assign_add, assign_sub = (_state_op(m) for m in ("assign", "assign_add", "assign_sub"))
from ._ops import placeholder_with_default, scatter_add, scatter_sub  # noqa: E402
from ._check_ops import (Assert, assert_equal, assert_greater, assert_greater_equal,  # noqa: E402
                         assert_less, assert_less_equal)
# tf.range converts tensor bounds and casts to their widest dtype as math_ops.range does.
from ._ops import range_ as range  # noqa: E402,A004

# TF 1.15's SparseTensor and the sparse ops (_sparse.py), and their `tf.sparse` names.
from ._sparse import (SparseTensor, SparseTensorValue, sparse_placeholder,  # noqa: E402
                      sparse_retain, sparse_tensor_dense_matmul, sparse_tensor_to_dense)

sparse = _module("sparse", "tf.sparse", SparseTensor=SparseTensor, placeholder=sparse_placeholder,
                 sparse_dense_matmul=sparse_tensor_dense_matmul,
                 matmul=sparse_tensor_dense_matmul, retain=sparse_retain,
                 to_dense=sparse_tensor_to_dense)
from ._sparse import (sparse_add, sparse_concat, sparse_reduce_sum,  # noqa: E402
                      sparse_reduce_sum_sparse, sparse_reorder, sparse_reshape, sparse_softmax,
                      sparse_to_dense)

sparse.add = sparse_add
sparse.concat = sparse_concat
sparse.reduce_sum = sparse_reduce_sum
sparse.reduce_sum_sparse = sparse_reduce_sum_sparse
sparse.reorder = sparse_reorder
sparse.reshape = sparse_reshape
from ._sparse import sparse_transpose  # noqa: E402

sparse.transpose = sparse_transpose
sparse.softmax = sparse_softmax

# TF 1.15's v1 control flow (_control_flow.py): tf.cond, tf.case, contrib's smart_cond.
from ._control_flow import case, cond, while_loop  # noqa: E402
from . import _control_flow  # noqa: E402

contrib.framework.smart_cond = _control_flow.smart_cond

# TF 1.15's v1 TensorArray (_tensor_array.py): TensorArrayV3 and its flow.
from ._tensor_array import TensorArray  # noqa: E402


class _CompatV1(_types.ModuleType):
    """`tf.compat.v1`: the same API (`tf.compat.v1.X` is `tf.X`)."""

    def __getattr__(self, name):
        return getattr(_sys.modules[__name__], name)

    def __dir__(self):
        return dir(_sys.modules[__name__])


from . import _platform

globals().update(_platform.make_modules(__name__, _partial_module))

compat = _module("compat", "tf.compat")
compat.v1 = _CompatV1(__name__ + ".compat.v1", "tf.compat.v1")
_sys.modules[compat.v1.__name__] = compat.v1


def __getattr__(name):
    if name.startswith("_"):
        raise AttributeError("module 'tensorflow' has no attribute %r" % name)
    raise NotImplementedError(
        "Scope Lens's tensorflow module does not implement tf.%s (TensorFlow 1.15 API)." % name)


def _reset_for_run():
    """Called by the runner before each run: a fresh default graph and no leftover sessions."""
    from . import _framework, _session, _variables, _variable_scope

    _engine.clear_refs()
    _engine.install_call_sites()
    _platform.reset()
    _framework._GRAPHS.clear()
    _variables._WRAPPERS.clear()
    _variable_scope._SCOPES.clear()
    del _session._DEFAULT_SESSIONS[:]
    del _variable_scope.EVENTS[:]
    _variable_scope._DEFAULT_USE_RESOURCE[0] = False
