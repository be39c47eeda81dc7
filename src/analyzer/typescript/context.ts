/**
 * Shared state and small helpers of the TypeScript/JavaScript front end (`lower.ts`).
 *
 * Spans: a node's span is `node.getStart(sf)` .. `node.getEnd()` (UTF-16 offsets, leading
 * trivia excluded), clamped so that it always lies inside the source, even for the zero-width
 * nodes the parser invents while recovering from errors.
 *
 * Synthetic names (`$tmp0`, `$do1`, ...) are what lowering introduces for destructuring
 * temporaries and loop flags. `$` is legal in JS identifiers, so every such name the source itself
 * mentions is reserved up front and never handed out.
 */
import type * as ts from 'typescript';
import * as ir from '../ir';
import type { Diagnostic } from '../python/lower';

export type { Diagnostic };

/** Combined statement + expression nesting beyond which subtrees become Unknown. */
export const MAX_DEPTH = 200;

export interface Context {
  readonly sf: ts.SourceFile;
  /** The user's text. Spans are the same in `sf.text`, which may differ (deep nesting blanked). */
  readonly source: string;
  readonly diagnostics: Diagnostic[];
  depth: number;
  depthReported: boolean;
  /** Synthetic-looking names that occur in the source and must not be generated. */
  readonly reserved: ReadonlySet<string>;
  counter: number;
  /**
   * Lowers a statement list. Set by `lower.ts`, so that expressions (function bodies) can lower
   * statements without a module cycle.
   */
  lowerStatements: (statements: readonly ts.Statement[]) => ir.Stmt[];
}

export function newContext(
  sf: ts.SourceFile,
  source: string,
  diagnostics: Diagnostic[],
  lowerStatements: Context['lowerStatements'],
): Context {
  const reserved = new Set<string>();
  for (const m of source.matchAll(/\$[A-Za-z]+\d+/g)) reserved.add(m[0]);
  return {
    sf,
    source,
    diagnostics,
    depth: 0,
    depthReported: false,
    reserved,
    counter: 0,
    lowerStatements,
  };
}

/** A new synthetic name (`$tmp0`, `$do1`, ...), distinct from every name in the source. */
export function fresh(ctx: Context, prefix = 'tmp'): string {
  for (;;) {
    const id = `$${prefix}${ctx.counter++}`;
    if (!ctx.reserved.has(id)) return id;
  }
}

export function clampSpan(ctx: Context, from: number, to: number): ir.Span {
  const len = ctx.source.length;
  const b = Math.max(0, Math.min(to, len));
  const a = Math.max(0, Math.min(from, b));
  return ir.span(a, b);
}

export function spanOf(ctx: Context, node: ts.Node): ir.Span {
  return clampSpan(ctx, node.getStart(ctx.sf), node.getEnd());
}

/** From the start of `a` to the end of `b`. */
export function spanFromTo(ctx: Context, a: ts.Node, b: ts.Node): ir.Span {
  return clampSpan(ctx, a.getStart(ctx.sf), b.getEnd());
}

export const textOf = (ctx: Context, sp: ir.Span): string => ctx.source.slice(sp.from, sp.to);

export function unknownOf(ctx: Context, node: ts.Node): ir.UnknownExpr {
  const sp = spanOf(ctx, node);
  return ir.unknownExpr(sp, textOf(ctx, sp));
}

export function unknownStmtOf(ctx: Context, node: ts.Node, parts: ir.Expr[] = []): ir.UnknownStmt {
  const sp = spanOf(ctx, node);
  return ir.unknownStmt(sp, textOf(ctx, sp), parts);
}

/** An empty Unknown at `at`, standing for an expression the user has not typed yet. */
export const missing = (ctx: Context, at: number): ir.UnknownExpr =>
  ir.unknownExpr(clampSpan(ctx, at, at), '');

/**
 * Runs `body` one level deeper, or returns `fallback()` if the depth limit is reached (reporting
 * the first time only, so a pathological file yields one diagnostic rather than thousands).
 */
export function nested<T>(ctx: Context, sp: ir.Span, fallback: () => T, body: () => T): T {
  if (ctx.depth >= MAX_DEPTH) {
    reportDepth(ctx, sp);
    return fallback();
  }
  ctx.depth++;
  try {
    return body();
  } finally {
    ctx.depth--;
  }
}

/** The `depth-limit` diagnostic, once per file. */
export function reportDepth(ctx: Context, sp: ir.Span): void {
  if (ctx.depthReported) return;
  ctx.depthReported = true;
  ctx.diagnostics.push({
    span: sp,
    code: 'depth-limit',
    message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`,
  });
}

/**
 * How many more levels a chain that lowers to nested nodes (`else if`, `switch` cases) may use:
 * such chains are built with loops, so they must respect the depth limit themselves.
 */
export const roomLeft = (ctx: Context): number => Math.max(1, MAX_DEPTH - ctx.depth);

export function internalError(sp: ir.Span, error: unknown): Diagnostic {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    span: sp,
    code: 'internal-error',
    message: `Scope Lens could not lower this: ${detail}`,
  };
}
