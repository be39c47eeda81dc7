/**
 * Lowering of TypeScript/JavaScript expressions, functions and destructuring patterns to IR
 * (statements are in `lower.ts`, which documents the overall mapping).
 *
 * Nothing here throws on user input: whatever is not modelled, or what error recovery left
 * incomplete (the parser's zero-width "missing" identifiers), becomes an `UnknownExpr` with the
 * source text. Recursion is bounded by `Context.depth` (see `nested`), so the IR never nests more
 * than `MAX_DEPTH` levels however deep the source does.
 */
import * as ts from 'typescript';
import * as ir from '../ir';
import {
  type Context,
  clampSpan,
  fresh,
  missing,
  nested,
  spanOf,
  textOf,
  unknownOf,
} from './context';

const K = ts.SyntaxKind;

/** Parentheses and type-only wrappers (`x as T`, `<T>x`, `x!`, `x satisfies T`, `f<T>`). */
export function skipWrappers(node: ts.Expression): ts.Expression {
  let n = node;
  for (;;) {
    switch (n.kind) {
      case K.ParenthesizedExpression:
      case K.AsExpression:
      case K.SatisfiesExpression:
      case K.NonNullExpression:
      case K.TypeAssertionExpression:
      case K.ExpressionWithTypeArguments:
      case K.PartiallyEmittedExpression:
        n = (n as ts.ParenthesizedExpression).expression;
        break;
      default:
        return n;
    }
  }
}

/** An identifier the parser invented while recovering (`x = ;`). */
export const isMissingIdentifier = (n: ts.Node): boolean => ts.isIdentifier(n) && n.text === '';

export function lowerExpr(ctx: Context, node: ts.Expression): ir.Expr {
  const n = skipWrappers(node);
  return nested(
    ctx,
    spanOf(ctx, n),
    () => unknownOf(ctx, n),
    () => lowerExprInner(ctx, n),
  );
}

/** `node` lowered, or an empty Unknown at `at` when it is absent. */
export function lowerOptional(ctx: Context, node: ts.Expression | undefined, at: number): ir.Expr {
  return node ? lowerExpr(ctx, node) : missing(ctx, at);
}

const ARITHMETIC = new Map<ts.SyntaxKind, string>([
  [K.PlusToken, '+'],
  [K.MinusToken, '-'],
  [K.AsteriskToken, '*'],
  [K.SlashToken, '/'],
  [K.PercentToken, '%'],
  [K.AsteriskAsteriskToken, '**'],
  [K.LessThanLessThanToken, '<<'],
  [K.GreaterThanGreaterThanToken, '>>'],
  [K.AmpersandToken, '&'],
  [K.BarToken, '|'],
  [K.CaretToken, '^'],
]);

const COMPARISON = new Map<ts.SyntaxKind, string>([
  [K.EqualsEqualsToken, '=='],
  [K.EqualsEqualsEqualsToken, '=='],
  [K.ExclamationEqualsToken, '!='],
  [K.ExclamationEqualsEqualsToken, '!='],
  [K.LessThanToken, '<'],
  [K.LessThanEqualsToken, '<='],
  [K.GreaterThanToken, '>'],
  [K.GreaterThanEqualsToken, '>='],
  [K.InKeyword, 'in'],
]);

const UNARY = new Map<ts.SyntaxKind, string>([
  [K.ExclamationToken, 'not'],
  [K.MinusToken, '-'],
  [K.PlusToken, '+'],
  [K.TildeToken, '~'],
]);

/** `op=` compound assignments that have an IR `AugAssign` operator. */
export const AUGMENTED = new Map<ts.SyntaxKind, string>([
  [K.PlusEqualsToken, '+'],
  [K.MinusEqualsToken, '-'],
  [K.AsteriskEqualsToken, '*'],
  [K.SlashEqualsToken, '/'],
  [K.PercentEqualsToken, '%'],
  [K.AsteriskAsteriskEqualsToken, '**'],
  [K.LessThanLessThanEqualsToken, '<<'],
  [K.GreaterThanGreaterThanEqualsToken, '>>'],
  [K.AmpersandEqualsToken, '&'],
  [K.BarEqualsToken, '|'],
  [K.CaretEqualsToken, '^'],
]);

