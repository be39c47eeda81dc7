/**
 * Reuse modes and how they combine when scopes nest (TF 1.15 `variable_scope.py`).
 *
 * A scope's stored reuse is `false`, `true` or `AUTO_REUSE`. The argument a user passes may also
 * be `null`/`undefined` ("inherit"); `false` is folded into "inherit" because TF does not allow a
 * nested scope to switch reuse off.
 */
import { ERROR_CODES, errorInfo, ErrorInfo } from './errors';

/** TF's `tf.AUTO_REUSE` (`_ReuseMode.AUTO_REUSE`): create when missing, reuse when present. */
export const AUTO_REUSE: { readonly kind: 'AUTO_REUSE'; toString(): string } = Object.freeze({
  kind: 'AUTO_REUSE' as const,
  toString: () => '_ReuseMode.AUTO_REUSE',
});
export type AutoReuse = typeof AUTO_REUSE;

/** What a scope holds. */
export type Reuse = boolean | AutoReuse;
/** What a user may pass to `variable_scope(reuse=...)`. */
export type ReuseArg = boolean | AutoReuse | null | undefined;

/** Python truthiness of a reuse value (`AUTO_REUSE` is truthy). */
export function reuseTruthy(r: ReuseArg): boolean {
  return r === true || r === AUTO_REUSE;
}

/**
 * `variable_scope.__init__`: `False` means "inherit"; anything but True/None/AUTO_REUSE is an
 * error. Returns the normalised argument or TF's error.
 */
export function normalizeReuseArg(reuse: unknown): ReuseArg | ErrorInfo {
  if (reuse === false || reuse === null || reuse === undefined) return null;
  if (reuse === true) return true;
  if (reuse === AUTO_REUSE) return AUTO_REUSE;
  return errorInfo(
    ERROR_CODES.scopeArgs,
    'ValueError',
    'The reuse parameter must be True or False or None.',
  );
}

/**
 * Entering by name (`_pure_variable_scope.__enter__`): `reuse or parent.reuse`. Once a parent
 * reuses, a child cannot stop; a child's AUTO_REUSE relaxes a parent's `True`; a child's `True`
 * tightens a parent's AUTO_REUSE.
 */
export function reuseForNamedScope(requested: ReuseArg, parent: Reuse): Reuse {
  return reuseTruthy(requested) ? (requested as Reuse) : parent;
}

/**
 * Entering by scope object (`_pure_variable_scope.__init__`):
 * `captured.reuse if not reuse else reuse`. The enclosing scope is not consulted.
 */
export function reuseForScopeObject(requested: ReuseArg, captured: Reuse): Reuse {
  return reuseTruthy(requested) ? (requested as Reuse) : captured;
}

/** Python spelling of a reuse value, for messages and hovers. */
export function formatReuse(r: ReuseArg): string {
  if (r === AUTO_REUSE) return 'tf.AUTO_REUSE';
  if (r === null || r === undefined) return 'None';
  return r ? 'True' : 'False';
}
