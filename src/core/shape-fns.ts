/**
 * TF 1.15's static shape functions (the C++ `SetShapeFn`s of tensorflow/core/ops and
 * tensorflow/core/framework/common_shape_fns.cc), once, for both sides:
 *
 * - the runtime calls them through the bridge (`shapeFn` in src/runtime/bridge.ts) for every op
 *   it builds, and raises TF's ValueError with the message they throw;
 * - the analyzer calls them from src/analyzer/interpreter/tensors.ts on abstract shapes, where an
 *   error means "TF rejects these inputs" and the result is `UNKNOWN` (the analyzer never throws).
 *
 * Every function takes the op's input shapes and its attributes (and the values of constant
 * inputs TF's shape functions read, such as `axis`, `shape`, `paddings`, as plain attributes)
 * and returns the shapes of the op's outputs. Shapes are the core's `AbstractShape`: `null` is
 * TF's unknown rank or dimension; `UNKNOWN` is what the analyzer could not compute, and it stays
 * unknown (never a guess): a result depending on it is `UNKNOWN`, and no error is raised unless
 * the known parts alone are wrong. An attribute the analyzer could not read is `UNKNOWN` too.
 *
 * Errors are `ShapeError`s carrying TF's own text (`Dimensions must be equal, but are 3 and 4`);
 * `shapeErrorMessage` adds the op as TF 1.15 prints it (`for 'MatMul' (op: 'MatMul') with input
 * shapes: [2,3], [4,5].`).
 */
import { AbstractDim, AbstractShape, UNKNOWN, Unknown } from './shape';

export type Attr = number | boolean | string | null | Unknown | readonly Attr[];
export type Attrs = Readonly<Record<string, Attr | undefined>>;
export type ShapeFn = (inputs: readonly AbstractShape[], attrs: Attrs) => AbstractShape[];

type Dims = readonly AbstractDim[];
const U: typeof UNKNOWN = UNKNOWN;

/** A shape function's error: TF's message, before the op is named (see `shapeErrorMessage`). */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

function fail(message: string): never {
  throw new ShapeError(message);
}

/** A shape as TF's shape-function messages print it: `[2,?,3]`, `?` for an unknown rank. */
export function shapeText(s: AbstractShape): string {
  if (s === null || s === U) return '?';
  return `[${s.map((d) => (typeof d === 'number' ? String(d) : '?')).join(',')}]`;
}

/**
 * TF 1.15's full text of a shape error (`InferenceContext::construction_status` as
 * `shape_refiner.cc` reports it): `<message> for '<name>' (op: '<type>') with input shapes:
 * <shapes>[ and with computed input tensors: <computed>].`
 */
export function shapeErrorMessage(
  message: string,
  opName: string,
  opType: string,
  inputShapes: readonly string[],
  computed?: string,
): string {
  const tail = computed ? ` and with computed input tensors: ${computed}` : '';
  return `${message} for '${opName}' (op: '${opType}') with input shapes: ${inputShapes.join(', ')}${tail}.`;
}

// -- helpers -------------------------------------------------------------------------------------

function dims(s: AbstractShape): Dims | null {
  return Array.isArray(s) ? (s as Dims) : null;
}

/**
 * The `n` dimensions of a shape whose rank an attribute fixes: its own, else each TF's unknown
 * dimension for TF's unknown rank, UNKNOWN for a shape the analyzer could not compute.
 */
function dimsOfRank(s: AbstractShape, n: number): Dims {
  const d = withRank(s, n);
  if (d) return d;
  return Array.from({ length: n }, () => (s === U ? U : null));
}

/** What a shape is when a rank is not known: TF's unknown rank, or UNKNOWN if any input is. */
function noRank(...shapes: AbstractShape[]): AbstractShape {
  return shapes.some((s) => s === U) ? U : null;
}

function isNum(d: unknown): d is number {
  return typeof d === 'number';
}

/** An int attribute, or undefined when not known. */
function intAttr(a: Attr | undefined): number | undefined {
  return typeof a === 'number' && Number.isInteger(a) ? a : undefined;
}

/** An int list attribute (an int alone is a list of one); undefined when not known. */
function intsAttr(a: Attr | undefined): (number | Unknown | null)[] | undefined {
  if (typeof a === 'number') return [a];
  if (!Array.isArray(a)) return undefined;
  return (a as Attr[]).map((x) => (isNum(x) ? x : x === null ? null : U));
}

/** `InferenceContext::WithRank`: "Shape must be rank N but is rank M". */
function withRank(s: AbstractShape, rank: number): Dims | null {
  const d = dims(s);
  if (d && d.length !== rank) fail(`Shape must be rank ${rank} but is rank ${d.length}`);
  return d;
}

/** `InferenceContext::WithRankAtLeast`. */
function withRankAtLeast(s: AbstractShape, rank: number): Dims | null {
  const d = dims(s);
  if (d && d.length < rank) fail(`Shape must be at least rank ${rank} but is rank ${d.length}`);
  return d;
}

/** `InferenceContext::Merge` of two dimensions: "Dimensions must be equal, but are 3 and 4". */
export function mergeDim(a: AbstractDim, b: AbstractDim): AbstractDim {
  if (isNum(a) && isNum(b)) {
    if (a !== b) fail(`Dimensions must be equal, but are ${a} and ${b}`);
    return a;
  }
  if (isNum(a)) return a;
  if (isNum(b)) return b;
  return a === U || b === U ? U : null;
}

/** `InferenceContext::Merge` of two shapes, with its messages. */
function mergeShape(a: AbstractShape, b: AbstractShape): AbstractShape {
  const x = dims(a);
  const y = dims(b);
  if (!x) return a === U && y ? y.map((d) => (isNum(d) ? d : U)) : a === U ? U : b;
  if (!y) return b === U ? x.map((d) => (isNum(d) ? d : U)) : x;
  if (x.length !== y.length) fail(`Shapes must be equal rank, but are ${x.length} and ${y.length}`);
  return x.map((d, i) => {
    const e = y[i];
    if (isNum(d) && isNum(e) && d !== e)
      fail(
        `Dimension ${i} in both shapes must be equal, but are ${d} and ${e}. Shapes are ` +
          `${shapeText(a)} and ${shapeText(b)}.`,
      );
    return mergeDim(d, e);
  });
}

/** Merges all inputs as `MergeBothInputsShapeFn`-style loops do (Pack, AddN). */
function mergeAll(inputs: readonly AbstractShape[]): AbstractShape {
  let out: AbstractShape = inputs[0] ?? null;
  for (let i = 1; i < inputs.length; i++) {
    try {
      out = mergeShape(out, inputs[i]);
    } catch (e) {
      if (e instanceof ShapeError) fail(`${e.message}\n\tFrom merging shape 0 with other shapes.`);
      throw e;
    }
  }
  return out;
}

/** A Python axis in `[-rank, rank)` as a non-negative index; undefined when not known. */
function axisIn(a: Attr | undefined, rank: number): number | undefined {
  const n = intAttr(a);
  if (n === undefined) return undefined;
  return n < 0 ? n + rank : n;
}

