/**
 * TensorFlow 1.15's initializers (`tensorflow/python/ops/init_ops.py`) on TensorFlow.js.
 *
 * Defaults, formulas, argument checks and messages follow TF 1.15. What cannot be matched:
 * - Random values: TF's Philox streams are not reproducible here. A seeded initializer is
 *   deterministic (same seed → same values, every call, like TF with an op seed); an unseeded one
 *   draws fresh values on each call.
 * - Storage: tfjs holds float32 / int32 / bool / string / complex64, so float16/bfloat16/float64
 *   compute and store as float32, every integer type as int32 (see `tfjsDType`).
 * - Python ints vs floats: JavaScript has one number type. Where TF's outcome depends on whether
 *   a Python argument was an int or a float (converting it to an integer dtype), a JS number that
 *   is a whole number counts as a Python int, except for arguments whose Python default is a float
 *   (`mean=0.0`, `stddev=1.0`, `gain=1.0`) when they are left out, and values TF computes itself
 *   (limits, scales), which are floats.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { asDType, DType, DTypes } from '../core/dtypes';
import { ERROR_CODES, raise } from '../core/errors';

/** TF's `variable_scope._PartitionInfo`: where a shard sits in its full variable. */
export interface PartitionInfo {
  readonly fullShape: readonly number[];
  readonly varOffset: readonly number[];
}

/** A dtype argument: a `DType` or a TF dtype name (`'float32'`, `'int64'`). */
export type DTypeLike = DType | string;

/** A constant as TF's `constant_initializer` / `tf.constant` take it. */
export type ConstantValue = number | boolean | string | readonly ConstantValue[];

/** The tfjs storage dtype of a TF dtype. */
export function tfjsDType(dtype: DType): tf.DataType {
  const base = dtype.baseDType;
  if (base.isFloating) return 'float32';
  if (base.isInteger) return 'int32';
  if (base.isBool) return 'bool';
  if (base.isComplex) return 'complex64';
  if (base.name === 'string') return 'string';
  if (QUANTIZED.has(base.name)) return 'int32';
  return raise(
    ERROR_CODES.unsupported,
    'NotImplementedError',
    `Scope Lens cannot hold a tensor of dtype ${base.name} in TensorFlow.js.`,
  );
}

const QUANTIZED = new Set(['qint8', 'quint8', 'qint16', 'quint16', 'qint32']);

/**
 * Base class of TF's initializers. `call` returns one new tensor of the requested shape (all
 * intermediate tensors are disposed).
 */
export abstract class Initializer {
  /** TF's class name: `Zeros`, `VarianceScaling`, `GlorotUniform`... */
  abstract readonly className: string;
  /**
   * The name TF gives the op producing the initial value, under `<var>/Initializer/`:
   * `zeros`, `Const`, `random_uniform`, `truncated_normal`, `mul`...
   */
  abstract readonly opName: string;
  /** The dtype used when `call` gets none. */
  readonly dtype: DType;

  protected constructor(dtype: DType) {
    this.dtype = dtype;
  }

  /** `initializer(shape, dtype=None, partition_info=None)`; `shape` must be fully known. */
  abstract call(shape: readonly number[], dtype?: DType, partitionInfo?: PartitionInfo): tf.Tensor;

  /** TF's `get_config()`. */
  getConfig(): Record<string, unknown> {
    return {};
  }

  protected resolve(dtype: DType | undefined): DType {
    return (dtype ?? this.dtype).baseDType;
  }
}

// ---------------------------------------------------------------------------------------------
// Zeros, Ones, Constant

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
    return t === 'string' ? tf.fill([...shape], '', 'string') : tf.zeros([...shape], t);
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
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    return constantTensor(this.value, this.resolve(dtype), shape, this.verifyShape);
  }

  override getConfig(): Record<string, unknown> {
    // Like TF, `verify_shape` is not part of the config.
    return { value: this.value, dtype: this.dtype.name };
  }
}

// ---------------------------------------------------------------------------------------------
// Random initializers

/** Options of `randomUniform`. */
export interface RandomUniformOptions {
  minval?: number;
  /** Defaults to 1 for float dtypes; required for integer dtypes. */
  maxval?: number | null;
  seed?: number | null;
  dtype?: DTypeLike;
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
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const maxval = this.maxval === null ? null : userNumber(this.maxval);
    return randomUniformOp(shape, userNumber(this.minval), maxval, this.resolve(dtype), this.seed);
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
    this.meanArg = opts.mean === undefined ? pyFloat(0.0) : userNumber(opts.mean);
    this.stddevArg = opts.stddev === undefined ? pyFloat(1.0) : userNumber(opts.stddev);
  }

  call(shape: readonly number[], dtype?: DType): tf.Tensor {
    const kind = this.opName as NormalOp;
    return normalOp(kind, shape, this.meanArg, this.stddevArg, this.resolve(dtype), this.seed);
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
    let inputSize = 1.0;
    // Estimating input size is not possible to do perfectly (see TF's comment).
    for (const dim of scaleShape.slice(0, -1)) inputSize *= dim;
    // Avoid errors when initializing zero-size tensors.
    inputSize = Math.max(inputSize, 1.0);
    const maxVal = Math.sqrt(3 / inputSize) * this.factor;
    return randomUniformOp(
      shape,
      pyFloat(-maxVal),
      pyFloat(maxVal),
      this.resolve(dtype),
      this.seed,
    );
  }

  override getConfig(): Record<string, unknown> {
    return { factor: this.factor, seed: this.seed, dtype: this.dtype.name };
  }
}

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

