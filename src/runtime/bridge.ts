/**
 * The JavaScript module the Python `tensorflow` package imports as `scope_lens_engine`.
 *
 * The Python package models TF 1.x's Python API (graph tensors, sessions, printing); every rule
 * about names, scopes and reuse comes from the engine (and so from src/core) through this
 * bridge. The bridge adds only what crossing the language boundary needs: JS functions with a
 * given arity for Python callables (so the core sees TF's "callable with no arguments"), host
 * regularizers, graph stacking for `with graph.as_default()`, tensor/list conversions, and the
 * checkpoint files `tf.train` reads and writes (on the host's file system, through src/checkpoint).
 *
 * It does not hold state of its own; all state lives in the engine's graphs.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as engine from '../index';
import { pushDefaultGraph, popDefaultGraph } from '../engine/default-graph';
import { validateVariableScopeArgs } from '../engine/api';
import { constantTensor } from '../engine/initializers';
import type { ConstantValue } from '../engine/initializers';
import { asDType } from '../core/dtypes';
import { assertCompatible } from '../core/py-values';
import { formatShape } from '../core/shape';
import { tfDTypeOf } from '../engine/graph';
import { checkAllocation } from '../engine/memory';
import type { HostRegularizer } from '../engine/types';
import type { Variable } from '../engine/variable';
import { createCheckpointBridge } from './checkpoint-bridge';

type Fn = (...args: unknown[]) => unknown;

export interface BridgeOptions {
  /** Maps a path as the Python program sees it (inside Pyodide) to the host's path. */
  hostPath?: (p: string) => string;
}

export function createBridge(options: BridgeOptions = {}): Record<string, unknown> {
  return {
    engine,
    /** Checkpoint files for `tf.train` (checkpoint-bridge.ts). */
    checkpoints: createCheckpointBridge(options.hostPath),
    tf,
    AUTO_REUSE: engine.AUTO_REUSE,
    pushGraph: pushDefaultGraph,
    validateScopeArgs: validateVariableScopeArgs,
    popGraph: popDefaultGraph,

    /** A JS function of arity `nargs` (what TF's argspec check sees) that calls `fn`. */
    hostFunction(fn: Fn, nargs: number): Fn {
      const wrapper = (...args: unknown[]) => fn(...args);
      Object.defineProperty(wrapper, 'length', { value: nargs });
      return wrapper;
    },

    /** A regularizer whose loss the host builds and names itself. */
    hostRegularizer(fn: (v: Variable) => unknown): HostRegularizer {
      return { hostRegularizer: true, applyToVariable: (v) => fn(v) };
    },

    /**
     * A tfjs tensor from a (nested) list; Python numbers typed as Python types them. With a
     * dtype, `floatLeaves` says which leaves were Python floats (a whole `2.0` crosses the
     * bridge as a JS number): TF 1.15's `_AssertCompatible` rejects them for an int dtype.
     */
    tensorFromValue(
      value: ConstantValue,
      dtypeName: string | null,
      shape: number[] | null,
      floatLeaves?: boolean[] | null,
    ): tf.Tensor {
      const dtype = dtypeName ? asDType(dtypeName) : null;
      if (dtype && floatLeaves) assertCompatible(value, dtype.baseDType, floatLeaves);
      return constantTensor(value, dtype, shape, false, 'python');
    },

    /** A tfjs tensor with the TF dtype it stands for (int64 is stored as int32, float64 as float32). */
    typedTensor(t: tf.Tensor, dtypeName: string, fromValue = false): engine.TypedTensor {
      return new engine.TypedTensor(t, asDType(dtypeName), fromValue);
    },

    /** The flat values, shape and TF dtype name of a tfjs tensor. */
    tensorToList(t: tf.Tensor): { values: unknown[]; shape: number[]; dtype: string } {
      return {
        values: Array.from(t.dataSync() as ArrayLike<unknown>),
        shape: t.shape,
        dtype: tfDTypeOf(t).name,
      };
    },

    /** A tensor made when the engine needs it (`make` returns a typed tensor). */
    lazyTensor(
      shape: number[],
      dtypeName: string,
      make: () => engine.TypedTensor,
    ): engine.LazyTensor {
      return new engine.LazyTensor([...shape], asDType(dtypeName), make);
    },

    /** Throws TF's ResourceExhaustedError when a tensor this big does not fit (engine/memory.ts). */
    checkAllocation(shape: number[], dtypeName: string): void {
      checkAllocation([...shape], asDType(dtypeName));
    },

    dtypeOf(t: tf.Tensor): string {
      return tfDTypeOf(t).name;
    },

    formatShape(shape: (number | null)[] | null): string {
      return formatShape(shape);
    },

    /** Calls `fn` and returns its result or the error, so Python sees engine errors as values. */
    isError(x: unknown): boolean {
      return x instanceof Error;
    },
  };
}
