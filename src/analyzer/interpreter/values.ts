/**
 * Abstract values of the interpreter: concrete Python values, `unknown`, and *holes*.
 *
 * A value the interpreter cannot compute is `unknown`. An unknown may carry a hole: a label (the
 * parameter, loop variable or attribute it came from) and an identity. When such a value is
 * formatted into a string, the hole is written into the string as `\u0001label#id\u0002`, so a
 * name like `'h%d' % layer` becomes the *pattern* `h{layer}` and flows through every string
 * operation, through the core's name rules and into the variable store unchanged. Two patterns
 * are the same name exactly when their text (holes' identities included) is equal; a pattern
 * may equal another name when `mayEqual` says so. `displayName` renders `h{layer}`.
 *
 * An `int` may carry a hole too: its value is known for the rules (`i > 0`), but it formats as
 * the hole (the first iteration of a loop over `range(n)` with `n` unknown is `i = 0`, named
 * `h{i}` like every other iteration).
 */
import type { ErrorInfo } from '../../core/errors';
import type { Expr, FunctionDef, Lambda, Stmt } from '../ir';
import type { VariableScope } from '../../core/variable-scope';
import type { AnalyzerSlots, AVariable, APartitioned } from './tf-model';
import type { DType } from '../../core/dtypes';
import type { AbstractDim, AbstractShape } from '../../core/shape';

/** A hole: where an unknown value went into a string. */
export interface Hole {
  readonly label: string;
  readonly id: number;
}

