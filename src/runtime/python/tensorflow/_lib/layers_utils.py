"""`tf.contrib.slim.utils` (TF 1.15's `contrib/layers/python/layers/utils.py`): what model code
asks of shapes (`last_dimension`, `channel_dimension`, `two_element_tuple`) and of end points
(`collect_named_outputs`, `convert_collection_to_dict`). A tensor's aliases live in a private
graph collection (`_Alias` records) instead of an attribute of the tensor, and
`convert_collection_to_dict` returns a plain dict (TF's is an OrderedDict, in the same order)."""
import tensorflow as tf

ALIASES_KEY = "__scope_lens_tensor_aliases"


class _Alias(object):
    """One alias of a tensor (TF appends it to the tensor's `aliases` attribute)."""

    def __init__(self, alias, tensor):
        self.alias = alias
        self.tensor = tensor


def _get_dimension(shape, dim, min_rank=1):
    rank = shape.ndims
    if rank is None:
        raise ValueError("dims of shape must be known but is None")
    if rank < min_rank:
        raise ValueError("rank of shape must be at least %d not: %d" % (min_rank, rank))
    value = shape.as_list()[dim]
    if value is None:
        raise ValueError("dimension %d of shape must be known but is None: %s" % (dim, shape))
    return value


def channel_dimension(shape, data_format, min_rank=1):
    dim = -1
    if data_format == "channels_first":
        dim = 1
    return _get_dimension(shape, dim, min_rank=min_rank)


def last_dimension(shape, min_rank=1):
    return _get_dimension(shape, -1, min_rank=min_rank)


def get_variable_collections(variables_collections, name):
    if isinstance(variables_collections, dict):
        return variables_collections.get(name, None)
    return variables_collections


def two_element_tuple(int_or_tuple):
    if isinstance(int_or_tuple, (list, tuple)):
        if len(int_or_tuple) != 2:
            raise ValueError("Must be a list with 2 elements: %s" % (int_or_tuple,))
        return int(int_or_tuple[0]), int(int_or_tuple[1])
    if isinstance(int_or_tuple, int):
        return int(int_or_tuple), int(int_or_tuple)
    if isinstance(int_or_tuple, tf.TensorShape):
        if int_or_tuple.ndims == 2:
            return int_or_tuple[0], int_or_tuple[1]
    raise ValueError("Must be an int, a list with 2 elements or a TensorShape of length 2")


def append_tensor_alias(tensor, alias):
    if alias[len(alias) - 1] == "/":
        alias = alias[:len(alias) - 1]
    tf.add_to_collection(ALIASES_KEY, _Alias(alias, tensor))
    return tensor


def get_tensor_aliases(tensor):
    aliases = []
    for record in tf.get_collection(ALIASES_KEY):
        if record.tensor is tensor:
            aliases.append(record.alias)
    if aliases:
        return aliases
    if tensor.name[len(tensor.name) - 2:] == ":0":
        return [tensor.op.name]
    return [tensor.name]


def gather_tensors_aliases(tensors):
    aliases = []
    for tensor in tensors:
        aliases += get_tensor_aliases(tensor)
    return aliases


def collect_named_outputs(collections, alias, outputs):
    if collections:
        append_tensor_alias(outputs, alias)
        tf.add_to_collections(collections, outputs)
    return outputs


def convert_collection_to_dict(collection, clear_collection=False):
    output = {}
    for tensor in tf.get_collection(collection):
        for alias in get_tensor_aliases(tensor):
            output[alias] = tensor
    if clear_collection:
        tf.get_default_graph().clear_collection(collection)
    return output