function mulDim(a: AbstractDim, b: AbstractDim): AbstractDim {
  if (a === 0 || b === 0) return 0;
  if (a === U || b === U) return U;
  if (a === null || b === null) return null;
  return a * b;
}

function addDim(a: AbstractDim, b: AbstractDim): AbstractDim {
  if (a === U || b === U) return U;
  if (a === null || b === null) return null;
  return a + b;
}

// -- element-wise --------------------------------------------------------------------------------

/** Ops whose output has the shape of their first input (`UnchangedShape`). */
export function unchanged(inputs: readonly AbstractShape[]): AbstractShape[] {
  return [inputs[0] ?? U];
}

/**
 * `BroadcastBinaryOpOutputShapeFnHelper` (common_shape_fns.cc), used by Add, Sub, Mul, Maximum,
 * comparisons, ...: NumPy broadcasting; equal or 1, or TF's "Dimensions must be equal".
 */
export function broadcastShapes(a: AbstractShape, b: AbstractShape): AbstractShape {
  const x = dims(a);
  const y = dims(b);
  if (!x || !y) {
    if (a === U || b === U) {
      // A scalar broadcasts to anything: the other shape as it is.
      if (x && x.length === 0) return b;
      if (y && y.length === 0) return a;
      return U;
    }
    return null;
  }
  const n = Math.max(x.length, y.length);
  const out: AbstractDim[] = [];
  for (let i = 0; i < n; i++) {
    const dx = i < n - x.length ? 1 : x[i - (n - x.length)];
    const dy = i < n - y.length ? 1 : y[i - (n - y.length)];
    out.push(broadcastDim(dx, dy));
  }
  return out;
}

function broadcastDim(x: AbstractDim, y: AbstractDim): AbstractDim {
  if (x === 1) return y;
  if (y === 1) return x;
  if (isNum(x) && isNum(y)) {
    if (x !== y) fail(`Dimensions must be equal, but are ${x} and ${y}`);
    return x;
  }
  // One side known and not 1: the result (the other is 1 or the same, or TF rejects it).
  if (isNum(x) && x > 1) return x;
  if (isNum(y) && y > 1) return y;
  if (x === 0 || y === 0) return x === U || y === U ? U : 0;
  return x === U || y === U ? U : null;
}

export const broadcast: ShapeFn = (inputs) => [broadcastShapes(inputs[0], inputs[1])];

/** `AddN` (math_ops.cc): all inputs merged. */
export const addN: ShapeFn = (inputs) => [mergeAll(inputs)];

/** `Select` (math_ops.cc, TF 1.15's `tf.where(c, x, y)`): x and y merged; c a vector or alike. */
export const select: ShapeFn = (inputs) => {
  const out = mergeShape(inputs[1], inputs[2]);
  const c = dims(inputs[0]);
  const o = dims(out);
  if (c && o && c.length !== 1 && c.length !== o.length) {
    fail(`Shapes must be equal rank, but are ${c.length} and ${o.length}`);
  }
  if (c && o && c.length === o.length) return [mergeShape(out, inputs[0])];
  return [out];
};

// -- matrix products -----------------------------------------------------------------------------

/** Whether `tf.matmul` builds `BatchMatMulV2` (math_ops.py: a rank above 2 or not known). */
export function isBatchMatMul(a: AbstractShape, b: AbstractShape): boolean {
  const x = dims(a);
  const y = dims(b);
  return !x || !y || x.length > 2 || y.length > 2;
}

/**
 * `MatMulShape` (common_shape_fns.cc) for rank-2 inputs, `BatchMatMulV2Shape` (math_ops.cc)
 * otherwise: inner dimensions merged, batch dimensions broadcast.
 */
export const matmul: ShapeFn = (inputs, attrs) => {
  const [a, b] = inputs;
  const ta = attrs.transpose_a ?? attrs.adjoint_a ?? false;
  const tb = attrs.transpose_b ?? attrs.adjoint_b ?? false;
  const batched = isBatchMatMul(a, b);
  const x = batched ? withRankAtLeast(a, 2) : withRank(a, 2);
  const y = batched ? withRankAtLeast(b, 2) : withRank(b, 2);
  if (!x || !y || typeof ta !== 'boolean' || typeof tb !== 'boolean') {
    if (!x || !y) return [noRank(a, b)];
    return [U];
  }
  const rows = x[x.length - (ta ? 1 : 2)];
  const cols = y[y.length - (tb ? 2 : 1)];
  mergeDim(x[x.length - (ta ? 2 : 1)], y[y.length - (tb ? 1 : 2)]);
  const batch = dims(broadcastShapes(x.slice(0, -2), y.slice(0, -2)));
  if (!batch) return [U];
  return [[...batch, rows, cols]];
};

/**
 * `tf.tensordot(a, b, axes)` (math_ops.py, built of Transpose/Reshape/MatMul): the free
 * dimensions of `a` then of `b`; `axes` an int or a pair of lists.
 */
export const tensordot: ShapeFn = (inputs, attrs) => {
  const x = dims(inputs[0]);
  const y = dims(inputs[1]);
  if (!x || !y) return [noRank(inputs[0], inputs[1])];
  const axes = attrs.axes;
  let ax: number[];
  let bx: number[];
  if (isNum(axes)) {
    ax = Array.from({ length: axes }, (_v, i) => x.length - axes + i);
    bx = Array.from({ length: axes }, (_v, i) => i);
  } else if (Array.isArray(axes) && axes.length === 2) {
    const pa = intsAttr(axes[0] as Attr);
    const pb = intsAttr(axes[1] as Attr);
    if (!pa || !pb || pa.some((v) => !isNum(v)) || pb.some((v) => !isNum(v))) return [U];
    ax = (pa as number[]).map((v) => (v < 0 ? v + x.length : v));
    bx = (pb as number[]).map((v) => (v < 0 ? v + y.length : v));
  } else return [U];
  ax.forEach((i, k) => mergeDim(x[i], y[bx[k]]));
  return [[...x.filter((_d, i) => !ax.includes(i)), ...y.filter((_d, i) => !bx.includes(i))]];
};

// -- reductions ----------------------------------------------------------------------------------

/**
 * `ReductionShape` (common_shape_fns.cc) for Sum, Mean, Max, Min, Prod, Any, All (and the
 * Python `reduce_logsumexp`): `axis` absent reduces every dimension (math_ops.py's
 * `_ReductionDims`); "Invalid reduction dimension 2 for input with 2 dimensions.".
 */
export const reduce: ShapeFn = (inputs, attrs) => {
  const x = dims(inputs[0]);
  const keep = attrs.keepdims ?? attrs.keep_dims ?? false;
  const axis = attrs.axis ?? null;
  if (!x) return [inputs[0] === U ? U : null];
  if (typeof keep !== 'boolean') return [U];
  if (axis === null) return [keep ? x.map(() => 1) : []];
  const list = intsAttr(axis);
  if (!list || list.some((v) => !isNum(v))) return [keep ? x.map(() => U) : U];
  const rank = x.length;
  const axes = new Set<number>();
  for (const v of list as number[]) {
    if (v < -rank || v >= rank)
      fail(`Invalid reduction dimension ${v} for input with ${rank} dimensions.`);
    axes.add(v < 0 ? v + rank : v);
  }
  const out: AbstractDim[] = [];
  x.forEach((d, i) => {
    if (!axes.has(i)) out.push(d);
    else if (keep) out.push(1);
  });
  return [out];
};

