/**
 * The catalog of analyzer diagnostics that are not TensorFlow errors: code that TF accepts but
 * that does not do what it looks like. Each entry has a stable code (never reused), a default
 * severity, a message template and a documentation line. TF's own errors keep TF's codes
 * (`TF-VAR-EXISTS`, ... in src/core/errors.ts) and TF's messages.
 *
 * Default severities answer one question: would a TF1 user want to see this in every file
 * where it happens? Each entry says why in `severityWhy` (docs/diagnostics.md shows it). An
 * error is code Python or TensorFlow refuses; a warning, code that runs but very likely not as
 * meant; information, a fact about names that is worth knowing once but is often intended;
 * a hint (shown faintly in the editor, not in the Problems list or the CLI's text), advice
 * about the environment rather than the code.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface CatalogEntry {
  readonly code: string;
  readonly severity: Severity;
  /** The message, from the entry's named holes. */
  readonly message: (holes: Record<string, string>) => string;
  /** One paragraph for the documentation page of the code. */
  readonly doc: string;
  /** Why the default severity is what it is (for the documentation page). */
  readonly severityWhy: string;
}

export const CATALOG = {
  reuseFalseNoEffect: {
    code: 'SL-REUSE-FALSE-IGNORED',
    severity: 'warning',
    message: (h) =>
      `reuse=False has no effect here: scope '${h.scope}' inherits reuse=${h.reuse} from its parent`,
    doc: 'A scope entered by name inherits its parent\'s reuse; TF treats reuse=False as "inherit", so a nested reuse=False cannot switch reuse off.',
    severityWhy:
      'the code says one thing and TF does another; the nested scope shares variables the author meant to keep apart.',
  },
  rootReuseLeak: {
    code: 'SL-ROOT-REUSE',
    severity: 'warning',
    message: () =>
      'reuse_variables() on the root scope makes every later get_variable reuse, for the whole graph (an optimizer created later fails with "does not exist")',
    doc: 'The root variable scope lives as long as the graph; calling reuse_variables() on it cannot be undone.',
    severityWhy:
      'it breaks code far from the call (an optimizer built later raises), so it must be seen where it is made.',
  },
  variableUnderReuse: {
    code: 'SL-VARIABLE-UNDER-REUSE',
    severity: 'warning',
    message: (h) =>
      `tf.Variable ignores reuse: this creates a new variable in '${h.scope}' instead of sharing one; use tf.get_variable`,
    doc: 'Only tf.get_variable consults the variable store; tf.Variable always creates a new variable.',
    severityWhy:
      'under a reusing scope the author means to share, and tf.Variable silently does not.',
  },
  libraryVariableUnderReuse: {
    code: 'SL-LIBRARY-VARIABLE-UNDER-REUSE',
    severity: 'warning',
    message: (h) =>
      `${h.callee} makes its variables with tf.Variable, which ignores reuse: this creates new variables in '${h.scope}' instead of sharing them`,
    doc: "Library code that makes its variables with tf.Variable ignores a reusing variable scope: a tf.keras layer's weights (named by the name scope of its first call), an optimizer's non-slot variables (Adam's beta1_power). Only tf.get_variable consults the variable store.",
    severityWhy:
      'under a reusing scope the author means to share, and these variables are silently created again.',
  },
  nameScopeIgnored: {
    code: 'SL-NAME-SCOPE-IGNORED',
    severity: 'information',
    message: (h) =>
      `tf.get_variable ignores tf.name_scope('${h.nameScope}'): the variable is '${h.name}', not '${h.nameScope}/${h.short}'`,
    doc: 'Variable names depend on variable scopes only; name scopes prefix ops (and tf.Variable).',
    severityWhy:
      'the name is not what the code seems to say, but a name_scope around layers is also a common, deliberate pattern; it is worth seeing without crowding the Problems list as a warning would.',
  },
  scopeAsDefaultName: {
    code: 'SL-SCOPE-AS-DEFAULT-NAME',
    severity: 'warning',
    message: () =>
      'the second argument of variable_scope is default_name, not a scope; it is ignored when a name is given',
    doc: 'variable_scope(name_or_scope, default_name=None, values=None, ...): a VariableScope passed second is taken as default_name.',
    severityWhy: 'the scope object is silently ignored: almost always a mistake.',
  },
  noneDimension: {
    code: 'SL-NONE-DIMENSION',
    severity: 'information',
    message: (h) =>
      `the shape ${h.shape} has a None dimension: a new variable's shape must be fully defined (None is only for placeholders and for sharing an existing variable)`,
    doc: 'tf.get_variable creates a variable of one fixed shape; with a None dimension TF cannot call the initializer and raises "The initializer passed is not valid".',
    severityWhy:
      'it explains the TF-INIT-INVALID error reported at the same call, which already carries the severity; two errors for one mistake would be one too many.',
  },
  tf2TopLevel: {
    code: 'SL-TF2-API',
    severity: 'hint',
    message: (h) =>
      `this file uses TensorFlow 1.x APIs (tf.${h.name}, ...): under TensorFlow 2 they exist only as tf.compat.v1.${h.name}; import tensorflow.compat.v1 as tf to run it there`,
    doc: 'TensorFlow 2 removed tf.variable_scope, tf.get_variable and the other graph-mode names from the top-level module; they live on in tf.compat.v1. The hint is shown once per file, on `import tensorflow as tf`, and its code action rewrites that import to `import tensorflow.compat.v1 as tf`, adding `tf.disable_v2_behavior()` after the imports when the file uses what needs graph mode (placeholders, sessions, variable scopes and get_variable, reuse, initializers run by a session) and does not call it already.',
    severityWhy:
      'under TensorFlow 1.x the code is right; the hint is about which TensorFlow runs it, once per file on its import, and never in the Problems list.',
  },
  syntax: {
    code: 'SL-SYNTAX',
    severity: 'error',
    message: (h) => h.message,
    doc: "A syntax error: Python (or TypeScript) would refuse to run the file. Scope Lens's parsers recover from it and the analysis goes on with the code around it, so the file's other diagnostics still show; what the broken statement would have done is not analysed. Python's parser (lezer) rejects a few valid constructs (floats such as `1.`, a bare `yield`, `with ... as (a, b)`, Python 3.9 decorators, ...); those are never reported (src/analyzer/python/syntax-errors.ts lists each).",
    severityWhy:
      'Python (or the TypeScript compiler) refuses the file; nothing after the error runs as written.',
  },
  checkpointMissing: {
    code: 'SL-CKPT-MISSING',
    severity: 'warning',
    message: (h) =>
      `${h.name} is not in the checkpoint ${h.checkpoint}${h.closest ? `; the closest key is ${h.closest}` : ''}: restoring it would fail with "Key ${h.name} not found in checkpoint"`,
    doc: 'With a checkpoint selected (scopeLens.checkpoint or Compare with Checkpoint…), every variable the code creates is looked up among its keys; one that is missing would fail tf.train.Saver.restore.',
    severityWhy:
      'only with a checkpoint chosen; restoring would fail, but a variable deliberately left out of the checkpoint (a new head) is common.',
  },
  checkpointMismatch: {
    code: 'SL-CKPT-MISMATCH',
    severity: 'error',
    message: (h) =>
      `the checkpoint ${h.checkpoint} stores ${h.key} as ${h.stored}; the code creates ${h.code}: restoring it would fail`,
    doc: 'The checkpoint has the variable, but with another shape or dtype; tf.train.Saver.restore raises for it.',
    severityWhy: 'only with a checkpoint chosen; restoring fails for certain.',
  },
} satisfies Record<string, CatalogEntry>;

export type CatalogKey = keyof typeof CATALOG;

/** Every code of the catalog, for documentation and settings. */
export function catalogCodes(): string[] {
  return Object.values(CATALOG).map((e) => e.code);
}
