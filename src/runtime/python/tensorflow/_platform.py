"""What TF 1.x programs call around their models: `tf.app` / `tf.flags`, `tf.logging`,
`tf.summary`.

- Flags are TF 1.15's absl-based ones: `DEFINE_*` registers a flag, `FLAGS` parses `sys.argv`
  (known flags only) on first use, `tf.app.run(main)` parses and calls `main(argv)` with what is
  left, then exits with its return value.
- `tf.logging` logs to the `tensorflow` logger as TF does (`INFO:tensorflow:...` on stderr), at
  WARN by default.
- `tf.summary` ops are built with TF's names and types and recorded in the `summaries`
  collection; running one evaluates its inputs and returns an empty serialized `Summary`.
  A `FileWriter` records what it is given and writes nothing.

Every run starts with no flags, WARN verbosity and no writers (`reset()`).
"""
import logging as _logging
import sys as _sys

from . import _engine
from . import dtypes as _dtypes
from ._framework import GraphKeys, Operation, Tensor, get_default_graph

# ---------------------------------------------------------------------------------------------
# Flags (absl.flags as TF 1.15 re-exports it)


class Error(Exception):
    """absl's `flags.Error`."""


class IllegalFlagValueError(Error):
    pass


class DuplicateFlagError(Error):
    pass


class UnrecognizedFlagError(Error):
    pass


_TRUE = ("true", "t", "1", "yes", "y")
_FALSE = ("false", "f", "0", "no", "n")


def _parse_bool(text):
    low = str(text).lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError("Non-boolean argument to boolean flag")


def _parse_list(text):
    if isinstance(text, (list, tuple)):
        return list(text)
    text = str(text)
    return [s.strip() for s in text.split(",")] if text.strip() else []


class _Flag(object):
    def __init__(self, name, default, help_text, parse, kind):
        self.name = name
        self.help = help_text
        self.parse = parse
        self.kind = kind
        self.default = None if default is None else parse(default)
        self.value = self.default
        self.present = 0


class _FlagValues(object):
    """`tf.app.flags.FLAGS`: attribute access parses `sys.argv` the first time."""

    def __init__(self):
        object.__setattr__(self, "_flags", {})
        object.__setattr__(self, "_parsed", False)

    def _reset(self):
        self._flags.clear()
        object.__setattr__(self, "_parsed", False)

    def _define(self, name, default, help_text, parse, kind):
        if name in self._flags:
            raise DuplicateFlagError(
                "The flag '%s' is defined twice. First from %s, Second from %s.  Description from "
                "first occurrence: %s" % (name, _sys.argv[0], _sys.argv[0],
                                          self._flags[name].help))
        self._flags[name] = _Flag(name, default, help_text, parse, kind)

    def __call__(self, argv, known_only=False):
        """Parses `argv[1:]`; returns `argv[0]` and the arguments that are not flags."""
        rest = [argv[0]] if argv else []
        args = list(argv[1:])
        i = 0
        while i < len(args):
            arg = args[i]
            i += 1
            if arg == "--":
                rest.extend(args[i:])
                break
            if not arg.startswith("-") or arg == "-":
                rest.append(arg)
                continue
            body = arg.lstrip("-")
            name, eq, value = body.partition("=")
            flag = self._flags.get(name)
            if flag is None and not eq and name.startswith("no") and \
                    self._flags.get(name[2:]) is not None and self._flags[name[2:]].kind == "bool":
                flag, value, eq = self._flags[name[2:]], "false", "="
            if flag is None:
                if known_only:
                    rest.append(arg)
                    continue
                raise UnrecognizedFlagError("Unknown command line flag '%s'" % name)
            if not eq:
                if flag.kind == "bool":
                    value = "true"
                elif i < len(args):
                    value = args[i]
                    i += 1
                else:
                    raise IllegalFlagValueError("Flag --%s must have a value other than None."
                                                % flag.name)
            try:
                flag.value = flag.parse(value)
            except ValueError as e:
                raise IllegalFlagValueError("flag --%s=%s: %s" % (flag.name, value, e)) from None
            flag.present += 1
        object.__setattr__(self, "_parsed", True)
        return rest

    def is_parsed(self):
        return self._parsed

    def mark_as_parsed(self):
        object.__setattr__(self, "_parsed", True)

    def __getattr__(self, name):
        flags = object.__getattribute__(self, "_flags")
        if name not in flags:
            raise AttributeError(name)
        if not self._parsed:
            self(_sys.argv, known_only=True)
        return flags[name].value

    def __setattr__(self, name, value):
        if name not in self._flags:
            raise AttributeError(name)
        self._flags[name].value = value

    def __contains__(self, name):
        return name in self._flags

    def __iter__(self):
        return iter(self._flags)

    def __len__(self):
        return len(self._flags)

    def flag_values_dict(self):
        return {name: f.value for name, f in self._flags.items()}


FLAGS = _FlagValues()


