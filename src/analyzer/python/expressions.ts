/**
 * Lowering of @lezer/python expression nodes to IR expressions (statements are in `lower.ts`).
 *
 * Lezer's Python tree is flat where Python's `ast` is structured: a call's `ArgList` holds its
 * arguments, commas and `=` tokens side by side; a comparison chain is a left-nested
 * `BinaryExpression`. This module regroups those children. Whatever it does not model, or what
 * error recovery left incomplete, becomes `UnknownExpr` carrying the source text; nothing here
 * throws on user input. Recursion is bounded by `Context.depth` (see `MAX_DEPTH`): beyond it a
 * subtree degrades to one `UnknownExpr`, so pathological nesting cannot exhaust the JS stack.
 */
import type { SyntaxNode } from '@lezer/common';
import * as ir from '../ir';
import { decodeFStringText, decodeString, parseNumber, stringBody, stringPrefix } from './literals';

export interface Diagnostic {
  readonly span: ir.Span;
  /** `parse-recovery`: the parser skipped or invented input here; `depth-limit`: nesting too
   * deep to lower; `internal-error`: a front-end bug, caught and contained to one statement. */
  readonly code: 'parse-recovery' | 'depth-limit' | 'internal-error';
  readonly message: string;
}

/** Combined statement + expression nesting beyond which subtrees become Unknown. */
export const MAX_DEPTH = 200;

export interface Context {
  readonly source: string;
  readonly diagnostics: Diagnostic[];
  depth: number;
  depthReported: boolean;
}

/** Node names that are never expressions although capitalised (operators, clauses, ...). */
const NON_EXPRESSION = new Set([
  'ArithOp',
  'BitOp',
  'CompareOp',
  'AssignOp',
  'UpdateOp',
  'TypeDef',
  'Body',
  'ArgList',
  'ParamList',
  'TypeParamList',
  'PropertyName',
  'FormatSpec',
  'FormatConversion',
  'FormatSelfDoc',
  'Decorator',
  'Comment',
]);

export const spanOf = (n: SyntaxNode): ir.Span => ir.span(n.from, n.to);
export const textOf = (ctx: Context, n: { from: number; to: number }): string =>
  ctx.source.slice(n.from, n.to);

/** Child nodes via the tree cursor, without comments (they may sit anywhere in brackets). */
export function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  const c = n.cursor();
  if (c.firstChild()) {
    do {
      if (c.name !== 'Comment') out.push(c.node);
    } while (c.nextSibling());
  }
  return out;
}

export const isError = (n: SyntaxNode): boolean => n.type.isError;

/** True for nodes that lower to an expression (including error nodes, which become Unknown). */
export function isExprNode(n: SyntaxNode): boolean {
  if (isError(n)) return n.to > n.from;
  const first = n.name.charCodeAt(0);
  return first >= 65 && first <= 90 && !NON_EXPRESSION.has(n.name);
}

/** Splits children at top-level commas, dropping brackets. Empty groups are kept. */
export function splitCommas(nodes: SyntaxNode[]): SyntaxNode[][] {
  const groups: SyntaxNode[][] = [[]];
  for (const n of nodes) {
    if (n.name === ',') groups.push([]);
    else if ('()[]{}'.includes(n.name) && n.name.length === 1) continue;
    else groups[groups.length - 1].push(n);
  }
  return groups;
}

const unknown = (ctx: Context, from: number, to: number): ir.UnknownExpr =>
  ir.unknownExpr(ir.span(from, to), ctx.source.slice(from, to));

/** An empty Unknown at `at`, standing for an expression the user has not typed yet. */
export const missing = (at: number): ir.UnknownExpr => ir.unknownExpr(ir.span(at, at), '');

/**
 * Runs `body` one level deeper, or returns `fallback()` if the depth limit is reached (reporting
 * the first time only, so a pathological file yields one diagnostic rather than thousands).
 */
