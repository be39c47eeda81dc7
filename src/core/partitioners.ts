/**
 * TensorFlow 1.15's variable partitioners and the store-side slicing helpers, as pure rules.
 *
 * The partitioner factories follow `tensorflow/python/ops/partitioned_variables.py`
 * (`variable_axis_size_partitioner`, `min_max_variable_partitioner`, `fixed_size_partitioner`);
 * `callPartitioner`, `sliceDimAndCount` and `iterSlices` follow `_call_partitioner`,
 * `_get_slice_dim_and_num_slices` and `_iter_slices` in `tensorflow/python/ops/variable_scope.py`.
 *
 * Where TF fails with a Python built-in exception that Scope Lens has no class for (`IndexError`
 * for an axis outside the shape, `ZeroDivisionError` for a zero-sized dimension), the error is
 * raised as a `ValueError` carrying Python's own message (`list index out of range`,
 * `division by zero`, `float division by zero`).
 */
import { DType } from './dtypes';
import { ERROR_CODES, raise } from './errors';
import { formatShape, numElements } from './shape';

/**
 * A partitioner: TF calls it as `partitioner(shape=TensorShape, dtype=DType)` with a fully
 * defined shape and expects one partition count per dimension.
 */
export type Partitioner = (shape: readonly number[], dtype: DType) => number[];

/** Byte size of one element, as TF's `DType.size` (numpy `itemsize`; 1 for resource/variant). */
export function dtypeSize(dtype: DType): number {
  const size = DTYPE_SIZES[dtype.baseDType.name];
  if (size === undefined) {
    raise(ERROR_CODES.partitionerInvalid, 'ValueError', `dtype is not a DType: ${String(dtype)}`);
  }
  return size;
}

const DTYPE_SIZES: Readonly<Record<string, number>> = {
  float16: 2,
  bfloat16: 2,
  float32: 4,
  float64: 8,
  int8: 1,
  int16: 2,
  int32: 4,
  int64: 8,
  uint8: 1,
  uint16: 2,
  uint32: 4,
  uint64: 8,
  bool: 1,
  // numpy's `object` itemsize (a pointer); partitioners use `bytes_per_string_element` instead.
  string: 8,
  complex64: 8,
  complex128: 16,
  qint8: 1,
  quint8: 1,
  qint16: 2,
  quint16: 2,
  qint32: 4,
  resource: 1,
  variant: 1,
};

/**
 * `tf.variable_axis_size_partitioner`: shards one axis so that each shard stays below
 * `maxShardBytes` (as far as slicing along that axis allows), capped at `maxShards` if given.
 */
export function variableAxisSizePartitioner(
  maxShardBytes: number,
  axis = 0,
  bytesPerStringElement = 16,
  maxShards?: number | null,
): Partitioner {
  if (maxShardBytes < 1 || bytesPerStringElement < 1) {
    raise(
      ERROR_CODES.initializerArgs,
      'ValueError',
      'Both max_shard_bytes and bytes_per_string_element must be positive.',
    );
  }
  // `if max_shards and max_shards < 1`: 0 and None mean "no limit".
  if (maxShards && maxShards < 1) {
    raise(ERROR_CODES.initializerArgs, 'ValueError', 'max_shards must be positive.');
  }
  return (shape, dtype) => {
    const elementSize =
      dtype.baseDType.name === 'string' ? bytesPerStringElement : dtypeSize(dtype);
    const partitions = shape.map(() => 1);
    const index = pyIndex(shape.length, axis);
    const axisDim = shape[index];
    // Python 3 true division: `shape.num_elements() / shape[axis].value`.
    const bytesPerSlice = (pyDivide(numElements(shape), axisDim, false) as number) * elementSize;
    // How many slices fit on one shard of at most max_shard_bytes? At least one.
    const slicesPerShard = Math.max(1, Math.floor(pyDivide(maxShardBytes, bytesPerSlice, true)));
    let axisShards = Math.ceil(axisDim / slicesPerShard);
    if (maxShards) axisShards = Math.min(maxShards, axisShards);
    partitions[index] = axisShards;
    return partitions;
  };
}

/**
 * `tf.min_max_variable_partitioner`: as many partitions along `axis` as give each at least
 * `minSliceSize` bytes, at most `maxPartitions` and at most the axis' length.
 */
export function minMaxVariablePartitioner(
  maxPartitions = 1,
  axis = 0,
  minSliceSize = 256 << 10,
  bytesPerStringElement = 16,
): Partitioner {
  return (shape, dtype) => {
    if (axis >= shape.length) {
      raise(
        ERROR_CODES.partitionerInvalid,
        'ValueError',
        `Can not partition variable along axis ${axis} when shape is only ${formatShape(shape)}`,
      );
    }
    const bytesPerElement =
      dtype.baseDType.name === 'string' ? bytesPerStringElement : dtypeSize(dtype);
    const totalSizeBytes = numElements(shape) * bytesPerElement;
    const partitions = pyDivide(totalSizeBytes, minSliceSize, false);
    const partitionsList = shape.map(() => 1);
    const index = pyIndex(shape.length, axis);
    // Not beyond what the shape or `max_partitions` allows.
    partitionsList[index] = Math.max(
      1,
      Math.min(shape[index], maxPartitions, Math.ceil(partitions)),
    );
    return partitionsList;
  };
}

