"""`tf.train` of TF 1.15: checkpoints and the global step (optimizers and moving averages come
from the layer libraries, `_lib/exports.py`).

- `Saver` (`tensorflow/python/training/saver.py`): V2 checkpoints of the graph's global variables,
  or of a list or dict of variables; `save` (with `global_step`, the `checkpoint` state file and
  `max_to_keep`), `restore`, and TF's messages when a key is missing or a dtype or shape differs.
- `latest_checkpoint`, `get_checkpoint_state`, `checkpoint_exists`, `remove_checkpoint`
  (`checkpoint_management.py`).
- `NewCheckpointReader` (TF's `CheckpointReader`), `load_checkpoint`, `list_variables`,
  `load_variable` (`checkpoint_utils.py`).
- `get_global_step`, `create_global_step`, `get_or_create_global_step`, `global_step`
  (`training_util.py`).

The files are read and written by src/checkpoint through the bridge
(`scope_lens_engine.checkpoints`, src/runtime/checkpoint-bridge.ts) on the host's file system:
this module decides what TF does and says. Values go between engine variables and files on the
JavaScript side; only `get_tensor` brings them into Python. Paths are the program's (relative to
its working directory); the bridge maps them to the host's.

Not provided: the `.meta` graph file (`write_meta_graph` is accepted and ignored: there is no
GraphDef to write), V1 checkpoints, object-based (`tf.train.Checkpoint`) checkpoints.
"""
import os as _os
import re as _re
import sys as _sys
import time as _time
import types as _types

from pyodide.ffi import JsException

from . import _engine
from numpy import _ndarray
from . import dtypes as _dtypes
from . import errors as _errors
from ._framework import GraphKeys, Tensor, get_default_graph
from ._variables import PartitionedVariable, Variable

_CK = _engine.bridge.checkpoints
E = _engine.engine

_OBJECT_GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"


class SaverDef(object):
    """`tf.train.SaverDef`: the saver's description (its `CheckpointFormatVersion` constants)."""

    LEGACY = 0
    V1 = 1
    V2 = 2

    def __init__(self, filename_tensor_name="", save_tensor_name="", restore_op_name="",
                 max_to_keep=0, sharded=False, keep_checkpoint_every_n_hours=0.0, version=V2):
        self.filename_tensor_name = filename_tensor_name
        self.save_tensor_name = save_tensor_name
        self.restore_op_name = restore_op_name
        self.max_to_keep = max_to_keep
        self.sharded = sharded
        self.keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self.version = version

    def __str__(self):
        lines = ['filename_tensor_name: "%s"' % self.filename_tensor_name,
                 'save_tensor_name: "%s"' % self.save_tensor_name,
                 'restore_op_name: "%s"' % self.restore_op_name]
        if self.max_to_keep:
            lines.append("max_to_keep: %d" % self.max_to_keep)
        if self.sharded:
            lines.append("sharded: true")
        if self.keep_checkpoint_every_n_hours:
            lines.append("keep_checkpoint_every_n_hours: %g" % self.keep_checkpoint_every_n_hours)
        if self.version:
            lines.append("version: %s" % ("V1", "V2")[self.version - 1])
        return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------------------------
# Paths and bridge errors


def _as_str(p):
    if isinstance(p, bytes):
        return p.decode("utf-8")
    if isinstance(p, _os.PathLike):
        return _os.fspath(p)
    return p


def _full(p):
    """The absolute path (inside Pyodide) the bridge maps to the host's file system."""
    return _os.path.abspath(_as_str(p))


def _js_error(exc):
    err = getattr(exc, "js_error", None)
    return (str(getattr(err, "code", "") or ""), str(getattr(err, "message", "") or str(exc)))


_DIFFERENT_FORMAT = (": perhaps your file is in a different file format and you need to use a "
                     "different restore operator?")


def _open_error(exc, path):
    """TF's exception for a path `CheckpointReader`/`RestoreV2` cannot open."""
    code, message = _js_error(exc)
    if code == "no-match":
        return _errors.NotFoundError(
            None, None,
            "Unsuccessful TensorSliceReader constructor: Failed to find any matching files for %s"
            % path)
    if code == "is-directory":
        return _errors.DataLossError(
            None, None, "Unable to open table file %s: Failed precondition: %s; Is a directory%s"
            % (path, _os.path.normpath(path), _DIFFERENT_FORMAT))
    if code == "too-short":
        return _errors.DataLossError(
            None, None, "Unable to open table file %s: Data loss: file is too short to be an "
            "sstable%s" % (path, _DIFFERENT_FORMAT))
    if code == "bad-magic":
        return _errors.DataLossError(
            None, None, "Unable to open table file %s: Data loss: not an sstable (bad magic "
            "number)%s" % (path, _DIFFERENT_FORMAT))
    if code == "v1-checkpoint":
        return NotImplementedError(
            "Scope Lens reads V2 checkpoints (a .index file and .data-* files); %s is a V1 "
            "checkpoint or another table." % path)
    return _data_error(code, message)


