/**
 * Tensors and their static shapes, as TF 1.15's shape functions compute them: placeholders,
 * constants, element-wise ops with broadcasting, `matmul`, `reshape`, `concat`, `stack`,
 * `split`, `transpose`, `pad`, reductions, convolutions and pooling, gathers, `one_hot`, `cast`,
 * `tf.shape`; `TensorShape` and `Dimension` with the methods programs read shapes through
 * (`get_shape()`, `as_list()`, `ndims`, `shape[i]`, `.value`, `dimension_value`).
 *
 * A shape is the core's `AbstractShape`: `null` (rank) and `null` dimensions are TF's own
 * unknowns (what TF prints as `<unknown>` and `?`); `UNKNOWN` is what the analyzer could not
 * compute. The two never mix up: a dimension the analyzer does not know is `UNKNOWN`, never a
 * guess and never TF's `None` (so `get_variable(shape=[d])` with `d` not known raises nothing).
 * Where TF itself would reject the inputs (incompatible dimensions), the result is `UNKNOWN`:
 * the analyzer does not report shape errors of ops.
 *
 * The shape rules themselves are the core's (src/core/shape-fns.ts, TF's C++ shape functions),
 * the same the runtime builds its graphs with; this module reads the arguments (`attrOf`) and
 * names the ops.
 *
 * Each op takes its name from the graph's `NameRegistry` (`MatMul`, `add_1`, `dense/BiasAdd`),
 * so names of later ops and scopes stay right. Ops TF builds from several ops (`dropout`,
 * `embedding_lookup`, ...) take their scope name and leave the tensor's name unknown.
 */
import { DType, DTypes, tryDType } from '../../core/dtypes';
import { AbstractDim, AbstractShape, UNKNOWN } from '../../core/shape';
import { ScopeLensError } from '../../core/errors';
import { assertCompatible, pyFloat } from '../../core/py-values';
import { Attr, Attrs, broadcastShapes, inferShapes } from '../../core/shape-fns';
import type { Interpreter } from './interpreter';
import type { AVariable } from './tf-model';
import { Deps, NONE, PyRaise, pyStr, UNKNOWN_DTYPE, UNKNOWN_VALUE, Value } from './values';

type Dims = readonly AbstractDim[];
type Args = { args: Value[]; kwargs: Map<string, Value> };
type OpFn = (interp: Interpreter, a: Args) => Value;

const U: typeof UNKNOWN = UNKNOWN;

function int(v: number): Value {
  return { k: 'int', v };
}

// -- dtypes ------------------------------------------------------------------------------------

const dtypeValues = new Map<string, Value>();

/** `tf.float32` and friends: an object with `name`, `base_dtype`, `is_floating`, ... */
export function dtypeValue(name: string): Value {
  const known = dtypeValues.get(name);
  if (known) return known;
  const attrs = new Map<string, Value>([['name', { k: 'str', v: name }]]);
  const v: Value = { k: 'object', kind: 'DType', attrs };
  dtypeValues.set(name, v);
  const dt = tryDType(name);
  if (dt) {
    attrs.set('base_dtype', dt.baseDType === dt ? v : dtypeValue(dt.baseDType.name));
    attrs.set('is_floating', { k: 'bool', v: dt.isFloating });
    attrs.set('is_integer', { k: 'bool', v: dt.isInteger });
    attrs.set('is_bool', { k: 'bool', v: dt.isBool });
    attrs.set('is_unsigned', { k: 'bool', v: dt.isUnsigned });
    attrs.set('is_complex', { k: 'bool', v: dt.isComplex });
  }
  return v;
}

/** A dtype argument (a DType object or its name), or null. */
export function dtypeOf(v: Value | undefined): DType | null {
  if (!v) return null;
  if (v.k === 'object' && v.kind === 'DType') {
    const n = v.attrs.get('name');
    return n && n.k === 'str' ? (tryDType(n.v) ?? null) : null;
  }
  if (v.k === 'str') return tryDType(v.v) ?? null;
  return null;
}

// -- shapes ------------------------------------------------------------------------------------

/** The rank-known dims of a shape, or null when the rank is not known (TF's or ours). */
function dimsOf(s: AbstractShape): Dims | null {
  return Array.isArray(s) ? (s as Dims) : null;
}

/** What a shape is when its rank is not known: TF's `None` or the analyzer's `UNKNOWN`. */
function unranked(...shapes: AbstractShape[]): AbstractShape {
  return shapes.some((s) => s === U) ? U : null;
}

/** A Python value's dims as TF converts it: nested lists (ragged or unknown: UNKNOWN). */
function pythonShape(v: Value): AbstractShape {
  if (v.k === 'int' || v.k === 'float' || v.k === 'bool' || v.k === 'str' || v.k === 'dim')
    return [];
  if (v.k === 'list' || v.k === 'tuple') {
    if (v.items.length === 0) return [0];
    const inner = pythonShape(v.items[0]);
    if (!Array.isArray(inner)) return U;
    return [v.items.length, ...(inner as Dims)];
  }
  return U;
}

function pythonDType(v: Value): DType | null {
  if (v.k === 'int' || v.k === 'dim') return DTypes.int32;
  if (v.k === 'float') return DTypes.float32;
  if (v.k === 'bool') return DTypes.bool;
  if (v.k === 'str') return DTypes.string;
  if (v.k === 'list' || v.k === 'tuple') {
    // A list holding tensors is packed (`Pack`): their dtype, which the numbers beside them take.
    let packed: DType | null | undefined;
    for (const x of v.items) {
      if (x.k !== 'tensor' && x.k !== 'variable' && x.k !== 'partitioned') continue;
      const d = tensorInfo(x).dtype;
      if (d === null || (packed !== undefined && packed !== d)) return null;
      packed = d;
    }
    if (packed !== undefined) return packed;
    const ds = v.items.map(pythonDType);
    if (ds.some((d) => d === null)) return null;
    if (ds.includes(DTypes.float32)) return DTypes.float32;
    return ds[0] ?? DTypes.float32;
  }
  return null;
}

/** A value used as a tensor: its shape and dtype (a variable reads as its base dtype). */
export function tensorInfo(v: Value): { shape: AbstractShape; dtype: DType | null } {
  switch (v.k) {
    case 'tensor':
      return { shape: v.shape, dtype: v.dtype };
    case 'variable':
      return { shape: variableShape(v.v), dtype: variableDType(v.v) };
    case 'partitioned':
      return { shape: v.v.shape, dtype: v.v.dtype.baseDType };
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
    case 'list':
    case 'tuple':
    case 'dim':
      return { shape: pythonShape(v), dtype: pythonDType(v) };
    case 'object':
      return v.kind === 'ndarray' ? ndarrayInfo(v) : { shape: U, dtype: null };
    default:
      return { shape: U, dtype: null };
  }
}

/** A NumPy array's static shape and dtype (`numpy.ts`: `shape` a tuple, `dtype` a DType). */
export function ndarrayInfo(v: Value & { k: 'object' }): {
  shape: AbstractShape;
  dtype: DType | null;
} {
  const t = v.attrs.get('shape');
  const shape: AbstractShape =
    t && t.k === 'tuple' ? t.items.map((d) => (d.k === 'int' ? d.v : U)) : U;
  return { shape, dtype: dtypeOf(v.attrs.get('dtype')) };
}

/** A variable's static shape; UNKNOWN where the analyzer could not compute it. */
function variableShape(v: { shape: AbstractShape; shapeNotKnown?: boolean }): AbstractShape {
  return v.shapeNotKnown ? U : v.shape;
}

/** A variable's dtype as a tensor's (its base dtype); null where the analyzer could not compute it. */
function variableDType(v: AVariable): DType | null {
  return v.dtypeNotKnown ? null : v.dtype.baseDType;
}

/** Whether a value is a tensor (or a variable, which reads as one). */
export function isTensorLike(v: Value): boolean {
  return v.k === 'tensor' || v.k === 'variable' || v.k === 'partitioned';
}

/** One dimension of a shape argument: an int, None, a Dimension; anything else UNKNOWN. */
function dimArg(d: Value): AbstractDim {
  if (d.k === 'int') return d.v;
  if (d.k === 'none') return null;
  if (d.k === 'dim') return d.v;
  return U;
}

/**
 * A shape argument (`[None, 4]`, a TensorShape, `None` for an unknown rank, a 1-D shape tensor of
 * known length): TF's static shape; what cannot be read is UNKNOWN.
 */
export function shapeFromValue(v: Value | undefined): AbstractShape {
  if (v === undefined || v.k === 'none') return null;
  if (v.k === 'list' || v.k === 'tuple') return v.items.map(dimArg);
  if (v.k === 'tshape') return v.dims;
  if (v.k === 'int') return [v.v];
  if (v.k === 'tensor') {
    const d = dimsOf(v.shape);
    if (d && d.length === 1 && typeof d[0] === 'number') return Array(d[0]).fill(U) as Dims;
  }
  return U;
}

/** Two dims merged (TF's `Dimension.merge_with`); incompatible: UNKNOWN. */
function mergeDim(a: AbstractDim, b: AbstractDim): AbstractDim {
  if (a === null) return b;
  if (b === null) return a;
  if (a === U || b === U) return typeof a === 'number' ? a : b;
  return a === b ? a : U;
}

export function mergeShapes(a: AbstractShape, b: AbstractShape): AbstractShape {
  const x = dimsOf(a);
  const y = dimsOf(b);
  if (!x) return a === U && y ? y.map((d) => (d === null ? U : d)) : b === U ? U : a === U ? U : b;
  if (!y) return x;
  if (x.length !== y.length) return U;
  return x.map((d, i) => mergeDim(d, y[i]));
}

/** NumPy broadcasting of two static shapes (the core's `BroadcastBinaryOpShapeFn`). */
export function broadcast(a: AbstractShape, b: AbstractShape): AbstractShape {
  try {
    return broadcastShapes(a, b);
  } catch {
    return U;
  }
}

function mulDim(a: AbstractDim, b: AbstractDim): AbstractDim {
  if (a === U || b === U) return a === 0 || b === 0 ? 0 : U;
  if (a === null || b === null) return null;
  return a * b;
}

/** A Python argument as a shape-function attribute: what is not known is UNKNOWN. */
function attrOf(v: Value | undefined, depth = 0): Attr | undefined {
  if (v === undefined) return undefined;
  switch (v.k) {
    case 'int':
    case 'float':
    case 'bool':
    case 'str':
      return v.v;
    case 'none':
      return null;
    case 'dim':
      return v.v;
    case 'list':
    case 'tuple':
      return depth > 4 ? U : v.items.map((x) => attrOf(x, depth + 1) ?? U);
    default:
      return U;
  }
}

/** The core's shape function `fn` on the analyzer's shapes and arguments; never throws. */
function infer(
  fn: string,
  inputs: AbstractShape[],
  args: Record<string, Value | undefined>,
  outputs = 1,
): AbstractShape[] {
  const attrs: Record<string, Attr | undefined> = {};
  for (const [k, v] of Object.entries(args)) attrs[k] = attrOf(v);
  return inferShapes(fn, inputs, attrs as Attrs, outputs);
}

// -- dependencies ------------------------------------------------------------------------------

const NO_DEPS: Deps = new Set<AVariable>();

/** `new Set([variable])`, made once per variable: a variable's deps are asked at every op. */
const OWN_DEPS = new WeakMap<AVariable, Deps>();
function ownDeps(v: AVariable): Deps {
  let d = OWN_DEPS.get(v);
  if (d === undefined) OWN_DEPS.set(v, (d = new Set([v])));
  return d;
}

/**
 * The union of non-empty deps, kept as its parts until something reads it. Every op of a model
 * unites its inputs' deps, and a deep model's tensors depend on most of its variables: copying
 * the sets at each op was quadratic in the model's depth (a chain of 1,500 layers spent 55% of
 * its analysis there). The parts form a DAG whose nodes are the ops; it is flattened (without
 * recursion, a chain may be deep) once, on the first read (`tf.gradients` asks whether the loss
 * reaches a variable; a loop's state lists them), and the parts are then let go.
 */
class DepsUnion implements ReadonlySet<AVariable> {
  private flat: Set<AVariable> | null = null;
  constructor(private parts: Deps[]) {}

  private get items(): Set<AVariable> {
    if (this.flat) return this.flat;
    const out = new Set<AVariable>();
    const seen = new Set<DepsUnion>([this]);
    const stack: Deps[] = [...this.parts];
    while (stack.length > 0) {
      const d = stack.pop() as Deps;
      if (d instanceof DepsUnion && !d.flat) {
        if (seen.has(d)) continue;
        seen.add(d);
        for (const p of d.parts) stack.push(p);
      } else for (const x of d) out.add(x);
    }
    this.flat = out;
    this.parts = [];
    return out;
  }

  get size(): number {
    return this.items.size;
  }
  has(v: AVariable): boolean {
    return this.items.has(v);
  }
  forEach(fn: (v: AVariable, k: AVariable, set: ReadonlySet<AVariable>) => void): void {
    for (const v of this.items) fn(v, v, this);
  }
  entries(): IterableIterator<[AVariable, AVariable]> {
    return this.items.entries();
  }
  keys(): IterableIterator<AVariable> {
    return this.items.keys();
  }
  values(): IterableIterator<AVariable> {
    return this.items.values();
  }
  [Symbol.iterator](): IterableIterator<AVariable> {
    return this.items.values();
  }
}

/**
 * The variables `v` depends on through ops gradients flow through (`Deps`), or undefined when
 * that is not known. Python values and other non-tensors depend on none.
 */
