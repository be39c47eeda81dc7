/**
 * TensorFlow 1.x as the interpreter sees it: `tf.variable_scope`, `tf.get_variable` and the
 * functions around them, applied through src/core's state machines (the same ScopeMachine,
 * NameRegistry and VariableStore the runtime engine uses) with hooks that hold abstract
 * variables instead of tensors. Every `get_variable` call's outcome is recorded as an event.
 */
import { asDType, DType, DTypes } from '../../core/dtypes';
import {
  ERROR_CODES,
  ErrorInfo,
  errorInfo,
  firstLine,
  raise,
  ScopeLensError,
} from '../../core/errors';
import { NameRegistry } from '../../core/names';
import { assertCompatible, ConstantValue, pyFloat, PyNumber } from '../../core/py-values';
import {
  checkDraw,
  checkNormalArgs,
  checkUniformArgs,
  uniformUnitScalingDraw,
  varianceScalingDraw,
} from '../../core/initializer-calls';
import { AUTO_REUSE, ReuseArg } from '../../core/reuse';
import { Shape, UNKNOWN } from '../../core/shape';
import {
  CreateSpec,
  InitializerInfo,
  scopeGetVariable,
  StoreHooks,
  StoreRequest,
  VariableStore,
} from '../../core/store';
import { ScopeMachine, ScopeSlots, VariableScopeArgs } from '../../core/variable-scope';
import { fixedSizePartitioner, Partitioner } from '../../core/partitioners';
import type { Expr } from '../ir';
import { hasHoles, mayEqualSegments, NONE, PyRaise, UNKNOWN_VALUE, Value } from './values';
import { dtypeValue, ndarrayInfo } from './tensors';
import { NearbyNames } from './did-you-mean';
import type { VariableScope } from '../../core/variable-scope';

export interface AnalyzerSlots extends ScopeSlots {
  initializer: Value;
  regularizer: Value;
  partitioner: Value;
  customGetter: Value;
  constraint: Value;
  cachingDevice: Value;
}

export interface AVariable {
  readonly opName: string;
  readonly key: string;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly isResource: boolean;
  readonly trainable: boolean;
  /** The collections TF adds it to (`variables`, `trainable_variables`, ...). */
  readonly collections: readonly string[];
  /**
   * Made from a value whose shape the analyzer could not compute (a NumPy array, a tensor of a
   * function it does not model): `shape` is then null, but TF's is a real shape.
   */
  readonly shapeNotKnown?: boolean;
  /**
   * A `tf.Variable` made from a value whose dtype the analyzer could not compute (a NumPy
   * array, what a function it does not model returns): TF makes it all the same, of the value's
   * dtype. `dtype` is then only a stand-in (float32), never reported or read as the variable's.
   */
  readonly dtypeNotKnown?: boolean;
}

export interface APartitioned {
  readonly name: string;
  readonly shape: Shape;
  readonly dtype: DType;
  readonly partitions: readonly number[];
  readonly parts: AVariable[];
}

/** Why a scope reuses: where its reuse was set. */
export interface ReuseOrigin {
  readonly kind: 'argument' | 'reuse_variables' | 'inherited' | 'scope-object' | 'unknown';
  /** The `variable_scope(...)` or `reuse_variables()` call that set it. */
  readonly at: Expr | null;
  readonly file: string;
  /** For 'inherited': the scope it came from. */
  readonly from?: string;
}

/**
 * A call of the program (made from the analysed file or one of its own modules) that is running:
 * a persistent list, innermost first, each node pointing at its caller's. Nodes are shared by
 * every event under them and never change.
 */
export interface CallTrail {
  /** The call expression. */
  readonly at: Expr;
  /** The file of `at`. */
  readonly file: string;
  readonly parent: CallTrail | null;
}

/** One outcome of one `get_variable` call, in execution order (`.static.json`'s events). */
export interface VariableEvent {
  readonly at: Expr;
  /** The file of `at`. */
  readonly file: string;
  /**
   * The program's calls that led to `at`, innermost first (null when `at` runs outside any call
   * of the program's): calls in the analysed file and its own modules, never in library code.
   * For an event reported at a program's call into library code, the calls above that call.
   */
  readonly trail: CallTrail | null;
  /**
   * False when the outcome rests on an assumption: an unknown `reuse` taken as AUTO_REUSE, or a
   * name pattern taken to be an existing variable's name.
   */
  readonly certain: boolean;
  /** For reuse and "does not exist": where the scope's reuse came from. */
  readonly reuseOrigin?: ReuseOrigin;
  /** The `variable_scope(...)` call that opened the enclosing scope (none at the root). */
  readonly scopeAt?: { readonly at: Expr; readonly file: string };
  /** For "does not exist": a `tf.Variable` of that name, which get_variable cannot see. */
  readonly plainVariableAt?: { readonly at: Expr; readonly file: string };
  /** For "does not exist": the existing names the program most likely meant, best first. */
  readonly didYouMean?: readonly string[];
  readonly action: 'create' | 'reuse' | 'raise';
  /** `scope/v:0` for create/reuse; the full name asked for (no `:0`) for raise. */
  readonly name: string;
  readonly key?: string;
  readonly error?: ErrorInfo;
  /** For create/reuse: the variable's shape and dtype, whether trainable, its collections. */
  readonly shape?: Shape;
  readonly dtype?: DType;
  readonly trainable?: boolean;
  readonly collections?: readonly string[];
  /** For raise: an enclosing `try` of the program catches the error. */
  handled: boolean;
  /** Listed among the program's `.static.json`-style events (not `get_local_variable`'s). */
  readonly conformance: boolean;
  /** A `tf.Variable` (named by the name scope, invisible to get_variable), not get_variable's. */
  readonly plain?: boolean;
  /**
   * Made by the call's custom getter through the true getter, but not what the call returned
   * (the getter returned a sum of two variables, or raised): a real variable of the graph that
   * is not the call's outcome.
   */
  readonly byGetter?: boolean;
  /** The call's result is not a variable (a custom getter returned a computed tensor). */
  readonly computed?: boolean;
}

