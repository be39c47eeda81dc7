/**
 * The engine's memory budget: what TensorFlow's CPU allocator does when a tensor does not fit.
 *
 * TensorFlow allocates a tensor's buffer when an op runs, and a request the allocator cannot
 * satisfy fails that op with `ResourceExhaustedError` ("OOM when allocating tensor with
 * shape[100000,100000] and type float on /job:localhost/replica:0/task:0/device:CPU:0 by
 * allocator cpu"); the process lives on. TensorFlow.js has no such check: a tensor larger than
 * a typed array can hold throws a bare `RangeError`, and some paths (JavaScript arrays that grow
 * past V8's limit) abort the whole process. So every place the engine or the Python runtime is
 * about to make a tensor of a size it knows asks `checkAllocation` first.
 *
 * The budget is a number of bytes for all live tfjs tensors together, 4 GiB by default: a
 * tensor fails when the bytes tfjs holds plus the new tensor's would exceed it. BERT-base (110M
 * float32 parameters, 440 MB) with Adam's two slots fits; a [100000, 100000] float tensor
 * (40 GB) does not. `setMemoryBudget` changes it (tests, embedders).
 */
import { tf } from './backend';
import type { DType } from '../core/dtypes';

export const DEFAULT_MEMORY_BUDGET_BYTES = 4 * 1024 ** 3;

let budget = DEFAULT_MEMORY_BUDGET_BYTES;

/** Sets the byte budget for live tensors (`null`: back to the default); returns the old one. */
export function setMemoryBudget(bytes: number | null): number {
  const old = budget;
  budget = bytes === null ? DEFAULT_MEMORY_BUDGET_BYTES : bytes;
  return old;
}

export function memoryBudget(): number {
  return budget;
}

/** TF's `ResourceExhaustedError` (an `OpError`), as the engine throws it. */
export class ResourceExhaustedError extends Error {
  override readonly name = 'ResourceExhaustedError';
}

/** The bytes tfjs stores per element of a TF dtype (float64 and int64 are held in 4 bytes). */
function bytesPerElement(dtype: DType): number {
  const base = dtype.baseDType;
  if (base.isBool) return 1;
  if (base.isComplex) return 8;
  return 4;
}

/** TF's `DataTypeString`: the name an OOM message gives a dtype. */
function dataTypeString(dtype: DType): string {
  const name = dtype.baseDType.name;
  if (name === 'float32') return 'float';
  if (name === 'float64') return 'double';
  return name;
}

/** The bytes a tensor of this shape and dtype takes. */
export function tensorBytes(shape: readonly number[], dtype: DType): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n * bytesPerElement(dtype);
}

/**
 * Throws TF's ResourceExhaustedError when `copies` new tensors of `shape` and `dtype` would take
 * the live tensors past the budget.
 */
export function checkAllocation(shape: readonly number[], dtype: DType, copies = 1): void {
  const bytes = tensorBytes(shape, dtype) * copies;
  if (bytes <= 0 || tf.memory().numBytes + bytes <= budget) return;
  throw new ResourceExhaustedError(
    `OOM when allocating tensor with shape[${shape.join(',')}] and type ${dataTypeString(dtype)} ` +
      'on /job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu',
  );
}
