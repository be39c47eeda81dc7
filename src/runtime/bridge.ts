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
import { formatShape } from '../core/shape';
import { SHAPE_FNS, ShapeError } from '../core/shape-fns';
import type { Attrs } from '../core/shape-fns';
import { tfDTypeOf } from '../engine/graph';
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

    /** A tfjs tensor from a (nested) list; Python numbers typed as Python types them. */
    tensorFromValue(
      value: ConstantValue,
      dtypeName: string | null,
      shape: number[] | null,
    ): tf.Tensor {
      return constantTensor(value, dtypeName ? asDType(dtypeName) : null, shape, false, 'python');
    },

    /** A tfjs tensor with the TF dtype it stands for (int64 is stored as int32, float64 as float32). */
    typedTensor(t: tf.Tensor, dtypeName: string): engine.TypedTensor {
      return new engine.TypedTensor(t, asDType(dtypeName));
    },

    /** The flat values, shape and TF dtype name of a tfjs tensor. */
    tensorToList(t: tf.Tensor): { values: unknown[]; shape: number[]; dtype: string } {
      return {
        values: Array.from(t.dataSync() as ArrayLike<unknown>),
        shape: t.shape,
        dtype: tfDTypeOf(t).name,
      };
    },

    dtypeOf(t: tf.Tensor): string {
      return tfDTypeOf(t).name;
    },

    formatShape(shape: (number | null)[] | null): string {
      return formatShape(shape);
    },

    /**
     * TF's static shapes of an op's outputs from the core's shape function `name`
     * (src/core/shape-fns.ts). One JSON string each way keeps the call cheap: `args` is
     * `[inputShapes, attrs]`, the answer `{"shapes": [...]}` or `{"error": "<TF's message>"}`.
     */
    shapeFn(name: string, args: string): string {
      const fn = SHAPE_FNS[name];
      if (!fn) return JSON.stringify({ error: `no shape function ${name}` });
      const [inputs, attrs] = JSON.parse(args) as [(number | null)[][], Attrs];
      try {
        return JSON.stringify({ shapes: fn(inputs, attrs) });
      } catch (e) {
        if (e instanceof ShapeError) return JSON.stringify({ error: e.message });
        throw e;
      }
    },

    /** Calls `fn` and returns its result or the error, so Python sees engine errors as values. */
    isError(x: unknown): boolean {
      return x instanceof Error;
    },
  };
}