function lowerExprInner(ctx: Context, n: ts.Expression): ir.Expr {
  const sp = spanOf(ctx, n);
  switch (n.kind) {
    case K.Identifier:
      return identifier(ctx, n as ts.Identifier);
    case K.PrivateIdentifier:
      return ir.name(sp, (n as ts.PrivateIdentifier).text);
    case K.ThisKeyword:
      return ir.name(sp, 'this');
    case K.NullKeyword:
      return ir.constant(sp, null, 'None');
    case K.TrueKeyword:
      return ir.constant(sp, true, 'bool');
    case K.FalseKeyword:
      return ir.constant(sp, false, 'bool');
    case K.NumericLiteral:
      return numeric(ctx, n as ts.NumericLiteral);
    case K.BigIntLiteral: {
      const value = Number((n as ts.BigIntLiteral).text.replace(/n$/, '').replace(/_/g, ''));
      return Number.isFinite(value) ? ir.constant(sp, value, 'int') : unknownOf(ctx, n);
    }
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
      return ir.constant(sp, (n as ts.StringLiteralLike).text, 'str');
    case K.TemplateExpression:
      return template(ctx, n as ts.TemplateExpression);
    case K.ArrayLiteralExpression:
      return ir.list(
        sp,
        (n as ts.ArrayLiteralExpression).elements.map((e) => lowerExpr(ctx, e)),
      );
    case K.ObjectLiteralExpression:
      return objectLiteral(ctx, n as ts.ObjectLiteralExpression);
    case K.PropertyAccessExpression: {
      const pa = n as ts.PropertyAccessExpression;
      if (pa.name.text === '') return unknownOf(ctx, n);
      return ir.attribute(sp, accessBase(ctx, pa.expression), pa.name.text);
    }
    case K.ElementAccessExpression: {
      const ea = n as ts.ElementAccessExpression;
      return ir.subscript(
        sp,
        accessBase(ctx, ea.expression),
        lowerOptional(ctx, ea.argumentExpression, sp.to),
      );
    }
    case K.CallExpression: {
      const c = n as ts.CallExpression;
      // `super(...)` and dynamic `import(...)` are not modelled.
      if (c.expression.kind === K.SuperKeyword || c.expression.kind === K.ImportKeyword) {
        return unknownOf(ctx, n);
      }
      return ir.call(
        sp,
        lowerExpr(ctx, c.expression),
        c.arguments.map((a) => lowerExpr(ctx, a)),
        [],
      );
    }
    case K.NewExpression: {
      const nw = n as ts.NewExpression;
      return ir.call(
        sp,
        lowerExpr(ctx, nw.expression),
        (nw.arguments ?? []).map((a) => lowerExpr(ctx, a)),
        [],
      );
    }
    case K.BinaryExpression:
      return binary(ctx, n as ts.BinaryExpression);
    case K.PrefixUnaryExpression: {
      const pu = n as ts.PrefixUnaryExpression;
      const op = UNARY.get(pu.operator);
      return op ? ir.unaryOp(sp, op, lowerExpr(ctx, pu.operand)) : unknownOf(ctx, n);
    }
    case K.ConditionalExpression: {
      const ce = n as ts.ConditionalExpression;
      return ir.ifExp(
        sp,
        lowerExpr(ctx, ce.condition),
        lowerExpr(ctx, ce.whenTrue),
        lowerExpr(ctx, ce.whenFalse),
      );
    }
    case K.ArrowFunction:
    case K.FunctionExpression:
      return functionValue(ctx, n as ts.ArrowFunction | ts.FunctionExpression);
    case K.AwaitExpression:
      // Promises are not modelled: `await e` stands for the value of `e`.
      return lowerExpr(ctx, (n as ts.AwaitExpression).expression);
    case K.SpreadElement:
      return ir.starred(sp, lowerExpr(ctx, (n as ts.SpreadElement).expression));
    case K.OmittedExpression:
      return ir.constant(sp, null, 'None');
    default:
      // typeof, void, delete, yield, comma, assignments inside expressions, ++/--, tagged
      // templates, regular expressions, class expressions, JSX, import.meta, ...
      return unknownOf(ctx, n);
  }
}