export function depsOf(v: Value, depth = 0): Deps | undefined {
  switch (v.k) {
    case 'tensor':
    case 'unknown':
      return v.deps;
    case 'variable':
      return ownDeps(v.v);
    case 'partitioned':
      return new Set(v.v.parts);
    case 'list':
    case 'tuple':
      return depth > 4 ? undefined : unionDeps(v.items, depth + 1);
    case 'dict':
      return depth > 4
        ? undefined
        : unionDeps(
            v.entries.map((e) => e[1]),
            depth + 1,
          );
    case 'instance':
    case 'object':
      return v.k === 'object' && v.kind === 'DType' ? NO_DEPS : undefined;
    default:
      return NO_DEPS;
  }
}

/** Whether `d` is empty, without flattening a union (which never is). */
const isEmpty = (d: Deps) => !(d instanceof DepsUnion) && d.size === 0;

/**
 * The union of the values' deps (undefined when any is not known): one of them when the others
 * are empty or the same, else a `DepsUnion` of the non-empty ones.
 */
export function unionDeps(values: Iterable<Value>, depth = 0): Deps | undefined {
  let parts: Deps[] | null = null;
  // The parts already taken, once there are many: a list of a model's variables (a `Saver`'s
  // `var_list`) has a part per variable, and a scan of the parts per item was quadratic.
  let taken: Set<Deps> | null = null;
  let only: Deps = NO_DEPS;
  // Variables among the values, gathered in one set (a variable depends on itself alone).
  let variables: Set<AVariable> | null = null;
  for (const v of values) {
    if (v.k === 'variable') {
      (variables ??= new Set()).add(v.v);
      continue;
    }
    const d = depsOf(v, depth);
    if (d === undefined) return undefined;
    if (isEmpty(d) || d === only) continue;
    if (isEmpty(only)) {
      only = d;
      continue;
    }
    if (parts === null) parts = [only, d];
    else if (taken !== null) {
      if (!taken.has(d)) {
        taken.add(d);
        parts.push(d);
      }
    } else if (!parts.includes(d)) {
      parts.push(d);
      if (parts.length > 16) taken = new Set(parts);
    }
  }
  const rest = parts === null ? only : new DepsUnion(parts);
  if (variables === null) return rest;
  const own: Deps =
    variables.size === 1 ? ownDeps(variables.values().next().value as AVariable) : variables;
  return isEmpty(rest) ? own : new DepsUnion([rest, own]);
}

/**
 * `out` (a tensor, or a list/tuple of tensors) depending on `deps` (integers and bools on none),
 * and `assumed` when made from a gradient `tf.gradients` assumed.
 */
export function withDeps(out: Value, deps: Deps | undefined, assumed = false): Value {
  if (out.k === 'tensor') {
    const d = out.dtype && !out.dtype.isFloating && !out.dtype.isComplex ? NO_DEPS : deps;
    if (d === undefined && !assumed) return out;
    const t: Value & { k: 'tensor' } = d === undefined ? { ...out } : { ...out, deps: d };
    return assumed ? { ...t, assumed: true } : t;
  }
  if (out.k === 'list')
    return { k: 'list', items: out.items.map((x) => withDeps(x, deps, assumed)) };
  if (out.k === 'tuple')
    return { k: 'tuple', items: out.items.map((x) => withDeps(x, deps, assumed)) };
  return out;
}

/** Whether any of the values is (or holds, in lists, tuples and dicts) an assumed gradient. */
export function anyAssumed(values: Iterable<Value>, depth = 0): boolean {
  for (const v of values) {
    if (v.k === 'tensor' && v.assumed) return true;
    if (depth < 4 && (v.k === 'list' || v.k === 'tuple') && anyAssumed(v.items, depth + 1))
      return true;
    if (
      depth < 4 &&
      v.k === 'dict' &&
      anyAssumed(
        v.entries.map((e) => e[1]),
        depth + 1,
      )
    )
      return true;
  }
  return false;
}

/**
 * Float ops gradients do not flow through (TF registers them `NotDifferentiable`, or they stop
 * it). Integer and bool results (`shape`, `argmax`, casts to int) depend on nothing already.
 */
const NOT_DIFFERENTIABLE = new Set(['stop_gradient', 'zeros_like', 'ones_like']);

// -- values ------------------------------------------------------------------------------------

export function tensor(name: string | null, dtype: DType | null, shape: AbstractShape): Value {
  return { k: 'tensor', name, dtype, shape };
}

/** A tensor with the values TF's shape inference knows of it (`known`). */
function withKnown(t: Value, known: readonly AbstractDim[] | undefined): Value {
  return known && t.k === 'tensor' ? { ...t, known } : t;
}

/**
 * A scalar's value as TF's shape inference evaluates it: a Python int, or a scalar tensor whose
 * value is `known`; undefined for anything else.
 */
function scalarKnown(v: Value): AbstractDim | undefined {
  if (v.k === 'int') return v.v;
  if (v.k === 'dim' && typeof v.v === 'number') return v.v;
  if (v.k === 'tensor' && v.known && v.known.length === 1) {
    const d = dimsOf(v.shape);
    if (d && d.length === 0) return v.known[0];
  }
  return undefined;
}

/** `+`, `-`, `*` of two evaluated scalars: TF's unknown wins over the analyzer's. */
function knownArith(op: string, a: AbstractDim, b: AbstractDim): AbstractDim {
  if (a === null || b === null) return null;
  if (typeof a !== 'number' || typeof b !== 'number') return UNKNOWN;
  return op === '+' ? a + b : op === '-' ? a - b : a * b;
}

/** `x.get_shape()`/`x.shape`. */
export function tshape(dims: AbstractShape): Value {
  return { k: 'tshape', dims };
}

function argOf(a: Args, i: number, name: string): Value | undefined {
  return a.args[i] ?? a.kwargs.get(name);
}

/**
 * The op's name: `name=` (or the op's default) made unique in the current name scope, with `:0`.
 * A name not known is a hole of its own: the op is still named, just not knowably.
 */
function opName(interp: Interpreter, a: Args, nameIndex: number, type: string): string | null {
  interp.touchGraph();
  const given = argOf(a, nameIndex, 'name');
  let base = type;
  if (given && given.k !== 'none') {
    const s = pyStr(interp.named(given, 'name'));
    if (s === undefined) return null;
    base = s;
  }
  try {
    return `${interp.tf.names.uniqueName(base)}:0`;
  } catch {
    return null;
  }
}

/** An op built of several ops under `name_scope(name or default)`: the scope is taken. */
function compositeName(interp: Interpreter, a: Args, nameIndex: number, scope: string): null {
  opName(interp, a, nameIndex, scope);
  return null;
}

function unary(type: string, nameIndex = 1): OpFn {
  return (interp, a) => {
    const x = tensorInfo(
      argOf(a, 0, 'features') ?? argOf(a, 0, 'x') ?? argOf(a, 0, 'input') ?? UNKNOWN_VALUE,
    );
    return tensor(opName(interp, a, nameIndex, type), x.dtype, x.shape);
  };
}

function binary(type: string): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
    const y = tensorInfo(argOf(a, 1, 'y') ?? UNKNOWN_VALUE);
    return tensor(opName(interp, a, 2, type), x.dtype ?? y.dtype, broadcast(x.shape, y.shape));
  };
}

/** `a <op> b` on tensors (Python operators): TF's op names `add`, `sub`, `mul`, `truediv`, ... */
export function tensorBinop(interp: Interpreter, op: string, a: Value, b: Value): Value {
  const types: Record<string, string> = {
    '+': 'add',
    '-': 'sub',
    '*': 'mul',
    '/': 'truediv',
    '//': 'floordiv',
    '%': 'mod',
    '**': 'pow',
  };
  partitionedOperands(interp, op, a, b);
  floatForIntOperand(interp, op, a, b);
  const deps = unionDeps([a, b]);
  const assumed = anyAssumed([a, b]);
  if (op === '@')
    return withDeps(matmul(interp, { args: [a, b], kwargs: new Map() }), deps, assumed);
  const comparisons: Record<string, string> = {
    '<': 'Less',
    '<=': 'LessEqual',
    '>': 'Greater',
    '>=': 'GreaterEqual',
  };
  const type = types[op] ?? comparisons[op];
  if (!type) return UNKNOWN_VALUE;
  const x = tensorInfo(a);
  const y = tensorInfo(b);
  if (comparisons[op]) {
    const name = opName(interp, { args: [], kwargs: new Map() }, 99, type);
    return withDeps(tensor(name, DTypes.bool, broadcast(x.shape, y.shape)), deps, assumed);
  }
  const name = opName(interp, { args: [], kwargs: new Map() }, 99, type);
  const ka = scalarKnown(a);
  const kb = scalarKnown(b);
  const known: AbstractDim[] | undefined =
    ka !== undefined && kb !== undefined && (op === '+' || op === '-' || op === '*')
      ? [knownArith(op, ka, kb)]
      : undefined;
  return withDeps(
    withKnown(
      tensor(name, isTensorLike(a) ? x.dtype : y.dtype, broadcast(x.shape, y.shape)),
      known,
    ),
    deps,
    assumed,
  );
}

/** Python's name of a value's type, where it is certain (`type(x).__name__`). */
function pyTypeName(v: Value): string | undefined {
  switch (v.k) {
    case 'int':
    case 'float':
    case 'bool':
      return v.k;
    case 'none':
      return 'NoneType';
    case 'partitioned':
      return 'PartitionedVariable';
    default:
      return undefined;
  }
}

/**
 * TF 1.15's `PartitionedVariable` defines no operators (variables.py): `p * 2.0` and `p + p`
 * are Python's TypeError, while a Tensor or Variable on the other side converts it through its
 * reflected operator (`p * t` is `t.__rmul__(p)`). Python programs only.
 */
function partitionedOperands(interp: Interpreter, op: string, a: Value, b: Value): void {
  if (interp.language !== 'python' || (a.k !== 'partitioned' && b.k !== 'partitioned')) return;
  const other = a.k === 'partitioned' ? b : a;
  // Numbers, None and another PartitionedVariable define nothing that takes it either; a str,
  // list or tuple has its own message (and `"%s" % p` formats it), not followed here.
  if (!['int', 'float', 'bool', 'none', 'partitioned'].includes(other.k)) return;
  const [x, y] = [pyTypeName(a), pyTypeName(b)];
  if (x === undefined || y === undefined) return;
  const comparison = ['<', '<=', '>', '>='].includes(op);
  const message = comparison
    ? `'${op}' not supported between instances of '${x}' and '${y}'`
    : `unsupported operand type(s) for ${op === '@' ? '@' : op}: '${x}' and '${y}'`;
  throw new PyRaise({ k: 'exception', cls: 'TypeError', message });
}

/** The op types of Python's operators on tensors, as the runtime builds them. */
const OPERATOR_OPS: Readonly<Record<string, string>> = {
  '+': 'Add',
  '-': 'Sub',
  '*': 'Mul',
  '//': 'FloorDiv',
  '%': 'FloorMod',
  '**': 'Pow',
};

/**
 * A Python float beside an integer tensor, as TF 1.15's operator wrappers (math_ops.py) treat
 * it. On the right, `binary_op_wrapper` converts it with the tensor's dtype only as a hint, so
 * it becomes a float32 constant and the op rejects the pair; on the left, `r_binary_op_wrapper`
 * converts it strictly (`_AssertCompatible`). Python programs only; a dtype not known, no check.
 */
function floatForIntOperand(interp: Interpreter, op: string, a: Value, b: Value): void {
  const type = OPERATOR_OPS[op];
  if (interp.language !== 'python' || !type) return;
  const tensorLeft = isTensorLike(a);
  const [t, other] = tensorLeft ? [a, b] : [b, a];
  if (other.k !== 'float' || !isTensorLike(t)) return;
  const dtype = tensorInfo(t).dtype;
  if (!dtype || !dtype.isInteger) return;
  if (!tensorLeft) {
    // The strict conversion is the core's `_AssertCompatible` (its message, Python's float repr).
    try {
      assertCompatible(pyFloat(other.v), dtype);
    } catch (e) {
      if (e instanceof ScopeLensError)
        throw new PyRaise({ k: 'exception', cls: e.info.pyClass, message: e.info.message });
      throw e;
    }
    return;
  }
  const message = `Input 'y' of '${type}' Op has type float32 that does not match type ${dtype.name} of argument 'x'.`;
  throw new PyRaise({ k: 'exception', cls: 'TypeError', message });
}

function matmul(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'a') ?? UNKNOWN_VALUE);
  const y = tensorInfo(argOf(a, 1, 'b') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 8, 'MatMul');
  const [shape] = infer('matmul', [x.shape, y.shape], {
    transpose_a: argOf(a, 2, 'transpose_a') ?? a.kwargs.get('adjoint_a'),
    transpose_b: argOf(a, 3, 'transpose_b') ?? a.kwargs.get('adjoint_b'),
  });
  return tensor(name, x.dtype ?? y.dtype, shape);
}

function reshape(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'tensor') ?? UNKNOWN_VALUE);
  const target = argOf(a, 1, 'shape');
  const name = opName(interp, a, 2, 'Reshape');
  const evaluated = evaluatedShape(target);
  if (evaluated) return tensor(name, x.dtype, reshapeEvaluated(x.shape, evaluated));
  const t = dimsOf(shapeFromValue(target));
  if (!t || target === undefined || target.k === 'none') return tensor(name, x.dtype, U);
  const shapeAttr: Attr = t.map((d) => (d === null ? U : d));
  const [out] = inferShapes('reshape', [x.shape], { shape: shapeAttr });
  return tensor(name, x.dtype, out);
}

