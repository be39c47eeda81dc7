/**
 * The base of TensorFlow 1.15's initializers on TensorFlow.js: the `Initializer` class, the
 * argument types every initializer shares (`PartitionInfo`, `DTypeLike`), and the mapping from
 * TF dtypes to what tfjs can store (`tfjsDType`), with the small dtype helpers the initializer
 * modules use (`toDType`, `assertFloatDType`, `castTo`).
 *
 * Storage: tfjs holds float32 / int32 / bool / string / complex64, so float16/bfloat16/float64
 * compute and store as float32, every integer (and quantized) type as int32.
 *
 * No initializer lives here, and nothing here looks at values: Python-number handling is in
 * `py-values.ts`, constant conversion in `constant-value.ts`, random ops in `random-ops.ts`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { asDType, DType } from '../../core/dtypes';
import { ERROR_CODES, raise } from '../../core/errors';
import { QUANTIZED } from '../../core/py-values';
import type { RandomDraw } from '../../core/initializer-calls';

/** TF's `variable_scope._PartitionInfo`: where a shard sits in its full variable. */
export interface PartitionInfo {
  readonly fullShape: readonly number[];
  readonly varOffset: readonly number[];
}

/** A dtype argument: a `DType` or a TF dtype name (`'float32'`, `'int64'`). */
export type DTypeLike = DType | string;

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

  /**
   * The random op `call` draws from and its arguments (`random_uniform`'s `minval`/`maxval`, a
   * normal's `mean`/`stddev`), for the intermediate ops of the initializer's subgraph; null for
   * initializers that draw no such op.
   */
  drawOf(_shape: readonly number[], _partitionInfo?: PartitionInfo): RandomDraw | null {
    return null;
  }

  protected resolve(dtype: DType | undefined): DType {
    return (dtype ?? this.dtype).baseDType;
  }
}

/** A `DTypeLike` argument as a base `DType`. */
export function toDType(d: DTypeLike): DType {
  return (typeof d === 'string' ? asDType(d) : d).baseDType;
}

/** `init_ops._assert_float_dtype`. */
export function assertFloatDType(dtype: DType): DType {
  if (!dtype.isFloating) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      `Expected floating point type, got ${dtype.toString()}.`,
    );
  }
  return dtype;
}

/** `t` in the tfjs storage dtype of `dtype` (`t` itself when it already is). */
export function castTo(t: tf.Tensor, dtype: DType): tf.Tensor {
  const want = tfjsDType(dtype);
  return t.dtype === want ? t : tf.cast(t, want);
}