/** The TF state of one analysed graph. */
export class TfState {
  readonly names = new NameRegistry();
  readonly scopes = new ScopeMachine<AnalyzerSlots>(this.names, (inner, outer) =>
    composeGetters(inner, outer, (fn, args, kwargs) => this.callFn(fn, args, kwargs)),
  );
  readonly store: VariableStore<AnalyzerSlots, AVariable, APartitioned>;
  /** Graph collections by key (`tf.get_collection_ref`); variables join theirs when created. */
  private readonly collections = new Map<string, Value & { k: 'list' }>();
  /** The event of the last error `getVariable` raised (taken by the interpreter's PyRaise). */
  lastRaise: VariableEvent | null = null;
  /** For each `getVariable` running a custom getter, innermost last: the variables it made. */
  private readonly madeByGetters: AVariable[][] = [];
  /** Where each reusing scope's reuse came from. */
  readonly reuseOrigins = new WeakMap<VariableScope<AnalyzerSlots>, ReuseOrigin>();
  /** `tf.Variable`s by op name (get_variable never sees them). */
  readonly plainVariables = new Map<string, { readonly at: Expr; readonly file: string }>();
  /** The call that opened each scope. */
  readonly scopeCalls = new WeakMap<
    VariableScope<AnalyzerSlots>,
    { readonly at: Expr; readonly file: string }
  >();

  constructor(
    /** Where events go, and what the interpreter knows about the call being made. */
    readonly sink: {
      readonly events: VariableEvent[];
      readonly file: string;
      /** The program's innermost running call (see `CallTrail`). */
      readonly trail: CallTrail | null;
      /** While library code runs: the program's call that led there (events are reported at it). */
      readonly site: { readonly at: Expr; readonly file: string } | undefined;
      readonly assumptions: number;
      /** The library call running now rests on an assumed gradient (`tf.gradients`). */
      readonly siteAssumed: boolean;
    },
    /** Calls a program function: (function, positional args, keyword args). */
    readonly callFn: (fn: Value, args: Value[], kwargs: Map<string, Value>) => Value,
  ) {
    this.store = new VariableStore(new AnalyzerHooks(this));
  }