/**
 * A shape argument holding tensors TF's shape inference evaluates (`tf.shape(x)`, a list with
 * `tf.shape(x)[0]` in it, ...): its entries, `null` where TF cannot evaluate one (unknown to
 * TF), UNKNOWN where the analyzer cannot tell; undefined when no entry is such a tensor.
 */
function evaluatedShape(target: Value | undefined): AbstractDim[] | undefined {
  if (target?.k === 'tensor') return target.known ? [...target.known] : undefined;
  const items = target ? sequence(target) : null;
  if (!items || !items.some((v) => v.k === 'tensor' && v.known)) return undefined;
  return items.map((v) => {
    const k = scalarKnown(v);
    if (k !== undefined) return k;
    const d = dimArg(v);
    return d === null ? U : d;
  });
}

/**
 * `Reshape`'s shape function when the target was evaluated (`MakeShapeFromShapeTensor`): an entry
 * TF cannot evaluate and a -1 are both unknown dimensions; a single unknown one is inferred from
 * the input's size, several stay unknown.
 */
function reshapeEvaluated(input: AbstractShape, target: AbstractDim[]): AbstractShape {
  const unknown = target.filter((d) => d === null || d === -1).length;
  if (unknown <= 1) {
    const [out] = inferShapes('reshape', [input], {
      shape: target.map((d) => (d === null ? -1 : d)),
    });
    return out;
  }
  return target.map((d) => (d === -1 ? null : d));
}

function sequence(v: Value | undefined): Value[] | null {
  return v && (v.k === 'list' || v.k === 'tuple') ? [...v.items] : null;
}

function concat(interp: Interpreter, a: Args): Value {
  const values = sequence(argOf(a, 0, 'values'));
  const name = opName(interp, a, 2, 'concat');
  if (!values || values.length === 0) return tensor(name, null, U);
  const infos = values.map(tensorInfo);
  const [out] = infer(
    'concat',
    infos.map((i) => i.shape),
    { axis: argOf(a, 1, 'axis') ?? UNKNOWN_VALUE },
  );
  return tensor(name, infos[0].dtype, out);
}

function stack(interp: Interpreter, a: Args): Value {
  const values = sequence(argOf(a, 0, 'values'));
  const name = opName(interp, a, 2, 'stack');
  if (!values || values.length === 0) return tensor(name, null, U);
  const infos = values.map(tensorInfo);
  const [out] = infer(
    'stack',
    infos.map((i) => i.shape),
    { axis: argOf(a, 1, 'axis') },
  );
  const axis = argOf(a, 1, 'axis');
  const scalars = values.map(scalarKnown);
  // TF evaluates a stack of shape elements or of Python ints (a constant) when it infers a
  // shape from it (`conv2d_transpose(..., tf.stack([n, h, w, c]))`).
  const known =
    (axis === undefined || (axis.k === 'int' && axis.v === 0)) &&
    (values.some((v) => v.k === 'tensor' && v.known) ||
      values.every((v) => (v.k === 'int' && !v.hole) || (v.k === 'dim' && typeof v.v === 'number')))
      ? scalars.map((d) => (d === undefined ? U : d))
      : undefined;
  return withKnown(tensor(name, infos[0].dtype, out), known);
}

function unstack(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'value') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 3, 'unstack');
  const numArg = argOf(a, 1, 'num');
  const outs = infer('unstack', [x.shape], {
    axis: argOf(a, 2, 'axis'),
    num: numArg && numArg.k === 'int' ? numArg : undefined,
  });
  if (outs.length === 1 && !dimsOf(outs[0])) return UNKNOWN_VALUE;
  const value = argOf(a, 0, 'value');
  const axis = argOf(a, 2, 'axis');
  const known =
    value?.k === 'tensor' &&
    value.known?.length === outs.length &&
    (axis === undefined || axis.k === 'none' || (axis.k === 'int' && axis.v === 0))
      ? value.known
      : undefined;
  return {
    k: 'list',
    items: outs.map((shape, i) =>
      withKnown(
        tensor(name ? name.replace(/:0$/, `:${i}`) : null, x.dtype, shape),
        known ? [known[i]] : undefined,
      ),
    ),
  };
}

function split(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'value') ?? UNKNOWN_VALUE);
  const how = argOf(a, 1, 'num_or_size_splits');
  const name = opName(interp, a, 4, 'split');
  if (!dimsOf(x.shape) || !how || (how.k !== 'int' && !sequence(how))) return UNKNOWN_VALUE;
  const outs = infer('split', [x.shape], { num_or_size_splits: how, axis: argOf(a, 2, 'axis') });
  if (outs.length === 1 && outs[0] === U && how.k === 'int' && how.v !== 1) {
    // TF rejects the split (or its axis is not known): as many parts, shapes not known.
    return {
      k: 'list',
      items: Array.from({ length: how.v }, (_v, i) =>
        tensor(name ? name.replace(/:0$/, `:${i}`) : null, x.dtype, U),
      ),
    };
  }
  return {
    k: 'list',
    items: outs.map((shape, i) =>
      tensor(name ? name.replace(/:0$/, `:${i}`) : null, x.dtype, shape),
    ),
  };
}

function transpose(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'a') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 2, 'transpose');
  const perm = argOf(a, 1, 'perm');
  const d = dimsOf(x.shape);
  if (perm && perm.k === 'tensor' && d) {
    // A computed perm (rnn.py's `_transpose_batch_time`): its values when shape inference
    // knows them, else TF's unknown dims of the input's rank (the caller's set_shape follows).
    const known = perm.known;
    if (known && known.length === d.length && known.every((v) => typeof v === 'number'))
      return tensor(
        name,
        x.dtype,
        infer('transpose', [x.shape], {
          perm: { k: 'list', items: known.map((v) => int(v as number)) },
        })[0],
      );
    return tensor(
      name,
      x.dtype,
      d.map(() => null),
    );
  }
  const [out] = infer('transpose', [x.shape], { perm });
  return tensor(name, x.dtype, out);
}

function pad(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'tensor') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 3, 'Pad');
  const [out] = infer('pad', [x.shape], { paddings: argOf(a, 1, 'paddings') ?? UNKNOWN_VALUE });
  return tensor(name, x.dtype, out);
}

function expandDims(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 2, 'ExpandDims');
  // ExpandDims takes its axis as a scalar or a one-element vector (`axis=[-1]`, as BERT does).
  let axisArg = argOf(a, 1, 'axis') ?? a.kwargs.get('dim') ?? UNKNOWN_VALUE;
  if ((axisArg.k === 'list' || axisArg.k === 'tuple') && axisArg.items.length === 1)
    axisArg = axisArg.items[0];
  const [out] = infer('expand_dims', [x.shape], { axis: axisArg });
  return tensor(name, x.dtype, out);
}

function squeeze(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 2, 'Squeeze');
  const [out] = infer('squeeze', [x.shape], {
    axis: argOf(a, 1, 'axis') ?? a.kwargs.get('squeeze_dims'),
  });
  return tensor(name, x.dtype, out);
}

/** The shape of a reduction of `x` over `axisArg` (all axes when None). */
function reducedShape(
  x: AbstractShape,
  axisArg: Value | undefined,
  kd: Value | undefined,
): AbstractShape {
  return infer('reduce', [x], { axis: axisArg, keepdims: kd })[0];
}

function reduce(type: string, outDType?: DType): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'input_tensor') ?? UNKNOWN_VALUE);
    const axisArg = argOf(a, 1, 'axis') ?? a.kwargs.get('reduction_indices');
    const kd = argOf(a, 2, 'keepdims') ?? a.kwargs.get('keep_dims');
    const name = opName(interp, a, 3, type);
    return tensor(name, outDType ?? x.dtype, reducedShape(x.shape, axisArg, kd));
  };
}

function argReduce(type: string): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
    const name = opName(interp, a, 2, type);
    const out = dtypeOf(a.kwargs.get('output_type')) ?? DTypes.int64;
    const [shape] = infer('argmax', [x.shape], {
      axis: argOf(a, 1, 'axis') ?? a.kwargs.get('dimension'),
    });
    return tensor(name, out, shape);
  };
}

// -- convolutions and pooling -----------------------------------------------------------------

function conv(type: string, rank: number): OpFn {
  return (interp, a) => {
    const filter = tensorInfo(argOf(a, 1, 'filter') ?? a.kwargs.get('filters') ?? UNKNOWN_VALUE);
    const x = tensorInfo(argOf(a, 0, 'input') ?? a.kwargs.get('value') ?? UNKNOWN_VALUE);
    const name = opName(interp, a, 99, type);
    const [out] = infer(
      rank === 3 ? 'conv1d' : rank === 4 ? 'conv2d' : 'conv3d',
      [x.shape, filter.shape],
      {
        stride: rank === 3 ? (argOf(a, 2, 'stride') ?? a.kwargs.get('strides')) : undefined,
        strides: rank === 3 ? undefined : (argOf(a, 2, 'strides') ?? UNKNOWN_VALUE),
        dilations: a.kwargs.get('dilations'),
        padding: argOf(a, 3, 'padding') ?? UNKNOWN_VALUE,
        data_format: a.kwargs.get('data_format'),
      },
    );
    return tensor(name, x.dtype, out);
  };
}

/**
 * `tf.nn.convolution` of a 1-D, 2-D or 3-D channels-last input, and `tf.nn.atrous_conv2d` (`rate`
 * on both axes, no strides), as TF 1.15's nn_ops.py builds them: without dilation the conv op
 * named by the `convolution` scope (`convolution:0`; 1-D: conv1d's `convolution/Squeeze:0`); with
 * it space-to-batch around a VALID convolution (`convolution/BatchToSpaceND:0`). The shape is the
 * convolution's with the dilation; dilated, the spatial dimensions are unknown unless all of them
 * are known (the paddings are then computed from the input's `Shape`, which TF's shape functions
 * do not see through).
 */
function convolution(atrous: boolean): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, atrous ? 'value' : 'input') ?? UNKNOWN_VALUE);
    const filter = tensorInfo(
      argOf(a, 1, atrous ? 'filters' : 'filter') ?? a.kwargs.get('filters') ?? UNKNOWN_VALUE,
    );
    const rankOf = (shape: AbstractShape): number | undefined =>
      Array.isArray(shape) ? shape.length : undefined;
    const rank = atrous ? 4 : (rankOf(x.shape) ?? rankOf(filter.shape) ?? 4);
    const n = rank - 2;
    // nn_ops.py `_get_sequence`: an int or n values (or n + 2) as the spatial list.
    const spatial = (v: Value | undefined): Value[] => {
      const one = int(1);
      if (v === undefined || v.k === 'none') return Array.from({ length: n }, () => one);
      if (v.k === 'int') return Array.from({ length: n }, () => v);
      if (v.k === 'list' || v.k === 'tuple') {
        if (v.items.length === 1) return Array.from({ length: n }, () => v.items[0]);
        if (v.items.length === n) return [...v.items];
        if (v.items.length === n + 2) return v.items.slice(1, n + 1);
      }
      return Array.from({ length: n }, () => UNKNOWN_VALUE);
    };
    const rate = spatial(
      atrous ? argOf(a, 2, 'rate') : (argOf(a, 4, 'dilation_rate') ?? a.kwargs.get('dilations')),
    );
    const strides = spatial(atrous ? undefined : argOf(a, 3, 'strides'));
    const dilated = !rate.every((r) => r.k === 'int' && r.v === 1);
    const nameIndex = atrous ? 4 : 5;
    const name =
      dilated || n === 1
        ? compositeName(interp, a, nameIndex, 'convolution')
        : opName(interp, a, nameIndex, 'convolution');
    const padding = argOf(a, atrous ? 3 : 2, 'padding') ?? UNKNOWN_VALUE;
    const full = (items: Value[]): Value => ({ k: 'list', items: [int(1), ...items, int(1)] });
    const [out] =
      n === 1
        ? infer('conv1d', [x.shape, filter.shape], {
            stride: strides[0],
            dilations: rate[0],
            padding,
          })
        : infer(n === 2 ? 'conv2d' : 'conv3d', [x.shape, filter.shape], {
            strides: full(strides),
            dilations: full(rate),
            padding,
            data_format: a.kwargs.get('data_format'),
          });
    return tensor(name, x.dtype, dilated ? spaceToBatchShape(x.shape, out, n) : out);
  };
}

/**
 * The static shape of a dilated convolution built with space-to-batch (nn_ops.py
 * `_WithSpaceToBatch`) from `out`, the convolution's own: when one of the input's `n` spatial
 * sizes is unknown, TF computes the paddings from the input's `Shape`, which its shape functions
 * do not see through, so none of the output's spatial sizes is known (unknown to TF stays TF's
 * None; unknown to the analyzer makes them unknown to it).
 */
function spaceToBatchShape(xs: AbstractShape, out: AbstractShape, n: number): AbstractShape {
  const unknown = Array.isArray(xs) ? xs.slice(1, n + 1).filter((d) => typeof d !== 'number') : [];
  if (unknown.length === 0 || !Array.isArray(out) || out.length !== n + 2) return out;
  const lost: AbstractDim = unknown.every((d) => d === null) ? null : UNKNOWN;
  const partial: AbstractDim[] = [...out];
  for (let i = 1; i <= n; i++) if (typeof partial[i] === 'number') partial[i] = lost;
  return partial;
}

