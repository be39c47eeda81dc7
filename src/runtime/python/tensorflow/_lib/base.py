"""`tf.layers.Layer` (TF 1.15's `python/layers/base.py`) and Keras's base layer under it
(`tf.keras.layers.Layer`, TF 1.15's `keras/engine/base_layer.py` in graph mode), as far as they
name, create, share and shape variables. One class: `_keras_style` (TF 1.15's own flag on
`tf.layers.Layer`) selects Keras's behaviour, which `tf.keras.layers` classes set.

`tf.layers` (`_keras_style = False`):

* `layer.name`: the given name, else `<snake_case class name>_<n>`, n counted per graph from 1
  (Keras's `unique_object_name(..., zero_based=False)`).
* The variable scope: `_scope=` (the functional forms pass their `name`) is entered verbatim at
  construction; otherwise it is fixed at the first call (or first `add_weight`) as
  `variable_scope(None, default_name=<base name>)`, or `variable_scope(<base name>)` with
  `_reuse`. Later calls of a built layer re-enter it with `reuse=True`.
* Ops are made in the scope's original name scope; regularizer losses in
  `<that>/<weight>/Regularizer/` and REGULARIZATION_LOSSES; updates go to UPDATE_OPS after each
  call.

Keras (`_keras_style = True`):

* `layer.name`: the given name, else `<snake_case class name>`, then `_1`, `_2`, ... from the
  same per-graph counter (`unique_object_name(..., zero_based=True)`): after an unnamed
  `tf.layers.Dense` (`dense_1`) an unnamed Keras `Dense` is `dense_1` too.
* `__call__` opens `tf.name_scope(layer.name)` (unique: a second call is `dense_1/`), builds on
  the first call inside it, then calls `call`. No variable scope: `add_weight` makes a resource
  `tf.Variable` named by the current name scope (`foo/dense/kernel:0`), which a variable scope's
  `reuse` never shares.
* Weight regularizers stay in `layer.losses` as callables, evaluated (in
  `<variable name>/Regularizer/`) each time `losses` is read; nothing reaches
  REGULARIZATION_LOSSES. Updates stay in `layer.updates`; nothing reaches UPDATE_OPS.
* The weights, updates and losses of the layers held in attributes (or lists of them) count as
  the layer's own.
"""
import tensorflow as tf

from tensorflow._lib import _support, keras_nodes, keras_utils

# Per-graph layer-name counters (Keras's uid map) live in this graph collection.
LAYER_NAMES_KEY = "__scope_lens_layer_names"
# The collections every weight reads (looked up once: each lookup is a step of the analysis).
_GLOBAL_VARIABLES = tf.GraphKeys.GLOBAL_VARIABLES
_TRAINABLE_VARIABLES = tf.GraphKeys.TRAINABLE_VARIABLES

_KNOWN_KWARGS = ["input_shape", "batch_input_shape", "batch_size", "weights", "autocast",
                 "activity_regularizer", "_scope", "_reuse"]
_KERAS_KWARGS = ["input_shape", "batch_input_shape", "batch_size", "weights",
                 "activity_regularizer", "dynamic", "autocast"]


class _NameCounts(object):
    """How many times each base name was handed out in one graph."""

    def __init__(self):
        self.counts = {}

    def next(self, base):
        n = self.counts.get(base, 0) + 1
        self.counts[base] = n
        return n

    def next_zero_based(self, base):
        """Keras's `zero_based=True`: the count before this one (0 for the first)."""
        n = self.counts.get(base, 0)
        self.counts[base] = n + 1
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


def _dedup(items):
    # Variables compare by identity here.
    unique = []
    for item in items:
        if item not in unique:
            unique.append(item)
    return unique


def _is_layer(value):
    return isinstance(value, Layer)


