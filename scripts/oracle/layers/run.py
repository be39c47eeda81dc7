"""Records `.expected` files for layer-library programs from real TensorFlow (TF1 graph mode).

Not part of `npm test`: the expectations it writes are committed. Usage (any Python with
`tensorflow` 2.x, `six`):

    python scripts/oracle/layers/run.py --tf-keras DIR --tf-slim DIR PROGRAM.py...

DIR are checkouts of keras-team/tf-keras and google-research/tf-slim (their repository roots).
`tf.layers` is mapped onto tf-keras's `legacy_tf_layers` (TF 1.15's `tf.layers`),
`tf.contrib.layers` / `tf.contrib.slim` / `tf.contrib.framework` onto tf-slim, `tf.keras` onto
tf-keras itself (its V1 graph-mode layers, `base_layer_v1`), and the program
runs with `import tensorflow as tf` bound to `tensorflow.compat.v1` in graph mode, each in a
fresh graph; its stdout becomes `PROGRAM.expected`. A program whose text has `# oracle: skip`
pins TF 1.15 behaviour this oracle does not reproduce (its expectation is written by hand from
TF 1.15's source) and is left alone. Uncaught exceptions print as
`<Type>: <first line>` (the programs catch the ones they expect themselves).
"""
import argparse
import contextlib
import io
import os
import sys
import types

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def _stub_protobufs(tf_keras_root):
    """tf-keras imports three generated `*_pb2` modules the layers never use: empty stand-ins."""
    pkg = types.ModuleType("tf_keras.protobuf")
    pkg.__path__ = [os.path.join(tf_keras_root, "tf_keras", "protobuf")]
    sys.modules["tf_keras.protobuf"] = pkg
    for name in ("saved_metadata_pb2", "versions_pb2", "projector_config_pb2"):
        mod = types.ModuleType("tf_keras.protobuf." + name)
        sys.modules[mod.__name__] = mod
        setattr(pkg, name, mod)


def _tf1(tf_keras_root, tf_slim_root):
    import tensorflow as real  # noqa: F401 - loads the real package first
    import tensorflow.compat.v1 as tf

    tf.disable_v2_behavior()
    sys.path.insert(0, tf_keras_root)
    sys.path.insert(0, tf_slim_root)
    _stub_protobufs(tf_keras_root)
    from tf_keras.legacy_tf_layers import (base, convolutional, core, normalization,
                                           pooling)
    layers = types.ModuleType("tensorflow.layers")
    for mod in (core, convolutional, normalization, pooling):
        for key in dir(mod):
            if not key.startswith("_") and key[0].isalpha():
                setattr(layers, key, getattr(mod, key))
    layers.Layer = base.Layer
    layers.InputSpec = getattr(tf.layers, "InputSpec", None)
    tf.layers = layers  # tf-slim subclasses tf.layers.Layer at import time
    import tf_slim

    contrib = types.ModuleType("tensorflow.contrib")
    contrib.layers = tf_slim.layers
    contrib.slim = tf_slim
    contrib.framework = types.ModuleType("tensorflow.contrib.framework")
    for key in ("arg_scope", "add_arg_scope", "model_variable", "variable",
                "get_model_variables", "get_variables", "get_or_create_global_step"):
        if hasattr(tf_slim, key):
            setattr(contrib.framework, key, getattr(tf_slim, key))
    for key in ("l1_regularizer", "l2_regularizer", "l1_l2_regularizer", "sum_regularizer",
                "apply_regularization", "xavier_initializer", "variance_scaling_initializer"):
        if not hasattr(contrib.layers, key) and hasattr(tf_slim, key):
            setattr(contrib.layers, key, getattr(tf_slim, key))
    # `from tensorflow.contrib.layers.python.layers import initializers` (slim.initializers).
    from tf_slim.layers import initializers

    for name in ("tensorflow.contrib.layers.python", "tensorflow.contrib.layers.python.layers"):
        sys.modules[name] = types.ModuleType(name)
    sys.modules["tensorflow.contrib.layers.python.layers"].initializers = initializers
    sys.modules["tensorflow.contrib.layers.python.layers.initializers"] = initializers
    tf.layers = layers
    tf.contrib = contrib
    # `tf.keras`: tf-keras imported after `disable_v2_behavior()`, so its layers construct as
    # `base_layer_v1.Layer` (`version_utils.should_use_v2()` is false in graph mode) and
    # `layers.BatchNormalization` is the V1 class, as in TF 1.15.
    import tf_keras

    tf.keras = tf_keras
    sys.modules["tensorflow.keras"] = tf_keras
    for name in ("layers", "regularizers", "initializers", "activations", "backend"):
        sys.modules["tensorflow.keras." + name] = getattr(tf_keras, name)
    sys.modules["tensorflow.contrib"] = contrib  # `import tensorflow.contrib.slim as slim`
    sys.modules["tensorflow.contrib.slim"] = contrib.slim
    sys.modules["tensorflow.contrib.layers"] = contrib.layers
    return tf


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--tf-keras", required=True)
    ap.add_argument("--tf-slim", required=True)
    ap.add_argument("--check", action="store_true", help="compare instead of writing")
    ap.add_argument("programs", nargs="+")
    args = ap.parse_args()
    tf = _tf1(os.path.abspath(args.tf_keras), os.path.abspath(args.tf_slim))
    sys.modules["tensorflow"] = tf
    failed = 0
    for path in args.programs:
        if "# oracle: skip" in open(path).read():
            print("skipped (expectation written from TF 1.15's source)", path)
            continue
        tf.reset_default_graph()
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            try:
                code = compile(open(path).read(), path, "exec")
                exec(code, {"__name__": "__main__", "__file__": path})
            except Exception as e:  # reported the way the programs print expected errors
                print("%s: %s" % (type(e).__name__, str(e).split("\n")[0]))
        expected = path[:-3] + ".expected"
        if args.check:
            same = os.path.exists(expected) and open(expected).read() == out.getvalue()
            failed += not same
            print(("ok   " if same else "DIFF ") + path)
            if not same:
                sys.stdout.write(out.getvalue())
        else:
            with open(expected, "w") as f:
                f.write(out.getvalue())
            print("wrote", expected)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
