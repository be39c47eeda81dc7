/**
 * Abstract values of the interpreter (version 0: concrete values, or `unknown`).
 *
 * A value the interpreter cannot compute is `UNKNOWN_VALUE`; anything built from it is unknown
 * too. Rules are then not applied (no outcome is recorded), so an unknown never becomes a false
 * certainty. Later versions refine this with name patterns and partly known shapes.
 */
import type { ErrorInfo } from '../../core/errors';
import type { Expr, FunctionDef, Lambda } from '../ir';
import type { VariableScope } from '../../core/variable-scope';
import type { AnalyzerSlots, AVariable, APartitioned } from './tf-model';

export type Value =
  | { readonly k: 'unknown' }
  | { readonly k: 'none' }
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'int'; readonly v: number }
  | { readonly k: 'float'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'list'; readonly items: Value[] }
  | { readonly k: 'tuple'; readonly items: readonly Value[] }
  | { readonly k: 'dict'; readonly entries: Array<[Value, Value]> }
  | {
      readonly k: 'func';
      readonly def: FunctionDef | Lambda;
      readonly closure: Env;
      readonly name: string;
    }
  | { readonly k: 'builtin'; readonly name: string; readonly call: BuiltinFn }
  | { readonly k: 'module'; readonly path: string }
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
  | { readonly k: 'exctype'; readonly cls: string };

export type BuiltinFn = (args: Value[], kwargs: Map<string, Value>, at: Expr) => Value;

export const UNKNOWN_VALUE: Value = Object.freeze({ k: 'unknown' });
export const NONE: Value = Object.freeze({ k: 'none' });

/** A lexical environment: a frame of bindings and its parent (closures, globals). */
export class Env {
  readonly vars = new Map<string, Value>();
  constructor(readonly parent: Env | null) {}

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
      return v.v.length > 0;
    case 'list':
    case 'tuple':
      return v.items.length > 0;
    case 'dict':
      return v.entries.length > 0;
    case 'unknown':
      return undefined;
    default:
      return true;
  }
}

/** `str(v)` for concrete values, else undefined. */
export function pyStr(v: Value): string | undefined {
  switch (v.k) {
    case 'str':
      return v.v;
    case 'int':
      return String(v.v);
    case 'float':
      return Number.isInteger(v.v) ? `${v.v}.0` : String(v.v);
    case 'bool':
      return v.v ? 'True' : 'False';
    case 'none':
      return 'None';
    default:
      return undefined;
  }
}

/** Exceptions raised by the program being interpreted (not by the interpreter). */
export class PyRaise {
  constructor(
    readonly exc: Value & { k: 'exception' },
    /** The `get_variable` events whose error this is (marked handled if the program catches it). */
    readonly events: readonly { handled: boolean }[] = [],
  ) {}
}
