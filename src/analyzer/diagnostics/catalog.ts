/**
 * The catalog of analyzer diagnostics that are not TensorFlow errors: code that TF accepts but
 * that does not do what it looks like. Each entry has a stable code (never reused), a default
 * severity, a message template and a documentation line. TF's own errors keep TF's codes
 * (`TF-VAR-EXISTS`, ... in src/core/errors.ts) and TF's messages.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CatalogEntry {
  readonly code: string;
  readonly severity: Severity;
  /** The message, from the entry's named holes. */
  readonly message: (holes: Record<string, string>) => string;
  /** One paragraph for the documentation page of the code. */
  readonly doc: string;
}

export const CATALOG = {
  reuseFalseNoEffect: {
    code: 'SL-REUSE-FALSE-IGNORED',
    severity: 'warning',
    message: (h) =>
      `reuse=False has no effect here: scope '${h.scope}' inherits reuse=${h.reuse} from its parent`,
    doc: 'A scope entered by name inherits its parent\'s reuse; TF treats reuse=False as "inherit", so a nested reuse=False cannot switch reuse off.',
  },
  rootReuseLeak: {
    code: 'SL-ROOT-REUSE',
    severity: 'warning',
    message: () =>
      'reuse_variables() on the root scope makes every later get_variable reuse, for the whole graph (an optimizer created later fails with "does not exist")',
    doc: 'The root variable scope lives as long as the graph; calling reuse_variables() on it cannot be undone.',
  },
  variableUnderReuse: {
    code: 'SL-VARIABLE-UNDER-REUSE',
    severity: 'warning',
    message: (h) =>
      `tf.Variable ignores reuse: this creates a new variable in '${h.scope}' instead of sharing one; use tf.get_variable`,
    doc: 'Only tf.get_variable consults the variable store; tf.Variable always creates a new variable.',
  },
  nameScopeIgnored: {
    code: 'SL-NAME-SCOPE-IGNORED',
    severity: 'information',
    message: (h) =>
      `tf.get_variable ignores tf.name_scope('${h.nameScope}'): the variable is '${h.name}', not '${h.nameScope}/${h.short}'`,
    doc: 'Variable names depend on variable scopes only; name scopes prefix ops (and tf.Variable).',
  },
  scopeAsDefaultName: {
    code: 'SL-SCOPE-AS-DEFAULT-NAME',
    severity: 'warning',
    message: () =>
      'the second argument of variable_scope is default_name, not a scope; it is ignored when a name is given',
    doc: 'variable_scope(name_or_scope, default_name=None, values=None, ...): a VariableScope passed second is taken as default_name.',
  },
  noneDimension: {
    code: 'SL-NONE-DIMENSION',
    severity: 'information',
    message: (h) =>
      `the shape ${h.shape} has a None dimension: a new variable's shape must be fully defined (None is only for placeholders and for sharing an existing variable)`,
    doc: 'tf.get_variable creates a variable of one fixed shape; with a None dimension TF cannot call the initializer and raises "The initializer passed is not valid".',
  },
  tf2TopLevel: {
    code: 'SL-TF2-API',
    severity: 'hint',
    message: (h) =>
      `tf.${h.name} exists only in TensorFlow 1.x; under TensorFlow 2 use tf.compat.v1.${h.name} (import tensorflow.compat.v1 as tf)`,
    doc: 'TensorFlow 2 removed tf.variable_scope, tf.get_variable and the other graph-mode names from the top-level module; they live on in tf.compat.v1.',
  },
  checkpointMissing: {
    code: 'SL-CKPT-MISSING',
    severity: 'warning',
    message: (h) =>
      `${h.name} is not in the checkpoint ${h.checkpoint}${h.closest ? `; the closest key is ${h.closest}` : ''}: restoring it would fail with "Key ${h.name} not found in checkpoint"`,
    doc: 'With a checkpoint selected (scopeLens.checkpoint or Compare with Checkpoint…), every variable the code creates is looked up among its keys; one that is missing would fail tf.train.Saver.restore.',
  },
  checkpointMismatch: {
    code: 'SL-CKPT-MISMATCH',
    severity: 'error',
    message: (h) =>
      `the checkpoint ${h.checkpoint} stores ${h.key} as ${h.stored}; the code creates ${h.code}: restoring it would fail`,
    doc: 'The checkpoint has the variable, but with another shape or dtype; tf.train.Saver.restore raises for it.',
  },
} satisfies Record<string, CatalogEntry>;

export type CatalogKey = keyof typeof CATALOG;

/** Every code of the catalog, for documentation and settings. */
export function catalogCodes(): string[] {
  return Object.values(CATALOG).map((e) => e.code);
}
