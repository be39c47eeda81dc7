"""Records the in-repo conformance corpus (test/corpus) from real TensorFlow.

For every program `NNN_name.py` given, this writes beside it:
  NNN_name.expected      the exact stdout the program printed
  NNN_name.static.json   what every `tf.get_variable` call written in the program did, in order:
                         line, variable name, store key, create / reuse / raise (with the error's
                         first line), the same form as ../shared/conformance/*.static.json

Installing the oracle (Python 3.11; TF 1.15 has no wheel for it, so TF 2.21's compat.v1 stands in):
  python3 -m venv .tf-oracle
  .tf-oracle/bin/pip install --retries 0 tensorflow-cpu==2.21.0
(`--retries 0` keeps pip from retrying unreachable indexes for minutes.)

Running it, from the project root:
  .tf-oracle/bin/python scripts/oracle/record.py test/corpus/*.py          # write the files
  .tf-oracle/bin/python scripts/oracle/record.py --check test/corpus/*.py  # compare, write nothing
`--tf-keras DIR` (a checkout of keras-team/tf-keras) maps `tf.keras` onto its V1 graph-mode
layers, as scripts/oracle/layers/run.py does; the programs that use Keras need it.
All programs run in one process (importing TF takes seconds), each in a fresh default graph, as
`import tensorflow as tf` bound to `tensorflow.compat.v1` after `disable_v2_behavior()` (graph
mode, RefVariables, TF1 shape printing). TensorFlow's own stderr is not recorded.

Where TF 2.21 differs from TF 1.15 (the reference) for these programs:
  - a new variable whose dtype has no default initializer: 2.21 says "Variable x did not get an
    initializer ...", 1.15 says "The initializer passed is not valid. ...";
  - `variable_scope('_')` at the root: 2.21 says "'_' is not a valid root scope name. ...",
    1.15 says "'_' is not a valid scope name";
  - errors from ops print the C API's `{{node ...}}` form in 2.21;
  - the "Expected int32, got 2.0 of type 'float' instead." wording differs;
  - 2.21 passes `shape=` to the variable constructor, which changes some value-initializer cases;
  - `tf.contrib` is gone in 2.x (the corpus uses regularizer functions of its own instead).
A program either avoids these or states 1.15's text in a header comment that this script applies
to the recorded stdout and error lines:
  # oracle-override: <text TF 2.21 prints> => <text TF 1.15 prints>
"""
import io
import json
import os
import re
import sys
import traceback

OVERRIDE = re.compile(r"^# oracle-override: (.+?) => (.+)$")


def load_tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow  # noqa: F401 - the real package must be imported before the alias
    import tensorflow.compat.v1 as v1
    from tensorflow.python.ops import variable_scope as vs

    v1.disable_v2_behavior()
    sys.modules["tensorflow"] = v1
    return v1, vs


def map_keras(v1, tf_keras_root):
    """`tf.keras` onto a checkout of keras-team/tf-keras (its V1 graph-mode layers, as
    layers/run.py maps it), for the corpus programs that use Keras layers."""
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "layers"))
    import run as layers_run

    layers_run._stub_protobufs(tf_keras_root)
    sys.path.insert(0, tf_keras_root)
    import tf_keras

    v1.keras = tf_keras


def install_recorder(v1, vs, events, program_path):
    """Replaces `tf.get_variable` with a wrapper that logs each call made from the program."""
    real = vs.get_variable

    def caller_line():
        frame = sys._getframe(2)
        if os.path.abspath(frame.f_code.co_filename) != program_path:
            return None
        return frame.f_lineno

    def recording_get_variable(name, *args, **kwargs):
        line = caller_line()
        if line is None:
            return real(name, *args, **kwargs)
        scope_name = v1.get_variable_scope().name
        full = scope_name + "/" + name if scope_name else name
        store = vs._get_default_variable_store()
        existed = full in store._vars or full in store._partitioned_vars
        try:
            result = real(name, *args, **kwargs)
        except (ValueError, TypeError) as e:
            first = str(e).splitlines()[0] if str(e) else ""
            events.append({"line": line, "name": full, "action": "raise",
                           "error": "%s: %s" % (type(e).__name__, first)})
            raise
        events.append({"line": line, "name": str(getattr(result, "name", full)), "key": full,
                       "action": "reuse" if existed else "create"})
        return result

    v1.get_variable = recording_get_variable
    return lambda: setattr(v1, "get_variable", real)


def overrides_of(source):
    pairs = []
    for line in source.splitlines():
        m = OVERRIDE.match(line)
        if m:
            pairs.append((m.group(1), m.group(2)))
    return pairs


def apply_overrides(text, pairs):
    for old, new in pairs:
        text = text.replace(old, new)
    return text


def execute(v1, vs, path):
    """Runs one program in a fresh default graph, recording its get_variable calls. Returns
    (source, stdout, events, error): `error` is the exception the program did not catch (None
    when it ran to its end) and its traceback."""
    with open(path, encoding="utf-8") as f:
        source = f.read()
    v1.reset_default_graph()
    events = []
    restore = install_recorder(v1, vs, events, path)
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    error = None
    try:
        exec(compile(source, path, "exec"), {"__name__": "__main__", "__file__": path})
    except Exception as e:
        error = (e, traceback.format_exc())
    finally:
        sys.stdout = saved
        restore()
    return source, out.getvalue(), events, error


def run_program(v1, vs, path):
    path = os.path.abspath(path)
    source, stdout, events, error = execute(v1, vs, path)
    if error is not None:
        # A corpus program must run to its end: an uncaught error is a bug in the program.
        raise RuntimeError("%s raised:\n%s" % (path, error[1]))
    pairs = overrides_of(source)
    for e in events:
        if "error" in e:
            e["error"] = apply_overrides(e["error"], pairs)
    stdout = apply_overrides(stdout, pairs)
    static = json.dumps({"status": "ok", "events": events}, indent=1) + "\n"
    return stdout, static


def main(argv):
    check = "--check" in argv
    tf_keras_root = None
    if "--tf-keras" in argv:
        at = argv.index("--tf-keras")
        tf_keras_root = os.path.abspath(argv[at + 1])
        argv = argv[:at] + argv[at + 2:]
    paths = [a for a in argv if a != "--check"]
    if not paths:
        print("usage: record.py [--check] [--tf-keras DIR] PROGRAM.py ...", file=sys.stderr)
        return 2
    v1, vs = load_tensorflow()
    if tf_keras_root is not None:
        map_keras(v1, tf_keras_root)
    differ = 0
    for p in sorted(paths):
        stdout, static = run_program(v1, vs, p)
        stem = p[:-3]
        for target, text in ((stem + ".expected", stdout), (stem + ".static.json", static)):
            if check:
                old = open(target, encoding="utf-8").read() if os.path.exists(target) else None
                if old != text:
                    differ += 1
                    print("differs: %s" % target)
            else:
                with open(target, "w", encoding="utf-8") as f:
                    f.write(text)
        print("%s %s" % ("checked" if check else "recorded", p))
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