def _data_error(code, message):
    if code == "not-found":
        return _errors.NotFoundError(None, None, message)
    if code == "corrupt":
        return _errors.DataLossError(None, None, message)
    return _errors.UnknownError(None, None, message)


def _dt_string(name):
    """`DataTypeString`: TF's C++ name of a dtype (`float`, `double`, `int64`, ...)."""
    return {"float32": "float", "float64": "double", "float16": "half"}.get(name, name)


def _shape_string(dims):
    """`TensorShape::DebugString`: `[3,100]`."""
    return "[%s]" % ",".join(str(int(d)) for d in dims)


# ---------------------------------------------------------------------------------------------
# Reading checkpoints


def _to_ndarray(t):
    dtype = str(t.dtype)
    shape = [int(d) for d in t.shape]
    raw = t.values.to_py()
    if dtype == "string":
        values = [bytes(v) for v in raw]
        if not shape:
            return values[0]
        raise NotImplementedError(
            "Scope Lens's arrays hold no strings: the string tensor of shape %s cannot be "
            "returned." % (shape,))
    values = raw.tolist() if isinstance(raw, memoryview) else list(raw)
    from . import _session

    np = _session._NUMPY if _session._NUMPY is not None else _ndarray
    if dtype not in ("bool", "int32", "int64", "float32", "float64") and np is _ndarray:
        raise NotImplementedError(
            "Scope Lens's arrays have no dtype %s (NumPy is not available): the tensor cannot be "
            "returned." % dtype)
    if dtype == "bool":
        values = [bool(v) for v in values]
    if not shape:
        return np.array(values[0], dtype=dtype)
    return np.array(values, dtype=dtype).reshape(*shape)


class CheckpointReader(object):
    """TF's `CheckpointReader` (`tf.train.NewCheckpointReader`) over a V2 checkpoint prefix."""

    def __init__(self, filepattern):
        path = _as_str(filepattern)
        try:
            self._h = _CK.open(_full(path))
        except JsException as e:
            raise _open_error(e, path) from None
        self._path = path

    def _rows(self):
        return self._h.list().to_py()

    def get_variable_to_shape_map(self):
        return {str(r["name"]): [int(d) for d in r["shape"]] for r in self._rows()}

    def get_variable_to_dtype_map(self):
        return {str(r["name"]): _dtypes.as_dtype(str(r["dtype"])) for r in self._rows()}

    def has_tensor(self, tensor_str):
        return bool(self._h.has(_as_str(tensor_str)))

    def get_tensor(self, tensor_str):
        name = _as_str(tensor_str)
        if not self._h.has(name):
            raise _errors.NotFoundError(None, None, "Key %s not found in checkpoint" % name)
        try:
            t = self._h.read(name)
        except JsException as e:
            code, message = _js_error(e)
            raise _data_error(code, message) from None
        return _to_ndarray(t)

    def debug_string(self):
        return bytes(self._h.debugString().to_py())


CheckpointReader.__module__ = "tensorflow.python.pywrap_tensorflow_internal"


def NewCheckpointReader(filepattern):
    """A `CheckpointReader` for the checkpoint prefix `filepattern`."""
    return CheckpointReader(filepattern)


def _get_checkpoint_filename(ckpt_dir_or_file):
    ckpt_dir_or_file = _as_str(ckpt_dir_or_file)
    if _CK.isDirectory(_full(ckpt_dir_or_file)):
        return latest_checkpoint(ckpt_dir_or_file)
    return ckpt_dir_or_file


def load_checkpoint(ckpt_dir_or_file):
    """A `CheckpointReader` for a checkpoint prefix, or a folder's latest checkpoint."""
    filename = _get_checkpoint_filename(ckpt_dir_or_file)
    if filename is None:
        raise ValueError("Couldn't find 'checkpoint' file or checkpoints in "
                         "given directory %s" % ckpt_dir_or_file)
    return NewCheckpointReader(filename)