/** Constant from `scipy.stats.truncnorm.std(a=-2, b=2, loc=0., scale=1.)`, as in TF. */
const TRUNCATED_NORMAL_STDDEV = 0.87962566103423978;

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
    const [fanIn, fanOut] = computeFans(scaleShape);
    let scale = this.scale;
    if (this.mode === 'fan_in') scale /= Math.max(1, fanIn);
    else if (this.mode === 'fan_out') scale /= Math.max(1, fanOut);
    else scale /= Math.max(1, (fanIn + fanOut) / 2);
    if (this.distribution === 'normal' || this.distribution === 'truncated_normal') {
      const stddev = Math.sqrt(scale) / TRUNCATED_NORMAL_STDDEV;
      return normalOp('truncated_normal', shape, pyFloat(0.0), pyFloat(stddev), d, this.seed);
    }
    if (this.distribution === 'untruncated_normal') {
      const stddev = Math.sqrt(scale);
      return normalOp('random_normal', shape, pyFloat(0.0), pyFloat(stddev), d, this.seed);
    }
    const limit = Math.sqrt(3.0 * scale);
    return randomUniformOp(shape, pyFloat(-limit), pyFloat(limit), d, this.seed);
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
    checkNormalArgs('random_normal', pyFloat(0.0), pyFloat(1.0), d);
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

// ---------------------------------------------------------------------------------------------
// Factories (TF's lower-case aliases)

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

/** `tf.orthogonal_initializer(gain=1.0, seed=None, dtype=tf.float32)`. */
export function orthogonal(opts: OrthogonalOptions = {}): Orthogonal {
  return new Orthogonal(opts);
}

/** `tf.initializers.identity(gain=1.0, dtype=tf.float32)`. */
export function identity(opts: IdentityOptions = {}): Identity {
  return new Identity(opts);
}

/** TF's `init_ops._compute_fans`: (fan_in, fan_out) of a weight shape. */
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

// ---------------------------------------------------------------------------------------------
// Constants: tensor_util.make_tensor_proto (graph mode, TF 1.15)

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
  return tf.tidy(() => {
    if (t === 'complex64') {
      return tf.cast(tf.tensor(proto.values as number[], proto.shape, 'float32'), 'complex64');
    }
    if (t === 'string') return tf.tensor(proto.values as string[], proto.shape, 'string');
    if (t === 'bool') return tf.tensor(proto.values as boolean[], proto.shape, 'bool');
    return tf.tensor(proto.values.map(Number), proto.shape, t);
  });
}

type Scalar = number | boolean | string;

