"""`tf.layers.Layer` (TF 1.15's `python/layers/base.py` over Keras's base layer), as far as it
names, creates, shares and shapes variables.

* `layer.name`: the given name, else `<snake_case class name>_<n>`, n counted per graph from 1
  (Keras's `unique_object_name(..., zero_based=False)`).
* The variable scope: `_scope=` (the functional forms pass their `name`) is entered verbatim at
  construction; otherwise it is fixed at the first call (or first `add_weight`) as
  `variable_scope(None, default_name=<base name>)`, or `variable_scope(<base name>)` with
  `_reuse`. Later calls of a built layer re-enter it with `reuse=True`.
* Ops are made in the scope's original name scope; regularizer losses in
  `<that>/<weight>/Regularizer/` and REGULARIZATION_LOSSES; updates go to UPDATE_OPS after each
  call.
"""
import tensorflow as tf

from tensorflow._lib import _support

# Per-graph layer-name counters (Keras's uid map) live in this graph collection.
LAYER_NAMES_KEY = "__scope_lens_layer_names"

_KNOWN_KWARGS = ["input_shape", "batch_input_shape", "batch_size", "weights", "autocast",
                 "activity_regularizer", "_scope", "_reuse"]


class _NameCounts(object):
    """How many times each base name was handed out in one graph."""

    def __init__(self):
        self.counts = {}

    def next(self, base):
        n = self.counts.get(base, 0) + 1
        self.counts[base] = n
        return n


def _graph_name_counts():
    found = tf.get_collection(LAYER_NAMES_KEY)
    if found:
        return found[0]
    counts = _NameCounts()
    tf.add_to_collection(LAYER_NAMES_KEY, counts)
    return counts


def _is_upper(c):
    return "A" <= c <= "Z"


def _is_lower(c):
    return "a" <= c <= "z"


def _is_lower_or_digit(c):
    return _is_lower(c) or "0" <= c <= "9"


_SNAKE_CASE = {}


def to_snake_case(name):
    """Keras's `to_snake_case`: `BatchNormalization` → `batch_normalization`, `Conv2DTranspose`
    → `conv2d_transpose`, `BasicLSTMCell` → `basic_lstm_cell` (a leading `_` → `private_`)."""
    # Every layer asks for its class's name: each class is converted once.
    if name in _SNAKE_CASE:
        return _SNAKE_CASE[name]
    snake = _to_snake_case(name)
    _SNAKE_CASE[name] = snake
    return snake


def _to_snake_case(name):
    n = len(name)
    # Pass 1: '_' before each capitalised word (an upper-case letter followed by lower-case
    # letters or digits) that has a character before it.
    first = ""
    skip_to = 0
    for i in range(n):
        if i < skip_to:
            continue
        if i + 2 < n and _is_upper(name[i + 1]) and _is_lower_or_digit(name[i + 2]):
            end = i + 3
            for j in range(i + 3, n):
                if end == j and _is_lower_or_digit(name[j]):
                    end = j + 1
            first = first + name[i] + "_" + name[i + 1:end]
            skip_to = end
        else:
            first = first + name[i]
    # Pass 2: '_' between a lower-case letter and an upper-case one.
    second = ""
    skip_to = 0
    m = len(first)
    for i in range(m):
        if i < skip_to:
            continue
        if i + 1 < m and _is_lower(first[i]) and _is_upper(first[i + 1]):
            second = second + first[i] + "_" + first[i + 1]
            skip_to = i + 2
        else:
            second = second + first[i]
    lowered = second.lower()
    if lowered[0] != "_":
        return lowered
    return "private" + lowered


def _add_to_collection_once(key, items):
    # Ops and tensors compare by identity, so `in` is `is` here (and runs as one step).
    present = tf.get_collection(key)
    for item in items:
        if item not in present:
            tf.add_to_collection(key, item)


