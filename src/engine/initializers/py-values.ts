/**
 * The engine's view of Python values: everything of src/core/py-values.ts (Python numbers,
 * `_AssertCompatible`, `repr`), plus `pyType`, which knows the engine's tensors.
 */
import * as tf from '@tensorflow/tfjs-core';

export * from '../../core/py-values';

/** `type(value)` as Python prints it. */
export function pyType(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (Array.isArray(value)) return "<class 'list'>";
  if (typeof value === 'number')
    return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'function') return "<class 'function'>";
  if (value instanceof tf.Tensor) return "<class 'tensorflow.python.framework.ops.Tensor'>";
  return "<class 'dict'>";
}
