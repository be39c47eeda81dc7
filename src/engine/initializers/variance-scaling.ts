/**
 * TensorFlow 1.15's fan-based initializers: `VarianceScaling`, `GlorotUniform`, `GlorotNormal`,
 * the `he_*` / `lecun_*` factories (plain `VarianceScaling`s, as in TF) and `computeFans`.
 *
 * Every number passed to the random op here is computed (limits, standard deviations), so it is
 * a Python float; the op itself, and what cannot match TF's random streams, is in
 * `random-ops.ts`. Constructor arguments (`scale`, `mode`, `distribution`) are checked with
 * TF's messages; `GlorotUniform` / `GlorotNormal` accept and ignore `dtype`, as TF 1.15 does.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DType, DTypes } from '../../core/dtypes';
import { ERROR_CODES, raise } from '../../core/errors';
import { assertFloatDType, DTypeLike, Initializer, PartitionInfo, toDType } from './base';
import { pyRepr } from './py-values';
import { normalOp, randomUniformOp } from './random-ops';
import { computeFans, RandomDraw, varianceScalingDraw } from '../../core/initializer-calls';

/** `VarianceScaling`'s `mode`. */
export type FanMode = 'fan_in' | 'fan_out' | 'fan_avg';

/** Options of `varianceScaling`. */
export interface VarianceScalingOptions {
  scale?: number;
  mode?: FanMode | string;
  /** `truncated_normal` (default), `untruncated_normal`, `uniform`, or TF1's alias `normal`. */
  distribution?: string;
  seed?: number | null;
  dtype?: DTypeLike;
}

/**
 * `tf.variance_scaling_initializer`: `stddev = sqrt(scale / n)` (truncated normal corrected for
 * the truncation, or untruncated), or uniform in `±sqrt(3 * scale / n)`, `n` being fan-in,
 * fan-out or their mean, computed from the full shape when the variable is partitioned.
 */
export class VarianceScaling extends Initializer {
  readonly className: string = 'VarianceScaling';
  readonly opName: string;
  readonly scale: number;
  readonly mode: FanMode;
  readonly distribution: string;
  readonly seed: number | null;

  constructor(opts: VarianceScalingOptions = {}) {
    const scale = opts.scale ?? 1.0;
    const mode = opts.mode ?? 'fan_in';
    if (scale <= 0) {
      raise(ERROR_CODES.initializerArgs, 'ValueError', '`scale` must be positive float.');
    }
    // TF raises ValueError with two arguments; its message is the tuple's str().
    if (mode !== 'fan_in' && mode !== 'fan_out' && mode !== 'fan_avg') {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        `('Invalid \`mode\` argument:', ${pyRepr(mode)})`,
      );
    }
    const distribution = (opts.distribution ?? 'truncated_normal').toLowerCase();
    if (!['normal', 'uniform', 'truncated_normal', 'untruncated_normal'].includes(distribution)) {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        `('Invalid \`distribution\` argument:', ${pyRepr(distribution)})`,
      );
    }
    super(assertFloatDType(toDType(opts.dtype ?? DTypes.float32)));
    this.scale = scale;
    this.mode = mode;
    this.distribution = distribution;
    this.seed = opts.seed ?? null;
    this.opName =
      distribution === 'uniform'
        ? 'random_uniform'
        : distribution === 'untruncated_normal'
          ? 'random_normal'
          : 'truncated_normal';
  }

  call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): tf.Tensor {
    const d = this.resolve(dtype);
    const scaleShape = partitionInfo ? partitionInfo.fullShape : shape;
    return draw(
      varianceScalingDraw(this.scale, this.mode, this.distribution, scaleShape),
      shape,
      d,
      this.seed,
    );
  }

  override drawOf(shape: readonly number[], partitionInfo?: PartitionInfo): RandomDraw | null {
    const scaleShape = partitionInfo ? partitionInfo.fullShape : shape;
    return varianceScalingDraw(this.scale, this.mode, this.distribution, scaleShape);
  }

  override getConfig(): Record<string, unknown> {
    return {
      scale: this.scale,
      mode: this.mode,
      distribution: this.distribution,
      seed: this.seed,
      dtype: this.dtype.name,
    };
  }
}

