/**
 * TensorFlow 1.15's matrix initializers: `Orthogonal` (random, via a QR decomposition) and
 * `Identity`, with their factories `orthogonal` and `identity`. Both scale by `gain` in a final
 * `mul` op, which is why their `opName` is `mul`.
 *
 * Python ints vs floats: `Identity` checks `gain` against the dtype as TF's `gain * eye` does —
 * a user's `gain` goes through `userNumber` (a whole number stands for a Python int), the default
 * is the float `1.0`. `Orthogonal` does not convert `gain`; it checks only its normal draw (the
 * float `mean=0.0` / `stddev=1.0` and a float dtype) in `random-ops.ts`, which also says what
 * cannot match TF's random streams.
 */
import * as tf from '@tensorflow/tfjs-core';
import { DType, DTypes } from '../../core/dtypes';
import { ERROR_CODES, raise } from '../../core/errors';
import { assertFloatDType, castTo, DTypeLike, Initializer, PartitionInfo, toDType } from './base';
import { assertCompatible, pyFloat, PyNumber, userNumber } from './py-values';
import { checkNormalArgs } from '../../core/initializer-calls';
import { tfjsSeed } from './random-ops';

/** Options of `orthogonal`. */
export interface OrthogonalOptions {
  gain?: number;
  seed?: number | null;
  dtype?: DTypeLike;
}

/**
 * `tf.orthogonal_initializer`: the (sign-corrected) Q of the QR decomposition of a normal random
 * `(prod(shape[:-1]), shape[-1])` matrix (transposed when it is wide), reshaped, times `gain`.
 *
 * Op name: TF returns `self.gain * array_ops.reshape(q, shape)`, a `Tensor.__rmul__`, whose op
 * is named `mul` — so the initial value is `<var>/Initializer/mul:0`.
 */
export class Orthogonal extends Initializer {
  readonly className = 'Orthogonal';
  readonly opName = 'mul';
  readonly gain: number;
  readonly seed: number | null;

  constructor(opts: OrthogonalOptions = {}) {
    super(assertFloatDType(toDType(opts.dtype ?? DTypes.float32)));
    this.gain = opts.gain ?? 1.0;
    this.seed = opts.seed ?? null;
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const d = this.resolve(dtype);
    if (shape.length < 2) {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        'The tensor to initialize must be at least two-dimensional',
      );
    }
    // Flatten all but the last dimension, so that it works for conv kernels.
    let numRows = 1;
    for (const dim of shape.slice(0, -1)) numRows *= dim;
    const numCols = shape[shape.length - 1];
    const flatShape = numRows < numCols ? [numCols, numRows] : [numRows, numCols];
    // random_ops.random_normal(flat_shape, dtype=dtype): mean 0.0 and stddev 1.0 must convert.
    checkNormalArgs(pyFloat(0.0), pyFloat(1.0), d);
    return tf.tidy(() => {
      if (numRows * numCols === 0) return castTo(tf.zeros([...shape]), d);
      const a = tf.randomNormal(flatShape, 0, 1, 'float32', tfjsSeed(this.seed));
      const [q0, r] = tf.linalg.qr(a, false);
      // Make Q uniform: multiply column j by sign(R[j, j]).
      const k = flatShape[1];
      const diag = tf.sum(tf.mul(r, tf.eye(k)), 0);
      let q = tf.mul(q0, tf.sign(diag));
      if (numRows < numCols) q = tf.transpose(q);
      return castTo(tf.mul(tf.reshape(q, [...shape]), this.gain), d);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { gain: this.gain, seed: this.seed, dtype: this.dtype.name };
  }
}

/** Options of `identity`. */
export interface IdentityOptions {
  gain?: number;
  dtype?: DTypeLike;
}

/**
 * `tf.initializers.identity`: the (possibly rectangular) identity of the full 2-D shape, sliced
 * to the shard when partitioned, times `gain`. Op name `mul`, as for `Orthogonal`.
 */
export class Identity extends Initializer {
  readonly className = 'Identity';
  readonly opName = 'mul';
  readonly gain: number;
  private readonly gainArg: PyNumber;

  constructor(opts: IdentityOptions = {}) {
    super(assertFloatDType(toDType(opts.dtype ?? DTypes.float32)));
    this.gain = opts.gain ?? 1.0;
    this.gainArg = opts.gain === undefined ? pyFloat(1.0) : userNumber(opts.gain);
  }

  call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): tf.Tensor {
    const fullShape = partitionInfo ? partitionInfo.fullShape : shape;
    if (fullShape.length !== 2) {
      raise(
        ERROR_CODES.initializerArgs,
        'ValueError',
        'Identity matrix initializer can only be used for 2D matrices.',
      );
    }
    const d = this.resolve(dtype);
    // linalg_ops_impl.eye builds array_ops.ones(..., dtype) first; then `gain * eye`.
    assertCompatible(d.isBool ? true : 1, d);
    assertCompatible(this.gainArg, d);
    return tf.tidy(() => {
      let eye: tf.Tensor = tf.eye(fullShape[0], fullShape[1]);
      if (partitionInfo) eye = tf.slice(eye, [...partitionInfo.varOffset], [...shape]);
      return castTo(tf.mul(eye, this.gain), d);
    });
  }

  override getConfig(): Record<string, unknown> {
    return { gain: this.gain, dtype: this.dtype.name };
  }
}

/** `tf.orthogonal_initializer(gain=1.0, seed=None, dtype=tf.float32)`. */
export function orthogonal(opts: OrthogonalOptions = {}): Orthogonal {
  return new Orthogonal(opts);
}

/** `tf.initializers.identity(gain=1.0, dtype=tf.float32)`. */
export function identity(opts: IdentityOptions = {}): Identity {
  return new Identity(opts);
}