function identifier(ctx: Context, id: ts.Identifier): ir.Expr {
  const sp = spanOf(ctx, id);
  if (id.text === '') return missing(ctx, sp.from);
  if (id.text === 'undefined') return ir.constant(sp, null, 'None');
  return ir.name(sp, id.text);
}

/** `1`, `0x1f`, `1_000` and `10n` are ints; a fraction or exponent makes a float. */
function numeric(ctx: Context, n: ts.NumericLiteral): ir.Expr {
  const sp = spanOf(ctx, n);
  const value = Number(n.text);
  if (!Number.isFinite(value)) return unknownOf(ctx, n);
  const raw = textOf(ctx, sp);
  const isInt = /^0[xXoObB]/.test(raw) || !/[.eE]/.test(raw);
  return ir.constant(sp, value, isInt ? 'int' : 'float');
}

/** The base of `a.b` / `a[b]`: `super.m` becomes Python's `super().m`. */
function accessBase(ctx: Context, base: ts.Expression): ir.Expr {
  if (base.kind === K.SuperKeyword) {
    const sp = spanOf(ctx, base);
    return ir.call(sp, ir.name(sp, 'super'), [], []);
  }
  return lowerExpr(ctx, base);
}

function pushText(parts: (string | ir.FormattedValue)[], text: string): void {
  if (text === '') return;
  const last = parts.length - 1;
  if (last >= 0 && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + text;
  else parts.push(text);
}

/** `` `a${b}c` ``: text parts (cooked) and one `FormattedValue` per `${...}` hole. */
function template(ctx: Context, n: ts.TemplateExpression): ir.FString {
  const parts: (string | ir.FormattedValue)[] = [];
  pushText(parts, n.head.text ?? n.head.rawText ?? '');
  let prevEnd = n.head.getEnd();
  for (const s of n.templateSpans) {
    const lit = s.literal;
    const holeTo = lit.getEnd() > lit.pos ? lit.getStart(ctx.sf) + 1 : s.expression.getEnd();
    parts.push(
      ir.formattedValue(
        clampSpan(ctx, prevEnd - 2, holeTo),
        lowerExpr(ctx, s.expression),
        null,
        null,
      ),
    );
    pushText(parts, lit.text ?? lit.rawText ?? '');
    prevEnd = lit.getEnd();
  }
  return ir.fstring(spanOf(ctx, n), parts);
}

/** The statically known text of a property name, or null (computed, missing). */
export function propertyNameText(
  name: ts.PropertyName | ts.BindingName | undefined,
): string | null {
  if (!name) return null;
  switch (name.kind) {
    case K.Identifier:
    case K.PrivateIdentifier:
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
      return name.text === '' && name.kind === K.Identifier ? null : name.text;
    case K.NumericLiteral:
      return String(Number(name.text));
    case K.BigIntLiteral:
      return name.text.replace(/n$/, '');
    default:
      return null;
  }
}

/** A property name as a dict key: a str `Constant`, or the computed key's expression. */
export function propertyKey(ctx: Context, name: ts.PropertyName): ir.Expr {
  if (ts.isComputedPropertyName(name)) return lowerExpr(ctx, name.expression);
  const text = propertyNameText(name);
  const sp = spanOf(ctx, name);
  return text === null ? missing(ctx, sp.from) : ir.constant(sp, text, 'str');
}

function objectLiteral(ctx: Context, n: ts.ObjectLiteralExpression): ir.Dict {
  const keys: (ir.Expr | null)[] = [];
  const values: ir.Expr[] = [];
  for (const p of n.properties) {
    const psp = spanOf(ctx, p);
    switch (p.kind) {
      case K.PropertyAssignment:
        keys.push(propertyKey(ctx, p.name));
        values.push(lowerOptional(ctx, p.initializer, psp.to));
        break;
      case K.ShorthandPropertyAssignment:
        keys.push(propertyKey(ctx, p.name));
        values.push(identifier(ctx, p.name));
        break;
      case K.SpreadAssignment:
        keys.push(null);
        values.push(lowerExpr(ctx, p.expression));
        break;
      case K.MethodDeclaration:
        keys.push(propertyKey(ctx, p.name));
        values.push(
          nested<ir.Expr>(
            ctx,
            psp,
            () => unknownOf(ctx, p),
            () =>
              ir.functionExpr(psp, lowerFunction(ctx, p, { name: propertyNameText(p.name) ?? '' })),
          ),
        );
        break;
      default:
        // Accessors (`get x() {}`): the value is whatever the getter returns; not modelled.
        keys.push(p.name ? propertyKey(ctx, p.name) : missing(ctx, psp.from));
        values.push(unknownOf(ctx, p));
    }
  }
  return ir.dict(spanOf(ctx, n), keys, values);
}

/** `Compare(expr is None)`; `noneAt` is where the implicit `None` stands in the source. */
export function isNone(expr: ir.Expr, noneAt: ir.Span): ir.Compare {
  return ir.compare(expr.span, expr, ['is'], [ir.constant(noneAt, null, 'None')]);
}

/** Names and property chains (`a`, `this.opts.reuse`, `a['k']`) that evaluate without effects. */
export function isPureAccess(node: ts.Expression): boolean {
  let n = skipWrappers(node);
  for (;;) {
    if (ts.isIdentifier(n)) return n.text !== '';
    if (n.kind === K.ThisKeyword) return true;
    if (ts.isPropertyAccessExpression(n)) {
      n = skipWrappers(n.expression);
    } else if (ts.isElementAccessExpression(n)) {
      const arg = n.argumentExpression;
      if (!ts.isStringLiteralLike(arg) && !ts.isNumericLiteral(arg)) return false;
      n = skipWrappers(n.expression);
    } else {
      return false;
    }
  }
}

function binary(ctx: Context, n: ts.BinaryExpression): ir.Expr {
  const sp = spanOf(ctx, n);
  const op = n.operatorToken.kind;
  if (op === K.AmpersandAmpersandToken || op === K.BarBarToken) {
    // `a && b && c` is left-nested; flatten the spine with a loop, as Python's ast does.
    const rights: ts.Expression[] = [];
    let cur: ts.Expression = n;
    while (ts.isBinaryExpression(cur) && cur.operatorToken.kind === op) {
      rights.push(cur.right);
      cur = cur.left;
    }
    rights.reverse();
    const values = [lowerExpr(ctx, cur), ...rights.map((r) => lowerExpr(ctx, r))];
    return ir.boolOp(sp, op === K.AmpersandAmpersandToken ? 'and' : 'or', values);
  }
  const arithmetic = ARITHMETIC.get(op);
  if (arithmetic) {
    return ir.binOp(sp, arithmetic, lowerExpr(ctx, n.left), lowerExpr(ctx, n.right));
  }
  const comparison = COMPARISON.get(op);
  if (comparison) {
    // JS comparisons do not chain: `a < b < c` is `(a < b) < c`, so no flattening here.
    return ir.compare(sp, lowerExpr(ctx, n.left), [comparison], [lowerExpr(ctx, n.right)]);
  }
  if (op === K.InstanceOfKeyword) {
    const opSp = spanOf(ctx, n.operatorToken);
    return ir.call(
      sp,
      ir.name(opSp, 'isinstance'),
      [lowerExpr(ctx, n.left), lowerExpr(ctx, n.right)],
      [],
    );
  }
  if (op === K.QuestionQuestionToken && isPureAccess(n.left)) {
    // `a ?? b` → `b if a is None else a`; `a` is evaluated twice, so it must be effect-free.
    const test = isNone(lowerExpr(ctx, n.left), spanOf(ctx, n.operatorToken));
    return ir.ifExp(sp, test, lowerExpr(ctx, n.right), lowerExpr(ctx, n.left));
  }
  return unknownOf(ctx, n);
}

// ---------------------------------------------------------------------------------------------
// Functions

type FunctionNode = ts.SignatureDeclaration & {
  readonly body?: ts.ConciseBody;
  readonly asteriskToken?: ts.AsteriskToken;
};

/** Async functions and generators: calling them does not simply run the body to completion. */
export function isAsyncLike(node: FunctionNode): boolean {
  if (node.asteriskToken) return true;
  const mods = ts.canHaveModifiers(node) ? ts.getModifiers(node) : undefined;
  return mods?.some((m) => m.kind === K.AsyncKeyword) ?? false;
}

/** A literal whose value cannot depend on when it is evaluated (safe as a Python default). */
export function isStaticLiteral(node: ts.Expression, budget = 32): boolean {
  if (budget <= 0) return false;
  const n = skipWrappers(node);
  switch (n.kind) {
    case K.NumericLiteral:
    case K.BigIntLiteral:
    case K.StringLiteral:
    case K.NoSubstitutionTemplateLiteral:
    case K.TrueKeyword:
    case K.FalseKeyword:
    case K.NullKeyword:
      return true;
    case K.Identifier:
      return (n as ts.Identifier).text === 'undefined';
    case K.PrefixUnaryExpression: {
      const pu = n as ts.PrefixUnaryExpression;
      return (
        (pu.operator === K.MinusToken || pu.operator === K.PlusToken) &&
        ts.isNumericLiteral(skipWrappers(pu.operand))
      );
    }
    case K.ArrayLiteralExpression:
      return (n as ts.ArrayLiteralExpression).elements.every(
        (e) => !ts.isSpreadElement(e) && isStaticLiteral(e, budget - 1),
      );
    case K.ObjectLiteralExpression:
      return (n as ts.ObjectLiteralExpression).properties.every(
        (p) =>
          ts.isPropertyAssignment(p) &&
          !ts.isComputedPropertyName(p.name) &&
          isStaticLiteral(p.initializer, budget - 1),
      );
    default:
      return false;
  }
}

export interface LoweredParams {
  readonly params: ir.Param[];
  /** Statements the body starts with: default values filled in, destructured parameters. */
  readonly prologue: ir.Stmt[];
}

/**
 * `a`, `b = 1`, `...rest`, `{x, y}`. A literal default is the parameter's default; any other
 * default is evaluated at call time in JS, so the parameter defaults to `None` and the body
 * starts with `if b is None: b = <default>`. A destructured parameter gets a synthetic name and
 * the body starts with the assignments of the pattern. TS's `this` parameter is dropped.
 */
export function lowerParams(
  ctx: Context,
  parameters: readonly ts.ParameterDeclaration[],
): LoweredParams {
  const params: ir.Param[] = [];
  const prologue: ir.Stmt[] = [];
  for (const p of parameters) {
    if (ts.isIdentifier(p.name) && (p.name.text === 'this' || p.name.text === '')) continue;
    const psp = spanOf(ctx, p);
    const nameSp = spanOf(ctx, p.name);
    const id = ts.isIdentifier(p.name) ? p.name.text : fresh(ctx);
    const kind: ir.ParamKind = p.dotDotDotToken ? 'vararg' : 'positional';
    let dflt: ir.Expr | null = null;
    if (p.initializer && isStaticLiteral(p.initializer)) {
      dflt = lowerExpr(ctx, p.initializer);
    } else if (p.initializer) {
      dflt = ir.constant(spanOf(ctx, p.initializer), null, 'None');
      prologue.push(fillDefault(ctx, () => ir.name(nameSp, id), p.initializer, psp));
    }
    params.push(ir.param(psp, id, kind, dflt, null));
    if (!ts.isIdentifier(p.name)) {
      const pat = patternOfBinding(ctx, p.name);
      prologue.push(...bindPattern(ctx, pat, () => ir.name(nameSp, id), undefined, psp));
    }
  }
  return { params, prologue };
}

/** `if target is None: target = dflt`. */
function fillDefault(ctx: Context, make: () => ir.Expr, dflt: ts.Expression, sp: ir.Span): ir.Stmt {
  const at = spanOf(ctx, dflt);
  return ir.ifStmt(sp, isNone(make(), at), [ir.assign(sp, [make()], lowerExpr(ctx, dflt))], []);
}

export interface FunctionOptions {
  readonly name: string;
  readonly span?: ir.Span;
  /** Methods: an explicit first parameter named `this`, as Python's `self`. */
  readonly self?: boolean;
  readonly decorators?: ir.Expr[];
  /** Statements run after the prologue, before the body (class field initializers). */
  readonly insert?: (body: ir.Stmt[]) => ir.Stmt[];
}

export function lowerFunction(
  ctx: Context,
  node: FunctionNode,
  opts: FunctionOptions,
  lowered: LoweredParams = lowerParams(ctx, node.parameters),
): ir.FunctionDef {
  const sp = opts.span ?? spanOf(ctx, node);
  const params = opts.self
    ? [ir.param(ir.span(sp.from, sp.from), 'this', 'positional'), ...lowered.params]
    : lowered.params;
  const b = node.body;
  let body: ir.Stmt[];
  if (b === undefined) body = [];
  else if (ts.isBlock(b)) body = ctx.lowerStatements(b.statements);
  else body = [ir.returnStmt(spanOf(ctx, b), lowerExpr(ctx, b))];
  if (opts.insert) body = opts.insert(body);
  return ir.functionDef(
    sp,
    opts.name,
    params,
    [...lowered.prologue, ...body],
    opts.decorators ?? [],
    null,
    isAsyncLike(node),
  );
}

/**
 * An arrow function or function expression as a value: `x => x + 1` is a `Lambda`; a block body,
 * an async arrow or parameters that need a prologue make a `FunctionExpr`.
 */
function functionValue(ctx: Context, n: ts.ArrowFunction | ts.FunctionExpression): ir.Expr {
  const sp = spanOf(ctx, n);
  const lowered = lowerParams(ctx, n.parameters);
  if (
    ts.isArrowFunction(n) &&
    !ts.isBlock(n.body) &&
    lowered.prologue.length === 0 &&
    !isAsyncLike(n)
  ) {
    return ir.lambda(sp, lowered.params, lowerExpr(ctx, n.body));
  }
  const fname = ts.isFunctionExpression(n) && n.name ? n.name.text : '';
  return ir.functionExpr(sp, lowerFunction(ctx, n, { name: fname }, lowered));
}

// ---------------------------------------------------------------------------------------------
// Destructuring

/**
 * A destructuring pattern, from a binding (`const {a, b: [c]} = e`, parameters, `catch`,
 * `for...of`) or from an assignment (`[a, b] = [b, a]`, `({a} = e)`), in one form.
 */
export type Pattern =
  | { readonly k: 'target'; readonly sp: ir.Span; readonly make: () => ir.Expr }
  | { readonly k: 'array'; readonly sp: ir.Span; readonly elems: (PatternElement | Hole)[] }
  | { readonly k: 'object'; readonly sp: ir.Span; readonly props: PatternProperty[] };

/** An elided element, `[, b]`. */
interface Hole {
  readonly hole: ir.Span;
}

interface PatternElement {
  readonly pat: Pattern;
  readonly rest: boolean;
  readonly dflt: ts.Expression | undefined;
  readonly sp: ir.Span;
}

interface PatternProperty {
  /** Null for `...rest`. */
  readonly key: (() => ir.Expr) | null;
  readonly pat: Pattern;
  readonly dflt: ts.Expression | undefined;
  readonly sp: ir.Span;
}

function unknownTarget(ctx: Context, node: ts.Node): Pattern {
  return { k: 'target', sp: spanOf(ctx, node), make: () => unknownOf(ctx, node) };
}

export function patternOfBinding(ctx: Context, name: ts.BindingName): Pattern {
  const sp = spanOf(ctx, name);
  return nested(
    ctx,
    sp,
    () => unknownTarget(ctx, name),
    (): Pattern => {
      if (ts.isIdentifier(name)) {
        return { k: 'target', sp, make: () => identifierTarget(ctx, name) };
      }
      if (ts.isArrayBindingPattern(name)) {
        const elems = name.elements.map((e): PatternElement | Hole =>
          ts.isOmittedExpression(e)
            ? { hole: spanOf(ctx, e) }
            : {
                pat: patternOfBinding(ctx, e.name),
                rest: e.dotDotDotToken !== undefined,
                dflt: e.initializer,
                sp: spanOf(ctx, e),
              },
        );
        return { k: 'array', sp, elems };
      }
      const props = name.elements.map((e): PatternProperty => {
        const keyNode = e.propertyName ?? (ts.isIdentifier(e.name) ? e.name : undefined);
        const esp = spanOf(ctx, e);
        return {
          key: e.dotDotDotToken
            ? null
            : () => (keyNode ? propertyKey(ctx, keyNode) : missing(ctx, esp.from)),
          pat: patternOfBinding(ctx, e.name),
          dflt: e.initializer,
          sp: esp,
        };
      });
      return { k: 'object', sp, props };
    },
  );
}

/** An identifier as an assignment target (`undefined` stays a name here). */
function identifierTarget(ctx: Context, id: ts.Identifier): ir.Expr {
  const sp = spanOf(ctx, id);
  return id.text === '' ? missing(ctx, sp.from) : ir.name(sp, id.text);
}

/** The pattern an assignment's left-hand side stands for (`[a, b] = ...`, `({a} = ...)`). */
export function patternOfExpr(ctx: Context, node: ts.Expression): Pattern {
  const n = skipWrappers(node);
  const sp = spanOf(ctx, n);
  return nested(
    ctx,
    sp,
    () => unknownTarget(ctx, n),
    (): Pattern => {
      if (ts.isArrayLiteralExpression(n)) {
        const elems = n.elements.map((e): PatternElement | Hole => {
          if (ts.isOmittedExpression(e)) return { hole: spanOf(ctx, e) };
          const esp = spanOf(ctx, e);
          if (ts.isSpreadElement(e)) {
            return { pat: patternOfExpr(ctx, e.expression), rest: true, dflt: undefined, sp: esp };
          }
          const d = withDefault(e);
          return { pat: patternOfExpr(ctx, d.target), rest: false, dflt: d.dflt, sp: esp };
        });
        return { k: 'array', sp, elems };
      }
      if (ts.isObjectLiteralExpression(n)) {
        const props: PatternProperty[] = [];
        for (const p of n.properties) {
          const psp = spanOf(ctx, p);
          if (ts.isPropertyAssignment(p)) {
            const d = withDefault(p.initializer);
            props.push({
              key: () => propertyKey(ctx, p.name),
              pat: patternOfExpr(ctx, d.target),
              dflt: d.dflt,
              sp: psp,
            });
          } else if (ts.isShorthandPropertyAssignment(p)) {
            props.push({
              key: () => propertyKey(ctx, p.name),
              pat: {
                k: 'target',
                sp: spanOf(ctx, p.name),
                make: () => identifierTarget(ctx, p.name),
              },
              dflt: p.objectAssignmentInitializer,
              sp: psp,
            });
          } else if (ts.isSpreadAssignment(p)) {
            props.push({
              key: null,
              pat: patternOfExpr(ctx, p.expression),
              dflt: undefined,
              sp: psp,
            });
          } else {
            props.push({ key: null, pat: unknownTarget(ctx, p), dflt: undefined, sp: psp });
          }
        }
        return { k: 'object', sp, props };
      }
      if (ts.isIdentifier(n)) return { k: 'target', sp, make: () => identifierTarget(ctx, n) };
      return { k: 'target', sp, make: () => lowerExpr(ctx, n) };
    },
  );
}

/** `target = default` inside an assignment pattern. */
function withDefault(e: ts.Expression): { target: ts.Expression; dflt: ts.Expression | undefined } {
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === K.EqualsToken) {
    return { target: e.left, dflt: e.right };
  }
  return { target: e, dflt: undefined };
}

