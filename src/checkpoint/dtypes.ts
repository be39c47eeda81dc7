/**
 * TensorFlow's `DataType` enum as checkpoints store it (`tensorflow/core/framework/types.proto`),
 * with TF's Python names (`tf.float32.name == 'float32'`) and the bytes per element of the
 * fixed-size types. Values 101+ are the `_REF` variants of graph signatures; they never occur in
 * a checkpoint, and neither does 0 (`DT_INVALID`).
 */

export type CheckpointDType =
  | 'float32'
  | 'float64'
  | 'int32'
  | 'uint8'
  | 'int16'
  | 'int8'
  | 'string'
  | 'complex64'
  | 'int64'
  | 'bool'
  | 'qint8'
  | 'quint8'
  | 'qint32'
  | 'bfloat16'
  | 'qint16'
  | 'quint16'
  | 'uint16'
  | 'complex128'
  | 'float16'
  | 'resource'
  | 'variant'
  | 'uint32'
  | 'uint64';

export interface DTypeInfo {
  /** The `DataType` enum value stored in `BundleEntryProto.dtype`. */
  readonly enumValue: number;
  /** The enum's name, `DT_FLOAT`. */
  readonly enumName: string;
  /** TF's Python name, `float32`. */
  readonly name: CheckpointDType;
  /** Bytes per element; 0 for types without a fixed size (string, resource, variant). */
  readonly size: number;
}

const TABLE: ReadonlyArray<readonly [number, string, CheckpointDType, number]> = [
  [1, 'DT_FLOAT', 'float32', 4],
  [2, 'DT_DOUBLE', 'float64', 8],
  [3, 'DT_INT32', 'int32', 4],
  [4, 'DT_UINT8', 'uint8', 1],
  [5, 'DT_INT16', 'int16', 2],
  [6, 'DT_INT8', 'int8', 1],
  [7, 'DT_STRING', 'string', 0],
  [8, 'DT_COMPLEX64', 'complex64', 8],
  [9, 'DT_INT64', 'int64', 8],
  [10, 'DT_BOOL', 'bool', 1],
  [11, 'DT_QINT8', 'qint8', 1],
  [12, 'DT_QUINT8', 'quint8', 1],
  [13, 'DT_QINT32', 'qint32', 4],
  [14, 'DT_BFLOAT16', 'bfloat16', 2],
  [15, 'DT_QINT16', 'qint16', 2],
  [16, 'DT_QUINT16', 'quint16', 2],
  [17, 'DT_UINT16', 'uint16', 2],
  [18, 'DT_COMPLEX128', 'complex128', 16],
  [19, 'DT_HALF', 'float16', 2],
  [20, 'DT_RESOURCE', 'resource', 0],
  [21, 'DT_VARIANT', 'variant', 0],
  [22, 'DT_UINT32', 'uint32', 4],
  [23, 'DT_UINT64', 'uint64', 8],
];

const BY_ENUM = new Map<number, DTypeInfo>();
const BY_NAME = new Map<string, DTypeInfo>();
for (const [enumValue, enumName, name, size] of TABLE) {
  const info: DTypeInfo = Object.freeze({ enumValue, enumName, name, size });
  BY_ENUM.set(enumValue, info);
  BY_NAME.set(name, info);
}

/** Every dtype this module knows, in enum order. */
export const CHECKPOINT_DTYPES: readonly DTypeInfo[] = [...BY_ENUM.values()];

/** The dtype with this enum value, or undefined. */
export function dtypeFromEnum(value: number): DTypeInfo | undefined {
  return BY_ENUM.get(value);
}

/** The dtype with this TF name (`float32`) or enum name (`DT_FLOAT`), or undefined. */
export function dtypeFromName(name: string): DTypeInfo | undefined {
  return BY_NAME.get(name) ?? CHECKPOINT_DTYPES.find((d) => d.enumName === name);
}
