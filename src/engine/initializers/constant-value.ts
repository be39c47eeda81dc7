/**
 * TensorFlow 1.15's constants: `constant_op.constant` / `tensor_util.make_tensor_proto` in graph
 * mode, on TensorFlow.js. `constantValueInfo` gives the dtype and shape TF infers for a value
 * (the engine uses it for value initializers); `constantTensor` builds the tensor (`Constant`'s
 * initial value).
 *
 * Python ints vs floats, for a number given without a dtype, is chosen by `NumberTyping`:
 * - `'float'` (the default, TensorFlow.js's convention): every JS number is float32;
 * - `'python'`: a whole number stands for a Python int (int32, int64 when it does not fit), a
 *   fractional one for a float (float32).
 * With an explicit dtype nothing is inferred: the value is checked against it by
 * `assertCompatible` (`py-values.ts`), where a whole number counts as a Python int.
 *
 * Storage follows `tfjsDType` (`base.ts`): int64 values are held as int32. This module has no
 * initializer class and no random values.
 */
import * as tf from '@tensorflow/tfjs-core';
import { checkAllocation } from '../memory';
import { DType, DTypes } from '../../core/dtypes';
import { ERROR_CODES, raise } from '../../core/errors';
import { tfjsDType } from './base';
import {
  assertCompatible,
  ConstantValue,
  flatten,
  pyList,
  pyStr,
  pyTuple,
  pyType,
  Scalar,
} from './py-values';

/**
 * How a JS number without a dtype is typed. JavaScript has one number type, Python two:
 * - `'float'` (the default, TensorFlow.js's convention): every number is float32, so
 *   `getVariable('b', { initializer: 0 })` is a float variable, as a TS user expects;
 * - `'python'`: a whole number stands for a Python int (int32, int64 when it does not fit), a
 *   fractional one for a float. For hosts that carry Python values through JS numbers.
 */
export type NumberTyping = 'float' | 'python';

/**
 * The dtype and shape TF infers for a value passed straight to `tf.constant` /
 * `convert_to_tensor` without a dtype: numbers per `typing`, floats → float32, bools → bool,
 * strings → string. Nested lists must be rectangular.
 */
export function constantValueInfo(
  value: ConstantValue,
  typing: NumberTyping = 'float',
): { dtype: DType; shape: number[] } {
  const proto = makeTensorProto(value, null, null, false, typing);
  return { dtype: proto.dtype, shape: proto.shape };
}

/**
 * `constant_op.constant(value, dtype, shape, verify_shape)` in graph mode, as a tfjs tensor.
 * Without a dtype it is inferred (see `constantValueInfo`); without a shape it is the value's.
 */
export function constantTensor(
  value: ConstantValue,
  dtype?: DType | null,
  shape?: readonly number[] | null,
  verifyShape = false,
  typing: NumberTyping = 'float',
): tf.Tensor {
  const proto = makeTensorProto(
    value,
    dtype ? dtype.baseDType : null,
    shape ?? null,
    verifyShape,
    typing,
  );
  const t = tfjsDType(proto.dtype);
  if (proto.fill !== undefined && t !== 'complex64' && t !== 'string') {
    // One value filling the shape: no JavaScript array of every value (which V8 cannot grow
    // past its limit without aborting the process).
    checkAllocation(proto.shape, proto.dtype);
    return tf.fill(proto.shape, t === 'bool' ? Number(proto.fill) : (proto.fill as number), t);
  }
  const values =
    proto.fill !== undefined
      ? new Array<Scalar>(product(proto.shape)).fill(proto.fill)
      : proto.values;
  return tf.tidy(() => {
    if (t === 'complex64') {
      return tf.cast(tf.tensor(values as number[], proto.shape, 'float32'), 'complex64');
    }
    if (t === 'string') return tf.tensor(values as string[], proto.shape, 'string');
    if (t === 'bool') return tf.tensor(values as boolean[], proto.shape, 'bool');
    return tf.tensor(values.map(Number), proto.shape, t);
  });
}

interface TensorProto {
  dtype: DType;
  shape: number[];
  /** All `prod(shape)` values, row-major (empty when `fill` is set). */
  values: Scalar[];
  /** The one value filling the whole shape, when there is one and more than one element. */
  fill?: Scalar;
}