  /**
   * `tf.get_variable(...)` at `at`; records the outcome (`conformance` false for calls whose
   * outcome TF's own `.static.json` events do not list: `get_local_variable`'s) and returns the
   * variable or what a custom getter returned.
   */
  getVariable(callAt: Expr, name: string, kwargs: Map<string, Value>, conformance = true): Value {
    const site = this.sink.site;
    const at = site ? site.at : callAt;
    const scope = this.scopes.current;
    const fullName = scope.name ? `${scope.name}/${name}` : name;
    let existed = this.store.vars.has(fullName) || this.store.partitionedVars.has(fullName);
    let certain = this.sink.assumptions === 0 && !this.sink.siteAssumed;
    let partitioner = orNull(kwargs.get('partitioner'));
    const shape = shapeArg(kwargs.get('shape'));
    // Partitions cannot be computed for a shape not known: the variable is recorded whole, by
    // its partitioned name (no `:0`), as a possible outcome (the scope's partitioner, if that
    // is the one, is set aside for the call).
    const wholePartitioned =
      (partitioner !== null || (scope.partitioner ?? null) !== null) && !isConcrete(shape);
    const scopePartitioner = scope.partitioner;
    if (wholePartitioned) {
      partitioner = null;
      scope.partitioner = null;
      certain = false;
    }
    this.partitionAssumed = false;
    // A dtype given but not known (a slot of a primary whose dtype is not known): what is made
    // has a dtype the analysis does not claim (see createVariable).
    const askedDType = kwargs.get('dtype');
    this.dtypeNotKnown = askedDType !== undefined && askedDType.k === 'unknown';
    // A name pattern (or a name an existing pattern may stand for) under reuse is taken to be
    // the existing variable it may be: the program means to share it. The outcome is possible.
    let alias: string | null = null;
    if (!existed && scope.reuse !== false && (hasHoles(fullName) || this.hasPatterns())) {
      alias = this.aliases.find(fullName, this.store.vars);
      if (alias) {
        this.store.vars.set(fullName, this.store.vars.get(alias) as AVariable);
        existed = true;
        certain = false;
      }
    }
    const file = site ? site.file : this.sink.file;
    const trail = trailAt(this.sink.trail, site);
    const getter = !!(kwargs.get('custom_getter') || scope.customGetter);
    let made: AVariable[] | undefined;
    if (getter) this.madeByGetters.push((made = []));
    const origin = scope.reuse !== false ? this.reuseOrigins.get(scope) : undefined;
    const scopeAt = this.scopeCalls.get(scope);
    // Events are built with one fixed shape (object spreads made this the hot spot).
    const event = (
      action: VariableEvent['action'],
      eventName: string,
      v: AVariable | APartitioned | null,
      error: ErrorInfo | undefined,
    ): VariableEvent => ({
      at,
      file,
      trail,
      certain,
      reuseOrigin: origin,
      scopeAt,
      action,
      name: eventName,
      key: action === 'raise' ? undefined : fullName,
      error,
      shape: v ? v.shape : undefined,
      dtype: v && !('dtypeNotKnown' in v && v.dtypeNotKnown) ? v.dtype : undefined,
      trainable: v && 'trainable' in v ? v.trainable : undefined,
      collections: v && 'collections' in v ? v.collections : undefined,
      handled: false,
      conformance,
    });
    try {
      const result = scopeGetVariable(scope, this.store, {
        name,
        shape,
        dtype: dtypeArg(kwargs.get('dtype')),
        initializer: orNull(kwargs.get('initializer')),
        regularizer: orNull(kwargs.get('regularizer')),
        trainable: boolArg(kwargs.get('trainable')),
        collections: collectionsArg(kwargs.get('collections')),
        partitioner,
        useResource: boolArg(kwargs.get('use_resource')),
        customGetter: orNull(kwargs.get('custom_getter')),
      });
      const action = existed ? 'reuse' : 'create';
      if (!existed && hasHoles(fullName)) this.patterns = true;
      const value = toValue(result as unknown);
      const v = value.k === 'variable' || value.k === 'partitioned' ? value.v : null;
      if (this.partitionAssumed) certain = false;
      const shown = wholePartitioned ? fullName : (resultName(value) ?? fullName);
      if (made) this.madeByGetter(made, value, event);
      const outcome = event(action, shown, v, undefined);
      this.sink.events.push(v || !getter ? outcome : { ...outcome, computed: true });
      return value;
    } catch (e) {
      if (made) this.madeByGetter(made, UNKNOWN_VALUE, event);
      if (e instanceof PyRaise && getter) {
        // The program's custom getter raised (its own `raise`, or an op in it that Python or
        // TF rejects, as `p * 2.0` on a PartitionedVariable): that is this call's outcome.
        const cls = e.exc.cls;
        if (cls !== 'ValueError' && cls !== 'TypeError' && cls !== 'NotImplementedError') throw e;
        const info = errorInfo(ERROR_CODES.customGetterRaised, cls, e.exc.message);
        const raised = event('raise', fullName, null, info);
        this.sink.events.push(raised);
        throw new PyRaise(e.exc, [...e.events, raised]);
      }
      if (!(e instanceof ScopeLensError)) return UNKNOWN_VALUE; // never a false certainty
      const raised = event('raise', fullName, null, e.info);
      const plain = this.plainVariables.get(fullName);
      if (plain && e.info.code === 'TF-VAR-MISSING')
        (raised as { plainVariableAt?: typeof plain }).plainVariableAt = plain;
      if (e.info.code === 'TF-VAR-MISSING') {
        const near = this.nearby.closest(fullName, [this.store.vars, this.store.partitionedVars]);
        if (near.length) (raised as { didYouMean?: readonly string[] }).didYouMean = near;
      }
      this.sink.events.push(raised);
      this.lastRaise = raised;
      throw e;
    } finally {
      if (made) this.madeByGetters.pop();
      if (alias) this.store.vars.delete(fullName);
      if (wholePartitioned) scope.partitioner = scopePartitioner;
    }
  }

  /**
   * A `tf.Variable` (made by the program or by library code at the program's call `callAt`):
   * joins its collections and is recorded as a creation, outside the `.static.json` events
   * (those list get_variable's outcomes only).
   */
  plainVariable(callAt: Expr, v: AVariable): Value {
    const site = this.sink.site;
    const value: Value = { k: 'variable', v };
    this.collectVariable(v);
    this.sink.events.push({
      at: site ? site.at : callAt,
      file: site ? site.file : this.sink.file,
      trail: trailAt(this.sink.trail, site),
      certain: this.sink.assumptions === 0 && !this.sink.siteAssumed,
      action: 'create',
      name: `${v.opName}:0`,
      key: v.opName,
      shape: v.shape,
      dtype: v.dtypeNotKnown ? undefined : v.dtype,
      trainable: v.trainable,
      collections: v.collections,
      handled: false,
      conformance: false,
      plain: true,
    });
    return value;
  }

  /** The graph's collection `key` (created empty on first use, as `get_collection_ref` does). */
  collection(key: string): Value & { k: 'list' } {
    let list = this.collections.get(key);
    if (!list) {
      list = { k: 'list', items: [] };
      this.collections.set(key, list);
    }
    return list;
  }

  /** Every collection made so far (what a loop added to them shows in their sizes). */
  collectionLists(): Iterable<Value & { k: 'list' }> {
    return this.collections.values();
  }

  /** A new variable joins its collections (`tf.global_variables()` order is creation order). */
  collectVariable(v: AVariable): void {
    const item: Value = { k: 'variable', v };
    for (const c of v.collections) this.collection(c).items.push(item);
    if (this.madeByGetters.length) this.madeByGetters[this.madeByGetters.length - 1].push(v);
  }

