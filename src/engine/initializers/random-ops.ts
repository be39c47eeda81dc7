/**
 * TensorFlow 1.15's random ops as the initializers call them (`random_ops.random_uniform`,
 * `random_normal`, `truncated_normal`): TF's argument conversions and dtype checks, then the
 * draw with tfjs. Internal: the initializer classes (`random.ts`, `variance-scaling.ts`,
 * `matrix.ts`) build on these; none of this is re-exported.
 *
 * Arguments arrive as `PyNumber`s (`py-values.ts`), so whether each was a Python int or float
 * was decided by the caller (`userNumber` for user-passed numbers: a whole number is an int;
 * `pyFloat` for float defaults and computed values); the conversion to `dtype` is checked with
 * `assertCompatible`, e.g. an int `minval` is fine for an int32 `random_uniform`, a float one
 * is not.
 *
 * Random values: TF's Philox streams are not reproducible here. A seeded op is deterministic
 * (same seed → same values, every call, like TF with an op seed); an unseeded one draws fresh
 * values on each call. Values are drawn in float32, then cast to the requested dtype's storage
 * (integer uniforms are floored first).
 */
import * as tf from '@tensorflow/tfjs-core';
import { DType } from '../../core/dtypes';
import { checkNormalArgs, checkUniformArgs } from '../../core/initializer-calls';
import { ERROR_CODES, raise } from '../../core/errors';
import { castTo, tfjsDType } from './base';
import { PyNumber } from './py-values';

export type NormalOp = 'random_normal' | 'truncated_normal';

export function normalOp(
  op: NormalOp,
  shape: readonly number[],
  mean: PyNumber,
  stddev: PyNumber,
  dtype: DType,
  seed: number | null,
): tf.Tensor {
  checkNormalArgs(mean, stddev, dtype);
  const s = tfjsSeed(seed);
  return tf.tidy(() => {
    // tfjs truncates at two standard deviations of its own mean/stddev, as TF's op does.
    const t =
      op === 'truncated_normal'
        ? tf.truncatedNormal([...shape], mean.value, stddev.value, 'float32', s)
        : tf.randomNormal([...shape], mean.value, stddev.value, 'float32', s);
    return castTo(t, dtype);
  });
}

/** `random_ops.random_uniform(shape, minval, maxval, dtype, seed)`. */
export function randomUniformOp(
  shape: readonly number[],
  minval: PyNumber,
  maxval: PyNumber | null,
  dtype: DType,
  seed: number | null,
): tf.Tensor {
  maxval = checkUniformArgs(minval, maxval, dtype);
  const lo = minval.value;
  const hi = maxval.value;
  const s = tfjsSeed(seed);
  if (dtype.isInteger) {
    // RandomUniformInt checks this when it runs (InvalidArgumentError in TF).
    if (!(lo < hi)) {
      raise(ERROR_CODES.initializerArgs, 'ValueError', `Need minval < maxval: ${lo} >= ${hi}`);
    }
    return tf.tidy(() =>
      tf.cast(tf.floor(tf.randomUniform([...shape], lo, hi, 'float32', s)), 'int32'),
    );
  }
  // The common case (a float32 variable) is one op: no tidy scope needed, and this is the hot
  // path of every default-initialized variable.
  if (tfjsDType(dtype) === 'float32') return tf.randomUniform([...shape], lo, hi, 'float32', s);
  return tf.tidy(() => castTo(tf.randomUniform([...shape], lo, hi, 'float32', s), dtype));
}

/**
 * tfjs treats a seed of 0 as "no seed"; TF's seed 0 is a real seed. Map every integer seed to a
 * distinct non-zero one.
 */
export function tfjsSeed(seed: number | null): number | undefined {
  return seed === null || seed === undefined ? undefined : 2 * seed + 1;
}
