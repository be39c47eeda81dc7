"""What TF 1.15's Keras layers look up by name or keep per graph: `initializers.get`,
`regularizers.get` (and the `L1L2` regularizer), `activations.get`, and the backend's
`floatx()` and `learning_phase()`."""
import tensorflow as tf

# The learning-phase placeholder of each graph lives in this graph collection.
LEARNING_PHASE_KEY = "__scope_lens_keras_learning_phase"


def floatx():
    """`tf.keras.backend.floatx()`: Keras's default float type."""
    return "float32"


class _LearningPhase(object):
    """A graph's learning phase: the placeholder, or the value `set_learning_phase` gave."""

    def __init__(self):
        self.value = None


def _graph_learning_phase():
    found = tf.get_collection(LEARNING_PHASE_KEY)
    if found:
        return found[0]
    phase = _LearningPhase()
    tf.add_to_collection(LEARNING_PHASE_KEY, phase)
    return phase


def learning_phase():
    """`tf.keras.backend.learning_phase()` in graph mode: the value `set_learning_phase` gave
    this graph, else one `keras_learning_phase` placeholder_with_default(False) per graph, made
    at the graph's root name scope."""
    phase = _graph_learning_phase()
    if phase.value is None:
        with tf.name_scope(None):
            phase.value = tf.placeholder_with_default(False, shape=(),
                                                      name="keras_learning_phase")
    return phase.value


def set_learning_phase(value):
    """`tf.keras.backend.set_learning_phase(0 or 1)`: the default graph's learning phase from
    now on (Dropout and BatchNormalization then build no cond)."""
    if value not in (0, 1):
        raise ValueError("Expected learning phase to be 0 or 1.")
    _graph_learning_phase().value = value


def clear_session():
    """`tf.keras.backend.clear_session()`: a new default graph, so layer names, the learning
    phase and every other per-graph counter start again."""
    tf.reset_default_graph()


def int_shape(x):
    """`tf.keras.backend.int_shape`: the static shape as a tuple (None where not known)."""
    shape = x.get_shape()
    if shape.ndims is None:
        return None
    return tuple(shape.as_list())


def image_data_format():
    return "channels_last"


def epsilon():
    return 1e-7


def get_initializer(identifier):
    """Keras's `initializers.get` (TF 1.15, V1 classes): None, an initializer, or its name.
    The `random_*`/`truncated_normal` names have Keras's own defaults (0.05)."""
    if identifier is None or not isinstance(identifier, str):
        return identifier
    if identifier in ("zeros", "zero", "Zeros"):
        return tf.zeros_initializer()
    if identifier in ("ones", "one", "Ones"):
        return tf.ones_initializer()
    if identifier in ("constant", "Constant"):
        return tf.constant_initializer()
    if identifier in ("glorot_uniform", "GlorotUniform"):
        return tf.glorot_uniform_initializer()
    if identifier in ("glorot_normal", "GlorotNormal"):
        return tf.glorot_normal_initializer()
    if identifier in ("random_normal", "normal", "RandomNormal"):
        return tf.random_normal_initializer(stddev=0.05)
    if identifier in ("random_uniform", "uniform", "RandomUniform"):
        return tf.random_uniform_initializer(-0.05, 0.05)
    if identifier in ("truncated_normal", "TruncatedNormal"):
        return tf.truncated_normal_initializer(stddev=0.05)
    if identifier in ("orthogonal", "Orthogonal"):
        return tf.orthogonal_initializer()
    if identifier in ("identity", "Identity"):
        return tf.initializers.identity()
    if identifier == "he_normal":
        return tf.initializers.he_normal()
    if identifier == "he_uniform":
        return tf.initializers.he_uniform()
    if identifier == "lecun_normal":
        return tf.initializers.lecun_normal()
    if identifier == "lecun_uniform":
        return tf.initializers.lecun_uniform()
    if identifier in ("variance_scaling", "VarianceScaling"):
        return tf.variance_scaling_initializer()
    raise ValueError("Unknown initializer: " + identifier)


class L1L2(object):
    """`tf.keras.regularizers.L1L2` (TF 1.15): `0. + l1 * sum(|x|) + l2 * sum(x²)`, so the
    loss is an `add` op (`<weight>/Regularizer/add:0`)."""

    def __init__(self, l1=0.0, l2=0.0):
        self.l1 = float(l1)
        self.l2 = float(l2)

    def __call__(self, x):
        if not self.l1 and not self.l2:
            return tf.constant(0.0)
        regularization = 0.0
        if self.l1:
            regularization += self.l1 * tf.reduce_sum(tf.abs(x))
        if self.l2:
            regularization += self.l2 * tf.reduce_sum(tf.square(x))
        return regularization

    def get_config(self):
        return {"l1": self.l1, "l2": self.l2}


def l1(l=0.01):  # noqa: E741 - Keras's name
    return L1L2(l1=l)


def l2(l=0.01):  # noqa: E741 - Keras's name
    return L1L2(l2=l)


def l1_l2(l1=0.01, l2=0.01):
    return L1L2(l1=l1, l2=l2)


def get_regularizer(identifier):
    """Keras's `regularizers.get`: None, a callable, or `'l1'`, `'l2'`, `'l1_l2'`."""
    if identifier is None or not isinstance(identifier, str):
        return identifier
    if identifier == "l1":
        return l1()
    if identifier == "l2":
        return l2()
    if identifier == "l1_l2":
        return l1_l2()
    raise ValueError("Unknown regularizer: " + identifier)


def _linear(x):
    return x


def _softmax(x, axis=-1):
    """`tf.keras.activations.softmax`: `tf.nn.softmax` for rank 2 or more along `axis`."""
    if x.get_shape().ndims == 1:
        raise ValueError("Cannot apply softmax to a tensor that is 1D. Received input: %s" % x)
    return tf.nn.softmax(x, axis=axis)


def _relu(x, alpha=0.0, max_value=None, threshold=0):
    if alpha == 0.0 and max_value is None and threshold == 0:
        return tf.nn.relu(x)
    raise NotImplementedError("Scope Lens implements tf.keras.activations.relu only with its "
                              "defaults (alpha, max_value, threshold).")


def _elu(x, alpha=1.0):
    if alpha == 1.0:
        return tf.nn.elu(x)
    raise NotImplementedError("Scope Lens implements tf.keras.activations.elu only with "
                              "alpha=1.")


def _hard_sigmoid(x):
    x = 0.2 * x + 0.5
    return tf.clip_by_value(x, 0.0, 1.0)


linear = _linear
relu = _relu
softmax = _softmax
elu = _elu
hard_sigmoid = _hard_sigmoid
sigmoid = tf.nn.sigmoid
tanh = tf.nn.tanh
selu = tf.nn.selu
softplus = tf.nn.softplus
softsign = tf.nn.softsign
exponential = tf.exp

ACTIVATIONS = {
    "linear": _linear,
    "relu": _relu,
    "sigmoid": tf.nn.sigmoid,
    "tanh": tf.nn.tanh,
    "softmax": _softmax,
    "elu": _elu,
    "selu": tf.nn.selu,
    "softplus": tf.nn.softplus,
    "softsign": tf.nn.softsign,
    "exponential": tf.exp,
    "hard_sigmoid": _hard_sigmoid,
}


def get_activation(identifier):
    """Keras's `activations.get`: None is `linear`; a name; or the callable itself."""
    if identifier is None:
        return _linear
    if isinstance(identifier, str):
        if identifier in ACTIVATIONS:
            return ACTIVATIONS[identifier]
        raise ValueError("Unknown activation function:" + identifier)
    return identifier