def _definer(parse, kind):
    def define(name, default, help, flag_values=FLAGS, **kwargs):  # noqa: A002 - absl's name
        flag_values._define(name, default, help, parse, kind)

    return define


DEFINE_string = _definer(str, "string")
DEFINE_integer = _definer(int, "integer")
DEFINE_float = _definer(float, "float")
DEFINE_boolean = _definer(_parse_bool, "bool")
DEFINE_bool = DEFINE_boolean
DEFINE_list = _definer(_parse_list, "list")


def DEFINE_enum(name, default, enum_values, help, flag_values=FLAGS, **kwargs):  # noqa: A002
    def parse(text):
        if text not in enum_values:
            raise ValueError("value should be one of <%s>" % "|".join(enum_values))
        return text

    flag_values._define(name, default, help, parse, "enum")


def run(main=None, argv=None):
    """`tf.app.run`: parses the known flags, calls `main(argv)`, exits with what it returns."""
    main = main or _sys.modules["__main__"].main
    try:
        args = FLAGS(_sys.argv if argv is None else argv, known_only=True)
    except Error as e:
        _sys.stderr.write("FATAL Flags parsing error: %s\n" % e)
        _sys.stderr.write("Pass --helpshort or --helpfull to see help on flags.\n")
        _sys.exit(1)
    _sys.exit(main(args))


# ---------------------------------------------------------------------------------------------
# Logging (tf_logging)

DEBUG = _logging.DEBUG
INFO = _logging.INFO
WARN = _logging.WARN
WARNING = _logging.WARNING
ERROR = _logging.ERROR
FATAL = _logging.FATAL


class _StderrHandler(_logging.StreamHandler):
    """Writes to the `sys.stderr` of the moment (the runner swaps it per run)."""

    @property
    def stream(self):
        return _sys.stderr

    @stream.setter
    def stream(self, value):
        pass


_logger = _logging.getLogger("tensorflow")
_logger.propagate = False
_handler = _StderrHandler()
_handler.setFormatter(_logging.Formatter(_logging.BASIC_FORMAT, None))
_logger.addHandler(_handler)
_logger.setLevel(WARN)


def get_logger():
    return _logger


def log(level, msg, *args, **kwargs):
    _logger.log(level, msg, *args, **kwargs)


def debug(msg, *args, **kwargs):
    _logger.debug(msg, *args, **kwargs)


def info(msg, *args, **kwargs):
    _logger.info(msg, *args, **kwargs)


def warning(msg, *args, **kwargs):
    _logger.warning(msg, *args, **kwargs)


warn = warning


def error(msg, *args, **kwargs):
    _logger.error(msg, *args, **kwargs)


def fatal(msg, *args, **kwargs):
    _logger.fatal(msg, *args, **kwargs)


def vlog(level, msg, *args, **kwargs):
    _logger.log(level, msg, *args, **kwargs)


_COUNTS = {}


def log_every_n(level, msg, n, *args):
    key = (msg, n)
    count = _COUNTS.get(key, 0)
    _COUNTS[key] = count + 1
    if count % n == 0:
        _logger.log(level, msg, *args)


def log_first_n(level, msg, n, *args):
    key = (msg, -n)
    count = _COUNTS.get(key, 0)
    _COUNTS[key] = count + 1
    if count < n:
        _logger.log(level, msg, *args)


def log_if(level, msg, condition, *args):
    if condition:
        _logger.log(level, msg, *args)


def get_verbosity():
    return _logger.getEffectiveLevel()


def set_verbosity(v):
    _logger.setLevel(v)


def flush():
    _handler.flush()


# ---------------------------------------------------------------------------------------------
# Summaries (tf.summary): graph ops that compute nothing a program can see, and a FileWriter
# that writes nothing.

_INVALID_TAG = None


def _clean_tag(name):
    """`summary_op_util.clean_tag`: characters TF does not allow in a tag become `_`."""
    global _INVALID_TAG
    if name is None:
        return None
    import re

    if _INVALID_TAG is None:
        _INVALID_TAG = re.compile(r"[^-/\w\.]")
    new = _INVALID_TAG.sub("_", name)
    new = new.lstrip("/")
    if new != name:
        _logger.info("Summary name %s is illegal; using %s instead." % (name, new))
    return new


def _empty_summary(ins, session):
    return _engine.tfjs.scalar("", "string")


def _summary_op(op_type, name, inputs, collections, family=None, tag_name="tag"):
    from . import _ops

    name = _clean_tag(name)
    family = _clean_tag(family)
    base = name if family is None else "%s/%s" % (family, name)
    tensors = [_ops.convert_to_tensor(t) for t in inputs]
    g = get_default_graph()
    with g.name_scope(base) as scope:
        tag = scope.rstrip("/") if family is None else "%s/%s" % (family, scope.rstrip("/"))
        # The tag is the op's first input, a constant in its scope (`loss/tags`, `h/tag`).
        tensors.insert(0, _ops.constant(tag, name=tag_name))
        op = Operation(g, scope[:-1] if scope.endswith("/") else scope, op_type, tensors,
                       _empty_summary, control_inputs=g.control_inputs_for(tensors))
    out = Tensor(op, 0, _dtypes.string, [])
    for key in (collections if collections is not None else [GraphKeys.SUMMARIES]):
        g.add_to_collection(key, out)
    return out


