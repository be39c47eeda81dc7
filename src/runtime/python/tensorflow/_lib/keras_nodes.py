"""Keras's layer graph (TF 1.15 `engine/node.py`, `_keras_history`): which layer call made
which tensor. A call of a Keras layer whose inputs are all Keras tensors (made by `Input` or by
such a call) is recorded as a node: the layer, its inputs and outputs (flat, in order), and the
keyword arguments it was called with. Functional models and `Sequential` are read from these
nodes; a layer's inbound nodes are its own, in the order they were made. Calls on other tensors
(a `tf.placeholder`, inside a subclassed model called on one) make no node, as in TF.

The nodes of a graph live in a private graph collection (per-graph state, like the layers'
name counters)."""
import tensorflow as tf

NODES_KEY = "__scope_lens_keras_nodes"


class Node(object):
    """One call of `layer`: `inputs` / `outputs` as given and returned, `input_tensors` /
    `output_tensors` flat, `args` / `arguments` its other positional and keyword arguments."""

    def __init__(self, layer, inputs, outputs, args, arguments):
        self.layer = layer
        self.args = args
        self.inputs = inputs
        self.outputs = outputs
        self.input_tensors = flatten(inputs)
        self.output_tensors = flatten(outputs)
        self.arguments = arguments


class _Nodes(object):
    def __init__(self):
        self.nodes = []


def _graph_nodes():
    found = tf.get_collection(NODES_KEY)
    if found:
        return found[0]
    nodes = _Nodes()
    tf.add_to_collection(NODES_KEY, nodes)
    return nodes


def flatten(structure):
    """A tensor, or (nested) lists and tuples of them, as a flat list."""
    if isinstance(structure, (list, tuple)):
        out = []
        for s in structure:
            out.extend(flatten(s))
        return out
    if structure is None:
        return []
    return [structure]


def producer(tensor):
    """`(node, index)` of the call that returned `tensor`, or None (not a Keras tensor). A
    nested model's output is also its last layer's: the model's call, recorded after its
    layers', is the one that made it (TF sets `_keras_history` again)."""
    nodes = _graph_nodes().nodes
    for j in range(len(nodes) - 1, -1, -1):
        node = nodes[j]
        outs = node.output_tensors
        for i in range(len(outs)):
            if outs[i] is tensor:
                return (node, i)
    return None


def is_keras_tensor(tensor):
    return producer(tensor) is not None


def record_input(layer, tensor):
    """The node of an `InputLayer`: no inputs, its placeholder as a one-element list."""
    node = Node(layer, [], [tensor], [], {})
    _graph_nodes().nodes.append(node)
    return node


def record_call(layer, inputs, outputs, args, arguments):
    """A call of `layer`: recorded when every input is a Keras tensor."""
    flat = flatten(inputs)
    if not flat:
        return None
    for t in flat:
        if not is_keras_tensor(t):
            return None
    node = Node(layer, inputs, outputs, list(args), dict(arguments))
    _graph_nodes().nodes.append(node)
    return node


def inbound_nodes(layer):
    """The nodes of `layer`'s calls, in order."""
    return [node for node in _graph_nodes().nodes if node.layer is layer]
