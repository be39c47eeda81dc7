"""Records the `.expected` stdout of TF1 programs with real TensorFlow (TF 2.21 in TF1 graph mode).

Usage (from the project root, with the oracle's interpreter):

    <tf-oracle>/bin/python scripts/oracle/train/record.py test/runtime/train-layers/*.py

Each program is written for TF 1.15 (`import tensorflow as tf`). It runs in this one process,
in a fresh default graph, with `tensorflow` bound to a view of `tensorflow.compat.v1` that also
offers what TF 1.15 had and 2.x moved: `tf.nn.rnn_cell` and `tf.contrib.rnn` (TF's own legacy
`rnn_cell_impl`, still shipped), `tf.nn.dynamic_rnn` and friends (`tensorflow.python.ops.rnn`),
and `tf.contrib.legacy_seq2seq`'s `rnn_decoder`, `sequence_loss_by_example` and `sequence_loss`
(a few lines each, restated below from their TF 1.15 behaviour). Its stdout is written next to
it as `NAME.expected`; stderr is not recorded. With `--check`, nothing is written and every
difference is reported instead.
"""
import contextlib
import io
import os
import sys
import types

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import tensorflow as _real  # noqa: E402  (the real package must load before the view)
import tensorflow.compat.v1 as v1  # noqa: E402
from tensorflow.python.keras.layers.legacy_rnn import rnn_cell_impl  # noqa: E402
from tensorflow.python.ops import rnn as rnn_ops  # noqa: E402

v1.disable_v2_behavior()

_CELLS = ("RNNCell", "BasicRNNCell", "BasicLSTMCell", "LSTMCell", "GRUCell", "MultiRNNCell",
          "DropoutWrapper", "ResidualWrapper", "DeviceWrapper", "LSTMStateTuple")
_RNNS = ("dynamic_rnn", "static_rnn", "bidirectional_dynamic_rnn",
         "static_bidirectional_rnn", "raw_rnn", "static_state_saving_rnn")


def _rnn_decoder(decoder_inputs, initial_state, cell, loop_function=None, scope=None):
    # TF 1.15's legacy_seq2seq.rnn_decoder: one scope, variables shared after the first step.
    with v1.variable_scope(scope or "rnn_decoder"):
        state = initial_state
        outputs = []
        prev = None
        for i, inp in enumerate(decoder_inputs):
            if loop_function is not None and prev is not None:
                with v1.variable_scope("loop_function", reuse=True):
                    inp = loop_function(prev, i)
            if i > 0:
                v1.get_variable_scope().reuse_variables()
            output, state = cell(inp, state)
            outputs.append(output)
            if loop_function is not None:
                prev = output
    return outputs, state


def _sequence_loss_by_example(logits, targets, weights, average_across_timesteps=True,
                              softmax_loss_function=None, name=None):
    # TF 1.15's legacy_seq2seq.sequence_loss_by_example: weighted per-step losses, add_n'ed.
    if len(targets) != len(logits) or len(weights) != len(logits):
        raise ValueError("Lengths of logits, weights, and targets must be the same %d, %d, %d."
                         % (len(logits), len(weights), len(targets)))
    with v1.name_scope(name, "sequence_loss_by_example", logits + targets + weights):
        terms = []
        for logit, target, weight in zip(logits, targets, weights):
            if softmax_loss_function is None:
                loss = v1.nn.sparse_softmax_cross_entropy_with_logits(
                    labels=v1.reshape(target, [-1]), logits=logit)
            else:
                loss = softmax_loss_function(labels=target, logits=logit)
            terms.append(loss * weight)
        total = v1.add_n(terms)
        if average_across_timesteps:
            size = v1.add_n(weights)
            size += 1e-12
            total /= size
    return total


def _sequence_loss(logits, targets, weights, average_across_timesteps=True,
                   average_across_batch=True, softmax_loss_function=None, name=None):
    # TF 1.15's legacy_seq2seq.sequence_loss: the sum, over the batch size if averaging.
    with v1.name_scope(name, "sequence_loss", logits + targets + weights):
        cost = v1.reduce_sum(_sequence_loss_by_example(
            logits, targets, weights, average_across_timesteps=average_across_timesteps,
            softmax_loss_function=softmax_loss_function))
        if average_across_batch:
            return cost / v1.cast(v1.shape(targets[0])[0], cost.dtype)
        return cost


def _namespace(name, base, extra):
    m = types.ModuleType(name)
    m.__getattr__ = lambda attr: getattr(base, attr)
    m.__dict__.update(extra)
    return m


def make_view():
    cells = {n: getattr(rnn_cell_impl, n) for n in _CELLS}
    rnn_cell = types.ModuleType("tensorflow.nn.rnn_cell")
    rnn_cell.__dict__.update(cells)
    nn = _namespace("tensorflow.nn", v1.nn,
                    dict({n: getattr(rnn_ops, n) for n in _RNNS}, rnn_cell=rnn_cell))
    contrib = types.ModuleType("tensorflow.contrib")
    contrib.rnn = types.ModuleType("tensorflow.contrib.rnn")
    contrib.rnn.__dict__.update(cells)
    contrib.rnn.static_rnn = rnn_ops.static_rnn
    contrib.rnn.static_bidirectional_rnn = rnn_ops.static_bidirectional_rnn
    contrib.legacy_seq2seq = types.ModuleType("tensorflow.contrib.legacy_seq2seq")
    contrib.legacy_seq2seq.rnn_decoder = _rnn_decoder
    contrib.legacy_seq2seq.sequence_loss_by_example = _sequence_loss_by_example
    contrib.legacy_seq2seq.sequence_loss = _sequence_loss
    return _namespace("tensorflow", v1, {"nn": nn, "contrib": contrib})


def run(path, view):
    with open(path, encoding="utf-8") as f:
        code = compile(f.read(), path, "exec")
    out = io.StringIO()
    saved = sys.modules.get("tensorflow")
    sys.modules["tensorflow"] = view
    v1.reset_default_graph()
    try:
        with contextlib.redirect_stdout(out):
            exec(code, {"__name__": "__main__", "__file__": path})
    finally:
        sys.modules["tensorflow"] = saved
    return out.getvalue()


def main(argv):
    check = "--check" in argv
    paths = [a for a in argv if a != "--check"]
    view = make_view()
    bad = 0
    for path in paths:
        text = run(path, view)
        target = path[:-3] + ".expected"
        if check:
            with open(target, encoding="utf-8") as f:
                same = f.read() == text
            bad += 0 if same else 1
            print(("same  " if same else "DIFF  ") + path)
            if not same:
                print(text)
        else:
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)
            print("wrote " + target)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
