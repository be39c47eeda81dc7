"""TF 1.15's layer libraries, written once in analyzable Python (issue #11).

The runtime executes these modules; the static analyzer interprets the same source. They use
only TF's public API (`import tensorflow as tf`), each other, and `_support`. `exports.py` maps
the public names under `tf.` to them.
"""