/** `ArgOpShape` (math_ops.cc) for ArgMax/ArgMin: the `axis` dimension removed. */
export const argReduce: ShapeFn = (inputs, attrs) => {
  const x = dims(inputs[0]);
  if (!x) return [inputs[0] === U ? U : null];
  const axis = axisIn(attrs.axis ?? 0, x.length);
  if (axis === undefined) return [U];
  if (axis < 0 || axis >= x.length)
    fail(
      `Expected dimension in the range [${-x.length}, ${x.length}), but got ${String(attrs.axis)}`,
    );
  return [x.filter((_d, i) => i !== axis)];
};

/** `Cumsum`/`Cumprod`, softmax and the like: `UnchangedShapeWithRankAtLeast(1)`. */
export const unchangedAtLeast1: ShapeFn = (inputs) => {
  withRankAtLeast(inputs[0], 1);
  return [inputs[0]];
};

// -- array ops -----------------------------------------------------------------------------------

/**
 * `Reshape` (array_ops.cc `SetOutputShapeForReshape`): the target shape, a `-1` inferred from
 * a fully defined input; "Cannot reshape a tensor with 6 elements to shape [4] (4 elements)",
 * "Dimension size must be evenly divisible by 4 but is 6".
 */
export const reshape: ShapeFn = (inputs, attrs) => {
  const target = intsAttr(attrs.shape ?? U);
  if (!target) return [U];
  const wild = target.indexOf(-1);
  if (target.filter((d) => d === -1).length > 1)
    fail(
      `Cannot infer multiple unknown dimensions in shape ${shapeText(target.map((d) => (d === -1 ? null : d)))}`,
    );
  const x = dims(inputs[0]);
  const known = target.filter((_d, i) => i !== wild);
  const knownProduct = known.every(isNum) ? (known as number[]).reduce((p, d) => p * d, 1) : U;
  const out: AbstractDim[] = target.map((d) => (d === -1 ? null : d));
  const inProduct =
    x && x.every(isNum)
      ? (x as number[]).reduce((p, d) => p * d, 1)
      : x && x.includes(U)
        ? U
        : inputs[0] === U
          ? U
          : null;
  if (isNum(inProduct) && isNum(knownProduct)) {
    if (wild < 0) {
      if (inProduct !== knownProduct)
        fail(
          `Cannot reshape a tensor with ${inProduct} elements to shape ${shapeText(out)} ` +
            `(${knownProduct} elements)`,
        );
    } else if (knownProduct === 0) {
      if (inProduct !== 0)
        fail(
          `Cannot reshape a tensor with ${inProduct} elements to shape ${shapeText(out)} (0 elements)`,
        );
    } else {
      if (inProduct % knownProduct !== 0)
        fail(`Dimension size must be evenly divisible by ${knownProduct} but is ${inProduct}`);
      out[wild] = inProduct / knownProduct;
    }
  } else if (wild >= 0 && (inProduct === U || knownProduct === U)) out[wild] = U;
  return [out];
};

/**
 * `ConcatV2` (common_shape_fns.cc `ConcatShapeHelper`): every input of the first one's rank,
 * the dimensions before and after `axis` merged, the `axis` dimensions summed.
 */
export const concat: ShapeFn = (inputs, attrs) => {
  const ranked = inputs.find((s) => dims(s) !== null);
  const first = ranked === undefined ? null : dims(ranked);
  if (!first) return [noRank(...inputs)];
  const rank = first.length;
  const axisRaw = intAttr(attrs.axis ?? U);
  if (axisRaw === undefined) {
    for (const s of inputs) withRank(s, rank);
    return [first.map(() => U)];
  }
  if (axisRaw < -rank || axisRaw >= rank)
    fail(`Expected concatenating dimensions in the range [${-rank}, ${rank}), but got ${axisRaw}`);
  const axis = axisRaw < 0 ? axisRaw + rank : axisRaw;
  let before: AbstractShape = null;
  let after: AbstractShape = null;
  let total: AbstractDim = 0;
  inputs.forEach((s, i) => {
    const d = i === 0 ? dims(s) : withRank(s, rank);
    if (!d) {
      total = s === U ? U : total === U ? U : null;
      return;
    }
    before = mergeShape(before, d.slice(0, axis));
    after = mergeShape(after, d.slice(axis + 1));
    total = addDim(total, d[axis]);
  });
  if (inputs.some((s) => s !== null && !dims(s))) total = U;
  const b = dims(before) ?? first.slice(0, axis).map(() => null);
  const a = dims(after) ?? first.slice(axis + 1).map(() => null);
  return [[...b, total, ...a]];
};

/** `Pack` (array_ops.cc): the inputs merged, their count inserted at `axis`. */
export const stack: ShapeFn = (inputs, attrs) => {
  const merged = mergeAll(inputs);
  const d = dims(merged);
  if (!d) return [merged];
  const rank = d.length + 1;
  const n = intAttr(attrs.axis ?? 0);
  if (n === undefined) return [U];
  if (n < -rank || n >= rank) fail(`Invalid axis: ${n}; must be in [${-rank},${rank})`);
  const axis = n < 0 ? n + rank : n;
  const out = [...d];
  out.splice(axis, 0, inputs.length);
  return [out];
};

/** `Unpack` (array_ops.cc): `num` outputs, the input without `axis`. */
export const unstack: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  if (!d) return [inputs[0] === U ? U : null];
  const axis = axisIn(attrs.axis ?? 0, d.length);
  if (axis === undefined || axis < 0 || axis >= d.length) return [U];
  const num = intAttr(attrs.num) ?? d[axis];
  if (!isNum(num)) return [U];
  const rest = d.filter((_x, i) => i !== axis);
  return Array.from({ length: num }, () => rest);
};

/**
 * `Split` and `SplitV` (array_ops.cc): `num_or_size_splits` an int (equal parts; "Dimension size
 * must be evenly divisible by 2 but is 5") or sizes (one `-1` takes the rest).
 */
export const split: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  const how = attrs.num_or_size_splits;
  const count = isNum(how) ? how : Array.isArray(how) ? how.length : undefined;
  if (count === undefined) return [U];
  if (!d) return Array.from({ length: count }, () => (inputs[0] === U ? U : null));
  const axis = axisIn(attrs.axis ?? 0, d.length);
  if (axis === undefined || axis < 0 || axis >= d.length)
    return Array.from({ length: count }, () => U);
  const part = (size: AbstractDim) => {
    const out = [...d];
    out[axis] = size;
    return out;
  };
  const whole = d[axis];
  if (isNum(how)) {
    if (isNum(whole) && whole % how !== 0)
      fail(
        `Dimension size must be evenly divisible by ${how} but is ${whole}\n\tNumber of ways to ` +
          `split should evenly divide the split dimension`,
      );
    const size = isNum(whole) ? whole / how : whole;
    return Array.from({ length: how }, () => part(size));
  }
  const sizes = intsAttr(how) ?? [];
  const rest = sizes.indexOf(-1);
  let fill: AbstractDim = null;
  if (rest >= 0) {
    const others = sizes.filter((_s, i) => i !== rest);
    fill =
      isNum(whole) && others.every(isNum)
        ? whole - (others as number[]).reduce((p, s) => p + s, 0)
        : whole === U || others.includes(U)
          ? U
          : null;
  }
  return sizes.map((s, i) => part(i === rest ? fill : s));
};