/** Whether a `rate` / `dilations` argument is known to dilate (an entry above 1). */
function dilates(v: Value | undefined): boolean {
  if (v === undefined) return false;
  if (v.k === 'int') return v.v > 1;
  if (v.k === 'list' || v.k === 'tuple') return v.items.some((r) => r.k === 'int' && r.v > 1);
  return false;
}

function depthwise(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const filter = tensorInfo(argOf(a, 1, 'filter') ?? UNKNOWN_VALUE);
  const name = compositeName(interp, a, 5, 'depthwise');
  const rate = argOf(a, 4, 'rate') ?? a.kwargs.get('dilations');
  const [out] = infer('depthwise_conv2d', [x.shape, filter.shape], {
    strides: argOf(a, 2, 'strides') ?? UNKNOWN_VALUE,
    padding: argOf(a, 3, 'padding') ?? UNKNOWN_VALUE,
    dilations: rate,
    data_format: a.kwargs.get('data_format'),
  });
  return tensor(name, x.dtype, dilates(rate) ? spaceToBatchShape(x.shape, out, 2) : out);
}

function separable(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const dw = tensorInfo(argOf(a, 1, 'depthwise_filter') ?? UNKNOWN_VALUE);
  const pw = tensorInfo(argOf(a, 2, 'pointwise_filter') ?? UNKNOWN_VALUE);
  const name = compositeName(interp, a, 6, 'separable_conv2d');
  const rate = argOf(a, 5, 'rate') ?? a.kwargs.get('dilations');
  const [out] = infer('separable_conv2d', [x.shape, dw.shape, pw.shape], {
    strides: argOf(a, 3, 'strides') ?? UNKNOWN_VALUE,
    padding: argOf(a, 4, 'padding') ?? UNKNOWN_VALUE,
    dilations: rate,
    data_format: a.kwargs.get('data_format'),
  });
  return tensor(name, x.dtype, dilates(rate) ? spaceToBatchShape(x.shape, out, 2) : out);
}

function pool(type: string, rank: number): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'value') ?? a.kwargs.get('input') ?? UNKNOWN_VALUE);
    const name = opName(interp, a, 5, type);
    const [out] = infer('max_pool', [x.shape], {
      ksize: argOf(a, 1, 'ksize') ?? a.kwargs.get('window_shape') ?? UNKNOWN_VALUE,
      strides: argOf(a, 2, 'strides') ?? UNKNOWN_VALUE,
      padding: argOf(a, 3, 'padding') ?? UNKNOWN_VALUE,
      data_format: argOf(a, 4, 'data_format'),
      rank: int(rank),
    });
    return tensor(name, x.dtype, out);
  };
}

function conv2dTranspose(interp: Interpreter, a: Args): Value {
  return convTranspose(interp, a, 'conv2d_transpose');
}

function convTranspose(interp: Interpreter, a: Args, scope: string): Value {
  const x = tensorInfo(argOf(a, 0, 'value') ?? a.kwargs.get('input') ?? UNKNOWN_VALUE);
  // The backprop op is named after the scope (`conv2d_transpose:0`); its shape is read from
  // `output_shape` (a tensor in a list, TF's partial evaluation: that dimension unknown).
  const name = opName(interp, a, 6, scope);
  const out = argOf(a, 2, 'output_shape') ?? UNKNOWN_VALUE;
  const items = sequence(out);
  // A negative entry is an unknown dimension to `MakeShapeFromShapeTensor`.
  const evaluated =
    out.k === 'tensor' && out.known
      ? out.known.map((d) => (typeof d === 'number' && d < 0 ? null : d))
      : undefined;
  const shape = items
    ? items.map((d) => scalarKnown(d) ?? (isTensorLike(d) ? null : dimArg(d)))
    : (evaluated ?? shapeFromValue(out));
  return tensor(name, x.dtype, shape);
}

// -- gathers and the rest -----------------------------------------------------------------------

function gatherLike(scope: string | null, type: string): OpFn {
  return (interp, a) => {
    const params = tensorInfo(argOf(a, 0, 'params') ?? UNKNOWN_VALUE);
    const ids = tensorInfo(argOf(a, 1, scope ? 'ids' : 'indices') ?? UNKNOWN_VALUE);
    const name = scope ? compositeName(interp, a, 3, scope) : opName(interp, a, 4, type);
    const [out] = infer('gather', [params.shape, ids.shape], {
      axis: scope ? int(0) : argOf(a, 3, 'axis'),
    });
    return tensor(name, params.dtype, out);
  };
}

function oneHot(interp: Interpreter, a: Args): Value {
  const ids = tensorInfo(argOf(a, 0, 'indices') ?? UNKNOWN_VALUE);
  const depth = argOf(a, 1, 'depth');
  const dtype = dtypeOf(argOf(a, 6, 'dtype')) ?? DTypes.float32;
  const name = opName(interp, a, 7, 'one_hot');
  const axis = argOf(a, 4, 'axis');
  const [out] = infer('one_hot', [ids.shape], {
    depth: depth && (depth.k === 'int' || depth.k === 'dim') ? depth : UNKNOWN_VALUE,
    axis: axis && axis.k !== 'none' ? axis : undefined,
  });
  return tensor(name, dtype, out);
}

/** Constructors from a shape argument: `zeros`, `ones`, `random_normal`, ... */
function fromShape(type: string, nameIndex: number, dtypeIndex: number, composite = false): OpFn {
  return (interp, a) => {
    const shape = shapeFromValue(argOf(a, 0, 'shape') ?? UNKNOWN_VALUE);
    const dtype = dtypeOf(argOf(a, dtypeIndex, 'dtype')) ?? DTypes.float32;
    const name = composite
      ? compositeName(interp, a, nameIndex, type)
      : opName(interp, a, nameIndex, type);
    return tensor(name, dtype, shape);
  };
}

function likeOp(type: string): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'tensor') ?? UNKNOWN_VALUE);
    const dtype = dtypeOf(argOf(a, 1, 'dtype')) ?? x.dtype;
    return tensor(opName(interp, a, 2, type), dtype, x.shape);
  };
}

function constant(interp: Interpreter, a: Args): Value {
  const value = argOf(a, 0, 'value') ?? UNKNOWN_VALUE;
  const dtype = dtypeOf(argOf(a, 1, 'dtype')) ?? tensorInfo(value).dtype;
  const shapeArg = argOf(a, 2, 'shape');
  const shape =
    shapeArg && shapeArg.k !== 'none' ? shapeFromValue(shapeArg) : tensorInfo(value).shape;
  const out = tensor(opName(interp, a, 3, 'Const'), dtype, shape);
  // A small vector of Python ints: TF's shape inference reads its values (a reshape target).
  const items = sequence(value);
  const ints =
    !shapeArg && items && items.length <= 8 && items.every((v) => v.k === 'int' && !v.hole);
  return ints
    ? withKnown(
        out,
        items.map((v) => (v as { v: number }).v),
      )
    : out;
}

function placeholder(interp: Interpreter, a: Args): Value {
  const dtype = dtypeOf(argOf(a, 0, 'dtype'));
  const shape = shapeFromValue(argOf(a, 1, 'shape'));
  return tensor(opName(interp, a, 2, 'Placeholder'), dtype, shape);
}

/**
 * `tf.assign(ref, value)`, `tf.assign_add`, `tf.assign_sub` (TF 1.15's state_ops): the
 * variable after the assignment, a tensor of its shape and dtype (op names not modelled), as
 * the variable's own `assign*` methods give.
 */
function stateOp(_interp: Interpreter, a: Args): Value {
  const ref = argOf(a, 0, 'ref') ?? UNKNOWN_VALUE;
  if (ref.k === 'variable') return tensor(null, variableDType(ref.v), variableShape(ref.v));
  const info = tensorInfo(ref);
  return tensor(null, info.dtype, info.shape);
}

/** `placeholder_with_default(input, shape)`: the input's dtype, the given static shape. */
function placeholderWithDefault(interp: Interpreter, a: Args): Value {
  const input = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const shape = shapeFromValue(argOf(a, 1, 'shape'));
  return tensor(opName(interp, a, 2, 'PlaceholderWithDefault'), input.dtype, shape);
}

function fill(interp: Interpreter, a: Args): Value {
  const shape = shapeFromValue(argOf(a, 0, 'dims') ?? UNKNOWN_VALUE);
  const v = tensorInfo(argOf(a, 1, 'value') ?? UNKNOWN_VALUE);
  return tensor(opName(interp, a, 2, 'Fill'), v.dtype, shape);
}

function cast(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
  return tensor(opName(interp, a, 2, 'Cast'), dtypeOf(argOf(a, 1, 'dtype')), x.shape);
}

function shapeOp(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const d = dimsOf(x.shape);
  const dtype = dtypeOf(argOf(a, 2, 'out_type')) ?? DTypes.int32;
  return withKnown(
    tensor(opName(interp, a, 1, 'Shape'), dtype, d ? [d.length] : x.shape === U ? U : [null]),
    d ?? undefined,
  );
}

/**
 * `tf.range(start, limit=None, delta=1, dtype=None, name="range")` (math_ops.range): a 1-D
 * tensor named by its scope (`range:0`), of the widest dtype of its arguments (int32, int64,
 * float32, float64) unless `dtype` is given. Its length is known when the arguments are Python
 * numbers (Range's shape function: ceil((limit - start) / delta)); otherwise not known here.
 */
function rangeOp(interp: Interpreter, a: Args): Value {
  let start = argOf(a, 0, 'start') ?? UNKNOWN_VALUE;
  let limit = argOf(a, 1, 'limit');
  const delta = argOf(a, 2, 'delta') ?? int(1);
  if (!limit || limit.k === 'none') [start, limit] = [int(0), start];
  const name = opName(interp, a, 4, 'range');
  const hierarchy = [DTypes.int32, DTypes.int64, DTypes.float32, DTypes.float64];
  let dtype: DType | null = dtypeOf(argOf(a, 3, 'dtype'));
  if (!dtype) {
    let widest = 0;
    for (const v of [start, limit, delta]) {
      const d =
        v.k === 'int' ? DTypes.int32 : v.k === 'float' ? DTypes.float32 : tensorInfo(v).dtype;
      const i = d ? hierarchy.indexOf(d) : -1;
      if (i < 0) {
        widest = -1;
        break;
      }
      widest = Math.max(widest, i);
    }
    dtype = widest < 0 ? null : hierarchy[widest];
  }
  const nums = [start, limit, delta].map((v) =>
    v.k === 'int' || v.k === 'float' ? v.v : undefined,
  );
  const [s0, l0, d0] = nums;
  let n: AbstractDim = U;
  if (s0 !== undefined && l0 !== undefined && d0 !== undefined && d0 !== 0) {
    const size = Math.ceil((l0 - s0) / d0);
    if (size >= 0) n = size;
  }
  return tensor(name, dtype, [n]);
}

function scalarOf(type: string, dtype: DType): OpFn {
  return (interp, a) => tensor(opName(interp, a, 1, type), dtype, []);
}

function biasAdd(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'value') ?? UNKNOWN_VALUE);
  const b = tensorInfo(argOf(a, 1, 'bias') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 3, 'BiasAdd');
  const [out] = infer('bias_add', [x.shape, b.shape], { data_format: argOf(a, 2, 'data_format') });
  return tensor(name, x.dtype, out);
}

function dropout(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
  return tensor(compositeName(interp, a, 4, 'dropout'), x.dtype, x.shape);
}

/** `tf.convert_to_tensor(value)`: a tensor as it is; a Python value as a constant. */
function convertToTensor(interp: Interpreter, a: Args): Value {
  const v = argOf(a, 0, 'value') ?? UNKNOWN_VALUE;
  if (v.k === 'tensor') return v;
  const t = tensorInfo(v);
  const dtype = dtypeOf(argOf(a, 1, 'dtype')) ?? t.dtype;
  if (isTensorLike(v)) return tensor(null, dtype, t.shape);
  return tensor(opName(interp, a, 2, 'Const'), dtype, t.shape);
}

/** `tf.nn.moments(x, axes, keep_dims=False)`: (mean, variance), reduced over `axes`. */
function moments(interp: Interpreter, a: Args): Value {
  const x = argOf(a, 0, 'x') ?? UNKNOWN_VALUE;
  const axes = argOf(a, 1, 'axes');
  const keep = argOf(a, 4, 'keep_dims') ?? a.kwargs.get('keepdims');
  compositeName(interp, a, 3, 'moments');
  const info = tensorInfo(x);
  const shape = reducedShape(info.shape, axes, keep);
  const dtype = info.dtype;
  return { k: 'tuple', items: [tensor(null, dtype, shape), tensor(null, dtype, shape)] };
}

/** `tf.TensorShape(dims)`. */
function tensorShapeCtor(_interp: Interpreter, a: Args): Value {
  const v = argOf(a, 0, 'dims');
  return tshape(v && v.k === 'tshape' ? v.dims : shapeFromValue(v));
}

/** `tf.compat.dimension_value(d)`: a Dimension's value (int or None), an int as it is. */
export function dimensionValue(v: Value | undefined): Value {
  if (!v) return UNKNOWN_VALUE;
  if (v.k === 'dim') return v.v === null ? NONE : v.v === U ? UNKNOWN_VALUE : int(v.v);
  if (v.k === 'int' || v.k === 'none') return v;
  return UNKNOWN_VALUE;
}

// -- slicing, tiling, selection, images ---------------------------------------------------------

/**
 * One bound of a slice or an index as TF's `_slice_helper` sees it: a Python int, `None` (the
 * masked bound), `'tensor'` (a tensor: not a constant, so TF's shape function cannot read any
 * bound of that list) or `'unknown'` (a Python value the analyzer does not know).
 */
