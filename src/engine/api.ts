/**
 * The engine's public API: TF1 variable sharing in TensorFlow.js style (camelCase, options
 * objects, callbacks instead of `with` blocks).
 *
 * ```ts
 * variableScope('layer1', () => getVariable('w', { shape: [3, 3] }));      // layer1/w:0
 * variableScope('layer1', { reuse: true }, () => getVariable('w'));         // the same Variable
 * ```
 *
 * Every function acts on the default graph (`getDefaultGraph()`); TF's rules come from src/core.
 */
import { tf } from './backend';
import { asDType, DType } from '../core/dtypes';
import { ERROR_CODES, raise, toException } from '../core/errors';
import { AUTO_REUSE, ReuseArg } from '../core/reuse';
import { Shape } from '../core/shape';
import { GetVariableArgs, scopeGetVariableNamed } from '../core/store';
import {
  ScopeFrame,
  validateScopeArgs,
  VariableScope,
  VariableScopeArgs,
} from '../core/variable-scope';
import { Partitioner } from '../core/partitioners';
import { getDefaultGraph } from './default-graph';
import { setBoundary } from './callsite';
import { GraphKeys } from './graph-keys';
import { CustomGetter, EngineSlots, InitializerArg, RegularizerArg, TensorLike } from './types';
import { PartitionedVariable, Variable } from './variable';

export type DTypeArg = DType | string;

/** Options of `variableScope`, TF's keyword arguments in camelCase. */
export interface VariableScopeOptions {
  /** `true`, `false`/`null` (inherit), or `AUTO_REUSE`. */
  reuse?: ReuseArg;
  /** Used when `nameOrScope` is null; made unique (`layer`, `layer_1`, ...). */
  defaultName?: string | null;
  initializer?: InitializerArg | null;
  regularizer?: RegularizerArg | null;
  cachingDevice?: string | null;
  partitioner?: Partitioner | null;
  customGetter?: CustomGetter | null;
  dtype?: DTypeArg | null;
  useResource?: boolean | null;
  constraint?: ((t: tf.Tensor) => tf.Tensor) | null;
  /** When false, no name scope is opened for ops. Default true. */
  auxiliaryNameScope?: boolean;
}

/** Options of `getVariable`. */
export interface GetVariableOptions {
  /** A list of dimensions (`null` for unknown) or omitted. */
  shape?: readonly (number | null)[] | null;
  dtype?: DTypeArg | null;
  initializer?: InitializerArg | null;
  regularizer?: RegularizerArg | null;
  trainable?: boolean | null;
  collections?: readonly string[] | null;
  cachingDevice?: string | null;
  partitioner?: Partitioner | null;
  validateShape?: boolean;
  useResource?: boolean | null;
  customGetter?: CustomGetter | null;
  constraint?: ((t: tf.Tensor) => tf.Tensor) | null;
}

function toDType(d: DTypeArg | null | undefined): DType | null {
  if (d === null || d === undefined) return null;
  return typeof d === 'string' ? asDType(d) : d;
}

function toShape(shape: readonly (number | null)[] | null | undefined): Shape | undefined {
  if (shape === undefined || shape === null) return undefined;
  if (!Array.isArray(shape)) {
    raise(
      ERROR_CODES.shapeArgs,
      'TypeError',
      `Shape must be a list of dimensions, got ${String(shape)}`,
    );
  }
  for (const d of shape) {
    if (d !== null && (!Number.isInteger(d) || d < 0)) {
      raise(ERROR_CODES.shapeArgs, 'ValueError', `Dimension ${String(d)} must be >= 0`);
    }
  }
  return shape;
}

