/**
 * A TF1 graph on TensorFlow.js: the variable store, the scope state, op names and collections.
 *
 * The rules (what a scope is called, whether `getVariable` creates, reuses or raises) are the
 * core's; this module implements the core's `StoreHooks` with real tensors and owns every tensor
 * the graph makes, so that `dispose()` (and `resetDefaultGraph()`) returns tfjs's tensor count to
 * where it was.
 */
import { tf, ensureBackend } from './backend';
import { DType, DTypes } from '../core/dtypes';
import { ERROR_CODES, raise } from '../core/errors';
import { NameRegistry } from '../core/names';
import { Shape, formatShape } from '../core/shape';
import {
  CreateSpec,
  InitializerInfo,
  StoreHooks,
  StoreRequest,
  VariableStore,
} from '../core/store';
import { ScopeMachine, VariableScope } from '../core/variable-scope';
import { Partitioner } from '../core/partitioners';
import { captureCallSite } from './callsite';
import { Constant, constantValueInfo, glorotUniform, zeros } from './initializers';
import { Initializer, PartitionInfo, tfjsDType } from './initializers/base';
import { fromFunction, Regularizer } from './regularizers';
import { PartitionedVariable, Variable } from './variable';
import {
  CustomGetter,
  HostRegularizer,
  EngineSlots,
  GetterArgs,
  InitializerArg,
  LazyTensor,
  RegularizerArg,
  TensorLike,
  TypedTensor,
  ValueLike,
} from './types';
import { GraphKeys } from './graph-keys';
import { checkAllocation, tensorBytes } from './memory';

/**
 * Initial values of at least this many bytes are made lazily, on the variable's first read
 * (variable.ts): building a graph with large variables then costs what building a graph costs.
 * Smaller ones are made at creation, which keeps the order of unseeded random draws.
 */
export const LAZY_VALUE_BYTES = 1024 * 1024;

/** An initial value to make later: its shape and a function making it (a new tensor). */
interface DeferredValue {
  readonly shape: readonly number[];
  readonly make: () => tf.Tensor;
}

/** A tensor the graph made and named (a regularization loss, say): TF's graph `Tensor`. */
export class NamedTensor {
  constructor(
    /** Op name without `:0`. */
    readonly opName: string,
    readonly tensor: tf.Tensor,
    readonly dtype: DType,
  ) {}
  get name(): string {
    return `${this.opName}:0`;
  }
  toString(): string {
    return `Tensor("${this.name}", shape=${formatShape(this.tensor.shape)}, dtype=${this.dtype.name})`;
  }
}

let graphCounter = 0;

// tfjs's functions and classes the hot path uses, read once: every `tf.x` read goes through the
// getter of a namespace copy (tsc's `__importStar`, esbuild's `__toESM`), a call per read.
const TfTensor = tf.Tensor;
const tfVariable = tf.variable;

// The collections of a variable made with the default `collections=None` (shared, read-only).
const GLOBAL_ONLY: readonly string[] = Object.freeze([GraphKeys.GLOBAL_VARIABLES]);
const GLOBAL_AND_TRAINABLE: readonly string[] = Object.freeze([
  GraphKeys.GLOBAL_VARIABLES,
  GraphKeys.TRAINABLE_VARIABLES,
]);

export class Graph {
  readonly id = ++graphCounter;
  readonly names = new NameRegistry();
  readonly scopes: ScopeMachine<EngineSlots>;
  readonly store: VariableStore<EngineSlots, Variable, PartitionedVariable>;
  private readonly collections = new Map<string, unknown[]>();
  /**
   * The GLOBAL_VARIABLES and TRAINABLE_VARIABLES lists once they exist (the lists in
   * `collections`, which are never replaced), so that a creation pushes without a lookup.
   */
  private globalList: unknown[] | null = null;
  private trainableList: unknown[] | null = null;
  /** Every tensor this graph made and must dispose. */
  private readonly owned: tf.Tensor[] = [];
  private disposed = false;
  /**
   * Keep a copy of every variable's initial value (off by default: it doubles the memory of
   * variables). The Python runtime turns it on for TF's `initial_value` and initializer re-runs.
   */
  keepInitialValues = false;

