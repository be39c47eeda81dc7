/**
 * TensorFlow dtypes as TF 1.15 names and prints them.
 *
 * A `DType` is an interned value: `DTypes.float32 === asDType('float32')`, and the reference
 * variant (`float32_ref`, what a TF1 `RefVariable` reports) is another interned value reachable
 * through `.asRef` / `.baseDType`. Comparing dtypes with `===` is therefore correct.
 *
 * This module knows names and categories only; how a dtype is stored in TensorFlow.js is the
 * engine's business (see src/engine/tensors.ts).
 */

export type DTypeCategory =
  'floating' | 'integer' | 'unsigned' | 'bool' | 'string' | 'complex' | 'other';

const BASE_DTYPES: ReadonlyArray<readonly [string, DTypeCategory]> = [
  ['float16', 'floating'],
  ['bfloat16', 'floating'],
  ['float32', 'floating'],
  ['float64', 'floating'],
  ['int8', 'integer'],
  ['int16', 'integer'],
  ['int32', 'integer'],
  ['int64', 'integer'],
  ['uint8', 'unsigned'],
  ['uint16', 'unsigned'],
  ['uint32', 'unsigned'],
  ['uint64', 'unsigned'],
  ['bool', 'bool'],
  ['string', 'string'],
  ['complex64', 'complex'],
  ['complex128', 'complex'],
  ['qint8', 'other'],
  ['quint8', 'other'],
  ['qint16', 'other'],
  ['quint16', 'other'],
  ['qint32', 'other'],
  ['resource', 'other'],
  ['variant', 'other'],
];

export class DType {
  /** The reference twin (`float32` ↔ `float32_ref`), filled in when the table is built. */
  private twin!: DType;

  private constructor(
    /** TF's `DType.name`: `float32`, `float32_ref`. */
    readonly name: string,
    readonly category: DTypeCategory,
    readonly isRef: boolean,
  ) {}

  /** Builds the interned table; called once below. */
  static buildTable(): Map<string, DType> {
    const table = new Map<string, DType>();
    for (const [name, category] of BASE_DTYPES) {
      const base = new DType(name, category, false);
      const ref = new DType(`${name}_ref`, category, true);
      base.twin = ref;
      ref.twin = base;
      table.set(name, base);
      table.set(ref.name, ref);
    }
    return table;
  }

  /** TF's `base_dtype`: the non-reference dtype. */
  get baseDType(): DType {
    return this.isRef ? this.twin : this;
  }

  /** TF's `_as_ref`. */
  get asRef(): DType {
    return this.isRef ? this : this.twin;
  }

  get isFloating(): boolean {
    return this.category === 'floating';
  }
  get isInteger(): boolean {
    return this.category === 'integer' || this.category === 'unsigned';
  }
  get isUnsigned(): boolean {
    return this.category === 'unsigned';
  }
  get isBool(): boolean {
    return this.category === 'bool';
  }
  get isComplex(): boolean {
    return this.category === 'complex';
  }

  /**
   * TF's `DType.is_compatible_with`: a dtype accepts itself and its reference twin's base, so a
   * requested `float32` is compatible with a found `float32_ref`, but not the other way round.
   */
  isCompatibleWith(other: DType): boolean {
    return this === other || this === other.baseDType;
  }

  /** `<dtype: 'float32_ref'>`, as `str(dtype)` and `repr(dtype)` print in TF 1.15. */
  toString(): string {
    return `<dtype: '${this.name}'>`;
  }
}

const TABLE = DType.buildTable();

/** Looks a dtype up by TF name (`'float32'`, `'int32_ref'`); aliases `float`, `double`, `half`. */
export function asDType(name: string): DType {
  const found = TABLE.get(ALIASES[name] ?? name);
  if (!found) {
    throw new TypeError(`Cannot convert value ${JSON.stringify(name)} to a TensorFlow DType.`);
  }
  return found;
}

/** Like `asDType` but returns undefined for an unknown name. */
export function tryDType(name: string): DType | undefined {
  return TABLE.get(ALIASES[name] ?? name);
}

const ALIASES: Record<string, string> = { float: 'float32', double: 'float64', half: 'float16' };

/** The dtypes by name, for code that wants a constant: `DTypes.float32`. */
export const DTypes = {
  float16: asDType('float16'),
  bfloat16: asDType('bfloat16'),
  float32: asDType('float32'),
  float64: asDType('float64'),
  int8: asDType('int8'),
  int16: asDType('int16'),
  int32: asDType('int32'),
  int64: asDType('int64'),
  uint8: asDType('uint8'),
  uint16: asDType('uint16'),
  uint32: asDType('uint32'),
  uint64: asDType('uint64'),
  bool: asDType('bool'),
  string: asDType('string'),
  complex64: asDType('complex64'),
  complex128: asDType('complex128'),
  resource: asDType('resource'),
} as const;
