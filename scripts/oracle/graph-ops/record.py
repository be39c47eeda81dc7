"""Records test/runtime/graph-ops/*.expected: what real TensorFlow prints for each program
(op names and types in `get_operations()` order, tensor names, gradient values).

Running it, from the project root (the oracle is TF 2.21's compat.v1 in graph mode, see
/work/shared/notes/real-tensorflow-oracle.md):
  /work/.tf-oracle/bin/python scripts/oracle/graph-ops/record.py [name ...]

Where TF 2.21 builds another graph than TF 1.15, the program's header says how 1.15's output
differs, each line `# oracle-override: <2.21 text> => <1.15 text>` (as in test/corpus; `\\n`
stands for a line break; an empty 1.15 text removes the lines), with the 1.15 source it
follows; the overrides are applied in order to what the oracle printed before it is written.
"""
import io
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))
DIR = os.path.join(ROOT, "test", "runtime", "graph-ops")
OVERRIDE = re.compile(r"^# oracle-override: (.+?) =>(?: (.*))?$")


def load_tensorflow():
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow  # noqa: F401 - the real package must be imported before the alias
    import tensorflow.compat.v1 as v1

    v1.disable_v2_behavior()
    sys.modules["tensorflow"] = v1
    return v1


def overrides_of(source):
    pairs = []
    for line in source.splitlines():
        m = OVERRIDE.match(line)
        if m:
            new = m.group(2) or ""
            pairs.append((m.group(1).replace("\\n", "\n"), new.replace("\\n", "\n")))
    return pairs


def record(tf, path):
    with open(path) as f:
        source = f.read()
    tf.reset_default_graph()
    out = io.StringIO()
    saved = sys.stdout
    sys.stdout = out
    try:
        exec(compile(source, path, "exec"), {"__name__": "__main__"})
    finally:
        sys.stdout = saved
    text = out.getvalue()
    for old, new in overrides_of(source):
        if old not in text:
            raise SystemExit("%s: the override's text is not in the output: %r" % (path, old))
        # An empty 1.15 text removes the lines.
        text = text.replace(old + "\n", "") if new == "" else text.replace(old, new)
    with open(path[:-3] + ".expected", "w") as f:
        f.write(text)


def main(names):
    tf = load_tensorflow()
    import numpy as np

    np.set_printoptions(legacy="1.25")
    for name in sorted(os.listdir(DIR)):
        if name.endswith(".py") and (not names or name[:-3] in names):
            record(tf, os.path.join(DIR, name))
            print("recorded", name)


if __name__ == "__main__":
    main(sys.argv[1:])
