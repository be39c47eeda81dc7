/**
 * Python values as JavaScript carries them, for TensorFlow 1.15's initializers: the constant
 * values `tf.constant` / `constant_initializer` take (`ConstantValue`), Python numbers with their
 * int/float kind (`PyNumber`), TF's compatibility check of a value against a dtype
 * (`tensor_util._AssertCompatible`), and Python's `repr` / `str` / `type` for TF's messages.
 *
 * Python ints vs floats: JavaScript has one number type, so each place decides what a JS number
 * stands for:
 * - `userNumber`, for a number argument the user passed and TF converts to the initializer's
 *   dtype (`minval` / `maxval` of `randomUniform`, `mean` / `stddev` of the normals, `gain` of
 *   `identity`): a whole number stands for a Python int, a fractional one for a float.
 *   `pyFloat` marks what is a float in Python whatever its value: defaults written as floats
 *   (`mean=0.0`, `stddev=1.0`, `gain=1.0`) and values TF computes (limits, scales).
 * - `assertCompatible` on a plain `ConstantValue` (a constant converted to an explicit dtype)
 *   and `pyRepr` / `pyType`: a whole number is an int (`Expected int32, got 2.5 of type 'float'
 *   instead.`, while `2` passes).
 * The dtype *inferred* for a number without a dtype is not decided here: see `NumberTyping` in
 * `constant-value.ts`.
 *
 * Pure: no tensors, no TensorFlow.js, so the analyzer applies the same checks (an initializer's
 * value against the variable's dtype) as the engine.
 */
import { DType } from './dtypes';
import { ERROR_CODES, raise } from './errors';

/** TF's quantized dtypes: ints to `_AssertCompatible`. */
export const QUANTIZED = new Set(['qint8', 'quint8', 'qint16', 'quint16', 'qint32']);

/** A constant as TF's `constant_initializer` / `tf.constant` take it. */
export type ConstantValue = number | boolean | string | readonly ConstantValue[];

/** A leaf of a `ConstantValue`. */
export type Scalar = number | boolean | string;

/** True for a number, bool, string or list: what `Constant` accepts as its value. */
export function isConstantValue(value: unknown): value is ConstantValue {
  return (
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    typeof value === 'string' ||
    Array.isArray(value)
  );
}

/** The leaves of a (nested) value, row-major. */
export function flatten(value: ConstantValue): Scalar[] {
  if (!Array.isArray(value)) return [value as Scalar];
  const out: Scalar[] = [];
  const walk = (v: ConstantValue): void => {
    if (Array.isArray(v)) for (const x of v as readonly ConstantValue[]) walk(x);
    else out.push(v as Scalar);
  };
  walk(value);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Python numbers and tensor_util._AssertCompatible

/** A number as Python would have had it: an int or a float. */
export interface PyNumber {
  readonly value: number;
  readonly isFloat: boolean;
}

/** A number that is a Python float whatever its value (a float default, a computed value). */
export function pyFloat(value: number): PyNumber {
  return { value, isFloat: true };
}

/** A user's JS number: a whole number stands for a Python int. */
export function userNumber(value: number): PyNumber {
  return { value, isFloat: !Number.isInteger(value) };
}

/**
 * `_AssertCompatible(values, dtype)`: the first leaf that `convert_to_tensor(values, dtype)`
 * rejects raises TF's TypeError. Python bools are ints (accepted by numeric dtypes).
 */
export function assertCompatible(
  value: ConstantValue | PyNumber,
  dtype: DType,
  floatLeaves?: readonly boolean[],
): void {
  // `floatLeaves` (row-major, one per leaf): which numbers were Python floats, whole or not
  // (`2.0`), when the caller knows; without it a whole number counts as an int.
  const leaves: (Scalar | PyNumber)[] = isPyNumber(value)
    ? [value]
    : flatten(value).map((leaf, i) =>
        typeof leaf === 'number' && floatLeaves?.[i] ? pyFloat(leaf) : leaf,
      );
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

// ---------------------------------------------------------------------------------------------
// Python formatting

/** A Python list of ints: `[2, 3]`. */
export function pyList(xs: readonly number[]): string {
  return `[${xs.join(', ')}]`;
}

/** A Python tuple of ints: `(2, 3)`, `(2,)`. */
export function pyTuple(xs: readonly number[]): string {
  return xs.length === 1 ? `(${xs[0]},)` : `(${xs.join(', ')})`;
}

/** `str(value)` for a Python scalar or (nested) list. */
export function pyStr(value: ConstantValue): string {
  return typeof value === 'string' ? value : pyRepr(value);
}

/** `repr(value)`: whole numbers print as ints, others as Python floats. */
export function pyRepr(value: ConstantValue): string {
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
