/**
 * The analyzer's intermediate representation: a small, language-neutral tree of statements and
 * expressions that a front end (`python/lower.ts`, `typescript/lower.ts`) produces from source
 * text and the abstract interpreter consumes.
 *
 * The IR is deliberately smaller than Python's `ast`: it keeps what the variable-scope analysis
 * needs (calls, attributes, `with` blocks, string building, control flow, imports) and models
 * everything else as `UnknownStmt` / `UnknownExpr`, which carry the source text so that a later
 * phase can still report on it. It does not resolve names, evaluate anything or know about
 * TensorFlow.
 *
 * Every node is a plain object with a `kind` discriminant and a `span` of UTF-16 offsets into the
 * source (`from` inclusive, `to` exclusive). Nodes are created only through the factory functions
 * below, which fix the order of fields; `ir-printer.ts` relies on that order for stable output.
 * The tree is read-only once built: phases after the front end never mutate it.
 */

/** A half-open range `[from, to)` of UTF-16 offsets into the source text. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

// ---------------------------------------------------------------------------------------------
// Statements

export interface Module {
  readonly kind: 'Module';
  readonly span: Span;
  readonly body: readonly Stmt[];
}

/** `a = b = value`: one target per `=`; a tuple target is a `Tuple` (or `List`) expression. */
export interface Assign {
  readonly kind: 'Assign';
  readonly span: Span;
  readonly targets: readonly Expr[];
  readonly value: Expr;
}

/** `target op= value`; `op` is the binary operator without the `=` (`+`, `//`, ...). */
export interface AugAssign {
  readonly kind: 'AugAssign';
  readonly span: Span;
  readonly target: Expr;
  readonly op: string;
  readonly value: Expr;
}

/** `target: annotation [= value]`. */
export interface AnnAssign {
  readonly kind: 'AnnAssign';
  readonly span: Span;
  readonly target: Expr;
  readonly annotation: Expr;
  readonly value: Expr | null;
}

export interface ExprStmt {
  readonly kind: 'ExprStmt';
  readonly span: Span;
  readonly expr: Expr;
}

export interface WithItem {
  readonly kind: 'WithItem';
  readonly span: Span;
  readonly context: Expr;
  readonly asName: Expr | null;
}

export interface With {
  readonly kind: 'With';
  readonly span: Span;
  readonly items: readonly WithItem[];
  readonly body: readonly Stmt[];
  readonly isAsync: boolean;
}

export type ParamKind = 'positional' | 'vararg' | 'kwonly' | 'kwarg';

/** A parameter of a `def` or `lambda`. A bare `*` separator produces no parameter. */
export interface Param {
  readonly kind: 'Param';
  readonly span: Span;
  readonly name: string;
  readonly paramKind: ParamKind;
  readonly default: Expr | null;
  readonly annotation: Expr | null;
}

