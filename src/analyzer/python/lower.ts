/**
 * The Python front end: source text → @lezer/python syntax tree → IR (`../ir.ts`).
 *
 * Phase contract: `lowerPython` never throws and never hangs. Lezer recovers from syntax errors
 * (and also flags some valid code, e.g. `1.` or a bare `yield`), so its error nodes are not
 * user-facing syntax errors: the front end lowers what it can, models the rest as
 * `UnknownStmt`/`UnknownExpr`, and reports `parse-recovery` diagnostics that later phases may use
 * to lower their confidence. A bug here is contained to one statement (`internal-error`).
 *
 * What this phase does not do: resolve names, follow imports, evaluate constants, or know
 * anything about TensorFlow. Expressions are lowered in `expressions.ts`, literals decoded in
 * `literals.ts`.
 *
 * Cost is linear in the source size; nesting beyond `MAX_DEPTH` degrades to Unknown nodes rather
 * than recursing further.
 */
import type { SyntaxNode } from '@lezer/common';
import { parser } from '@lezer/python';
import * as ir from '../ir';
import { normalizeFloats } from './float-literals';
import {
  type Context,
  type Diagnostic,
  FLOAT_WITH_DOT,
  isError,
  isExprNode,
  kids,
  lowerArgs,
  lowerExpr,
  lowerExprList,
  lowerParams,
  missing,
  nested,
  spanOf,
  splitCommas,
  textOf,
} from './expressions';

export type { Diagnostic } from './expressions';

export interface LowerResult {
  readonly module: ir.Module;
  readonly diagnostics: Diagnostic[];
}

/** Parse-recovery diagnostics beyond this many are dropped (a binary file pasted in, say). */
const MAX_RECOVERY_DIAGNOSTICS = 100;

export function lowerPython(text: string): LowerResult {
  const source = normalizeFloats(text);
  const ctx: Context = { source, diagnostics: [], depth: 0, depthReported: false };
  const whole = ir.span(0, source.length);
  try {
    const tree = parser.parse(source);
    reportRecoveries(ctx, tree.topNode);
    const body = lowerStatements(ctx, kids(tree.topNode));
    return { module: ir.moduleNode(whole, body), diagnostics: ctx.diagnostics };
  } catch (error) {
    // Only reachable if the parser itself fails; statement lowering contains its own errors.
    ctx.diagnostics.push(internalError(whole, error));
    return {
      module: ir.moduleNode(whole, [ir.unknownStmt(whole, source)]),
      diagnostics: ctx.diagnostics,
    };
  }
}

function internalError(sp: ir.Span, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    span: sp,
    code: 'internal-error',
    message: `Scope Lens could not lower this: ${detail}`,
  };
}

/**
 * Lowers one top-level statement node (and reports its parse recoveries): what an incremental
 * document caches per statement. Never throws.
 */
export function lowerTopLevel(ctx: Context, node: SyntaxNode): ir.Stmt[] {
  try {
    reportRecoveries(ctx, node);
    return lowerStatements(ctx, [node]);
  } catch (error) {
    const sp = ir.span(node.from, node.to);
    ctx.diagnostics.push(internalError(sp, error));
    return [ir.unknownStmt(sp, ctx.source.slice(node.from, node.to))];
  }
}

/** One diagnostic per error node, found with a single iterative pass over the tree. */
function reportRecoveries(ctx: Context, top: SyntaxNode): void {
  let count = 0;
  let lastFrom = -1;
  let depth = 0;
  const c = top.cursor();
  for (;;) {
    if (
      c.type.isError &&
      c.from !== lastFrom &&
      count < MAX_RECOVERY_DIAGNOSTICS &&
      !isFloatWithDot(ctx, c.node)
    ) {
      count++;
      lastFrom = c.from;
      const what = c.to > c.from ? 'Syntax not understood here' : 'Incomplete code here';
      ctx.diagnostics.push({
        span: ir.span(c.from, c.to),
        code: 'parse-recovery',
        message: `${what}; it is not analysed.`,
      });
    }
    if (c.firstChild()) {
      depth++;
      continue;
    }
    // Never past `top` (a cursor made from a node can still move to that node's siblings).
    if (depth === 0) return;
    while (!c.nextSibling()) {
      if (!c.parent() || --depth === 0) return;
    }
  }
}