def load_variable(ckpt_dir_or_file, name):
    """The value of variable `name` (a key; a trailing `:0` is dropped) as an array."""
    if name.endswith(":0"):
        name = name[:-2]
    reader = load_checkpoint(ckpt_dir_or_file)
    return reader.get_tensor(name)


def list_variables(ckpt_dir_or_file):
    """`[(name, shape), ...]` of a checkpoint, sorted by name."""
    reader = load_checkpoint(ckpt_dir_or_file)
    variable_map = reader.get_variable_to_shape_map()
    return [(name, variable_map[name]) for name in sorted(variable_map.keys())]


# ---------------------------------------------------------------------------------------------
# The `checkpoint` state file


class CheckpointState(object):
    """The parsed `checkpoint` file (`CheckpointState` proto), printed in text format."""

    def __init__(self, model_checkpoint_path="", all_model_checkpoint_paths=()):
        self.model_checkpoint_path = model_checkpoint_path
        self.all_model_checkpoint_paths = list(all_model_checkpoint_paths)
        self.all_model_checkpoint_timestamps = []
        self.last_preserved_timestamp = 0.0

    def __str__(self):
        out = 'model_checkpoint_path: "%s"\n' % self.model_checkpoint_path \
            if self.model_checkpoint_path else ""
        for p in self.all_model_checkpoint_paths:
            out += 'all_model_checkpoint_paths: "%s"\n' % p
        return out

    __repr__ = __str__


def _checkpoint_filename(save_dir, latest_filename):
    return _os.path.join(save_dir, latest_filename or "checkpoint")


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The folder's `CheckpointState`, paths joined to the folder; None when there is none."""
    checkpoint_dir = _as_str(checkpoint_dir)
    state = _engine.py(_CK.readState(_full(checkpoint_dir), latest_filename or "checkpoint"))
    if state is None:
        return None
    state = state.to_py()
    if "error" in state:
        # TF logs a warning and ignores a state file it cannot parse.
        return None
    ckpt = CheckpointState(str(state["model"]), [str(p) for p in state["all"]])
    if not ckpt.model_checkpoint_path:
        raise ValueError("Invalid checkpoint state loaded from " + checkpoint_dir)
    if not _os.path.isabs(ckpt.model_checkpoint_path):
        ckpt.model_checkpoint_path = _os.path.join(checkpoint_dir, ckpt.model_checkpoint_path)
    for i, p in enumerate(ckpt.all_model_checkpoint_paths):
        if not _os.path.isabs(p):
            ckpt.all_model_checkpoint_paths[i] = _os.path.join(checkpoint_dir, p)
    return ckpt


def checkpoint_exists(checkpoint_prefix):
    """Whether a checkpoint (V2: `prefix.index`; V1: the file itself) exists."""
    return bool(_CK.exists(_full(checkpoint_prefix)))


def latest_checkpoint(checkpoint_dir, latest_filename=None):
    """The newest checkpoint's prefix from the folder's state file, or None."""
    ckpt = get_checkpoint_state(checkpoint_dir, latest_filename)
    if ckpt and ckpt.model_checkpoint_path:
        if checkpoint_exists(ckpt.model_checkpoint_path):
            return ckpt.model_checkpoint_path
    return None


def generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                    all_model_checkpoint_paths=None):
    if all_model_checkpoint_paths is None:
        all_model_checkpoint_paths = []
    if (not all_model_checkpoint_paths or
            all_model_checkpoint_paths[-1] != model_checkpoint_path):
        all_model_checkpoint_paths.append(model_checkpoint_path)
    # Relative paths are rewritten relative to a relative save_dir.
    if not _os.path.isabs(save_dir):
        if not _os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = _os.path.relpath(model_checkpoint_path, save_dir)
        for i, p in enumerate(all_model_checkpoint_paths):
            if not _os.path.isabs(p):
                all_model_checkpoint_paths[i] = _os.path.relpath(p, save_dir)
    return CheckpointState(model_checkpoint_path, all_model_checkpoint_paths)


