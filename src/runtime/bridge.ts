/**
 * The JavaScript module the Python `tensorflow` package imports as `scope_lens_engine`.
 *
 * The Python package models TF 1.x's Python API (graph tensors, sessions, printing); every rule
 * about names, scopes and reuse comes from the engine (and so from src/core) through this
 * bridge. The bridge adds only what crossing the language boundary needs: JS functions with a
 * given arity for Python callables (so the core sees TF's "callable with no arguments"), host
 * regularizers, graph stacking for `with graph.as_default()`, tensor/list conversions, and the
 * checkpoint files `tf.train` reads and writes (on the file system it is given, through
 * src/checkpoint).
 *
 * It does not hold state of its own; all state lives in the engine's graphs.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as engine from '../library';
import { pushDefaultGraph, popDefaultGraph } from '../engine/default-graph';
import { validateVariableScopeArgs } from '../engine/api';
import { constantTensor } from '../engine/initializers';
import type { ConstantValue } from '../engine/initializers';
import { asDType } from '../core/dtypes';
import { assertCompatible } from '../core/py-values';
import { formatShape } from '../core/shape';
import { SHAPE_FNS, ShapeError } from '../core/shape-fns';
import type { Attrs } from '../core/shape-fns';
import { tfDTypeOf } from '../engine/graph';
import { checkAllocation } from '../engine/memory';
import type { HostRegularizer } from '../engine/types';
import type { Variable } from '../engine/variable';
import type { CheckpointFiles } from '../checkpoint/files';
import { createCheckpointBridge } from './checkpoint-bridge';
import { initializedVariable } from './variables';

type Fn = (...args: unknown[]) => unknown;

/**
 * tfjs-core registers no gradients by itself, and `tf.gradients` needs them. A bundle (esbuild)
 * takes tfjs-core's own ES module that registers them all. Plain Node (tsc's out/, which the tests
 * run) cannot load that module (its imports have no file extensions); there the union package's
 * CommonJS build, a development dependency, registers the same gradients. Its name is computed
 * so that no bundle takes it in.
 */
function registerGradients(): void {
  if (!tf.getGradient('Mean')) {
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require('@tensorflow/tfjs-core/dist/register_all_gradients');
    } catch {
      const union = ['@tensorflow', 'tfjs'].join('/');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(union);
    }
  }
  if (!tf.getGradient('StridedSlice')) tf.registerGradient(stridedSliceGradient);
}

interface StridedSliceAttrs {
  begin: number[];
  end: number[];
  strides: number[];
  beginMask: number;
  endMask: number;
  ellipsisMask: number;
  newAxisMask: number;
  shrinkAxisMask: number;
}

/**
 * tfjs has no gradient for StridedSlice (`x[1:, ::2]`), which TF models slice all the time. The
 * same slice of the indices of x's elements says where each element of the result came from;
 * the gradient sums dy into those places (TF's StridedSliceGrad).
 */
const stridedSliceGradient: tf.GradConfig = {
  kernelName: 'StridedSlice',
  inputsToSave: ['x'],
  gradFunc: (dy, saved, attrs) => {
    const [x] = saved;
    const a = attrs as unknown as StridedSliceAttrs;
    return {
      x: () =>
        tf.tidy(() => {
          const indices = tf.reshape(tf.range(0, x.size, 1, 'int32'), x.shape);
          const picked = tf.stridedSlice(
            indices,
            a.begin,
            a.end,
            a.strides,
            a.beginMask,
            a.endMask,
            a.ellipsisMask,
            a.newAxisMask,
            a.shrinkAxisMask,
          );
          const flat = tf.reshape(dy as tf.Tensor, [-1]);
          const sums = tf.unsortedSegmentSum(flat, tf.reshape(picked, [-1]), x.size);
          return tf.reshape(sums, x.shape);
        }),
    };
  },
};

export interface BridgeOptions {
  /** The files checkpoints are read from and written to (the disk, or Pyodide's own). */
  files: CheckpointFiles;
  /** Maps a path as the Python program sees it (inside Pyodide) to the path `files` knows. */
  hostPath?: (p: string) => string;
}

export function createBridge(options: BridgeOptions): Record<string, unknown> {
  registerGradients();
  return {
    engine,
    /** Checkpoint files for `tf.train` (checkpoint-bridge.ts). */
    checkpoints: createCheckpointBridge(options.files, options.hostPath),
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

    /**
     * tfjs's reverse-mode gradients of `f()` with respect to `xs` (`tf.gradients` at run time,
     * see python/tensorflow/_gradients.py): the value of `f()` and one gradient per x, `null`
     * where tfjs found no path from x to the value.
     */
    gradients(
      f: () => tf.Tensor,
      xs: tf.Tensor[],
    ): { value: tf.Tensor; grads: (tf.Tensor | null)[] } {
      const { value, grads } = tf.engine().gradients(f, xs, undefined, true);
      return { value, grads: grads.map((g) => g ?? null) };
    },

    /** How many kernels the gradient tape being recorded holds (0 outside `gradients`). */
    tapeMark(): number {
      return tf.engine().state.activeTape?.length ?? 0;
    },

    /**
     * What the kernels recorded since `mark` did for one op: their names, and whether `out` is
     * one of their outputs or one of `ins` (else the op computed it out of the tape's sight, so
     * no gradient can flow through it).
     */
    tapeSince(
      mark: number,
      out: tf.Tensor,
      ins: tf.Tensor[],
    ): { kernels: string[]; taped: boolean } {
      const nodes = (tf.engine().state.activeTape ?? []).slice(mark);
      const taped =
        ins.some((t) => t != null && t.id === out.id) ||
        nodes.some((n) => n.outputs.some((o) => o.id === out.id));
      return { kernels: nodes.map((n) => n.kernelName), taped };
    },

    /** A session initialized `v` (the Run results view shows its values before training). */
    initializedVariable(v: Variable): void {
      initializedVariable(v);
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