/** Lezer's error in `1.` (read as a member access on `1`): valid Python, lowered as a float. */
function isFloatWithDot(ctx: Context, error: SyntaxNode): boolean {
  const parent = error.parent;
  return (
    parent?.name === 'MemberExpression' &&
    parent.firstChild?.name === 'Number' &&
    FLOAT_WITH_DOT.test(textOf(ctx, parent).trimEnd())
  );
}

/** Statement nodes of a `Script` or `Body`, flattening `a; b` groups. */
function lowerStatements(ctx: Context, nodes: SyntaxNode[]): ir.Stmt[] {
  const out: ir.Stmt[] = [];
  for (const n of nodes) {
    if (n.name === ':' || (isError(n) && n.to === n.from)) continue;
    if (n.name === 'StatementGroup') {
      out.push(
        ...lowerStatements(
          ctx,
          kids(n).filter((k) => k.name !== ';'),
        ),
      );
      continue;
    }
    out.push(lowerStatement(ctx, n));
  }
  return out;
}

function lowerStatement(ctx: Context, n: SyntaxNode): ir.Stmt {
  const sp = spanOf(n);
  const fallback = (): ir.Stmt => ir.unknownStmt(sp, textOf(ctx, n));
  return nested(ctx, sp, fallback, () => {
    try {
      return lowerStatementInner(ctx, n);
    } catch (error) {
      ctx.diagnostics.push(internalError(sp, error));
      return fallback();
    }
  });
}

function body(ctx: Context, n: SyntaxNode | undefined): ir.Stmt[] {
  return n ? lowerStatements(ctx, kids(n)) : [];
}

function lowerStatementInner(ctx: Context, n: SyntaxNode): ir.Stmt {
  const sp = spanOf(n);
  const ks = kids(n);
  switch (n.name) {
    case 'AssignStatement':
      return lowerAssign(ctx, n, ks);
    case 'UpdateStatement': {
      const opAt = ks.findIndex((k) => k.name === 'UpdateOp');
      const target = lowerExprList(ctx, ks.slice(0, opAt), n.from);
      const op = textOf(ctx, ks[opAt]).slice(0, -1);
      return ir.augAssign(sp, target, op, lowerExprList(ctx, ks.slice(opAt + 1), n.to));
    }
    case 'ExpressionStatement':
      return ir.exprStmt(sp, lowerExprList(ctx, ks, n.to));
    case 'PassStatement':
      return ir.pass(sp);
    case 'BreakStatement':
      return ir.breakStmt(sp);
    case 'ContinueStatement':
      return ir.continueStmt(sp);
    case 'ReturnStatement': {
      const rest = ks.slice(1);
      return ir.returnStmt(sp, rest.length === 0 ? null : lowerExprList(ctx, rest, n.to));
    }
    case 'RaiseStatement': {
      const exprs = ks.filter(isExprNode);
      const hasFrom = ks.some((k) => k.name === 'from');
      const exc = exprs[0] ? lowerExpr(ctx, exprs[0]) : null;
      const cause = hasFrom && exprs[1] ? lowerExpr(ctx, exprs[1]) : null;
      return ir.raise(sp, exc, cause);
    }
    case 'ImportStatement':
      return lowerImport(ctx, n, ks);
    case 'ScopeStatement': {
      const names = ks.filter((k) => k.name === 'VariableName').map((k) => textOf(ctx, k));
      return ks[0]?.name === 'nonlocal' ? ir.nonlocal(sp, names) : ir.global(sp, names);
    }
    case 'IfStatement':
      return lowerIf(ctx, n, ks);
    case 'WhileStatement': {
      const bodies = ks.filter((k) => k.name === 'Body');
      const test = ks.slice(1).find(isExprNode);
      return ir.whileStmt(
        sp,
        test ? lowerExpr(ctx, test) : missing(n.to),
        body(ctx, bodies[0]),
        body(ctx, bodies[1]),
      );
    }
    case 'ForStatement':
      return lowerFor(ctx, n, ks);
    case 'TryStatement':
      return lowerTry(ctx, n, ks);
    case 'WithStatement':
      return lowerWith(ctx, n, ks);
    case 'FunctionDefinition':
      return lowerFunction(ctx, n, ks, []);
    case 'ClassDefinition':
      return lowerClass(ctx, n, ks, []);
    case 'DecoratedStatement':
      return lowerDecorated(ctx, n, ks);
    default:
      // del, assert, print, yield, type, match, error nodes: kept as Unknown, but the
      // expressions inside are lowered so that calls in them stay visible.
      return ir.unknownStmt(
        sp,
        textOf(ctx, n),
        ks.filter(isExprNode).map((k) => lowerExpr(ctx, k)),
      );
  }
}