/**
 * Statements that bind `pat` to the value `src()` (and `dflt` when that value is None). `src` may
 * be called several times (once per object property), so it must build an effect-free expression
 * (a name, or subscripts of one); array patterns call it once.
 */
export function bindPattern(
  ctx: Context,
  pat: Pattern,
  src: () => ir.Expr,
  dflt: ts.Expression | undefined,
  sp: ir.Span,
): ir.Stmt[] {
  if (dflt) {
    if (pat.k === 'target') {
      return [ir.assign(sp, [pat.make()], src()), fillDefault(ctx, pat.make, dflt, sp)];
    }
    const t = fresh(ctx);
    const tmp = (): ir.Expr => ir.name(pat.sp, t);
    return [
      ir.assign(sp, [tmp()], src()),
      fillDefault(ctx, tmp, dflt, sp),
      ...bindPattern(ctx, pat, tmp, undefined, sp),
    ];
  }
  switch (pat.k) {
    case 'target':
      return [ir.assign(sp, [pat.make()], src())];
    case 'array': {
      const { target, after } = targetFor(ctx, pat, undefined);
      return [ir.assign(sp, [target], src()), ...after];
    }
    case 'object': {
      const out: ir.Stmt[] = [];
      for (const p of pat.props) {
        const key = p.key;
        const value = key
          ? (): ir.Expr => ir.subscript(p.sp, src(), key())
          : (): ir.Expr => ir.unknownExpr(p.sp, textOf(ctx, p.sp)); // `...rest`: not modelled
        out.push(...bindPattern(ctx, p.pat, value, p.dflt, p.sp));
      }
      return out;
    }
  }
}

