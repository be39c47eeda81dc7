/**
 * What TensorFlow 1.15's random initializers do with their arguments when the variable store
 * calls them (`initializer(shape, dtype=dtype, partition_info=...)`), before any number is
 * drawn: the values they compute (`init_ops.VarianceScaling`'s standard deviation or limit,
 * `UniformUnitScaling`'s bound) and the checks of `random_ops.random_normal` /
 * `truncated_normal` / `random_uniform` (each argument converted to the dtype, the dtypes the
 * op allows, `maxval` for integers).
 *
 * Pure, so that the engine (which then draws with TensorFlow.js) and the analyzer (which draws
 * nothing) raise the same errors: an int32 variable with `random_normal_initializer()` fails
 * with "Expected int32, got 0.0 of type 'float' instead." on both sides.
 */
import { DType, DTypes } from './dtypes';
import { ERROR_CODES, raise } from './errors';
import { assertCompatible, pyFloat, PyNumber } from './py-values';

export const FLOAT_DTYPES: readonly DType[] = [
  DTypes.float16,
  DTypes.bfloat16,
  DTypes.float32,
  DTypes.float64,
];
const UNIFORM_DTYPES: readonly DType[] = [...FLOAT_DTYPES, DTypes.int32, DTypes.int64];

/** Constant from `scipy.stats.truncnorm.std(a=-2, b=2, loc=0., scale=1.)`, as in TF. */
const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

/** op_def_library's check of a `type` attr with allowed values. */
export function checkOpDType(dtype: DType, allowed: readonly DType[]): void {
  if (!allowed.includes(dtype)) {
    raise(
      ERROR_CODES.initializerArgs,
      'TypeError',
      `Value passed to parameter 'dtype' has DataType ${dtype.name} not in list of allowed values: ${allowed
        .map((d) => d.name)
        .join(', ')}`,
    );
  }
}

/** The conversions `random_ops.random_normal` / `truncated_normal` do before building the op. */
export function checkNormalArgs(mean: PyNumber, stddev: PyNumber, dtype: DType): void {
  assertCompatible(mean, dtype);
  assertCompatible(stddev, dtype);
  // RandomStandardNormal / TruncatedNormal: dtype in {half, bfloat16, float, double}.
  checkOpDType(dtype, FLOAT_DTYPES);
}

/**
 * `random_ops.random_uniform`'s checks: the dtypes it allows, `maxval` required for integers
 * (else 1), both bounds converted to the dtype. Returns `maxval` as used.
 */
export function checkUniformArgs(
  minval: PyNumber,
  maxval: PyNumber | null,
  dtype: DType,
): PyNumber {
  if (!UNIFORM_DTYPES.includes(dtype)) {
    raise(ERROR_CODES.initializerArgs, 'ValueError', `Invalid dtype tf.${dtype.name}`);
  }
  if (maxval === null) {
    if (dtype.isInteger) {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        `Must specify maxval for integer dtype tf.${dtype.name}`,
      );
    }
    maxval = { value: 1, isFloat: false };
  }
  assertCompatible(minval, dtype);
  assertCompatible(maxval, dtype);
  return maxval;
}

/** `init_ops._compute_fans`: fan-in and fan-out of a weight shape. */
export function computeFans(shape: readonly number[]): [number, number] {
  if (shape.length < 1) return [1, 1]; // Just to avoid errors for constants.
  if (shape.length === 1) return [Math.trunc(shape[0]), Math.trunc(shape[0])];
  if (shape.length === 2) return [Math.trunc(shape[0]), Math.trunc(shape[1])];
  // Assuming convolution kernels (2D, 3D, or more): (..., input_depth, depth).
  let receptiveFieldSize = 1;
  for (const dim of shape.slice(0, -2)) receptiveFieldSize *= dim;
  return [
    Math.trunc(shape[shape.length - 2] * receptiveFieldSize),
    Math.trunc(shape[shape.length - 1] * receptiveFieldSize),
  ];
}

/** The random op an initializer calls, with the arguments it passes. */
export type RandomDraw =
  | {
      readonly op: 'random_normal' | 'truncated_normal';
      readonly mean: PyNumber;
      readonly stddev: PyNumber;
    }
  | { readonly op: 'random_uniform'; readonly minval: PyNumber; readonly maxval: PyNumber };

/**
 * `VarianceScaling.__call__`: `scale` divided by the fan the mode picks (of the full shape when
 * partitioned), then a truncated normal (`normal`, `truncated_normal`), an untruncated one, or
 * a uniform in `±sqrt(3 * scale)`; every number a Python float.
 */
export function varianceScalingDraw(
  scale: number,
  mode: string,
  distribution: string,
  scaleShape: readonly number[],
): RandomDraw {
  const [fanIn, fanOut] = computeFans(scaleShape);
  let s = scale;
  if (mode === 'fan_in') s /= Math.max(1, fanIn);
  else if (mode === 'fan_out') s /= Math.max(1, fanOut);
  else s /= Math.max(1, (fanIn + fanOut) / 2);
  if (distribution === 'normal' || distribution === 'truncated_normal')
    return {
      op: 'truncated_normal',
      mean: pyFloat(0.0),
      stddev: pyFloat(Math.sqrt(s) / TRUNCATED_NORMAL_STDDEV),
    };
  if (distribution === 'untruncated_normal')
    return { op: 'random_normal', mean: pyFloat(0.0), stddev: pyFloat(Math.sqrt(s)) };
  const limit = Math.sqrt(3.0 * s);
  return { op: 'random_uniform', minval: pyFloat(-limit), maxval: pyFloat(limit) };
}

/**
 * `UniformUnitScaling.__call__`: uniform in `±sqrt(3 / input_size) * factor`, `input_size` the
 * product of all dimensions but the last (of the full shape when partitioned), at least 1.
 */
export function uniformUnitScalingDraw(factor: number, scaleShape: readonly number[]): RandomDraw {
  let inputSize = 1.0;
  for (const dim of scaleShape.slice(0, -1)) inputSize *= dim;
  inputSize = Math.max(inputSize, 1.0);
  const maxVal = Math.sqrt(3 / inputSize) * factor;
  return { op: 'random_uniform', minval: pyFloat(-maxVal), maxval: pyFloat(maxVal) };
}

/** The checks of the op a draw calls (what fails before anything is drawn). */
export function checkDraw(draw: RandomDraw, dtype: DType): void {
  if (draw.op === 'random_uniform') checkUniformArgs(draw.minval, draw.maxval, dtype);
  else checkNormalArgs(draw.mean, draw.stddev, dtype);
}
