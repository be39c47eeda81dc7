/**
 * The variable store: TF 1.15's `_VariableStore` (`get_variable`, `_true_getter`,
 * `_get_partitioned_variable`, `_get_single_variable`) and `VariableScope.get_variable`.
 *
 * The store decides: create, return the existing variable, or raise with TF's message. It never
 * builds a tensor. Everything that needs one (creating the variable, calling a custom getter or a
 * regularizer, slicing an initial value) is delegated to `StoreHooks`, which the runtime engine
 * implements with TensorFlow.js and the static analyzer with abstract values. The decision for a
 * single variable is also exposed as the pure function `decideExisting`, which works on partly
 * unknown shapes and returns every possible outcome.
 *
 * Keys are full variable names (`scope/name`) and are case-sensitive. They are not op names:
 * the variable created under key `foo/v` may be called `foo/v_1:0` (see names.ts).
 */
import { DType } from './dtypes';
import { ERROR_CODES, ErrorInfo, errorInfo, raise, SourceLocation, toException } from './errors';
import { Reuse } from './reuse';
import {
  AbstractShape,
  formatShape,
  isFullyDefined,
  mergeShapes,
  Shape,
  shapesCompatible,
} from './shape';
import { callPartitioner, iterSlices, sliceDimAndCount } from './partitioners';
import { ScopeSlots, VariableScope } from './variable-scope';
import { joinScopeName } from './names';

/** What the store needs to know about a variable it holds. */
export interface StoredVariable {
  readonly shape: Shape;
  readonly dtype: DType;
  /** ResourceVariables report no traceback in the "already exists" error. */
  readonly isResource: boolean;
  /** The Python-style traceback text TF appends after "Originally defined at:". */
  readonly traceback?: string;
  readonly definedAt?: SourceLocation;
}

export interface StoredPartitioned {
  readonly shape: Shape;
  readonly dtype: DType;
  readonly partitions: readonly number[];
}

/** How TF sees an `initializer` argument (`callable(...)`, `isinstance(..., Tensor)`, argspec). */
export type InitializerInfo =
  | { readonly kind: 'none' }
  /** Not callable: a Tensor (`isTensor`) or a Python value. Its dtype and shape are known. */
  | {
      readonly kind: 'value';
      readonly dtype: DType;
      readonly shape: Shape;
      readonly isTensor: boolean;
    }
  /** Callable; `acceptsNoArgs` when every parameter has a default (a zero-argument lambda). */
  | { readonly kind: 'callable'; readonly acceptsNoArgs: boolean };

/** How the store will produce the initial value of a variable it creates. */
export type InitMode =
  /** `initializer(shape, dtype=dtype, partition_info=...)`. */
  | 'shape'
  /** `initializer()` (a zero-argument callable; shape comes from its value). */
  | 'no-args'
  /** The initializer is the value itself. */
  | 'value';

/** One `get_variable` request, after the scope's defaults were applied. */
export interface StoreRequest<S extends ScopeSlots> {
  /** Full name (store key). */
  name: string;
  /** `undefined` when the caller passed no shape (TF's `shape=None`). */
  shape: Shape | undefined;
  dtype: DType;
  initializer: S['initializer'] | null;
  regularizer: S['regularizer'] | null;
  reuse: Reuse;
  trainable: boolean | null;
  collections: readonly string[] | null;
  cachingDevice: S['cachingDevice'] | null;
  partitioner: S['partitioner'] | null;
  validateShape: boolean;
  useResource: boolean | null;
  customGetter: S['customGetter'] | null;
  constraint: S['constraint'] | null;
}

export interface PartitionInfo {
  readonly fullShape: readonly number[];
  readonly varOffset: readonly number[];
}

/** What `StoreHooks.createVariable` receives. */
export interface CreateSpec<S extends ScopeSlots> {
  name: string;
  /** The declared shape (may be unknown for 'no-args' and 'value'). */
  shape: Shape;
  /** The dtype asked for; the variable's dtype is the value's for 'no-args'/'value'. */
  dtype: DType;
  initializer: S['initializer'];
  initMode: InitMode;
  partitionInfo: PartitionInfo | null;
  trainable: boolean;
  collections: readonly string[] | null;
  validateShape: boolean;
  useResource: boolean;
  cachingDevice: S['cachingDevice'] | null;
  constraint: S['constraint'] | null;
}