  constructor() {
    ensureBackend();
    this.scopes = new ScopeMachine<EngineSlots>(this.names, composeGetters);
    this.store = new VariableStore(new EngineHooks(this));
  }

  /** The current variable scope (`tf.get_variable_scope()`). */
  get currentScope(): VariableScope<EngineSlots> {
    return this.scopes.current;
  }

  /** `tf.get_collection_ref(key)`: the live list, created when missing. */
  getCollectionRef(key: string): unknown[] {
    let list = this.collections.get(key);
    if (!list) {
      list = [];
      this.collections.set(key, list);
    }
    return list;
  }

  /**
   * `tf.get_collection(key, scope)`: a copy; with `scope`, only items whose `name` matches it at
   * the start (Python's `re.match`), items without a name skipped.
   */
  getCollection(key: string, scope?: string | null): unknown[] {
    const list = this.collections.get(key) ?? [];
    if (scope === undefined || scope === null) return [...list];
    const re = new RegExp(`^(?:${scope})`);
    return list.filter((item) => {
      const name = (item as { name?: unknown } | null)?.name;
      return typeof name === 'string' && re.test(name);
    });
  }

  addToCollection(key: string, value: unknown): void {
    this.getCollectionRef(key).push(value);
  }

  /** `add_to_collections`: each distinct name once. */
  addToCollections(keys: Iterable<string>, value: unknown): void {
    const list = Array.isArray(keys) ? (keys as readonly string[]) : [...keys];
    for (let i = 0; i < list.length; i++) {
      if (list.indexOf(list[i]) === i) this.addToCollection(list[i], value);
    }
  }

  /** Names of all collections, in creation order. */
  get collectionKeys(): string[] {
    return [...this.collections.keys()];
  }

  /** Takes ownership of a tensor: it is disposed with the graph. */
  own<T extends tf.Tensor>(t: T): T {
    this.owned.push(t);
    return t;
  }

  /**
   * Creates a variable outside the store: TF's `tf.Variable(initial_value, name=...)`. It honours
   * the current name scope and is never found by `getVariable`.
   */
  newVariable(
    initialValue: TensorLike | (() => TensorLike),
    options: {
      name?: string;
      trainable?: boolean;
      collections?: readonly string[];
      dtype?: DType;
      /** `use_resource=True`: a resource variable (dtype without `_ref`). */
      useResource?: boolean;
    } = {},
  ): Variable {
    const trainable = options.trainable ?? true;
    const raw = typeof initialValue === 'function' ? initialValue() : initialValue;
    let tensor: tf.Tensor | DeferredValue;
    let dtype: DType;
    if (
      raw instanceof LazyTensor &&
      tensorBytes(raw.shape, options.dtype ?? raw.dtype) >= LAZY_VALUE_BYTES
    ) {
      dtype = options.dtype ?? raw.dtype;
      const d = dtype;
      tensor = { shape: raw.shape, make: () => toTensor(raw, d).tensor };
    } else ({ tensor, dtype } = toTensor(raw, options.dtype));
    const opName = this.names.withNameScope(options.name ?? 'Variable', (scope) =>
      scope.slice(0, -1),
    );
    this.names.markVariableOps(opName);
    return this.registerVariable(
      opName,
      null,
      tensor,
      dtype,
      trainable,
      options.collections ?? null,
      options.useResource ?? false,
      null,
    );
  }