  /**
   * Events for the variables a custom getter made that are not the call's result (what it
   * returned, or every part of a partitioned result), in the order they were made.
   */
  private madeByGetter(
    made: readonly AVariable[],
    result: Value,
    event: (
      action: VariableEvent['action'],
      eventName: string,
      v: AVariable,
      error: undefined,
    ) => VariableEvent,
  ): void {
    for (const v of made) {
      if (result.k === 'variable' && result.v === v) continue;
      if (result.k === 'partitioned' && result.v.parts.includes(v)) continue;
      const e = event('create', `${v.opName}:0`, v, undefined);
      this.sink.events.push({ ...e, key: v.key, conformance: false, byGetter: true });
    }
  }

  /** Whether any stored name is a pattern (a concrete name may then stand for it). */
  private patterns = false;
  /** The store's names, indexed for `mayEqual` (every `getVariable` under reuse asks it). */
  private readonly aliases = new AliasIndex();
  /** The store's names by scope and last segment, for "did you mean". */
  private readonly nearby = new NearbyNames();
  /** A partitioner the analyzer could not run was assumed to make one part. */
  partitionAssumed = false;
  /** The `get_variable` call being made asked for a dtype not known (an unknown value). */
  dtypeNotKnown = false;
  private hasPatterns(): boolean {
    return this.patterns;
  }

  enterScope(args: VariableScopeArgs<AnalyzerSlots>) {
    return this.scopes.enter(args);
  }
}

/**
 * The trail of an event: the running program calls, less the program's call into library code
 * when the event is reported at that call (`site`).
 */
function trailAt(
  trail: CallTrail | null,
  site: { readonly at: Expr } | undefined,
): CallTrail | null {
  return site && trail && trail.at === site.at ? trail.parent : trail;
}

/** A custom getter the interpreter can run: a program function, or two of them composed. */
function isGetterFn(v: Value): boolean {
  return v.k === 'func' || v.k === 'builtin';
}

/**
 * TF 1.15's `_maybe_wrap_custom_getter`: the getter of a scope inside one that has a getter runs
 * first, handed positionally a getter that calls the outer getter with the true getter in front
 * and then exactly what it was passed. The wrapper itself takes the true getter as it comes (the
 * store passes it as `getter=`) and passes every other argument on. A getter the interpreter
 * cannot run is left out (the other one still runs).
 */
function composeGetters(
  inner: Value,
  outer: Value,
  callFn: (fn: Value, args: Value[], kwargs: Map<string, Value>) => Value,
): Value {
  if (!isGetterFn(outer)) return inner;
  if (!isGetterFn(inner)) return outer;
  return {
    k: 'builtin',
    name: 'wrapped_custom_getter',
    call: (args, kwargs) => {
      let getter: Value = UNKNOWN_VALUE;
      let rest = args;
      let passed = kwargs;
      if (args.length > 0) {
        [getter, ...rest] = args;
      } else if (kwargs.has('getter')) {
        getter = kwargs.get('getter') as Value;
        passed = new Map(kwargs);
        passed.delete('getter');
      }
      const partial: Value = {
        k: 'builtin',
        name: 'getter',
        call: (a, kw) => callFn(outer, [getter, ...a], kw),
      };
      return callFn(inner, [partial, ...rest], passed);
    },
  };
}

/** TF 1.15's `_true_getter` parameters, in order (a getter may pass them positionally). */
const TRUE_GETTER_PARAMS = [
  'name',
  'shape',
  'dtype',
  'initializer',
  'regularizer',
  'reuse',
  'trainable',
  'collections',
  'caching_device',
  'partitioner',
  'validate_shape',
  'use_resource',
  'constraint',
  'synchronization',
  'aggregation',
];

/** Whether TF passes `constraint=` to a getter: its signature names it or takes `**kwargs`. */
function wantsConstraint(getter: Value): boolean {
  if (getter.k !== 'func') return true;
  return getter.def.params.some((p) => p.name === 'constraint' || p.paramKind === 'kwarg');
}

/** A store result as a program value: variables wrapped; a custom getter's value as it is. */
function toValue(result: unknown): Value {
  const r = result as AVariable | APartitioned | Value;
  if ('opName' in r) return { k: 'variable', v: r };
  if ('parts' in r) return { k: 'partitioned', v: r };
  return r;
}

/** `.name` of a get_variable result (`scope/v:0`, a partitioned variable's `scope/v`). */
function resultName(v: Value): string | undefined {
  if (v.k === 'variable') return `${v.v.opName}:0`;
  if (v.k === 'partitioned') return v.v.name;
  if (v.k === 'tensor') return v.name ?? undefined;
  if (v.k === 'object') {
    const n = v.attrs.get('name');
    if (n && n.k === 'str') return n.v;
  }
  return undefined;
}

function orNull(v: Value | undefined): Value | null {
  return v === undefined || v.k === 'none' ? null : v;
}

/** `collections=[...]` of strings (GraphKeys values); anything else: not given. */
function collectionsArg(v: Value | undefined): string[] | null {
  if (!v || (v.k !== 'list' && v.k !== 'tuple')) return null;
  const out: string[] = [];
  for (const c of v.items) if (c.k === 'str') out.push(c.v);
  return out;
}

function boolArg(v: Value | undefined): boolean | null {
  return v && v.k === 'bool' ? v.v : null;
}