/** The runtime-specific half of the store. */
export interface StoreHooks<
  S extends ScopeSlots,
  V extends StoredVariable,
  P extends StoredPartitioned,
> {
  classifyInitializer(init: S['initializer'] | null): InitializerInfo;
  /** TF's `_get_default_initializer` choices. */
  defaultInitializer(kind: 'glorot_uniform' | 'zeros'): S['initializer'];
  isCallable(x: unknown): boolean;
  /** `str(x)` as Python would print it, for messages. */
  repr(x: unknown): string;
  createVariable(spec: CreateSpec<S>): V;
  /** Runs a regularizer on a new variable and records a non-None loss. */
  applyRegularizer(variable: V, regularizer: S['regularizer'], name: string): void;
  /** Calls `getter(trueGetter, request)` the runtime's way. */
  callCustomGetter(
    getter: S['customGetter'],
    trueGetter: (req: StoreRequest<S>) => V | P,
    req: StoreRequest<S>,
  ): V | P;
  /** Calls a partitioner; returns its partition list. */
  partition(partitioner: S['partitioner'], shape: readonly number[], dtype: DType): number[];
  /** `array_ops.slice(value, offset, shape)` of a value initializer, as a new value initializer. */
  sliceValue(
    init: S['initializer'],
    dtype: DType,
    offset: readonly number[],
    shape: readonly number[],
  ): S['initializer'];
  createPartitioned(
    name: string,
    shape: readonly number[],
    dtype: DType,
    parts: V[],
    partitions: readonly number[],
  ): P;
  /**
   * Runs `fn(arg)` with the name scope reset to the root (`ops.name_scope(None)`). The argument
   * is passed through so that the hot path (`get_variable`) allocates no closure per call.
   */
  atRootNameScope<A, T>(fn: (arg: A) => T, arg: A): T;
}

/** The possible results of asking for an existing variable (see `decideExisting`). */
export type ExistingOutcome = { kind: 'reuse' } | { kind: 'raise'; error: ErrorInfo };

/**
 * What TF does when `get_variable` finds `name` already in the store (`_get_single_variable`):
 * raise "already exists" unless reusing, then check shape and dtype. With partly unknown shapes
 * (the analyzer) several outcomes are possible; each is returned. With concrete inputs exactly one.
 */
export function decideExisting(
  name: string,
  reuse: Reuse,
  shape: AbstractShape,
  dtype: DType,
  found: {
    shape: AbstractShape;
    dtype: DType;
    isResource: boolean;
    traceback?: string;
    definedAt?: SourceLocation;
  },
): ExistingOutcome[] {
  if (reuse === false) {
    return [{ kind: 'raise', error: alreadyExists(name, found) }];
  }
  const outcomes: ExistingOutcome[] = [];
  const compatible = shapesCompatible(shape, found.shape);
  if (compatible !== true) {
    outcomes.push({
      kind: 'raise',
      error: errorInfo(
        ERROR_CODES.shapeMismatch,
        'ValueError',
        `Trying to share variable ${name}, but specified shape ${formatShape(shape)} and found shape ${formatShape(found.shape)}.`,
      ),
    });
    if (compatible === false) return outcomes;
  }
  if (!dtype.isCompatibleWith(found.dtype)) {
    outcomes.push({
      kind: 'raise',
      error: errorInfo(
        ERROR_CODES.dtypeMismatch,
        'ValueError',
        `Trying to share variable ${name}, but specified dtype ${dtype.name} and found dtype ${found.dtype.name}.`,
      ),
    });
    return outcomes;
  }
  outcomes.push({ kind: 'reuse' });
  return outcomes;
}

const EXISTS_HINT = 'Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope?';

