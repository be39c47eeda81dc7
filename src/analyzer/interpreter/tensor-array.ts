/**
 * `tf.TensorArray` as an abstract value (TF 1.15's `_GraphTensorArray`, tensor_array_ops.py):
 * its dtype, its size when it is a Python int, and its element shape, which writes, `unstack`
 * and `scatter` merge into (with `infer_shape`, TF's shared `_element_shape`: every array made
 * from the same one by a write sees it). `read`, `stack`, `gather`, `concat` and `size` return
 * tensors of TF's static shapes; what the elements depend on (for `tf.gradients` and the
 * optimizers' slots) is the union of what was written. Op names are not modelled (null).
 */
import type { DType } from '../../core/dtypes';
import { DTypes } from '../../core/dtypes';
import type { AbstractDim, AbstractShape } from '../../core/shape';
import { UNKNOWN } from '../../core/shape';
import { builtin } from './interpreter';
import {
  depsOf,
  dtypeOf,
  dtypeValue,
  mergeShapes,
  shapeFromValue,
  tensor,
  tensorInfo,
  tshape,
  withDeps,
} from './tensors';
import { argAt, NONE, UNKNOWN_VALUE, Value } from './values';
import type { Deps } from './values';

/** What every array made from one `TensorArray(...)` shares. */
interface ArrayState {
  readonly dtype: DType | null;
  readonly size: number | null;
  readonly dynamicSize: boolean;
  readonly inferShape: boolean;
  elementShape: AbstractShape;
  /** What the written elements depend on; undefined when not known. */
  deps: Deps | undefined;
  /** Nothing written yet: the deps are none so far. */
  empty: boolean;
}

function truthy(v: Value | undefined, dflt: boolean): boolean {
  if (!v || v.k === 'none') return dflt;
  if (v.k === 'bool') return v.v;
  if (v.k === 'int') return v.v !== 0;
  return dflt;
}

function dims(s: AbstractShape): readonly AbstractDim[] | null {
  return s === null || s === UNKNOWN ? null : s;
}

/** A value written (or unstacked, element by element) into the array. */
function written(state: ArrayState, value: Value, elementShape: AbstractShape): void {
  if (state.inferShape) state.elementShape = mergeShapes(state.elementShape, elementShape);
  const d = depsOf(value);
  if (state.empty) state.deps = d;
  else if (state.deps !== undefined)
    state.deps = d === undefined ? undefined : new Set([...state.deps, ...d]);
  state.empty = false;
}

function element(state: ArrayState, shape: AbstractShape): Value {
  const t = tensor(null, state.dtype, shape);
  return state.empty ? withDeps(t, new Set()) : withDeps(t, state.deps);
}

function elementShapeOf(v: Value): AbstractShape {
  const s = tensorInfo(v).shape;
  const d = dims(s);
  return d ? d.slice(1) : s === null ? null : UNKNOWN;
}

/** One `TensorArray` value over `state`. */
function arrayValue(state: ArrayState): Value {
  const self = (): Value => arrayValue(state);
  const attrs = new Map<string, Value>([
    ['dtype', state.dtype ? dtypeValue(state.dtype.name) : UNKNOWN_VALUE],
    ['element_shape', tshape(state.elementShape)],
    ['dynamic_size', { k: 'bool', v: state.dynamicSize }],
    ['flow', tensor(null, DTypes.float32, [])],
    ['handle', tensor(null, null, [2])],
    ['identity', builtin('identity', () => self())],
    ['read', builtin('read', () => element(state, state.elementShape))],
    [
      'write',
      builtin('write', (args, kwargs) => {
        const value = argAt(args, kwargs, 1, 'value') ?? UNKNOWN_VALUE;
        written(state, value, tensorInfo(value).shape);
        return self();
      }),
    ],
    [
      'unstack',
      builtin('unstack', (args, kwargs) => {
        const value = argAt(args, kwargs, 0, 'value') ?? UNKNOWN_VALUE;
        written(state, value, elementShapeOf(value));
        return self();
      }),
    ],
    [
      'scatter',
      builtin('scatter', (args, kwargs) => {
        const value = argAt(args, kwargs, 1, 'value') ?? UNKNOWN_VALUE;
        written(state, value, elementShapeOf(value));
        return self();
      }),
    ],
    [
      'split',
      builtin('split', (args, kwargs) => {
        const value = argAt(args, kwargs, 0, 'value') ?? UNKNOWN_VALUE;
        written(state, value, UNKNOWN);
        return self();
      }),
    ],
    [
      'stack',
      builtin('stack', () => {
        const e = dims(state.elementShape);
        if (!e) return element(state, state.elementShape === null ? null : UNKNOWN);
        const n = !state.dynamicSize && state.size !== null ? state.size : null;
        return element(state, [n, ...e]);
      }),
    ],
    [
      'gather',
      builtin('gather', (args, kwargs) => {
        const e = dims(state.elementShape);
        if (!e) return element(state, state.elementShape === null ? null : UNKNOWN);
        const ind = dims(tensorInfo(argAt(args, kwargs, 0, 'indices') ?? UNKNOWN_VALUE).shape);
        return element(state, [ind && ind.length === 1 ? ind[0] : null, ...e]);
      }),
    ],
    [
      'concat',
      builtin('concat', () => {
        const e = dims(state.elementShape);
        if (!e) return element(state, state.elementShape === null ? null : UNKNOWN);
        const first = e[0];
        const n =
          state.inferShape && state.size !== null && typeof first === 'number'
            ? state.size * first
            : null;
        return element(state, [n, ...e.slice(1)]);
      }),
    ],
    ['size', builtin('size', () => withDeps(tensor(null, DTypes.int32, []), new Set()))],
    ['close', builtin('close', () => NONE)],
  ]);
  return { k: 'object', kind: 'TensorArray', attrs };
}

/**
 * `tf.TensorArray(dtype, size=None, dynamic_size=None, clear_after_read=None,
 * tensor_array_name=None, handle=None, flow=None, infer_shape=True, element_shape=None, ...)`.
 */
export function tensorArray(): Value {
  return builtin('TensorArray', (args, kwargs) => {
    const size = argAt(args, kwargs, 1, 'size');
    const shape = argAt(args, kwargs, 8, 'element_shape');
    return arrayValue({
      dtype: dtypeOf(argAt(args, kwargs, 0, 'dtype')),
      size: size && size.k === 'int' ? size.v : null,
      dynamicSize: truthy(argAt(args, kwargs, 2, 'dynamic_size'), false),
      inferShape: truthy(argAt(args, kwargs, 7, 'infer_shape'), true),
      elementShape: shape === undefined || shape.k === 'none' ? null : shapeFromValue(shape),
      deps: undefined,
      empty: true,
    });
  });
}