/** `Transpose` (array_ops.cc): dimensions permuted by `perm` (reversed when absent). */
export const transpose: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  const perm = attrs.perm === undefined || attrs.perm === null ? null : intsAttr(attrs.perm);
  if (!d) {
    if (perm && inputs[0] !== U) return [perm.map(() => null)];
    return [inputs[0] === U ? U : null];
  }
  if (attrs.perm !== undefined && attrs.perm !== null && !perm) return [d.map(() => U)];
  const p = perm ?? d.map((_x, i) => d.length - 1 - i);
  if (p.length !== d.length) fail(`Dimension must be ${d.length} but is ${p.length}`);
  return [
    p.map((i) => {
      const j = isNum(i) ? (i < 0 ? i + d.length : i) : -1;
      return j >= 0 && j < d.length ? d[j] : U;
    }),
  ];
};

/** `ExpandDims` (array_ops.cc): a 1 inserted at `axis` (in `[-rank-1, rank]`). */
export const expandDims: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  if (!d) return [inputs[0] === U ? U : null];
  const n = intAttr(attrs.axis ?? U);
  if (n === undefined) return [U];
  const axis = n < 0 ? n + d.length + 1 : n;
  if (axis < 0 || axis > d.length) return [U];
  const out = [...d];
  out.splice(axis, 0, 1);
  return [out];
};

/**
 * `Squeeze` (array_ops.cc): the listed (or all) dimensions of size 1 removed; "Can not squeeze
 * dim[1], expected a dimension of 1, got 2". With no axis and a dimension not known, the rank is
 * not known.
 */
export const squeeze: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  if (!d) return [inputs[0] === U ? U : null];
  const raw = attrs.axis ?? attrs.squeeze_dims ?? null;
  const list = raw === null ? [] : intsAttr(raw);
  if (!list || list.some((v) => !isNum(v))) return [U];
  const axes = new Set((list as number[]).map((v) => (v < 0 ? v + d.length : v)));
  const out: AbstractDim[] = [];
  for (let i = 0; i < d.length; i++) {
    const x = d[i];
    if (axes.size > 0 ? axes.has(i) : true) {
      if (isNum(x) && x !== 1) {
        if (axes.size > 0) fail(`Can not squeeze dim[${i}], expected a dimension of 1, got ${x}`);
        out.push(x);
        continue;
      }
      if (x === 1) continue;
      if (axes.size === 0) return [x === U ? U : null];
      continue;
    }
    out.push(x);
  }
  return [out];
};

/** `Pad`/`PadV2`/`MirrorPad` (array_ops.cc `PadShapeFn`): each dimension plus its paddings. */
export const pad: ShapeFn = (inputs, attrs) => {
  const p = attrs.paddings;
  const d = dims(inputs[0]);
  if (!Array.isArray(p)) return [d ? d.map(() => U) : U];
  const rows = p as readonly Attr[];
  const x = dimsOfRank(inputs[0], rows.length);
  return [
    x.map((v, i) => {
      const r = intsAttr(rows[i]);
      if (!r || r.length !== 2 || !isNum(r[0]) || !isNum(r[1])) return v === null ? null : U;
      return addDim(v, r[0] + r[1]);
    }),
  ];
};

/** `Tile` (array_ops.cc): each dimension times its multiple. */
export const tile: ShapeFn = (inputs, attrs) => {
  const m = intsAttr(attrs.multiples ?? U);
  const d = dims(inputs[0]);
  if (!m) return [d ? d.map(() => U) : U];
  const x = dimsOfRank(inputs[0], m.length);
  return [x.map((v, i) => mulDim(v, m[i] === null ? null : m[i]))];
};

/** `GatherV2` (array_ops.cc): params[:axis] + indices + params[axis+1:]. */
export const gather: ShapeFn = (inputs, attrs) => {
  const p = dims(inputs[0]);
  const i = dims(inputs[1]);
  if (!p || !i) return [noRank(inputs[0], inputs[1])];
  const axis = axisIn(attrs.axis ?? 0, p.length);
  if (axis === undefined) return [U];
  if (axis < 0 || axis >= p.length)
    fail(`Shape must be at least rank ${axis + 1} but is rank ${p.length}`);
  return [[...p.slice(0, axis), ...i, ...p.slice(axis + 1)]];
};

/** `GatherNd` (array_ops.cc): indices[:-1] + params[indices[-1]:]. */
export const gatherNd: ShapeFn = (inputs) => {
  const p = dims(inputs[0]);
  const i = withRankAtLeast(inputs[1], 1);
  if (!p || !i) return [noRank(inputs[0], inputs[1])];
  const r = i[i.length - 1];
  if (!isNum(r)) return [r === U ? U : null];
  if (r > p.length)
    fail(
      `indices.shape[-1] must be <= params.rank, but saw indices shape: ${shapeText(i)} and ` +
        `params shape: ${shapeText(p)}`,
    );
  return [[...i.slice(0, -1), ...p.slice(r)]];
};

/** `ScatterNd` (array_ops.cc `ScatterNdShape`): the output is `shape` (attr: the entries TF's
 * shape inference knows, `null` for the others; `null` when even its length is unknown); the
 * indices must have rank >= 1. */
export const scatterNd: ShapeFn = (inputs, attrs) => {
  withRankAtLeast(inputs[0], 1);
  const s = attrs.shape;
  if (!Array.isArray(s)) return [s === null || s === undefined ? null : U];
  return [(s as readonly unknown[]).map((d) => (isNum(d) && d >= 0 ? d : null))];
};

/** `Multinomial` (random_ops.cc): logits [batch, classes] give [batch, num_samples]; "Shape
 * must be rank 2 but is rank 1" otherwise. */
export const multinomial: ShapeFn = (inputs, attrs) => {
  const l = withRank(inputs[0], 2);
  const n = attrs.num_samples;
  const k: AbstractDim = isNum(n) ? n : n === null || n === undefined ? null : U;
  if (!l) return [inputs[0] === U ? U : [null, k]];
  return [[l[0], k]];
};

/** `SpaceToBatchND` / `BatchToSpaceND` (array_ops.cc): the spatial dimensions after the batch
 * padded (cropped) and divided by (multiplied by) `block_shape`, the batch multiplied (divided)
 * by its product; attrs `block_shape` and `paddings` (or `crops`) as [n, 2] lists, `null` when
 * not known statically. */