export interface FunctionDef {
  readonly kind: 'FunctionDef';
  readonly span: Span;
  readonly name: string;
  readonly params: readonly Param[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
  readonly returns: Expr | null;
  readonly isAsync: boolean;
}

export interface ClassDef {
  readonly kind: 'ClassDef';
  readonly span: Span;
  readonly name: string;
  readonly bases: readonly Expr[];
  readonly keywords: readonly Keyword[];
  readonly body: readonly Stmt[];
  readonly decorators: readonly Expr[];
}

export interface Return {
  readonly kind: 'Return';
  readonly span: Span;
  readonly value: Expr | null;
}

/** `elif` chains are nested `If`s in `orelse`, as in Python's `ast`. */
export interface If {
  readonly kind: 'If';
  readonly span: Span;
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}

export interface For {
  readonly kind: 'For';
  readonly span: Span;
  readonly target: Expr;
  readonly iter: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
  readonly isAsync: boolean;
}

export interface While {
  readonly kind: 'While';
  readonly span: Span;
  readonly test: Expr;
  readonly body: readonly Stmt[];
  readonly orelse: readonly Stmt[];
}

/** One `except` clause; `type` is null for a bare `except:`. */
export interface ExceptHandler {
  readonly kind: 'ExceptHandler';
  readonly span: Span;
  readonly type: Expr | null;
  readonly name: string | null;
  readonly body: readonly Stmt[];
}

export interface Try {
  readonly kind: 'Try';
  readonly span: Span;
  readonly body: readonly Stmt[];
  readonly handlers: readonly ExceptHandler[];
  readonly orelse: readonly Stmt[];
  readonly finalbody: readonly Stmt[];
}

export interface Raise {
  readonly kind: 'Raise';
  readonly span: Span;
  readonly exc: Expr | null;
  readonly cause: Expr | null;
}

export interface Break {
  readonly kind: 'Break';
  readonly span: Span;
}

export interface Continue {
  readonly kind: 'Continue';
  readonly span: Span;
}

export interface Pass {
  readonly kind: 'Pass';
  readonly span: Span;
}

/** `module as asName` in `import` (dotted `module`), or `name as asName` in `from ... import`. */
export interface Alias {
  readonly kind: 'Alias';
  readonly span: Span;
  readonly name: string;
  readonly asName: string | null;
}

export interface Import {
  readonly kind: 'Import';
  readonly span: Span;
  readonly names: readonly Alias[];
}

/** `from ..pkg.mod import a as b`: `module` is `pkg.mod` (may be empty), `level` the dots. */
export interface ImportFrom {
  readonly kind: 'ImportFrom';
  readonly span: Span;
  readonly module: string;
  readonly level: number;
  /** `import *` is a single alias named `*`. */
  readonly names: readonly Alias[];
}

export interface Global {
  readonly kind: 'Global';
  readonly span: Span;
  readonly names: readonly string[];
}

export interface Nonlocal {
  readonly kind: 'Nonlocal';
  readonly span: Span;
  readonly names: readonly string[];
}

/** A statement the front end does not model (or could not parse); `text` is its source. */
export interface UnknownStmt {
  readonly kind: 'UnknownStmt';
  readonly span: Span;
  readonly text: string;
  /** Expressions recovered inside the statement, so calls in it are still visible. */
  readonly parts: readonly Expr[];
}

export type Stmt =
  | Assign
  | AugAssign
  | AnnAssign
  | ExprStmt
  | With
  | FunctionDef
  | ClassDef
  | Return
  | If
  | For
  | While
  | Try
  | Raise
  | Break
  | Continue
  | Pass
  | Import
  | ImportFrom
  | Global
  | Nonlocal
  | UnknownStmt;

// ---------------------------------------------------------------------------------------------
// Expressions

export interface Name {
  readonly kind: 'Name';
  readonly span: Span;
  readonly id: string;
}

export interface Attribute {
  readonly kind: 'Attribute';
  readonly span: Span;
  readonly value: Expr;
  readonly attr: string;
}

/** `name=value`, or `**value` when `name` is null. */
export interface Keyword {
  readonly kind: 'Keyword';
  readonly span: Span;
  readonly name: string | null;
  readonly value: Expr;
}

/** `args` may contain `Starred` for `*xs`; a bare generator argument is a `GeneratorExp`. */
export interface Call {
  readonly kind: 'Call';
  readonly span: Span;
  readonly func: Expr;
  readonly args: readonly Expr[];
  readonly keywords: readonly Keyword[];
}

/**
 * Python's int and float are kept apart (`pyType`), because TF treats them differently (dtype
 * inference, shape arguments). Ints beyond 2^53 lose precision in `value`; `text` keeps the
 * literal for such cases. A complex literal (`3j`) keeps its imaginary part in `value`.
 */
export type PyType = 'int' | 'float' | 'complex' | 'str' | 'bytes' | 'bool' | 'None' | 'Ellipsis';

export interface Constant {
  readonly kind: 'Constant';
  readonly span: Span;
  readonly value: string | number | boolean | null;
  readonly pyType: PyType;
}

/** `{value!conversion:format}` inside an f-string. */
export interface FormattedValue {
  readonly kind: 'FormattedValue';
  readonly span: Span;
  readonly value: Expr;
  readonly conversion: 's' | 'r' | 'a' | null;
  readonly format: FString | null;
}

/** An f-string (with any implicitly concatenated literals folded in): text and holes. */
export interface FString {
  readonly kind: 'FString';
  readonly span: Span;
  readonly parts: readonly (string | FormattedValue)[];
}

export interface BinOp {
  readonly kind: 'BinOp';
  readonly span: Span;
  /** One of `+ - * / // % ** @ << >> & | ^`. */
  readonly op: string;
  readonly left: Expr;
  readonly right: Expr;
}

export interface UnaryOp {
  readonly kind: 'UnaryOp';
  readonly span: Span;
  /** One of `not - + ~`. */
  readonly op: string;
  readonly operand: Expr;
}

/** `a and b and c` is one `BoolOp` with three values. */
export interface BoolOp {
  readonly kind: 'BoolOp';
  readonly span: Span;
  readonly op: 'and' | 'or';
  readonly values: readonly Expr[];
}

/** `a < b <= c` is one `Compare` with `ops` `['<', '<=']`; ops include `in`, `not in`, `is not`. */
export interface Compare {
  readonly kind: 'Compare';
  readonly span: Span;
  readonly left: Expr;
  readonly ops: readonly string[];
  readonly comparators: readonly Expr[];
}

export interface IfExp {
  readonly kind: 'IfExp';
  readonly span: Span;
  readonly test: Expr;
  readonly body: Expr;
  readonly orelse: Expr;
}

export interface List {
  readonly kind: 'List';
  readonly span: Span;
  readonly elts: readonly Expr[];
}

export interface Tuple {
  readonly kind: 'Tuple';
  readonly span: Span;
  readonly elts: readonly Expr[];
}

export interface Set {
  readonly kind: 'Set';
  readonly span: Span;
  readonly elts: readonly Expr[];
}

/** `keys[i]` is null for a `**mapping` entry, as in Python's `ast`. */
export interface Dict {
  readonly kind: 'Dict';
  readonly span: Span;
  readonly keys: readonly (Expr | null)[];
  readonly values: readonly Expr[];
}

/** `value[index]`; `a[i, j]` has a `Tuple` index, `a[1:2]` a `Slice`. */
export interface Subscript {
  readonly kind: 'Subscript';
  readonly span: Span;
  readonly value: Expr;
  readonly index: Expr;
}

export interface Slice {
  readonly kind: 'Slice';
  readonly span: Span;
  readonly lower: Expr | null;
  readonly upper: Expr | null;
  readonly step: Expr | null;
}

export interface Lambda {
  readonly kind: 'Lambda';
  readonly span: Span;
  readonly params: readonly Param[];
  readonly body: Expr;
}

/**
 * A function with a statement body used as a value: a JS function expression or block-bodied
 * arrow (`() => { ... }`). `def` is an ordinary `FunctionDef` (name `''` when anonymous) that is
 * not bound to any name; evaluating the expression makes the function. Python never produces it.
 */
export interface FunctionExpr {
  readonly kind: 'FunctionExpr';
  readonly span: Span;
  readonly def: FunctionDef;
}

export interface Comprehension {
  readonly kind: 'Comprehension';
  readonly span: Span;
  readonly target: Expr;
  readonly iter: Expr;
  readonly ifs: readonly Expr[];
}

export interface ListComp {
  readonly kind: 'ListComp';
  readonly span: Span;
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface SetComp {
  readonly kind: 'SetComp';
  readonly span: Span;
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface GeneratorExp {
  readonly kind: 'GeneratorExp';
  readonly span: Span;
  readonly elt: Expr;
  readonly generators: readonly Comprehension[];
}

export interface DictComp {
  readonly kind: 'DictComp';
  readonly span: Span;
  readonly key: Expr;
  readonly value: Expr;
  readonly generators: readonly Comprehension[];
}

export interface Starred {
  readonly kind: 'Starred';
  readonly span: Span;
  readonly value: Expr;
}

/** An expression the front end does not model (or could not parse); `text` is its source. */
export interface UnknownExpr {
  readonly kind: 'UnknownExpr';
  readonly span: Span;
  readonly text: string;
}

export type Expr =
  | Name
  | Attribute
  | Call
  | Constant
  | FString
  | BinOp
  | UnaryOp
  | BoolOp
  | Compare
  | IfExp
  | List
  | Tuple
  | Set
  | Dict
  | Subscript
  | Slice
  | Lambda
  | FunctionExpr
  | ListComp
  | SetComp
  | GeneratorExp
  | DictComp
  | Starred
  | UnknownExpr;

/** Records that are nodes (they have spans) but are neither statements nor expressions. */
export type Part =
  WithItem | Param | ExceptHandler | Alias | Keyword | FormattedValue | Comprehension;

export type Node = Module | Stmt | Expr | Part;
export type NodeKind = Node['kind'];

// ---------------------------------------------------------------------------------------------
// Factories. Field order here is the printing order.

export const span = (from: number, to: number): Span => ({ from, to });

export const moduleNode = (sp: Span, body: Stmt[]): Module => ({ kind: 'Module', span: sp, body });
export const assign = (sp: Span, targets: Expr[], value: Expr): Assign => ({
  kind: 'Assign',
  span: sp,
  targets,
  value,
});
export const augAssign = (sp: Span, target: Expr, op: string, value: Expr): AugAssign => ({
  kind: 'AugAssign',
  span: sp,
  target,
  op,
  value,
});
export const annAssign = (
  sp: Span,
  target: Expr,
  annotation: Expr,
  value: Expr | null,
): AnnAssign => ({ kind: 'AnnAssign', span: sp, target, annotation, value });
export const exprStmt = (sp: Span, expr: Expr): ExprStmt => ({ kind: 'ExprStmt', span: sp, expr });
export const withItem = (sp: Span, context: Expr, asName: Expr | null): WithItem => ({
  kind: 'WithItem',
  span: sp,
  context,
  asName,
});
export const withStmt = (sp: Span, items: WithItem[], body: Stmt[], isAsync = false): With => ({
  kind: 'With',
  span: sp,
  items,
  body,
  isAsync,
});
export const param = (
  sp: Span,
  name: string,
  paramKind: ParamKind,
  dflt: Expr | null = null,
  annotation: Expr | null = null,
): Param => ({ kind: 'Param', span: sp, name, paramKind, default: dflt, annotation });
export const functionDef = (
  sp: Span,
  name: string,
  params: Param[],
  body: Stmt[],
  decorators: Expr[] = [],
  returns: Expr | null = null,
  isAsync = false,
): FunctionDef => ({
  kind: 'FunctionDef',
  span: sp,
  name,
  params,
  body,
  decorators,
  returns,
  isAsync,
});
export const classDef = (
  sp: Span,
  name: string,
  bases: Expr[],
  keywords: Keyword[],
  body: Stmt[],
  decorators: Expr[] = [],
): ClassDef => ({ kind: 'ClassDef', span: sp, name, bases, keywords, body, decorators });
export const returnStmt = (sp: Span, value: Expr | null): Return => ({
  kind: 'Return',
  span: sp,
  value,
});
export const ifStmt = (sp: Span, test: Expr, body: Stmt[], orelse: Stmt[]): If => ({
  kind: 'If',
  span: sp,
  test,
  body,
  orelse,
});
export const forStmt = (
  sp: Span,
  target: Expr,
  iter: Expr,
  body: Stmt[],
  orelse: Stmt[],
  isAsync = false,
): For => ({ kind: 'For', span: sp, target, iter, body, orelse, isAsync });
export const whileStmt = (sp: Span, test: Expr, body: Stmt[], orelse: Stmt[]): While => ({
  kind: 'While',
  span: sp,
  test,
  body,
  orelse,
});
export const exceptHandler = (
  sp: Span,
  type: Expr | null,
  name: string | null,
  body: Stmt[],
): ExceptHandler => ({ kind: 'ExceptHandler', span: sp, type, name, body });
export const tryStmt = (
  sp: Span,
  body: Stmt[],
  handlers: ExceptHandler[],
  orelse: Stmt[],
  finalbody: Stmt[],
): Try => ({ kind: 'Try', span: sp, body, handlers, orelse, finalbody });
export const raise = (sp: Span, exc: Expr | null, cause: Expr | null): Raise => ({
  kind: 'Raise',
  span: sp,
  exc,
  cause,
});
export const breakStmt = (sp: Span): Break => ({ kind: 'Break', span: sp });
export const continueStmt = (sp: Span): Continue => ({ kind: 'Continue', span: sp });
export const pass = (sp: Span): Pass => ({ kind: 'Pass', span: sp });
export const alias = (sp: Span, name: string, asName: string | null): Alias => ({
  kind: 'Alias',
  span: sp,
  name,
  asName,
});
export const importStmt = (sp: Span, names: Alias[]): Import => ({
  kind: 'Import',
  span: sp,
  names,
});
export const importFrom = (
  sp: Span,
  moduleName: string,
  level: number,
  names: Alias[],
): ImportFrom => ({ kind: 'ImportFrom', span: sp, module: moduleName, level, names });
export const global = (sp: Span, names: string[]): Global => ({ kind: 'Global', span: sp, names });
export const nonlocal = (sp: Span, names: string[]): Nonlocal => ({
  kind: 'Nonlocal',
  span: sp,
  names,
});
export const unknownStmt = (sp: Span, text: string, parts: Expr[] = []): UnknownStmt => ({
  kind: 'UnknownStmt',
  span: sp,
  text,
  parts,
});

export const name = (sp: Span, id: string): Name => ({ kind: 'Name', span: sp, id });
export const attribute = (sp: Span, value: Expr, attr: string): Attribute => ({
  kind: 'Attribute',
  span: sp,
  value,
  attr,
});
export const keyword = (sp: Span, kwName: string | null, value: Expr): Keyword => ({
  kind: 'Keyword',
  span: sp,
  name: kwName,
  value,
});
export const call = (sp: Span, func: Expr, args: Expr[], keywords: Keyword[]): Call => ({
  kind: 'Call',
  span: sp,
  func,
  args,
  keywords,
});
export const constant = (sp: Span, value: Constant['value'], pyType: PyType): Constant => ({
  kind: 'Constant',
  span: sp,
  value,
  pyType,
});
export const formattedValue = (
  sp: Span,
  value: Expr,
  conversion: FormattedValue['conversion'],
  format: FString | null,
): FormattedValue => ({ kind: 'FormattedValue', span: sp, value, conversion, format });
export const fstring = (sp: Span, parts: (string | FormattedValue)[]): FString => ({
  kind: 'FString',
  span: sp,
  parts,
});
export const binOp = (sp: Span, op: string, left: Expr, right: Expr): BinOp => ({
  kind: 'BinOp',
  span: sp,
  op,
  left,
  right,
});
export const unaryOp = (sp: Span, op: string, operand: Expr): UnaryOp => ({
  kind: 'UnaryOp',
  span: sp,
  op,
  operand,
});
export const boolOp = (sp: Span, op: 'and' | 'or', values: Expr[]): BoolOp => ({
  kind: 'BoolOp',
  span: sp,
  op,
  values,
});
export const compare = (sp: Span, left: Expr, ops: string[], comparators: Expr[]): Compare => ({
  kind: 'Compare',
  span: sp,
  left,
  ops,
  comparators,
});
export const ifExp = (sp: Span, test: Expr, body: Expr, orelse: Expr): IfExp => ({
  kind: 'IfExp',
  span: sp,
  test,
  body,
  orelse,
});
export const list = (sp: Span, elts: Expr[]): List => ({ kind: 'List', span: sp, elts });
export const tuple = (sp: Span, elts: Expr[]): Tuple => ({ kind: 'Tuple', span: sp, elts });
export const set = (sp: Span, elts: Expr[]): Set => ({ kind: 'Set', span: sp, elts });
export const dict = (sp: Span, keys: (Expr | null)[], values: Expr[]): Dict => ({
  kind: 'Dict',
  span: sp,
  keys,
  values,
});
export const subscript = (sp: Span, value: Expr, index: Expr): Subscript => ({
  kind: 'Subscript',
  span: sp,
  value,
  index,
});
export const slice = (
  sp: Span,
  lower: Expr | null,
  upper: Expr | null,
  step: Expr | null,
): Slice => ({ kind: 'Slice', span: sp, lower, upper, step });
export const lambda = (sp: Span, params: Param[], body: Expr): Lambda => ({
  kind: 'Lambda',
  span: sp,
  params,
  body,
});
export const functionExpr = (sp: Span, def: FunctionDef): FunctionExpr => ({
  kind: 'FunctionExpr',
  span: sp,
  def,
});
export const comprehension = (sp: Span, target: Expr, iter: Expr, ifs: Expr[]): Comprehension => ({
  kind: 'Comprehension',
  span: sp,
  target,
  iter,
  ifs,
});
export const listComp = (sp: Span, elt: Expr, generators: Comprehension[]): ListComp => ({
  kind: 'ListComp',
  span: sp,
  elt,
  generators,
});
export const setComp = (sp: Span, elt: Expr, generators: Comprehension[]): SetComp => ({
  kind: 'SetComp',
  span: sp,
  elt,
  generators,
});
export const generatorExp = (sp: Span, elt: Expr, generators: Comprehension[]): GeneratorExp => ({
  kind: 'GeneratorExp',
  span: sp,
  elt,
  generators,
});
export const dictComp = (
  sp: Span,
  key: Expr,
  value: Expr,
  generators: Comprehension[],
): DictComp => ({ kind: 'DictComp', span: sp, key, value, generators });
export const starred = (sp: Span, value: Expr): Starred => ({ kind: 'Starred', span: sp, value });
export const unknownExpr = (sp: Span, text: string): UnknownExpr => ({
  kind: 'UnknownExpr',
  span: sp,
  text,
});

// ---------------------------------------------------------------------------------------------
// Walking

/** True for anything the factories made (as opposed to strings, numbers, null). */
export function isNode(value: unknown): value is Node {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { span?: unknown }).span === 'object'
  );
}

/**
 * The direct child nodes of `node`, in source order (the factories' field order), skipping
 * `null`s and plain strings. Generic over fields so that a new node kind needs no walker change.
 */
export function children(node: Node): Node[] {
  const out: Node[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'span' || key === 'kind') continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) {
      out.push(value);
    }
  }
  return out;
}

