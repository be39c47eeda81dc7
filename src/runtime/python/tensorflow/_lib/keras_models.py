"""`tf.keras.Input`, `InputLayer`, `tf.keras.Model` and `tf.keras.Sequential` as TF 1.15 builds
them in graph mode (`engine/input_layer.py`, `network.py`, `sequential.py`, `training.py`,
`utils/layer_utils.print_summary`), as far as they name, create and count variables. Training
through Keras (`compile`, `fit`, `evaluate`, `predict`) is not implemented.

* `Input(shape)` makes an `InputLayer` named `input_<n>` (n counted per graph from 1) whose
  `tf.placeholder` of shape `(batch_size,) + shape` has the layer's name (`input_1:0`).
* A functional `Model(inputs, outputs)` is read from the calls that led from `inputs` to
  `outputs` (`keras_nodes`): its layers were built when they were first called on Keras
  tensors, so their variables carry no model scope (`dense/kernel:0`). Called on other tensors,
  the model runs those calls again inside its own name scope (`model/dense/...`).
* `Sequential` with an input shape on its first layer (`input_shape=`, `batch_input_shape=`,
  `input_dim=`) makes an `Input` named `<layer>_input` and calls each layer as it is added:
  `dense/kernel:0`. Without one it only keeps the layers, and its first call on a tensor
  builds them inside its name scope: `sequential/dense/kernel:0`.
* A subclassed `Model` is a Keras layer: its layers (attributes) build on its first call,
  inside its name scope (`my_model/dense/kernel:0`).
* `model.layers`, `weights`, `trainable_variables`, ..., `summary()` (TF 1.15's layout and
  widths: 65 columns, or 98 with "Connected to" for a graph that is not a chain).
"""
import tensorflow as tf

from tensorflow._lib import _support, base, keras_layers, keras_nodes, keras_recurrent

_TRAINING = "training"


def _int_shape(t):
    return tuple(t.get_shape().as_list())


class InputLayer(keras_layers.Layer):
    """A layer holding one placeholder (or a given tensor): the start of a functional graph."""

    def __init__(self, input_shape=None, batch_size=None, dtype=None, input_tensor=None,
                 sparse=False, name=None, **kwargs):
        batch_input_shape = kwargs.pop("batch_input_shape", None)
        if batch_input_shape is not None and input_shape is not None:
            raise ValueError("Only provide the input_shape OR batch_input_shape argument to "
                             "InputLayer, not both at the same time.")
        if not name:
            name = "input_" + str(base._graph_name_counts().next("input"))
        if not dtype:
            if input_tensor is None:
                dtype = "float32"
            else:
                dtype = input_tensor.dtype.base_dtype
        super().__init__(dtype=dtype, name=name, **kwargs)
        self.built = True
        self.sparse = sparse
        self.is_placeholder = input_tensor is None
        if input_tensor is None:
            if batch_input_shape is None:
                if input_shape is None:
                    batch_input_shape = None
                else:
                    batch_input_shape = (batch_size,) + tuple(input_shape)
            else:
                batch_input_shape = tuple(batch_input_shape)
            if sparse:
                raise NotImplementedError("Scope Lens does not make sparse Keras inputs.")
            input_tensor = tf.placeholder(dtype, shape=batch_input_shape, name=self.name)
        self._batch_input_shape = batch_input_shape
        self.input_tensor = input_tensor
        keras_nodes.record_input(self, input_tensor)

    def call(self, inputs):
        return inputs