def update_checkpoint_state(save_dir, model_checkpoint_path, all_model_checkpoint_paths=None,
                            latest_filename=None, save_relative_paths=False):
    """Writes the folder's `checkpoint` state file."""
    save_dir = _as_str(save_dir)
    coord_checkpoint_filename = _checkpoint_filename(save_dir, latest_filename)
    if save_relative_paths:
        rel_model = (_os.path.relpath(model_checkpoint_path, save_dir)
                     if _os.path.isabs(model_checkpoint_path) else model_checkpoint_path)
        rel_all = [_os.path.relpath(p, save_dir) if _os.path.isabs(p) else p
                   for p in all_model_checkpoint_paths or []]
        ckpt = generate_checkpoint_state_proto(save_dir, rel_model, rel_all)
    else:
        ckpt = generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                               list(all_model_checkpoint_paths or []))
    if coord_checkpoint_filename == ckpt.model_checkpoint_path:
        raise RuntimeError("Save path '%s' conflicts with path used for checkpoint state.  "
                           "Please use a different save path." % model_checkpoint_path)
    try:
        _CK.writeState(_full(save_dir), latest_filename or "checkpoint",
                       ckpt.model_checkpoint_path,
                       _engine.tojs(ckpt.all_model_checkpoint_paths))
    except JsException as e:
        raise _errors.UnknownError(None, None, _js_error(e)[1]) from None


def meta_graph_filename(checkpoint_filename, meta_graph_suffix="meta"):
    basename = _re.sub(r"-[\d\?]+-of-\d+$", "", checkpoint_filename)
    return ".".join([basename, meta_graph_suffix])


def remove_checkpoint(checkpoint_prefix, checkpoint_format_version=SaverDef.V2,
                      meta_graph_suffix="meta"):
    """Deletes a checkpoint's `.index`, data and `.meta` files (those that exist)."""
    prefix = _as_str(checkpoint_prefix)
    _CK.remove(_full(prefix), _full(meta_graph_filename(prefix, meta_graph_suffix)))


def get_checkpoint_mtimes(checkpoint_prefixes):
    """The modification times of the checkpoints' `.index` files (those that exist)."""
    out = []
    for prefix in checkpoint_prefixes:
        t = _engine.py(_CK.mtime(_full(prefix)))
        if t is not None:
            out.append(float(t))
    return out


# ---------------------------------------------------------------------------------------------
# Saver


class _Saveable(object):
    """One tensor the saver writes: a variable under `name`, or a slice of a partitioned one."""

    def __init__(self, name, var, slice_info=None):
        self.name = name
        self.var = var
        self.slice = slice_info  # (full_name, full_shape, offset) or None

    @property
    def dtype(self):
        return self.var.dtype.base_dtype.name

    @property
    def shape(self):
        return [int(d) for d in self.var._v.shape]


def _slice_info(var):
    info = _engine.py(_CK.sliceInfo(var._v))
    if info is None:
        return None
    return (str(info.fullName), [int(d) for d in info.fullShape], [int(d) for d in info.offset])


def _op_list_to_dict(op_list):
    """`saveable_object_util.op_list_to_dict`: a list of variables keyed by their op names."""
    if not isinstance(op_list, (list, tuple, set)):
        raise TypeError("Variables to save should be passed in a dict or a "
                        "list: %s" % (op_list,))
    op_list = sorted(op_list, key=lambda x: x.name)
    names_to_saveables = {}
    for var in op_list:
        if isinstance(var, PartitionedVariable):
            if var.name in names_to_saveables:
                raise ValueError("At least two variables have the same name: %s" % var.name)
            names_to_saveables[var.name] = var
        elif isinstance(var, Variable) and _slice_info(var) is not None:
            name = _slice_info(var)[0]
            if name in names_to_saveables:
                if not isinstance(names_to_saveables[name], list):
                    raise ValueError("Mixing slices and non-slices with the same name: "
                                     "%s" % name)
                names_to_saveables[name].append(var)
            else:
                names_to_saveables[name] = [var]
        else:
            if not isinstance(var, Variable):
                raise TypeError("Variable to save is not a Variable: %s" % (var,))
            name = str(var._v.opName)
            if name in names_to_saveables:
                raise ValueError("At least two variables have the same name: %s" % name)
            names_to_saveables[name] = var
    return names_to_saveables


def _saveables_for_op(op, name):
    if not isinstance(name, str):
        raise TypeError("names_to_saveables must be a dict mapping string names to "
                        "trackable operations. Name is not a string: %s" % (name,))
    if isinstance(op, (list, tuple, PartitionedVariable)):
        if isinstance(op, PartitionedVariable):
            op = list(op)
        slice_name = None
        for variable in op:
            if not isinstance(variable, Variable):
                raise ValueError("Slices must all be Variables: %s" % (variable,))
            info = _slice_info(variable)
            if info is None:
                raise ValueError("Slices must all be slices: %s" % (variable,))
            if slice_name is None:
                slice_name = info[0]
            elif slice_name != info[0]:
                raise ValueError("Slices must all be from the same tensor: %s != %s"
                                 % (slice_name, info[0]))
            yield _Saveable(name, variable, info)
    elif isinstance(op, Variable):
        yield _Saveable(name, op)
    else:
        raise TypeError("names_to_saveables must be a dict mapping string names to "
                        "Tensors/Variables. Not a variable: %s" % (op,))


