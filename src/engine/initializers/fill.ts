/**
 * TensorFlow 1.15's fill initializers: `Zeros`, `Ones` and `Constant` (`zeros_initializer`,
 * `ones_initializer`, `constant_initializer`) and their factories. Nothing random here.
 *
 * `Constant` converts its value with `constantTensor` (`constant-value.ts`): with the
 * initializer's dtype (float32 by default), so a number's Python int/float kind matters only for
 * the compatibility check against an integer / bool / string dtype (see `py-values.ts`).
 */
import * as tf from '@tensorflow/tfjs-core';
import { DType, DTypes } from '../../core/dtypes';
import { ERROR_CODES, raise } from '../../core/errors';
import { DTypeLike, Initializer, tfjsDType, toDType } from './base';
import { constantTensor } from './constant-value';
import { assertCompatible, ConstantValue, isConstantValue, pyType } from './py-values';

// Read once: each `tf.zeros` read goes through a namespace copy's getter (see graph.ts).
const tfZeros = tf.zeros;

/** `tf.zeros_initializer`. Any dtype (bool → false, string → ''). */
export class Zeros extends Initializer {
  readonly className = 'Zeros';
  readonly opName = 'zeros';

  constructor(dtype: DTypeLike = DTypes.float32) {
    super(toDType(dtype));
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const d = this.resolve(dtype);
    const t = tfjsDType(d);
    // tf.zeros copies the shape into the tensor, so the caller's array is not kept.
    return t === 'string' ? tf.fill([...shape], '', 'string') : tfZeros(shape as number[], t);
  }

  override getConfig(): Record<string, unknown> {
    return { dtype: this.dtype.name };
  }
}

/** `tf.ones_initializer`. bool → true; a string dtype fails as `constant(1, dtype=string)`. */
export class Ones extends Initializer {
  readonly className = 'Ones';
  readonly opName = 'ones';

  constructor(dtype: DTypeLike = DTypes.float32) {
    super(toDType(dtype));
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const d = this.resolve(dtype);
    // array_ops.ones: `one = True if dtype == bool else 1`, then constant(one, dtype).
    assertCompatible(d.isBool ? true : 1, d);
    return tf.ones([...shape], tfjsDType(d));
  }

  override getConfig(): Record<string, unknown> {
    return { dtype: this.dtype.name };
  }
}

/** Options of `constant`. */
export interface ConstantOptions {
  dtype?: DTypeLike;
  /** TF 1.x's deprecated `verify_shape`: the value's shape must equal the requested shape. */
  verifyShape?: boolean;
  /**
   * Which numbers of the value (row-major) are Python floats, whole or not: TF rejects `2.0`
   * for an int dtype as it rejects `2.5`. The Python runtime passes it; JavaScript callers
   * have one number type, and a whole number counts as an int.
   */
  floatLeaves?: readonly boolean[];
}

/**
 * `tf.constant_initializer`: `constant_op.constant(value, dtype, shape)` in graph mode. A scalar
 * fills the shape; a list is reshaped, and a shorter list is padded with its last element; a
 * longer one is an error.
 */
export class Constant extends Initializer {
  readonly className = 'Constant';
  readonly opName = 'Const';
  readonly value: ConstantValue;
  private readonly verifyShape: boolean;

  constructor(value: ConstantValue = 0, opts: ConstantOptions = {}) {
    if (!isConstantValue(value)) {
      raise(
        ERROR_CODES.initializerArgs,
        'TypeError',
        `Invalid type for initial value: ${pyType(value)} (expected Python scalar, list or tuple of values, or numpy.ndarray).`,
      );
    }
    super(toDType(opts.dtype ?? DTypes.float32));
    this.value = value;
    this.verifyShape = opts.verifyShape ?? false;
    this.floatLeaves = opts.floatLeaves;
  }

  private readonly floatLeaves: readonly boolean[] | undefined;

  /** Whether the value's shape must equal the requested one (`verify_shape`). */
  get verifiesShape(): boolean {
    return this.verifyShape;
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const d = this.resolve(dtype);
    if (this.floatLeaves && shape.every((n) => n > 0))
      assertCompatible(this.value, d, this.floatLeaves);
    return constantTensor(this.value, d, shape, this.verifyShape);
  }

  override getConfig(): Record<string, unknown> {
    // Like TF, `verify_shape` is not part of the config.
    return { value: this.value, dtype: this.dtype.name };
  }
}

/** `tf.zeros_initializer(dtype=tf.float32)`. */
export function zeros(opts: { dtype?: DTypeLike } = {}): Zeros {
  return new Zeros(opts.dtype);
}

/** `tf.ones_initializer(dtype=tf.float32)`. */
export function ones(opts: { dtype?: DTypeLike } = {}): Ones {
  return new Ones(opts.dtype);
}

/** `tf.constant_initializer(value=0, dtype=tf.float32, verify_shape=False)`. */
export function constant(value: ConstantValue = 0, opts: ConstantOptions = {}): Constant {
  return new Constant(value, opts);
}