function lowerAssign(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  const sp = spanOf(n);
  const segments: SyntaxNode[][] = [[]];
  let annotation: SyntaxNode | undefined;
  for (const k of ks) {
    if (k.name === 'AssignOp') segments.push([]);
    else if (k.name === 'TypeDef') annotation = kids(k).find(isExprNode);
    else segments[segments.length - 1].push(k);
  }
  const lowerSegment = (seg: SyntaxNode[], at: number): ir.Expr =>
    seg.length === 0 || seg.some((k) => k.name === 'YieldExpression')
      ? ir.unknownExpr(
          ir.span(seg[0]?.from ?? at, seg[seg.length - 1]?.to ?? at),
          seg.length ? ctx.source.slice(seg[0].from, seg[seg.length - 1].to) : '',
        )
      : lowerExprList(ctx, seg, at);
  const exprs = segments.map((seg) => lowerSegment(seg, n.to));
  if (annotation || ks.some((k) => k.name === 'TypeDef')) {
    const ann = annotation ? lowerExpr(ctx, annotation) : missing(n.to);
    return ir.annAssign(sp, exprs[0], ann, exprs.length > 1 ? exprs[exprs.length - 1] : null);
  }
  return ir.assign(sp, exprs.slice(0, -1), exprs[exprs.length - 1]);
}

/** `import a.b as c, d` and `from ..a import (b as c, d)` / `from a import *`. */
function lowerImport(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  const sp = spanOf(n);
  const isFrom = ks[0]?.name === 'from';
  let i = 1;
  let level = 0;
  let moduleName = '';
  if (isFrom) {
    for (; i < ks.length && ks[i].name !== 'import'; i++) {
      if (ks[i].name === '.' && moduleName === '') level++;
      else if (ks[i].name === 'Ellipsis') level += 3;
      else moduleName += textOf(ctx, ks[i]);
    }
    i++; // `import`
  }
  const aliases: ir.Alias[] = [];
  for (const group of splitCommas(ks.slice(i))) {
    const real = group.filter((k) => !isError(k));
    if (real.length === 0) continue;
    const asAt = real.findIndex((k) => k.name === 'as');
    const nameNodes = asAt >= 0 ? real.slice(0, asAt) : real;
    const aliasName = nameNodes.map((k) => textOf(ctx, k)).join('');
    const asNode = asAt >= 0 ? real[asAt + 1] : undefined;
    const asName = asNode?.name === 'VariableName' ? textOf(ctx, asNode) : null;
    const aliasSpan = ir.span(real[0].from, real[real.length - 1].to);
    if (aliasName !== '') aliases.push(ir.alias(aliasSpan, aliasName, asName));
  }
  return isFrom ? ir.importFrom(sp, moduleName, level, aliases) : ir.importStmt(sp, aliases);
}