def _validate_and_slice_inputs(names_to_saveables):
    if not isinstance(names_to_saveables, dict):
        names_to_saveables = _op_list_to_dict(names_to_saveables)
    saveables = []
    seen = set()
    for name, op in sorted(names_to_saveables.items(), key=lambda x: x[0]):
        for saveable in _saveables_for_op(op, name):
            if id(saveable.var) in seen:
                raise ValueError("The same saveable will be restored with two names: %s" % name)
            seen.add(id(saveable.var))
            saveables.append(saveable)
    return saveables


def _all_saveable_objects():
    g = get_default_graph()
    return g.get_collection(GraphKeys.GLOBAL_VARIABLES) + \
        g.get_collection(GraphKeys.SAVEABLE_OBJECTS)


def _wrap_restore_error_with_msg(err, extra_verbiage):
    err_msg = ("Restoring from checkpoint failed. This is most likely "
               "due to {} from the checkpoint. Please ensure that you "
               "have not altered the graph expected based on the checkpoint. "
               "Original error:\n\n{}").format(extra_verbiage, err.message)
    return err.__class__(err.node_def, err.op, err_msg)


def _check_session(sess):
    from ._session import Session

    if not isinstance(sess, Session):
        raise TypeError("'sess' must be a Session; %s" % (sess,))
    if sess._closed:
        raise RuntimeError("Attempted to use a closed Session.")