def Input(shape=None, batch_size=None, name=None, dtype=None, sparse=False, tensor=None,
          **kwargs):
    """`tf.keras.Input`: an `InputLayer`'s tensor (a placeholder named like the layer)."""
    batch_shape = kwargs.pop("batch_shape", None)
    for key in kwargs:
        raise TypeError("Unrecognized keyword arguments:", list(kwargs.keys()))
    if shape is None and tensor is None and batch_shape is None:
        raise ValueError("Please provide to Input either a `shape` or a `tensor` argument. "
                         "Note that `shape` does not include the batch dimension.")
    if batch_shape is not None:
        layer = InputLayer(batch_input_shape=batch_shape, name=name, dtype=dtype,
                           sparse=sparse, input_tensor=tensor)
    else:
        if shape is not None and not isinstance(shape, (list, tuple)):
            shape = (shape,)
        layer = InputLayer(input_shape=shape, batch_size=batch_size, name=name, dtype=dtype,
                           sparse=sparse, input_tensor=tensor)
    return layer.input_tensor


def _takes_training(layer):
    """Whether Keras passes the model's `training` on to the layer's `call`."""
    if getattr(layer, "_expects_training_arg", False):
        return True
    return isinstance(layer, (keras_layers.Dropout, keras_layers.BatchNormalization,
                              keras_recurrent.RNN, keras_recurrent.Wrapper, Model))


class _TensorMap(object):
    """Tensors of the model's graph → the tensors computed for them in one run (by
    identity)."""

    def __init__(self):
        self.keys = []
        self.values = []

    def put(self, key, value):
        self.keys.append(key)
        self.values.append(value)

    def get(self, key):
        for i in range(len(self.keys)):
            if self.keys[i] is key:
                return self.values[i]
        return None

    def has(self, key):
        for k in self.keys:
            if k is key:
                return True
        return False

    def map_structure(self, value):
        if isinstance(value, (list, tuple)):
            mapped = [self.map_structure(v) for v in value]
            if isinstance(value, tuple):
                return tuple(mapped)
            return mapped
        if self.has(value):
            return self.get(value)
        return value


def _argument_tensors(node):
    """The Keras tensors among a node's keyword arguments (an RNN's `initial_state`)."""
    found = []
    for key in node.arguments:
        for t in keras_nodes.flatten(node.arguments[key]):
            if keras_nodes.is_keras_tensor(t):
                found.append(t)
    return found


def _index_of(items, item):
    for i in range(len(items)):
        if items[i] is item:
            return i
    return -1


def _map_graph(inputs, outputs):
    """TF 1.15's `_map_graph_network`: the nodes from `inputs` to `outputs` in an order to run
    them (each after the nodes it reads), their depths (0 at the outputs), and the layers
    ordered by decreasing depth (ties in the order they were first met from the outputs)."""
    visited = []
    order = []
    layers_met = []

    def visit(node):
        if _index_of(visited, node) >= 0:
            return
        visited.append(node)
        if _index_of(layers_met, node.layer) < 0:
            layers_met.append(node.layer)
        for t in node.input_tensors + _argument_tensors(node):
            found = keras_nodes.producer(t)
            if found is None:
                raise ValueError("Graph disconnected: cannot obtain value for tensor "
                                 + str(t) + ". The following previous layers were accessed "
                                 "without issue: " + str([n.layer.name for n in order]))
            visit(found[0])
        order.append(node)

    for t in outputs:
        found = keras_nodes.producer(t)
        if found is None:
            # TF 1.15 wraps TensorFlow ops applied to Keras tensors into TensorFlowOpLayers
            # (and raises this ValueError for a tensor that no Keras tensor led to); neither
            # side here follows ops back, so it says what it cannot do.
            raise NotImplementedError(
                "Output tensors to a Model must be the output of a TensorFlow `Layer` (thus "
                "holding past layer metadata). Found: " + str(t) + ". Scope Lens does not "
                "wrap TensorFlow ops applied to Keras tensors into layers (TF 1.15's "
                "TensorFlowOpLayer) yet: use Keras layers between a model's inputs and "
                "outputs.")
        visit(found[0])
    # TF 1.15's depths: a node's is the deepest of the nodes it feeds, plus one, and at least
    # that of its layer's other nodes (a shared layer sits at one depth).
    depths = [0 for _ in order]
    layer_depths = [0 for _ in layers_met]
    for i in range(len(order) - 1, -1, -1):
        node = order[i]
        k = _index_of(layers_met, node.layer)
        d = depths[i]
        if layer_depths[k] > d:
            d = layer_depths[k]
        layer_depths[k] = d
        depths[i] = d
        for t in node.input_tensors + _argument_tensors(node):
            found = keras_nodes.producer(t)
            j = _index_of(order, found[0])
            if depths[j] < d + 1:
                depths[j] = d + 1
    for t in inputs:
        found = keras_nodes.producer(t)
        if found is None or not isinstance(found[0].layer, InputLayer):
            raise ValueError("Input tensors to a Model must come from `tf.keras.Input`. "
                             "Received: " + str(t) + " (missing previous layer metadata).")
        if _index_of(order, found[0]) < 0:
            raise ValueError("Graph disconnected: the input " + str(t) + " does not lead to "
                             "the outputs.")
    layers = []
    top = max(layer_depths)
    for d in range(top, -1, -1):
        for i in range(len(layers_met)):
            if layer_depths[i] == d:
                layers.append(layers_met[i])
    run_order = []
    for d in range(max(depths), -1, -1):
        for i in range(len(order)):
            if depths[i] == d:
                run_order.append(order[i])
    return run_order, depths, layers