  /**
   * Builds the `Variable` and adds it to its collections. `initializerOp` is the last part of the
   * name of the op producing its initial value (`<opName>/Initializer/<initializerOp>`).
   */
  registerVariable(
    opName: string,
    key: string | null,
    initial: tf.Tensor | DeferredValue,
    dtype: DType,
    trainable: boolean,
    collections: readonly string[] | null,
    isResource: boolean,
    initializerOp: string | null,
  ): Variable {
    let value: tf.Variable | (() => { value: tf.Variable; initial: tf.Tensor | null });
    let initialValue: tf.Tensor | null = null;
    let shape: readonly number[];
    if (initial instanceof TfTensor) {
      // The hot path (a small variable) allocates nothing but the variable: no closure, no pair.
      value = this.makeValue(initial, dtype, trainable, this.keepInitialValues);
      initialValue = this.keptCopy;
      shape = value.shape;
    } else {
      shape = [...initial.shape];
      value = this.deferredValue(opName, initial, dtype, trainable);
    }
    const site = captureCallSite(key === null ? 'variable' : 'getVariable');
    let colls: readonly string[];
    if (collections == null) colls = trainable ? GLOBAL_AND_TRAINABLE : GLOBAL_ONLY;
    else if (trainable && !collections.includes(GraphKeys.TRAINABLE_VARIABLES)) {
      colls = [...collections, GraphKeys.TRAINABLE_VARIABLES];
    } else colls = [...collections];
    const variable = new Variable(
      this,
      opName,
      key,
      shape,
      isResource ? dtype.baseDType : dtype.baseDType.asRef,
      trainable,
      value,
      isResource,
      colls,
      initializerOp,
      site,
      initialValue,
    );
    if (colls === GLOBAL_AND_TRAINABLE) {
      (this.globalList ??= this.getCollectionRef(GraphKeys.GLOBAL_VARIABLES)).push(variable);
      (this.trainableList ??= this.getCollectionRef(GraphKeys.TRAINABLE_VARIABLES)).push(variable);
    } else this.addToCollections(colls, variable);
    return variable;
  }

  /**
   * The function a lazy variable makes its value with (see `registerVariable`). Made here rather
   * than in `registerVariable`: a closure there would make V8 allocate a context for its
   * captured variables on every creation, lazy or not.
   */
  private deferredValue(
    opName: string,
    deferred: DeferredValue,
    dtype: DType,
    trainable: boolean,
  ): () => { value: tf.Variable; initial: tf.Tensor | null } {
    const keep = this.keepInitialValues;
    return () => {
      if (this.disposed) {
        throw new Error(`scope-lens: the graph of variable ${opName} was disposed`);
      }
      // The value, and the copy of it the graph keeps, must fit.
      checkAllocation(deferred.shape, dtype, keep ? 2 : 1);
      const made = this.makeValue(deferred.make(), dtype, trainable, keep);
      return { value: made, initial: this.keptCopy };
    };
  }

  /** The copy of the initial value `makeValue` kept last (with `keepInitialValues`). */
  private keptCopy: tf.Tensor | null = null;

  /**
   * A variable's value from the tensor `made` for it (consumed), stored as `dtype`; with `keep`,
   * a copy of it is left in `keptCopy` (else null).
   */
  private makeValue(made: tf.Tensor, dtype: DType, trainable: boolean, keep: boolean): tf.Variable {
    const want = tfjsDType(dtype);
    let source = made;
    if (source.dtype !== want) {
      source = tf.cast(made, want);
      made.dispose();
    }
    // tf.variable shares the data of `source` (ref-counted), so `source` itself can go. No
    // name: tfjs numbers the variable from its own process-wide counter, so the name never
    // repeats, and a numeric name is an integer key in tfjs's registry (a new string name
    // would be interned and hashed on every creation and deletion, a third of a small
    // variable's cost).
    const value = this.own(tfVariable(source, trainable));
    this.keptCopy = keep ? this.own(tf.clone(source)) : null;
    source.dispose();
    return value;
  }