class Saver(object):
    """`tf.train.Saver`: saves and restores variables as V2 checkpoints."""

    def __init__(self, var_list=None, reshape=False, sharded=False, max_to_keep=5,
                 keep_checkpoint_every_n_hours=10000.0, name=None, restore_sequentially=False,
                 saver_def=None, builder=None, defer_build=False, allow_empty=False,
                 write_version=SaverDef.V2, pad_step_number=False, save_relative_paths=False,
                 filename=None):
        if defer_build and var_list:
            raise ValueError(
                "If `var_list` is provided then build cannot be deferred. "
                "Either set defer_build=False or var_list=None.")
        if saver_def is not None or builder is not None:
            raise NotImplementedError(
                "Scope Lens's tf.train.Saver builds its own saver: saver_def and builder are not "
                "supported.")
        if write_version != SaverDef.V2:
            raise NotImplementedError(
                "Scope Lens writes V2 checkpoints only (write_version=tf.train.SaverDef.V2).")
        self._var_list = var_list
        self._reshape = reshape
        self._sharded = sharded
        self._max_to_keep = max_to_keep
        self._keep_checkpoint_every_n_hours = keep_checkpoint_every_n_hours
        self._name = name
        self._restore_sequentially = restore_sequentially
        self.saver_def = None
        self._is_built = False
        self._allow_empty = allow_empty
        self._is_empty = None
        self._write_version = write_version
        self._pad_step_number = pad_step_number
        self._filename = filename
        self._last_checkpoints = []
        self._checkpoints_to_be_deleted = []
        self._saveables = []
        if not defer_build:
            self.build()
        self._save_relative_paths = save_relative_paths

    def build(self):
        if self._is_built:
            return
        self._is_built = True
        if self._var_list is None:
            self._var_list = _all_saveable_objects()
        if not self._var_list:
            if self._allow_empty:
                self._is_empty = True
                return
            raise ValueError("No variables to save")
        self._is_empty = False
        self._saveables = _validate_and_slice_inputs(self._var_list)
        # The ops TF adds live under a name scope "save" (uniquified: save_1, ...).
        scope = get_default_graph().unique_name(self._name or "save")
        self.saver_def = SaverDef(
            filename_tensor_name=scope + "/Const:0",
            save_tensor_name=scope + "/control_dependency:0",
            restore_op_name=scope + "/restore_all",
            max_to_keep=self._max_to_keep,
            sharded=self._sharded,
            keep_checkpoint_every_n_hours=self._keep_checkpoint_every_n_hours,
            version=self._write_version)
        self._next_checkpoint_time = (
            _time.time() + self.saver_def.keep_checkpoint_every_n_hours * 3600)

    def as_saver_def(self):
        return self.saver_def

    # -- bookkeeping of recent checkpoints ---------------------------------------------------
    @property
    def last_checkpoints(self):
        return list(p[0] for p in self._last_checkpoints)

    def set_last_checkpoints(self, last_checkpoints):
        assert isinstance(last_checkpoints, list)
        self._last_checkpoints = [(s, float("inf")) for s in last_checkpoints]

    def set_last_checkpoints_with_time(self, last_checkpoints_with_time):
        assert isinstance(last_checkpoints_with_time, list)
        self._last_checkpoints = last_checkpoints_with_time

    def recover_last_checkpoints(self, checkpoint_paths):
        checkpoints_with_mtimes = []
        for checkpoint_path in checkpoint_paths:
            mtime = get_checkpoint_mtimes([checkpoint_path])
            if mtime:
                checkpoints_with_mtimes.append((checkpoint_path, mtime[0]))
        self.set_last_checkpoints_with_time(checkpoints_with_mtimes)

    def _RecordLastCheckpoint(self, latest_save_path):
        if not self.saver_def.max_to_keep:
            return
        for p in self._last_checkpoints:
            if latest_save_path == p[0]:
                self._last_checkpoints.remove(p)
        self._last_checkpoints.append((latest_save_path, _time.time()))
        if len(self._last_checkpoints) > self.saver_def.max_to_keep:
            self._checkpoints_to_be_deleted.append(self._last_checkpoints.pop(0))

    def _MaybeDeleteOldCheckpoints(self, meta_graph_suffix="meta"):
        if self._checkpoints_to_be_deleted:
            p = self._checkpoints_to_be_deleted.pop(0)
            should_keep = p[1] > self._next_checkpoint_time
            if should_keep:
                self._next_checkpoint_time += (
                    self.saver_def.keep_checkpoint_every_n_hours * 3600)
                return
            try:
                remove_checkpoint(p[0], self.saver_def.version, meta_graph_suffix)
            except Exception:  # noqa: BLE001 - TF logs "Ignoring: ..." and goes on
                pass

    # -- save ----------------------------------------------------------------------------------
    def _save(self, sess, checkpoint_file):
        from ._session import _Evaluator

        check = _Evaluator(sess, {})
        items = []
        for s in self._saveables:
            check.check_initialized(s.var)
        for s in self._saveables:
            full = s.slice
            items.append(_engine.jsobj(
                key=s.name, dtype=s.dtype, shape=s.shape, value=s.var._v.value,
                fullShape=full[1] if full else None, offset=full[2] if full else None))
        try:
            _CK.save(_full(checkpoint_file), _engine.tojs(items))
        except JsException as e:
            code, message = _js_error(e)
            if code == "no-parent":
                raise _errors.NotFoundError(
                    None, None, "%s.data-00000-of-00001; No such file or directory"
                    % checkpoint_file) from None
            raise _data_error(code, message) from None
        return checkpoint_file

    def save(self, sess, save_path, global_step=None, latest_filename=None,
             meta_graph_suffix="meta", write_meta_graph=True, write_state=True,
             strip_default_attrs=False, save_debug_info=False):
        if not self._is_built:
            raise RuntimeError("`build()` should be called before save if defer_build==True")
        if latest_filename is None:
            latest_filename = "checkpoint"
        if _os.path.split(latest_filename)[0]:
            raise ValueError("'latest_filename' must not contain path components")
        save_path = _as_str(save_path)
        if global_step is not None:
            if not isinstance(global_step, int) or isinstance(global_step, bool):
                global_step = _global_step_value(sess, global_step)
            checkpoint_file = "%s-%d" % (save_path, global_step)
            if self._pad_step_number:
                checkpoint_file = "%s-%s" % (save_path, "{:08d}".format(global_step))
        else:
            checkpoint_file = save_path
            if _os.path.basename(save_path) == latest_filename and not self._sharded:
                raise ValueError(
                    "'latest_filename' collides with 'save_path': '%s' and '%s'" %
                    (latest_filename, save_path))
        from ._session import Session

        if not isinstance(sess, Session):
            raise TypeError("'sess' must be a Session; %s" % (sess,))
        save_path_parent = _os.path.dirname(save_path)
        if not self._is_empty:
            try:
                _check_session(sess)
                model_checkpoint_path = self._save(sess, checkpoint_file)
                if write_state:
                    self._RecordLastCheckpoint(model_checkpoint_path)
                    update_checkpoint_state(
                        save_dir=save_path_parent,
                        model_checkpoint_path=model_checkpoint_path,
                        all_model_checkpoint_paths=self.last_checkpoints,
                        latest_filename=latest_filename,
                        save_relative_paths=self._save_relative_paths)
                    self._MaybeDeleteOldCheckpoints(meta_graph_suffix=meta_graph_suffix)
            except (_errors.FailedPreconditionError, _errors.NotFoundError) as exc:
                if not _CK.isDirectory(_full(save_path_parent)):
                    exc = ValueError(
                        "Parent directory of {} doesn't exist, can't save.".format(save_path))
                raise exc
        if self._is_empty:
            return None
        return model_checkpoint_path

    def export_meta_graph(self, *args, **kwargs):
        raise NotImplementedError(
            "Scope Lens does not write MetaGraphDefs (tf.train.Saver.export_meta_graph).")

    # -- restore -------------------------------------------------------------------------------
    def _restore(self, sess, save_path):
        try:
            reader = _CK.open(_full(save_path))
        except JsException as e:
            raise _open_error(e, save_path) from None
        # RestoreV2: every key looked up in sorted order (the first missing one fails), then
        # every dtype compared (all mismatches reported together).
        specs = sorted(self._saveables, key=lambda s: s.name)
        infos = {}
        for s in specs:
            if s.name in infos:
                continue
            info = _engine.py(reader.info(s.name))
            if info is None:
                raise _errors.NotFoundError(
                    None, None, "Key %s not found in checkpoint" % s.name)
            infos[s.name] = (str(info.dtype), [int(d) for d in info.shape])
        mismatched = ["tensor_name = %s; expected dtype %s does not equal original dtype %s"
                      % (s.name, _dt_string(s.dtype), _dt_string(infos[s.name][0]))
                      for s in specs if s.dtype != infos[s.name][0]]
        if mismatched:
            raise _errors.InvalidArgumentError(None, None, "\n".join(mismatched))
        for s in specs:
            if s.slice is not None and s.slice[1] != infos[s.name][1]:
                raise _errors.InvalidArgumentError(
                    None, None, "tensor_name = %s; shape in shape_and_slice spec %s does not "
                    "match the shape stored in checkpoint: %s"
                    % (s.name, _shape_string(s.slice[1]), _shape_string(infos[s.name][1])))
        # The assignments, each checking its shape (reshape=True: element counts).
        targets = []
        for s in self._saveables:
            if s.slice is not None:
                continue
            stored = infos[s.name][1]
            mine = s.shape
            if stored != mine:
                if self._reshape:
                    n_stored = 1
                    for d in stored:
                        n_stored *= d
                    n_mine = 1
                    for d in mine:
                        n_mine *= d
                    if n_stored != n_mine:
                        raise _errors.InvalidArgumentError(
                            None, None, "Input to reshape is a tensor with %d values, but the "
                            "requested shape has %d" % (n_stored, n_mine))
                elif bool(s.var._v.isResource):
                    # TF 1.15's AssignVariableOp does not check the shape: the variable would
                    # take the stored shape. An engine variable keeps its shape.
                    raise NotImplementedError(
                        "Scope Lens cannot restore %s of shape %s into resource variable %s of "
                        "shape %s (TensorFlow 1.15 would change the variable's shape)."
                        % (s.name, _shape_string(stored), s.var.name, _shape_string(mine)))
                else:
                    raise _errors.InvalidArgumentError(
                        None, None, "Assign requires shapes of both tensors to match. "
                        "lhs shape= %s rhs shape= %s"
                        % (_shape_string(mine), _shape_string(stored)))
            targets.append(s)
        try:
            for s in targets:
                reader.assign(s.name, s.var._v.value, _engine.tojs(s.shape))
            parts = {}
            for s in self._saveables:
                if s.slice is not None:
                    parts.setdefault(s.name, []).append(_engine.jsobj(
                        variable=s.var._v.value, begin=s.slice[2], size=s.shape))
            for name, group in parts.items():
                reader.assignParts(name, _engine.tojs(group))
        except JsException as e:
            code, message = _js_error(e)
            raise _data_error(code, message) from None
        for s in self._saveables:
            sess._initialized.add(int(s.var._v.uid))

    def restore(self, sess, save_path):
        if self._is_empty:
            return
        if save_path is None:
            raise ValueError("Can't load save_path when it is None.")
        checkpoint_prefix = _as_str(save_path)
        if not checkpoint_exists(checkpoint_prefix):
            raise ValueError("The passed save_path is not a valid checkpoint: " +
                             checkpoint_prefix)
        _check_session(sess)
        try:
            self._restore(sess, checkpoint_prefix)
        except _errors.NotFoundError as err:
            # TF then tries the checkpoint as an object-based one; a name-based checkpoint has
            # no object graph, so the original error comes back with an explanation.
            try:
                NewCheckpointReader(checkpoint_prefix).get_tensor(_OBJECT_GRAPH_KEY)
            except _errors.NotFoundError:
                raise _wrap_restore_error_with_msg(
                    err, "a Variable name or other graph key that is missing")
            raise NotImplementedError(
                "Scope Lens cannot restore object-based checkpoints (tf.train.Checkpoint) "
                "with a tf.train.Saver.")
        except _errors.InvalidArgumentError as err:
            raise _wrap_restore_error_with_msg(
                err, "a mismatch between the current graph and the graph")