export type SliceBound = number | null | 'tensor' | 'unknown';

/** One item of `x[...]`: a slice, an index (shrinks its axis), `...` or `None` (a new axis). */
export type SliceItem =
  | {
      readonly kind: 'slice';
      readonly begin: SliceBound;
      readonly end: SliceBound;
      readonly step: SliceBound;
    }
  | { readonly kind: 'index'; readonly at: SliceBound }
  | { readonly kind: 'ellipsis' }
  | { readonly kind: 'newaxis' };

/** A value as a slice bound. */
export function sliceBound(v: Value): SliceBound {
  if (v.k === 'int') return v.v;
  if (v.k === 'bool') return v.v ? 1 : 0;
  if (v.k === 'none') return null;
  if (v.k === 'dim') return typeof v.v === 'number' ? v.v : 'unknown';
  if (isTensorLike(v)) return 'tensor';
  return 'unknown';
}

/**
 * TF 1.15's `StridedSlice` shape function for `x[items]` (the core's `stridedSlice`): the items
 * become `_slice_helper`'s begin/end/strides and masks; a list of bounds with a tensor in it is
 * not a constant to TF. Out-of-range indices (TF's error): UNKNOWN.
 */
export function stridedSliceShape(
  input: AbstractShape,
  items: readonly SliceItem[],
): AbstractShape {
  const begin: Attr[] = [];
  const end: Attr[] = [];
  const strides: Attr[] = [];
  const masks = {
    begin_mask: 0,
    end_mask: 0,
    ellipsis_mask: 0,
    new_axis_mask: 0,
    shrink_axis_mask: 0,
  };
  let constant = { begin: true, end: true, strides: true };
  const bound = (b: SliceBound): Attr => (b === 'unknown' ? U : b === 'tensor' ? 0 : b);
  items.forEach((it, i) => {
    const bit = 1 << i;
    if (it.kind === 'slice') {
      if (it.begin === null) masks.begin_mask |= bit;
      if (it.end === null) masks.end_mask |= bit;
      if (it.begin === 'tensor') constant = { ...constant, begin: false };
      if (it.end === 'tensor') constant = { ...constant, end: false };
      if (it.step === 'tensor') constant = { ...constant, strides: false };
      begin.push(it.begin === null ? 0 : bound(it.begin));
      end.push(it.end === null ? 0 : bound(it.end));
      strides.push(it.step === null ? 1 : bound(it.step));
    } else if (it.kind === 'index') {
      masks.shrink_axis_mask |= bit;
      if (it.at === 'tensor') constant = { ...constant, begin: false, end: false };
      begin.push(bound(it.at));
      end.push(typeof it.at === 'number' ? it.at + 1 : bound(it.at));
      strides.push(1);
    } else {
      if (it.kind === 'ellipsis') masks.ellipsis_mask |= bit;
      else masks.new_axis_mask |= bit;
      begin.push(0);
      end.push(0);
      strides.push(1);
    }
  });
  return inferShapes('strided_slice', [input], {
    begin: constant.begin ? begin : null,
    end: constant.end ? end : null,
    strides: constant.strides ? strides : null,
    ...masks,
  })[0];
}

/** `x[items]` on a tensor or variable: TF's `strided_slice` op. */
export function stridedSlice(interp: Interpreter, x: Value, items: readonly SliceItem[]): Value {
  const info = tensorInfo(x);
  const none: Args = { args: [], kwargs: new Map() };
  // A tensor index `t` ends at `t + 1`: an `add` op made before the slice's name scope.
  for (const it of items)
    if (it.kind === 'index' && it.at === 'tensor') opName(interp, none, 99, 'add');
  const name = opName(interp, none, 99, 'strided_slice');
  const out = tensor(name, info.dtype, stridedSliceShape(info.shape, items));
  // An element of an evaluated shape vector (`tf.shape(x)[1]`): TF evaluates it too.
  const only = items.length === 1 ? items[0] : undefined;
  if (x.k === 'tensor' && x.known && only?.kind === 'index' && typeof only.at === 'number') {
    const i = only.at < 0 ? only.at + x.known.length : only.at;
    if (i >= 0 && i < x.known.length) return withKnown(out, [x.known[i]]);
  }
  return out;
}

/** The bits of a mask argument (`begin_mask=0b101`), or undefined when it is not known. */
function maskBits(v: Value | undefined): number | undefined {
  if (!v || v.k === 'none') return 0;
  return v.k === 'int' ? v.v : undefined;
}

/** `tf.strided_slice(input_, begin, end, strides, begin_mask, ..., name)`: op `StridedSlice`. */
function stridedSliceOp(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input_') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 10, 'StridedSlice');
  const list = (v: Value | undefined): SliceBound[] | null => {
    if (v === undefined || v.k === 'none') return null;
    const items = sequence(v);
    if (items) return items.map(sliceBound);
    return null;
  };
  const begin = list(argOf(a, 1, 'begin'));
  const end = list(argOf(a, 2, 'end'));
  const stridesArg = argOf(a, 3, 'strides');
  const strides = stridesArg === undefined || stridesArg.k === 'none' ? null : list(stridesArg);
  const masks = [4, 5, 6, 7, 8].map((i) =>
    maskBits(
      argOf(
        a,
        i,
        ['begin_mask', 'end_mask', 'ellipsis_mask', 'new_axis_mask', 'shrink_axis_mask'][i - 4],
      ),
    ),
  );
  if (!begin || !end || begin.length !== end.length || masks.some((m) => m === undefined))
    return tensor(name, x.dtype, dimsOf(x.shape) ? U : unranked(x.shape));
  const [bm, em, elm, nam, sam] = masks as number[];
  const items: SliceItem[] = begin.map((b, i) => {
    const bit = 1 << i;
    if (elm & bit) return { kind: 'ellipsis' };
    if (nam & bit) return { kind: 'newaxis' };
    if (sam & bit) return { kind: 'index', at: b };
    return {
      kind: 'slice',
      begin: bm & bit ? null : b,
      end: em & bit ? null : end[i],
      step: strides ? (strides[i] ?? 'unknown') : 1,
    };
  });
  return tensor(name, x.dtype, stridedSliceShape(x.shape, items));
}

/** `tf.slice(input_, begin, size)`: op `Slice`; a size of -1 takes the rest of the axis. */
function sliceOp(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input_') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 3, 'Slice');
  const begin = sequence(argOf(a, 1, 'begin'));
  const size = sequence(argOf(a, 2, 'size'));
  const d = dimsOf(x.shape);
  if (!size) {
    const s = argOf(a, 2, 'size');
    if (s && isTensorLike(s)) {
      const sd = dimsOf(tensorInfo(s).shape);
      const n = sd && typeof sd[0] === 'number' ? sd[0] : undefined;
      return tensor(name, x.dtype, n !== undefined ? (Array(n).fill(null) as Dims) : null);
    }
    return tensor(name, x.dtype, U);
  }
  if (d && d.length !== size.length) return tensor(name, x.dtype, U);
  const beginConst = begin !== null && !begin.some(isTensorLike);
  const out = size.map((s, i): AbstractDim => {
    if (isTensorLike(s)) return null;
    if (s.k !== 'int') return U;
    if (s.v !== -1) return s.v;
    const dim = d ? d[i] : null;
    if (!beginConst) return d ? (dim === U ? U : null) : null;
    const b = begin[i];
    if (b.k !== 'int') return U;
    if (dim === null || dim === U) return dim;
    return dim - b.v;
  });
  // A size tensor with a tensor in it is not a constant: every size is unknown to TF.
  if (size.some(isTensorLike))
    return tensor(
      name,
      x.dtype,
      out.map(() => null),
    );
  return tensor(name, x.dtype, out);
}

/** `tf.tile(input, multiples)`: op `Tile`, each axis times its multiple. */
function tile(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 2, 'Tile');
  const m = argOf(a, 1, 'multiples') ?? UNKNOWN_VALUE;
  const d = dimsOf(x.shape);
  const items = sequence(m);
  if (!items) {
    if (isTensorLike(m)) {
      const md = dimsOf(tensorInfo(m).shape);
      const n = d ? d.length : md && typeof md[0] === 'number' ? md[0] : undefined;
      return tensor(name, x.dtype, n === undefined ? null : (Array(n).fill(null) as Dims));
    }
    return tensor(name, x.dtype, U);
  }
  if (d && d.length !== items.length) return tensor(name, x.dtype, U);
  if (items.some(isTensorLike))
    return tensor(
      name,
      x.dtype,
      items.map(() => null),
    );
  return tensor(
    name,
    x.dtype,
    items.map((mv, i) => mulDim(d ? d[i] : null, mv.k === 'int' ? mv.v : U)),
  );
}

/** TF 1.15's `tf.where(condition, x, y)`: op `Select` (x and y merged); one argument: `Where`. */
function where(interp: Interpreter, a: Args): Value {
  const cond = tensorInfo(argOf(a, 0, 'condition') ?? UNKNOWN_VALUE);
  const xv = argOf(a, 1, 'x');
  const yv = argOf(a, 2, 'y');
  const none = (v: Value | undefined) => v === undefined || v.k === 'none';
  if (none(xv) && none(yv)) {
    const name = opName(interp, a, 3, 'Where');
    const d = dimsOf(cond.shape);
    return tensor(name, DTypes.int64, d ? [null, d.length] : cond.shape === U ? U : [null, null]);
  }
  if (none(xv) || none(yv)) return UNKNOWN_VALUE; // TF's ValueError
  const name = opName(interp, a, 3, 'Select');
  const x = tensorInfo(xv as Value);
  const y = tensorInfo(yv as Value);
  return tensor(name, x.dtype ?? y.dtype, mergeShapes(x.shape, y.shape));
}

/** `tf.where_v2` / TF 2's `tf.where(condition, x, y)`: op `SelectV2`, all three broadcast. */
function whereV2(interp: Interpreter, a: Args): Value {
  const cond = tensorInfo(argOf(a, 0, 'condition') ?? UNKNOWN_VALUE);
  const xv = argOf(a, 1, 'x');
  const yv = argOf(a, 2, 'y');
  if (!xv || !yv || xv.k === 'none' || yv.k === 'none') return where(interp, a);
  const name = opName(interp, a, 3, 'SelectV2');
  const x = tensorInfo(xv);
  const y = tensorInfo(yv);
  return tensor(name, x.dtype ?? y.dtype, broadcast(cond.shape, broadcast(x.shape, y.shape)));
}

/** The `[new_height, new_width]` of an image resize (a list, a tuple or a 1-D tensor). */
function resizeSize(v: Value | undefined): [AbstractDim, AbstractDim] | undefined {
  const items = v ? sequence(v) : null;
  if (items) {
    if (items.length !== 2) return undefined;
    if (items.some(isTensorLike)) return [null, null];
    return [dimArg(items[0]), dimArg(items[1])];
  }
  if (v && isTensorLike(v)) return [null, null];
  return undefined;
}

/** `[batch, h, w, c]` resized to `size` (a 3-D image stays 3-D). */
function resizedShape(
  images: AbstractShape,
  size: [AbstractDim, AbstractDim] | undefined,
): AbstractShape {
  const d = dimsOf(images);
  if (!d) return images === U ? U : null;
  if (!size || (d.length !== 3 && d.length !== 4)) return U;
  return d.length === 4 ? [d[0], size[0], size[1], d[3]] : [size[0], size[1], d[2]];
}

/** `tf.image.resize_bilinear` / `resize_nearest_neighbor` / ...: the op itself, 4-D input. */
function resizeOp(type: string, keepsDType: boolean): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'images') ?? UNKNOWN_VALUE);
    const name = opName(interp, a, 3, type);
    const shape = resizedShape(x.shape, resizeSize(argOf(a, 1, 'size')));
    return tensor(name, keepsDType ? x.dtype : DTypes.float32, shape);
  };
}

/**
 * TF 1.15's `tf.image.resize_images(images, size, method=BILINEAR, ...)`: under
 * `name_scope('resize')` the method's op (`resize/ResizeBilinear`); a constant size equal to a
 * known input size returns the images themselves.
 */
function resizeImages(interp: Interpreter, a: Args): Value {
  const images = argOf(a, 0, 'images') ?? UNKNOWN_VALUE;
  const x = tensorInfo(images);
  const size = resizeSize(argOf(a, 1, 'size'));
  const methodArg = argOf(a, 2, 'method');
  const method =
    !methodArg || methodArg.k === 'none' ? 0 : methodArg.k === 'int' ? methodArg.v : -1;
  const shape = resizedShape(x.shape, size);
  const d = dimsOf(x.shape);
  let scope: string | null;
  try {
    scope = interp.tf.names.uniqueName(pyStrOr(interp, argOf(a, 5, 'name'), 'resize'));
  } catch {
    scope = null;
  }
  if (
    d &&
    size &&
    typeof size[0] === 'number' &&
    typeof size[1] === 'number' &&
    d[d.length - 3] === size[0] &&
    d[d.length - 2] === size[1]
  )
    return images.k === 'tensor' ? images : tensor(null, x.dtype, x.shape);
  const types = ['ResizeBilinear', 'ResizeNearestNeighbor', 'ResizeBicubic', 'ResizeArea'];
  const type = types[method];
  if (!type || scope === null || !d || (d.length !== 3 && d.length !== 4))
    return tensor(null, method === 1 ? x.dtype : DTypes.float32, shape);
  let name: string | null = `${scope}/${type}:0`;
  if (d.length === 3) name = `${scope}/Squeeze:0`;
  return tensor(name, method === 1 ? x.dtype : DTypes.float32, shape);
}

