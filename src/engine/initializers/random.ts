/**
 * TensorFlow 1.15's plain random initializers: `RandomUniform`, `RandomNormal`,
 * `TruncatedNormal` and the deprecated `UniformUnitScaling`, with their factories. The ops they
 * call, and what cannot match TF (Philox streams, seeds), are in `random-ops.ts`; the
 * fan-based initializers are in `variance-scaling.ts`.
 *
 * Python ints vs floats: `minval`, `maxval`, `mean` and `stddev` given by the user go through
 * `userNumber` — a whole number stands for a Python int, so `randomUniform({ minval: 0,
 * maxval: 10, dtype: 'int32' })` works as in TF and `maxval: 2.5` with int32 raises TF's
 * TypeError. Left out, `mean` and `stddev` are the Python floats `0.0` and `1.0`; `minval`
 * defaults to the int `0` and `maxval` (float dtypes) to the int `1`. `UniformUnitScaling`'s
 * limits are computed, hence floats.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DType, DTypes } from '../../core/dtypes';
import { assertFloatDType, DTypeLike, Initializer, PartitionInfo, toDType } from './base';
import { pyFloat, PyNumber, userNumber } from './py-values';
import { NormalOp, normalOp, randomUniformOp } from './random-ops';
import { RandomDraw, uniformUnitScalingDraw } from '../../core/initializer-calls';
import { draw } from './variance-scaling';

/** Options of `randomUniform`. */
export interface RandomUniformOptions {
  minval?: number;
  /** Defaults to 1 for float dtypes; required for integer dtypes. */
  maxval?: number | null;
  seed?: number | null;
  dtype?: DTypeLike;
  /**
   * The number options that were Python floats (the Python runtime passes this: `2.0` reaches
   * JavaScript as 2, but TF rejects it for an int dtype as it rejects `2.5`). Else a whole
   * number counts as an int.
   */
  floatArgs?: readonly string[];
}

/**
 * `tf.random_uniform_initializer`: `random_ops.random_uniform` in `[minval, maxval)`. Also
 * accepts int32/int64 (then `maxval` is required), as TF does.
 */
export class RandomUniform extends Initializer {
  readonly className = 'RandomUniform';
  readonly opName = 'random_uniform';
  readonly minval: number;
  readonly maxval: number | null;
  readonly seed: number | null;

  constructor(opts: RandomUniformOptions = {}) {
    super(toDType(opts.dtype ?? DTypes.float32));
    this.minval = opts.minval ?? 0;
    this.maxval = opts.maxval ?? null;
    this.seed = opts.seed ?? null;
    this.floatArgs = new Set(opts.floatArgs ?? []);
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const num = (name: string, v: number) =>
      this.floatArgs.has(name) ? pyFloat(v) : userNumber(v);
    const maxval = this.maxval === null ? null : num('maxval', this.maxval);
    return randomUniformOp(
      shape,
      num('minval', this.minval),
      maxval,
      this.resolve(dtype),
      this.seed,
    );
  }

  private readonly floatArgs: ReadonlySet<string>;

  override drawOf(): RandomDraw | null {
    const num = (name: string, v: number) =>
      this.floatArgs.has(name) ? pyFloat(v) : userNumber(v);
    if (this.maxval === null && !this.dtype.isFloating) return null;
    return {
      op: 'random_uniform',
      minval: num('minval', this.minval),
      maxval: this.maxval === null ? pyFloat(1.0) : num('maxval', this.maxval),
    };
  }

  override getConfig(): Record<string, unknown> {
    return { minval: this.minval, maxval: this.maxval, seed: this.seed, dtype: this.dtype.name };
  }
}

/** Options of `randomNormal` / `truncatedNormal`. */
export interface NormalOptions {
  mean?: number;
  stddev?: number;
  seed?: number | null;
  dtype?: DTypeLike;
  /**
   * The number options that were Python floats (the Python runtime passes this: `2.0` reaches
   * JavaScript as 2, but TF rejects it for an int dtype as it rejects `2.5`). Else a whole
   * number counts as an int.
   */
  floatArgs?: readonly string[];
}

abstract class NormalBase extends Initializer {
  readonly mean: number;
  readonly stddev: number;
  readonly seed: number | null;
  private readonly meanArg: PyNumber;
  private readonly stddevArg: PyNumber;