Saver.__module__ = "tensorflow.python.training.saver"
SaverDef.__module__ = "tensorflow.core.protobuf.saver_pb2"
CheckpointState.__module__ = "tensorflow.python.training.checkpoint_state_pb2"


# ---------------------------------------------------------------------------------------------
# The global step


def assert_global_step(global_step_tensor):
    if not isinstance(global_step_tensor, (Variable, Tensor)):
        raise TypeError(
            'Existing "global_step" must be a Variable or Tensor: %s.' % (global_step_tensor,))
    if not global_step_tensor.dtype.base_dtype.is_integer:
        raise TypeError('Existing "global_step" does not have integer type: %s' %
                        global_step_tensor.dtype)
    shape = global_step_tensor.get_shape()
    if shape.ndims != 0 and shape.is_fully_defined():
        raise TypeError('Existing "global_step" is not scalar: %s' % shape)


def get_global_step(graph=None):
    """The graph's global step variable (collection `global_step`, else `global_step:0`)."""
    graph = graph or get_default_graph()
    global_step_tensors = graph.get_collection(GraphKeys.GLOBAL_STEP)
    if len(global_step_tensors) == 1:
        global_step_tensor = global_step_tensors[0]
    elif not global_step_tensors:
        found = [v for v in graph.get_collection(GraphKeys.GLOBAL_VARIABLES)
                 if isinstance(v, Variable) and v.name == "global_step:0"]
        if not found:
            try:
                global_step_tensor = graph.get_tensor_by_name("global_step:0")
            except (KeyError, ValueError):
                return None
        else:
            global_step_tensor = found[0]
    else:
        _sys.stderr.write("ERROR:tensorflow:Multiple tensors in global_step collection.\n")
        return None
    assert_global_step(global_step_tensor)
    return global_step_tensor