/** "Variable X already exists, disallowed." — with TF's traceback tail for RefVariables. */
export function alreadyExists(
  name: string,
  found: { isResource: boolean; traceback?: string; definedAt?: SourceLocation },
): ErrorInfo {
  const base = `Variable ${name} already exists, disallowed. ${EXISTS_HINT}`;
  const message = found.isResource
    ? base
    : `${base} Originally defined at:\n\n${found.traceback ?? ''}`;
  return errorInfo(ERROR_CODES.variableExists, 'ValueError', message, found.definedAt);
}

/** "Variable X does not exist, or was not created with tf.get_variable()." */
export function doesNotExist(name: string): ErrorInfo {
  return errorInfo(
    ERROR_CODES.variableMissing,
    'ValueError',
    `Variable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=tf.AUTO_REUSE in VarScope?`,
  );
}

export const INVALID_INITIALIZER_MESSAGE =
  "The initializer passed is not valid. It should be a callable with no arguments and the shape should not be provided or an instance of `tf.keras.initializers.*' and `shape` should be fully defined.";

/**
 * How a new variable gets its initial value, or TF's error (`_get_single_variable`, after the
 * default initializer was chosen). `shape` undefined means "not given".
 */
export function decideInitMode(
  info: InitializerInfo,
  shape: AbstractShape | undefined,
): InitMode | ErrorInfo {
  if (info.kind === 'value') return 'value';
  // A shape that may be fully defined (unknown to the analyzer) is assumed to be.
  if (shape !== undefined && isFullyDefined(shape) !== false) return 'shape';
  if (info.kind === 'callable' && info.acceptsNoArgs) return 'no-args';
  return errorInfo(ERROR_CODES.initializerInvalid, 'ValueError', INVALID_INITIALIZER_MESSAGE);
}

/** TF's `_get_default_initializer`: glorot for floats, zeros for int/bool/string, else an error. */
export function defaultInitializerKind(
  name: string,
  dtype: DType,
): 'glorot_uniform' | 'zeros' | ErrorInfo {
  if (dtype.isFloating) return 'glorot_uniform';
  if (dtype.isInteger || dtype.isBool || dtype.baseDType.name === 'string') return 'zeros';
  return errorInfo(
    ERROR_CODES.initializerRequired,
    'ValueError',
    `An initializer for variable ${name} of ${dtype.baseDType.toString()} is required`,
  );
}

/** Python's `str(list)` of ints: `[2, 1, 1]`. */
function pyList(xs: readonly number[]): string {
  return `[${xs.join(', ')}]`;
}

/** TF's default initializers are initializer objects: callable, needing a shape. */
const DEFAULT_INITIALIZER_INFO: InitializerInfo = { kind: 'callable', acceptsNoArgs: false };

/** One graph's variable store. `V` and `P` are the runtime's variable types. */
export class VariableStore<
  S extends ScopeSlots,
  V extends StoredVariable,
  P extends StoredPartitioned,