/**
 * A shape argument: a list/tuple of ints and None. A value the interpreter could not compute is
 * the core's `UNKNOWN` (as a whole or per dimension), never TF's `None`: unknown is not undefined.
 */
export function shapeArg(v: Value | undefined): Shape | undefined {
  if (v === undefined || v.k === 'none') return undefined;
  if (v.k === 'int') return [v.v];
  if (v.k === 'list' || v.k === 'tuple') {
    return v.items.map((d) =>
      d.k === 'int'
        ? d.v
        : d.k === 'none'
          ? null
          : d.k === 'dim'
            ? (d.v as number | null)
            : (UNKNOWN as unknown as null),
    );
  }
  if (v.k === 'tshape') return v.dims as Shape;
  return UNKNOWN as unknown as Shape;
}

function isConcrete(shape: Shape | undefined): boolean {
  if (shape === undefined || shape === null) return true;
  if ((shape as unknown) === UNKNOWN) return false;
  return shape.every((d) => (d as unknown) !== UNKNOWN);
}

export function dtypeArg(v: Value | undefined): DType | null {
  if (v && v.k === 'object' && v.kind === 'DType') {
    const name = v.attrs.get('name');
    if (name && name.k === 'str') return asDType(name.v);
  }
  if (v && v.k === 'str') return asDType(v.v);
  return null;
}

export function reuseArg(v: Value | undefined): ReuseArg {
  if (v === undefined || v.k === 'none') return null;
  if (v.k === 'bool') return v.v;
  if (v.k === 'object' && v.kind === 'AUTO_REUSE') return AUTO_REUSE;
  return 'unknown' as never;
}

/** The dtype and shape TF gives a Python value used as an initializer (`initializer=4`). */
function valueInfo(v: Value): { dtype: DType; shape: Shape } | null {
  if (v.k === 'int') return { dtype: DTypes.int32, shape: [] };
  if (v.k === 'float') return { dtype: DTypes.float32, shape: [] };
  if (v.k === 'bool') return { dtype: DTypes.bool, shape: [] };
  if (v.k === 'list' || v.k === 'tuple') {
    const inner = v.items.length > 0 ? valueInfo(v.items[0]) : { dtype: DTypes.float32, shape: [] };
    if (!inner || inner.shape === null) return null;
    const anyFloat = v.items.some((x) => valueInfo(x)?.dtype === DTypes.float32);
    return {
      dtype: anyFloat ? DTypes.float32 : inner.dtype,
      shape: [v.items.length, ...inner.shape],
    };
  }
  if (v.k === 'tensor') {
    if (!v.dtype || !Array.isArray(v.shape)) return null;
    return { dtype: v.dtype, shape: v.shape as Shape };
  }
  if (v.k === 'object' && v.kind === 'ndarray') {
    // A NumPy array: a constant, of its dtype (float64 unless made otherwise).
    const { shape, dtype } = ndarrayInfo(v);
    if (!dtype || !Array.isArray(shape) || shape.some((d) => typeof d !== 'number')) return null;
    return { dtype, shape: shape as Shape };
  }
  return null;
}

/** Python's list of names in a "missing" message: `'a'`, `'a' and 'b'`, `'a', 'b', and 'c'`. */
function pyNameList(names: readonly string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length <= 2) return q.join(' and ');
  return `${q.slice(0, -1).join(', ')}, and ${q[q.length - 1]}`;
}

/**
 * The TypeError of calling a program function as TF calls an initializer, `fn(shape,
 * dtype=dtype, partition_info=partition_info)`, or undefined when the call binds. CPython binds
 * keywords before it counts positional arguments, so an unexpected `dtype` is reported first.
 * The name is the function's `__name__`, as the Python of TF 1.15 printed it.
 */
function bindingError(fn: Value & { k: 'func' }): string | undefined {
  const params = fn.def.params;
  const positional = params.filter((p) => p.paramKind === 'positional');
  const kwonly = params.filter((p) => p.paramKind === 'kwonly');
  const varargs = params.some((p) => p.paramKind === 'vararg');
  const kwargs = params.some((p) => p.paramKind === 'kwarg');
  const name = fn.name;
  for (const kw of ['dtype', 'partition_info']) {
    if (positional[0]?.name === kw) return `${name}() got multiple values for argument '${kw}'`;
    if (!kwargs && !positional.some((p) => p.name === kw) && !kwonly.some((p) => p.name === kw))
      return `${name}() got an unexpected keyword argument '${kw}'`;
  }
  if (positional.length === 0 && !varargs)
    return `${name}() takes 0 positional arguments but 1 was given`;
  const passed = new Set(['dtype', 'partition_info']);
  const missing = positional
    .slice(1)
    .filter((p) => p.default === null && !passed.has(p.name))
    .map((p) => p.name);
  if (missing.length)
    return `${name}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${pyNameList(missing)}`;
  const missingKw = kwonly
    .filter((p) => p.default === null && !passed.has(p.name))
    .map((p) => p.name);
  if (missingKw.length)
    return `${name}() missing ${missingKw.length} required keyword-only argument${missingKw.length > 1 ? 's' : ''}: ${pyNameList(missingKw)}`;
  return undefined;
}

