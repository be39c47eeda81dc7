/**
 * NumPy arrays as far as TF1 programs use them to make variables and constants: their shape and
 * dtype, never their values. `tf.Variable(np.random.randn(784, 10) * 0.01)`,
 * `tf.constant(np.zeros([3], np.float32))` and `tf.placeholder(tf.float32, x.shape)` take both
 * from the array, as TF does.
 *
 * An array is an `object` of kind `ndarray` whose `shape` is a tuple (an item UNKNOWN where the
 * analyzer cannot tell; the whole tuple UNKNOWN when the rank is not known) and whose `dtype` is
 * a DType value. NumPy's own defaults hold: `zeros`, `ones`, `empty`, `eye`, `linspace` and the
 * random functions give float64; `arange` of ints gives int64; `array` of Python floats
 * float64, of ints int64. Anything NumPy does that is not modelled here is unknown.
 */
import { DType, DTypes } from '../../core/dtypes';
import { AbstractDim, AbstractShape, UNKNOWN as U } from '../../core/shape';
import { broadcast, dtypeOf, dtypeValue, ndarrayInfo } from './tensors';
import { Env, NONE, UNKNOWN_VALUE, Value } from './values';

type Dims = readonly AbstractDim[];

/** A NumPy array of this shape and dtype. */
export function ndarray(shape: AbstractShape, dtype: DType): Value {
  const attrs = new Map<string, Value>();
  const dims = Array.isArray(shape) ? (shape as Dims) : null;
  const tuple: Value = dims
    ? { k: 'tuple', items: dims.map((d) => (typeof d === 'number' ? int(d) : UNKNOWN_VALUE)) }
    : UNKNOWN_VALUE;
  const self: Value = { k: 'object', kind: 'ndarray', attrs };
  attrs.set('shape', tuple);
  attrs.set('dtype', dtypeValue(dtype.name));
  attrs.set('ndim', dims ? int(dims.length) : UNKNOWN_VALUE);
  const size = dims
    ? dims.reduce<number | null>((n, d) => (n !== null && typeof d === 'number' ? n * d : null), 1)
    : null;
  attrs.set('size', size === null ? UNKNOWN_VALUE : int(size));
  attrs.set(
    'astype',
    fn('astype', (args, kw) => ndarray(shape, dtypeArg(args[0] ?? kw.get('dtype')) ?? dtype)),
  );
  attrs.set(
    'copy',
    fn('copy', () => self),
  );
  attrs.set(
    'reshape',
    fn('reshape', (args) =>
      ndarray(reshaped(shape, args.length === 1 ? args[0] : { k: 'tuple', items: args }), dtype),
    ),
  );
  const flat = fn('flatten', () => ndarray(size === null ? [U] : [size], dtype));
  attrs.set('flatten', flat);
  attrs.set('ravel', flat);
  attrs.set(
    'transpose',
    fn('transpose', () => ndarrayAttr(self, 'T')),
  );
  return self;
}

/** Whether a value is a NumPy array of this model. */
export function isNdarray(v: Value): v is Value & { k: 'object' } {
  return v.k === 'object' && v.kind === 'ndarray';
}

/** `a.T` of a matrix or more (the transpose is built only when read). */
export function ndarrayAttr(v: Value & { k: 'object' }, attr: string): Value {
  if (attr === 'T') {
    const { shape, dtype } = ndarrayInfo(v);
    return ndarray(
      Array.isArray(shape) ? [...(shape as Dims)].reverse() : shape,
      dtype ?? DTypes.float64,
    );
  }
  return v.attrs.get(attr) ?? UNKNOWN_VALUE;
}

/**
 * `a op b` with an array on one side and a number, a bool or an array on the other: NumPy's
 * broadcasting and its type promotion for these dtypes (a Python scalar does not widen an
 * array's dtype of its kind; `/` of integers is float64).
 */