def _thousands(n):
    """`'{:,}'.format(n)` for a non-negative int."""
    text = str(n)
    out = ""
    while len(text) > 3:
        out = "," + text[len(text) - 3:] + out
        text = text[:len(text) - 3]
    return text + out


def count_params(weights):
    """The number of scalars in `weights`, each variable counted once."""
    seen = []
    total = 0
    for w in weights:
        if _index_of(seen, w) >= 0:
            continue
        seen.append(w)
        n = 1
        for d in w.get_shape().as_list():
            n = n * d
        total = total + n
    return total


def _node_output_shapes(node):
    if isinstance(node.outputs, (list, tuple)):
        return [_int_shape(t) for t in node.outputs]
    return _int_shape(node.outputs)


def layer_output_shape(layer):
    """`layer.output_shape` as `summary` prints it: 'multiple' when the layer has no node or
    nodes of different shapes."""
    nodes = keras_nodes.inbound_nodes(layer)
    if not nodes:
        return "multiple"
    first = _node_output_shapes(nodes[0])
    for node in nodes[1:]:
        if not _same_shapes(_node_output_shapes(node), first):
            return "multiple"
    return first


def _same_shapes(a, b):
    """Whether two output shapes (a tuple of dims, or a list of them) are the same (compared
    dim by dim, not as text)."""
    if isinstance(a, list) or isinstance(b, list):
        if not (isinstance(a, list) and isinstance(b, list)) or len(a) != len(b):
            return False
        for i in range(len(a)):
            if not _same_shapes(a[i], b[i]):
                return False
        return True
    if len(a) != len(b):
        return False
    for i in range(len(a)):
        if (a[i] is None) != (b[i] is None):
            return False
        if a[i] is not None and a[i] != b[i]:
            return False
    return True


def layer_count_params(layer):
    if not layer.built:
        raise ValueError("You tried to call `count_params` on " + layer.name + ", but the layer "
                         "isn't built. You can build it manually via: `" + layer.name
                         + ".build(batch_input_shape)`.")
    return count_params(layer.weights)


def _print_row(fields, positions, print_fn):
    line = ""
    for i in range(len(fields)):
        if i > 0:
            line = line[:len(line) - 1] + " "
        line = line + str(fields[i])
        line = line[:positions[i]]
        line = line + " " * (positions[i] - len(line))
    print_fn(line)


def _default_print(line):
    print(line)