function spaceBatch(toBatch: boolean): ShapeFn {
  return (inputs, attrs) => {
    const x = dims(inputs[0]);
    const block = attrs.block_shape as readonly unknown[] | null | undefined;
    const pads = (toBatch ? attrs.paddings : attrs.crops) as readonly unknown[] | null | undefined;
    if (!x) return [inputs[0] === U ? U : null];
    if (!Array.isArray(block)) return [x.map(() => null)];
    // Paddings (crops) known only when the graph runs: the batch and the dimensions after the
    // blocked ones still follow (SpaceToBatchShapeHelper), the blocked ones are unknown.
    const n = block.length;
    if (x.length < n + 1) fail(`input rank should be >= ${n + 1} instead of ${x.length}`);
    const prod = (block as number[]).reduce((a, b) => a * b, 1);
    const out: AbstractDim[] = [...x];
    const b0 = x[0];
    if (isNum(b0)) {
      if (!toBatch && b0 % prod !== 0)
        fail(`batch size ${b0} is not divisible by product of block sizes ${prod}`);
      out[0] = toBatch ? b0 * prod : b0 / prod;
    }
    for (let i = 0; i < n; i++) {
      const d = x[i + 1];
      if (!Array.isArray(pads)) {
        out[i + 1] = null;
        continue;
      }
      const [lo, hi] = pads[i] as number[];
      const k = (block as number[])[i];
      if (!isNum(d)) continue;
      if (toBatch) {
        const padded = d + lo + hi;
        if (padded % k !== 0)
          fail(`padded_shape[${i}]=${padded} is not divisible by block_shape[${i}]=${k}`);
        out[i + 1] = padded / k;
      } else {
        const full = d * k - lo - hi;
        if (full < 0) fail(`Negative output dimension size caused by overly large crop values.`);
        out[i + 1] = full;
      }
    }
    return [out];
  };
}
export const spaceToBatchNd = spaceBatch(true);
export const batchToSpaceNd = spaceBatch(false);

/** `OneHot` (array_ops.cc): `depth` inserted at `axis` (-1: last). */
export const oneHot: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  if (!d) return [inputs[0] === U ? U : null];
  const depthAttr = attrs.depth;
  const depth: AbstractDim = isNum(depthAttr) ? depthAttr : depthAttr === null ? null : U;
  const n = intAttr(attrs.axis ?? -1);
  if (n === undefined) return [U];
  const axis = n === -1 ? d.length : n;
  if (axis < 0 || axis > d.length) fail(`axis must be >= -1`);
  const out = [...d];
  out.splice(axis, 0, depth);
  return [out];
};

/** `Slice` (array_ops.cc): `size`, a `-1` taking the rest of the dimension after `begin`. */
export const slice: ShapeFn = (inputs, attrs) => {
  const begin = intsAttr(attrs.begin ?? U);
  const size = intsAttr(attrs.size ?? U);
  const d = dims(inputs[0]);
  if (!size) return [d ? d.map(() => U) : U];
  const x = dimsOfRank(inputs[0], size.length);
  return [
    size.map((s, i) => {
      if (s !== -1) return s;
      const b = begin ? begin[i] : U;
      const v = x[i];
      if (!isNum(b) || !isNum(v)) return v === null && b !== U ? null : U;
      return v - b;
    }),
  ];
};

/**
 * `StridedSlice` (array_ops.cc, `ValidateStridedSliceOp` in util/strided_slice_op.cc): the sparse
 * spec (`begin`, `end`, `strides` and the five masks) made dense, an `...` covering the axes the
 * other entries leave (an implicit one at the end); then per axis an index (shrink) drops it and a
 * slice has the length its canonical bounds give. `begin`/`end`/`strides` are `null` when TF
 * cannot read them as constants (a tensor in the list): their lengths are then unknown; a
 * strides list not known gives an unknown rank.
 */
export const stridedSlice: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  if (!d) return [inputs[0] === U ? U : null];
  if (attrs.strides === null) return [null];
  const strides = intsAttr(attrs.strides ?? U);
  const maskAttrs: (Attr | undefined)[] = [
    attrs.begin_mask,
    attrs.end_mask,
    attrs.ellipsis_mask,
    attrs.new_axis_mask,
    attrs.shrink_axis_mask,
  ];
  const masks = maskAttrs.map((m) => intAttr(m ?? 0));
  if (!strides || strides.some((v) => !isNum(v)) || masks.some((m) => m === undefined)) return [U];
  const st = strides as number[];
  const [bm, em, sam] = [masks[0]!, masks[1]!, masks[4]!];
  let elm = masks[2]!;
  const nam = masks[3]!;
  const beginValid = attrs.begin !== null;
  const endValid = attrs.end !== null;
  const begin = beginValid ? intsAttr(attrs.begin ?? U) : null;
  const end = endValid ? intsAttr(attrs.end ?? U) : null;
  if ((beginValid && !begin) || (endValid && !end)) return [d.map(() => U)];
  const rank = d.length;
  let n = st.length;
  let after = 0;
  let seen = false;
  let ellipses = 0;
  for (let i = 0; i < n; i++) {
    if (seen && nam & (1 << i)) after++;
    if (elm & (1 << i)) {
      seen = true;
      ellipses++;
    }
  }
  if (ellipses > 1) fail('Multiple ellipses in slice spec not allowed');
  if (!seen) {
    elm |= 1 << n;
    n++;
  }
  interface Dense {
    b: number | null | Unknown;
    e: number | null | Unknown;
    s: number;
    bm: boolean;
    em: boolean;
    shrink: boolean;
  }
  const dense: Dense[] = [];
  const gather: (number | 'new' | 'shrink')[] = [];
  for (let i = 0; i < n; i++) {
    const bit = 1 << i;
    if (elm & bit) {
      const next = Math.min(rank - (n - i) + 1 + after, rank);
      while (dense.length < next) {
        gather.push(dense.length);
        dense.push({ b: 0, e: 0, s: 1, bm: true, em: true, shrink: false });
      }
    } else if (nam & bit) {
      gather.push('new');
    } else {
      if (dense.length >= rank)
        fail(`Index out of range using input dim ${dense.length}; input has only ${rank} dims`);
      const shrink = (sam & bit) !== 0;
      gather.push(shrink ? 'shrink' : dense.length);
      dense.push({
        b: begin ? begin[i] : 0,
        e: end ? end[i] : 0,
        s: st[i],
        bm: (bm & bit) !== 0,
        em: (em & bit) !== 0,
        shrink,
      });
    }
  }
  const lengths: AbstractDim[] = dense.map((x, i) => {
    const dim = d[i];
    const s = x.s;
    if (s === 0) fail(`strides[${i}] must be non-zero`);
    if (dim === null || dim === U) return x.shrink ? 1 : dim;
    let length: number;
    if (beginValid && endValid) {
      if (x.b === U || x.e === U) return U;
      if (x.shrink) {
        const b = x.b as number;
        const f = b < 0 ? dim + b : b;
        if (f < 0 || f >= dim) fail(`slice index ${b} of dimension ${i} out of bounds.`);
        length = 1;
      } else {
        const lo = s > 0 ? 0 : -1;
        const hi = s > 0 ? dim : dim - 1;
        const canonical = (v: number | null, c: 0 | 1, masked: boolean): number => {
          if (masked || v === null) return s > 0 ? (c === 0 ? lo : hi) : c === 0 ? hi : lo;
          const f = v < 0 ? dim + v : v;
          return f < lo ? lo : f > hi ? hi : f;
        };
        length = canonical(x.e as number, 1, x.em) - canonical(x.b as number, 0, x.bm);
      }
    } else if (x.shrink) length = 1;
    else if (x.bm && x.em) length = s < 0 ? -dim : dim;
    else return null;
    if (length === 0 || length < 0 !== s < 0) return 0;
    return Math.ceil(length / s);
  });
  const out: AbstractDim[] = [];
  for (const g of gather) {
    if (g === 'new') out.push(1);
    else if (g !== 'shrink') out.push(lengths[g]);
  }
  return [out];
};