/**
 * A single assignment target for `pat` (a `for` target, a tuple element) plus the statements
 * that must follow the assignment: names and arrays of names are targets themselves; objects and
 * defaults go through a synthetic name.
 */
export function targetFor(
  ctx: Context,
  pat: Pattern,
  dflt: ts.Expression | undefined,
): { target: ir.Expr; after: ir.Stmt[] } {
  if (!dflt && pat.k === 'target') return { target: pat.make(), after: [] };
  if (!dflt && pat.k === 'array') {
    const elts: ir.Expr[] = [];
    const after: ir.Stmt[] = [];
    for (const e of pat.elems) {
      if ('hole' in e) {
        elts.push(ir.name(e.hole, fresh(ctx))); // a throwaway target
        continue;
      }
      const inner = targetFor(ctx, e.pat, e.dflt);
      elts.push(e.rest ? ir.starred(e.sp, inner.target) : inner.target);
      after.push(...inner.after);
    }
    return { target: ir.tuple(pat.sp, elts), after };
  }
  const t = fresh(ctx);
  const tmp = (): ir.Expr => ir.name(pat.sp, t);
  return { target: tmp(), after: bindPattern(ctx, pat, tmp, dflt, pat.sp) };
}

/**
 * `pat = value` as statements. An object pattern reads the value once per property, so a value
 * that is not a plain name is first assigned to a synthetic name.
 */
export function assignPattern(
  ctx: Context,
  pat: Pattern,
  value: ts.Expression | undefined,
  sp: ir.Span,
): ir.Stmt[] {
  const valueOf = (): ir.Expr =>
    value ? lowerExpr(ctx, value) : ir.constant(ir.span(pat.sp.to, pat.sp.to), null, 'None');
  if (pat.k === 'object' && value && !isSimpleName(value)) {
    const t = fresh(ctx);
    const vsp = spanOf(ctx, value);
    return [
      ir.assign(sp, [ir.name(vsp, t)], valueOf()),
      ...bindPattern(ctx, pat, () => ir.name(vsp, t), undefined, sp),
    ];
  }
  return bindPattern(ctx, pat, valueOf, undefined, sp);
}

/** A name (or `this`): what destructuring may read repeatedly without a temporary. */
export function isSimpleName(node: ts.Expression): boolean {
  const n = skipWrappers(node);
  return (ts.isIdentifier(n) && n.text !== '') || n.kind === K.ThisKeyword;
}
