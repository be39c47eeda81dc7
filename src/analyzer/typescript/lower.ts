/**
 * The TypeScript/JavaScript front end: source text → TypeScript compiler AST → IR (`../ir.ts`),
 * the same IR the Python front end produces, for programs that use the engine API
 * (`variableScope(name, [options,] fn)`, `getVariable(name, options)`, ... from 'scope-lens').
 *
 * Parsing is `ts.createSourceFile` in-process (no program, no type checker, no I/O), with the
 * script kind taken from the file name (.ts/.mts/.cts, .tsx, .js/.mjs/.cjs, .jsx). The parser is
 * the reference grammar and recovers from errors; its diagnostics become `parse-recovery` notes.
 *
 * Phase contract (as `lowerPython`): `lowerTypeScript` never throws and never hangs; a bug is
 * contained to one statement (`internal-error`); nesting beyond `MAX_DEPTH` degrades to Unknown
 * nodes (`depth-limit`). The TS parser itself recurses and overflows the JS stack at ~800 nested
 * brackets: then brackets nested deeper than `FLATTEN_DEPTH` are blanked (offsets unchanged) and
 * the file is parsed again. Cost is linear in the source, except that loops scan their own bodies
 * (for `continue`, writes to a counter), which is bounded by the nesting depth.
 *
 * Mapping (what is not listed becomes `UnknownStmt`/`UnknownExpr` carrying its text):
 *
 * - Modules. `import {a, b as c} from 'm'` → `ImportFrom('m', level 0)`; `import * as m`,
 *   `import m from`, `import m = require()` and `const m = require('m')` → `Import` (name = the
 *   specifier as written, asName = the local); `const {a, b: c} = require('m')` → `ImportFrom`;
 *   `import 'm'` and a bare `require('m')` → `ImportFrom` with no names. `import` declarations
 *   are hoisted to the front of the module, as ES modules link them before running anything.
 *   Type-only imports, `export {...}`, re-exports, interfaces, type aliases and `declare`d
 *   things → `Pass`. `export` modifiers are dropped; `export default expr` → `ExprStmt`;
 *   anonymous default functions and classes are named `default`.
 * - Declarations. `const/let/var x = e` → `Assign` (no initializer: `None`). One declarator keeps
 *   the statement's span; several get their own. `const [a, ...b] = e` → a `Tuple` target with
 *   `Starred`; `const {a, b: c, d = 1} = e` → one `Assign` per property of `e['a']` (`e` first
 *   assigned to a synthetic `$tmpN` unless it is a plain name), nested patterns compose
 *   subscripts, defaults become `if d is None: d = 1`, `...rest` of an object is Unknown.
 *   Assignment patterns (`[a, b] = [b, a]`) lower the same way.
 * - Functions. Declarations → `FunctionDef`, hoisted to the front of their statement list (after
 *   hoisted imports) as in JS, so `main(); function main() {}` works; block-bodied arrows and
 *   function expressions → `FunctionExpr` (anonymous: name `''`); `x => e` → `Lambda`.
 *   TS's `this` parameter and all type annotations are dropped; `...rest` → vararg. A literal default is the parameter's default; any other default is
 *   evaluated per call in JS, so the parameter defaults to `None` and the body starts with
 *   `if p is None: p = <default>` (a destructured parameter likewise gets a synthetic name and
 *   its assignments). `async` functions and generators have `isAsync`; `await e` is `e`.
 * - Classes. `ClassDef` with the `extends` expression as base; methods take an explicit first
 *   parameter `this`; the constructor is `__init__`; static methods are `@staticmethod`,
 *   getters `@property`, setters `@name.setter`. Instance fields with initializers and
 *   constructor parameter properties become `this.x = ...` at the top of `__init__` (after a
 *   leading `super(...)`), which is created (`__init__(this, *$argsN)`) if absent; static
 *   fields are class-body assignments. `super.m` → `super().m`; `super(...)` is Unknown.
 *   Enums → a `ClassDef` of member assignments (auto-numbered), so `E.A` reads like an
 *   attribute; a non-ambient `namespace N {}` → a `ClassDef` holding its statements.
 * - Expressions. Literals: integer → int, fraction/exponent → float, bigint → int, `null` and
 *   `undefined` → `None`. Template literals → `FString`; tagged templates, regexps → Unknown.
 *   Object literals → `Dict` with str keys (computed keys evaluated, `...o` a null key, methods
 *   `FunctionExpr`, accessors Unknown); `a.b`/`a?.b` → `Attribute`; `a[b]` → `Subscript`;
 *   `new X()` → `Call`; `===`/`==` → `==`, `!==`/`!=` → `!=` (JS comparisons never chain);
 *   `in` → `in`; `x instanceof C` → `isinstance(x, C)`; `&&`/`||` → flattened `BoolOp`;
 *   `a ?? b` → `b if a is None else a` when `a` is a name or property chain (evaluated twice),
 *   else Unknown; `!` → `not`; `x as T`, `<T>x`, `x!`, `satisfies`, parentheses → the operand;
 *   `typeof`, `void`, `delete`, `yield`, comma, `++`, assignments inside expressions → Unknown.
 * - Statements. Blocks are flattened. Expression statements: `x = y = e` → `Assign`, `x op= e` →
 *   `AugAssign`, `x ||= e` / `&&=` / `??=` → an `If` assigning, `i++`/`i--` → `AugAssign ± 1`,
 *   `a, b` → two statements, `void e`/`await e` → `e`. `if`/`else if` → nested `If`;
 *   `for...of` → `For` (`for await` is async); `for...in` → `For` over the object;
 *   `for (let i = A; i < B; i++)` (also `<=`, `>`, `>=`, `--`, `+= K`, `-= K`; counter not
 *   written in the body, literal bounds integral, K assumed positive) → `For` over
 *   `range(A, B[, K])` with B adjusted for `<=`/`>=` (B is evaluated once); other C-style loops
 *   → init + `While(test, body + update)`, or `While(test, [Try(body, finally: update)])` when
 *   the body `continue`s; `do body while (t)` → `body` then `While(t, body)`, or, when the body
 *   breaks/continues or nests another `do`, `$doN = True; while $doN or t: $doN = False; body`;
 *   `try/catch/finally` → `Try` with one untyped handler (a destructured binding gets a
 *   synthetic name); `throw` → `Raise`; labels are ignored; `debugger` → `Pass`; `with` → Unknown.
 *   `switch` → the discriminant (in `$tmpN` unless a name) compared `==` with each case in an
 *   `If` chain, `default` last; cases without statements share the next body; a body that
 *   falls through gets the following bodies appended (up to doubling the switch's size, then
 *   fallthrough is ignored); trailing `break`s are dropped, and a `break` nested deeper makes
 *   the chain the body of `while True: ...; break` (unless the switch also `continue`s).
 * - JSX → Unknown.
 *
 * Synthetic nodes (temporaries, `range`, `isinstance`, `this` parameters, implicit `None`s and
 * `1`s) carry the span of the source they stand for, often zero-width.
 */