/** `ReverseV2`, `Identity`, `ZerosLike`, ...: `UnchangedShape`. */
export const reverse: ShapeFn = (inputs) => [inputs[0]];

/**
 * `ReverseSequence` (array_ops.cc): `seq_lengths` a vector, `batch_dim` and `seq_dim` within the
 * input's rank, the batch dimension merged with the lengths' size.
 */
export const reverseSequence: ShapeFn = (inputs, attrs) => {
  const lengths = withRank(inputs[1], 1);
  const x = dims(inputs[0]);
  const batchDim = intAttr(attrs.batch_dim ?? attrs.batch_axis) ?? 0;
  const seqDim = intAttr(attrs.seq_dim ?? attrs.seq_axis);
  if (!x) return [noRank(inputs[0])];
  if (batchDim >= x.length) fail(`batch_dim must be < input rank: ${batchDim} vs. ${x.length}`);
  if (seqDim !== undefined && seqDim >= x.length)
    fail(`seq_dim must be < input rank: ${seqDim} vs. ${x.length}`);
  const out = [...x];
  out[batchDim] = mergeDim(x[batchDim], lengths ? lengths[0] : inputs[1] === U ? U : null);
  return [out];
};

/** `Shape` (array_ops.cc): a vector of the input's rank. */
export const shapeOf: ShapeFn = (inputs) => {
  const d = dims(inputs[0]);
  return [d ? [d.length] : inputs[0] === U ? U : [null]];
};

/** `Size`, `Rank`, `L2Loss` and full reductions to a scalar: `ScalarShape`. */
export const scalar: ShapeFn = () => [[]];

/** `Fill` (array_ops.cc): the value of `dims`. */
export const fill: ShapeFn = (_inputs, attrs) => {
  const d = attrs.dims;
  if (d === null) return [null];
  const list = intsAttr(d ?? U);
  return [list ? list.map((v) => (v === -1 ? null : v)) : U];
};

/**
 * `Range` (math_ops.cc): ceil((limit - start) / delta) for known arguments; "Requires start <=
 * limit when delta > 0: 5/1", "Requires delta != 0".
 */
export const range: ShapeFn = (_inputs, attrs) => {
  const { start, limit, delta } = attrs;
  if (!isNum(start) || !isNum(limit) || !isNum(delta)) return [[U]];
  if (delta === 0) fail('Requires delta != 0');
  if (delta > 0 && start > limit) fail(`Requires start <= limit when delta > 0: ${start}/${limit}`);
  if (delta < 0 && start < limit) fail(`Requires start >= limit when delta < 0: ${start}/${limit}`);
  return [[Math.ceil(Math.abs((limit - start) / delta))]];
};

/** `tf.sequence_mask(lengths, maxlen)` (array_ops.py): lengths' shape + [maxlen]. */
export const sequenceMask: ShapeFn = (inputs, attrs) => {
  const d = dims(inputs[0]);
  if (!d) return [inputs[0] === U ? U : null];
  const m = attrs.maxlen;
  return [[...d, isNum(m) ? m : m === null ? null : U]];
};

/** `tf.boolean_mask(x, mask)` (array_ops.py): the masked dimensions become one unknown one. */
export const booleanMask: ShapeFn = (inputs) => {
  const x = dims(inputs[0]);
  const m = dims(inputs[1]);
  if (!x || !m) return [noRank(inputs[0], inputs[1])];
  if (m.length === 0) fail('mask cannot be scalar.');
  x.slice(0, m.length).forEach((d, i) => mergeDim(d, m[i]));
  return [[null, ...x.slice(m.length)]];
};

/** `Where` with one argument (array_ops.cc): [num_true, rank]. */
export const whereIndices: ShapeFn = (inputs) => {
  const d = dims(inputs[0]);
  return [[null, d ? d.length : inputs[0] === U ? U : null]];
};

// -- neural-network ops --------------------------------------------------------------------------

/** `BiasAdd` (nn_ops.cc `BiasAddShape`): rank >= 2, the channel dimension merged with the bias. */
export const biasAdd: ShapeFn = (inputs, attrs) => {
  const x = withRankAtLeast(inputs[0], 2);
  const b = withRank(inputs[1], 1);
  if (!x) return [inputs[0] === U ? U : null];
  const nchw = attrs.data_format === 'NCHW';
  const c = nchw ? x.length - 3 : x.length - 1;
  const out = [...x];
  out[c] = mergeDim(x[c], b ? b[0] : null);
  return [out];
};

type Padding = 'SAME' | 'VALID';

function paddingOf(a: Attr | undefined): Padding | undefined {
  if (typeof a !== 'string') return undefined;
  const p = a.toUpperCase();
  return p === 'SAME' || p === 'VALID' ? p : undefined;
}

/** `GetWindowedOutputSizeVerboseV2` (kernel_shape_util.cc) on static sizes. */
function windowed(
  size: AbstractDim,
  k: AbstractDim,
  stride: AbstractDim,
  dilation: AbstractDim,
  padding: Padding | undefined,
): AbstractDim {
  if (!isNum(stride) || padding === undefined || size === U) return U;
  if (size === null) return null;
  if (padding === 'SAME') return Math.floor((size + stride - 1) / stride);
  if (!isNum(k) || !isNum(dilation)) return k === null ? null : U;
  const effective = (k - 1) * dilation + 1;
  const out = Math.floor((size - effective + stride) / stride);
  if (out < 0)
    fail(
      `Computed output size would be negative: ${out} [input_size: ${size}, effective_filter_size: ${effective}, stride: ${stride}]`,
    );
  return out;
}

/** The spatial entries of a per-dimension list (`[1, sh, sw, 1]`), by data format. */
function spatial(
  list: Attr | undefined,
  rank: number,
  nchw: boolean,
  fallback: number,
): AbstractDim[] {
  const n = rank - 2;
  const v = list === undefined || list === null ? fallback : list;
  const l = intsAttr(v);
  if (!l) return Array(n).fill(U) as AbstractDim[];
  if (l.length === 1) return Array(n).fill(l[0]) as AbstractDim[];
  if (l.length === n) return l;
  if (l.length === rank) return nchw ? l.slice(2) : l.slice(1, 1 + n);
  return Array(n).fill(U) as AbstractDim[];
}

interface WindowArgs {
  input: AbstractShape;
  kernel: AbstractDim[];
  strides: Attr | undefined;
  dilations: Attr | undefined;
  padding: Attr | undefined;
  format: Attr | undefined;
  rank: number;
  channels: (inChannels: AbstractDim) => AbstractDim;
}