> {
  readonly vars = new Map<string, V>();
  readonly partitionedVars = new Map<string, P>();
  /** Whether any `name/part_N` variable was ever made (saves a lookup per `get_variable`). */
  private partsCreated = false;

  constructor(readonly hooks: StoreHooks<S, V, P>) {}

  /** `getVariable` as a function made once, for `atRootNameScope` (no closure per call). */
  readonly getVariableFn = (req: StoreRequest<S>): V | P => this.getVariable(req);
  // Made once for the same reason: an arrow function using `this` inside a method makes V8
  // allocate a context for the method's receiver on every call, even when the arrow is not made.
  private readonly trueGetterFn = (req: StoreRequest<S>): V | P => this.trueGetter(req);
  private readonly getPartitionedFn = (req: StoreRequest<S>): P => this.getPartitioned(req);

  /** `_VariableStore.get_variable`. */
  getVariable(req: StoreRequest<S>): V | P {
    const hooks = this.hooks;
    if (req.customGetter != null && !hooks.isCallable(req.customGetter)) {
      raise(
        ERROR_CODES.customGetterNotCallable,
        'ValueError',
        `Passed a custom_getter which is not callable: ${hooks.repr(req.customGetter)}`,
      );
    }
    // validate_synchronization_aggregation_trainable: trainable defaults to True.
    const full: StoreRequest<S> = req.trainable === null ? { ...req, trainable: true } : req;
    if (full.customGetter != null) {
      return hooks.callCustomGetter(full.customGetter, this.trueGetterFn, full);
    }
    return this.trueGetter(full);
  }

  /** `_true_getter`: partitioned or single. */
  trueGetter(req: StoreRequest<S>): V | P {
    const isScalar = req.shape !== undefined && req.shape !== null && req.shape.length === 0;
    if (req.partitioner != null && !isScalar) {
      if (!this.hooks.isCallable(req.partitioner)) {
        raise(
          ERROR_CODES.partitionerInvalid,
          'ValueError',
          `Partitioner must be callable, but received: ${this.hooks.repr(req.partitioner)}`,
        );
      }
      return this.hooks.atRootNameScope(this.getPartitionedFn, req);
    }
    if (req.reuse === true && req.partitioner == null && this.partitionedVars.has(req.name)) {
      return this.getPartitioned({ ...req, partitioner: null });
    }
    if (this.partsCreated && this.vars.has(`${req.name}/part_0`)) {
      raise(
        ERROR_CODES.partitionedVsSingle,
        'ValueError',
        `No partitioner was provided, but a partitioned version of the variable was found: ${req.name}/part_0. Perhaps a variable of the same name was already created with partitioning?`,
      );
    }
    return this.getSingle(req, null);
  }

  /** `_get_single_variable`. */
  getSingle(req: StoreRequest<S>, partitionInfo: PartitionInfo | null): V {
    const hooks = this.hooks;
    const { name, dtype, reuse } = req;
    let info = hooks.classifyInitializer(req.initializer);
    if (req.shape !== undefined && info.kind === 'value') {
      raise(
        ERROR_CODES.constantWithShape,
        'ValueError',
        'If initializer is a constant, do not specify shape.',
      );
    }
    const shape: Shape = req.shape === undefined ? null : req.shape;

    const found = this.vars.get(name);
    if (found !== undefined) {
      // With partly unknown inputs (the analyzer) the last outcome is the benign one: the store
      // assumes it rather than report a mismatch that may not exist. Concrete inputs give one.
      const outcomes = decideExisting(name, reuse, shape, dtype, found);
      const outcome = outcomes[outcomes.length - 1];
      if (outcome.kind === 'raise') throw toException(outcome.error);
      return found;
    }
    if (reuse === true) throw toException(doesNotExist(name));

    let initializer = req.initializer;
    if (initializer == null) {
      const kind = defaultInitializerKind(name, dtype);
      if (typeof kind !== 'string') throw toException(kind);
      initializer = hooks.defaultInitializer(kind);
      info = DEFAULT_INITIALIZER_INFO;
    }
    const mode = decideInitMode(info, shape ?? undefined);
    if (typeof mode !== 'string') throw toException(mode);

    const variable = hooks.createVariable({
      name,
      shape,
      dtype,
      initializer: initializer as S['initializer'],
      initMode: mode,
      partitionInfo,
      trainable: req.trainable ?? true,
      collections: req.collections,
      validateShape: req.validateShape,
      useResource: req.useResource ?? false,
      cachingDevice: req.cachingDevice,
      constraint: req.constraint,
    });
    this.vars.set(name, variable);
    if (req.regularizer != null && req.regularizer !== false) {
      hooks.applyRegularizer(variable, req.regularizer, name);
    }
    return variable;
  }

  /** `_get_partitioned_variable`. */
  getPartitioned(req: StoreRequest<S>): P {
    const hooks = this.hooks;
    const { name, reuse } = req;
    let dtype = req.dtype;
    const info = hooks.classifyInitializer(req.initializer);
    const fromTensor = info.kind === 'value' && info.isTensor;
    if (this.vars.has(name)) {
      raise(
        ERROR_CODES.singleVsPartitioned,
        'ValueError',
        `A partitioner was provided, but an unpartitioned version of the variable was found: ${name}.  Perhaps a variable of the same name was already created without partitioning?`,
      );
    }
    let shape: Shape = req.shape === undefined ? null : req.shape;
    if (fromTensor) shape = mergeShapes(shape, info.shape);

    let partitions: number[] | null = null;
    if (reuse === false || req.partitioner != null) {
      partitions = callPartitioner(
        (s: readonly number[], d: DType) => hooks.partition(req.partitioner, s, d),
        shape,
        dtype,
      );
    }

    const existing = this.partitionedVars.get(name);
    if (existing !== undefined) {
      if (reuse === false) {
        raise(
          ERROR_CODES.partitionedExists,
          'ValueError',
          `Partitioned variable with name ${name} already exists. ${EXISTS_HINT}`,
        );
      }
      if (!shapesCompatible(shape, existing.shape)) {
        raise(
          ERROR_CODES.partitionedShapeMismatch,
          'ValueError',
          `Trying to reuse partitioned variable ${name}, but specified shape ${formatShape(shape)} and found shape ${formatShape(existing.shape)}.`,
        );
      }
      if (!dtype.isCompatibleWith(existing.dtype)) {
        raise(
          ERROR_CODES.partitionedDtypeMismatch,
          'ValueError',
          `Trying to reuse partitioned variable ${name}, but specified dtype ${dtype.name} and found dtype ${existing.dtype.name}.`,
        );
      }
      if (partitions !== null && pyList(existing.partitions) !== pyList(partitions)) {
        raise(
          ERROR_CODES.partitionsMismatch,
          'ValueError',
          `Trying to reuse partitioned variable ${name}, but specified partitions ${pyList(partitions)} and found partitions ${pyList(existing.partitions)}.`,
        );
      }
      return existing;
    }
    if (reuse === true) {
      raise(
        ERROR_CODES.partitionedMissing,
        'ValueError',
        `PartitionedVariable ${name} does not exist, or was not created with tf.get_variable(). Did you mean to set reuse=False or reuse=tf.AUTO_REUSE in VarScope?`,
      );
    }
    // Here reuse is not True, so the partitioner ran and `shape` is fully defined.
    const fullShape = shape as number[];
    const parts = partitions as number[];
    const { sliceDim, numSlices } = sliceDimAndCount(parts);
    if (this.vars.has(`${name}/part_0`)) {
      if (!this.vars.has(`${name}/part_${numSlices - 1}`)) {
        raise(
          ERROR_CODES.partitionsMismatch,
          'ValueError',
          `Partitioner returned a different partitioning than what was already found.  Partitioner returned ${numSlices} shards, and shard ${name}/part_0 was found, but ${name}/part_${numSlices - 1} was not.`,
        );
      }
      if (this.vars.has(`${name}/part_${numSlices}`)) {
        raise(
          ERROR_CODES.partitionsMismatch,
          'ValueError',
          `Partitioner returned a different partitioning than what was already found.  Partitioner returned ${numSlices} shards, and shard ${name}/part_0 was found, but so was the extra shard ${name}/part_${numSlices}.`,
        );
      }
    }

    const variables: V[] = [];
    const slices = iterSlices(fullShape, numSlices, sliceDim);
    this.partsCreated = true;
    for (let i = 0; i < slices.length; i++) {
      const { offset, shape: varShape } = slices[i];
      const partitionInfo: PartitionInfo = { fullShape, varOffset: offset };
      let init: S['initializer'] | null;
      let initShape: Shape | undefined;
      if (req.initializer == null) {
        const kind = defaultInitializerKind(name, dtype);
        if (typeof kind !== 'string') throw toException(kind);
        init = hooks.defaultInitializer(kind);
        initShape = varShape;
      } else if (info.kind === 'callable') {
        init = req.initializer;
        initShape = varShape;
      } else {
        if (info.kind === 'value') sliceRankCheck(info.shape, varShape, `${name}/part_${i}`);
        if (info.kind === 'value' && info.isTensor) dtype = info.dtype.baseDType;
        init = hooks.sliceValue(req.initializer, dtype, offset, varShape);
        initShape = undefined;
      }
      const part = hooks.atRootNameScope((r) => this.getSingle(r, partitionInfo), {
        ...req,
        name: `${name}/part_${i}`,
        shape: initShape,
        dtype,
        initializer: init,
      });
      variables.push(part);
    }
    const pv = hooks.createPartitioned(name, fullShape, dtype, variables, parts);
    this.partitionedVars.set(name, pv);
    return pv;
  }
}

