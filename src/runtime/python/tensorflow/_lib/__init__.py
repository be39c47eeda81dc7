"""Scope Lens's layer libraries (`tf.layers`, `tf.contrib.layers` / `tf.contrib.slim`, ...),
written once in an analyzable subset of Python.

The Pyodide runtime executes these modules; the static analyzer interprets the same source.
They use only TF 1.15's public API (`import tensorflow as tf`), each other, and `_support` for
the few things that are not public API. `exports.EXPORTS` maps each public name to its
definition here. See ARCHITECTURE.md ("Layer libraries") for the subset of Python allowed.
"""