interface TensorProto {
  dtype: DType;
  shape: number[];
  /** All `prod(shape)` values, row-major. */
  values: Scalar[];
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

function flatten(value: ConstantValue): Scalar[] {
  if (!Array.isArray(value)) return [value as Scalar];
  const out: Scalar[] = [];
  const walk = (v: ConstantValue): void => {
    if (Array.isArray(v)) for (const x of v as readonly ConstantValue[]) walk(x);
    else out.push(v as Scalar);
  };
  walk(value);
  return out;
}

function isConstantValue(value: unknown): value is ConstantValue {
  return (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'string' ||
    Array.isArray(value)
  );
}

// ---------------------------------------------------------------------------------------------
// Python-number conversions (tensor_util._AssertCompatible) and the random ops

/** A number as Python would have had it: an int or a float. */
interface PyNumber {
  readonly value: number;
  readonly isFloat: boolean;
}

function pyFloat(value: number): PyNumber {
  return { value, isFloat: true };
}

/** A user's JS number: a whole number stands for a Python int. */
function userNumber(value: number): PyNumber {
  return { value, isFloat: !Number.isInteger(value) };
}

/**
 * `_AssertCompatible(values, dtype)`: the first leaf that `convert_to_tensor(values, dtype)`
 * rejects raises TF's TypeError. Python bools are ints (accepted by numeric dtypes).
 */
function assertCompatible(value: ConstantValue | PyNumber, dtype: DType): void {
  const leaves: (Scalar | PyNumber)[] = isPyNumber(value) ? [value] : flatten(value);
  for (const leaf of leaves) {
    const kind = pyKind(leaf);
    let ok: boolean;
    if (dtype.name === 'string') ok = kind === 'str';
    else if (dtype.isBool) ok = kind === 'bool';
    else if (dtype.isInteger || QUANTIZED.has(dtype.name)) ok = kind === 'int' || kind === 'bool';
    else if (dtype.isFloating || dtype.isComplex) ok = kind !== 'str';
    else ok = true; // resource / variant: _FilterNotTensor
    if (!ok) {
      raise(
        ERROR_CODES.initializerArgs,
        'TypeError',
        `Expected ${dtype.name}, got ${pyLeafRepr(leaf)} of type '${kind}' instead.`,
      );
    }
  }
}

function isPyNumber(x: unknown): x is PyNumber {
  return typeof x === 'object' && x !== null && !Array.isArray(x) && 'isFloat' in x;
}

function pyKind(leaf: Scalar | PyNumber): 'int' | 'float' | 'bool' | 'str' {
  if (isPyNumber(leaf)) return leaf.isFloat ? 'float' : 'int';
  if (typeof leaf === 'boolean') return 'bool';
  if (typeof leaf === 'string') return 'str';
  return Number.isInteger(leaf) ? 'int' : 'float';
}

function pyLeafRepr(leaf: Scalar | PyNumber): string {
  if (isPyNumber(leaf)) return leaf.isFloat ? pyFloatRepr(leaf.value) : String(leaf.value);
  return pyRepr(leaf);
}

const FLOAT_DTYPES = [DTypes.float16, DTypes.bfloat16, DTypes.float32, DTypes.float64];

/** op_def_library's check of a `type` attr with allowed values. */
function checkOpDType(dtype: DType, allowed: readonly DType[]): void {
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

type NormalOp = 'random_normal' | 'truncated_normal';

/** The conversions `random_ops.random_normal` / `truncated_normal` do before building the op. */
function checkNormalArgs(_op: NormalOp, mean: PyNumber, stddev: PyNumber, dtype: DType): void {
  assertCompatible(mean, dtype);
  assertCompatible(stddev, dtype);
  // RandomStandardNormal / TruncatedNormal: dtype in {half, bfloat16, float, double}.
  checkOpDType(dtype, FLOAT_DTYPES);
}

function normalOp(
  op: NormalOp,
  shape: readonly number[],
  mean: PyNumber,
  stddev: PyNumber,
  dtype: DType,
  seed: number | null,
): tf.Tensor {
  checkNormalArgs(op, mean, stddev, dtype);
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

const UNIFORM_DTYPES = [...FLOAT_DTYPES, DTypes.int32, DTypes.int64];

/** `random_ops.random_uniform(shape, minval, maxval, dtype, seed)`. */
function randomUniformOp(
  shape: readonly number[],
  minval: PyNumber,
  maxval: PyNumber | null,
  dtype: DType,
  seed: number | null,
): tf.Tensor {
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
  return tf.tidy(() => castTo(tf.randomUniform([...shape], lo, hi, 'float32', s), dtype));
}

/**
 * tfjs treats a seed of 0 as "no seed"; TF's seed 0 is a real seed. Map every integer seed to a
 * distinct non-zero one.
 */
function tfjsSeed(seed: number | null): number | undefined {
  return seed === null || seed === undefined ? undefined : 2 * seed + 1;
}

function castTo(t: tf.Tensor, dtype: DType): tf.Tensor {
  const want = tfjsDType(dtype);
  return t.dtype === want ? t : tf.cast(t, want);
}

function toDType(d: DTypeLike): DType {
  return (typeof d === 'string' ? asDType(d) : d).baseDType;
}

/** `init_ops._assert_float_dtype`. */
function assertFloatDType(dtype: DType): DType {
  if (!dtype.isFloating) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      `Expected floating point type, got ${dtype.toString()}.`,
    );
  }
  return dtype;
}

// ---------------------------------------------------------------------------------------------
// Python formatting

function product(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

function sameList(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function pyList(xs: readonly number[]): string {
  return `[${xs.join(', ')}]`;
}

function pyTuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

/** `str(value)` for a Python scalar or (nested) list. */
function pyStr(value: ConstantValue): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** `repr(value)`: whole numbers print as ints, others as Python floats. */
function pyRepr(value: ConstantValue): string {
  if (Array.isArray(value)) {
    return `[${(value as readonly ConstantValue[]).map(pyRepr).join(', ')}]`;
  }
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'string') {
    const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
    const body = value
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/\t/g, '\\t')
      .replace(/\r/g, '\\r');
    return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
  }
  const n = value as number;
  return Number.isInteger(n) ? String(n) : pyFloatRepr(n);
}

/** Python's `repr(float)`: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  const sign = mantissa.startsWith('-') ? '-' : '';
  const digits = mantissa.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = String(Math.abs(exp)).padStart(2, '0');
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${e}`;
  }
  if (exp >= 0) {
    const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
    const frac = digits.slice(exp + 1);
    return `${sign}${intPart}.${frac === '' ? '0' : frac}`;
  }
  return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
}

/** `type(value)` as Python prints it. */
function pyType(value: unknown): string {
  if (value === null || value === undefined) return "<class 'NoneType'>";
  if (Array.isArray(value)) return "<class 'list'>";
  if (typeof value === 'number')
    return Number.isInteger(value) ? "<class 'int'>" : "<class 'float'>";
  if (typeof value === 'boolean') return "<class 'bool'>";
  if (typeof value === 'string') return "<class 'str'>";
  if (typeof value === 'function') return "<class 'function'>";
  if (value instanceof tf.Tensor) return "<class 'tensorflow.python.framework.ops.Tensor'>";
  return "<class 'dict'>";
}