class Layer(object):
    """TF 1.15's `tf.layers.Layer`."""

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        for key in kwargs:
            if key not in _KNOWN_KWARGS:
                raise TypeError("Keyword argument not understood:", key)
        scope = kwargs.get("_scope", None)
        self._reuse = kwargs.get("_reuse", None)
        self._activity_regularizer = kwargs.get("activity_regularizer", None)
        self.trainable = trainable
        self.built = False
        self._dtype = None if dtype is None else tf.as_dtype(dtype).base_dtype
        self._trainable_weights = []
        self._non_trainable_weights = []
        self._updates = []
        self._losses = []
        self.input_spec = None
        self._init_set_name(name)
        self._scope = None
        self._current_scope = None
        if scope:
            with tf.variable_scope(scope) as captured_scope:
                self._scope = captured_scope

    # -- names and scopes --------------------------------------------------------------------
    def _init_set_name(self, name):
        if isinstance(name, tf.VariableScope):
            self._name = self._make_unique_name()
            self._base_name = name.name
        elif name:
            self._name = name
            self._base_name = name
        else:
            self._name = self._make_unique_name()
            self._base_name = to_snake_case(_support.class_name(self))

    def _make_unique_name(self):
        base = to_snake_case(_support.class_name(self))
        return base + "_" + str(_graph_name_counts().next(base))

    def _set_scope(self, scope=None):
        if self._scope is None:
            if self._reuse:
                target = scope
                if target is None:
                    target = self._base_name
                with tf.variable_scope(target) as captured_scope:
                    self._scope = captured_scope
            else:
                with tf.variable_scope(scope, default_name=self._base_name) as captured_scope:
                    self._scope = captured_scope

    def _name_scope(self):
        return self._current_scope.original_name_scope

    @property
    def name(self):
        return self._name

    @property
    def scope_name(self):
        if not self._scope:
            raise ValueError(
                'No name available for layer scope because the layer "' + self._name
                + '" has not been used yet. The scope name  is determined the first time the '
                "layer instance is called. You must therefore call the layer before querying "
                "`scope_name`.")
        return self._scope.name

    @property
    def dtype(self):
        if self._dtype is None:
            return None
        return self._dtype.name

    # -- weights ------------------------------------------------------------------------------
    @property
    def trainable_weights(self):
        if self.trainable:
            return list(self._trainable_weights)
        return []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            return list(self._non_trainable_weights)
        return self._trainable_weights + self._non_trainable_weights

    @property
    def weights(self):
        return self.trainable_weights + self.non_trainable_weights

    @property
    def variables(self):
        return self.weights

    @property
    def trainable_variables(self):
        return self.trainable_weights

    @property
    def non_trainable_variables(self):
        return self.non_trainable_weights

    @property
    def updates(self):
        # Keras: a non-trainable (and stateless) layer reports no updates, so none reach
        # UPDATE_OPS.
        if not self.trainable:
            return []
        return list(self._updates)

    @property
    def losses(self):
        return list(self._losses)

    def add_weight(self, name, shape, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, use_resource=None, synchronization=None,
                   aggregation=None, partitioner=None, **kwargs):
        if trainable is None:
            trainable = True
        existing = len(tf.global_variables())
        if dtype is None:
            dtype = self._dtype
        if dtype is None:
            dtype = tf.float32
        dtype = tf.as_dtype(dtype)
        self._set_scope(None)
        reuse = self.built or self._reuse
        with tf.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as scope:
            self._current_scope = scope
            with tf.name_scope(scope.original_name_scope):
                if initializer is None:
                    initializer = scope.initializer
                if initializer is None:
                    if dtype.is_floating:
                        initializer = tf.glorot_uniform_initializer()
                    elif dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
                        initializer = tf.zeros_initializer()
                    else:
                        raise ValueError("An initializer for variable %s of type %s is "
                                         "required for layer %s" % (name, dtype.base_dtype,
                                                                    self.name))
                variable = tf.get_variable(name, shape=shape, dtype=dtype,
                                           initializer=initializer,
                                           trainable=trainable and self.trainable,
                                           constraint=constraint, partitioner=partitioner,
                                           use_resource=use_resource)
                if regularizer and len(tf.global_variables()) > existing:
                    self._handle_weight_regularization(name, variable, regularizer)
        # Keras tracks a partitioned variable's parts one by one.
        tracked = [variable]
        if isinstance(variable, tf.PartitionedVariable):
            tracked = list(variable)
        if trainable and self.trainable and self._is_trainable(variable):
            self._trainable_weights.extend(tracked)
        else:
            self._non_trainable_weights.extend(tracked)
        return variable

    def add_variable(self, *args, **kwargs):
        """The deprecated alias of `add_weight`."""
        return self.add_weight(*args, **kwargs)

    def _is_trainable(self, variable):
        """False when a custom getter overrode `trainable` (TF moves such a weight)."""
        # Variables compare by identity, as TF 1.15's `variable not in trainable_variables()`.
        trainable = tf.trainable_variables()
        if isinstance(variable, tf.PartitionedVariable):
            for v in variable:
                if v not in trainable:
                    return False
            return True
        return variable in trainable

    def _handle_weight_regularization(self, name, variable, regularizer):
        parts = [variable]
        if isinstance(variable, tf.PartitionedVariable):
            parts = list(variable)
        for v in parts:
            with tf.name_scope(name + "/Regularizer"):
                loss = regularizer(v)
            if loss is not None:
                self.add_loss(loss)

    def add_loss(self, losses, inputs=None):
        if not isinstance(losses, (list, tuple)):
            losses = [losses]
        new = []
        for loss in losses:
            if loss is not None:
                new.append(loss)
        self._losses.extend(new)
        _add_to_collection_once(tf.GraphKeys.REGULARIZATION_LOSSES, new)

    def add_update(self, updates, inputs=None):
        if not isinstance(updates, (list, tuple)):
            updates = [updates]
        for u in updates:
            self._updates.append(u)

    # -- calling ------------------------------------------------------------------------------
    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        raise NotImplementedError

    def __call__(self, inputs, *args, **kwargs):
        inputs = _support.graph_tensor(inputs)
        scope = kwargs.pop("scope", None)
        self._set_scope(scope)
        reuse = self._reuse
        if self.built:
            reuse = True
        with tf.variable_scope(self._scope, reuse=reuse, auxiliary_name_scope=False) as sc:
            self._current_scope = sc
            with tf.name_scope(sc.original_name_scope):
                if self._dtype is None:
                    first = inputs
                    if isinstance(inputs, (list, tuple)):
                        first = inputs[0]
                    self._dtype = first.dtype.base_dtype
                if not self.built:
                    if isinstance(inputs, (list, tuple)):
                        shapes = [x.get_shape() for x in inputs]
                    else:
                        shapes = inputs.get_shape()
                    self.build(shapes)
                    self.built = True
                outputs = self.call(inputs, *args, **kwargs)
                if self._activity_regularizer is not None:
                    raise NotImplementedError(
                        "Scope Lens does not implement activity_regularizer on tf.layers yet.")
        _add_to_collection_once(tf.GraphKeys.UPDATE_OPS, self.updates)
        return outputs

    def apply(self, inputs, *args, **kwargs):
        return self.__call__(inputs, *args, **kwargs)


class InputSpec(object):
    """`tf.layers.InputSpec`: what a layer expects of its inputs (recorded, not checked)."""

    def __init__(self, dtype=None, shape=None, ndim=None, max_ndim=None, min_ndim=None,
                 axes=None):
        self.dtype = dtype
        self.shape = shape
        self.ndim = ndim
        self.max_ndim = max_ndim
        self.min_ndim = min_ndim
        self.axes = axes or {}