def print_summary(model, line_length=None, positions=None, print_fn=None):
    """TF 1.15's `layer_utils.print_summary`."""
    if print_fn is None:
        print_fn = _default_print
    layers = model.layers
    relevant_nodes = []
    sequential_like = True
    if model._is_graph_network and not isinstance(model, Sequential):
        relevant_nodes = model._run_order
        depth_counts = {}
        for i in range(len(model._run_order)):
            d = model._depths[i]
            depth_counts[d] = depth_counts.get(d, 0) + 1
            node = model._run_order[i]
            if len(node.input_tensors) > 1:
                sequential_like = False
        for d in depth_counts:
            if depth_counts[d] > 1:
                sequential_like = False
        if sequential_like:
            for layer in layers:
                count = 0
                for node in keras_nodes.inbound_nodes(layer):
                    if _index_of(relevant_nodes, node) >= 0:
                        count = count + 1
                if count > 1:
                    sequential_like = False
    if sequential_like:
        line_length = line_length or 65
        positions = positions or [0.45, 0.85, 1.0]
        to_display = ["Layer (type)", "Output Shape", "Param #"]
    else:
        line_length = line_length or 98
        positions = positions or [0.33, 0.55, 0.67, 1.0]
        to_display = ["Layer (type)", "Output Shape", "Param #", "Connected to"]
    if positions[len(positions) - 1] <= 1:
        positions = [int(line_length * p) for p in positions]
    print_fn('Model: "' + model.name + '"')
    print_fn("_" * line_length)
    _print_row(to_display, positions, print_fn)
    print_fn("=" * line_length)
    for i in range(len(layers)):
        layer = layers[i]
        fields = [layer.name + " (" + _support.class_name(layer) + ")",
                  layer_output_shape(layer), layer_count_params(layer)]
        if sequential_like:
            _print_row(fields, positions, print_fn)
        else:
            connections = []
            for node in keras_nodes.inbound_nodes(layer):
                if _index_of(relevant_nodes, node) < 0:
                    continue
                for t in node.input_tensors:
                    found = keras_nodes.producer(t)
                    inbound = found[0].layer
                    node_index = _index_of(keras_nodes.inbound_nodes(inbound), found[0])
                    connections.append(inbound.name + "[" + str(node_index) + "]["
                                       + str(found[1]) + "]")
            first = ""
            if connections:
                first = connections[0]
            _print_row(fields + [first], positions, print_fn)
            for j in range(1, len(connections)):
                _print_row(["", "", "", connections[j]], positions, print_fn)
        if i == len(layers) - 1:
            print_fn("=" * line_length)
        else:
            print_fn("_" * line_length)
    trainable_count = count_params(model.trainable_weights)
    non_trainable_count = count_params(model.non_trainable_weights)
    print_fn("Total params: " + _thousands(trainable_count + non_trainable_count))
    print_fn("Trainable params: " + _thousands(trainable_count))
    print_fn("Non-trainable params: " + _thousands(non_trainable_count))
    print_fn("_" * line_length)


def _not_implemented(what):
    raise NotImplementedError("Scope Lens does not implement Keras training (" + what + "): "
                              "use a tf.train optimizer on the model's outputs.")