def scalar(name, tensor, collections=None, family=None):
    return _summary_op("ScalarSummary", name, [tensor], collections, family, "tags")


def histogram(name, values, collections=None, family=None):
    return _summary_op("HistogramSummary", name, [values], collections, family)


def image(name, tensor, max_outputs=3, collections=None, family=None):
    return _summary_op("ImageSummary", name, [tensor], collections, family)


def audio(name, tensor, sample_rate, max_outputs=3, collections=None, family=None):
    return _summary_op("AudioSummaryV2", name, [tensor], collections, family)


def text(name, tensor, collections=None):
    return _summary_op("TensorSummaryV2", name, [tensor], collections)


def tensor_summary(name, tensor, summary_description=None, collections=None,
                   summary_metadata=None, family=None, display_name=None):
    return _summary_op("TensorSummaryV2", name, [tensor], collections, family)


def merge(inputs, collections=None, name=None):
    g = get_default_graph()
    inputs = list(inputs)
    with g.name_scope(name if name is not None else "Merge") as scope:
        op_name = scope[:-1] if name is not None else g.unique_name("MergeSummary")
        op = Operation(g, op_name, "MergeSummary", inputs, _empty_summary,
                       control_inputs=g.control_inputs_for(inputs))
    out = Tensor(op, 0, _dtypes.string, [])
    for key in collections or ():
        g.add_to_collection(key, out)
    return out


def merge_all(key=GraphKeys.SUMMARIES, scope=None, name=None):
    ops = get_default_graph().get_collection(key, scope)
    if not ops:
        return None
    return merge(ops, name=name)


class FileWriter(object):
    """`tf.summary.FileWriter`: records what it is given (`events`); writes no file."""

    def __init__(self, logdir, graph=None, max_queue=10, flush_secs=120, graph_def=None,
                 filename_suffix=None, session=None):
        self._logdir = str(logdir)
        self._closed = False
        self.events = []
        if graph is not None:
            self.add_graph(graph)

    def get_logdir(self):
        return self._logdir

    def add_summary(self, summary, global_step=None):
        self.events.append(("summary", summary, global_step))

    def add_graph(self, graph, global_step=None, graph_def=None):
        self.events.append(("graph", graph, global_step))

    def add_session_log(self, session_log, global_step=None):
        self.events.append(("session_log", session_log, global_step))

    def add_run_metadata(self, run_metadata, tag, global_step=None):
        self.events.append(("run_metadata", tag, global_step))

    def add_event(self, event):
        self.events.append(("event", event, None))

    def flush(self):
        pass

    def close(self):
        self._closed = True

    def reopen(self):
        self._closed = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class FileWriterCache(object):
    _cache = {}

    @staticmethod
    def get(logdir):
        if logdir not in FileWriterCache._cache:
            FileWriterCache._cache[logdir] = FileWriter(logdir)
        return FileWriterCache._cache[logdir]

    @staticmethod
    def clear():
        FileWriterCache._cache.clear()


def reset():
    """Before each run: no flags, WARN verbosity, no cached writers, no log counters."""
    FLAGS._reset()
    _logger.setLevel(WARN)
    _COUNTS.clear()
    FileWriterCache.clear()


def make_modules(parent, make_partial):
    """The `tf.flags`, `tf.app`, `tf.logging` and `tf.summary` modules (partial modules)."""
    me = _sys.modules[__name__]
    flags = make_partial("flags", "tf.flags")
    for n in ("FLAGS", "DEFINE_string", "DEFINE_integer", "DEFINE_float", "DEFINE_boolean",
              "DEFINE_bool", "DEFINE_list", "DEFINE_enum", "Error", "IllegalFlagValueError",
              "DuplicateFlagError", "UnrecognizedFlagError"):
        setattr(flags, n, getattr(me, n))
    app = make_partial("app", "tf.app")
    app.flags = flags
    app.run = run
    logging = make_partial("logging", "tf.logging")
    for n in ("DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "log", "debug", "info",
              "warning", "warn", "error", "fatal", "vlog", "log_every_n", "log_first_n",
              "log_if", "get_verbosity", "set_verbosity", "flush"):
        setattr(logging, n, getattr(me, n))
    summary = make_partial("summary", "tf.summary")
    for n in ("scalar", "histogram", "image", "audio", "text", "tensor_summary", "merge",
              "merge_all", "FileWriter", "FileWriterCache"):
        setattr(summary, n, getattr(me, n))
    return {"flags": flags, "app": app, "logging": logging, "summary": summary}

