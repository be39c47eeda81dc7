/**
 * Three-valued logic for rules evaluated over partly unknown inputs.
 *
 * The runtime always has concrete inputs, so every rule answers `true` or `false`; the static
 * analyzer may not know a dimension or a name segment, and then a rule answers `'maybe'`. Rules
 * never guess: `'maybe'` is how "not known statically" flows out of the core.
 */
export type Tri = boolean | 'maybe';

export function triAnd(a: Tri, b: Tri): Tri {
  if (a === false || b === false) return false;
  if (a === true && b === true) return true;
  return 'maybe';
}

export function triOr(a: Tri, b: Tri): Tri {
  if (a === true || b === true) return true;
  if (a === false && b === false) return false;
  return 'maybe';
}

export function triNot(a: Tri): Tri {
  return a === 'maybe' ? 'maybe' : !a;
}