export function ndarrayBinop(op: string, a: Value, b: Value): Value {
  const x = operand(a);
  const y = operand(b);
  if (!x || !y) return UNKNOWN_VALUE;
  if (op === '@') {
    const [p, q] = [x.shape, y.shape];
    if (!Array.isArray(p) || !Array.isArray(q) || p.length !== 2 || q.length !== 2)
      return UNKNOWN_VALUE;
    return ndarray([(p as Dims)[0], (q as Dims)[1]], promote(x, y, op));
  }
  if (!['+', '-', '*', '/', '//', '%', '**'].includes(op)) return UNKNOWN_VALUE;
  return ndarray(broadcast(x.shape, y.shape), promote(x, y, op));
}

interface Operand {
  readonly shape: AbstractShape;
  readonly dtype: DType;
  /** A Python scalar: its kind counts, not its width. */
  readonly scalar: boolean;
}

function operand(v: Value): Operand | null {
  if (isNdarray(v)) {
    const { shape, dtype } = ndarrayInfo(v);
    return dtype ? { shape, dtype, scalar: false } : null;
  }
  if (v.k === 'int' || v.k === 'bool') return { shape: [], dtype: DTypes.int64, scalar: true };
  if (v.k === 'float') return { shape: [], dtype: DTypes.float64, scalar: true };
  return null;
}

function promote(x: Operand, y: Operand, op: string): DType {
  let out: DType;
  if (x.scalar && !y.scalar) out = kindWins(y.dtype, x.dtype);
  else if (y.scalar && !x.scalar) out = kindWins(x.dtype, y.dtype);
  else if (x.dtype === y.dtype) out = x.dtype;
  else if (x.dtype.isFloating || y.dtype.isFloating)
    out = x.dtype.isFloating && y.dtype.isFloating ? wider(x.dtype, y.dtype) : DTypes.float64;
  else out = DTypes.int64;
  if (op === '/' && !out.isFloating) return DTypes.float64;
  return out;
}

/** An array's dtype against a Python scalar: the array's, unless the scalar is of a higher kind. */
function kindWins(array: DType, scalar: DType): DType {
  if (scalar.isFloating && !array.isFloating) return DTypes.float64;
  return array === DTypes.bool && scalar === DTypes.int64 ? DTypes.int64 : array;
}

function wider(a: DType, b: DType): DType {
  const order = ['float16', 'float32', 'float64'];
  return order.indexOf(a.name) >= order.indexOf(b.name) ? a : b;
}

function int(v: number): Value {
  return { k: 'int', v };
}

function fn(name: string, call: (args: Value[], kw: Map<string, Value>) => Value): Value {
  // Computes on shapes only: harmless for a probe.
  return { k: 'builtin', name, call, harmless: true };
}

/** A NumPy dtype argument: `np.float32`, `'float32'`, `tf.float32`, Python's `float`/`int`. */
function dtypeArg(v: Value | undefined): DType | null {
  if (!v || v.k === 'none') return null;
  if (v.k === 'builtin' && v.name === 'float') return DTypes.float64;
  if (v.k === 'builtin' && v.name === 'int') return DTypes.int64;
  if (v.k === 'builtin' && v.name === 'bool') return DTypes.bool;
  return dtypeOf(v);
}

/** A shape argument: an int, a tuple or list of ints (anything else: UNKNOWN dims). */
function shapeArg(v: Value | undefined): AbstractShape {
  if (!v) return U;
  if (v.k === 'int') return [v.v];
  if (v.k === 'tuple' || v.k === 'list') return v.items.map((d) => (d.k === 'int' ? d.v : U));
  return U;
}

/** `reshape(newshape)`: `-1` takes what is left when every other dimension is known. */
function reshaped(from: AbstractShape, v: Value | undefined): AbstractShape {
  const to = shapeArg(v);
  if (!Array.isArray(to)) return U;
  const dims = to as Dims;
  const at = dims.indexOf(-1);
  if (at < 0) return dims;
  const src = Array.isArray(from) ? (from as Dims) : null;
  const total = src?.every((d) => typeof d === 'number')
    ? (src as number[]).reduce((n, d) => n * d, 1)
    : null;
  const rest = dims.reduce<number | null>(
    (n, d, i) => (i === at ? n : n !== null && typeof d === 'number' ? n * d : null),
    1,
  );
  const out = [...dims];
  out[at] = total !== null && rest ? total / rest : U;
  return out;
}