function scopeArgs(
  nameOrScope: string | VariableScope<EngineSlots> | null,
  o: VariableScopeOptions,
): VariableScopeArgs<EngineSlots> {
  return {
    nameOrScope,
    defaultName: o.defaultName ?? null,
    reuse: o.reuse,
    initializer: o.initializer ?? null,
    regularizer: o.regularizer ?? null,
    cachingDevice: o.cachingDevice ?? null,
    partitioner: o.partitioner ?? null,
    customGetter: o.customGetter ?? null,
    dtype: toDType(o.dtype),
    useResource: o.useResource ?? null,
    constraint: o.constraint ?? null,
    auxiliaryNameScope: o.auxiliaryNameScope ?? true,
  };
}

/**
 * `with tf.variable_scope(nameOrScope, ...) as scope:` — runs `fn(scope)` inside the scope and
 * returns its result. The scope is left when `fn` returns or throws. `fn` must be synchronous:
 * TF1 scopes are a stack, and an `await` inside would let other code run in this scope.
 */
export function variableScope<T>(
  nameOrScope: string | VariableScope<EngineSlots> | null,
  fn: (scope: VariableScope<EngineSlots>) => T,
): T;
export function variableScope<T>(
  nameOrScope: string | VariableScope<EngineSlots> | null,
  options: VariableScopeOptions,
  fn: (scope: VariableScope<EngineSlots>) => T,
): T;
export function variableScope<T>(
  nameOrScope: string | VariableScope<EngineSlots> | null,
  optionsOrFn: VariableScopeOptions | ((scope: VariableScope<EngineSlots>) => T),
  maybeFn?: (scope: VariableScope<EngineSlots>) => T,
): T {
  const options = typeof optionsOrFn === 'function' ? {} : optionsOrFn;
  const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
  if (typeof fn !== 'function') {
    raise(
      ERROR_CODES.scopeArgs,
      'TypeError',
      'variableScope needs a function to run inside the scope',
    );
  }
  const graph = getDefaultGraph();
  return graph.scopes.run(scopeArgs(nameOrScope, options), (scope) => fn(scope));
}

/**
 * Enters a variable scope without a callback; the caller must `exitVariableScope` the returned
 * frame (in a `finally`). For runtimes that model `with` blocks themselves (the Python runtime).
 */
export function enterVariableScope(
  nameOrScope: string | VariableScope<EngineSlots> | null,
  options: VariableScopeOptions = {},
): ScopeFrame<EngineSlots> {
  return getDefaultGraph().scopes.enter(scopeArgs(nameOrScope, options));
}

/**
 * The checks TF makes when `variable_scope(...)` is built, before it is entered (Python's
 * `tf.variable_scope(None)` fails at once, `tf.variable_scope(3)` only at `with`). Throws TF's error.
 */
export function validateVariableScopeArgs(
  nameOrScope: string | VariableScope<EngineSlots> | null,
  options: VariableScopeOptions = {},
): void {
  const result = validateScopeArgs(scopeArgs(nameOrScope, options));
  if ('code' in result) throw toException(result);
}

export function exitVariableScope(frame: ScopeFrame<EngineSlots>): void {
  getDefaultGraph().scopes.exit(frame);
}

function checkVariableName(name: string): string {
  if (typeof name !== 'string') {
    raise(
      ERROR_CODES.scopeArgs,
      'TypeError',
      `Variable name must be a string, got ${String(name)}`,
    );
  }
  return name;
}

/**
 * The options as the store's arguments. Every field the store reads means the same in both,
 * except a `null` shape (the store's "no shape" is `undefined`), a dtype given by its name and a
 * `reuse` (not an option: ignored); unless one of those is present the options object itself is
 * passed, so that a creation (the hot path) copies nothing.
 */
function storeArgs(o: GetVariableOptions): Omit<GetVariableArgs<EngineSlots>, 'name'> {
  const shape = toShape(o.shape);
  if (o.shape !== null && typeof o.dtype !== 'string' && !('reuse' in o)) {
    return o as Omit<GetVariableArgs<EngineSlots>, 'name'>;
  }
  return {
    shape,
    dtype: toDType(o.dtype),
    initializer: o.initializer ?? null,
    regularizer: o.regularizer ?? null,
    trainable: o.trainable ?? null,
    collections: o.collections ?? null,
    cachingDevice: o.cachingDevice ?? null,
    partitioner: o.partitioner ?? null,
    validateShape: o.validateShape ?? true,
    useResource: o.useResource ?? null,
    customGetter: o.customGetter ?? null,
    constraint: o.constraint ?? null,
  };
}

