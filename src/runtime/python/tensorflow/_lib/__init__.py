"""Scope Lens's layer libraries (`tf.layers`, `tf.contrib.layers` / `tf.contrib.slim`, ...),
written once in an analyzable subset of Python.

The Pyodide runtime executes these modules; the static analyzer interprets the same source.
They use only TF 1.15's public API (`import tensorflow as tf`), each other, and `_support` for
the few things that are not public API. `exports.EXPORTS` maps each public name to its
definition here.

Write them in the subset of Python the analyzer interprets: classes with single inheritance and
`super().__init__`, methods, `@property`, plain decorators, closures, `*args`/`**kwargs`, list,
dict and tuple literals and their common methods, `for` over lists and ranges, `with` on TF
scopes and on classes with `__enter__`/`__exit__`. No generators, `contextlib`, `functools`,
`inspect`, computed `getattr`, module-level state (per-graph state lives in graph collections
with a private key), or numpy. Read shapes with `get_shape().as_list()` / `.ndims`.
"""
