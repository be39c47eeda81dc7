/**
 * The engine's argument types: what a user may pass where TF takes an initializer, a regularizer,
 * a partitioner or a custom getter. They fill the core's opaque scope slots (`EngineSlots`).
 */
import { tf } from './backend';
import { DType } from '../core/dtypes';
import { Reuse } from '../core/reuse';
import { Shape } from '../core/shape';
import { ScopeSlots, VariableScope as CoreVariableScope } from '../core/variable-scope';
import { Partitioner } from '../core/partitioners';
import type { Initializer } from './initializers';
import type { Regularizer } from './regularizers';
import type { PartitionedVariable, Variable } from './variable';

/** A nested array of numbers or booleans, as `tf.constant` takes it. */
export type ValueLike = number | boolean | string | ValueLike[];

/**
 * A tensor together with the TF dtype it stands for. tfjs has no int64 or float64, so such a
 * tensor is stored as int32 or float32; a bare `tf.Tensor` is taken to be of its storage dtype,
 * while a `TypedTensor` keeps the declared one (a host runtime's `tf.constant(..., tf.int64)`).
 * The engine reads it and copies the tensor; it never takes ownership.
 */
export class TypedTensor {
  constructor(
    readonly tensor: tf.Tensor,
    readonly dtype: DType,
    /**
     * Made from a Python value (`initializer=3`), not a TF Tensor: TF 1.15 takes a partitioned
     * variable's shape only from a Tensor initializer (`_get_partitioned_variable`).
     */
    readonly fromValue = false,
  ) {}
}

/**
 * A tensor value made only when it is needed, whose shape and TF dtype are known before: what a
 * host runtime passes for a graph tensor (`tf.Variable(tf.zeros([30522, 768]))`), so that a
 * large variable's initial value is computed when the variable is first read, as TF computes it
 * when the initializer runs. `make` returns a new tensor, which the engine consumes.
 */
export class LazyTensor {
  constructor(
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly make: () => tf.Tensor | TypedTensor,
  ) {}
}

/**
 * What stands where TF takes a tensor value: a tfjs tensor, a typed one, a lazy one, or a plain
 * value.
 */
export type TensorLike = tf.Tensor | TypedTensor | LazyTensor | ValueLike;

/**
 * An initializer: an `Initializer` (`initializers.zeros()`), a function `(shape, dtype) => value`,
 * a zero-argument function returning the initial value, a tensor (maybe typed), or a plain value.
 */
export type InitializerArg =
  | Initializer
  | TensorLike
  | ((shape: number[], dtype: DType, partitionInfo?: unknown) => TensorLike)
  | (() => TensorLike);

/**
 * A regularizer a host runtime implements itself (the Python runtime: a Python function building
 * graph ops). It is called inside the `<var>/Regularizer/` name scope with the new variable and
 * returns the loss to add to REGULARIZATION_LOSSES as is (already named), or null/undefined.
 */
export interface HostRegularizer {
  readonly hostRegularizer: true;
  applyToVariable(variable: Variable): unknown;
}

/** A regularizer from `regularizers.*`, a function of the weights returning a loss or null, or a host regularizer. */
export type RegularizerArg =
  Regularizer | HostRegularizer | ((weights: tf.Tensor) => tf.Tensor | null);

/** What a custom getter receives besides the getter: TF's keyword arguments, camel-cased. */
export interface GetterArgs {
  name: string;
  shape: Shape | undefined;
  dtype: DType;
  initializer: InitializerArg | null;
  regularizer: RegularizerArg | null;
  reuse: Reuse;
  trainable: boolean | null;
  collections: readonly string[] | null;
  cachingDevice: string | null;
  partitioner: Partitioner | null;
  validateShape: boolean;
  useResource: boolean | null;
  constraint: ((t: tf.Tensor) => tf.Tensor) | null;
  /**
   * What a host-language getter passed to its `getter`, exactly as it passed it, for the getter it
   * wraps (a Python getter's positional and keyword arguments). The engine never reads it.
   */
  raw?: unknown;
}

export type Getter = (args: GetterArgs) => Variable | PartitionedVariable;

/**
 * How TF 1.15 calls a custom getter. `'store'`: the variable store calls the scope's getter with
 * every argument a keyword (`getter=` too; `constraint=` only if the getter names it or takes
 * `**kwargs`). `'wrapped'`: the getter of the inner of two scopes with getters, called by
 * `_maybe_wrap_custom_getter`'s wrapper: the getter first and positionally, every other argument a
 * keyword, `constraint=` always. `'partial'`: the outer one, called through the getter the inner
 * one was handed: the getter first and positionally, then exactly what the inner one passed
 * (`args.raw` when it was a Python getter).
 */
export type GetterCall = 'store' | 'wrapped' | 'partial';

/** TF's `custom_getter(getter, *args, **kwargs)`, as `(getter, args) => getter(args)`. */
export type CustomGetter = (
  getter: Getter,
  args: GetterArgs,
  call?: GetterCall,
) => Variable | PartitionedVariable;

export interface EngineSlots extends ScopeSlots {
  initializer: InitializerArg;
  regularizer: RegularizerArg;
  partitioner: Partitioner;
  customGetter: CustomGetter;
  constraint: (t: tf.Tensor) => tf.Tensor;
  cachingDevice: string;
}

/** A variable scope as the engine hands it to users. */
export type EngineVariableScope = CoreVariableScope<EngineSlots>;