/**
 * `tf.get_variable(name, ...)`: creates `scope/name` or, when the scope reuses, returns the
 * existing variable. Throws TF's `ValueError` otherwise. With a partitioner, returns a
 * `PartitionedVariable`.
 */
export function getVariable(
  name: string,
  options: GetVariableOptions = {},
): Variable | PartitionedVariable {
  const graph = getDefaultGraph();
  return scopeGetVariableNamed(
    graph.currentScope,
    graph.store,
    checkVariableName(name),
    storeArgs(options),
  );
}

/** `tf.get_local_variable`: in LOCAL_VARIABLES (plus `collections`), never trainable. */
export function getLocalVariable(
  name: string,
  options: GetVariableOptions = {},
): Variable | PartitionedVariable {
  const collections = options.collections
    ? [...options.collections, GraphKeys.LOCAL_VARIABLES]
    : [GraphKeys.LOCAL_VARIABLES];
  return getVariable(name, { ...options, trainable: false, collections });
}

/** `tf.get_variable_scope()`. */
export function getVariableScope(): VariableScope<EngineSlots> {
  return getDefaultGraph().currentScope;
}

/**
 * `with tf.name_scope(name) as scope:` — names ops (not `getVariable` variables). `fn` receives
 * the scope string (`'outer/name/'`). A name ending in `/` re-enters that scope as is; `null` or
 * `''` goes to the root.
 */
export function nameScope<T>(name: string | null, fn: (scope: string) => T): T {
  return getDefaultGraph().names.withNameScope(name, fn);
}

/**
 * Reserves the name TF would give a new op called `name` in the current name scope
 * (`ops.py::Graph.unique_name`): `'c'`, then `'c_1'`; case-insensitive. Returns the op name
 * without `:0`. For code that builds its own ops (the Python runtime) and for tests.
 */
export function uniqueOpName(name: string): string {
  return getDefaultGraph().names.uniqueName(name);
}

/** `tf.Variable(initial_value, name=...)`: never shared, never seen by `getVariable`. */
export function variable(
  initialValue: TensorLike | (() => TensorLike),
  options: {
    name?: string;
    trainable?: boolean;
    collections?: readonly string[];
    dtype?: DTypeArg;
    useResource?: boolean;
  } = {},
): Variable {
  return getDefaultGraph().newVariable(initialValue, {
    ...options,
    dtype: toDType(options.dtype) ?? undefined,
  });
}

export function getCollection(key: string, scope?: string | null): unknown[] {
  return getDefaultGraph().getCollection(key, scope);
}

export function getCollectionRef(key: string): unknown[] {
  return getDefaultGraph().getCollectionRef(key);
}

export function addToCollection(key: string, value: unknown): void {
  getDefaultGraph().addToCollection(key, value);
}

export function addToCollections(keys: Iterable<string>, value: unknown): void {
  getDefaultGraph().addToCollections(keys, value);
}

export function globalVariables(scope?: string | null): Variable[] {
  return getCollection(GraphKeys.GLOBAL_VARIABLES, scope) as Variable[];
}

export function trainableVariables(scope?: string | null): Variable[] {
  return getCollection(GraphKeys.TRAINABLE_VARIABLES, scope) as Variable[];
}

export function localVariables(scope?: string | null): Variable[] {
  return getCollection(GraphKeys.LOCAL_VARIABLES, scope) as Variable[];
}

export function modelVariables(scope?: string | null): Variable[] {
  return getCollection(GraphKeys.MODEL_VARIABLES, scope) as Variable[];
}

setBoundary('getVariable', getVariable);
setBoundary('variable', variable);

export { AUTO_REUSE, GraphKeys };
