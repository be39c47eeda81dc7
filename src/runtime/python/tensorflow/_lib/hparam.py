"""`tf.contrib.training.HParams` as TF 1.15 defines it (contrib/training/python/training/
hparam.py): hyperparameters as attributes, typed by the value each was added with.

Programs pass their layer widths around in one (GPT-2's `default_hparams()`, tensor2tensor), so
the static analyzer needs them to know the shapes of the variables: it interprets this module
as the runtime runs it. Not implemented: `hparam_def` (a proto), `model_structure`, the JSON
methods and list values in `parse`.

A hyperparameter's type is kept as the value it was first given (its *witness*) rather than
`type(value)`, and each check that fails raises at once, so the analyzer, which takes the
branch that does not raise when it cannot decide, never forks here.
"""


def _type_name(witness):
    if isinstance(witness, bool):
        return "<class 'bool'>"
    if isinstance(witness, int):
        return "<class 'int'>"
    if isinstance(witness, float):
        return "<class 'float'>"
    if isinstance(witness, str):
        return "<class 'str'>"
    return "<class 'object'>"


def _fail(name, witness, value):
    return "Could not cast hparam '%s' of type '%s' from value %r" % (
        name, _type_name(witness), value)


def _cast_to_type_if_compatible(name, witness, value):
    """TF's `_cast_to_type_if_compatible`: `value` as the hyperparameter's type, or
    ValueError when TF would not convert it (a str, a bool and a number never become each
    other; a float never becomes an int). A `None` witness takes any value."""
    typed = witness is not None
    if typed and isinstance(witness, str) and not isinstance(value, str):
        raise ValueError(_fail(name, witness, value))
    if typed and isinstance(witness, bool) != isinstance(value, bool):
        raise ValueError(_fail(name, witness, value))
    if typed and isinstance(witness, int) and not isinstance(value, int):
        raise ValueError(_fail(name, witness, value))
    if (typed and isinstance(witness, (int, float))
            and not isinstance(value, (int, float))):
        raise ValueError(_fail(name, witness, value))
    return (value if not typed or isinstance(witness, bool)
            else int(value) if isinstance(witness, int)
            else float(value) if isinstance(witness, float)
            else value)


def _parse_scalar(name, witness, text, values):
    """One `name=value` of `HParams.parse`, read as the hyperparameter's type."""
    is_bool = isinstance(witness, bool)
    if is_bool and text not in ("true", "True", "false", "False", "0", "1"):
        raise ValueError("Could not parse hparam '%s' of type '%s' with value '%s' in %s" % (
            name, "bool", text, values))
    return (text in ("true", "True", "1") if is_bool
            else int(text) if isinstance(witness, int)
            else float(text) if isinstance(witness, float)
            else text)


class HParams(object):
    """Hyperparameters as name-value pairs: `HParams(n_embd=768).n_embd == 768`."""

    def __init__(self, hparam_def=None, model_structure=None, **kwargs):
        self._hparam_types = {}
        self._model_structure = model_structure
        if hparam_def:
            raise NotImplementedError(
                "Scope Lens does not implement HParams(hparam_def=...) (a HParamDef proto).")
        for name in kwargs:
            self.add_hparam(name, kwargs[name])

    def add_hparam(self, name, value):
        """Adds `name` with `value`; its type is the value's (a list's: its first item's)."""
        if getattr(self, name, None) is not None:
            raise ValueError("Hyperparameter name is reserved: %s" % name)
        if isinstance(value, (list, tuple)):
            if not value:
                raise ValueError("Multi-valued hyperparameters cannot be empty: %s" % name)
            self._hparam_types[name] = (value[0], True)
        else:
            self._hparam_types[name] = (value, False)
        setattr(self, name, value)

    def set_hparam(self, name, value):
        """Sets an existing hyperparameter, converted to its type (KeyError for a new name)."""
        witness, is_list = self._hparam_types[name]
        is_value_list = isinstance(value, list)
        if is_value_list and not is_list:
            raise ValueError("Must not pass a list for single-valued parameter: %s" % name)
        if is_list and not is_value_list:
            raise ValueError("Must pass a list for multi-valued parameter: %s." % name)
        setattr(self, name,
                [_cast_to_type_if_compatible(name, witness, v) for v in value] if is_list
                else _cast_to_type_if_compatible(name, witness, value))

    def del_hparam(self, name):
        if hasattr(self, name):
            delattr(self, name)
            del self._hparam_types[name]

    def parse(self, values):
        """Overrides hyperparameters from `"name=value,name=value"` (scalars only)."""
        for pair in [p for p in values.split(",") if p.strip()]:
            if "=" not in pair:
                raise ValueError("Malformed hyperparameter value: %s" % pair)
            parts = pair.split("=", 1)
            name = parts[0].strip()
            text = parts[1].strip()
            if name not in self._hparam_types:
                raise ValueError("Unknown hyperparameter type for %s" % name)
            witness, is_list = self._hparam_types[name]
            if is_list:
                raise NotImplementedError(
                    "Scope Lens does not implement HParams.parse of a list value (%s)." % name)
            setattr(self, name, _parse_scalar(name, witness, text, values))
        return self

    def override_from_dict(self, values_dict):
        """Sets each hyperparameter the dict names (each must exist); returns self."""
        for name in values_dict:
            self.set_hparam(name, values_dict[name])
        return self

    def set_model_structure(self, model_structure):
        self._model_structure = model_structure

    def get_model_structure(self):
        return self._model_structure

    def values(self):
        """The hyperparameters as a dict."""
        return {n: getattr(self, n) for n in self._hparam_types}

    def get(self, key, default=None):
        if key in self._hparam_types:
            if default is not None:
                witness, is_list = self._hparam_types[key]
                if is_list != isinstance(default, list):
                    raise ValueError(
                        "Hparam '%s' of type '%s' is incompatible with default=%s" % (
                            key, ("list<%s>" % _type_name(witness)) if is_list
                            else _type_name(witness), default))
            return getattr(self, key)
        return default

    def __contains__(self, key):
        return key in self._hparam_types

    def __str__(self):
        values = self.values()
        return ",".join(["{}={}".format(key, values[key]) for key in values])

    def __repr__(self):
        return "HParams(%s)" % str(sorted(self.values().items()))