/** `if a: .. elif b: .. else: ..` → nested `If`s, built from the last clause backwards. */
function lowerIf(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  type Clause = { start: number; test: SyntaxNode | null; body: SyntaxNode | undefined };
  const clauses: Clause[] = [];
  let elseBody: SyntaxNode | undefined;
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    if (k.name === 'if' || k.name === 'elif') {
      const test = ks[i + 1] && isExprNode(ks[i + 1]) ? ks[i + 1] : null;
      const b = ks.slice(i + 1).find((x) => x.name === 'Body');
      clauses.push({ start: k.from, test, body: b });
    } else if (k.name === 'else') {
      elseBody = ks.slice(i + 1).find((x) => x.name === 'Body');
    }
  }
  let orelse: ir.Stmt[] = body(ctx, elseBody);
  for (let c = clauses.length - 1; c >= 0; c--) {
    const clause = clauses[c];
    const test = clause.test ? lowerExpr(ctx, clause.test) : missing(clause.start);
    const stmt = ir.ifStmt(ir.span(clause.start, n.to), test, body(ctx, clause.body), orelse);
    orelse = [stmt];
  }
  return orelse[0] ?? ir.unknownStmt(spanOf(n), textOf(ctx, n));
}

function lowerFor(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  const forAt = ks.findIndex((k) => k.name === 'for');
  const inAt = ks.findIndex((k) => k.name === 'in');
  const bodyAt = ks.findIndex((k) => k.name === 'Body');
  const targetEnd = inAt >= 0 ? inAt : bodyAt >= 0 ? bodyAt : ks.length;
  const target = lowerExprList(ctx, ks.slice(forAt + 1, targetEnd), n.to);
  const iterNodes = inAt >= 0 ? ks.slice(inAt + 1, bodyAt >= 0 ? bodyAt : ks.length) : [];
  const iter = iterNodes.length ? lowerExprList(ctx, iterNodes, n.to) : missing(n.to);
  const bodies = ks.filter((k) => k.name === 'Body');
  return ir.forStmt(
    spanOf(n),
    target,
    iter,
    body(ctx, bodies[0]),
    body(ctx, bodies[1]),
    ks[0]?.name === 'async',
  );
}

function lowerTry(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  let tryBody: ir.Stmt[] = [];
  let orelse: ir.Stmt[] = [];
  let finalbody: ir.Stmt[] = [];
  const handlers: ir.ExceptHandler[] = [];
  for (let i = 0; i < ks.length; i++) {
    const k = ks[i];
    const nextBodyAt = ks.findIndex((x, j) => j > i && x.name === 'Body');
    const nextBody = nextBodyAt >= 0 ? ks[nextBodyAt] : undefined;
    if (k.name === 'try') tryBody = body(ctx, nextBody);
    else if (k.name === 'else') orelse = body(ctx, nextBody);
    else if (k.name === 'finally') finalbody = body(ctx, nextBody);
    else if (k.name === 'except') {
      const clause = ks.slice(i + 1, nextBodyAt >= 0 ? nextBodyAt : ks.length);
      const typeNode = clause.find(isExprNode);
      const asAt = clause.findIndex((x) => x.name === 'as' || x.name === ',');
      const nameNode = asAt >= 0 ? clause[asAt + 1] : undefined;
      const end = nextBody?.to ?? clause[clause.length - 1]?.to ?? k.to;
      handlers.push(
        ir.exceptHandler(
          ir.span(k.from, end),
          typeNode ? lowerExpr(ctx, typeNode) : null,
          nameNode?.name === 'VariableName' ? textOf(ctx, nameNode) : null,
          body(ctx, nextBody),
        ),
      );
    }
  }
  return ir.tryStmt(spanOf(n), tryBody, handlers, orelse, finalbody);
}