function windowedShape(w: WindowArgs): AbstractShape {
  const x = withRank(w.input, w.rank);
  const nchw = typeof w.format === 'string' && w.format.startsWith('NC');
  if (!x) {
    // TF's unknown rank (or the analyzer's unknown shape) becomes the op's rank: unknown
    // dimensions of the same kind, and the channels the filter (or the input's) decide.
    const d = w.input === U ? U : null;
    return Array(w.rank)
      .fill(d)
      .map((_v, i) => ((nchw ? i === 1 : i === w.rank - 1) ? w.channels(d) : d));
  }
  const sp = nchw ? x.slice(2) : x.slice(1, w.rank - 1);
  const st = spatial(w.strides, w.rank, nchw, 1);
  const dl = spatial(w.dilations, w.rank, nchw, 1);
  const pad = paddingOf(w.padding);
  const outSp = sp.map((s, i) => windowed(s, w.kernel[i] ?? U, st[i], dl[i], pad));
  const c = w.channels(nchw ? x[1] : x[w.rank - 1]);
  return nchw ? [x[0], c, ...outSp] : [x[0], ...outSp, c];
}

/** `Conv2DShape` / `Conv3DShape` (common_shape_fns.cc): windowed spatial sizes, the filter's
 * output channels; "Depth of input (3) is not a multiple of input depth of filter (4)". */
function convN(rank: number): ShapeFn {
  return (inputs, attrs) => {
    const f = withRank(inputs[1], rank);
    const nchw = typeof attrs.data_format === 'string' && attrs.data_format.startsWith('NC');
    const x = dims(inputs[0]);
    if (x && f && x.length === rank) {
      const inC = nchw ? x[1] : x[rank - 1];
      const fC = f[rank - 2];
      if (isNum(inC) && isNum(fC) && fC > 0 && inC % fC !== 0)
        fail(`Depth of input (${inC}) is not a multiple of input depth of filter (${fC})`);
    }
    return [
      windowedShape({
        input: inputs[0],
        kernel: f ? f.slice(0, rank - 2) : Array(rank - 2).fill(inputs[1] === U ? U : null),
        strides: attrs.strides,
        dilations: attrs.dilations,
        padding: attrs.padding,
        format: attrs.data_format,
        rank,
        channels: () => (f ? f[rank - 1] : inputs[1] === U ? U : null),
      }),
    ];
  };
}

export const conv2d = convN(4);
export const conv3d = convN(5);

/** `tf.nn.conv1d` (nn_ops.py): ExpandDims, `Conv2D`, Squeeze; `stride` one int. */
export const conv1d: ShapeFn = (inputs, attrs) => {
  const x = withRank(inputs[0], 3);
  const f = withRank(inputs[1], 3);
  const nchw = attrs.data_format === 'NCW';
  const x4: AbstractShape = x ? (nchw ? [x[0], x[1], 1, x[2]] : [x[0], 1, x[1], x[2]]) : inputs[0];
  const f4: AbstractShape = f ? [1, ...f] : inputs[1];
  const strideAttr = attrs.stride ?? attrs.strides ?? U;
  const strideList: readonly Attr[] = Array.isArray(strideAttr)
    ? (strideAttr as readonly Attr[])
    : [strideAttr as Attr];
  const s = intAttr(strideList.length === 3 ? strideList[nchw ? 2 : 1] : strideList[0]);
  const dil = intAttr(attrs.dilations ?? 1);
  const [out] = conv2d([x4, f4], {
    strides: s === undefined ? U : [1, s, s, 1],
    padding: attrs.padding,
    dilations: dil === undefined ? U : [1, 1, dil, 1],
    data_format: nchw ? 'NCHW' : 'NHWC',
  });
  const o = dims(out);
  if (!o) return [out];
  return [nchw ? [o[0], o[1], o[3]] : [o[0], o[2], o[3]]];
};

/** `DepthwiseConv2dNative` (nn_ops.cc `DepthwiseConv2DNativeShape`): channels × multiplier. */
export const depthwiseConv2d: ShapeFn = (inputs, attrs) => {
  const f = withRank(inputs[1], 4);
  const x = dims(inputs[0]);
  const nchw = attrs.data_format === 'NCHW';
  if (x && f && x.length === 4) mergeDim(nchw ? x[1] : x[3], f[2]);
  return [
    windowedShape({
      input: inputs[0],
      kernel: f ? f.slice(0, 2) : [U, U],
      strides: attrs.strides,
      dilations: attrs.dilations ?? attrs.rate,
      padding: attrs.padding,
      format: attrs.data_format,
      rank: 4,
      channels: (c) => (f ? mulDim(isNum(c) ? c : f[2], f[3]) : U),
    }),
  ];
};

/** `tf.nn.separable_conv2d` (nn_impl.py): depthwise, then a 1x1 `Conv2D` to the pointwise
 * filter's channels. */
export const separableConv2d: ShapeFn = (inputs, attrs) => {
  const [mid] = depthwiseConv2d([inputs[0], inputs[1]], attrs);
  return conv2d([mid, inputs[2]], {
    strides: [1, 1, 1, 1],
    padding: 'VALID',
    data_format: attrs.data_format,
  });
};

/**
 * `Conv2DBackpropInput` / `Conv3DBackpropInputV2` (nn_ops.cc, `tf.nn.conv2d_transpose` /
 * `conv3d_transpose`): the `output_shape` given.
 */
function convTranspose(rank: number): ShapeFn {
  return (inputs, attrs) => {
    const out = attrs.output_shape;
    withRank(inputs[0], rank);
    withRank(inputs[1], rank);
    if (!Array.isArray(out)) return [Array<AbstractDim>(rank).fill(U)];
    return [(out as Attr[]).map((d) => (isNum(d) ? d : d === null ? null : U))];
  };
}

export const conv2dTranspose = convTranspose(4);
export const conv3dTranspose = convTranspose(5);

/** `MaxPool`/`AvgPool` (common_shape_fns.cc `Pool2DShape`/`MaxPoolShape`, `AvgPoolShape`). */
export const pool: ShapeFn = (inputs, attrs) => {
  const rank = isNum(attrs.rank) ? attrs.rank : dims(inputs[0])?.length === 5 ? 5 : 4;
  const nchw = typeof attrs.data_format === 'string' && attrs.data_format.startsWith('NC');
  return [
    windowedShape({
      input: inputs[0],
      kernel: spatial(attrs.ksize, rank, nchw, 1),
      strides: attrs.strides,
      dilations: 1,
      padding: attrs.padding,
      format: attrs.data_format,
      rank,
      channels: (c) => c,
    }),
  ];
};

/**
 * `SoftmaxCrossEntropyWithLogits` as `tf.nn.softmax_cross_entropy_with_logits(_v2)` builds it
 * (nn_ops.py): labels and logits merged, the loss of shape logits[:-1].
 */
export const softmaxXent: ShapeFn = (inputs) => {
  const merged = dims(mergeShape(inputs[0], inputs[1]));
  if (!merged) return [noRank(inputs[0], inputs[1])];
  return [merged.slice(0, -1)];
};

/**
 * `SparseSoftmaxCrossEntropyWithLogits` as nn_ops.py builds it: "Rank mismatch: Rank of labels
 * (received 2) should equal rank of logits minus 1 (received 2)."; the loss has the labels' shape.
 */
