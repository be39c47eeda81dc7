/**
 * Shapes as TensorFlow 1.15's `TensorShape` models them, plus the analyzer's "not known here".
 *
 * - `null` as a whole shape is TF's unknown rank (`TensorShape(None)`, printed `<unknown>`).
 * - `null` as a dimension is TF's unknown dimension (`None`, printed `?`). TF itself treats it as
 *   compatible with any size.
 * - `UNKNOWN` (a dimension or a whole shape) is the static analyzer's "this value is decided at
 *   run time and we could not compute it". Unlike `null`, its compatibility is `'maybe'`.
 *
 * The runtime never produces `UNKNOWN`; every function here then returns a plain boolean.
 */
import { ERROR_CODES, raise } from './errors';
import { Tri, triAnd } from './tri';

/** The analyzer's marker for a value it could not compute statically. */
export const UNKNOWN: unique symbol = Symbol('unknown');
export type Unknown = typeof UNKNOWN;

export type Dim = number | null;
export type AbstractDim = Dim | Unknown;

/** A TF shape: dimensions, or `null` for unknown rank. */
export type Shape = readonly Dim[] | null;
/** A shape as the analyzer may hold it. */
export type AbstractShape = readonly AbstractDim[] | null | Unknown;

export function isFullyDefined(shape: AbstractShape): Tri {
  if (shape === UNKNOWN) return 'maybe';
  if (shape === null) return false;
  let result: Tri = true;
  for (const d of shape) {
    if (d === null) return false;
    if (d === UNKNOWN) result = 'maybe';
  }
  return result;
}

/** TF's `Dimension.is_compatible_with`. */
function dimCompatible(a: AbstractDim, b: AbstractDim): Tri {
  if (a === null || b === null) return true;
  if (a === UNKNOWN || b === UNKNOWN) return 'maybe';
  return a === b;
}

/** TF's `TensorShape.is_compatible_with`: unknown rank or unknown dims match anything. */
export function shapesCompatible(a: AbstractShape, b: AbstractShape): Tri {
  if (a === null || b === null) return true;
  if (a === UNKNOWN || b === UNKNOWN) return 'maybe';
  if (a.length !== b.length) return false;
  let result: Tri = true;
  for (let i = 0; i < a.length; i++) {
    result = triAnd(result, dimCompatible(a[i], b[i]));
    if (result === false) return false;
  }
  return result;
}

/** TF's `TensorShape.merge_with` for concrete shapes; raises TF's ValueError when incompatible. */
export function mergeShapes(a: Shape, b: Shape): Shape {
  if (a === null) return b;
  if (b === null) return a;
  if (a.length !== b.length || !shapesCompatible(a, b)) {
    raise(
      ERROR_CODES.shapeArgs,
      'ValueError',
      `Shapes ${formatShape(a)} and ${formatShape(b)} are not compatible`,
    );
  }
  return a.map((d, i) => (d === null ? b[i] : d));
}

/** `str(TensorShape)` in TF 1.x: `<unknown>`, `()`, `(5,)`, `(2, ?)`. */
export function formatShape(shape: AbstractShape): string {
  if (shape === UNKNOWN) return '<not known statically>';
  if (shape === null) return '<unknown>';
  const dims = shape.map(formatDim);
  if (dims.length === 1) return `(${dims[0]},)`;
  return `(${dims.join(', ')})`;
}

function formatDim(d: AbstractDim): string {
  if (d === null) return '?';
  if (d === UNKNOWN) return '{?}';
  return String(d);
}

/** `TensorShape.as_list()` printed as Python does: `[3, None]`. */
export function formatShapeList(shape: readonly Dim[]): string {
  return `[${shape.map((d) => (d === null ? 'None' : String(d))).join(', ')}]`;
}

/** Number of elements of a fully defined shape. */
export function numElements(shape: readonly number[]): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** True when two concrete dimension lists are equal element by element. */
export function sameDims(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