import * as ts from 'typescript';
import * as ir from '../ir';
import type { LowerResult } from '../python/lower';
import {
  type Context,
  type Diagnostic,
  clampSpan,
  fresh,
  internalError,
  missing,
  nested,
  newContext,
  reportDepth,
  roomLeft,
  spanOf,
  textOf,
  unknownStmtOf,
} from './context';
import {
  AUGMENTED,
  assignPattern,
  bindPattern,
  isNone,
  isPureAccess,
  lowerExpr,
  lowerFunction,
  patternOfBinding,
  type Pattern,
  patternOfExpr,
  propertyKey,
  propertyNameText,
  skipWrappers,
  targetFor,
} from './expressions';

export type { LowerResult } from '../python/lower';

const K = ts.SyntaxKind;

/** Parse-recovery diagnostics beyond this many are dropped (a binary file pasted in, say). */
const MAX_RECOVERY_DIAGNOSTICS = 100;

/** Bracket depth kept when the parser overflowed the stack and the file is parsed again. */
export const FLATTEN_DEPTH = 100;

export function lowerTypeScript(source: string, fileName = 'input.ts'): LowerResult {
  const diagnostics: Diagnostic[] = [];
  const whole = ir.span(0, source.length);
  try {
    const sf = parseTolerant(source, fileName, diagnostics);
    reportRecoveries(sf, source, diagnostics);
    const ctx: Context = newContext(sf, source, diagnostics, (statements) =>
      lowerStatements(ctx, statements),
    );
    const body = lowerStatements(ctx, sf.statements);
    return { module: ir.moduleNode(whole, body), diagnostics };
  } catch (error) {
    // Only reachable if the parser itself fails; statement lowering contains its own errors.
    diagnostics.push(internalError(whole, error));
    return {
      module: ir.moduleNode(whole, [ir.unknownStmt(whole, source)]),
      diagnostics,
    };
  }
}