/** `tf.fixed_size_partitioner`: `numShards` shards along `axis` (fewer if the axis is shorter). */
export function fixedSizePartitioner(numShards: number, axis = 0): Partitioner {
  return (shape) => {
    const partitionsList = shape.map(() => 1);
    const index = pyIndex(shape.length, axis);
    partitionsList[index] = Math.min(numShards, shape[index]);
    return partitionsList;
  };
}

/**
 * TF's `_call_partitioner`: checks the shape, calls the partitioner and validates what it
 * returned. (Whether `partitioner` is callable at all is the caller's check.)
 */
export function callPartitioner(
  partitioner: Partitioner,
  shape: readonly (number | null)[] | null,
  dtype: DType,
): number[] {
  if (shape === null || shape.some((d) => d === null)) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      `Shape of a new partitioned variable must be fully defined, but instead was ${formatShape(shape)}.`,
    );
  }
  const full = shape as readonly number[];
  if (full.length < 1) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      `A partitioned Variable must have rank at least 1, shape: ${formatShape(full)}`,
    );
  }
  const slicing: unknown = partitioner([...full], dtype);
  if (!Array.isArray(slicing)) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      `Partitioner must return a sequence, but saw: ${pyStr(slicing)}`,
    );
  }
  const parts = slicing as unknown[];
  if (parts.length !== full.length) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      `Partitioner returned a partition list that does not match the Variable's rank: ${pyStr(parts)} vs. ${formatShape(full)}`,
    );
  }
  if (parts.some((p) => (p as number) < 1)) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      `Partitioner returned zero partitions for some axes: ${pyStr(parts)}`,
    );
  }
  if (parts.filter((p) => (p as number) > 1).length > 1) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      `Can only slice a variable along one dimension: shape: ${formatShape(full)}, partitioning: ${pyStr(parts)}`,
    );
  }
  return parts.map((p) => p as number);
}

/** TF's `_get_slice_dim_and_num_slices`: the first axis with more than one partition, or (0, 1). */
export function sliceDimAndCount(partitions: readonly number[]): {
  sliceDim: number;
  numSlices: number;
} {
  for (let i = 0; i < partitions.length; i++) {
    if (partitions[i] > 1) return { sliceDim: i, numSlices: partitions[i] };
  }
  // Degenerate case: no partitioning applied.
  return { sliceDim: 0, numSlices: 1 };
}

/** One shard of a partitioned variable: where it starts in the full variable, and its shape. */
export interface SliceSpec {
  offset: number[];
  shape: number[];
}

/**
 * TF's `_iter_slices`: cuts `fullShape` into `numSlices` along `sliceDim`; the first
 * `dim % numSlices` shards get one extra row (10 rows in 3 → 4, 3, 3).
 */
export function iterSlices(
  fullShape: readonly number[],
  numSlices: number,
  sliceDim: number,
): SliceSpec[] {
  const dim = fullShape[sliceDim];
  const numSlicesWithExcess = dim % numSlices;
  const minSliceLen = Math.floor(dim / numSlices);
  const offset = fullShape.map(() => 0);
  const out: SliceSpec[] = [];
  for (let i = 0; i < numSlices; i++) {
    const shape = [...fullShape];
    shape[sliceDim] = minSliceLen + (i < numSlicesWithExcess ? 1 : 0);
    out.push({ offset: [...offset], shape });
    offset[sliceDim] += shape[sliceDim];
  }
  return out;
}

/** Python list indexing: negative indices count from the end; out of range is an IndexError. */
function pyIndex(length: number, index: number): number {
  const i = index < 0 ? index + length : index;
  if (!Number.isInteger(i) || i < 0 || i >= length) {
    raise(ERROR_CODES.partitionerInvalid, 'ValueError', 'list index out of range');
  }
  return i;
}

/** Python 3 `/`; dividing by zero is a ZeroDivisionError (message depends on float operands). */
function pyDivide(a: number, b: number, floatOperands: boolean): number {
  if (b === 0) {
    raise(
      ERROR_CODES.partitionerInvalid,
      'ValueError',
      floatOperands ? 'float division by zero' : 'division by zero',
    );
  }
  return a / b;
}

/** Python's `%s` of a partitioner's result: lists as `[2, 1]`, None, True/False. */
function pyStr(x: unknown): string {
  if (x === null || x === undefined) return 'None';
  if (typeof x === 'boolean') return x ? 'True' : 'False';
  if (Array.isArray(x)) return `[${x.map(pyRepr).join(', ')}]`;
  return String(x);
}

function pyRepr(x: unknown): string {
  if (typeof x === 'string') return `'${x}'`;
  return pyStr(x);
}