  /** Disposes every tensor this graph made and forgets all state. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    for (const t of this.owned) if (!t.isDisposed) t.dispose();
    this.owned.length = 0;
    this.collections.clear();
    this.globalList = null;
    this.trainableList = null;
    this.store.vars.clear();
    this.store.partitionedVars.clear();
    this.names.clear();
  }

  get isDisposed(): boolean {
    return this.disposed;
  }
}

/**
 * `_maybe_wrap_custom_getter`: the new getter runs first (handed the getter positionally) and
 * calls the outer one as its getter; the outer one gets the true getter positionally, then
 * what the new one passed. A composition called as an outer getter passes that on unchanged.
 */
function composeGetters(inner: CustomGetter, outer: CustomGetter): CustomGetter {
  return (getter, args, call) =>
    inner((a) => outer(getter, a, 'partial'), args, call === 'partial' ? 'partial' : 'wrapped');
}

/**
 * A value or tensor as a (new) tensor of a TF dtype: `dtype` if given, else the value's own (a
 * typed tensor's declared dtype, a tfjs tensor's storage dtype, a plain value's inferred one).
 */
export function toTensor(
  value: TensorLike,
  dtype?: DType | null,
): { tensor: tf.Tensor; dtype: DType } {
  if (value instanceof LazyTensor) {
    checkAllocation(value.shape, dtype ?? value.dtype);
    return adoptResult(value.make(), dtype ?? value.dtype);
  }
  if (value instanceof TypedTensor || value instanceof tf.Tensor) {
    const stored = value instanceof TypedTensor ? value.tensor : value;
    const own = dtype ?? tensorDType(value);
    const t = stored.dtype === tfjsDType(own) ? stored.clone() : tf.cast(stored, tfjsDType(own));
    return { tensor: t, dtype: own };
  }
  const info = constantValueInfo(value);
  const d = dtype ?? info.dtype;
  const flat = flatten(value);
  return { tensor: tf.tensor(flat as number[], info.shape as number[], tfjsDType(d)), dtype: d };
}

/** Like `toTensor`, but a tensor made by an initializer function is consumed (disposed). */
function adoptResult(value: TensorLike, dtype?: DType | null): { tensor: tf.Tensor; dtype: DType } {
  const converted = toTensor(value, dtype);
  const made = value instanceof TypedTensor ? value.tensor : value;
  if (made instanceof tf.Tensor && converted.tensor !== made) made.dispose();
  return converted;
}

/**
 * A lazy value of at least `LAZY_VALUE_BYTES` as a deferred value, anything else as a tensor
 * now (adopted: a tensor made for us is disposed once copied).
 */
function deferredOrTensor(value: TensorLike, dtype: DType | null): tf.Tensor | DeferredValue {
  if (value instanceof LazyTensor) {
    const d = dtype ?? value.dtype;
    if (tensorBytes(value.shape, d) >= LAZY_VALUE_BYTES) {
      return { shape: value.shape, make: () => toTensor(value, d).tensor };
    }
  }
  return adoptResult(value, dtype).tensor;
}

/** The dtype `toTensor` gives a value (without converting it). */
function tensorLikeDType(value: TensorLike): DType {
  if (value instanceof LazyTensor) return value.dtype;
  if (value instanceof TypedTensor || value instanceof tf.Tensor) return tensorDType(value);
  return constantValueInfo(value).dtype;
}

/**
 * Whether an initializer's checks do not depend on the size of the shape, so it can be checked
 * on a small shape and called later: every one but a `Constant` holding a list (its length is
 * checked against the shape) or verifying its shape.
 */
function deferrable(init: Initializer): boolean {
  if (!(init instanceof Constant)) return true;
  return !Array.isArray(init.value) && !init.verifiesShape;
}

/**
 * A large variable's initial value from an initializer object, made on first read. What TF
 * checks when the initializer is called (dtypes, ranks) is checked now, on a shape of the same
 * rank with no dimension above 1; the values are drawn later. (A function of its own, so that
 * `createVariable` holds no closure: V8 would allocate its captured variables on every call.)
 */
function deferredInitializerCall(
  init: Initializer,
  shape: readonly number[],
  dtype: DType,
  partitionInfo: PartitionInfo | undefined,
): DeferredValue {
  init
    .call(
      shape.map((n) => Math.min(n, 1)),
      dtype,
      partitionInfo,
    )
    .dispose();
  return { shape, make: () => init.call(shape, dtype, partitionInfo) };
}

function flatten(v: ValueLike): (number | boolean | string)[] {
  if (!Array.isArray(v)) return [v];
  const out: (number | boolean | string)[] = [];
  for (const x of v) out.push(...flatten(x));
  return out;
}

/** The TF dtype a tensor stands for: a typed tensor's declared one, else its storage dtype. */
export function tensorDType(t: tf.Tensor | TypedTensor): DType {
  return t instanceof TypedTensor ? t.dtype : tfDTypeOf(t);
}

/** The TF dtype of a tfjs tensor's storage (float32, int32, bool, string, complex64). */
export function tfDTypeOf(t: tf.Tensor): DType {
  switch (t.dtype) {
    case 'float32':
      return DTypes.float32;
    case 'int32':
      return DTypes.int32;
    case 'bool':
      return DTypes.bool;
    case 'string':
      return DTypes.string;
    case 'complex64':
      return DTypes.complex64;
  }
}

function isHostRegularizer(x: unknown): x is HostRegularizer {
  return typeof x === 'object' && x !== null && (x as HostRegularizer).hostRegularizer === true;
}

function isInitializer(x: unknown): x is Initializer {
  return x instanceof Initializer;
}

// What `classifyInitializer` answers most often, shared rather than built per variable.
const NO_INITIALIZER: InitializerInfo = Object.freeze({ kind: 'none' });
const NEEDS_SHAPE: InitializerInfo = Object.freeze({ kind: 'callable', acceptsNoArgs: false });
const NO_ARGS: InitializerInfo = Object.freeze({ kind: 'callable', acceptsNoArgs: true });

/** The core's hooks, on TensorFlow.js. */
class EngineHooks implements StoreHooks<EngineSlots, Variable, PartitionedVariable> {
  constructor(private readonly graph: Graph) {}