function pyStrOr(interp: Interpreter, v: Value | undefined, fallback: string): string {
  if (!v || v.k === 'none') return fallback;
  const s = pyStr(interp.named(v, 'name'));
  if (s === undefined) throw new Error('name not known');
  return s;
}

// -- input pipelines ---------------------------------------------------------------------------

/** A size argument of an image op: an int, else TF's unknown (a tensor is not a constant). */
function sizeDim(v: Value | undefined): AbstractDim {
  if (!v) return U;
  if (v.k === 'int') return v.v;
  return isTensorLike(v) || v.k === 'none' ? null : U;
}

/** `decode_png` / `decode_jpeg`: `[?, ?, channels]` (`channels=0`: as stored, unknown). */
function decodeImage(type: string): OpFn {
  return (interp, a) => {
    const ch = argOf(a, 1, 'channels');
    const channels: AbstractDim = !ch || (ch.k === 'int' && ch.v === 0) ? null : sizeDim(ch);
    const dtype =
      type === 'DecodePng' ? (dtypeOf(argOf(a, 2, 'dtype')) ?? DTypes.uint8) : DTypes.uint8;
    return tensor(opName(interp, a, type === 'DecodePng' ? 3 : 7, type), dtype, [
      null,
      null,
      channels,
    ]);
  };
}

/** An image op that keeps the shape (flips, standardization, dtype conversion) in its scope. */
function imageLike(scope: string, nameIndex: number, dtypeIndex?: number): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'image') ?? UNKNOWN_VALUE);
    const dtype = dtypeIndex === undefined ? x.dtype : dtypeOf(argOf(a, dtypeIndex, 'dtype'));
    return tensor(compositeName(interp, a, nameIndex, scope), dtype, x.shape);
  };
}

/** `crop_to_bounding_box(image, top, left, height, width)`: `[..., height, width, c]`. */
function cropToBoundingBox(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'image') ?? UNKNOWN_VALUE);
  compositeName(interp, a, 99, 'crop_to_bounding_box');
  const h = sizeDim(argOf(a, 3, 'target_height'));
  const w = sizeDim(argOf(a, 4, 'target_width'));
  const d = dimsOf(x.shape);
  const shape: AbstractShape = !d
    ? unranked(x.shape)
    : d.length === 3
      ? [h, w, d[2]]
      : d.length === 4
        ? [d[0], h, w, d[3]]
        : U;
  return tensor(null, x.dtype, shape);
}

/**
 * `random_crop(value, size)`: shaped `size`. Its `Slice` reads a size tensor as TF's shape
 * inference evaluates it (`MakeShapeFromShapeTensor`): `random_crop(img, tf.shape(img))` keeps
 * `img`'s static shape.
 */
function randomCrop(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'value') ?? UNKNOWN_VALUE);
  compositeName(interp, a, 3, 'random_crop');
  const size = argOf(a, 1, 'size') ?? UNKNOWN_VALUE;
  const evaluated = evaluatedShape(size)?.map((d) => (d === -1 ? null : d));
  return tensor(null, x.dtype, evaluated ?? shapeFromValue(size));
}

/**
 * `tf.train.batch(tensors, batch_size, ...)` / `shuffle_batch`, and their `_join` forms (the
 * first list of `tensors_list`): each tensor with the batch dimension in front (`?` with
 * `allow_smaller_final_batch`), in the structure given; an example's shape is `shapes[i]` when
 * given, else the tensor's (without its first dimension with `enqueue_many`).
 */
function batchOp(scope: string, join = false): OpFn {
  return (interp, a) => {
    let tensors = argOf(a, 0, join ? 'tensors_list' : 'tensors') ?? UNKNOWN_VALUE;
    if (join)
      tensors =
        (tensors.k === 'list' || tensors.k === 'tuple') && tensors.items.length > 0
          ? tensors.items[0]
          : UNKNOWN_VALUE;
    const size = argOf(a, 1, 'batch_size');
    const smaller = a.kwargs.get('allow_smaller_final_batch');
    const many = a.kwargs.get('enqueue_many');
    if (many && many.k !== 'bool') return UNKNOWN_VALUE;
    const enqueueMany = many !== undefined && many.v;
    const shapes = a.kwargs.get('shapes');
    const given = shapes && (shapes.k === 'list' || shapes.k === 'tuple') ? shapes.items : null;
    const n: AbstractDim =
      smaller && !(smaller.k === 'bool' && !smaller.v)
        ? null
        : size && size.k === 'int'
          ? size.v
          : U;
    compositeName(interp, a, 99, scope);
    const batched = (t: Value, i: number): Value => {
      const x = tensorInfo(t);
      let d = given && given[i] ? dimsOf(shapeFromValue(given[i])) : dimsOf(x.shape);
      if (d && enqueueMany && !(given && given[i])) d = d.length > 0 ? d.slice(1) : null;
      return tensor(null, x.dtype, d ? [n, ...d] : unranked(x.shape));
    };
    if (tensors.k === 'list' || tensors.k === 'tuple')
      return { k: 'list', items: tensors.items.map(batched) };
    if (tensors.k === 'dict')
      return { k: 'dict', entries: tensors.entries.map(([k, v], i) => [k, batched(v, i)]) };
    return isTensorLike(tensors) ? batched(tensors, 0) : UNKNOWN_VALUE;
  };
}

/** `tf.nn.max_pool_with_argmax`: (output, argmax), both the pooled shape. */
function maxPoolWithArgmax(interp: Interpreter, a: Args): Value {
  const out = pool('MaxPoolWithArgmax', 4)(interp, a);
  if (out.k !== 'tensor') return UNKNOWN_VALUE;
  const targ = dtypeOf(argOf(a, 4, 'Targmax')) ?? DTypes.int64;
  const second = out.name ? out.name.replace(/:0$/, ':1') : null;
  return { k: 'tuple', items: [out, tensor(second, targ, out.shape)] };
}

/** Comparisons and logical ops of two tensors: bool, broadcast (`Greater`, `LogicalAnd`). */
function binaryBool(type: string): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
    const y = tensorInfo(argOf(a, 1, 'y') ?? UNKNOWN_VALUE);
    return tensor(opName(interp, a, 2, type), DTypes.bool, broadcast(x.shape, y.shape));
  };
}

/** Element-wise ops whose output is bool (`LogicalNot`, `IsNan`, ...). */
function unaryBool(type: string, nameIndex = 1): OpFn {
  return (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
    return tensor(opName(interp, a, nameIndex, type), DTypes.bool, x.shape);
  };
}

/** `tf.round`: an integer tensor is returned as it is, else op `Round`. */
function round(interp: Interpreter, a: Args): Value {
  const xv = argOf(a, 0, 'x') ?? UNKNOWN_VALUE;
  const x = tensorInfo(xv);
  if (x.dtype && x.dtype.isInteger && xv.k === 'tensor') return xv;
  return tensor(opName(interp, a, 1, 'Round'), x.dtype, x.shape);
}

/** An op whose one output's shape is the core's shape function `fn` of its tensor arguments. */
function shaped(
  type: string,
  nameIndex: number,
  fn: string,
  tensors: [number, string][],
  attrs: [number, string, Value?][] = [],
  composite = false,
  dtype?: DType,
): OpFn {
  return (interp, a) => {
    const infos = tensors.map(([i, k]) => tensorInfo(argOf(a, i, k) ?? UNKNOWN_VALUE));
    const name = composite
      ? compositeName(interp, a, nameIndex, type)
      : opName(interp, a, nameIndex, type);
    const args: Record<string, Value | undefined> = {};
    for (const [i, k, fallback] of attrs) args[k] = argOf(a, i, k) ?? fallback;
    const [out] = infer(
      fn,
      infos.map((x) => x.shape),
      args,
    );
    return tensor(name, dtype ?? infos[0]?.dtype ?? null, out);
  };
}

/** `tf.add_n(inputs)`: op `AddN`, its inputs merged. */
function addN(interp: Interpreter, a: Args): Value {
  const values = sequence(argOf(a, 0, 'inputs'));
  const name = opName(interp, a, 1, 'AddN');
  if (!values || values.length === 0) return tensor(name, null, U);
  const infos = values.map(tensorInfo);
  const [out] = infer(
    'add_n',
    infos.map((i) => i.shape),
    {},
  );
  return tensor(name, infos[0].dtype, out);
}

/** `tf.nn.top_k(input, k)`: op `TopKV2`, (values, indices int32) of shape input[:-1] + [k]. */
function topK(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'input') ?? UNKNOWN_VALUE);
  const name = opName(interp, a, 3, 'TopKV2');
  const [values, indices] = infer('top_k', [x.shape], { k: argOf(a, 1, 'k') ?? int(1) }, 2);
  return {
    k: 'tuple',
    items: [
      tensor(name, x.dtype, values),
      tensor(name ? name.replace(/:0$/, ':1') : null, DTypes.int32, indices),
    ],
  };
}

/**
 * `tf.nn.fused_batch_norm(x, scale, offset, mean=None, variance=None, epsilon, data_format,
 * is_training, name)` (nn_impl.py 1.15): a missing mean or variance is a `Const` of shape [0],
 * then op `FusedBatchNormV3`; (y, batch_mean, batch_variance) of its six outputs.
 */
function fusedBatchNorm(interp: Interpreter, a: Args): Value {
  const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
  const vec = (v: Value | undefined): AbstractShape => {
    if (v === undefined || v.k === 'none') {
      opName(interp, { args: [], kwargs: new Map() }, 0, 'Const');
      return [0];
    }
    return tensorInfo(v).shape;
  };
  const scale = tensorInfo(argOf(a, 1, 'scale') ?? UNKNOWN_VALUE).shape;
  const offset = tensorInfo(argOf(a, 2, 'offset') ?? UNKNOWN_VALUE).shape;
  const mean = vec(argOf(a, 3, 'mean'));
  const variance = vec(argOf(a, 4, 'variance'));
  const name = opName(interp, a, 8, 'FusedBatchNormV3');
  const [y, m, v] = infer(
    'fused_batch_norm',
    [x.shape, scale, offset, mean, variance],
    {
      data_format: argOf(a, 6, 'data_format') ?? { k: 'str', v: 'NHWC' },
      is_training: argOf(a, 7, 'is_training') ?? { k: 'bool', v: true },
    },
    6,
  );
  const out = (i: number): string | null => (name ? name.replace(/:0$/, `:${i}`) : null);
  return {
    k: 'tuple',
    items: [tensor(name, x.dtype, y), tensor(out(1), x.dtype, m), tensor(out(2), x.dtype, v)],
  };
}

/** A loss op of `labels=` and `logits=` (keyword arguments, as TF requires) under its scope. */
function logitsLoss(scope: string, fn: string): OpFn {
  return (interp, a) => {
    const labels = tensorInfo(a.kwargs.get('labels') ?? argOf(a, 1, 'labels') ?? UNKNOWN_VALUE);
    const logits = tensorInfo(a.kwargs.get('logits') ?? argOf(a, 2, 'logits') ?? UNKNOWN_VALUE);
    const name = compositeName(interp, a, 99, scope);
    const out: AbstractShape =
      fn === 'merge'
        ? mergeShapes(logits.shape, labels.shape)
        : infer(fn, [logits.shape, labels.shape], {})[0];
    return tensor(name, logits.dtype, out);
  };
}

/**
 * `tf.losses.<fn>` (TF 1.15 `losses_impl.py`): ops in `name_scope(scope or <default>)`, reduced
 * by `compute_weighted_loss` and added to `loss_collection` (LOSSES unless given None). The
 * default reduction (`SUM_BY_NONZERO_WEIGHTS`), `MEAN` and `SUM_OVER_BATCH_SIZE` end in
 * `<scope>/value`, `SUM` in `<scope>/Sum`, all scalars; `NONE` keeps the per-element losses
 * (`<scope>/Mul`, their product with the weights).
 * `inputs`: the positions and names of the two tensors the element-wise loss is of;
 * `elementShape`: the per-element losses' shape from theirs. (`lossOp` adds the loss to its
 * collection once it carries its dependencies.)
 */
function weightedLoss(
  defaultScope: string,
  scopeIndex: number,
  inputs: readonly [number, string, number, string],
  elementShape: (a: AbstractShape, b: AbstractShape) => AbstractShape = broadcast,
): LossSpec {
  const fn: OpFn = (interp, a) => {
    const first = tensorInfo(argOf(a, inputs[0], inputs[1]) ?? UNKNOWN_VALUE);
    const second = tensorInfo(argOf(a, inputs[2], inputs[3]) ?? UNKNOWN_VALUE);
    const given = argOf(a, scopeIndex, 'scope');
    const named = { args: [], kwargs: new Map(given ? [['name', given]] : []) };
    const scope = opName(interp, named, 0, defaultScope);
    const reduction = argOf(a, scopeIndex + 2, 'reduction');
    const r = reduction === undefined ? 'weighted_sum_by_nonzero_weights' : pyStr(reduction);
    const dtype = second.dtype ?? first.dtype ?? DTypes.float32;
    const base = scope === null ? null : scope.slice(0, -2);
    if (r === 'none')
      // The weighted per-element losses: `multiply(losses, weights)`.
      return tensor(
        base === null ? null : `${base}/Mul:0`,
        dtype,
        elementShape(first.shape, second.shape),
      );
    if (r === 'weighted_sum') return tensor(base === null ? null : `${base}/Sum:0`, dtype, []);
    if (
      r === 'weighted_sum_by_nonzero_weights' ||
      r === 'weighted_mean' ||
      r === 'weighted_sum_over_batch_size'
    )
      return tensor(base === null ? null : `${base}/value:0`, dtype, []);
    return UNKNOWN_VALUE;
  };
  return { fn, scopeIndex };
}

