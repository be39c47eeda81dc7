/**
 * TF1 variables backed by TensorFlow.js tensors.
 *
 * A `Variable` is what `getVariable` returns: its TF identity (`name` `scope/v:0`, `opName`,
 * `shape`, `dtype` with `_ref` for reference variables, `trainable`) and its value, a
 * `tf.Variable`. The tfjs variable is named by tfjs's own counter (never repeated in a process),
 * so tfjs's global variable registry can never make a second run or a reset fail.
 *
 * A large variable's value is lazy, as in TF where a variable's memory is allocated when its
 * initializer runs: the graph hands the `Variable` a `materialize` function, and the value (and
 * the kept initial value) exist from the first read of `value` or `initialValue` on. That read
 * is where a value too large for the memory budget fails (memory.ts).
 */
import { tf } from './backend';
import { DType } from '../core/dtypes';
import { SourceLocation } from '../core/errors';
import { formatShape } from '../core/shape';
import type { Graph } from './graph';
import type { CallSite } from './callsite';
import type { RandomDraw } from '../core/initializer-calls';
import type { Initializer, PartitionInfo } from './initializers/base';

let variableCounter = 0;

export class Variable {
  /** @internal */
  constructor(
    readonly graph: Graph,
    /** The op name, e.g. `scope/v` (may be uniquified: `scope/v_1`). */
    readonly opName: string,
    /** The variable-store key (`scope/v`) for `getVariable`, or null for a `tf.Variable`. */
    readonly key: string | null,
    readonly shape: readonly number[],
    /** `float32_ref` for reference variables, `float32` for resource variables. */
    readonly dtype: DType,
    readonly trainable: boolean,
    /** The tensor holding the current value, or the function that makes it (and the kept copy). */
    value: tf.Variable | (() => { value: tf.Variable; initial: tf.Tensor | null }),
    readonly isResource: boolean,
    /** Collections the variable was added to when created. */
    readonly collections: readonly string[],
    /** The last part of `initializerOpName` (`random_uniform`), if any. */
    private readonly initializerOp: string | null,
    private readonly callSite?: CallSite,
    /**
     * A copy of the initial value, kept only when the graph was asked to
     * (`keepInitialValues`): TF's `initial_value` and re-running an initializer need it.
     */
    initialValue: tf.Tensor | null = null,
  ) {
    if (typeof value === 'function') this.make = value;
    else this.current = value;
    this.kept = initialValue;
  }

  /**
   * The random op the initializer drew the initial value with and its arguments
   * (`Initializer.drawOf`), when an initializer object made it: what the Python runtime gives
   * the initializer subgraph's intermediate ops (`random_uniform/min`, ...).
   */
  get initializerDraw(): (() => RandomDraw | null) | null {
    const init = this.drawnBy;
    if (init === null) return null;
    const shape = this.shape;
    const partitionInfo = this.drawPartition;
    return () => init.drawOf(shape, partitionInfo);
  }

  // What `initializerDraw` asks (kept as fields: a closure per variable would cost more). The
  // shape the initializer was called with is the variable's own.
  private drawnBy: Initializer | null = null;
  private drawPartition: PartitionInfo | undefined = undefined;

  /**
   * @internal The initializer object that made the initial value, called with the variable's
   * shape (see `initializerDraw`).
   */
  setInitializer(init: Initializer, partitionInfo: PartitionInfo | undefined): void {
    this.drawnBy = init;
    this.drawPartition = partitionInfo;
  }

  private current: tf.Variable | null = null;
  private kept: tf.Tensor | null;
  private make: (() => { value: tf.Variable; initial: tf.Tensor | null }) | null = null;

  /** Identifies the variable without making its value (the tfjs variable's name would). */
  readonly uid = ++variableCounter;

  /** The tensor holding the current value (made on first use; do not dispose it). */
  get value(): tf.Variable {
    if (this.current === null) this.materialize();
    return this.current!;
  }

  /** The kept initial value (see the constructor), made with the value. */
  get initialValue(): tf.Tensor | null {
    if (this.current === null) this.materialize();
    return this.kept;
  }

  /** Whether the value exists yet (a lazy variable's does from its first read). */
  get isMaterialized(): boolean {
    return this.current !== null;
  }

  private materialize(): void {
    const made = this.make!();
    this.make = null;
    this.current = made.value;
    this.kept = made.initial;
  }

  /**
   * The op name of the initial value (`scope/v/Initializer/random_uniform`), if any. Built when
   * asked: most variables never are, and creation is the hot path.
   */
  get initializerOpName(): string | null {
    return this.initializerOp === null ? null : `${this.opName}/Initializer/${this.initializerOp}`;
  }

  /** Where user code created the variable, when known. */
  get definedAt(): SourceLocation | undefined {
    return this.callSite?.location;
  }

  /** Python-style traceback lines for TF's "Originally defined at:" message. */
  get traceback(): string | undefined {
    return this.callSite?.traceback;
  }

  /** TF's `Variable.name`: the op name with `:0`. */
  get name(): string {
    return `${this.opName}:0`;
  }

  /** Number of elements. */
  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  /** The current value (the tfjs variable itself; do not dispose it). */
  read(): tf.Tensor {
    return this.value;
  }

  /** Assigns a new value of the same shape (TF `assign`). */
  assign(value: tf.Tensor): void {
    this.value.assign(value);
  }

  /** `<tf.Variable 'scope/v:0' shape=(2, 3) dtype=float32_ref>`, as TF 1.15 prints it. */
  toString(): string {
    return `<tf.Variable '${this.name}' shape=${formatShape(this.shape)} dtype=${this.dtype.name}>`;
  }
}

/** What `getVariable` returns when a partitioner splits a variable: its parts in order. */
export class PartitionedVariable implements Iterable<Variable> {
  /** @internal */
  constructor(
    /** The store key; TF's `PartitionedVariable.name` has no `:0`. */
    readonly name: string,
    readonly shape: readonly number[],
    readonly dtype: DType,
    readonly variables: readonly Variable[],
    readonly partitions: readonly number[],
  ) {}

  [Symbol.iterator](): Iterator<Variable> {
    return this.variables[Symbol.iterator]();
  }

  get length(): number {
    return this.variables.length;
  }

  /** The parts concatenated along the partition axis (a new tensor; the caller disposes it). */
  asTensor(): tf.Tensor {
    const axis = Math.max(
      0,
      this.partitions.findIndex((p) => p > 1),
    );
    return tf.concat(
      this.variables.map((v) => v.value),
      axis,
    );
  }

  toString(): string {
    return `<tf.PartitionedVariable '${this.name}' shape=${formatShape(this.shape)} dtype=${this.dtype.name}>`;
  }
}