/** Options of `glorotUniform` / `glorotNormal`. */
export interface GlorotOptions {
  seed?: number | null;
  /**
   * Accepted and ignored, as in TF 1.15: `GlorotUniform.__init__` does not pass `dtype` on to
   * `VarianceScaling`, so the initializer's dtype stays float32 and is not validated.
   */
  dtype?: DTypeLike;
}

/** `tf.glorot_uniform_initializer`: uniform in `±sqrt(6 / (fan_in + fan_out))`. */
export class GlorotUniform extends VarianceScaling {
  override readonly className = 'GlorotUniform';

  constructor(opts: GlorotOptions = {}) {
    super({ scale: 1.0, mode: 'fan_avg', distribution: 'uniform', seed: opts.seed ?? null });
  }

  override getConfig(): Record<string, unknown> {
    return { seed: this.seed, dtype: this.dtype.name };
  }
}

/** `tf.glorot_normal_initializer`: truncated normal, `stddev = sqrt(2 / (fan_in + fan_out))`. */
export class GlorotNormal extends VarianceScaling {
  override readonly className = 'GlorotNormal';

  constructor(opts: GlorotOptions = {}) {
    super({
      scale: 1.0,
      mode: 'fan_avg',
      distribution: 'truncated_normal',
      seed: opts.seed ?? null,
    });
  }

  override getConfig(): Record<string, unknown> {
    return { seed: this.seed, dtype: this.dtype.name };
  }
}

/**
 * `tf.variance_scaling_initializer(scale=1.0, mode="fan_in", distribution="truncated_normal",
 * seed=None, dtype=tf.float32)`.
 */
export function varianceScaling(opts: VarianceScalingOptions = {}): VarianceScaling {
  return new VarianceScaling(opts);
}

/** `tf.glorot_uniform_initializer(seed=None, dtype=tf.float32)`. */
export function glorotUniform(opts: GlorotOptions = {}): GlorotUniform {
  return new GlorotUniform(opts);
}

/** `tf.glorot_normal_initializer(seed=None, dtype=tf.float32)`. */
export function glorotNormal(opts: GlorotOptions = {}): GlorotNormal {
  return new GlorotNormal(opts);
}

/** `tf.initializers.he_normal(seed=None)`: `VarianceScaling(2., 'fan_in', 'truncated_normal')`. */
export function heNormal(opts: { seed?: number | null } = {}): VarianceScaling {
  return new VarianceScaling({
    scale: 2.0,
    mode: 'fan_in',
    distribution: 'truncated_normal',
    seed: opts.seed,
  });
}

/** `tf.initializers.he_uniform(seed=None)`: `VarianceScaling(2., 'fan_in', 'uniform')`. */
export function heUniform(opts: { seed?: number | null } = {}): VarianceScaling {
  return new VarianceScaling({
    scale: 2.0,
    mode: 'fan_in',
    distribution: 'uniform',
    seed: opts.seed,
  });
}

/** `tf.initializers.lecun_normal(seed=None)`: `VarianceScaling(1., 'fan_in', 'truncated_normal')`. */
export function lecunNormal(opts: { seed?: number | null } = {}): VarianceScaling {
  return new VarianceScaling({
    scale: 1.0,
    mode: 'fan_in',
    distribution: 'truncated_normal',
    seed: opts.seed,
  });
}

/** `tf.initializers.lecun_uniform(seed=None)`: `VarianceScaling(1., 'fan_in', 'uniform')`. */
export function lecunUniform(opts: { seed?: number | null } = {}): VarianceScaling {
  return new VarianceScaling({
    scale: 1.0,
    mode: 'fan_in',
    distribution: 'uniform',
    seed: opts.seed,
  });
}

/** TF's `init_ops._compute_fans`: (fan_in, fan_out) of a weight shape (src/core's). */
export { computeFans };

/** Calls the random op of a draw src/core computed. */
export function draw(
  d: RandomDraw,
  shape: readonly number[],
  dtype: DType,
  seed: number | null,
): tf.Tensor {
  return d.op === 'random_uniform'
    ? randomUniformOp(shape, d.minval, d.maxval, dtype, seed)
    : normalOp(d.op, shape, d.mean, d.stddev, dtype, seed);
}