class Model(keras_layers.Layer):
    """`tf.keras.Model`: functional (`Model(inputs, outputs)`) or subclassed."""

    def __init__(self, *args, **kwargs):
        inputs = kwargs.pop("inputs", None)
        outputs = kwargs.pop("outputs", None)
        if len(args) > 0:
            inputs = args[0]
        if len(args) > 1:
            outputs = args[1]
        name = kwargs.pop("name", None)
        trainable = kwargs.pop("trainable", True)
        kwargs.pop("dynamic", None)
        kwargs.pop("autocast", None)
        for key in kwargs:
            raise TypeError("Keyword argument not understood:", key)
        super().__init__(trainable=trainable, name=name)
        self._is_graph_network = False
        self.inputs = None
        self.outputs = None
        self._run_order = []
        self._depths = []
        if inputs is not None and outputs is not None:
            self._init_graph_network(inputs, outputs)

    def _init_graph_network(self, inputs, outputs):
        self._nested_inputs = inputs
        self._nested_outputs = outputs
        self.inputs = keras_nodes.flatten(inputs)
        self.outputs = keras_nodes.flatten(outputs)
        run_order, depths, layers = _map_graph(self.inputs, self.outputs)
        self._run_order = run_order
        self._depths = depths
        self._layers = layers
        self._is_graph_network = True
        self.built = True

    @property
    def layers(self):
        if self._is_graph_network:
            return list(self._layers)
        return self._sublayers()

    def get_layer(self, name=None, index=None):
        layers = self.layers
        if index is not None:
            if len(layers) <= index:
                raise ValueError("Was asked to retrieve layer at index " + str(index)
                                 + " but model only has " + str(len(layers)) + " layers.")
            return layers[index]
        if not name:
            raise ValueError("Provide either a layer name or layer index.")
        for layer in layers:
            if layer.name == name:
                return layer
        raise ValueError("No such layer: " + name)

    @property
    def input(self):
        if not self._is_graph_network:
            raise AttributeError("Layer " + self.name + " is not connected, no input to "
                                 "return.")
        if len(self.inputs) == 1:
            return self.inputs[0]
        return list(self.inputs)

    @property
    def output(self):
        if not self._is_graph_network:
            raise AttributeError("Layer " + self.name + " has no inbound nodes.")
        if len(self.outputs) == 1:
            return self.outputs[0]
        return list(self.outputs)

    @property
    def input_shape(self):
        shapes = [_int_shape(t) for t in self.inputs]
        if len(shapes) == 1:
            return shapes[0]
        return shapes

    @property
    def output_shape(self):
        shapes = [_int_shape(t) for t in self.outputs]
        if len(shapes) == 1:
            return shapes[0]
        return shapes

    def count_params(self):
        return layer_count_params(self)

    def build(self, input_shape=None):
        """`model.build(shape)` (TF 1.15's `Network.build`, a Keras default its `__call__`
        skips): a graph network is built; a subclassed model calls `call` on a placeholder of
        that shape, outside its name scope (`dense/kernel:0`)."""
        if self._is_graph_network:
            self.built = True
            return
        if input_shape is None:
            raise ValueError("Input shape must be defined when calling build on a model "
                             "subclass network.")
        if isinstance(input_shape, list) and input_shape \
                and isinstance(input_shape[0], (list, tuple, tf.TensorShape)):
            x = [tf.placeholder("float32", shape=s) for s in input_shape]
        else:
            x = tf.placeholder("float32", shape=input_shape)
        self.call(x)
        self.built = True

    def __call__(self, inputs, *args, **kwargs):
        # Keras's `__call__` builds a model with `Layer.build` only (its own `build` is a
        # default `_maybe_build` skips): its layers build inside its name scope when `call`
        # first calls them.
        self.built = True
        return super().__call__(inputs, *args, **kwargs)

    def call(self, inputs, training=None, mask=None):
        if not self._is_graph_network:
            raise NotImplementedError("When subclassing the `Model` class, you should "
                                      "implement a `call` method.")
        return self._run_internal_graph(inputs, training)

    def _run_internal_graph(self, inputs, training):
        flat = keras_nodes.flatten(inputs)
        if len(flat) != len(self.inputs):
            raise ValueError("Layer " + self.name + " expects " + str(len(self.inputs))
                             + " inputs, but it received " + str(len(flat))
                             + " input tensors.")
        computed = _TensorMap()
        for i in range(len(flat)):
            computed.put(self.inputs[i], flat[i])
        for node in self._run_order:
            layer = node.layer
            if isinstance(layer, InputLayer):
                continue
            x = computed.map_structure(node.inputs)
            kwargs = {}
            for key in node.arguments:
                kwargs[key] = computed.map_structure(node.arguments[key])
            if training is not None and _TRAINING not in kwargs and _takes_training(layer):
                kwargs[_TRAINING] = training
            out = layer(x, *node.args, **kwargs)
            flat_out = keras_nodes.flatten(out)
            for i in range(len(node.output_tensors)):
                computed.put(node.output_tensors[i], flat_out[i])
        results = [computed.get(t) for t in self.outputs]
        if isinstance(self._nested_outputs, (list, tuple)):
            return results
        return results[0]

    def summary(self, line_length=None, positions=None, print_fn=None):
        if not self.built:
            raise ValueError("This model has not yet been built. Build the model first by "
                             "calling `build()` or calling `fit()` with some data, or specify "
                             "an `input_shape` argument in the first layer(s) for automatic "
                             "build.")
        print_summary(self, line_length=line_length, positions=positions, print_fn=print_fn)

    def compile(self, *args, **kwargs):
        _not_implemented("Model.compile")

    def fit(self, *args, **kwargs):
        _not_implemented("Model.fit")

    def evaluate(self, *args, **kwargs):
        _not_implemented("Model.evaluate")

    def predict(self, *args, **kwargs):
        _not_implemented("Model.predict")

    def train_on_batch(self, *args, **kwargs):
        _not_implemented("Model.train_on_batch")