function makeTensorProto(
  value: ConstantValue,
  dtype: DType | null,
  shape: readonly number[] | null,
  verifyShape: boolean,
  typing: NumberTyping = 'float',
): TensorProto {
  if (value === null || value === undefined) {
    raise(ERROR_CODES.initializerArgs, 'ValueError', 'None values not supported.');
  }
  if (shape !== null && product(shape) === 0) {
    // np.empty(shape, dtype): no conversion, no checks.
    return { dtype: dtype ?? DTypes.float32, shape: [...shape], values: [] };
  }
  if (dtype !== null) assertCompatible(value, dtype);

  const denseDims = getDenseDimensions(value);
  const npShape = numpyShape(value);
  const rectangular = sameList(npShape, denseDims) && isRectangular(value, denseDims);
  let resultDType: DType;
  if (dtype !== null) {
    // np.array(values, dtype=...) cannot build a ragged array of a numeric dtype.
    if (!rectangular) {
      raise(ERROR_CODES.initializerArgs, 'ValueError', 'setting an array element with a sequence.');
    }
    resultDType = dtype;
  } else {
    if (!sameList(npShape, denseDims)) {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        `Argument must be a dense tensor: ${pyStr(value)} - got shape ${pyList(npShape)}, but wanted ${pyList(denseDims)}.`,
      );
    }
    resultDType = inferDType(value, rectangular, typing);
  }

  const flat = flatten(value);
  let outShape: number[];
  if (shape === null) {
    outShape = npShape;
  } else {
    outShape = [...shape];
    const shapeSize = product(shape);
    if (verifyShape && !sameList(npShape, shape)) {
      raise(
        ERROR_CODES.initializerArgs,
        'TypeError',
        `Expected Tensor's shape: ${pyTuple(shape)}, got ${pyTuple(npShape)}.`,
      );
    }
    if (flat.length > shapeSize) {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        `Too many elements provided. Needed at most ${shapeSize}, but received ${flat.length}`,
      );
    }
  }
  const size = product(outShape);
  const values = flat.map((v) => convertScalar(v, resultDType));
  if (size > 1 && values.length <= 1) {
    const fill =
      values.length === 1
        ? values[0]
        : convertScalar(resultDType.name === 'string' ? '' : false, resultDType);
    return { dtype: resultDType, shape: outShape, values: [], fill };
  }
  if (values.length === 0) {
    // MakeNdarray: no values at all → zeros.
    const zero = convertScalar(resultDType.name === 'string' ? '' : false, resultDType);
    while (values.length < size) values.push(zero);
  } else {
    // MakeNdarray pads with the last value ("edge").
    const last = values[values.length - 1];
    while (values.length < size) values.push(last);
  }
  return { dtype: resultDType, shape: outShape, values };
}

/** numpy's dtype for a value without a dtype, mapped as make_tensor_proto does. */
function inferDType(value: ConstantValue, rectangular: boolean, typing: NumberTyping): DType {
  const leaves = flatten(value);
  const hasString = leaves.some((x) => typeof x === 'string');
  if (!rectangular || (hasString && leaves.some((x) => typeof x !== 'string'))) {
    // An object / unicode array that _FlattenToStrings cannot turn into bytes.
    raise(
      ERROR_CODES.initializerArgs,
      'TypeError',
      `Failed to convert object of type ${pyType(value)} to Tensor. Contents: ${pyStr(value)}. Consider casting elements to a supported type.`,
    );
  }
  if (hasString) return DTypes.string;
  if (leaves.length === 0) return DTypes.float32; // np.array([]) is float64
  const numbers = leaves.filter((x): x is number => typeof x === 'number');
  if (numbers.length === 0) return DTypes.bool;
  if (typing === 'float' || numbers.some((x) => !Number.isInteger(x))) return DTypes.float32; // float64 → float32
  // int64 → int32 unless that loses precision.
  return numbers.every((x) => x >= -2147483648 && x <= 2147483647) ? DTypes.int32 : DTypes.int64;
}

function convertScalar(x: Scalar, dtype: DType): Scalar {
  if (dtype.name === 'string') return String(x);
  if (dtype.isBool) return Boolean(x);
  return typeof x === 'boolean' ? (x ? 1 : 0) : x;
}

/** `tensor_util._GetDenseDimensions`: follows the first element at each level. */
function getDenseDimensions(value: ConstantValue): number[] {
  if (!Array.isArray(value)) return [];
  const list = value as readonly ConstantValue[];
  if (list.length === 0) return [0];
  return [list.length, ...getDenseDimensions(list[0])];
}

/** The shape numpy (< 1.24) gives `np.array(value)`: the dimensions common to every element. */
function numpyShape(value: ConstantValue): number[] {
  if (!Array.isArray(value)) return [];
  const list = value as readonly ConstantValue[];
  if (list.length === 0) return [0];
  const subs = list.map(numpyShape);
  let common = subs[0];
  for (const s of subs.slice(1)) {
    let n = 0;
    while (n < common.length && n < s.length && common[n] === s[n]) n++;
    common = common.slice(0, n);
  }
  return [list.length, ...common];
}

/** True when every leaf sits at depth `dims.length` and every list has the expected length. */
function isRectangular(value: ConstantValue, dims: readonly number[]): boolean {
  if (dims.length === 0) return !Array.isArray(value);
  if (!Array.isArray(value)) return false;
  const list = value as readonly ConstantValue[];
  return list.length === dims[0] && list.every((x) => isRectangular(x, dims.slice(1)));
}

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