/** Arguments of `tf.get_variable` before the scope's defaults are applied. */
export interface GetVariableArgs<S extends ScopeSlots> {
  name: string;
  shape?: Shape | undefined;
  dtype?: DType | null;
  initializer?: S['initializer'] | null;
  regularizer?: S['regularizer'] | null;
  reuse?: Reuse | null;
  trainable?: boolean | null;
  collections?: readonly string[] | null;
  cachingDevice?: S['cachingDevice'] | null;
  partitioner?: S['partitioner'] | null;
  validateShape?: boolean;
  useResource?: boolean | null;
  customGetter?: S['customGetter'] | null;
  constraint?: S['constraint'] | null;
}

/**
 * `VariableScope.get_variable`: applies the scope's defaults, checks the initializer's dtype
 * against an explicit one, and asks the store (under the root name scope).
 */
export function scopeGetVariable<
  S extends ScopeSlots,
  V extends StoredVariable,
  P extends StoredPartitioned,
>(scope: VariableScope<S>, store: VariableStore<S, V, P>, args: GetVariableArgs<S>): V | P {
  return scopeGetVariableNamed(scope, store, args.name, args);
}

/**
 * `scopeGetVariable` with the name apart from the other arguments (whose `name`, if any, is not
 * read), so that a caller holding them in an options object need not copy it.
 */
