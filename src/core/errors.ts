/**
 * The errors TensorFlow 1.15 raises about variables and scopes, as typed values.
 *
 * Every rule in src/core reports a failure as an `ErrorInfo`: a stable `code` (never reused,
 * listed in `ERROR_CODES`), the Python exception class TF raises, and TF's exact message. The
 * static analyzer keeps these as values (a predicted outcome); the runtime throws them as
 * exceptions (`ValueError` / `TypeError` below), so both report the same words.
 */

/** The Python exception class TensorFlow raises. */
export type PyErrorClass = 'ValueError' | 'TypeError' | 'NotImplementedError';

/** Where a variable was created: a file position for the analyzer, a stack frame at runtime. */
export interface SourceLocation {
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** 1-based; 0 when unknown. */
  readonly column: number;
}

/**
 * Stable error codes. The comment after each is the first words of TF's message.
 * Codes are part of the public API (they reach users through diagnostics and `error.code`).
 */
export const ERROR_CODES = {
  variableExists: 'TF-VAR-EXISTS', // Variable X already exists, disallowed.
  variableMissing: 'TF-VAR-MISSING', // Variable X does not exist, or was not created with tf.get_variable().
  shapeMismatch: 'TF-SHAPE-MISMATCH', // Trying to share variable X, but specified shape ...
  dtypeMismatch: 'TF-DTYPE-MISMATCH', // Trying to share variable X, but specified dtype ...
  initializerInvalid: 'TF-INIT-INVALID', // The initializer passed is not valid. ...
  constantWithShape: 'TF-INIT-CONST-SHAPE', // If initializer is a constant, do not specify shape.
  initializerDtype: 'TF-INIT-DTYPE', // Initializer type '...' and explicit dtype '...' don't match.
  initializerRequired: 'TF-INIT-REQUIRED', // An initializer for variable X of <dtype> is required
  customGetterNotCallable: 'TF-GETTER-NOT-CALLABLE', // Passed a custom_getter which is not callable
  customGetterRaised: 'TF-GETTER-RAISED', // the program's custom getter raised (Python's message)
  partitionedExists: 'TF-PART-EXISTS', // Partitioned variable with name X already exists.
  partitionedMissing: 'TF-PART-MISSING', // PartitionedVariable X does not exist, ...
  partitionedShapeMismatch: 'TF-PART-SHAPE', // Trying to reuse partitioned variable X, but specified shape
  partitionedDtypeMismatch: 'TF-PART-DTYPE', // ... specified dtype ...
  partitionsMismatch: 'TF-PART-PARTITIONS', // ... specified partitions ...
  partitionedVsSingle: 'TF-PART-VS-SINGLE', // No partitioner was provided, but a partitioned version ...
  singleVsPartitioned: 'TF-SINGLE-VS-PART', // A partitioner was provided, but an unpartitioned version ...
  partitionerInvalid: 'TF-PARTITIONER', // Partitioner must be callable / returned ... / shape of a new partitioned variable ...
  scopeArgs: 'TF-SCOPE-ARGS', // variable_scope / name_scope argument validation
  invalidName: 'TF-INVALID-NAME', // 'x' is not a valid scope name
  templateExtraVariable: 'TF-TEMPLATE-EXTRA-VAR', // Trainable variable created when calling a template ...
  collectionArgs: 'TF-COLLECTION', // bad collection arguments
  initializerArgs: 'TF-INIT-ARGS', // bad initializer / regularizer / partitioner arguments
  shapeArgs: 'TF-SHAPE-ARGS', // a shape that cannot be converted
  unsupported: 'SL-UNSUPPORTED', // Scope Lens does not implement this part of TF
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

/** A TensorFlow error as a value. */
export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly pyClass: PyErrorClass;
  /** TF's whole message; its first line is TF's first line exactly. */
  readonly message: string;
  /** For "already exists": where the clashing variable was created. */
  readonly originallyDefinedAt?: SourceLocation;
}

export function errorInfo(
  code: ErrorCode,
  pyClass: PyErrorClass,
  message: string,
  originallyDefinedAt?: SourceLocation,
): ErrorInfo {
  return originallyDefinedAt
    ? { code, pyClass, message, originallyDefinedAt }
    : { code, pyClass, message };
}

/** The first line of a message, which is what tests and diagnostics compare. */
export function firstLine(message: string): string {
  const nl = message.indexOf('\n');
  return nl < 0 ? message : message.slice(0, nl);
}

/** Base class of every error Scope Lens throws on TF's behalf. */
export class ScopeLensError extends Error {
  readonly code: ErrorCode;
  readonly info: ErrorInfo;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.code = info.code;
    this.info = info;
  }
}

/** Python's `ValueError`, as TensorFlow raises it. */
export class ValueError extends ScopeLensError {
  override readonly name = 'ValueError';
}

/** Python's `TypeError`, as TensorFlow raises it. (Shadows the JS global inside importers.) */
export class TypeError extends ScopeLensError {
  override readonly name = 'TypeError';
}

/** A part of TF's API that Scope Lens does not implement; never a silent wrong result. */
export class NotImplementedError extends ScopeLensError {
  override readonly name = 'NotImplementedError';
}

/** Turns an error value into the exception the runtime throws. */
export function toException(info: ErrorInfo): ScopeLensError {
  switch (info.pyClass) {
    case 'ValueError':
      return new ValueError(info);
    case 'TypeError':
      return new TypeError(info);
    case 'NotImplementedError':
      return new NotImplementedError(info);
  }
}

/** Shorthand used by the state machines: throw TF's error. */
export function raise(code: ErrorCode, pyClass: PyErrorClass, message: string): never {
  throw toException(errorInfo(code, pyClass, message));
}