/** A Python value's shape and dtype as `np.array` makes it (nested lists of numbers). */
function fromPython(v: Value): { shape: AbstractShape; dtype: DType } | null {
  if (isNdarray(v)) {
    const info = ndarrayInfo(v);
    return info.dtype ? { shape: info.shape, dtype: info.dtype } : null;
  }
  if (v.k === 'float') return { shape: [], dtype: DTypes.float64 };
  if (v.k === 'int') return { shape: [], dtype: DTypes.int64 };
  if (v.k === 'bool') return { shape: [], dtype: DTypes.bool };
  if (v.k === 'list' || v.k === 'tuple') {
    if (v.items.length === 0) return { shape: [0], dtype: DTypes.float64 };
    const inner = v.items.map(fromPython);
    const first = inner[0];
    if (!first || inner.some((x) => !x)) return null;
    const shapes = new Set(inner.map((x) => JSON.stringify(x?.shape)));
    if (shapes.size !== 1 || !Array.isArray(first.shape)) return null;
    const dtypes = inner.map((x) => (x as { dtype: DType }).dtype);
    const dtype = dtypes.some((d) => d.isFloating)
      ? DTypes.float64
      : dtypes.some((d) => d === DTypes.int64)
        ? DTypes.int64
        : dtypes[0];
    return { shape: [v.items.length, ...(first.shape as Dims)], dtype };
  }
  return null;
}

/** The dtype a fill value gives (`np.full(shape, 0.5)`: float64). */
function scalarDType(v: Value | undefined): DType {
  if (v && v.k === 'int') return DTypes.int64;
  if (v && v.k === 'bool') return DTypes.bool;
  return DTypes.float64;
}

const arg = (args: Value[], kw: Map<string, Value>, i: number, name: string) =>
  args[i] ?? kw.get(name);

/** The size a random function's `size=` asks for: a scalar (unknown) when there is none. */
function sized(size: Value | undefined, dtype: DType): Value {
  if (!size || size.k === 'none') return UNKNOWN_VALUE;
  return ndarray(shapeArg(size), dtype);
}

/** NumPy's random functions (the module's and a `RandomState`'s). */
function randomEnv(): Env {
  const env = new Env(null);
  const dimsOfArgs = (args: Value[]) =>
    args.length === 0
      ? UNKNOWN_VALUE
      : ndarray(shapeArg({ k: 'tuple', items: args }), DTypes.float64);
  env.set('randn', fn('randn', dimsOfArgs));
  env.set('rand', fn('rand', dimsOfArgs));
  for (const name of ['normal', 'uniform'])
    env.set(
      name,
      fn(name, (args, kw) => sized(arg(args, kw, 2, 'size'), DTypes.float64)),
    );
  for (const name of ['standard_normal', 'random', 'random_sample', 'sample'])
    env.set(
      name,
      fn(name, (args, kw) => sized(arg(args, kw, 0, 'size'), DTypes.float64)),
    );
  env.set(
    'randint',
    fn('randint', (args, kw) =>
      sized(arg(args, kw, 2, 'size'), dtypeArg(kw.get('dtype')) ?? DTypes.int64),
    ),
  );
  const seed: Value = { k: 'builtin', name: 'seed', call: () => NONE, harmless: true };
  env.set('seed', seed);
  return env;
}