/** A Python value as a constant and which of its numbers are floats; undefined if not known. */
function constantOf(v: Value): { value: ConstantValue; floats: boolean[] } | undefined {
  const floats: boolean[] = [];
  const walk = (x: Value): ConstantValue | undefined => {
    if (x.k === 'int' && !x.hole) return (floats.push(false), x.v);
    if (x.k === 'float') return (floats.push(true), x.v);
    if (x.k === 'bool') return (floats.push(false), x.v);
    if (x.k === 'str') return (floats.push(false), x.v);
    if (x.k === 'list' || x.k === 'tuple') {
      const items: ConstantValue[] = [];
      for (const item of x.items) {
        const c = walk(item);
        if (c === undefined) return undefined;
        items.push(c);
      }
      return items;
    }
    return undefined;
  };
  const value = walk(v);
  return value === undefined ? undefined : { value, floats };
}

/**
 * What an initializer the program made does when the store calls it for a variable of `dtype`:
 * the checks of the engine's initializers, from src/core (a float for an int dtype, a random op
 * for a dtype it does not allow). Arguments or a shape the analyzer does not know: no check
 * (never a false error).
 */
function checkInitializerCall(init: Value, dtype: DType, shape: Shape): void {
  if (init.k !== 'object' || init.kind !== 'Initializer') return;
  const kindValue = init.attrs.get('_kind');
  if (!kindValue || kindValue.k !== 'str') return;
  const kind = kindValue.v;
  const arg = (name: string, dflt: PyNumber | null): PyNumber | null | undefined => {
    const v = init.attrs.get(name);
    if (v === undefined) return dflt;
    if (v.k === 'none') return null;
    if (v.k === 'int' && !v.hole) return { value: v.v, isFloat: false };
    if (v.k === 'float') return { value: v.v, isFloat: true };
    return undefined;
  };
  const str = (name: string, dflt: string): string | undefined => {
    const v = init.attrs.get(name);
    return v === undefined ? dflt : v.k === 'str' ? v.v : undefined;
  };
  const dims = Array.isArray(shape) && shape.every((d) => typeof d === 'number') ? shape : null;
  switch (kind) {
    case 'constant_initializer': {
      const c = constantOf(init.attrs.get('value') ?? { k: 'int', v: 0 });
      if (c) assertCompatible(c.value, dtype, c.floats);
      return;
    }
    case 'random_normal_initializer':
    case 'truncated_normal_initializer': {
      const mean = arg('mean', pyFloat(0.0));
      const stddev = arg('stddev', pyFloat(1.0));
      if (mean && stddev) checkNormalArgs(mean, stddev, dtype);
      return;
    }
    case 'random_uniform_initializer': {
      const minval = arg('minval', { value: 0, isFloat: false });
      const maxval = arg('maxval', null);
      if (minval && maxval !== undefined) checkUniformArgs(minval, maxval, dtype);
      return;
    }
    case 'uniform_unit_scaling_initializer': {
      const factor = arg('factor', pyFloat(1.0));
      if (factor && dims) checkDraw(uniformUnitScalingDraw(factor.value, dims), dtype);
      return;
    }
    case 'glorot_uniform_initializer':
    case 'glorot_normal_initializer':
    case 'variance_scaling_initializer': {
      const glorot = kind !== 'variance_scaling_initializer';
      const scale = glorot ? pyFloat(1.0) : arg('scale', pyFloat(1.0));
      const mode = glorot ? 'fan_avg' : str('mode', 'fan_in');
      const distribution =
        kind === 'glorot_uniform_initializer'
          ? 'uniform'
          : glorot
            ? 'truncated_normal'
            : str('distribution', 'truncated_normal')?.toLowerCase();
      if (!scale || mode === undefined || distribution === undefined) return;
      // A normal draw fails on its mean (0.0) whatever the shape; a uniform one names its limit.
      const normal = distribution !== 'uniform';
      if (!dims && !normal) return;
      checkDraw(varianceScalingDraw(scale.value, mode, distribution, dims ?? [1]), dtype);
      return;
    }
  }
}

class AnalyzerHooks implements StoreHooks<AnalyzerSlots, AVariable, APartitioned> {
  constructor(private readonly state: TfState) {}

  classifyInitializer(init: Value | null): InitializerInfo {
    if (init === null) return { kind: 'none' };
    if (init.k === 'func') {
      const required = init.def.params.filter(
        (p) => p.paramKind === 'positional' && p.default === null,
      ).length;
      return { kind: 'callable', acceptsNoArgs: required === 0 };
    }
    if (init.k === 'object' && init.kind === 'Initializer')
      return { kind: 'callable', acceptsNoArgs: false };
    const info = valueInfo(init);
    if (info)
      return { kind: 'value', dtype: info.dtype, shape: info.shape, isTensor: init.k === 'tensor' };
    // Not understood: assume an initializer that accepts the shape (never a false error).
    return { kind: 'callable', acceptsNoArgs: true };
  }

  defaultInitializer(): Value {
    return { k: 'object', kind: 'Initializer', attrs: new Map() };
  }

  isCallable(x: unknown): boolean {
    const v = x as Value;
    return (
      v.k === 'func' ||
      v.k === 'builtin' ||
      v.k === 'class' ||
      v.k === 'instance' ||
      // Not known (`tf.min_max_variable_partitioner(...)`, an initializer from a library): it
      // may be callable, and claiming "not callable" would be a false certainty.
      v.k === 'unknown' ||
      (v.k === 'object' && v.kind !== 'DType')
    );
  }