  constructor(opts: NormalOptions) {
    super(assertFloatDType(toDType(opts.dtype ?? DTypes.float32)));
    this.mean = opts.mean ?? 0.0;
    this.stddev = opts.stddev ?? 1.0;
    this.seed = opts.seed ?? null;
    const floats = new Set(opts.floatArgs ?? []);
    this.meanArg =
      opts.mean === undefined || floats.has('mean') ? pyFloat(this.mean) : userNumber(opts.mean);
    this.stddevArg =
      opts.stddev === undefined || floats.has('stddev')
        ? pyFloat(this.stddev)
        : userNumber(opts.stddev);
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const kind = this.opName as NormalOp;
    return normalOp(kind, shape, this.meanArg, this.stddevArg, this.resolve(dtype), this.seed);
  }

  override drawOf(): RandomDraw | null {
    return { op: this.opName as NormalOp, mean: this.meanArg, stddev: this.stddevArg };
  }

  override getConfig(): Record<string, unknown> {
    return { mean: this.mean, stddev: this.stddev, seed: this.seed, dtype: this.dtype.name };
  }
}

/** `tf.random_normal_initializer`. */
export class RandomNormal extends NormalBase {
  readonly className = 'RandomNormal';
  readonly opName = 'random_normal';

  constructor(opts: NormalOptions = {}) {
    super(opts);
  }
}

/** `tf.truncated_normal_initializer`: values beyond two standard deviations are redrawn. */
export class TruncatedNormal extends NormalBase {
  readonly className = 'TruncatedNormal';
  readonly opName = 'truncated_normal';

  constructor(opts: NormalOptions = {}) {
    super(opts);
  }
}

/** Options of `uniformUnitScaling`. */
export interface UniformUnitScalingOptions {
  factor?: number;
  seed?: number | null;
  dtype?: DTypeLike;
}

/**
 * `tf.uniform_unit_scaling_initializer` (deprecated in TF 1.15): uniform in `±sqrt(3 / input_size)
 * * factor`, `input_size` being the product of all dimensions but the last (of the full shape
 * when partitioned), at least 1.
 */
export class UniformUnitScaling extends Initializer {
  readonly className = 'UniformUnitScaling';
  readonly opName = 'random_uniform';
  readonly factor: number;
  readonly seed: number | null;

  constructor(opts: UniformUnitScalingOptions = {}) {
    super(assertFloatDType(toDType(opts.dtype ?? DTypes.float32)));
    this.factor = opts.factor ?? 1.0;
    this.seed = opts.seed ?? null;
  }

  call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): tf.Tensor {
    const scaleShape = partitionInfo ? partitionInfo.fullShape : shape;
    const d = uniformUnitScalingDraw(this.factor, scaleShape);
    return draw(d, shape, this.resolve(dtype), this.seed);
  }

  override drawOf(shape: readonly number[], partitionInfo?: PartitionInfo): RandomDraw | null {
    return uniformUnitScalingDraw(this.factor, partitionInfo ? partitionInfo.fullShape : shape);
  }

  override getConfig(): Record<string, unknown> {
    return { factor: this.factor, seed: this.seed, dtype: this.dtype.name };
  }
}

/** `tf.random_uniform_initializer(minval=0, maxval=None, seed=None, dtype=tf.float32)`. */
export function randomUniform(opts: RandomUniformOptions = {}): RandomUniform {
  return new RandomUniform(opts);
}

/** `tf.random_normal_initializer(mean=0.0, stddev=1.0, seed=None, dtype=tf.float32)`. */
export function randomNormal(opts: NormalOptions = {}): RandomNormal {
  return new RandomNormal(opts);
}

/** `tf.truncated_normal_initializer(mean=0.0, stddev=1.0, seed=None, dtype=tf.float32)`. */
export function truncatedNormal(opts: NormalOptions = {}): TruncatedNormal {
  return new TruncatedNormal(opts);
}

/** `tf.uniform_unit_scaling_initializer(factor=1.0, seed=None, dtype=tf.float32)`. */
export function uniformUnitScaling(opts: UniformUnitScalingOptions = {}): UniformUnitScaling {
  return new UniformUnitScaling(opts);
}