/** A `tf.losses` function: the loss it makes, and where its `scope` argument is. */
interface LossSpec {
  readonly fn: OpFn;
  readonly scopeIndex: number;
}

/** The per-element shape of a loss over classes (`logits` `[batch, classes]` → `[batch]`). */
const overClasses = (_labels: AbstractShape, logits: AbstractShape): AbstractShape =>
  Array.isArray(logits) && logits.length > 0 ? logits.slice(0, -1) : UNKNOWN;

/** The losses by their dotted name under `tf.`. */
const LOSSES: Record<string, LossSpec> = {
  'losses.absolute_difference': weightedLoss('absolute_difference', 3, [
    0,
    'labels',
    1,
    'predictions',
  ]),
  'losses.mean_squared_error': weightedLoss('mean_squared_error', 3, [
    0,
    'labels',
    1,
    'predictions',
  ]),
  'losses.huber_loss': weightedLoss('huber_loss', 4, [0, 'labels', 1, 'predictions']),
  'losses.log_loss': weightedLoss('log_loss', 4, [0, 'labels', 1, 'predictions']),
  'losses.hinge_loss': weightedLoss('hinge_loss', 3, [0, 'labels', 1, 'logits']),
  'losses.sigmoid_cross_entropy': weightedLoss('sigmoid_cross_entropy_loss', 4, [
    0,
    'multi_class_labels',
    1,
    'logits',
  ]),
  'losses.softmax_cross_entropy': weightedLoss(
    'softmax_cross_entropy_loss',
    4,
    [0, 'onehot_labels', 1, 'logits'],
    overClasses,
  ),
  'losses.sparse_softmax_cross_entropy': weightedLoss(
    'sparse_softmax_cross_entropy_loss',
    3,
    [0, 'labels', 1, 'logits'],
    overClasses,
  ),
  'losses.compute_weighted_loss': weightedLoss(
    'weighted_loss',
    2,
    [0, 'losses', 0, 'losses'],
    (a) => a,
  ),
};

/** The ops by their dotted name under `tf.` (several names for one op where TF has aliases). */
const OPS: Record<string, OpFn> = {
  placeholder,
  placeholder_with_default: placeholderWithDefault,
  assign: stateOp,
  assign_add: stateOp,
  assign_sub: stateOp,
  constant,
  fill,
  cast,
  shape: shapeOp,
  range: rangeOp,
  size: scalarOf('Size', DTypes.int32),
  rank: scalarOf('Rank', DTypes.int32),
  matmul,
  reshape,
  concat,
  stack,
  unstack,
  split,
  transpose,
  pad,
  expand_dims: expandDims,
  squeeze,
  gather: gatherLike(null, 'GatherV2'),
  one_hot: oneHot,
  zeros: fromShape('zeros', 2, 1),
  ones: fromShape('ones', 2, 1),
  zeros_like: likeOp('zeros_like'),
  ones_like: likeOp('ones_like'),
  random_normal: fromShape('random_normal', 5, 3, true),
  random_uniform: fromShape('random_uniform', 5, 3, true),
  truncated_normal: fromShape('truncated_normal', 5, 3, true),
  identity: unary('Identity'),
  stop_gradient: unary('StopGradient'),
  add: binary('Add'),
  subtract: binary('Sub'),
  multiply: binary('Mul'),
  divide: binary('truediv'),
  truediv: binary('truediv'),
  maximum: binary('Maximum'),
  minimum: binary('Minimum'),
  pow: binary('Pow'),
  squared_difference: binary('SquaredDifference'),
  sigmoid: unary('Sigmoid'),
  tanh: unary('Tanh'),
  exp: unary('Exp'),
  log: unary('Log'),
  sqrt: unary('Sqrt'),
  square: unary('Square'),
  abs: unary('Abs'),
  negative: unary('Neg'),
  reduce_sum: reduce('Sum'),
  reduce_mean: reduce('Mean'),
  reduce_max: reduce('Max'),
  reduce_min: reduce('Min'),
  reduce_prod: reduce('Prod'),
  reduce_all: reduce('All', DTypes.bool),
  reduce_any: reduce('Any', DTypes.bool),
  argmax: argReduce('ArgMax'),
  reduce_logsumexp: reduce('ReduceLogSumExp'),
  cumsum: shaped('Cumsum', 4, 'cumsum', [[0, 'x']]),
  add_n: addN,
  clip_by_value: unary('clip_by_value', 3),
  clip_by_norm: unary('clip_by_norm', 3),
  tensordot: shaped(
    'Tensordot',
    3,
    'tensordot',
    [
      [0, 'a'],
      [1, 'b'],
    ],
    [[2, 'axes']],
  ),
  gather_nd: shaped('GatherNd', 2, 'gather_nd', [
    [0, 'params'],
    [1, 'indices'],
  ]),
  reverse: shaped('ReverseV2', 2, 'reverse', [[0, 'tensor']]),
  reverse_sequence: shaped(
    'ReverseSequence',
    4,
    'reverse_sequence',
    [
      [0, 'input'],
      [1, 'seq_lengths'],
    ],
    [
      [2, 'seq_axis'],
      [3, 'batch_axis'],
    ],
  ),
  sequence_mask: (interp, a) =>
    shaped(
      'SequenceMask',
      3,
      'sequence_mask',
      [[0, 'lengths']],
      [[1, 'maxlen']],
      true,
      dtypeOf(argOf(a, 2, 'dtype')) ?? DTypes.bool,
    )(interp, a),
  boolean_mask: shaped(
    'boolean_mask',
    2,
    'boolean_mask',
    [
      [0, 'tensor'],
      [1, 'mask'],
    ],
    [],
    true,
  ),
  floordiv: binary('floordiv'),
  mod: binary('FloorMod'),
  logical_xor: binaryBool('LogicalXor'),
  to_float: (interp, a) =>
    tensor(
      opName(interp, a, 1, 'ToFloat'),
      DTypes.float32,
      tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE).shape,
    ),
  to_int32: (interp, a) =>
    tensor(
      opName(interp, a, 1, 'ToInt32'),
      DTypes.int32,
      tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE).shape,
    ),
  'nn.top_k': topK,
  // sort_ops.py: ops under the `sort`/`argsort` scope; the result has the values' shape.
  sort: shaped('sort', 3, 'unchanged', [[0, 'values']], [], true),
  argsort: shaped('argsort', 4, 'unchanged', [[0, 'values']], [], true, DTypes.int32),
  div_no_nan: binary('div_no_nan'),
  multinomial: shaped(
    'multinomial',
    3,
    'multinomial',
    [[0, 'logits']],
    [[1, 'num_samples']],
    true,
    DTypes.int64,
  ),
  scatter_nd: (interp, a) => {
    const indices = tensorInfo(argOf(a, 0, 'indices') ?? UNKNOWN_VALUE);
    const updates = tensorInfo(argOf(a, 1, 'updates') ?? UNKNOWN_VALUE);
    const name = opName(interp, a, 3, 'ScatterNd');
    const [out] = infer('scatter_nd', [indices.shape, updates.shape], {
      shape: argOf(a, 2, 'shape'),
    });
    return tensor(name, updates.dtype, out);
  },
  space_to_batch_nd: shaped(
    'SpaceToBatchND',
    3,
    'space_to_batch_nd',
    [[0, 'input']],
    [
      [1, 'block_shape'],
      [2, 'paddings'],
    ],
  ),
  batch_to_space_nd: shaped(
    'BatchToSpaceND',
    3,
    'batch_to_space_nd',
    [[0, 'input']],
    [
      [1, 'block_shape'],
      [2, 'crops'],
    ],
  ),
  'nn.in_top_k': shaped(
    'in_top_k',
    3,
    'in_top_k',
    [
      [0, 'predictions'],
      [1, 'targets'],
    ],
    [],
    true,
    DTypes.bool,
  ),
  'nn.sigmoid_cross_entropy_with_logits': logitsLoss('logistic_loss', 'merge'),
  'nn.softmax_cross_entropy_with_logits': logitsLoss(
    'softmax_cross_entropy_with_logits_sg',
    'softmax_xent',
  ),
  'nn.softmax_cross_entropy_with_logits_v2': logitsLoss(
    'softmax_cross_entropy_with_logits',
    'softmax_xent',
  ),
  'nn.sparse_softmax_cross_entropy_with_logits': logitsLoss(
    'SparseSoftmaxCrossEntropyWithLogits',
    'sparse_softmax_xent',
  ),
  argmin: argReduce('ArgMin'),
  TensorShape: tensorShapeCtor,
  Dimension: (_i, a) => ({ k: 'dim', v: dimArg(argOf(a, 0, 'value') ?? UNKNOWN_VALUE) }),
  dimension_value: (_i, a) => dimensionValue(argOf(a, 0, 'dimension')),
  'compat.dimension_value': (_i, a) => dimensionValue(argOf(a, 0, 'dimension')),
  'nn.relu': unary('Relu'),
  'nn.relu6': unary('Relu6'),
  'nn.elu': unary('Elu'),
  'nn.selu': unary('Selu'),
  'nn.softplus': unary('Softplus'),
  'nn.leaky_relu': unary('LeakyRelu', 2),
  'nn.sigmoid': unary('Sigmoid'),
  'nn.tanh': unary('Tanh'),
  'nn.softmax': unary('Softmax', 2),
  'nn.log_softmax': unary('LogSoftmax', 2),
  'nn.bias_add': biasAdd,
  'nn.dropout': dropout,
  convert_to_tensor: convertToTensor,
  'nn.moments': moments,
  'nn.fused_batch_norm': fusedBatchNorm,
  'nn.batch_normalization': (interp, a) => {
    const x = tensorInfo(argOf(a, 0, 'x') ?? UNKNOWN_VALUE);
    return tensor(compositeName(interp, a, 6, 'batchnorm'), x.dtype, x.shape);
  },
  'nn.conv1d': conv('conv1d', 3),
  'nn.conv2d': conv('Conv2D', 4),
  'nn.conv3d': conv('Conv3D', 5),
  'nn.conv2d_transpose': conv2dTranspose,
  'nn.conv3d_transpose': (interp, a) => convTranspose(interp, a, 'conv3d_transpose'),
  'nn.depthwise_conv2d': depthwise,
  'nn.convolution': convolution(false),
  'nn.atrous_conv2d': convolution(true),
  'nn.separable_conv2d': separable,
  'nn.max_pool': pool('MaxPool', 4),
  'nn.max_pool2d': pool('MaxPool', 4),
  'nn.avg_pool': pool('AvgPool', 4),
  'nn.avg_pool2d': pool('AvgPool', 4),
  'nn.max_pool3d': pool('MaxPool3D', 5),
  'nn.avg_pool3d': pool('AvgPool3D', 5),
  'nn.embedding_lookup': gatherLike('embedding_lookup', 'embedding_lookup'),
  rsqrt: unary('Rsqrt'),
  reciprocal: unary('Reciprocal'),
  floor: unary('Floor'),
  ceil: unary('Ceil'),
  sign: unary('Sign'),
  round,
  rint: unary('Rint'),
  log1p: unary('Log1p'),
  expm1: unary('Expm1'),
  sin: unary('Sin'),
  cos: unary('Cos'),
  tan: unary('Tan'),
  asin: unary('Asin'),
  acos: unary('Acos'),
  atan: unary('Atan'),
  sinh: unary('Sinh'),
  cosh: unary('Cosh'),
  erf: unary('Erf'),
  erfc: unary('Erfc'),
  lgamma: unary('Lgamma'),
  digamma: unary('Digamma'),
  logical_not: unaryBool('LogicalNot'),
  is_nan: unaryBool('IsNan'),
  is_inf: unaryBool('IsInf'),
  is_finite: unaryBool('IsFinite'),
  where,
  where_v2: whereV2,
  less: binaryBool('Less'),
  less_equal: binaryBool('LessEqual'),
  greater: binaryBool('Greater'),
  greater_equal: binaryBool('GreaterEqual'),
  equal: binaryBool('Equal'),
  not_equal: binaryBool('NotEqual'),
  logical_and: binaryBool('LogicalAnd'),
  logical_or: binaryBool('LogicalOr'),
  tile,
  slice: sliceOp,
  strided_slice: stridedSliceOp,
  log_sigmoid: unary('LogSigmoid'),
  'math.log_sigmoid': unary('LogSigmoid'),
  'math.softplus': unary('Softplus'),
  'math.softsign': unary('Softsign'),
  'nn.softsign': unary('Softsign'),
  'nn.l2_normalize': unary('l2_normalize', 3),
  'math.l2_normalize': unary('l2_normalize', 3),
  'nn.lrn': unary('LRN', 5),
  'nn.local_response_normalization': unary('LRN', 5),
  'nn.max_pool_with_argmax': maxPoolWithArgmax,
  'image.resize_images': resizeImages,
  'image.decode_png': decodeImage('DecodePng'),
  'image.decode_jpeg': decodeImage('DecodeJpeg'),
  'image.convert_image_dtype': imageLike('convert_image', 3, 1),
  'image.flip_left_right': imageLike('flip_left_right', 99),
  'image.flip_up_down': imageLike('flip_up_down', 99),
  'image.random_flip_left_right': imageLike('random_flip_left_right', 99),
  'image.random_flip_up_down': imageLike('random_flip_up_down', 99),
  'image.per_image_standardization': imageLike('per_image_standardization', 99),
  'image.random_brightness': imageLike('adjust_brightness', 99),
  'image.random_contrast': imageLike('adjust_contrast', 99),
  'image.crop_to_bounding_box': cropToBoundingBox,
  random_crop: randomCrop,
  'image.random_crop': randomCrop,
  'train.batch': batchOp('batch'),
  'train.batch_join': batchOp('batch_join', true),
  'train.shuffle_batch_join': batchOp('shuffle_batch_join', true),
  'train.shuffle_batch': batchOp('shuffle_batch'),
  'image.resize_bilinear': resizeOp('ResizeBilinear', false),
  'image.resize_nearest_neighbor': resizeOp('ResizeNearestNeighbor', true),
  'image.resize_bicubic': resizeOp('ResizeBicubic', false),
  'image.resize_area': resizeOp('ResizeArea', false),
};
for (const n of [
  'rsqrt',
  'reciprocal',
  'floor',
  'ceil',
  'sign',
  'round',
  'rint',
  'log1p',
  'expm1',
  'sin',
  'cos',
  'tan',
  'asin',
  'acos',
  'atan',
  'sinh',
  'cosh',
  'erf',
  'erfc',
  'lgamma',
  'digamma',
  'logical_not',
  'is_nan',
  'is_inf',
  'is_finite',
  'squared_difference',
  'less',
  'less_equal',
  'greater',
  'greater_equal',
  'equal',
  'not_equal',
  'logical_and',
  'logical_or',
  'logical_xor',
  'reduce_logsumexp',
  'cumsum',
  'add_n',
  'tensordot',
  'floordiv',
  'reverse',
  'argmax',
  'argmin',
  'reduce_all',
  'reduce_any',
]) {
  OPS[`math.${n}`] = OPS[n];
}
for (const n of ['add', 'subtract', 'multiply', 'divide', 'maximum', 'minimum', 'pow']) {
  OPS[`math.${n}`] = OPS[n];
}
for (const n of ['sigmoid', 'tanh', 'exp', 'log', 'sqrt', 'square', 'abs', 'negative']) {
  OPS[`math.${n}`] = OPS[n];
}
for (const n of ['reduce_sum', 'reduce_mean', 'reduce_max', 'reduce_min', 'reduce_prod']) {
  OPS[`math.${n}`] = OPS[n];
}
OPS['random.normal'] = OPS.random_normal;
OPS['random.uniform'] = OPS.random_uniform;
OPS['random.truncated_normal'] = OPS.truncated_normal;
OPS['nn.softmax_v2'] = OPS['nn.softmax'];
OPS['math.floormod'] = OPS.mod;
OPS['math.divide_no_nan'] = OPS.div_no_nan;
OPS['math.top_k'] = OPS['nn.top_k'];
OPS['math.in_top_k'] = OPS['nn.in_top_k'];