/**
 * `enter` is called before a node's children; returning `false` skips them. `leave` is called
 * after them. Iterative, so walking never depends on the JS stack depth.
 */
export interface Visitor {
  enter?(node: Node, parent: Node | null): boolean | void;
  leave?(node: Node, parent: Node | null): void;
}

export function walk(root: Node, visitor: Visitor): void {
  type Frame = { node: Node; parent: Node | null; kids: Node[] | null; next: number };
  const stack: Frame[] = [{ node: root, parent: null, kids: null, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.kids === null) {
      const descend = visitor.enter?.(top.node, top.parent) !== false;
      top.kids = descend ? children(top.node) : [];
    }
    if (top.next < top.kids.length) {
      const child = top.kids[top.next++];
      stack.push({ node: child, parent: top.node, kids: null, next: 0 });
    } else {
      stack.pop();
      visitor.leave?.(top.node, top.parent);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Positions

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

/**
 * Converts offsets to line/column with a precomputed table of line starts (`\n`, `\r\n` and a
 * lone `\r` all end a line, as in Python). Built once per source; each lookup is a binary search.
 */
export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    if (!text.includes('\r')) {
      // The common case, searched for natively (a keystroke's re-analysis maps the whole text).
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1))
        this.starts.push(i + 1);
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo] + 1 };
  }
}