/** What `import numpy` adds to the scalar math the interpreter already has. */
export function addNumpyArrays(env: Env): void {
  // (The scalar types, `np.float32` and the like, are the interpreter's: NUMPY_DTYPES.)
  env.set('bool', dtypeValue('bool'));
  const filled = (name: string) =>
    fn(name, (args, kw) =>
      ndarray(
        shapeArg(arg(args, kw, 0, 'shape')),
        dtypeArg(arg(args, kw, 1, 'dtype')) ?? DTypes.float64,
      ),
    );
  for (const name of ['zeros', 'ones', 'empty']) env.set(name, filled(name));
  // The class (`isinstance(x, np.ndarray)`, the interpreter's `isInstance`); called, an array of
  // the shape given, as `np.empty`.
  env.set('ndarray', filled('ndarray'));
  env.set(
    'full',
    fn('full', (args, kw) => {
      const fill = arg(args, kw, 1, 'fill_value');
      return ndarray(
        shapeArg(arg(args, kw, 0, 'shape')),
        dtypeArg(arg(args, kw, 2, 'dtype')) ?? scalarDType(fill),
      );
    }),
  );
  const like = (name: string) =>
    fn(name, (args, kw) => {
      const src = fromPython(arg(args, kw, 0, 'a') ?? UNKNOWN_VALUE);
      if (!src) return UNKNOWN_VALUE;
      return ndarray(src.shape, dtypeArg(arg(args, kw, 1, 'dtype')) ?? src.dtype);
    });
  for (const name of ['zeros_like', 'ones_like', 'empty_like']) env.set(name, like(name));
  env.set(
    'eye',
    fn('eye', (args, kw) => {
      const n = arg(args, kw, 0, 'N');
      const m = arg(args, kw, 1, 'M');
      const rows: AbstractDim = n && n.k === 'int' ? n.v : U;
      const cols: AbstractDim = m && m.k === 'int' ? m.v : !m || m.k === 'none' ? rows : U;
      return ndarray([rows, cols], dtypeArg(kw.get('dtype')) ?? DTypes.float64);
    }),
  );
  env.set(
    'identity',
    fn('identity', (args, kw) => {
      const n = arg(args, kw, 0, 'n');
      const d: AbstractDim = n && n.k === 'int' ? n.v : U;
      return ndarray([d, d], dtypeArg(arg(args, kw, 1, 'dtype')) ?? DTypes.float64);
    }),
  );
  env.set(
    'arange',
    fn('arange', (args, kw) => {
      const nums = args.slice(0, 3);
      if (nums.length === 0 || nums.some((x) => x.k !== 'int' && x.k !== 'float'))
        return UNKNOWN_VALUE;
      const v = nums.map((x) => (x as { v: number }).v);
      const [start, stop, step] = v.length === 1 ? [0, v[0], 1] : [v[0], v[1], v[2] ?? 1];
      const size = step === 0 ? U : Math.max(0, Math.ceil((stop - start) / step));
      const floats = nums.some((x) => x.k === 'float');
      return ndarray([size], dtypeArg(kw.get('dtype')) ?? (floats ? DTypes.float64 : DTypes.int64));
    }),
  );
  env.set(
    'linspace',
    fn('linspace', (args, kw) => {
      const num = arg(args, kw, 2, 'num');
      const n: AbstractDim = !num ? 50 : num.k === 'int' ? num.v : U;
      return ndarray([n], dtypeArg(kw.get('dtype')) ?? DTypes.float64);
    }),
  );
  for (const name of ['array', 'asarray', 'asanyarray', 'ascontiguousarray']) {
    env.set(
      name,
      fn(name, (args, kw) => {
        const src = fromPython(arg(args, kw, 0, 'object') ?? UNKNOWN_VALUE);
        if (!src) return UNKNOWN_VALUE;
        return ndarray(src.shape, dtypeArg(arg(args, kw, 1, 'dtype')) ?? src.dtype);
      }),
    );
  }
  env.set(
    'reshape',
    fn('reshape', (args, kw) => {
      const a = arg(args, kw, 0, 'a');
      if (!a || !isNdarray(a)) return UNKNOWN_VALUE;
      const { shape, dtype } = ndarrayInfo(a);
      return ndarray(reshaped(shape, arg(args, kw, 1, 'newshape')), dtype ?? DTypes.float64);
    }),
  );
  env.set(
    'transpose',
    fn('transpose', (args) =>
      args[0] && isNdarray(args[0]) ? ndarrayAttr(args[0], 'T') : UNKNOWN_VALUE,
    ),
  );
  const random = randomEnv();
  random.set(
    'RandomState',
    fn('RandomState', () => ({
      k: 'module',
      path: '<numpy.random.RandomState>',
      env: randomEnv(),
    })),
  );
  env.set('random', { k: 'module', path: '<numpy.random>', env: random });
}

/** `np.sqrt(a)` and the like on an array: its shape, a float dtype. */
export function ndarrayUnary(v: Value): Value | undefined {
  if (!isNdarray(v)) return undefined;
  const { shape, dtype } = ndarrayInfo(v);
  return ndarray(shape, dtype && dtype.isFloating ? dtype : DTypes.float64);
}