  classifyInitializer(init: InitializerArg | null): InitializerInfo {
    if (init === null || init === undefined) return NO_INITIALIZER;
    if (isInitializer(init)) return NEEDS_SHAPE;
    if (typeof init === 'function') return init.length === 0 ? NO_ARGS : NEEDS_SHAPE;
    if (init instanceof TypedTensor) {
      return {
        kind: 'value',
        dtype: init.dtype,
        shape: init.tensor.shape,
        isTensor: !init.fromValue,
      };
    }
    if (init instanceof LazyTensor) {
      return { kind: 'value', dtype: init.dtype, shape: [...init.shape], isTensor: true };
    }
    if (init instanceof tf.Tensor) {
      return { kind: 'value', dtype: tfDTypeOf(init), shape: init.shape, isTensor: true };
    }
    const info = constantValueInfo(init as ValueLike);
    return { kind: 'value', dtype: info.dtype, shape: info.shape, isTensor: false };
  }

  // TF builds a fresh default initializer per variable; they are stateless (no seed), so one
  // instance of each serves every variable.
  private readonly defaults = { zeros: zeros(), glorot_uniform: glorotUniform() };

  defaultInitializer(kind: 'glorot_uniform' | 'zeros'): InitializerArg {
    return this.defaults[kind];
  }

  isCallable(x: unknown): boolean {
    return typeof x === 'function' || isInitializer(x);
  }

  repr(x: unknown): string {
    if (typeof x === 'string') return x;
    if (x === null || x === undefined) return 'None';
    if (typeof x === 'boolean') return x ? 'True' : 'False';
    return String(x);
  }

  createVariable(spec: CreateSpec<EngineSlots>): Variable {
    const graph = this.graph;
    // RefVariable._init_from_args: ops.name_scope(name) at the root name scope → unique op name.
    const opName = graph.names.uniqueVariableName(spec.name);
    const init = spec.initializer;
    let initial: tf.Tensor | DeferredValue;
    let dtype: DType;
    let initializerOp: string;
    // The initializer object that draws the value, if one does (see `Variable.initializerDraw`).
    let drawnBy: Initializer | null = null;
    if (spec.initMode === 'shape') {
      const shape = spec.shape as number[];
      dtype = spec.dtype.baseDType;
      const partitionInfo = spec.partitionInfo ?? undefined;
      if (isInitializer(init)) {
        drawnBy = init;
        initializerOp = init.opName;
        if (tensorBytes(shape, dtype) >= LAZY_VALUE_BYTES && deferrable(init)) {
          initial = deferredInitializerCall(init, shape, dtype, partitionInfo);
        } else initial = init.call(shape, dtype, partitionInfo);
      } else {
        initializerOp = 'Initializer';
        const fn = init as (s: number[], d: DType, p?: unknown) => TensorLike;
        initial = deferredOrTensor(fn([...shape], dtype, partitionInfo), dtype);
      }
    } else {
      // A value passed as the initializer belongs to the caller (copied); what a zero-argument
      // function returns is ours (adopted, and disposed once copied).
      if (spec.initMode === 'no-args') {
        const made = (init as () => TensorLike)();
        dtype = made instanceof LazyTensor ? made.dtype : tensorLikeDType(made);
        initial = deferredOrTensor(made, null);
      } else {
        const converted =
          init instanceof LazyTensor
            ? { tensor: deferredOrTensor(init, null), dtype: init.dtype }
            : toTensor(init as TensorLike);
        initial = converted.tensor;
        dtype = converted.dtype;
      }
      initializerOp = 'initial_value';
    }
    const variable = graph.registerVariable(
      opName,
      spec.name,
      initial,
      dtype,
      spec.trainable,
      spec.collections,
      spec.useResource,
      initializerOp,
    );
    if (drawnBy !== null) {
      variable.setInitializer(drawnBy, spec.partitionInfo ?? undefined);
    }
    return variable;
  }