/**
 * The arguments gradients flow back to: all, except a fused batch norm's mean and variance in
 * inference (nn_grad.py `_BaseFusedBatchNormGrad` returns None for them).
 */
function differentiableInputs(dotted: string, args: Value[], kwargs: Map<string, Value>): Value[] {
  if (dotted === 'nn.fused_batch_norm') {
    const training = argOf({ args, kwargs }, 7, 'is_training');
    if (training && training.k === 'bool' && !training.v) {
      const kept = args.filter((_, i) => i !== 3 && i !== 4);
      for (const [k, v] of kwargs) if (k !== 'mean' && k !== 'variance') kept.push(v);
      return kept;
    }
  }
  return [...args, ...kwargs.values()];
}

/** The op `tf.<dotted>` as a callable value, or undefined when it is not one of these. */
export function tensorOp(interp: Interpreter, dotted: string): Value | undefined {
  const fn = OPS[dotted];
  if (!fn) return LOSSES[dotted] ? lossOp(interp, dotted, LOSSES[dotted]) : undefined;
  return {
    k: 'builtin',
    name: dotted,
    // An op names itself in the graph (an effect a loop's quiet iterations must not have); the
    // state ops' names are not modelled, so they change nothing the analysis sees: a training
    // loop's `sess.run(tf.assign(lr, ...))` per epoch leaves the loop quiet.
    ...(UNNAMED_OPS.has(dotted) ? { harmless: true } : {}),
    call: (args, kwargs) => {
      try {
        return withInputDeps(dotted, fn(interp, { args, kwargs }), args, kwargs);
      } catch {
        return UNKNOWN_VALUE;
      }
    },
  };
}

/** An op's result, depending on what its differentiable inputs depend on. */
function withInputDeps(
  dotted: string,
  out: Value,
  args: Value[],
  kwargs: Map<string, Value>,
): Value {
  const inputs = differentiableInputs(dotted, args, kwargs);
  return withDeps(
    out,
    NOT_DIFFERENTIABLE.has(dotted) ? NO_DEPS : unionDeps(inputs),
    anyAssumed(inputs),
  );
}

/**
 * A `tf.losses` function as a callable value: an op (`tensorOp`) whose result, as the program
 * gets it, also goes to `loss_collection` (LOSSES unless given None).
 */
function lossOp(interp: Interpreter, dotted: string, spec: LossSpec): Value {
  return {
    k: 'builtin',
    name: dotted,
    call: (args, kwargs) => {
      try {
        const loss = withInputDeps(dotted, spec.fn(interp, { args, kwargs }), args, kwargs);
        const key = argOf({ args, kwargs }, spec.scopeIndex + 1, 'loss_collection');
        if (loss.k !== 'unknown' && (key === undefined || key.k === 'str'))
          interp.tf.collection(key ? key.v : 'losses').items.push(loss);
        return loss;
      } catch {
        return UNKNOWN_VALUE;
      }
    },
  };
}

/** Ops whose results the analyzer leaves unnamed (`stateOp`): calling them names nothing. */
const UNNAMED_OPS = new Set(['assign', 'assign_add', 'assign_sub']);

/** Whether `tf.<dotted>` is a namespace of these ops (`nn`, `math`, `random`, `compat`). */
export function isOpNamespace(dotted: string): boolean {
  const p = `${dotted}.`;
  return [OPS, LOSSES].some((table) => Object.keys(table).some((k) => k.startsWith(p)));
}

// -- attributes --------------------------------------------------------------------------------

function asList(dims: AbstractShape): Value {
  const d = dimsOf(dims);
  if (!d) return UNKNOWN_VALUE;
  return {
    k: 'list',
    items: d.map((x) => (x === null ? NONE : x === U ? UNKNOWN_VALUE : int(x))),
  };
}

function method(name: string, fn: (args: Value[], kwargs: Map<string, Value>) => Value): Value {
  return { k: 'builtin', name, call: (args, kwargs) => fn(args, kwargs) };
}

/** Each named tensor's `op` (`tensorAttr`). */
const TENSOR_OPS = new WeakMap<Value, Value>();

/** Attributes of a tensor (`x.shape`, `x.get_shape()`, `x.dtype`, `x.name`). */
export function tensorAttr(interp: Interpreter, v: Value & { k: 'tensor' }, attr: string): Value {
  switch (attr) {
    case 'shape':
      return tshape(v.shape);
    case 'get_shape':
      return method(attr, () => tshape(v.shape));
    case 'dtype':
      return v.dtype ? dtypeValue(v.dtype.name) : UNKNOWN_DTYPE;
    case 'name':
      return v.name === null
        ? { k: 'unknown', hole: interp.hole('name') }
        : { k: 'str', v: v.name };
    case 'set_shape':
      // Merges what the program knows into the tensor's static shape, in place, as TF does.
      return method(attr, (args) => {
        const given = shapeFromValue(args[0] ?? UNKNOWN_VALUE);
        (v as { shape: AbstractShape }).shape = mergeShapes(v.shape, given);
        return NONE;
      });
    case 'op': {
      // The op that makes it: its name (`dense/BiasAdd`), known when the tensor's is. One
      // Operation per tensor, as in TF (`x.op is x.op`).
      if (v.name === null) {
        const name: Value = { k: 'unknown', hole: interp.hole('op') };
        return { k: 'object', kind: 'Operation', attrs: new Map([['name', name]]) };
      }
      let op = TENSOR_OPS.get(v);
      if (op === undefined) {
        const name: Value = { k: 'str', v: v.name.replace(/:\d+$/, '') };
        op = { k: 'object', kind: 'Operation', attrs: new Map([['name', name]]) };
        TENSOR_OPS.set(v, op);
      }
      return op;
    }
    default:
      return UNKNOWN_VALUE;
  }
}

/** Attributes of a variable that read like a tensor's. */
export function variableTensorAttr(v: Value & { k: 'variable' }, attr: string): Value | undefined {
  switch (attr) {
    case 'shape':
      return tshape(variableShape(v.v));
    case 'get_shape':
      return method(attr, () => tshape(variableShape(v.v)));
    case 'dtype':
      return v.v.dtypeNotKnown ? UNKNOWN_DTYPE : dtypeValue(v.v.dtype.name);
    case 'value':
    case 'read_value':
    case 'initialized_value':
    case 'assign':
    case 'assign_add':
    case 'assign_sub':
      // Ops on the variable (their names are not modelled): a tensor of its shape.
      return method(attr, () => tensor(null, variableDType(v.v), variableShape(v.v)));
    default:
      return undefined;
  }
}

/** `TensorShape` attributes. */
export function tshapeAttr(v: Value & { k: 'tshape' }, attr: string): Value {
  const d = dimsOf(v.dims);
  switch (attr) {
    case 'as_list':
      return method(attr, () => asList(v.dims));
    case 'ndims':
    case 'rank':
      return d ? int(d.length) : v.dims === U ? UNKNOWN_VALUE : NONE;
    case 'dims':
      return d
        ? { k: 'list', items: d.map((x) => ({ k: 'dim', v: x }) as Value) }
        : v.dims === U
          ? UNKNOWN_VALUE
          : NONE;
    case 'is_fully_defined':
      return method(attr, () => {
        if (v.dims === U || (d && d.some((x) => x === U))) return UNKNOWN_VALUE;
        return { k: 'bool', v: !!d && d.every((x) => typeof x === 'number') };
      });
    case 'num_elements':
      return method(attr, () => {
        if (!d || d.some((x) => typeof x !== 'number'))
          return d && !d.some((x) => x === U) ? NONE : UNKNOWN_VALUE;
        return int((d as number[]).reduce((p, x) => p * x, 1));
      });
    case 'is_compatible_with':
      // TF's: an unknown rank is compatible with any shape; else equal ranks, and each pair of
      // dims equal or one of them None.
      return method(attr, (args) => {
        const other = shapeFromValue(args[0] ?? UNKNOWN_VALUE);
        if (v.dims === null || other === null) return { k: 'bool', v: true };
        const o = dimsOf(other);
        if (!d || !o) return UNKNOWN_VALUE;
        if (d.length !== o.length) return { k: 'bool', v: false };
        let known = true;
        for (let i = 0; i < d.length; i++) {
          const [x, y] = [d[i], o[i]];
          if (x === null || y === null) continue;
          if (x === U || y === U) known = false;
          else if (x !== y) return { k: 'bool', v: false };
        }
        return known ? { k: 'bool', v: true } : UNKNOWN_VALUE;
      });
    case 'with_rank_at_least':
    case 'with_rank':
      return method(attr, () => v);
    case 'merge_with':
      return method(attr, (args) => tshape(mergeShapes(v.dims, shapeFromValue(args[0]))));
    case 'concatenate':
      return method(attr, (args) => {
        const o = dimsOf(shapeFromValue(args[0]));
        return tshape(d && o ? [...d, ...o] : unranked(v.dims, shapeFromValue(args[0])));
      });
    default:
      return UNKNOWN_VALUE;
  }
}

/** `shape[i]` (a Dimension) and `shape[a:b]` (a TensorShape). */
export function tshapeIndex(
  v: Value & { k: 'tshape' },
  index: Value | { lo?: number; hi?: number },
): Value {
  const d = dimsOf(v.dims);
  if ('k' in index) {
    if (index.k !== 'int') return UNKNOWN_VALUE;
    if (!d) return v.dims === U ? UNKNOWN_VALUE : { k: 'dim', v: null };
    const i = index.v < 0 ? d.length + index.v : index.v;
    if (i < 0 || i >= d.length) return UNKNOWN_VALUE;
    return { k: 'dim', v: d[i] };
  }
  if (!d) return tshape(v.dims === U ? U : null);
  return tshape(d.slice(index.lo, index.hi));
}

/** Iterating a TensorShape: its Dimensions. */
export function tshapeItems(v: Value & { k: 'tshape' }): Value[] | null {
  const d = dimsOf(v.dims);
  return d ? d.map((x) => ({ k: 'dim', v: x }) as Value) : null;
}

/** A Dimension's attributes: `.value`. */
export function dimAttr(v: Value & { k: 'dim' }, attr: string): Value {
  if (attr === 'value') return dimensionValue(v);
  return UNKNOWN_VALUE;
}

/**
 * A Dimension in arithmetic or a comparison: its int, TF's unknown (`None` propagates: the result
 * is an unknown Dimension), or the analyzer's unknown.
 */
export function dimOperand(v: Value): Value {
  if (v.k !== 'dim') return v;
  if (typeof v.v === 'number') return int(v.v);
  return v.v === null ? { k: 'dim', v: null } : UNKNOWN_VALUE;
}