export function scopeGetVariableNamed<
  S extends ScopeSlots,
  V extends StoredVariable,
  P extends StoredPartitioned,
>(
  scope: VariableScope<S>,
  store: VariableStore<S, V, P>,
  name: string,
  args: Omit<GetVariableArgs<S>, 'name'>,
): V | P {
  const hooks = store.hooks;
  // TF checks this inside `name_scope(None)`; it creates no op, so it may come first here.
  if (args.dtype != null && args.initializer != null) {
    const info = hooks.classifyInitializer(args.initializer);
    if (info.kind === 'value' && info.dtype.baseDType !== args.dtype) {
      raise(
        ERROR_CODES.initializerDtype,
        'ValueError',
        `Initializer type '${info.dtype.baseDType.toString()}' and explicit dtype '${args.dtype.toString()}' don't match.`,
      );
    }
  }
  const request: StoreRequest<S> = {
    name: joinScopeName(scope.name, name),
    shape: args.shape,
    dtype: (args.dtype ?? scope.dtype).baseDType,
    initializer: args.initializer ?? scope.initializer,
    regularizer: args.regularizer ?? scope.regularizer,
    reuse: args.reuse ?? scope.reuse,
    trainable: args.trainable ?? true,
    collections: args.collections ?? null,
    cachingDevice: args.cachingDevice ?? scope.cachingDevice,
    partitioner: args.partitioner ?? scope.partitioner,
    validateShape: args.validateShape ?? true,
    useResource: args.useResource ?? scope.useResource,
    customGetter: args.customGetter ?? scope.customGetter,
    constraint: args.constraint ?? scope.constraint,
  };
  return hooks.atRootNameScope(store.getVariableFn, request);
}

/**
 * `array_ops.slice(init, var_offset, var_shape)` under `<part>/PartitionedInitializer`: a
 * value of another rank than the variable fails the Slice op's shape function (a Python scalar
 * for a `[4, 2]` variable).
 */
function sliceRankCheck(valueShape: Shape, varShape: readonly number[], part: string): void {
  if (valueShape === null || valueShape.length === varShape.length) return;
  const dims = (d: readonly (number | null)[]) =>
    `[${d.map((x) => (x === null ? '?' : x)).join(',')}]`;
  const n = varShape.length;
  raise(
    ERROR_CODES.initializerArgs,
    'ValueError',
    `Shape must be rank ${n} but is rank ${valueShape.length} for '${part}/PartitionedInitializer/Slice' (op: 'Slice') with input shapes: ${dims(valueShape)}, [${n}], [${n}].`,
  );
}