  applyRegularizer(variable: Variable, regularizer: RegularizerArg, name: string): void {
    const graph = this.graph;
    if (isHostRegularizer(regularizer)) {
      graph.names.withNameScope(`${name}/Regularizer/`, () => {
        const loss = regularizer.applyToVariable(variable);
        if (loss !== null && loss !== undefined)
          graph.addToCollection(GraphKeys.REGULARIZATION_LOSSES, loss);
      });
      return;
    }
    const reg: Regularizer =
      typeof regularizer === 'function' ? fromFunction(regularizer) : regularizer;
    graph.names.withNameScope(`${name}/Regularizer/`, () => {
      const loss = reg.apply(variable.value);
      if (loss === null || loss === undefined) return;
      const opName = graph.names.uniqueName(reg.opName);
      graph.addToCollection(
        GraphKeys.REGULARIZATION_LOSSES,
        new NamedTensor(opName, graph.own(loss), variable.dtype.baseDType),
      );
    });
  }

  callCustomGetter(
    getter: CustomGetter,
    trueGetter: (req: StoreRequest<EngineSlots>) => Variable | PartitionedVariable,
    req: StoreRequest<EngineSlots>,
  ): Variable | PartitionedVariable {
    const toArgs = (r: StoreRequest<EngineSlots>): GetterArgs => ({
      name: r.name,
      shape: r.shape,
      dtype: r.dtype,
      initializer: r.initializer,
      regularizer: r.regularizer,
      reuse: r.reuse,
      trainable: r.trainable,
      collections: r.collections,
      cachingDevice: r.cachingDevice,
      partitioner: r.partitioner,
      validateShape: r.validateShape,
      useResource: r.useResource,
      constraint: r.constraint,
    });
    const toRequest = (a: GetterArgs): StoreRequest<EngineSlots> => {
      const passed: GetterArgs = { ...a };
      delete passed.raw;
      return { ...req, ...passed, customGetter: null };
    };
    return getter((a) => trueGetter(toRequest({ ...toArgs(req), ...a })), toArgs(req), 'store');
  }

  partition(partitioner: Partitioner, shape: readonly number[], dtype: DType): number[] {
    return partitioner(shape, dtype);
  }

  sliceValue(
    init: InitializerArg,
    dtype: DType,
    offset: readonly number[],
    shape: readonly number[],
  ): InitializerArg {
    const { tensor } = toTensor(init as TensorLike, dtype);
    const sliced = tf.slice(tensor, [...offset], [...shape]);
    tensor.dispose();
    return this.graph.own(sliced);
  }

  createPartitioned(
    name: string,
    shape: readonly number[],
    dtype: DType,
    parts: Variable[],
    partitions: readonly number[],
  ): PartitionedVariable {
    // TF 1.15 builds the PartitionedVariable with the dtype asked for (`float32`); only its
    // parts are reference variables (`float32_ref`).
    return new PartitionedVariable(name, shape, dtype.baseDType, parts, partitions);
  }

  atRootNameScope<A, T>(fn: (arg: A) => T, arg: A): T {
    return this.graph.names.atRoot(fn, arg);
  }
}

/** A name that is not a string where TF wants one. */
export function requireName(name: unknown, what: string): string {
  if (typeof name !== 'string') {
    raise(ERROR_CODES.scopeArgs, 'TypeError', `${what} must be a string, got ${String(name)}`);
  }
  return name;
}

export type { Shape };