def create_global_step(graph=None):
    """Creates the int64 scalar `global_step` variable (not trainable, initialized to 0)."""
    from . import _variable_scope, _variables
    from ._init_ops import zeros_initializer

    graph = graph or get_default_graph()
    if get_global_step(graph) is not None:
        raise ValueError('"global_step" already exists.')
    with graph.as_default() as g, g.name_scope(None):
        opts = _variable_scope._get_variable_opts(
            [], _dtypes.int64, zeros_initializer(), None, False,
            [GraphKeys.GLOBAL_VARIABLES, GraphKeys.GLOBAL_STEP], None, None, True, None, None,
            None)
        return _variables.wrap(_engine.call(E.getVariable, GraphKeys.GLOBAL_STEP, opts))


def get_or_create_global_step(graph=None):
    graph = graph or get_default_graph()
    global_step_tensor = get_global_step(graph)
    if global_step_tensor is None:
        global_step_tensor = create_global_step(graph)
    return global_step_tensor


def global_step(sess, global_step_tensor):
    """The global step's value in `sess`, as an int."""
    return int(sess.run(global_step_tensor))


_global_step_value = global_step  # Saver.save's `global_step` argument hides the function


# ---------------------------------------------------------------------------------------------
# The `tf.train` module


class _TrainModule(_types.ModuleType):
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError("module 'tensorflow.train' has no attribute %r" % name)
        raise NotImplementedError(
            "Scope Lens's tensorflow module does not implement tf.train.%s (TensorFlow 1.15 "
            "API)." % name)


def make_module(parent_name):
    m = _TrainModule(parent_name + ".train", "tf.train: checkpoints and the global step.")
    for name in ("Saver", "SaverDef", "CheckpointState", "NewCheckpointReader",
                 "load_checkpoint", "load_variable", "list_variables", "latest_checkpoint",
                 "get_checkpoint_state", "checkpoint_exists", "update_checkpoint_state",
                 "generate_checkpoint_state_proto", "remove_checkpoint", "get_checkpoint_mtimes",
                 "get_global_step", "create_global_step", "get_or_create_global_step",
                 "global_step", "assert_global_step"):
        setattr(m, name, globals()[name])
    return m