class Layer(object):
    """TF 1.15's `tf.layers.Layer`; with `_keras_style`, Keras's base layer."""

    _keras_style = False

    def __init__(self, trainable=True, name=None, dtype=None, **kwargs):
        known = _KNOWN_KWARGS
        if self._keras_style:
            known = _KERAS_KWARGS
        for key in kwargs:
            if key not in known:
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
        self._callable_losses = []
        self.input_spec = None
        if self._keras_style:
            self._init_keras_input_shape(kwargs)
        self._init_set_name(name)
        self._scope = None
        self._current_scope = None
        if scope:
            with tf.variable_scope(scope) as captured_scope:
                self._scope = captured_scope

    def _init_keras_input_shape(self, kwargs):
        """Keras keeps `batch_input_shape` (or `(batch_size,) + input_shape`) for the model
        that starts with the layer."""
        self._batch_input_shape = None
        if "batch_input_shape" in kwargs:
            self._batch_input_shape = tuple(kwargs["batch_input_shape"])
        elif "input_shape" in kwargs:
            self._batch_input_shape = (kwargs.get("batch_size", None),) + tuple(
                kwargs["input_shape"])

    # -- names and scopes --------------------------------------------------------------------
    def _init_set_name(self, name):
        if self._keras_style:
            if name:
                self._name = name
            else:
                base = to_snake_case(_support.class_name(self))
                n = _graph_name_counts().next_zero_based(base)
                self._name = base if n == 0 else base + "_" + str(n)
            self._base_name = self._name
            return
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
        if self._keras_style:
            return self.name
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
    def _sublayers(self):
        """Keras: the layers this one holds in attributes, or in lists or tuples of them (as
        Keras's attribute tracking finds them), in the order they were set."""
        if not self._keras_style:
            return []
        found = []
        for value in _support.attribute_values(self):
            if _is_layer(value):
                found.append(value)
            elif isinstance(value, (list, tuple)):
                for item in value:
                    if _is_layer(item):
                        found.append(item)
        return found

    def _gather_children(self, attribute):
        gathered = []
        for layer in self._sublayers():
            if attribute == "trainable_weights":
                items = layer.trainable_weights
            elif attribute == "non_trainable_weights":
                items = layer.non_trainable_weights
            elif attribute == "weights":
                items = layer.weights
            elif attribute == "updates":
                items = layer.updates
            else:
                items = layer.losses
            for item in items:
                if item not in gathered:
                    gathered.append(item)
        return gathered

    @property
    def trainable_weights(self):
        if self.trainable:
            if self._keras_style:
                return _dedup(self._trainable_weights
                                   + self._gather_children("trainable_weights"))
            return list(self._trainable_weights)
        return []

    @property
    def non_trainable_weights(self):
        if self.trainable:
            if self._keras_style:
                return _dedup(self._non_trainable_weights
                                   + self._gather_children("non_trainable_weights"))
            return list(self._non_trainable_weights)
        if self._keras_style:
            return _dedup(self._trainable_weights + self._non_trainable_weights
                               + self._gather_children("weights"))
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
        if self._keras_style:
            return list(self._updates) + self._gather_children("updates")
        return list(self._updates)

    @property
    def losses(self):
        if not self._keras_style:
            return list(self._losses)
        # Keras evaluates each weight regularizer again every time (a new name scope each).
        collected = list(self._losses)
        for loss_fn in self._callable_losses:
            loss = loss_fn()
            if loss is not None:
                collected.append(loss)
        return collected + self._gather_children("losses")

    def add_weight(self, name=None, shape=None, dtype=None, initializer=None, regularizer=None,
                   trainable=None, constraint=None, use_resource=None, synchronization=None,
                   aggregation=None, partitioner=None, **kwargs):
        if self._keras_style:
            return self._keras_add_weight(name, shape, dtype, initializer, regularizer,
                                          trainable, constraint, use_resource, kwargs)
        if trainable is None:
            trainable = True
        # The collection itself, not a copy: a weight of a large model would copy every
        # variable before it.
        existing = len(tf.get_collection_ref(_GLOBAL_VARIABLES))
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
                    initializer = self._default_initializer(name, dtype)
                variable = tf.get_variable(name, shape=shape, dtype=dtype,
                                           initializer=initializer,
                                           trainable=trainable and self.trainable,
                                           constraint=constraint, partitioner=partitioner,
                                           use_resource=use_resource)
                if regularizer and len(tf.get_collection_ref(_GLOBAL_VARIABLES)) > existing:
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

    def _keras_add_weight(self, name, shape, dtype, initializer, regularizer, trainable,
                          constraint, use_resource, kwargs):
        """Keras's `add_weight` → `base_layer_utils.make_variable`: a `tf.Variable` (resource
        by default) named `name` in the current name scope, its value from
        `initializer(shape, dtype=dtype)`. Variable scopes play no part."""
        for key in kwargs:
            if key not in ("autocast", "getter", "collections", "experimental_autocast",
                           "caching_device"):
                raise TypeError("Unknown keyword argument:", key)
        # A TensorShape, or dimensions as Dimensions (`input_shape[1]`): plain ints.
        shape = tf.TensorShape(shape if shape is not None else ()).as_list()
        if dtype is None:
            dtype = self._dtype
        if dtype is None:
            dtype = keras_utils.floatx()
        dtype = tf.as_dtype(dtype)
        if self._dtype is None:
            self._dtype = dtype.base_dtype
        initializer = keras_utils.get_initializer(initializer)
        regularizer = keras_utils.get_regularizer(regularizer)
        if trainable is None:
            trainable = True
        if initializer is None:
            initializer = self._default_initializer(name, dtype)
        if use_resource is None:
            use_resource = True
        variable = _make_variable(name, shape, dtype, initializer, trainable, constraint,
                                  use_resource)
        if regularizer is not None:
            name_in_scope = variable.name[:variable.name.find(":")]
            self._callable_losses.append(
                _regularization_loss(name_in_scope, variable, regularizer))
        if trainable:
            self._trainable_weights.append(variable)
        else:
            self._non_trainable_weights.append(variable)
        return variable

    def _maybe_build(self, inputs):
        """The first call builds the layer from its inputs' static shapes."""
        if self.built:
            return
        if isinstance(inputs, (list, tuple)):
            shapes = [x.get_shape() for x in inputs]
        else:
            shapes = inputs.get_shape()
        self.build(shapes)
        self.built = True

    def _default_initializer(self, name, dtype):
        """Keras's default for a weight given none: Glorot uniform for floats, zeros for ints
        and bools, else TF's error."""
        if _support.floating(dtype):
            return tf.glorot_uniform_initializer()
        if dtype.is_integer or dtype.is_unsigned or dtype.is_bool:
            return tf.zeros_initializer()
        raise ValueError("An initializer for variable %s of type %s is required for layer %s"
                         % (name, dtype.base_dtype, self.name))

    def add_variable(self, *args, **kwargs):
        """The deprecated alias of `add_weight`."""
        return self.add_weight(*args, **kwargs)

    def _is_trainable(self, variable):
        """False when a custom getter overrode `trainable` (TF moves such a weight)."""
        # Variables compare by identity, as TF 1.15's `variable not in trainable_variables()`.
        trainable = tf.get_collection_ref(_TRAINABLE_VARIABLES)
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
                if self._keras_style and callable(loss):
                    self._callable_losses.append(loss)
                else:
                    new.append(loss)
        self._losses.extend(new)
        if not self._keras_style:
            _add_to_collection_once(tf.GraphKeys.REGULARIZATION_LOSSES, new)

    def add_update(self, updates, inputs=None):
        # Keras keeps each update's op (an assignment's, a cond's Merge).
        if not isinstance(updates, (list, tuple)):
            updates = [updates]
        for u in updates:
            self._updates.append(_support.update_op(u))

    # -- calling ------------------------------------------------------------------------------
    def build(self, input_shape):
        self.built = True

    def call(self, inputs, **kwargs):
        return inputs

    def compute_output_shape(self, input_shape):
        raise NotImplementedError

    def _keras_call(self, inputs, args, kwargs):
        """Keras's `__call__` in graph mode: the layer's name as a (unique) name scope, the
        build on the first call inside it, then `call`."""
        with tf.name_scope(self._name_scope()):
            if not self.built:
                first = inputs
                if isinstance(inputs, (list, tuple)):
                    first = inputs[0]
                if self._dtype is None:
                    self._dtype = first.dtype.base_dtype
                self._maybe_build(inputs)
            outputs = self.call(inputs, *args, **kwargs)
            if outputs is None:
                raise ValueError("A layer's `call` method should return a Tensor or a list of "
                                 "Tensors, not None (layer: " + self.name + ").")
            if self._activity_regularizer is not None:
                self._keras_activity_regularization(outputs)
        keras_nodes.record_call(self, inputs, outputs, args, kwargs)
        return outputs

    def _keras_activity_regularization(self, outputs):
        """Keras: the regularizer of each output over its batch size, in
        `ActivityRegularizer/`, one loss per output."""
        flat = outputs
        if not isinstance(outputs, (list, tuple)):
            flat = [outputs]
        with tf.name_scope("ActivityRegularizer"):
            for output in flat:
                activity_loss = tf.convert_to_tensor(self._activity_regularizer(output))
                batch_size = tf.cast(tf.shape(output)[0], activity_loss.dtype)
                self._losses.append(activity_loss / batch_size)

    def __call__(self, inputs, *args, **kwargs):
        inputs = _support.graph_tensor(inputs)
        if self._keras_style:
            return self._keras_call(inputs, args, kwargs)
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
                self._maybe_build(inputs)
                outputs = self.call(inputs, *args, **kwargs)
                if self._activity_regularizer is not None:
                    raise NotImplementedError(
                        "Scope Lens does not implement activity_regularizer on tf.layers yet.")
        _add_to_collection_once(tf.GraphKeys.UPDATE_OPS, self.updates)
        return outputs

    def apply(self, inputs, *args, **kwargs):
        return self.__call__(inputs, *args, **kwargs)


def _make_variable(name, shape, dtype, initializer, trainable, constraint, use_resource):
    """Keras's `base_layer_utils.make_variable`: `tf.Variable` of `initializer(shape, dtype)`,
    its static shape given as `shape`."""

    def initial_value():
        return initializer(shape, dtype=dtype)

    return tf.Variable(initial_value, name=name, trainable=trainable, dtype=dtype.base_dtype,
                       constraint=constraint, use_resource=use_resource, shape=shape)


def _regularization_loss(name_in_scope, variable, regularizer):
    """Keras's weight regularization: a callable loss, evaluated in
    `<variable name>/Regularizer/` under the name scope current when it is called."""

    def loss_for_variable():
        with tf.name_scope(name_in_scope + "/Regularizer"):
            return regularizer(variable)

    return loss_for_variable


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