export type Value =
  | {
      readonly k: 'unknown';
      readonly hole?: Hole;
      /** For unknown integers: a known lower bound (a loop counter past its first iteration). */
      readonly lo?: number;
      /** A TF API the analyzer does not model (`tf.nn.foo`): an op of its arguments alone. */
      readonly tf?: true;
      /** What an op's result depends on (see `Deps`); absent: not known. */
      readonly deps?: Deps;
      /**
       * A DType the analyzer does not know (a tensor's whose op it does not model): never None,
       * so `dtype is None` is decided, and its `base_dtype` is itself.
       */
      readonly dtype?: true;
    }
  | {
      readonly k: 'none';
      /**
       * An option the command line did not give (`DEFINE_string('data_dir', None, ...)`,
       * `add_argument('--out', default=None)`): None, which a script's usage check
       * (`if not FLAGS.data_dir: raise ValueError(...)`) does not stop the analysis on.
       */
      readonly unset?: true;
    }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'int'; readonly v: number; readonly hole?: Hole }
  | { readonly k: 'float'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  | {
      readonly k: 'list';
      readonly items: Value[];
      /**
       * A Python `set` (or `frozenset`): its items are distinct, and the order it iterates in
       * is not known (CPython's follows the items' hashes, a string's random per process).
       */
      readonly set?: true;
    }
  | { readonly k: 'tuple'; readonly items: readonly Value[] }
  | { readonly k: 'dict'; readonly entries: Array<[Value, Value]> }
  | {
      readonly k: 'func';
      readonly def: FunctionDef | Lambda;
      readonly closure: Env;
      readonly name: string;
      /** The file the function is defined in. */
      readonly file: string;
    }
  | {
      readonly k: 'class';
      readonly name: string;
      readonly attrs: Map<string, Value>;
      readonly bases: readonly Value[];
      readonly file: string;
    }
  | {
      readonly k: 'instance';
      readonly cls: Value & { k: 'class' };
      readonly attrs: Map<string, Value>;
    }
  | {
      readonly k: 'builtin';
      readonly name: string;
      readonly call: BuiltinFn;
      /** Changes nothing an analysis sees (or journals what it changes): see `tryBoth`. */
      readonly harmless?: boolean;
      /** A bound method: the function it calls with its `self` first. */
      readonly method?: Value & { k: 'func' };
    }
  | {
      readonly k: 'module';
      readonly path: string;
      readonly env?: Env;
      /** `import tensorflow as tf` in the analysed file: that statement (SL-TF2-API's place). */
      readonly importedAt?: Stmt;
    }
  | { readonly k: 'scope'; readonly scope: VariableScope<AnalyzerSlots> }
  | { readonly k: 'context'; readonly enter: () => Value; readonly exit: () => void }
  | { readonly k: 'variable'; readonly v: AVariable }
  | { readonly k: 'partitioned'; readonly v: APartitioned }
  | { readonly k: 'object'; readonly kind: string; readonly attrs: Map<string, Value> }
  | {
      readonly k: 'exception';
      readonly cls: string;
      readonly message: string;
      readonly info?: ErrorInfo;
    }
  | { readonly k: 'exctype'; readonly cls: string }
  /**
   * A tensor: its op's name (`dense/BiasAdd:0`; null when not known), dtype (null when not
   * known) and TF's static shape. In the shape, `null` is TF's own unknown (rank or dimension,
   * printed `?`), `UNKNOWN` what the analyzer could not compute.
   */
  | {
      readonly k: 'tensor';
      readonly name: string | null;
      readonly dtype: DType | null;
      readonly shape: AbstractShape;
      /** The variables it depends on through differentiable ops (`Deps`); absent: not known. */
      readonly deps?: Deps;
      /** A gradient `tf.gradients` assumed exists (what `ys` depends on was not known). */
      readonly assumed?: true;
      /**
       * For a small int tensor made from shapes (`tf.shape(x)`, its elements, their sums and
       * products, their `stack`): its values as TF's shape inference evaluates them
       * (`ConstantPartialShape`), element-wise; `null` where TF cannot (a dimension it does not
       * know), UNKNOWN where the analyzer cannot tell. A scalar has one element.
       */
      readonly known?: readonly AbstractDim[];
    }
  /** `TensorShape`: dims as in a tensor's shape. */
  | { readonly k: 'tshape'; readonly dims: AbstractShape }
  /** `Dimension`: a number, TF's unknown (`null`) or the analyzer's `UNKNOWN`. */
  | { readonly k: 'dim'; readonly v: AbstractDim };

/**
 * The variables a tensor depends on through ops gradients flow through, as `tf.gradients`
 * needs: an optimizer makes slots only for the variables the loss depends on. Absent (on a
 * tensor or an unknown) means not known, never "none".
 */
export type Deps = ReadonlySet<AVariable>;

export type BuiltinFn = (args: Value[], kwargs: Map<string, Value>, at: Expr) => Value;

/** A builtin's argument `i`, or its keyword `name`. */
export function argAt(
  args: readonly Value[],
  kwargs: ReadonlyMap<string, Value>,
  i: number,
  name: string,
): Value | undefined {
  return args[i] ?? kwargs.get(name);
}

export const UNKNOWN_VALUE: Value = Object.freeze({ k: 'unknown' });
export const NONE: Value = Object.freeze({ k: 'none' });
/** None as the default of a command-line option (see `unset`). */
export const UNSET_OPTION: Value = Object.freeze({ k: 'none', unset: true });

/** A lexical environment: a frame of bindings and its parent (closures, globals). */
export class Env {
  readonly vars = new Map<string, Value>();
  /** Names a `global` statement in this frame sends to the module (made on the first). */
  private globals: Set<string> | null = null;
  constructor(readonly parent: Env | null) {}

  declareGlobal(name: string): void {
    (this.globals ??= new Set()).add(name);
  }

  isGlobal(name: string): boolean {
    return this.globals !== null && this.globals.has(name);
  }

  /** Assignment: to the module's frame for a `global` name, else to this frame. */
  assign(name: string, v: Value): void {
    if (this.globals !== null && this.globals.has(name)) this.moduleFrame().vars.set(name, v);
    else this.vars.set(name, v);
  }

  /** JavaScript assignment: to the nearest frame that binds `name`, else to this one. */
  assignExisting(name: string, v: Value): void {
    if (!this.setExisting(name, v)) this.vars.set(name, v);
  }

  /** Sets `name` in the nearest frame (below the builtins) that binds it; false if none. */
  private setExisting(name: string, v: Value): boolean {
    if (!this.parent) return false;
    if (this.vars.has(name)) {
      this.vars.set(name, v);
      return true;
    }
    return this.parent.setExisting(name, v);
  }

  /** The module's bindings (what `global` names write). */
  moduleVars(): Map<string, Value> {
    return this.moduleFrame().vars;
  }

  /** The module's frame (the builtins frame is its parent). */
  private moduleFrame(): Env {
    return this.parent && this.parent.parent ? this.parent.moduleFrame() : this;
  }

  lookup(name: string): Value | undefined {
    const own = this.vars.get(name);
    if (own !== undefined) return own;
    for (let e = this.parent; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  set(name: string, v: Value): void {
    this.vars.set(name, v);
  }
}

/** A DType not known: a tensor's `dtype` when its op is not modelled (see `Value`). */
export const UNKNOWN_DTYPE: Value = Object.freeze({ k: 'unknown', dtype: true });

/** Python truthiness, or undefined when it is not known. */
export function truthy(v: Value): boolean | undefined {
  switch (v.k) {
    case 'none':
      return false;
    case 'bool':
      return v.v;
    case 'int':
    case 'float':
      return v.v !== 0;
    case 'str':
      if (v.v.length === 0) return false;
      // eslint-disable-next-line no-control-regex -- holes are delimited by control characters
      return /^(\u0001[^\u0002]*\u0002)+$/.test(v.v) ? undefined : true;
    case 'list':
    case 'tuple':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    case 'unknown':
      // A DType is an object: true.
      return v.dtype ? true : undefined;
    case 'tensor':
      // A graph tensor as a Python bool is TF's TypeError; the program cannot rely on it.
      return undefined;
    case 'tshape':
      return v.dims === null ? false : typeof v.dims === 'symbol' ? undefined : true;
    default:
      return true;
  }
}

export const HOLE_OPEN = '\u0001';
export const HOLE_CLOSE = '\u0002';
// eslint-disable-next-line no-control-regex -- holes are delimited by control characters
const HOLE_RE = /\u0001([^\u0001\u0002#]*)#\d+\u0002/g;

export function holeText(h: Hole): string {
  return `${HOLE_OPEN}${h.label}#${h.id}${HOLE_CLOSE}`;
}

/** Whether a string is a pattern (has holes). */
export function hasHoles(s: string): boolean {
  return s.includes(HOLE_OPEN);
}

/** A pattern as users read it: `model/h{layer}/w:0`. */
export function displayName(s: string): string {
  return hasHoles(s) ? s.replace(HOLE_RE, (_m, label: string) => `{${label}}`) : s;
}

/**
 * Whether two names (patterns or not) may be the same name: split at `/`, segment by segment,
 * literal text must agree around the holes (a hole stands for any text without `/`).
 */
export function mayEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (!hasHoles(a) && !hasHoles(b)) return false;
  return mayEqualSegments(a.split('/'), b.split('/'));
}

/** `mayEqual` of two names already split at `/`. */
export function mayEqualSegments(as: readonly string[], bs: readonly string[]): boolean {
  if (as.length !== bs.length) return false;
  for (let i = 0; i < as.length; i++) if (!segmentMayEqual(as[i], bs[i])) return false;
  return true;
}

function segmentMayEqual(a: string, b: string): boolean {
  if (a === b) return true;
  const ha = hasHoles(a);
  const hb = hasHoles(b);
  if (!ha && !hb) return false;
  const prefix = (s: string) => (hasHoles(s) ? s.slice(0, s.indexOf(HOLE_OPEN)) : s);
  const suffix = (s: string) => (hasHoles(s) ? s.slice(s.lastIndexOf(HOLE_CLOSE) + 1) : s);
  const pa = prefix(a);
  const pb = prefix(b);
  const sa = suffix(a);
  const sb = suffix(b);
  const pOk =
    ha && hb ? pa.startsWith(pb) || pb.startsWith(pa) : ha ? b.startsWith(pa) : a.startsWith(pb);
  const sOk = ha && hb ? sa.endsWith(sb) || sb.endsWith(sa) : ha ? b.endsWith(sa) : a.endsWith(sb);
  return pOk && sOk;
}

/** `str(v)` for concrete values and holes, else undefined. */
export function pyStr(v: Value): string | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'unknown':
      return v.hole ? holeText(v.hole) : undefined;
    case 'int':
      return v.hole ? holeText(v.hole) : String(v.v);
    case 'float':
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    case 'dim':
      return typeof v.v === 'number' ? String(v.v) : v.v === null ? '?' : undefined;
    case 'list':
    case 'tuple': {
      // Python's str of a list or tuple: its items' reprs (a shape printed as `(None, 3)`). A
      // set's order is not known past one item.
      if (v.k === 'list' && v.set && v.items.length > 1) return undefined;
      const parts: string[] = [];
      for (const item of v.items) {
        const r = pyRepr(item);
        if (r === undefined) return undefined;
        parts.push(r);
      }
      if (v.k === 'list' && v.set) return parts.length ? `{${parts[0]}}` : 'set()';
      if (v.k === 'list') return `[${parts.join(', ')}]`;
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    }
    default:
      return undefined;
  }
}

/** `repr(v)` of what `pyStr` knows: a string quoted as Python quotes it, the rest as `str`. */
export function pyRepr(v: Value): string | undefined {
  if (v.k !== 'str') return pyStr(v);
  if (v.v.includes(HOLE_OPEN) || v.v.includes('\\')) return undefined;
  if (v.v.includes("'") && !v.v.includes('"')) return `"${v.v}"`;
  if (v.v.includes("'")) return undefined;
  return `'${v.v}'`;
}

/** Exceptions raised by the program being interpreted (not by the interpreter). */
export class PyRaise {
  constructor(
    readonly exc: Value & { k: 'exception' },
    /** The `get_variable` events whose error this is (marked handled if the program catches it). */
    readonly events: readonly { handled: boolean }[] = [],
  ) {}
}