  repr(x: unknown): string {
    const v = x as Value;
    if (v.k === 'int' || v.k === 'float') return String(v.v);
    if (v.k === 'str') return v.v;
    return '<object>';
  }

  createVariable(spec: CreateSpec<AnalyzerSlots>): AVariable {
    const opName = this.state.names.uniqueVariableName(spec.name);
    // Called with the shape, the initializer converts its value to the variable's dtype, as
    // the engine's does: `constant_initializer(2.0)` for an int32 variable raises TypeError
    // (its op name is used up by then, as in TF).
    // (An empty shape is np.empty: no conversion, no check.)
    const dtypeNotKnown = this.state.dtypeNotKnown;
    if (
      spec.initMode === 'shape' &&
      !dtypeNotKnown &&
      !(Array.isArray(spec.shape) && spec.shape.includes(0))
    )
      checkInitializerCall(
        spec.initializer,
        spec.dtype.baseDType,
        spec.partitionInfo?.fullShape ?? spec.shape,
      );
    // A function of the program called with the shape: Python's own binding error when it
    // cannot take `(shape, dtype=..., partition_info=...)` (a zero-argument lambda).
    if (spec.initMode === 'shape' && spec.initializer.k === 'func') {
      const message = bindingError(spec.initializer);
      if (message) raise(ERROR_CODES.initializerArgs, 'TypeError', message);
    }
    let shape = spec.shape;
    let dtype = spec.dtype;
    // From a value, or from what `initializer()` returns, TF takes the variable's shape and
    // dtype from the value (`variable_dtype = None`: the dtype asked for is not applied).
    const value =
      spec.initMode === 'value'
        ? spec.initializer
        : spec.initMode === 'no-args' && spec.initializer.k === 'func'
          ? this.state.callFn(spec.initializer, [], new Map())
          : undefined;
    const info = value && valueInfo(value);
    if (info) {
      shape = info.shape;
      dtype = info.dtype;
    }
    const shapeNotKnown =
      shape === null && !info && (spec.initMode === 'value' || spec.initMode === 'no-args');
    const isResource = spec.useResource;
    // variables.py: GLOBAL_VARIABLES unless collections are given; TRAINABLE_VARIABLES added.
    const collections = [...(spec.collections ?? ['variables'])];
    if (spec.trainable && !collections.includes('trainable_variables'))
      collections.push('trainable_variables');
    const v: AVariable = {
      opName,
      key: spec.name,
      shape,
      dtype: isResource ? dtype.baseDType : dtype.baseDType.asRef,
      isResource,
      trainable: spec.trainable,
      collections,
      ...(shapeNotKnown ? { shapeNotKnown } : {}),
      ...(dtypeNotKnown && !info ? { dtypeNotKnown: true } : {}),
    };
    // It joins its collections as it is made, as TF's variable constructor adds it: what a
    // custom getter then returns (a sum, an identity) or raises does not take it out.
    this.state.collectVariable(v);
    return v;
  }

  /**
   * `_get_single_variable`: the regularizer called on the new variable in name scope
   * `<name>/Regularizer/`, a loss that is not None added to REGULARIZATION_LOSSES.
   */
  applyRegularizer(variable: AVariable, regularizer: Value, name: string): void {
    const state = this.state;
    state.names.withNameScope(`${name}/Regularizer/`, () => {
      const loss = state.callFn(regularizer, [{ k: 'variable', v: variable }], new Map());
      if (loss.k !== 'none') state.collection('regularization_losses').items.push(loss);
    });
  }

  callCustomGetter(
    getter: Value,
    trueGetter: (req: StoreRequest<AnalyzerSlots>) => AVariable | APartitioned,
    req: StoreRequest<AnalyzerSlots>,
  ): AVariable | APartitioned {
    if (!isGetterFn(getter)) return trueGetter({ ...req, customGetter: null });
    // TF calls custom_getter(getter=..., name=..., shape=..., ...): every argument a keyword.
    const kwargs = new Map<string, Value>([
      ['name', { k: 'str', v: req.name }],
      [
        'shape',
        req.shape === undefined || req.shape === null
          ? NONE
          : {
              k: 'list',
              items: req.shape.map((d) => (d === null ? NONE : ({ k: 'int', v: d } as Value))),
            },
      ],
      ['dtype', dtypeValue(req.dtype.name)],
      ['initializer', req.initializer ?? NONE],
      ['regularizer', req.regularizer ?? NONE],
      [
        'reuse',
        req.reuse === true || req.reuse === false
          ? { k: 'bool', v: req.reuse }
          : { k: 'object', kind: 'AUTO_REUSE', attrs: new Map() },
      ],
      ['trainable', req.trainable === null ? NONE : { k: 'bool', v: req.trainable }],
      [
        'collections',
        req.collections === null
          ? NONE
          : { k: 'list', items: req.collections.map((c) => ({ k: 'str', v: c }) as Value) },
      ],
      ['caching_device', req.cachingDevice ?? NONE],
      ['partitioner', req.partitioner ?? NONE],
      ['validate_shape', { k: 'bool', v: req.validateShape }],
      ['use_resource', req.useResource === null ? NONE : { k: 'bool', v: req.useResource }],
      ['synchronization', UNKNOWN_VALUE],
      ['aggregation', UNKNOWN_VALUE],
    ]);
    if (wantsConstraint(getter)) kwargs.set('constraint', req.constraint ?? NONE);
    const trueGetterFn: Value = {
      k: 'builtin',
      name: 'getter',
      call: (args, kw) => {
        const given = new Map<string, Value>();
        args.forEach((a, i) => {
          if (i < TRUE_GETTER_PARAMS.length) given.set(TRUE_GETTER_PARAMS[i], a);
        });
        for (const [k, v] of kw) given.set(k, v);
        // What the getter passed replaces the request's value; what it left out keeps it.
        const name = given.get('name');
        const shape = given.get('shape');
        const dtype = dtypeArg(given.get('dtype'));
        const next: StoreRequest<AnalyzerSlots> = {
          ...req,
          customGetter: null,
          name: name && name.k === 'str' ? name.v : req.name,
          shape: shape === undefined ? req.shape : shapeArg(shape),
          dtype: dtype ?? req.dtype,
        };
        if (given.has('initializer')) next.initializer = orNull(given.get('initializer'));
        if (given.has('regularizer')) next.regularizer = orNull(given.get('regularizer'));
        const trainable = given.get('trainable');
        if (trainable && (trainable.k === 'bool' || trainable.k === 'none'))
          next.trainable = boolArg(trainable);
        const collections = given.get('collections');
        if (collections && collections.k === 'none') next.collections = null;
        else if (collections) next.collections = collectionsArg(collections) ?? req.collections;
        return toValue(trueGetter(next));
      },
    };
    const out = this.state.callFn(getter, [], new Map([['getter', trueGetterFn], ...kwargs]));
    if (out.k === 'variable' || out.k === 'partitioned') return out.v;
    return out as unknown as AVariable;
  }