/** The script kind TypeScript would infer from the file name (TS for anything unknown). */
export function scriptKindOf(fileName: string): ts.ScriptKind {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (lower.endsWith('.jsx')) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/.test(lower)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

function parse(text: string, fileName: string): ts.SourceFile {
  return ts.createSourceFile(
    fileName,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    false,
    scriptKindOf(fileName),
  );
}

function parseTolerant(source: string, fileName: string, diagnostics: Diagnostic[]): ts.SourceFile {
  try {
    return parse(source, fileName);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const flat = flattenDeepBrackets(source, FLATTEN_DEPTH);
    if (flat === null) throw error;
    diagnostics.push({
      span: ir.span(flat.from, flat.to),
      code: 'depth-limit',
      message: `Brackets nested deeper than ${FLATTEN_DEPTH} levels are not analysed.`,
    });
    return parse(flat.text, fileName);
  }
}

/**
 * `source` with everything inside brackets nested deeper than `limit` replaced by spaces (line
 * breaks kept, so offsets and lines do not move), or null if nothing is that deep. A rough
 * scanner: it knows comments, strings and template literals, not regular expressions; it only
 * runs after the parser has overflowed.
 */
export function flattenDeepBrackets(
  source: string,
  limit: number,
): { text: string; from: number; to: number } | null {
  const ranges: [number, number][] = [];
  const opened: boolean[] = []; // per open bracket: was it a template literal's `${`?
  let blankFrom = -1;
  let inTemplate = false;
  const n = source.length;
  const open = (at: number, hole: boolean): void => {
    opened.push(hole);
    if (opened.length === limit + 1 && blankFrom < 0) blankFrom = at;
  };
  const close = (at: number): boolean => {
    if (opened.length === 0) return false;
    const hole = opened.pop() as boolean;
    if (opened.length === limit && blankFrom >= 0) {
      ranges.push([blankFrom, at + 1]);
      blankFrom = -1;
    }
    return hole;
  };
  let i = 0;
  while (i < n) {
    const c = source[i];
    if (inTemplate) {
      if (c === '\\') i += 2;
      else if (c === '`') {
        inTemplate = false;
        i++;
      } else if (c === '$' && source[i + 1] === '{') {
        open(i, true);
        inTemplate = false;
        i += 2;
      } else i++;
      continue;
    }
    const next = source[i + 1];
    if (c === '/' && next === '/') {
      while (i < n && source[i] !== '\n') i++;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? n : end + 2;
    } else if (c === '"' || c === "'") {
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i++;
    } else if (c === '`') {
      inTemplate = true;
      i++;
    } else if (c === '(' || c === '[' || c === '{') {
      open(i, false);
      i++;
    } else if (c === ')' || c === ']' || c === '}') {
      if (close(i)) inTemplate = true;
      i++;
    } else i++;
  }
  if (blankFrom >= 0) ranges.push([blankFrom, n]);
  if (ranges.length === 0) return null;
  let text = '';
  let prev = 0;
  for (const [a, b] of ranges) {
    text += source.slice(prev, a) + source.slice(a, b).replace(/[^\r\n]/g, ' ');
    prev = b;
  }
  text += source.slice(prev);
  return { text, from: ranges[0][0], to: Math.min(ranges[0][1], n) };
}

/** The parser's own syntax errors, as `parse-recovery` notes (it recovers from all of them). */
function reportRecoveries(sf: ts.SourceFile, source: string, diagnostics: Diagnostic[]): void {
  const found = (sf as unknown as { parseDiagnostics?: readonly ts.Diagnostic[] }).parseDiagnostics;
  if (!Array.isArray(found)) return;
  let count = 0;
  let lastFrom = -1;
  for (const d of found as readonly ts.Diagnostic[]) {
    if (count >= MAX_RECOVERY_DIAGNOSTICS) break;
    const from = Math.max(0, Math.min(d.start ?? 0, source.length));
    if (from === lastFrom) continue;
    lastFrom = from;
    count++;
    const to = Math.max(from, Math.min(from + (d.length ?? 0), source.length));
    const what = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    diagnostics.push({
      span: ir.span(from, to),
      code: 'parse-recovery',
      message: `${what} The code here is analysed only as far as it could be read.`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Statements

/**
 * A statement list. As in JS, `import` declarations and then function declarations are hoisted
 * to its front (each group in source order); everything else keeps its order.
 */
function lowerStatements(ctx: Context, statements: readonly ts.Statement[]): ir.Stmt[] {
  const imports: ir.Stmt[] = [];
  const functions: ir.Stmt[] = [];
  const rest: ir.Stmt[] = [];
  for (const s of statements) {
    const out = lowerStatement(ctx, s);
    if (ts.isImportDeclaration(s) || ts.isImportEqualsDeclaration(s)) imports.push(...out);
    else if (ts.isFunctionDeclaration(s) && s.body && !hasModifier(s, K.DeclareKeyword)) {
      functions.push(...out);
    } else rest.push(...out);
  }
  return imports.length + functions.length > 0 ? [...imports, ...functions, ...rest] : rest;
}

/** Runs `lower` one level deeper with any exception contained to `node` (an `internal-error`). */
function guarded(ctx: Context, node: ts.Node, lower: () => ir.Stmt[]): ir.Stmt[] {
  const sp = spanOf(ctx, node);
  const fallback = (): ir.Stmt[] => [unknownStmtOf(ctx, node)];
  return nested(ctx, sp, fallback, () => {
    try {
      return lower();
    } catch (error) {
      ctx.diagnostics.push(internalError(sp, error));
      return fallback();
    }
  });
}

function lowerStatement(ctx: Context, s: ts.Statement): ir.Stmt[] {
  return guarded(ctx, s, () => lowerStatementInner(ctx, s));
}

/** The body of an `if`, a loop, ...: a block's statements, or the one statement. */
function lowerBody(ctx: Context, s: ts.Statement): ir.Stmt[] {
  return ts.isBlock(s) ? lowerStatements(ctx, s.statements) : lowerStatement(ctx, s);
}

function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  if (!ts.canHaveModifiers(node)) return false;
  return ts.getModifiers(node)?.some((m) => m.kind === kind) ?? false;
}

function modifierSpan(ctx: Context, node: ts.Node, kind: ts.SyntaxKind): ir.Span | null {
  if (!ts.canHaveModifiers(node)) return null;
  const m = ts.getModifiers(node)?.find((x) => x.kind === kind);
  return m ? spanOf(ctx, m) : null;
}

function decoratorsOf(ctx: Context, node: ts.Node): ir.Expr[] {
  if (!ts.canHaveDecorators(node)) return [];
  return (ts.getDecorators(node) ?? []).map((d) => lowerExpr(ctx, d.expression));
}

function lowerStatementInner(ctx: Context, s: ts.Statement): ir.Stmt[] {
  const sp = spanOf(ctx, s);
  if (hasModifier(s, K.DeclareKeyword)) return [ir.pass(sp)];
  switch (s.kind) {
    case K.Block:
      return lowerStatements(ctx, (s as ts.Block).statements);
    case K.EmptyStatement:
      return [];
    case K.VariableStatement:
      return lowerDeclarationList(ctx, (s as ts.VariableStatement).declarationList, sp);
    case K.ExpressionStatement:
      return lowerExprStatement(ctx, (s as ts.ExpressionStatement).expression, sp);
    case K.IfStatement:
      return lowerIf(ctx, s as ts.IfStatement);
    case K.WhileStatement: {
      const w = s as ts.WhileStatement;
      return [ir.whileStmt(sp, lowerExpr(ctx, w.expression), lowerBody(ctx, w.statement), [])];
    }
    case K.DoStatement:
      return lowerDo(ctx, s as ts.DoStatement, sp);
    case K.ForStatement:
      return lowerFor(ctx, s as ts.ForStatement, sp);
    case K.ForOfStatement:
    case K.ForInStatement: {
      const f = s as ts.ForOfStatement | ts.ForInStatement;
      const { target, after } = loopTarget(ctx, f.initializer);
      const isAsync = ts.isForOfStatement(f) && f.awaitModifier !== undefined;
      const body = [...after, ...lowerBody(ctx, f.statement)];
      return [ir.forStmt(sp, target, lowerExpr(ctx, f.expression), body, [], isAsync)];
    }
    case K.ReturnStatement: {
      const e = (s as ts.ReturnStatement).expression;
      return [ir.returnStmt(sp, e ? lowerExpr(ctx, e) : null)];
    }
    case K.BreakStatement:
      return [ir.breakStmt(sp)];
    case K.ContinueStatement:
      return [ir.continueStmt(sp)];
    case K.ThrowStatement:
      return [ir.raise(sp, lowerExpr(ctx, (s as ts.ThrowStatement).expression), null)];
    case K.TryStatement:
      return [lowerTry(ctx, s as ts.TryStatement, sp)];
    case K.SwitchStatement:
      return lowerSwitch(ctx, s as ts.SwitchStatement, sp);
    case K.LabeledStatement:
      return lowerBody(ctx, (s as ts.LabeledStatement).statement);
    case K.FunctionDeclaration: {
      const f = s as ts.FunctionDeclaration;
      if (!f.body) return [ir.pass(sp)]; // an overload signature
      const decorators = decoratorsOf(ctx, f);
      return [lowerFunction(ctx, f, { name: f.name?.text || 'default', span: sp, decorators })];
    }
    case K.ClassDeclaration: {
      const c = s as ts.ClassDeclaration;
      return [lowerClass(ctx, c, c.name?.text || 'default', sp)];
    }
    case K.EnumDeclaration:
      return [lowerEnum(ctx, s as ts.EnumDeclaration, sp)];
    case K.ModuleDeclaration:
      return lowerNamespace(ctx, s as ts.ModuleDeclaration, sp);
    case K.ImportDeclaration:
      return lowerImport(ctx, s as ts.ImportDeclaration, sp);
    case K.ImportEqualsDeclaration:
      return lowerImportEquals(ctx, s as ts.ImportEqualsDeclaration, sp);
    case K.ExportAssignment:
      return [ir.exprStmt(sp, lowerExpr(ctx, (s as ts.ExportAssignment).expression))];
    case K.InterfaceDeclaration:
    case K.TypeAliasDeclaration:
    case K.ExportDeclaration:
    case K.NamespaceExportDeclaration:
    case K.DebuggerStatement:
      return [ir.pass(sp)];
    case K.WithStatement:
      return [unknownStmtOf(ctx, s, [lowerExpr(ctx, (s as ts.WithStatement).expression)])];
    default:
      return [unknownStmtOf(ctx, s)];
  }
}

// --- Declarations and assignments

function lowerDeclarationList(
  ctx: Context,
  list: ts.VariableDeclarationList,
  sp: ir.Span,
): ir.Stmt[] {
  const decls = list.declarations;
  if (decls.length === 0) return [ir.unknownStmt(sp, textOf(ctx, sp))];
  const out: ir.Stmt[] = [];
  for (const d of decls) {
    out.push(...lowerDeclaration(ctx, d, decls.length === 1 ? sp : spanOf(ctx, d)));
  }
  return out;
}

/** The module of `require('m')` (the string as written), or null. */
function requireSpecifier(node: ts.Expression): string | null {
  const e = skipWrappers(node);
  if (
    ts.isCallExpression(e) &&
    ts.isIdentifier(e.expression) &&
    e.expression.text === 'require' &&
    e.arguments.length === 1 &&
    ts.isStringLiteralLike(e.arguments[0])
  ) {
    return e.arguments[0].text;
  }
  return null;
}

/** `{a, b: c}` of `const {a, b: c} = require('m')` as aliases, or null if it is more than that. */
function requireAliases(ctx: Context, pattern: ts.ObjectBindingPattern): ir.Alias[] | null {
  const aliases: ir.Alias[] = [];
  for (const e of pattern.elements) {
    if (e.dotDotDotToken || !ts.isIdentifier(e.name) || e.name.text === '') return null;
    const imported = e.propertyName ? propertyNameText(e.propertyName) : e.name.text;
    if (imported === null) return null;
    const local = e.name.text;
    aliases.push(ir.alias(spanOf(ctx, e), imported, imported === local ? null : local));
  }
  return aliases;
}

function lowerDeclaration(ctx: Context, d: ts.VariableDeclaration, sp: ir.Span): ir.Stmt[] {
  const init = d.initializer;
  const spec = init ? requireSpecifier(init) : null;
  if (spec !== null) {
    if (ts.isIdentifier(d.name) && d.name.text !== '') {
      return [ir.importStmt(sp, [ir.alias(spanOf(ctx, d), spec, d.name.text)])];
    }
    if (ts.isObjectBindingPattern(d.name)) {
      const aliases = requireAliases(ctx, d.name);
      if (aliases) return [ir.importFrom(sp, spec, 0, aliases)];
    }
  }
  if (ts.isIdentifier(d.name)) {
    const value = init ? skipWrappers(init) : undefined;
    if (value && ts.isClassExpression(value) && !value.name && d.name.text !== '') {
      return [lowerClass(ctx, value, d.name.text, sp)]; // `const C = class { ... }`
    }
  }
  return assignPattern(ctx, patternOfBinding(ctx, d.name), init, sp);
}

type SimpleTarget = Extract<Pattern, { k: 'target' }>;

const LOGICAL_ASSIGNMENT = new Set<ts.SyntaxKind>([
  K.BarBarEqualsToken,
  K.AmpersandAmpersandEqualsToken,
  K.QuestionQuestionEqualsToken,
]);

const isAssignmentOperator = (kind: ts.SyntaxKind): boolean =>
  kind >= K.FirstAssignment && kind <= K.LastAssignment;

/** An expression used as a statement: assignments and updates become statements of their own. */
function lowerExprStatement(ctx: Context, expr: ts.Expression, sp: ir.Span): ir.Stmt[] {
  let e = skipWrappers(expr);
  // `void f()` and `await f()` as statements: only the operand's effects matter.
  while (ts.isVoidExpression(e) || ts.isAwaitExpression(e)) e = skipWrappers(e.expression);
  const text = (): string => textOf(ctx, sp);
  if (ts.isBinaryExpression(e)) {
    const op = e.operatorToken.kind;
    if (op === K.CommaToken) {
      const parts: ts.Expression[] = [];
      let cur: ts.Expression = e;
      while (ts.isBinaryExpression(cur) && cur.operatorToken.kind === K.CommaToken) {
        parts.push(cur.right);
        cur = cur.left;
      }
      parts.push(cur);
      parts.reverse();
      return parts.flatMap((p) => lowerExprStatement(ctx, p, spanOf(ctx, p)));
    }
    if (op === K.EqualsToken) return lowerAssignment(ctx, e, sp);
    const aug = AUGMENTED.get(op);
    if (aug) return [ir.augAssign(sp, lowerExpr(ctx, e.left), aug, lowerExpr(ctx, e.right))];
    if (LOGICAL_ASSIGNMENT.has(op) && isPureAccess(e.left)) {
      const left = lowerExpr(ctx, e.left);
      const test =
        op === K.QuestionQuestionEqualsToken
          ? isNone(left, spanOf(ctx, e.operatorToken))
          : op === K.BarBarEqualsToken
            ? ir.unaryOp(left.span, 'not', left)
            : left;
      const assign = ir.assign(sp, [lowerExpr(ctx, e.left)], lowerExpr(ctx, e.right));
      return [ir.ifStmt(sp, test, [assign], [])];
    }
    if (isAssignmentOperator(op)) {
      return [ir.unknownStmt(sp, text(), [lowerExpr(ctx, e.left), lowerExpr(ctx, e.right)])];
    }
  }
  if (
    (ts.isPrefixUnaryExpression(e) || ts.isPostfixUnaryExpression(e)) &&
    (e.operator === K.PlusPlusToken || e.operator === K.MinusMinusToken)
  ) {
    const esp = spanOf(ctx, e);
    const opSp = ts.isPrefixUnaryExpression(e)
      ? clampSpan(ctx, esp.from, esp.from + 2)
      : clampSpan(ctx, esp.to - 2, esp.to);
    const op = e.operator === K.PlusPlusToken ? '+' : '-';
    return [ir.augAssign(sp, lowerExpr(ctx, e.operand), op, ir.constant(opSp, 1, 'int'))];
  }
  if (ts.isDeleteExpression(e)) return [ir.unknownStmt(sp, text(), [lowerExpr(ctx, e.expression)])];
  if (ts.isYieldExpression(e)) {
    return [ir.unknownStmt(sp, text(), e.expression ? [lowerExpr(ctx, e.expression)] : [])];
  }
  if (ts.isCallExpression(e) && e.expression.kind === K.SuperKeyword) {
    return [
      ir.unknownStmt(
        sp,
        text(),
        e.arguments.map((a) => lowerExpr(ctx, a)),
      ),
    ];
  }
  const spec = requireSpecifier(e);
  if (spec !== null) return [ir.importFrom(sp, spec, 0, [])];
  return [ir.exprStmt(sp, lowerExpr(ctx, e))];
}

/** `a = b = e`: one `Assign` with several targets, or pattern assignments. */
function lowerAssignment(ctx: Context, e: ts.BinaryExpression, sp: ir.Span): ir.Stmt[] {
  const targets: ts.Expression[] = [];
  let cur: ts.Expression = e;
  while (ts.isBinaryExpression(cur) && cur.operatorToken.kind === K.EqualsToken) {
    targets.push(cur.left);
    cur = skipWrappers(cur.right);
  }
  const value = cur;
  const pats = targets.map((t) => patternOfExpr(ctx, t));
  const simple = pats.filter((p): p is SimpleTarget => p.k === 'target');
  if (simple.length === pats.length) {
    return [
      ir.assign(
        sp,
        simple.map((p) => p.make()),
        lowerExpr(ctx, value),
      ),
    ];
  }
  if (pats.length === 1) return assignPattern(ctx, pats[0], value, sp);
  const t = fresh(ctx);
  const vsp = spanOf(ctx, value);
  return [
    ir.assign(sp, [ir.name(vsp, t)], lowerExpr(ctx, value)),
    ...pats.flatMap((p) => bindPattern(ctx, p, () => ir.name(vsp, t), undefined, sp)),
  ];
}

// --- Control flow

/** `if / else if / else` → nested `If`s; the chain is walked with a loop. */
function lowerIf(ctx: Context, s: ts.IfStatement): ir.Stmt[] {
  const clauses: { start: number; test: ir.Expr; body: ir.Stmt[] }[] = [];
  const room = roomLeft(ctx);
  let cur: ts.IfStatement = s;
  let orelse: ir.Stmt[] | null = null;
  for (;;) {
    clauses.push({
      start: cur.getStart(ctx.sf),
      test: lowerExpr(ctx, cur.expression),
      body: lowerBody(ctx, cur.thenStatement),
    });
    const e = cur.elseStatement;
    if (!e || !ts.isIfStatement(e)) break;
    if (clauses.length >= room) {
      reportDepth(ctx, spanOf(ctx, e));
      orelse = [unknownStmtOf(ctx, e)];
      break;
    }
    cur = e;
  }
  orelse ??= cur.elseStatement ? lowerBody(ctx, cur.elseStatement) : [];
  const end = s.getEnd();
  for (let i = clauses.length - 1; i >= 0; i--) {
    const c = clauses[i];
    orelse = [ir.ifStmt(clampSpan(ctx, c.start, end), c.test, c.body, orelse)];
  }
  return orelse;
}

interface Jumps {
  /** An unlabeled `break` that leaves the statement whose body was scanned. */
  breaks: boolean;
  /** An unlabeled `continue` that continues the loop whose body was scanned. */
  continues: boolean;
  /** A labeled `break`/`continue` (labels are ignored, so they may target anything). */
  labeled: boolean;
  /** A `do` statement anywhere inside (even in nested functions). */
  hasDo: boolean;
}

/** One iterative pass over `roots` (not into functions or classes, except for `hasDo`). */
function scanJumps(roots: readonly ts.Node[]): Jumps {
  const found: Jumps = { breaks: false, continues: false, labeled: false, hasDo: false };
  type Item = { n: ts.Node; loop: boolean; sw: boolean; fn: boolean };
  const stack: Item[] = roots.map((n) => ({ n, loop: false, sw: false, fn: false }));
  while (stack.length > 0) {
    const { n, loop, sw, fn } = stack.pop() as Item;
    if (ts.isDoStatement(n)) found.hasDo = true;
    if (!fn && (ts.isBreakStatement(n) || ts.isContinueStatement(n))) {
      if (n.label) found.labeled = true;
      else if (ts.isBreakStatement(n) && !loop && !sw) found.breaks = true;
      else if (ts.isContinueStatement(n) && !loop) found.continues = true;
      continue;
    }
    const inFn = fn || ts.isFunctionLike(n) || ts.isClassLike(n);
    const inLoop = loop || ts.isIterationStatement(n, false);
    const inSwitch = sw || ts.isSwitchStatement(n);
    ts.forEachChild(n, (c) => {
      stack.push({ n: c, loop: inLoop, sw: inSwitch, fn: inFn });
    });
  }
  return found;
}

/**
 * `do body while (t)`: the body once, then `while t: body` — unless the body breaks or
 * continues (a copy outside the loop would jump elsewhere) or holds another `do` (copies of
 * copies would grow exponentially); then a flag makes the first test true.
 */
function lowerDo(ctx: Context, s: ts.DoStatement, sp: ir.Span): ir.Stmt[] {
  const jumps = scanJumps([s.statement]);
  if (!jumps.breaks && !jumps.continues && !jumps.labeled && !jumps.hasDo) {
    const first = lowerBody(ctx, s.statement);
    return [
      ...first,
      ir.whileStmt(sp, lowerExpr(ctx, s.expression), lowerBody(ctx, s.statement), []),
    ];
  }
  const flag = fresh(ctx, 'do');
  const at = clampSpan(ctx, sp.from, sp.from + 2); // the `do` keyword
  const f = (): ir.Expr => ir.name(at, flag);
  const testSp = spanOf(ctx, s.expression);
  return [
    ir.assign(at, [f()], ir.constant(at, true, 'bool')),
    ir.whileStmt(
      sp,
      ir.boolOp(testSp, 'or', [f(), lowerExpr(ctx, s.expression)]),
      [ir.assign(at, [f()], ir.constant(at, false, 'bool')), ...lowerBody(ctx, s.statement)],
      [],
    ),
  ];
}

function loopTarget(ctx: Context, init: ts.ForInitializer): { target: ir.Expr; after: ir.Stmt[] } {
  if (ts.isVariableDeclarationList(init)) {
    const d = init.declarations[0];
    if (!d) return { target: missing(ctx, spanOf(ctx, init).to), after: [] };
    return targetFor(ctx, patternOfBinding(ctx, d.name), undefined);
  }
  return targetFor(ctx, patternOfExpr(ctx, init), undefined);
}

function lowerFor(ctx: Context, s: ts.ForStatement, sp: ir.Span): ir.Stmt[] {
  const counting = countingLoop(ctx, s, sp);
  if (counting) return [counting];
  const forKw = clampSpan(ctx, sp.from, sp.from + 3);
  const init = s.initializer;
  const pre = !init
    ? []
    : ts.isVariableDeclarationList(init)
      ? lowerDeclarationList(ctx, init, spanOf(ctx, init))
      : lowerExprStatement(ctx, init, spanOf(ctx, init));
  const test = s.condition ? lowerExpr(ctx, s.condition) : ir.constant(forKw, true, 'bool');
  const body = lowerBody(ctx, s.statement);
  const incr = s.incrementor;
  const update = incr ? lowerExprStatement(ctx, incr, spanOf(ctx, incr)) : [];
  const jumps = update.length > 0 ? scanJumps([s.statement]) : null;
  const loopBody =
    jumps && (jumps.continues || jumps.labeled)
      ? [ir.tryStmt(spanOf(ctx, s.statement), body, [], [], update)]
      : [...body, ...update];
  return [...pre, ir.whileStmt(sp, test, loopBody, [])];
}

/** The value of a numeric literal, possibly negated; null for anything else. */
function staticNumber(node: ts.Expression): number | null {
  const e = skipWrappers(node);
  if (ts.isNumericLiteral(e)) return Number(e.text);
  if (ts.isPrefixUnaryExpression(e) && ts.isNumericLiteral(skipWrappers(e.operand))) {
    const v = Number((skipWrappers(e.operand) as ts.NumericLiteral).text);
    if (e.operator === K.MinusToken) return -v;
    if (e.operator === K.PlusToken) return v;
  }
  return null;
}

/** Whether anything under `root` (nested functions included) may assign `name`. */
function mayAssign(root: ts.Node, name: string): boolean {
  const isName = (x: ts.Node): boolean => {
    const y = ts.isParenthesizedExpression(x) ? skipWrappers(x) : x;
    return ts.isIdentifier(y) && y.text === name;
  };
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (ts.isBinaryExpression(n) && isAssignmentOperator(n.operatorToken.kind)) {
      const l = skipWrappers(n.left);
      if (isName(l) || ts.isArrayLiteralExpression(l) || ts.isObjectLiteralExpression(l)) {
        if (isName(l) || mentions(l, name)) return true;
      }
    } else if (
      (ts.isPrefixUnaryExpression(n) || ts.isPostfixUnaryExpression(n)) &&
      (n.operator === K.PlusPlusToken || n.operator === K.MinusMinusToken) &&
      isName(skipWrappers(n.operand))
    ) {
      return true;
    } else if (
      (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isBindingElement(n)) &&
      isName(n.name)
    ) {
      return true; // shadowed: conservatively not a counting loop
    } else if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && isName(n.initializer)) {
      return true;
    }
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return false;
}

function mentions(root: ts.Node, name: string): boolean {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as ts.Node;
    if (ts.isIdentifier(n) && n.text === name) return true;
    ts.forEachChild(n, (c) => {
      stack.push(c);
    });
  }
  return false;
}

/**
 * `for (let i = A; i < B; i++)` and its variants as `for i in range(A, B[, K])`, or null when
 * the loop is not of that shape (see the module header for the conditions).
 */
function countingLoop(ctx: Context, s: ts.ForStatement, sp: ir.Span): ir.Stmt | null {
  const { initializer: init, condition, incrementor } = s;
  if (!init || !condition || !incrementor) return null;
  let id: ts.Identifier | undefined;
  let start: ts.Expression | undefined;
  if (ts.isVariableDeclarationList(init)) {
    const d = init.declarations.length === 1 ? init.declarations[0] : undefined;
    if (d && ts.isIdentifier(d.name)) {
      id = d.name;
      start = d.initializer;
    }
  } else {
    const e = skipWrappers(init);
    if (ts.isBinaryExpression(e) && e.operatorToken.kind === K.EqualsToken) {
      const l = skipWrappers(e.left);
      if (ts.isIdentifier(l)) {
        id = l;
        start = e.right;
      }
    }
  }
  if (!id || !start || id.text === '') return null;
  const name = id.text;
  const isCounter = (x: ts.Expression): boolean => {
    const y = skipWrappers(x);
    return ts.isIdentifier(y) && y.text === name;
  };
  const cond = skipWrappers(condition);
  if (!ts.isBinaryExpression(cond) || !isCounter(cond.left)) return null;
  const cmp = cond.operatorToken.kind;
  const up = cmp === K.LessThanToken || cmp === K.LessThanEqualsToken;
  const down = cmp === K.GreaterThanToken || cmp === K.GreaterThanEqualsToken;
  if (!up && !down) return null;
  const inc = skipWrappers(incrementor);
  let sign = 0;
  let k: ts.Expression | null = null;
  if (
    (ts.isPostfixUnaryExpression(inc) || ts.isPrefixUnaryExpression(inc)) &&
    isCounter(inc.operand)
  ) {
    if (inc.operator === K.PlusPlusToken) sign = 1;
    else if (inc.operator === K.MinusMinusToken) sign = -1;
  } else if (ts.isBinaryExpression(inc) && isCounter(inc.left)) {
    if (inc.operatorToken.kind === K.PlusEqualsToken) sign = 1;
    else if (inc.operatorToken.kind === K.MinusEqualsToken) sign = -1;
    k = inc.right;
  }
  if (sign === 0 || (sign === 1) !== up) return null;
  const kValue = k ? staticNumber(k) : 1;
  if (kValue !== null && (!(kValue > 0) || !Number.isInteger(kValue))) return null;
  for (const e of [start, cond.right]) {
    const v = staticNumber(e);
    if (v !== null && !Number.isInteger(v)) return null;
  }
  if (mayAssign(s.statement, name)) return null;

  const bound = cond.right;
  const bsp = spanOf(ctx, bound);
  let stop = lowerExpr(ctx, bound);
  if (cmp === K.LessThanEqualsToken || cmp === K.GreaterThanEqualsToken) {
    const v = staticNumber(bound);
    const one = ir.constant(ir.span(bsp.to, bsp.to), 1, 'int');
    stop =
      v !== null ? ir.constant(bsp, v + sign, 'int') : ir.binOp(bsp, up ? '+' : '-', stop, one);
  }
  const args: ir.Expr[] = [lowerExpr(ctx, start), stop];
  if (k === null) {
    if (sign < 0) args.push(ir.constant(spanOf(ctx, incrementor), -1, 'int'));
  } else if (sign > 0) {
    if (kValue !== 1) args.push(lowerExpr(ctx, k));
  } else {
    const ksp = spanOf(ctx, k);
    args.push(
      kValue !== null ? ir.constant(ksp, -kValue, 'int') : ir.unaryOp(ksp, '-', lowerExpr(ctx, k)),
    );
  }
  const header = clampSpan(ctx, init.getStart(ctx.sf), incrementor.getEnd());
  const iter = ir.call(header, ir.name(clampSpan(ctx, sp.from, sp.from + 3), 'range'), args, []);
  return ir.forStmt(
    sp,
    ir.name(spanOf(ctx, id), name),
    iter,
    lowerBody(ctx, s.statement),
    [],
    false,
  );
}

function lowerTry(ctx: Context, s: ts.TryStatement, sp: ir.Span): ir.Stmt {
  const handlers: ir.ExceptHandler[] = [];
  const cc = s.catchClause;
  if (cc) {
    const decl = cc.variableDeclaration;
    let handlerName: string | null = null;
    let prologue: ir.Stmt[] = [];
    if (decl && ts.isIdentifier(decl.name)) {
      handlerName = decl.name.text || null;
    } else if (decl) {
      const id = fresh(ctx);
      const nsp = spanOf(ctx, decl.name);
      handlerName = id;
      const pat = patternOfBinding(ctx, decl.name);
      prologue = bindPattern(ctx, pat, () => ir.name(nsp, id), undefined, spanOf(ctx, decl));
    }
    const body = [...prologue, ...lowerStatements(ctx, cc.block.statements)];
    handlers.push(ir.exceptHandler(spanOf(ctx, cc), null, handlerName, body));
  }
  return ir.tryStmt(
    sp,
    lowerStatements(ctx, s.tryBlock.statements),
    handlers,
    [],
    s.finallyBlock ? lowerStatements(ctx, s.finallyBlock.statements) : [],
  );
}

const isJump = (s: ts.Statement): boolean =>
  ts.isBreakStatement(s) ||
  ts.isContinueStatement(s) ||
  ts.isReturnStatement(s) ||
  ts.isThrowStatement(s);

/** Statements up to the first top-level unlabeled `break` (which leaves the switch). */
function cutAtBreak(statements: readonly ts.Statement[]): ts.Statement[] {
  const at = statements.findIndex((s) => ts.isBreakStatement(s) && !s.label);
  return at < 0 ? [...statements] : statements.slice(0, at);
}

/** `switch` as an `If` chain on `discriminant == case` (see the module header). */
function lowerSwitch(ctx: Context, s: ts.SwitchStatement, sp: ir.Span): ir.Stmt[] {
  const pre: ir.Stmt[] = [];
  let disc: () => ir.Expr;
  if (isPureAccess(s.expression)) {
    disc = () => lowerExpr(ctx, s.expression);
  } else {
    const t = fresh(ctx);
    const dsp = spanOf(ctx, s.expression);
    pre.push(ir.assign(dsp, [ir.name(dsp, t)], lowerExpr(ctx, s.expression)));
    disc = () => ir.name(dsp, t);
  }

  // Labels that share a body (`case 1: case 2: body`) form one group.
  interface Group {
    labels: ts.Expression[];
    isDefault: boolean;
    statements: readonly ts.Statement[];
    start: number;
  }
  const groups: Group[] = [];
  let pending: Group | null = null;
  for (const c of s.caseBlock.clauses) {
    pending ??= { labels: [], isDefault: false, statements: [], start: c.getStart(ctx.sf) };
    if (ts.isCaseClause(c)) pending.labels.push(c.expression);
    else pending.isDefault = true;
    if (c.statements.length > 0) {
      pending.statements = c.statements;
      groups.push(pending);
      pending = null;
    }
  }
  if (pending) groups.push(pending);

  // Fallthrough: append the following bodies, within a budget that keeps lowering linear.
  let budget = groups.reduce((n, g) => n + g.statements.length, 0);
  const bodies = groups.map((g, i) => {
    let stmts: ts.Statement[] = [...g.statements];
    for (let j = i + 1; j < groups.length && !stmts.some(isJump); j++) {
      if (budget < groups[j].statements.length) break;
      budget -= groups[j].statements.length;
      stmts = [...stmts, ...groups[j].statements];
    }
    return cutAtBreak(stmts);
  });

  const tests = groups.map((g): ir.Expr | null => {
    if (g.isDefault || g.labels.length === 0) return null;
    const compares = g.labels.map((l) =>
      ir.compare(spanOf(ctx, l), disc(), ['=='], [lowerExpr(ctx, l)]),
    );
    if (compares.length === 1) return compares[0];
    const from = compares[0].span.from;
    return ir.boolOp(clampSpan(ctx, from, compares[compares.length - 1].span.to), 'or', compares);
  });
  const lowered = bodies.map((b) => lowerStatements(ctx, b));
  const defaultAt = groups.findIndex((g) => g.isDefault);
  let chain: ir.Stmt[] = defaultAt >= 0 ? lowered[defaultAt] : [];
  const cases = groups.map((_, i) => i).filter((i) => i !== defaultAt && tests[i] !== null);
  const room = roomLeft(ctx);
  if (cases.length > room) {
    // Too many cases to nest: the ones beyond the depth limit are not analysed.
    const tail = clampSpan(ctx, groups[cases[room]].start, sp.to);
    reportDepth(ctx, tail);
    chain = [ir.unknownStmt(tail, textOf(ctx, tail))];
    cases.length = room;
  }
  for (let c = cases.length - 1; c >= 0; c--) {
    const i = cases[c];
    const test = tests[i] as ir.Expr;
    chain = [ir.ifStmt(clampSpan(ctx, groups[i].start, sp.to), test, lowered[i], chain)];
  }
  if (chain.length > 0 && chain[0].kind === 'If') chain = [{ ...chain[0], span: sp }];

  const jumps = scanJumps(bodies.flat());
  if (jumps.breaks && !jumps.continues) {
    const kw = clampSpan(ctx, sp.from, sp.from + 6);
    const end = ir.span(sp.to, sp.to);
    chain = [ir.whileStmt(sp, ir.constant(kw, true, 'bool'), [...chain, ir.breakStmt(end)], [])];
  }
  const out = [...pre, ...chain];
  return out.length > 0 ? out : [ir.pass(sp)];
}

// --- Classes, enums, namespaces

/** Instance fields and parameter properties, run at the top of `__init__` after `super()`. */
function withInits(
  ctor: ts.ConstructorDeclaration | undefined,
  ctx: Context,
  inits: ir.Stmt[],
): (body: ir.Stmt[]) => ir.Stmt[] {
  return (body) => {
    if (inits.length === 0) return body;
    const first = ctor?.body?.statements.find(
      (st) =>
        ts.isExpressionStatement(st) &&
        ts.isCallExpression(skipWrappers(st.expression)) &&
        (skipWrappers(st.expression) as ts.CallExpression).expression.kind === K.SuperKeyword,
    );
    const superFrom = first ? first.getStart(ctx.sf) : -1;
    const at = body.findIndex((b) => b.kind === 'UnknownStmt' && b.span.from === superFrom);
    return [...body.slice(0, at + 1), ...inits, ...body.slice(at + 1)];
  };
}

function lowerClass(
  ctx: Context,
  node: ts.ClassLikeDeclaration,
  className: string,
  sp: ir.Span,
): ir.ClassDef {
  const bases: ir.Expr[] = [];
  for (const h of node.heritageClauses ?? []) {
    if (h.token === K.ExtendsKeyword)
      for (const t of h.types) bases.push(lowerExpr(ctx, t.expression));
  }
  const decorators = decoratorsOf(ctx, node);
  const body: ir.Stmt[] = [];
  const fieldInits: ir.Stmt[] = [];
  let firstField: ir.Span | null = null;
  let ctor: ts.ConstructorDeclaration | undefined;
  let ctorAt = -1;
  const thisAt = (at: ir.Span): ir.Expr => ir.name(ir.span(at.from, at.from), 'this');

  for (const m of node.members) {
    const msp = spanOf(ctx, m);
    const isStatic = hasModifier(m, K.StaticKeyword);
    const staticSp = modifierSpan(ctx, m, K.StaticKeyword);
    const stmts = guarded(ctx, m, (): ir.Stmt[] => {
      if (ts.isConstructorDeclaration(m)) {
        if (!m.body || ctor) return [];
        ctor = m;
        ctorAt = body.length;
        return [];
      }
      if (ts.isClassStaticBlockDeclaration(m)) return lowerStatements(ctx, m.body.statements);
      if (ts.isPropertyDeclaration(m)) {
        if (!m.initializer || hasModifier(m, K.DeclareKeyword)) return [];
        const nameText = propertyNameText(m.name);
        const value = lowerExpr(ctx, m.initializer);
        if (isStatic) {
          if (nameText === null) return [unknownStmtOf(ctx, m, [value])];
          return [ir.assign(msp, [ir.name(spanOf(ctx, m.name), nameText)], value)];
        }
        const nsp = spanOf(ctx, m.name);
        const target =
          nameText === null
            ? ir.subscript(nsp, thisAt(msp), propertyKey(ctx, m.name))
            : ir.attribute(nsp, thisAt(msp), nameText);
        fieldInits.push(ir.assign(msp, [target], value));
        firstField ??= msp;
        return [];
      }
      if (
        ts.isMethodDeclaration(m) ||
        ts.isGetAccessorDeclaration(m) ||
        ts.isSetAccessorDeclaration(m)
      ) {
        if (!m.body) return []; // abstract or an overload signature
        const nameText = propertyNameText(m.name);
        if (nameText === null || (isStatic && !ts.isMethodDeclaration(m))) {
          return [unknownStmtOf(ctx, m)];
        }
        const own = decoratorsOf(ctx, m);
        const at = ir.span(msp.from, msp.from);
        let extra: ir.Expr[] = [];
        if (ts.isGetAccessorDeclaration(m)) extra = [ir.name(at, 'property')];
        else if (ts.isSetAccessorDeclaration(m)) {
          extra = [ir.attribute(at, ir.name(at, nameText), 'setter')];
        } else if (isStatic) extra = [ir.name(staticSp ?? at, 'staticmethod')];
        return [
          lowerFunction(ctx, m, {
            name: nameText,
            span: msp,
            self: !isStatic,
            decorators: [...own, ...extra],
          }),
        ];
      }
      return []; // index signatures, `;`
    });
    body.push(...stmts);
  }

  const paramInits: ir.Stmt[] = [];
  const ctorNode = ctor as ts.ConstructorDeclaration | undefined;
  for (const p of ctorNode?.parameters ?? []) {
    if (!ts.isParameterPropertyDeclaration(p, ctorNode as ts.ConstructorDeclaration)) continue;
    if (!ts.isIdentifier(p.name) || p.name.text === '') continue;
    const psp = spanOf(ctx, p);
    const nsp = spanOf(ctx, p.name);
    paramInits.push(
      ir.assign(psp, [ir.attribute(nsp, thisAt(psp), p.name.text)], ir.name(nsp, p.name.text)),
    );
  }
  const inits = [...paramInits, ...fieldInits];
  if (ctorNode) {
    const csp = spanOf(ctx, ctorNode);
    const init = nested(
      ctx,
      csp,
      (): ir.Stmt => unknownStmtOf(ctx, ctorNode),
      () =>
        lowerFunction(ctx, ctorNode, {
          name: '__init__',
          span: csp,
          self: true,
          insert: withInits(ctorNode, ctx, inits),
        }),
    );
    body.splice(ctorAt, 0, init);
  } else if (inits.length > 0) {
    const isp = firstField ?? sp;
    const at = ir.span(isp.from, isp.from);
    const params = [ir.param(at, 'this', 'positional'), ir.param(at, fresh(ctx, 'args'), 'vararg')];
    body.unshift(ir.functionDef(isp, '__init__', params, inits));
  }
  return ir.classDef(sp, className, bases, [], body, decorators);
}

/** `enum E { A, B = 5, C }` → `class E: A = 0; B = 5; C = 6`. */
function lowerEnum(ctx: Context, e: ts.EnumDeclaration, sp: ir.Span): ir.Stmt {
  const body: ir.Stmt[] = [];
  let next: number | null = 0;
  for (const m of e.members) {
    const msp = spanOf(ctx, m);
    const memberName = propertyNameText(m.name);
    if (memberName === null) {
      body.push(unknownStmtOf(ctx, m));
      next = null;
      continue;
    }
    const nsp = spanOf(ctx, m.name);
    let value: ir.Expr;
    if (m.initializer) {
      value = lowerExpr(ctx, m.initializer);
      const v = staticNumber(m.initializer);
      next = v === null ? null : v + 1;
    } else if (next === null) {
      value = ir.unknownExpr(msp, textOf(ctx, msp));
    } else {
      value = ir.constant(nsp, next, Number.isInteger(next) ? 'int' : 'float');
      next += 1;
    }
    body.push(ir.assign(msp, [ir.name(nsp, memberName)], value));
  }
  return ir.classDef(sp, e.name.text, [], [], body);
}

/** `namespace A.B { ... }` → `class A: class B: ...`; ambient modules are `Pass`. */
function lowerNamespace(ctx: Context, m: ts.ModuleDeclaration, sp: ir.Span): ir.Stmt[] {
  if (!ts.isIdentifier(m.name) || m.name.text === 'global' || !m.body) return [ir.pass(sp)];
  const body = ts.isModuleBlock(m.body)
    ? lowerStatements(ctx, m.body.statements)
    : ts.isModuleDeclaration(m.body)
      ? lowerStatement(ctx, m.body)
      : [];
  return [ir.classDef(sp, m.name.text, [], [], body)];
}

// --- Imports

function lowerImport(ctx: Context, s: ts.ImportDeclaration, sp: ir.Span): ir.Stmt[] {
  if (!ts.isStringLiteralLike(s.moduleSpecifier)) return [unknownStmtOf(ctx, s)];
  const spec = s.moduleSpecifier.text;
  const clause = s.importClause;
  if (!clause) return [ir.importFrom(sp, spec, 0, [])]; // `import 'm'`: effects only
  if (clause.phaseModifier === K.TypeKeyword) return [ir.pass(sp)];
  const out: ir.Stmt[] = [];
  if (clause.name && clause.name.text !== '') {
    out.push(ir.importStmt(sp, [ir.alias(spanOf(ctx, clause.name), spec, clause.name.text)]));
  }
  const nb = clause.namedBindings;
  if (nb && ts.isNamespaceImport(nb)) {
    if (nb.name.text !== '')
      out.push(ir.importStmt(sp, [ir.alias(spanOf(ctx, nb), spec, nb.name.text)]));
  } else if (nb) {
    const elements = nb.elements.filter((e) => !e.isTypeOnly && e.name.text !== '');
    if (elements.length > 0 || nb.elements.length === 0) {
      const aliases = elements.map((e) =>
        ir.alias(
          spanOf(ctx, e),
          e.propertyName ? e.propertyName.text : e.name.text,
          e.propertyName ? e.name.text : null,
        ),
      );
      out.push(ir.importFrom(sp, spec, 0, aliases));
    }
  }
  return out.length > 0 ? out : [ir.pass(sp)];
}

function entityName(ctx: Context, n: ts.EntityName): ir.Expr {
  if (ts.isIdentifier(n))
    return n.text === '' ? missing(ctx, spanOf(ctx, n).from) : ir.name(spanOf(ctx, n), n.text);
  return ir.attribute(spanOf(ctx, n), entityName(ctx, n.left), n.right.text);
}

/** `import x = require('m')` → `Import`; `import x = A.B` → `x = A.B`. */
function lowerImportEquals(ctx: Context, s: ts.ImportEqualsDeclaration, sp: ir.Span): ir.Stmt[] {
  if (s.isTypeOnly || s.name.text === '') return [ir.pass(sp)];
  const ref = s.moduleReference;
  if (ts.isExternalModuleReference(ref)) {
    if (!ts.isStringLiteralLike(ref.expression)) return [unknownStmtOf(ctx, s)];
    return [ir.importStmt(sp, [ir.alias(spanOf(ctx, s.name), ref.expression.text, s.name.text)])];
  }
  return [ir.assign(sp, [ir.name(spanOf(ctx, s.name), s.name.text)], entityName(ctx, ref))];
}