export const sparseSoftmaxXent: ShapeFn = (inputs) => {
  const logits = dims(inputs[0]);
  const labels = dims(inputs[1]);
  if (logits && labels && labels.length !== logits.length - 1)
    fail(
      `Rank mismatch: Rank of labels (received ${labels.length}) should equal rank of logits ` +
        `minus 1 (received ${logits.length}).`,
    );
  if (logits && labels) {
    try {
      labels.forEach((d, i) => mergeDim(d, logits[i]));
    } catch {
      fail(
        `logits and labels must have the same first dimension, got logits shape ` +
          `${shapeText(logits)} and labels shape ${shapeText(labels)}`,
      );
    }
    return [labels.map((d, i) => mergeDim(d, logits[i]))];
  }
  if (labels) return [labels];
  if (logits) return [logits.slice(0, -1)];
  return [noRank(inputs[0], inputs[1])];
};

/** `InTopKV2` (nn_ops.cc): predictions [batch, classes], targets [batch]; a bool per row. */
export const inTopK: ShapeFn = (inputs) => {
  const p = withRank(inputs[0], 2);
  const t = withRank(inputs[1], 1);
  return [[mergeDim(p ? p[0] : null, t ? t[0] : null)]];
};

/** `TopKV2` (nn_ops.cc): values and indices of shape input[:-1] + [k]; "input must have last
 * dimension >= k = 3 but is 2". */
export const topK: ShapeFn = (inputs, attrs) => {
  const x = withRankAtLeast(inputs[0], 1);
  // A `k` TF's shape inference cannot evaluate is `null` (an unknown last dimension).
  const kAttr = attrs.k === undefined ? 1 : attrs.k;
  const k: AbstractDim = isNum(kAttr) ? kAttr : kAttr === null ? null : U;
  if (!x) {
    const u = inputs[0] === U ? U : null;
    return [u, u];
  }
  const last = x[x.length - 1];
  if (isNum(last) && isNum(k) && last < k)
    fail(`input must have last dimension >= k = ${k} but is ${last}`);
  const out: AbstractDim[] = [...x.slice(0, -1), k];
  return [out, out];
};

/** `tf.nn.moments` (nn_impl.py): mean and variance reduced over `axes`. */
export const moments: ShapeFn = (inputs, attrs) => {
  const [out] = reduce(inputs, { axis: attrs.axes ?? U, keepdims: attrs.keepdims ?? false });
  return [out, out];
};

/** The channel dimension of a 4-D tensor in `data_format` (`GetTensorFeatureDimIndex`). */
function featureIndex(attrs: Attrs): number {
  return attrs.data_format === 'NCHW' ? 1 : 3;
}

/**
 * `FusedBatchNormV3` (nn_ops.cc 1.15 `FusedBatchNormV3Shape`): x of rank 4; scale, offset (and
 * in inference mean, variance) vectors merged with the channel dimension; y is x with the merged
 * channels, the batch statistics and reserve spaces 1-2 vectors of it, reserve space 3 unknown.
 */
export const fusedBatchNorm: ShapeFn = (inputs, attrs) => {
  const x = withRank(inputs[0], 4);
  const c = featureIndex(attrs);
  let channels: AbstractDim = x ? x[c] : inputs[0] === U ? U : null;
  const count = attrs.is_training === false ? 5 : 3;
  for (let i = 1; i < count; i++) {
    const v = withRank(inputs[i] ?? null, 1);
    channels = mergeDim(channels, v ? v[0] : inputs[i] === U ? U : null);
  }
  const y: AbstractShape = x ? x.map((d, i) => (i === c ? channels : d)) : noRank(inputs[0]);
  const vec: AbstractShape = [channels];
  return [y, vec, vec, vec, vec, noRank(inputs[0])];
};

/**
 * `FusedBatchNormGradV3` (nn_ops.cc 1.15 `FusedBatchNormGradShape`): y_backprop and x of rank
 * 4, their channels merged with scale and reserve spaces 1-2; x_backprop, then the scale and
 * offset gradients as vectors, reserve spaces 4-5 `[0]` in training, else channel vectors.
 */
export const fusedBatchNormGrad: ShapeFn = (inputs, attrs) => {
  const dy = withRank(inputs[0], 4);
  const x = withRank(inputs[1], 4);
  const c = featureIndex(attrs);
  let channels: AbstractDim = dy ? dy[c] : inputs[0] === U ? U : null;
  channels = mergeDim(channels, x ? x[c] : inputs[1] === U ? U : null);
  for (let i = 2; i < 5; i++) {
    const v = withRank(inputs[i] ?? null, 1);
    channels = mergeDim(channels, v ? v[0] : inputs[i] === U ? U : null);
  }
  const dx: AbstractShape = dy ? dy.map((d, i) => (i === c ? channels : d)) : noRank(inputs[0]);
  const reserve: AbstractShape = attrs.is_training === false ? [channels] : [0];
  return [dx, [channels], [channels], reserve, reserve];
};

/** Every shape function by the name the shape table (test/core/op-shapes.json) uses. */
export const SHAPE_FNS: Readonly<Record<string, ShapeFn>> = {
  unchanged,
  broadcast,
  add_n: addN,
  select,
  matmul,
  tensordot,
  reduce,
  argmax: argReduce,
  cumsum: unchangedAtLeast1,
  reshape,
  concat,
  stack,
  unstack,
  split,
  transpose,
  expand_dims: expandDims,
  squeeze,
  pad,
  tile,
  gather,
  gather_nd: gatherNd,
  scatter_nd: scatterNd,
  space_to_batch_nd: spaceToBatchNd,
  batch_to_space_nd: batchToSpaceNd,
  multinomial,
  one_hot: oneHot,
  slice,
  strided_slice: stridedSlice,
  reverse,
  reverse_sequence: reverseSequence,
  shape: shapeOf,
  size: scalar,
  rank: scalar,
  l2_loss: scalar,
  fill,
  range,
  sequence_mask: sequenceMask,
  boolean_mask: booleanMask,
  where_indices: whereIndices,
  bias_add: biasAdd,
  conv1d,
  conv2d,
  conv3d,
  depthwise_conv2d: depthwiseConv2d,
  separable_conv2d: separableConv2d,
  conv2d_transpose: conv2dTranspose,
  conv3d_transpose: conv3dTranspose,
  max_pool: pool,
  avg_pool: pool,
  softmax_xent: softmaxXent,
  sparse_softmax_xent: sparseSoftmaxXent,
  in_top_k: inTopK,
  top_k: topK,
  moments,
  fused_batch_norm: fusedBatchNorm,
  fused_batch_norm_grad: fusedBatchNormGrad,
};

/**
 * A shape function by name, for a caller that must not throw (the analyzer): the outputs, or
 * `UNKNOWN` for each when TF would reject the inputs.
 */
export function inferShapes(
  name: string,
  inputs: readonly AbstractShape[],
  attrs: Attrs,
  outputs = 1,
): AbstractShape[] {
  const fn = SHAPE_FNS[name];
  try {
    if (fn) return fn(inputs, attrs);
  } catch {
    // TF rejects these inputs (a ShapeError), or a bug: either way nothing is known.
  }
  return Array.from({ length: outputs }, () => U);
}