export function nested<T>(ctx: Context, sp: ir.Span, fallback: () => T, body: () => T): T {
  if (ctx.depth >= MAX_DEPTH) {
    if (!ctx.depthReported) {
      ctx.depthReported = true;
      ctx.diagnostics.push({
        span: sp,
        code: 'depth-limit',
        message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`,
      });
    }
    return fallback();
  }
  ctx.depth++;
  try {
    return body();
  } finally {
    ctx.depth--;
  }
}

export function lowerExpr(ctx: Context, n: SyntaxNode): ir.Expr {
  return nested(
    ctx,
    spanOf(n),
    () => unknown(ctx, n.from, n.to),
    () => lowerExprInner(ctx, n),
  );
}

/**
 * A comma-separated expression list as Python reads it: a single element without a comma is
 * itself; anything with a comma is a `Tuple` (`x, y = ...`, `return a, b`). Elements may be
 * starred.
 */
export function lowerExprList(ctx: Context, nodes: SyntaxNode[], at: number): ir.Expr {
  const groups = splitCommas(nodes);
  if (groups.length === 1) return element(ctx, groups[0], at);
  if (groups[groups.length - 1].length === 0) groups.pop();
  const elts = groups.map((g) => element(ctx, g, at));
  const from = nodes[0]?.from ?? at;
  const to = nodes[nodes.length - 1]?.to ?? at;
  return ir.tuple(ir.span(from, to), elts);
}

/** One list element: `expr`, `*expr`, or whatever error recovery left (first expression). */
export function element(ctx: Context, group: SyntaxNode[], at: number): ir.Expr {
  if (group.length === 0) return missing(at);
  const exprs = group.filter(isExprNode);
  if (group[0].name === '*') {
    const inner = exprs[0] ? lowerExpr(ctx, exprs[0]) : missing(group[0].to);
    return ir.starred(ir.span(group[0].from, inner.span.to || group[0].to), inner);
  }
  if (exprs.length === 0) return unknown(ctx, group[0].from, group[group.length - 1].to);
  return lowerExpr(ctx, exprs[0]);
}

function lowerExprInner(ctx: Context, n: SyntaxNode): ir.Expr {
  const sp = spanOf(n);
  switch (n.name) {
    case 'VariableName':
      return ir.name(sp, textOf(ctx, n));
    case 'Number': {
      const num = parseNumber(textOf(ctx, n));
      return num ? ir.constant(sp, num.value, num.pyType) : unknown(ctx, n.from, n.to);
    }
    case 'Boolean':
      return ir.constant(sp, textOf(ctx, n) === 'True', 'bool');
    case 'None':
      return ir.constant(sp, null, 'None');
    case 'Ellipsis':
      return ir.constant(sp, null, 'Ellipsis');
    case 'String':
    case 'FormatString':
    case 'ContinuedString':
      return lowerStrings(ctx, n);
    case 'ParenthesizedExpression': {
      const inner = kids(n).filter((k) => !'()'.includes(k.name));
      if (inner.length === 0 || inner.some((k) => k.name === 'YieldExpression')) {
        return unknown(ctx, n.from, n.to);
      }
      return element(ctx, inner, n.to);
    }
    case 'TupleExpression':
      return ir.tuple(sp, elements(ctx, n));
    case 'ArrayExpression':
      return ir.list(sp, elements(ctx, n));
    case 'SetExpression':
      return ir.set(sp, elements(ctx, n));
    case 'DictionaryExpression':
      return lowerDict(ctx, n);
    case 'ArrayComprehensionExpression':
    case 'ComprehensionExpression':
    case 'SetComprehensionExpression':
    case 'DictionaryComprehensionExpression':
      return lowerComprehension(ctx, n, kids(n).slice(1, -1), n.name);
    case 'CallExpression':
      return lowerCall(ctx, n);
    case 'MemberExpression':
      return lowerMember(ctx, n);
    case 'BinaryExpression':
      return lowerBinary(ctx, n);
    case 'UnaryExpression': {
      const ks = kids(n);
      const operand = ks.length > 1 && isExprNode(ks[ks.length - 1]) ? ks[ks.length - 1] : null;
      const op = ks[0] ? textOf(ctx, ks[0]) : '';
      const inner = operand ? lowerExpr(ctx, operand) : missing(n.to);
      if (op === 'not' && operand && operand.name !== 'ParenthesizedExpression')
        return notOf(ctx, sp.from, inner);
      return ir.unaryOp(sp, op, inner);
    }
    case 'ConditionalExpression': {
      const ks = kids(n);
      const part = (k: SyntaxNode | undefined): ir.Expr =>
        k && isExprNode(k) ? lowerExpr(ctx, k) : missing(n.to);
      return ir.ifExp(sp, part(ks[2]), part(ks[0]), part(ks[4]));
    }
    case 'LambdaExpression': {
      const ks = kids(n);
      const paramList = ks.find((k) => k.name === 'ParamList');
      const colon = ks.findIndex((k) => k.name === ':');
      const body = colon >= 0 ? ks.slice(colon + 1).find(isExprNode) : undefined;
      return ir.lambda(
        sp,
        paramList ? lowerParams(ctx, kids(paramList)) : [],
        body ? lowerExpr(ctx, body) : missing(n.to),
      );
    }
    default:
      // NamedExpression, AwaitExpression, YieldExpression, error nodes, ...: not modelled.
      return unknown(ctx, n.from, n.to);
  }
}

function elements(ctx: Context, n: SyntaxNode): ir.Expr[] {
  const groups = splitCommas(kids(n));
  if (groups[groups.length - 1].length === 0) groups.pop();
  return groups.map((g) => element(ctx, g, n.to));
}

function lowerDict(ctx: Context, n: SyntaxNode): ir.Dict {
  const keys: (ir.Expr | null)[] = [];
  const values: ir.Expr[] = [];
  for (const group of splitCommas(kids(n))) {
    if (group.length === 0) continue;
    const exprs = group.filter(isExprNode);
    if (group[0].name === '**') {
      keys.push(null);
      values.push(exprs[0] ? lowerExpr(ctx, exprs[0]) : missing(group[0].to));
    } else {
      keys.push(exprs[0] ? lowerExpr(ctx, exprs[0]) : missing(group[0].from));
      values.push(exprs[1] ? lowerExpr(ctx, exprs[1]) : missing(group[group.length - 1].to));
    }
  }
  return ir.dict(spanOf(n), keys, values);
}

/**
 * `elt for t in it if c for ...`. `inner` is the node's children without the brackets; for a
 * bare generator argument (`f(x for x in y)`) it is the argument's group.
 */
function lowerComprehension(
  ctx: Context,
  n: { from: number; to: number },
  inner: SyntaxNode[],
  nodeName: string,
): ir.Expr {
  const sp = ir.span(n.from, n.to);
  const firstFor = inner.findIndex((k) => k.name === 'for' || k.name === 'async');
  const head = firstFor >= 0 ? inner.slice(0, firstFor) : inner;
  const generators: ir.Comprehension[] = [];
  let i = firstFor;
  while (i >= 0 && i < inner.length) {
    const start = inner[i].from;
    while (i < inner.length && inner[i].name !== 'for') i++;
    const inAt = indexFrom(inner, i, 'in');
    const targetNodes = inner.slice(i + 1, inAt < 0 ? inner.length : inAt);
    const target = lowerExprList(ctx, targetNodes, inner[i]?.to ?? n.to);
    let j = inAt < 0 ? inner.length : inAt + 1;
    const iterNode = inner[j] && isExprNode(inner[j]) ? inner[j++] : null;
    const iter = iterNode ? lowerExpr(ctx, iterNode) : missing(n.to);
    const ifs: ir.Expr[] = [];
    while (j < inner.length && inner[j].name === 'if') {
      const cond = inner[j + 1] && isExprNode(inner[j + 1]) ? inner[j + 1] : null;
      ifs.push(cond ? lowerExpr(ctx, cond) : missing(inner[j].to));
      j += cond ? 2 : 1;
    }
    const end = inner[j - 1]?.to ?? n.to;
    generators.push(ir.comprehension(ir.span(start, end), target, iter, ifs));
    while (j < inner.length && inner[j].name !== 'for' && inner[j].name !== 'async') j++;
    i = j < inner.length ? j : -1;
  }
  if (nodeName === 'DictionaryComprehensionExpression') {
    const exprs = head.filter(isExprNode);
    if (head[0]?.name === '**' || exprs.length < 2) return unknown(ctx, n.from, n.to);
    return ir.dictComp(sp, lowerExpr(ctx, exprs[0]), lowerExpr(ctx, exprs[1]), generators);
  }
  const elt = element(ctx, head, n.from);
  if (nodeName === 'ArrayComprehensionExpression') return ir.listComp(sp, elt, generators);
  if (nodeName === 'SetComprehensionExpression') return ir.setComp(sp, elt, generators);
  return ir.generatorExp(sp, elt, generators);
}

function indexFrom(nodes: SyntaxNode[], from: number, nodeName: string): number {
  for (let i = Math.max(0, from); i < nodes.length; i++) if (nodes[i].name === nodeName) return i;
  return -1;
}

/** Arguments of an `ArgList` (also a class's bases): positional, `*a`, `k=v`, `**kw`. */
export function lowerArgs(
  ctx: Context,
  argList: SyntaxNode | undefined,
): { args: ir.Expr[]; keywords: ir.Keyword[] } {
  const args: ir.Expr[] = [];
  const keywords: ir.Keyword[] = [];
  if (!argList) return { args, keywords };
  const groups = splitCommas(kids(argList));
  for (const group of groups) {
    const real = group.filter((k) => !isError(k) || k.to > k.from);
    if (real.length === 0) continue;
    const from = real[0].from;
    const to = real[real.length - 1].to;
    if (real.some((k) => k.name === 'for')) {
      args.push(lowerComprehension(ctx, { from, to }, real, 'ComprehensionExpression'));
    } else if (real[0].name === '**') {
      const value = real[1] && isExprNode(real[1]) ? lowerExpr(ctx, real[1]) : missing(to);
      keywords.push(ir.keyword(ir.span(from, to), null, value));
    } else if (real.length >= 2 && real[1].name === 'AssignOp' && textOf(ctx, real[1]) === '=') {
      const value = real[2] && isExprNode(real[2]) ? lowerExpr(ctx, real[2]) : missing(to);
      keywords.push(ir.keyword(ir.span(from, to), textOf(ctx, real[0]), value));
    } else if (real.length >= 2 && real[1].name === 'AssignOp') {
      args.push(unknown(ctx, from, to)); // `f(x := 1)`
    } else {
      args.push(element(ctx, real, to));
    }
  }
  return { args, keywords };
}

function lowerCall(ctx: Context, n: SyntaxNode): ir.Expr {
  const ks = kids(n);
  const func = ks[0] && isExprNode(ks[0]) ? lowerExpr(ctx, ks[0]) : missing(n.from);
  const { args, keywords } = lowerArgs(
    ctx,
    ks.find((k) => k.name === 'ArgList'),
  );
  return ir.call(spanOf(n), func, args, keywords);
}

/** `1.` or `1.e5`: a float that lezer parses as a member access. */
export const FLOAT_WITH_DOT = /^[0-9][0-9_]*\.(?:[eE][0-9_]+)?$/;

function lowerMember(ctx: Context, n: SyntaxNode): ir.Expr {
  const ks = kids(n);
  const sp = spanOf(n);
  const base = ks[0];
  if (!base || !isExprNode(base)) return unknown(ctx, n.from, n.to);
  if (ks[1]?.name === '.') {
    const prop = ks[2]?.name === 'PropertyName' ? ks[2] : null;
    // Lezer reads `1.` and `1.e5` as member accesses on an int; Python reads floats. The
    // member's text ends with the spaces before what follows when its name is missing
    // (`1. - t`): they are no part of the number.
    const text = textOf(ctx, n).trimEnd();
    if (base.name === 'Number' && FLOAT_WITH_DOT.test(text)) {
      const num = parseNumber(text);
      if (num) return ir.constant(ir.span(sp.from, sp.from + text.length), num.value, num.pyType);
    }
    if (!prop) return unknown(ctx, n.from, n.to);
    return ir.attribute(sp, lowerExpr(ctx, base), textOf(ctx, prop));
  }
  // Subscript: `[` items `]`, each item an expression or a slice.
  const groups = splitCommas(ks.slice(1));
  if (groups.length > 1 && groups[groups.length - 1].length === 0) groups.pop();
  const items = groups.map((g) => subscriptItem(ctx, g, n.to));
  const value = lowerExpr(ctx, base);
  if (items.length === 1) return ir.subscript(sp, value, items[0]);
  const from = items[0].span.from;
  return ir.subscript(sp, value, ir.tuple(ir.span(from, items[items.length - 1].span.to), items));
}

function subscriptItem(ctx: Context, group: SyntaxNode[], at: number): ir.Expr {
  if (!group.some((k) => k.name === ':')) return element(ctx, group, at);
  const parts: (SyntaxNode | null)[] = [null];
  for (const k of group) {
    if (k.name === ':') parts.push(null);
    else if (isExprNode(k) && parts[parts.length - 1] === null) parts[parts.length - 1] = k;
  }
  const part = (k: SyntaxNode | null | undefined): ir.Expr | null => (k ? lowerExpr(ctx, k) : null);
  const sp = ir.span(group[0].from, group[group.length - 1].to);
  return ir.slice(sp, part(parts[0]), part(parts[1]), part(parts[2]));
}

const COMPARE_WORDS = new Set(['in', 'not', 'is']);

/**
 * Lezer nests chains to the left: `a < b < c` is `(a < b) < c`, `a and b and c` is
 * `(a and b) and c`. Python's `ast` flattens both, and so do we; the left spine is walked with a
 * loop, so a long chain costs no recursion.
 */
function lowerBinary(ctx: Context, n: SyntaxNode): ir.Expr {
  const ks = kids(n);
  if (ks.length < 3) return unknown(ctx, n.from, n.to);
  const opNodes = ks.slice(1, -1);
  const op = opNodes.map((k) => textOf(ctx, k)).join(' ');
  const leftNode = ks[0];
  const rightNode = ks.length >= 3 ? ks[ks.length - 1] : null;
  const side = (k: SyntaxNode | null): ir.Expr =>
    k && isExprNode(k) ? lowerExpr(ctx, k) : missing(n.to);
  const isCompare = opNodes[0]?.name === 'CompareOp' || COMPARE_WORDS.has(opNodes[0]?.name ?? '');
  if (op === 'and' || op === 'or' || isCompare) {
    // Collect the left spine of the same operator family.
    const rights: SyntaxNode[] = [];
    const ops: string[] = [];
    let cur: SyntaxNode = n;
    for (;;) {
      const cks = cur === n ? ks : kids(cur);
      const cops = cks.slice(1, -1);
      const cop = cops.map((k) => textOf(ctx, k)).join(' ');
      const sameFamily = isCompare
        ? cops[0]?.name === 'CompareOp' || COMPARE_WORDS.has(cops[0]?.name ?? '')
        : cop === op;
      if (cur !== n && (cur.name !== 'BinaryExpression' || !sameFamily)) break;
      if (cks.length < 3) break;
      rights.push(cks[cks.length - 1]);
      ops.push(cop);
      cur = cks[0];
    }
    rights.reverse();
    ops.reverse();
    const left = side(cur);
    const others = rights.map((k) => side(k));
    if (isCompare) return ir.compare(spanOf(n), left, ops, others);
    return ir.boolOp(spanOf(n), op as 'and' | 'or', [left, ...others]);
  }
  return ir.binOp(spanOf(n), op, side(leftNode), side(rightNode));
}

/**
 * `not` binds tighter than `and`/`or`, but lezer's tree puts an unparenthesized `not a and b`
 * as `not (a and b)`: the `not` goes to the leftmost operand, `(not a) and b`, as Python reads it.
 */
function notOf(ctx: Context, from: number, e: ir.Expr): ir.Expr {
  if (e.kind !== 'BoolOp' || parenthesized(ctx, e))
    return ir.unaryOp(ir.span(from, e.span.to), 'not', e);
  const [first, ...rest] = e.values;
  return ir.boolOp(ir.span(from, e.span.to), e.op, [notOf(ctx, from, first), ...rest]);
}

/** Whether an expression's source is wrapped in parentheses (the tree drops them). */
function parenthesized(ctx: Context, e: ir.Expr): boolean {
  let i = e.span.from - 1;
  while (i >= 0 && /\s/.test(ctx.source[i])) i--;
  return ctx.source[i] === '(';
}

/** Parameters of a `def` (`ParamList` children) or a `lambda`. */
export function lowerParams(ctx: Context, nodes: SyntaxNode[]): ir.Param[] {
  const params: ir.Param[] = [];
  let afterStar = false;
  for (const group of splitCommas(nodes)) {
    if (group.length === 0) continue; // `/` or an empty slot
    const nameNode = group.find((k) => k.name === 'VariableName');
    const typeDef = group.find((k) => k.name === 'TypeDef');
    const annotationNode = typeDef ? kids(typeDef).find(isExprNode) : undefined;
    const annotation = annotationNode ? lowerExpr(ctx, annotationNode) : null;
    const sp = ir.span(group[0].from, group[group.length - 1].to);
    if (group[0].name === '*') {
      afterStar = true;
      if (nameNode) params.push(ir.param(sp, textOf(ctx, nameNode), 'vararg', null, annotation));
    } else if (group[0].name === '**') {
      if (nameNode) params.push(ir.param(sp, textOf(ctx, nameNode), 'kwarg', null, annotation));
    } else if (nameNode) {
      const eq = group.findIndex((k) => k.name === 'AssignOp');
      const dfltNode = eq >= 0 ? group.slice(eq + 1).find(isExprNode) : undefined;
      const dflt = eq < 0 ? null : dfltNode ? lowerExpr(ctx, dfltNode) : missing(sp.to);
      const kind = afterStar ? 'kwonly' : 'positional';
      params.push(ir.param(sp, textOf(ctx, nameNode), kind, dflt, annotation));
    }
  }
  return params;
}

// ---------------------------------------------------------------------------------------------
// Strings

/**
 * `String`, `FormatString` or `ContinuedString` (implicit concatenation). Plain literals fold to
 * one `Constant`; if any piece is an f-string the result is one `FString` whose adjacent literal
 * text is merged. Mixing bytes and str is a Python syntax error and yields Unknown.
 */
function lowerStrings(ctx: Context, n: SyntaxNode): ir.Expr {
  const pieces = n.name === 'ContinuedString' ? kids(n) : [n];
  const parts: (string | ir.FormattedValue)[] = [];
  let anyF = false;
  let bytes: boolean | null = null;
  for (const piece of pieces) {
    if (piece.name !== 'String' && piece.name !== 'FormatString') {
      return unknown(ctx, n.from, n.to);
    }
    const text = textOf(ctx, piece);
    const prefix = stringPrefix(text);
    if (bytes !== null && bytes !== prefix.bytes) return unknown(ctx, n.from, n.to);
    bytes = prefix.bytes;
    if (piece.name === 'String') {
      pushText(parts, decodeString(text).value);
    } else {
      anyF = true;
      fStringParts(ctx, piece, prefix.raw, parts);
    }
  }
  const sp = spanOf(n);
  if (!anyF) return ir.constant(sp, parts.join(''), bytes ? 'bytes' : 'str');
  return ir.fstring(sp, parts);
}

function pushText(parts: (string | ir.FormattedValue)[], text: string): void {
  if (text === '') return;
  const last = parts.length - 1;
  if (last >= 0 && typeof parts[last] === 'string') parts[last] = (parts[last] as string) + text;
  else parts.push(text);
}

function fStringParts(
  ctx: Context,
  n: SyntaxNode,
  raw: boolean,
  parts: (string | ir.FormattedValue)[],
): void {
  const text = textOf(ctx, n);
  const body = stringBody(text, stringPrefix(text));
  let pos = n.from + body.from;
  const end = n.from + body.to;
  for (const k of kids(n)) {
    if (k.name !== 'FormatReplacement') continue;
    pushText(parts, decodeFStringText(ctx.source.slice(pos, Math.min(k.from, end)), raw));
    lowerReplacement(ctx, k, parts);
    pos = k.to;
  }
  if (pos < end) pushText(parts, decodeFStringText(ctx.source.slice(pos, end), raw));
}

function lowerReplacement(
  ctx: Context,
  n: SyntaxNode,
  parts: (string | ir.FormattedValue)[],
): void {
  const ks = kids(n);
  const exprNodes = ks.filter(
    (k) => k.name !== '{' && k.name !== '}' && !NON_EXPRESSION.has(k.name) && !isError(k),
  );
  const value = exprNodes.length === 0 ? missing(n.to) : lowerExprList(ctx, exprNodes, n.to);
  const conv = ks.find((k) => k.name === 'FormatConversion');
  const convChar = conv ? textOf(ctx, conv).slice(1) : '';
  let conversion: ir.FormattedValue['conversion'] =
    convChar === 's' || convChar === 'r' || convChar === 'a' ? convChar : null;
  const spec = ks.find((k) => k.name === 'FormatSpec');
  const format = spec ? lowerFormatSpec(ctx, spec) : null;
  if (ks.some((k) => k.name === 'FormatSelfDoc')) {
    // `f"{x=}"` prints the expression text, `=`, then repr(x) unless a format is given.
    const last = ks.find((k) => k.name === 'FormatSelfDoc') as SyntaxNode;
    pushText(parts, ctx.source.slice((ks[0]?.to ?? n.from) as number, last.to));
    if (conversion === null && format === null) conversion = 'r';
  }
  parts.push(ir.formattedValue(spanOf(n), value, conversion, format));
}

function lowerFormatSpec(ctx: Context, n: SyntaxNode): ir.FString {
  const parts: (string | ir.FormattedValue)[] = [];
  let pos = n.from + 1; // after ':'
  for (const k of kids(n)) {
    if (k.name !== 'FormatReplacement') continue;
    pushText(parts, ctx.source.slice(pos, k.from));
    nested<void>(
      ctx,
      spanOf(k),
      () => {
        parts.push(ir.formattedValue(spanOf(k), unknown(ctx, k.from, k.to), null, null));
      },
      () => lowerReplacement(ctx, k, parts),
    );
    pos = k.to;
  }
  pushText(parts, ctx.source.slice(pos, n.to));
  return ir.fstring(ir.span(n.from + 1, n.to), parts);
}