class Sequential(Model):
    """`tf.keras.Sequential`: a stack of single-input, single-output layers."""

    def __init__(self, layers=None, name=None):
        super().__init__(name=name)
        self._layers = []
        self._has_input_layer = False
        if layers:
            for layer in layers:
                self.add(layer)

    @property
    def layers(self):
        if self._has_input_layer:
            return list(self._layers[1:])
        return list(self._layers)

    def add(self, layer):
        if keras_nodes.is_keras_tensor(layer):
            origin = keras_nodes.producer(layer)[0].layer
            if isinstance(origin, InputLayer):
                layer = origin
        if not isinstance(layer, base.Layer):
            raise TypeError("The added layer must be an instance of class Layer. Found: "
                            + str(layer))
        self.built = False
        set_inputs = False
        if not self._layers:
            if isinstance(layer, InputLayer):
                set_inputs = True
                self._layers.append(layer)
                self._has_input_layer = True
                self.outputs = [layer.input_tensor]
            else:
                batch_shape = _input_shape_of(layer)
                if batch_shape is not None:
                    x = Input(batch_shape=batch_shape, dtype=layer.dtype,
                              name=layer.name + "_input")
                    self._layers.append(keras_nodes.producer(x)[0].layer)
                    self._has_input_layer = True
                    self._add_on_top(layer, x)
                    set_inputs = True
            if set_inputs:
                self.inputs = [self._layers[0].input_tensor]
        elif self.outputs:
            self._add_on_top(layer, self.outputs[0])
        if set_inputs or self._is_graph_network:
            self._nested_outputs = self.outputs[0]
            run_order, depths, layers = _map_graph(self.inputs, self.outputs)
            self._run_order = run_order
            self._depths = depths
            self._is_graph_network = True
            self.built = True
            if isinstance(layer, InputLayer) or _index_of(self._layers, layer) >= 0:
                return
        self._layers.append(layer)

    def _add_on_top(self, layer, x):
        output = layer(x)
        if len(keras_nodes.flatten(output)) != 1:
            raise ValueError("All layers in a Sequential model should have a single output "
                             "tensor. For multi-output layers, use the functional API.")
        self.outputs = [output]

    def call(self, inputs, training=None, mask=None):
        if self._is_graph_network:
            return self._run_internal_graph(inputs, training)
        outputs = inputs
        for layer in self._layers:
            if training is not None and _takes_training(layer):
                outputs = layer(outputs, training=training)
            else:
                outputs = layer(outputs)
        return outputs


def _input_shape_of(layer):
    """TF 1.15's `get_input_shape_and_dtype`: the batch input shape a model's first layer was
    given (the first layer of a nested Sequential or functional model)."""
    while isinstance(layer, Model) and layer._is_graph_network:
        if not layer.layers:
            raise ValueError("An empty Model cannot be used as a Layer.")
        layer = layer.layers[0]
    return getattr(layer, "_batch_input_shape", None)