function lowerWith(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  const withAt = ks.findIndex((k) => k.name === 'with');
  const bodyAt = ks.findIndex((k) => k.name === 'Body');
  const itemNodes = ks.slice(withAt + 1, bodyAt >= 0 ? bodyAt : ks.length);
  const items: ir.WithItem[] = [];
  for (const group of splitCommas(itemNodes)) {
    const real = group.filter((k) => !isError(k) || k.to > k.from);
    if (real.length === 0) continue;
    const asAt = real.findIndex((k) => k.name === 'as');
    const contextNode = real[0] && isExprNode(real[0]) ? real[0] : null;
    const asNode = asAt >= 0 ? real[asAt + 1] : undefined;
    const itemSpan = ir.span(real[0].from, real[real.length - 1].to);
    items.push(
      ir.withItem(
        itemSpan,
        contextNode ? lowerExpr(ctx, contextNode) : missing(itemSpan.from),
        asNode && isExprNode(asNode) ? lowerExpr(ctx, asNode) : null,
      ),
    );
  }
  return ir.withStmt(spanOf(n), items, body(ctx, ks[bodyAt]), ks[0]?.name === 'async');
}

function lowerFunction(
  ctx: Context,
  n: SyntaxNode,
  ks: SyntaxNode[],
  decorators: ir.Expr[],
  sp: ir.Span = spanOf(n),
): ir.Stmt {
  const nameNode = ks.find((k) => k.name === 'VariableName');
  const paramList = ks.find((k) => k.name === 'ParamList');
  const typeDef = ks.find((k) => k.name === 'TypeDef');
  const returnsNode = typeDef ? kids(typeDef).find(isExprNode) : undefined;
  return ir.functionDef(
    sp,
    nameNode ? textOf(ctx, nameNode) : '',
    paramList ? lowerParams(ctx, kids(paramList)) : [],
    body(
      ctx,
      ks.find((k) => k.name === 'Body'),
    ),
    decorators,
    returnsNode ? lowerExpr(ctx, returnsNode) : null,
    ks[0]?.name === 'async',
  );
}

function lowerClass(
  ctx: Context,
  n: SyntaxNode,
  ks: SyntaxNode[],
  decorators: ir.Expr[],
  sp: ir.Span = spanOf(n),
): ir.Stmt {
  const nameNode = ks.find((k) => k.name === 'VariableName');
  const { args, keywords } = lowerArgs(
    ctx,
    ks.find((k) => k.name === 'ArgList'),
  );
  return ir.classDef(
    sp,
    nameNode ? textOf(ctx, nameNode) : '',
    args,
    keywords,
    body(
      ctx,
      ks.find((k) => k.name === 'Body'),
    ),
    decorators,
  );
}

/** `@a.b(c)` decorators: the dotted name becomes a `Name`/`Attribute` chain, maybe called. */
function lowerDecorated(ctx: Context, n: SyntaxNode, ks: SyntaxNode[]): ir.Stmt {
  const decorators: ir.Expr[] = [];
  for (const d of ks.filter((k) => k.name === 'Decorator')) {
    const dks = kids(d);
    let expr: ir.Expr | null = null;
    for (const k of dks) {
      if (k.name !== 'VariableName') continue;
      const id = textOf(ctx, k);
      expr = expr ? ir.attribute(ir.span(d.from + 1, k.to), expr, id) : ir.name(spanOf(k), id);
    }
    const argList = dks.find((k) => k.name === 'ArgList');
    if (expr && argList) {
      const { args, keywords } = lowerArgs(ctx, argList);
      expr = ir.call(ir.span(d.from + 1, argList.to), expr, args, keywords);
    }
    decorators.push(expr ?? ir.unknownExpr(spanOf(d), textOf(ctx, d)));
  }
  const def = ks.find((k) => k.name === 'FunctionDefinition' || k.name === 'ClassDefinition');
  if (!def) return ir.unknownStmt(spanOf(n), textOf(ctx, n), decorators);
  const sp = spanOf(n);
  return def.name === 'FunctionDefinition'
    ? lowerFunction(ctx, def, kids(def), decorators, sp)
    : lowerClass(ctx, def, kids(def), decorators, sp);
}