  partition(partitioner: Value, shape: readonly number[], dtype: DType): number[] {
    if (partitioner.k === 'object' && partitioner.kind === 'Partitioner') {
      const fn = partitioner.attrs.get('fn') as unknown as { fn: Partitioner } | undefined;
      if (fn) return fn.fn(shape, dtype);
    }
    // TF calls `partitioner(shape=..., dtype=...)`.
    const out = this.state.callFn(
      partitioner,
      [],
      new Map<string, Value>([
        ['shape', { k: 'list', items: shape.map((d) => ({ k: 'int', v: d }) as Value) }],
        [
          'dtype',
          {
            k: 'object',
            kind: 'DType',
            attrs: new Map([['name', { k: 'str', v: dtype.name } as Value]]),
          },
        ],
      ]),
    );
    if ((out.k === 'list' || out.k === 'tuple') && out.items.every((x) => x.k === 'int'))
      return out.items.map((x) => (x as { v: number }).v);
    this.state.partitionAssumed = true;
    return shape.map(() => 1);
  }

  sliceValue(init: Value): Value {
    return init;
  }

  createPartitioned(
    name: string,
    shape: readonly number[],
    dtype: DType,
    parts: AVariable[],
    partitions: readonly number[],
  ): APartitioned {
    // The dtype asked for, as TF 1.15 builds it: only the parts are reference variables.
    return { name, shape, dtype: dtype.baseDType, partitions, parts };
  }

  atRootNameScope<A, T>(fn: (arg: A) => T, arg: A): T {
    return this.state.names.atRoot(fn, arg);
  }
}

/** `tf.fixed_size_partitioner(n, axis)` as an abstract value. */
export function partitionerValue(numShards: number, axis: number): Value {
  const attrs = new Map<string, Value>();
  attrs.set('fn', { fn: fixedSizePartitioner(numShards, axis) } as unknown as Value);
  return { k: 'object', kind: 'Partitioner', attrs };
}

export function errorMessage(info: ErrorInfo): string {
  return `${info.pyClass}: ${firstLine(info.message)}`;
}

export { NONE, UNKNOWN_VALUE };

/**
 * The first existing name (in creation order) a name or pattern may equal. A name without holes
 * can only equal a pattern, and names split into different numbers of segments never match, so
 * the scan is over those names only; names are split once, as the store grows (it only grows).
 */
class AliasIndex {
  private seen = 0;
  /** Every name, and the names with holes, by segment count: [name, segments]. */
  private readonly all = new Map<number, Array<[string, string[]]>>();
  private readonly patterns = new Map<number, Array<[string, string[]]>>();

  find(name: string, vars: ReadonlyMap<string, unknown>): string | null {
    this.sync(vars);
    const segments = name.split('/');
    const pool = (hasHoles(name) ? this.all : this.patterns).get(segments.length);
    if (pool)
      for (const [key, ks] of pool) if (vars.has(key) && mayEqualSegments(segments, ks)) return key;
    return null;
  }

  private sync(vars: ReadonlyMap<string, unknown>): void {
    if (vars.size === this.seen) return;
    if (vars.size < this.seen) {
      // A name left the store (an alias made for one call): index it anew.
      this.all.clear();
      this.patterns.clear();
      this.seen = 0;
    }
    let i = 0;
    for (const key of vars.keys()) {
      if (i++ < this.seen) continue;
      const ks = key.split('/');
      push(this.all, ks.length, [key, ks]);
      if (hasHoles(key)) push(this.patterns, ks.length, [key, ks]);
    }
    this.seen = vars.size;
  }
}

function push<K, T>(m: Map<K, T[]>, k: K, v: T): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}
