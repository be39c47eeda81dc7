/**
 * Quick fixes for reuse errors ("already exists", "does not exist"):
 *
 * - set `reuse=tf.AUTO_REUSE` on the enclosing variable scope (TS: `{ reuse: AUTO_REUSE }`,
 *   adding `AUTO_REUSE` to the file's named import of the engine API when it is missing);
 * - set `reuse=True` on it ("already exists" only);
 * - move the call's statement before the `for` loop it is in, when that is safe: a simple
 *   statement directly in the loop body, using neither the loop variable nor anything the body
 *   binds before it, and not bound-then-read earlier in the body;
 * - rename the variable: `_1`, or the next free suffix, appended to the name's string literal.
 *
 * SL-TF2-API's action (rewrite the import to tf.compat.v1) is in tf2-import-fix.ts.
 *
 * Every candidate is verified before it is offered: its edits are applied to the text, the
 * document is analysed again, and the fix is kept only when the diagnostic is gone, the text
 * parses no worse, and no new error or warning appears in the code the fix touched (errors
 * elsewhere may be ones the original error hid, since an uncaught error ends a path).
 */
import {
  CodeAction,
  CodeActionKind,
  type Diagnostic as LspDiagnostic,
  type TextEdit,
} from 'vscode-languageserver';
import {
  analyze,
  type Analysis,
  type CallSite,
  type Diagnostic,
  type Outcome,
} from '../analyzer/analyze';
import { ERROR_CODES } from '../core/errors';
import type { Language } from '../analyzer/interpreter/interpreter';
import * as ir from '../analyzer/ir';
import { lowerPython } from '../analyzer/python/lower';
import { typescriptFrontEnd } from '../analyzer/front-ends';
import { LineIndex, sameRange, SOURCE, toPosition, toRange } from './convert';
import type { DocumentStore } from './documents';
import { calleeName, variableKey, type Snapshot } from './sites';
import { TF2_API_CODE, tf2ImportAction } from './tf2-import-fix';

/** The related information that names the raising call site (see analyze.ts `diagnoseCall`). */
const RAISING_SITE = /^(raised here|get_variable here|\S+\(\.\.\.\) here)$/;

export const FIXABLE = new Set<string>([ERROR_CODES.variableExists, ERROR_CODES.variableMissing]);

export interface Edit {
  readonly from: number;
  readonly to: number;
  readonly text: string;
}

/** A file a fix edits: the document itself, or a module it imports. */
interface FileText {
  readonly path: string;
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly module: ir.Module;
  readonly language: Language;
}

interface Candidate {
  readonly title: string;
  readonly file: FileText;
  readonly edits: Edit[];
  /** The code the fix touches, in the file's original offsets. */
  readonly region: ir.Span;
  /** Lower first (see `RANK`). */
  readonly rank: number;
  /** Never the preferred fix (AUTO_REUSE where the code does not ask for create-or-reuse). */
  readonly notPreferred?: boolean;
}

/**
 * The order fixes are offered in: what keeps the program's intent first. A variable that does
 * not exist is renamed to one that does; a second call that creates again reuses instead, at
 * that call (its own `reuse` parameter, else a reusing scope around it), or, for a duplicate
 * `get_variable` outside any function, in the scope around the second one. AUTO_REUSE, which
 * makes every call under the scope create-or-reuse, comes first only where one call runs more
 * than once (a loop), and last otherwise.
 */
const RANK = {
  createOrReuse: 0,
  rename: 1,
  passReuse: 2,
  wrapCall: 3,
  scopeReuse: 4,
  wrapTopLevel: 5,
  hoist: 6,
  autoReuse: 7,
} as const;

export function applyEdits(text: string, edits: readonly Edit[]): string {
  let out = text;
  for (const e of [...edits].sort((a, b) => b.from - a.from))
    out = out.slice(0, e.from) + e.text + out.slice(e.to);
  return out;
}

function shift(e: Edit): number {
  return e.text.length - (e.to - e.from);
}

/** A region's start after the edits (text inserted at the start falls inside the region). */
function mapStart(o: number, edits: readonly Edit[]): number {
  let d = 0;
  for (const e of edits) if (e.to <= o && e.from < o) d += shift(e);
  return o + d;
}

function mapEnd(o: number, edits: readonly Edit[]): number {
  let d = 0;
  for (const e of edits) {
    if (e.to <= o) d += shift(e);
    else if (e.from < o) return e.from + e.text.length + d;
  }
  return o + d;
}

/** The call with exactly this span. */
export function findCall(module: ir.Module, from: number, to: number): ir.Call | undefined {
  let found: ir.Call | undefined;
  ir.walk(module, {
    enter: (node) => {
      if (found || node.span.from > from || node.span.to < to) return false;
      if (node.kind === 'Call' && node.span.from === from && node.span.to === to) found = node;
      return !found;
    },
  });
  return found;
}

/** The nodes from the module down to `target` (both included). */
export function pathTo(module: ir.Module, target: ir.Node): ir.Node[] {
  const stack: ir.Node[] = [];
  let result: ir.Node[] = [];
  ir.walk(module, {
    enter: (node) => {
      // Pushed even when skipped: `leave` runs for every node entered.
      stack.push(node);
      if (result.length || node.span.from > target.span.from || node.span.to < target.span.to)
        return false;
      if (node === target) result = [...stack];
      return !result.length;
    },
    leave: () => {
      stack.pop();
    },
  });
  return result;
}

const messageKey = (d: Diagnostic) =>
  `${d.code}|${d.message.replace(/ \(in [^()]*:\d+\)/g, ' (in …)')}`;

function parseProblems(text: string, file: FileText): number {
  return file.language === 'python'
    ? lowerPython(text).diagnostics.length
    : typescriptFrontEnd().lowerTypeScript(text, file.path).diagnostics.length;
}

export class QuickFixes {
  /** Fixes of the newest snapshot asked about (a new analysis, even of the same version, drops them). */
  private cache: { snapshot: Snapshot; fixes: Map<string, CodeAction[]> } | undefined;

  constructor(private readonly store: DocumentStore) {}

  /** Quick fixes for the context's diagnostics (those of this server that name a reuse error). */
  actions(snapshot: Snapshot, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
    if (this.cache?.snapshot !== snapshot) this.cache = { snapshot, fixes: new Map() };
    const out: CodeAction[] = [];
    for (const d of diagnostics) {
      if (d.source === SOURCE && d.code === TF2_API_CODE) {
        const action = tf2ImportAction(snapshot, d);
        if (action) out.push(action);
        continue;
      }
      if (d.source !== SOURCE || typeof d.code !== 'string' || !FIXABLE.has(d.code)) continue;
      const k = `${d.code}|${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character}`;
      let fixes = this.cache.fixes.get(k);
      if (!fixes) {
        fixes = this.compute(snapshot, d);
        this.cache.fixes.set(k, fixes);
      }
      out.push(...fixes);
    }
    return out;
  }

  private compute(snapshot: Snapshot, d: LspDiagnostic): CodeAction[] {
    const target = snapshot.analysis.diagnostics.find(
      (a) => a.code === d.code && sameRange(toRange(a), d.range),
    );
    if (!target) return [];
    const files = new Map<string, FileText | null>();
    const fileOf = (path: string) => this.fileText(snapshot, path, files);
    const doc = fileOf(snapshot.path);
    // The call the diagnostic is on: the raising call itself, or (an error in another file, or
    // one raised inside a function the program calls) the program's call that led there.
    const atCall = doc
      ? findCall(doc.module, doc.lines.offsetAt(d.range.start), doc.lines.offsetAt(d.range.end))
      : undefined;
    const raised = raisingSite(snapshot, target, d, atCall ? calleeName(atCall) : undefined);
    if (!raised) return [];
    const { site, outcome } = raised;
    const candidates: Candidate[] = [];
    const callFile = fileOf(site.file ?? snapshot.path);
    const call = callFile ? callAtSite(callFile, site) : undefined;
    if (target.code === ERROR_CODES.variableMissing) {
      // Only the names that exist: every other fix would create a variable the program did not
      // mean (AUTO_REUSE here silently makes `encoder/weight` next to `encoder/weights`).
      if (callFile && call) candidates.push(...renameToExisting(callFile, call, outcome));
    } else {
      const fn = callFile && call ? enclosingFunction(callFile, call) : undefined;
      const later =
        doc && doc.language === 'python'
          ? laterCalls(doc, atCall && atCall !== call ? atCall : undefined, fn, call, callFile)
          : undefined;
      // Create-or-reuse is what the code asks for when one call runs more than once (a loop)
      // or runs from places no one edit can tell apart.
      const createOrReuse =
        (callFile && call ? inLoop(callFile, call) : false) || later?.loop === true;
      if (doc && later?.calls.length) {
        const def = later.def;
        if (def && passesReuse(def))
          candidates.push(...passReuseFix(doc, later.calls, def.name, RANK.passReuse));
        const wrap = wrapFix(doc, later.calls, fn ? def?.name : undefined);
        if (wrap) candidates.push({ ...wrap, rank: fn ? RANK.wrapCall : RANK.wrapTopLevel });
      }
      if (outcome.scope) {
        const scopeFile = fileOf(outcome.scope.file ?? snapshot.path);
        if (scopeFile) candidates.push(...this.reuseFixes(scopeFile, outcome, createOrReuse));
      }
      if (callFile && call) {
        const hoist = hoistFix(callFile, call);
        if (hoist) candidates.push(hoist);
      }
    }
    candidates.sort((a, b) => a.rank - b.rank);
    const actions: CodeAction[] = [];
    let preferred = false;
    for (const c of candidates) {
      if (!this.verify(snapshot, target, c, site)) continue;
      const edits: TextEdit[] = c.edits.map((e) => ({
        range: c.file.lines.range(e.from, e.to),
        newText: e.text,
      }));
      const prefer: boolean = !preferred && !c.notPreferred;
      preferred ||= prefer;
      actions.push({
        title: c.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [d],
        edit: { changes: { [c.file.uri]: edits } },
        ...(prefer ? { isPreferred: true } : {}),
      });
    }
    return actions;
  }

  private fileText(
    snapshot: Snapshot,
    path: string,
    files: Map<string, FileText | null>,
  ): FileText | null {
    const known = files.get(path);
    if (known !== undefined) return known;
    let file: FileText | null = null;
    if (path === snapshot.path) {
      if (snapshot.module)
        file = {
          path,
          uri: snapshot.uri,
          text: snapshot.text,
          lines: snapshot.lines,
          module: snapshot.module,
          language: snapshot.language,
        };
    } else {
      const text = this.store.readFile(path);
      if (text !== undefined) {
        const language: Language = /\.py$/.test(path) ? 'python' : 'typescript';
        file = {
          path,
          uri: this.store.uriOf(snapshot, path),
          text,
          lines: new LineIndex(text),
          module:
            language === 'python'
              ? lowerPython(text).module
              : typescriptFrontEnd().lowerTypeScript(text, path).module,
          language,
        };
      }
    }
    files.set(path, file);
    return file;
  }

  /** "Already exists": reuse=True on the scope around the call; AUTO_REUSE on it. */
  private reuseFixes(file: FileText, outcome: Outcome, createOrReuse: boolean): Candidate[] {
    const at = outcome.scope;
    if (!at) return [];
    const from = file.lines.offsetAt(toPosition(at.start));
    const to = file.lines.offsetAt(toPosition(at.end));
    const call = findCall(file.module, from, to);
    if (!call) return [];
    const region = regionOf(file, call);
    const out: Candidate[] = [];
    const label = scopeLabel(file, call);
    const auto = autoReuseValue(file, call);
    if (auto) {
      const edits = reuseEdits(file, call, auto.value);
      if (edits)
        out.push({
          title:
            file.language === 'python'
              ? `Set reuse=${auto.value} on ${label}`
              : `Set { reuse: ${auto.value} } on ${label}`,
          file,
          edits: [...auto.extra, ...edits],
          region,
          rank: createOrReuse ? RANK.createOrReuse : RANK.autoReuse,
          notPreferred: !createOrReuse,
        });
    }
    const value = file.language === 'python' ? 'True' : 'true';
    const edits = reuseEdits(file, call, value);
    if (edits)
      out.push({
        title:
          file.language === 'python'
            ? `Set reuse=True on ${label}`
            : `Set { reuse: true } on ${label}`,
        file,
        edits,
        region,
        rank: RANK.scopeReuse,
      });
    return out;
  }

  /**
   * Whether, after the fix, the call that raised creates a variable the program did not have:
   * a fix must never turn an error into a new variable by another name.
   */
  private createsAtRaise(
    snapshot: Snapshot,
    c: Candidate,
    edited: string,
    after: Analysis,
    site: CallSite,
  ): boolean {
    const path = site.file ?? snapshot.path;
    const original =
      path === c.file.path
        ? c.file.text
        : path === snapshot.path
          ? snapshot.text
          : this.store.readFile(path);
    if (original === undefined) return false;
    const offset = new LineIndex(original).offsetAt(toPosition(site.start));
    const moved = path === c.file.path ? mapStart(offset, c.edits) : offset;
    const lines = new LineIndex(path === c.file.path ? edited : original);
    const now = after.callSites.find(
      (s) => (s.file ?? snapshot.path) === path && lines.offsetAt(toPosition(s.start)) === moved,
    );
    if (!now) return false;
    const known = knownKeys(snapshot.analysis);
    return now.outcomes.some((o) => o.action === 'create' && !known.has(variableKey(o.name)));
  }

  /** Apply, analyse again, compare. */
  private verify(snapshot: Snapshot, target: Diagnostic, c: Candidate, site: CallSite): boolean {
    try {
      const edited = applyEdits(c.file.text, c.edits);
      if (parseProblems(edited, c.file) > parseProblems(c.file.text, c.file)) return false;
      const inDocument = c.file.path === snapshot.path;
      const base = this.store.options(snapshot.path, snapshot.language);
      const readFile =
        inDocument || !base.readFile
          ? base.readFile
          : (p: string) => (p === c.file.path ? edited : base.readFile?.(p));
      const after = analyze(inDocument ? edited : snapshot.text, { ...base, readFile });
      if (!after.complete && snapshot.analysis.complete) return false;
      const before = new Map<string, number>();
      for (const d of snapshot.analysis.diagnostics)
        before.set(messageKey(d), (before.get(messageKey(d)) ?? 0) + 1);
      const targetKey = messageKey(target);
      const count = after.diagnostics.filter((d) => messageKey(d) === targetKey).length;
      if (count >= (before.get(targetKey) ?? 0)) return false;
      if (this.createsAtRaise(snapshot, c, edited, after, site)) return false;
      const lines = new LineIndex(inDocument ? edited : snapshot.text);
      const from = mapStart(c.region.from, c.edits);
      const to = mapEnd(c.region.to, c.edits);
      for (const d of after.diagnostics) {
        const k = messageKey(d);
        const n = before.get(k) ?? 0;
        if (n > 0) {
          before.set(k, n - 1);
          continue;
        }
        if (d.severity !== 'error' && d.severity !== 'warning') continue;
        if (!inDocument) return false;
        const at = lines.offsetAt(toPosition(d.start));
        if (at >= from && at <= to) return false;
      }
      return true;
    } catch {
      return false;
    }
  }
}

/** Variable keys the analysis saw created or reused anywhere. */
function knownKeys(analysis: Analysis): Set<string> {
  const keys = new Set<string>();
  for (const v of analysis.variables) keys.add(v.key);
  for (const s of analysis.callSites)
    for (const o of s.outcomes) if (o.action !== 'raise') keys.add(variableKey(o.name));
  return keys;
}

function callAtSite(file: FileText, site: CallSite): ir.Call | undefined {
  return findCall(
    file.module,
    file.lines.offsetAt(toPosition(site.start)),
    file.lines.offsetAt(toPosition(site.end)),
  );
}

/** The code a scope covers: its `with` statement (Python), else the call (a callback's body). */
function regionOf(file: FileText, call: ir.Call): ir.Span {
  const path = pathTo(file.module, call);
  const item = path[path.length - 2];
  const w = path[path.length - 3];
  if (item?.kind === 'WithItem' && w?.kind === 'With') return w.span;
  return call.span;
}

function slice(file: FileText, n: { span: ir.Span }): string {
  return file.text.slice(n.span.from, n.span.to);
}

function scopeLabel(file: FileText, call: ir.Call): string {
  const fn = calleeName(call) ?? 'variable_scope';
  const first = call.args[0];
  const arg = first && first.span.to - first.span.from <= 40 ? slice(file, first) : '...';
  return `${fn}(${arg})`;
}

const TF_MODULES = new Set(['tensorflow', 'tensorflow.compat.v1']);

/** How this file can say AUTO_REUSE where the scope call is, and any import it needs. */
function autoReuseValue(
  file: FileText,
  call: ir.Call,
): { value: string; extra: Edit[] } | undefined {
  if (call.func.kind === 'Attribute')
    return { value: `${slice(file, call.func.value)}.AUTO_REUSE`, extra: [] };
  const python = file.language === 'python';
  let moduleAlias: string | undefined;
  let named: ir.ImportFrom | undefined;
  let direct: string | undefined;
  ir.walk(file.module, {
    enter: (node) => {
      if (node.kind === 'Import' && python && !moduleAlias) {
        for (const a of node.names)
          if (TF_MODULES.has(a.name) && (a.asName || !a.name.includes('.')))
            moduleAlias = a.asName ?? a.name;
      } else if (node.kind === 'ImportFrom') {
        const fromEngine = python
          ? TF_MODULES.has(node.module)
          : node.names.some((a) => a.name === calleeName(call));
        if (!fromEngine) return;
        const auto = node.names.find((a) => a.name === 'AUTO_REUSE');
        if (auto) direct ??= auto.asName ?? auto.name;
        else if (node.names.some((a) => a.name === calleeName(call)) && node.names.length)
          named ??= node;
      }
    },
  });
  if (direct) return { value: direct, extra: [] };
  if (moduleAlias) return { value: `${moduleAlias}.AUTO_REUSE`, extra: [] };
  if (named) {
    const last = named.names[named.names.length - 1];
    return {
      value: 'AUTO_REUSE',
      extra: [{ from: last.span.to, to: last.span.to, text: ', AUTO_REUSE' }],
    };
  }
  return undefined;
}

/** Sets the scope call's reuse argument to `value` (replacing one that is there). */
function reuseEdits(file: FileText, call: ir.Call, value: string): Edit[] | undefined {
  if (file.language === 'python') {
    if (call.keywords.some((k) => k.name === null)) return undefined;
    const kw = call.keywords.find((k) => k.name === 'reuse');
    if (kw) return [{ from: kw.value.span.from, to: kw.value.span.to, text: value }];
    if (call.args.length >= 9) {
      const a = call.args[8];
      return [{ from: a.span.from, to: a.span.to, text: value }];
    }
    const parts: { span: ir.Span }[] = [...call.args, ...call.keywords];
    const last = parts.sort((a, b) => a.span.to - b.span.to).pop();
    if (last) return [{ from: last.span.to, to: last.span.to, text: `, reuse=${value}` }];
    const close = call.span.to - 1;
    if (file.text[close] !== ')') return undefined;
    return [{ from: close, to: close, text: `reuse=${value}` }];
  }
  const args = call.args;
  const isFn = (e: ir.Expr | undefined) => e?.kind === 'Lambda' || e?.kind === 'FunctionExpr';
  if (args.length >= 3 && args[1].kind === 'Dict') {
    const d = args[1];
    const i = d.keys.findIndex((k) => k?.kind === 'Constant' && k.value === 'reuse');
    if (i >= 0) {
      const k = d.keys[i] as ir.Expr;
      const v = d.values[i];
      // `{ reuse }` shorthand: the key and the value are the same text.
      if (v.span.from === k.span.from)
        return [{ from: k.span.from, to: v.span.to, text: `reuse: ${value}` }];
      return [{ from: v.span.from, to: v.span.to, text: value }];
    }
    if (d.keys.length === 0)
      return [{ from: d.span.from, to: d.span.to, text: `{ reuse: ${value} }` }];
    return [{ from: d.span.from + 1, to: d.span.from + 1, text: ` reuse: ${value},` }];
  }
  if (args.length === 2 && !isFn(args[0]) && isFn(args[1]))
    return [{ from: args[0].span.to, to: args[0].span.to, text: `, { reuse: ${value} }` }];
  return undefined;
}

function namesIn(node: ir.Node): Set<string> {
  const out = new Set<string>();
  ir.walk(node, {
    enter: (n) => {
      if (n.kind === 'Name') out.add(n.id);
    },
  });
  return out;
}

/** Names a statement binds: assignment targets, loop variables, defs, imports. */
function boundBy(stmt: ir.Stmt): Set<string> {
  const out = new Set<string>();
  const target = (t: ir.Expr) => {
    if (t.kind === 'Name') out.add(t.id);
    else if (t.kind === 'Tuple' || t.kind === 'List') t.elts.forEach(target);
    else if (t.kind === 'Starred') target(t.value);
  };
  ir.walk(stmt, {
    enter: (n) => {
      if (n.kind === 'Assign') n.targets.forEach(target);
      else if (n.kind === 'AugAssign' || n.kind === 'AnnAssign' || n.kind === 'For')
        target(n.target);
      else if (n.kind === 'WithItem' && n.asName) target(n.asName);
      else if (n.kind === 'FunctionDef' || n.kind === 'ClassDef') out.add(n.name);
      else if (n.kind === 'Alias') out.add((n.asName ?? n.name).split('.')[0]);
      else if (n.kind === 'ExceptHandler' && n.name) out.add(n.name);
    },
  });
  return out;
}

const SIMPLE = new Set(['Assign', 'AnnAssign', 'ExprStmt']);

/** Hoists the call's statement before its `for` loop, when that cannot change what it means. */
function hoistFix(file: FileText, call: ir.Call): Candidate | undefined {
  const path = pathTo(file.module, call);
  let loopAt = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i].kind;
    if (k === 'For' || k === 'While') {
      loopAt = i;
      break;
    }
    if (k === 'FunctionDef' || k === 'Lambda' || k === 'ClassDef') return undefined;
  }
  if (loopAt < 0 || path[loopAt].kind !== 'For') return undefined;
  const loop = path[loopAt] as ir.For;
  const stmt = path[loopAt + 1] as ir.Stmt;
  const index = loop.body.indexOf(stmt);
  if (index < 0 || !SIMPLE.has(stmt.kind)) return undefined;
  // The loop variable, or anything bound earlier in the body, would change meaning outside.
  const unsafe = namesIn(loop.target);
  const earlier = loop.body.slice(0, index);
  for (const s of earlier) for (const n of boundBy(s)) unsafe.add(n);
  for (const n of namesIn(stmt)) if (unsafe.has(n)) return undefined;
  const targets = boundBy(stmt);
  for (const s of earlier) for (const n of namesIn(s)) if (targets.has(n)) return undefined;

  const { text, lines } = file;
  const sLineStart = lines.lineStart(lines.positionAt(stmt.span.from).line);
  if (!/^[ \t]*$/.test(text.slice(sLineStart, stmt.span.from))) return undefined;
  let end = stmt.span.to;
  while (end > stmt.span.from && /\s/.test(text[end - 1])) end--;
  let lineEnd = end;
  while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
  if (!/^[ \t]*;?[ \t]*(#.*|\/\/.*)?$/.test(text.slice(end, lineEnd))) return undefined;
  const deleteTo = text.startsWith('\r\n', lineEnd)
    ? lineEnd + 2
    : lineEnd < text.length
      ? lineEnd + 1
      : lineEnd;
  const forLineStart = lines.lineStart(lines.positionAt(loop.span.from).line);
  const forIndent = text.slice(forLineStart, loop.span.from);
  if (!/^[ \t]*$/.test(forIndent)) return undefined;
  const stmtIndent = text.slice(sLineStart, stmt.span.from);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const moved = text
    .slice(stmt.span.from, end)
    .split(/\r\n|\n|\r/)
    .map((l, i) =>
      i === 0
        ? forIndent + l
        : l.startsWith(stmtIndent)
          ? forIndent + l.slice(stmtIndent.length)
          : l,
    )
    .join(eol);
  const edits: Edit[] = [{ from: forLineStart, to: forLineStart, text: moved + eol }];
  if (loop.body.length === 1) {
    // The body would be empty: Python needs `pass`; a brace-less JS loop needs `{}`.
    let before = stmt.span.from;
    while (before > 0 && /\s/.test(text[before - 1])) before--;
    if (file.language === 'python') edits.push({ from: stmt.span.from, to: end, text: 'pass' });
    else if (text[before - 1] === '{') edits.push({ from: sLineStart, to: deleteTo, text: '' });
    else edits.push({ from: stmt.span.from, to: end, text: '{}' });
  } else edits.push({ from: sLineStart, to: deleteTo, text: '' });
  return {
    title: `Move the ${calleeName(call) ?? 'get_variable'} call out of the loop`,
    file,
    edits,
    region: loop.span,
    rank: RANK.hoist,
  };
}

/**
 * The call that raised and its outcome. The diagnostic is on the raising call, or on the
 * program's call that led to it (an imported module's function: "raised here" says where; a
 * function of the program called a second time: the call's function holds the raising call).
 */
function raisingSite(
  snapshot: Snapshot,
  target: Diagnostic,
  d: LspDiagnostic,
  called: string | undefined,
): { site: CallSite; outcome: Outcome } | undefined {
  const matches = (o: Outcome) => o.action === 'raise' && o.code === target.code && !o.handled;
  // An error reported at a call that led there (a call trail, an imported module): the site
  // its related information names ("get_variable here", "dense(...) here", "raised here").
  const raisedAt = target.related?.find((r) => RAISING_SITE.test(r.message));
  const exact = snapshot.analysis.callSites.find((s) =>
    raisedAt
      ? (s.file ?? '') === (raisedAt.file ?? '') &&
        s.start.line === raisedAt.start.line &&
        s.start.column === raisedAt.start.column
      : s.file === undefined && sameRange(toRange(s), d.range),
  );
  const outcome = exact?.outcomes.find(matches);
  if (exact && outcome) return { site: exact, outcome };
  // The message names the variable: the sites that raise this error for it.
  const found: { site: CallSite; outcome: Outcome }[] = [];
  for (const s of snapshot.analysis.callSites)
    for (const o of s.outcomes)
      if (matches(o) && target.message.includes(`Variable ${o.name} `))
        found.push({ site: s, outcome: o });
  if (found.length <= 1 || !called || !snapshot.module) return found[0];
  // Several: the one inside the function the diagnostic's call calls.
  const defs = functionsNamed(snapshot.module, called);
  const lines = snapshot.lines;
  return (
    found.find(
      (f) =>
        f.site.file === undefined &&
        defs.some((def) => {
          const at = lines.offsetAt(toPosition(f.site.start));
          return at >= def.span.from && at <= def.span.to;
        }),
    ) ?? found[0]
  );
}

function functionsNamed(module: ir.Module, name: string): ir.FunctionDef[] {
  const out: ir.FunctionDef[] = [];
  ir.walk(module, {
    enter: (n) => {
      if (n.kind === 'FunctionDef' && n.name === name) out.push(n);
    },
  });
  return out;
}

/** The function (def, method, TS function) whose body holds the call; none at module level. */
function enclosingFunction(file: FileText, call: ir.Call): ir.FunctionDef | undefined {
  const path = pathTo(file.module, call);
  for (let i = path.length - 1; i >= 0; i--) {
    const n = path[i];
    if (n.kind === 'FunctionDef') return n;
    if (n.kind === 'Lambda') return undefined;
  }
  return undefined;
}

/** Whether the call runs more than once in its own function or module: inside a loop. */
function inLoop(file: FileText, call: ir.Call): boolean {
  const path = pathTo(file.module, call);
  for (let i = path.length - 1; i >= 0; i--) {
    const k = path[i].kind;
    if (k === 'For' || k === 'While' || k === 'ListComp' || k === 'GeneratorExp') return true;
    if (k === 'FunctionDef' || k === 'Lambda' || k === 'ClassDef') return false;
  }
  return false;
}

/** A call of the function `name` (`f(...)`, or `x.f(...)` for a method). */
function callsOf(module: ir.Module, name: string, method: boolean): ir.Call[] {
  const out: ir.Call[] = [];
  ir.walk(module, {
    enter: (n) => {
      if (
        n.kind === 'Call' &&
        ((n.func.kind === 'Name' && n.func.id === name) ||
          (method && n.func.kind === 'Attribute' && n.func.attr === name))
      )
        out.push(n);
    },
  });
  return out.sort((a, b) => a.span.from - b.span.from);
}

/**
 * The calls in the document that run again what created the variable: the call the diagnostic
 * is on; else the calls of the raising call's function after the first (when they are all in
 * one function or the module, outside loops: the order of the text is the order they run in);
 * else, for a duplicate outside any function, the raising call itself. `loop`: a call runs
 * more than once, or from several places, so the first call cannot be told from the others.
 */
function laterCalls(
  doc: FileText,
  atCall: ir.Call | undefined,
  fn: ir.FunctionDef | undefined,
  call: ir.Call | undefined,
  callFile: FileText | null | undefined,
): { calls: ir.Call[]; def?: ir.FunctionDef; loop: boolean } | undefined {
  if (atCall) {
    // The diagnostic is on the first call that raised (the call trail's layout): it and the
    // calls of the same function after it, in the same function body, raise alike.
    const name = calleeName(atCall);
    const def =
      (name ? functionsNamed(doc.module, name)[0] : undefined) ??
      (fn && fn.name === name ? fn : undefined);
    const home = enclosingFunction(doc, atCall);
    const calls = name
      ? callsOf(doc.module, name, false).filter(
          (c) => c.span.from >= atCall.span.from && enclosingFunction(doc, c) === home,
        )
      : [];
    if (!calls.includes(atCall)) calls.unshift(atCall);
    return { calls, def, loop: calls.some((c) => inLoop(doc, c)) };
  }
  if (!fn) {
    if (call && callFile === doc) return { calls: [call], loop: false };
    return undefined;
  }
  let def = fn;
  let file = callFile;
  // A function called once, from a function: the calls of that one run it again (3 levels).
  for (let depth = 0; depth < 3 && def.name; depth++) {
    const inner = def;
    const method = file ? pathTo(file.module, inner).some((n) => n.kind === 'ClassDef') : false;
    const calls = callsOf(doc.module, inner.name, method).filter(
      (c) => file !== doc || c.span.from < inner.span.from || c.span.to > inner.span.to,
    );
    if (calls.some((c) => inLoop(doc, c))) return { calls: [], loop: true };
    const homes = new Set(calls.map((c) => enclosingFunction(doc, c)));
    if (homes.size > 1) return { calls: [], loop: true };
    if (calls.length >= 2) return { calls: calls.slice(1), def: inner, loop: false };
    const home = calls.length === 1 ? enclosingFunction(doc, calls[0]) : undefined;
    if (!home) break;
    def = home;
    file = doc;
  }
  return { calls: [], loop: false };
}

/** Whether the function takes `reuse` and hands it on (`variable_scope(..., reuse=reuse)`). */
function passesReuse(def: ir.FunctionDef): boolean {
  if (!def.params.some((p) => p.name === 'reuse' && p.paramKind !== 'kwarg')) return false;
  let flows = false;
  for (const stmt of def.body)
    ir.walk(stmt, {
      enter: (n) => {
        if (
          n.kind === 'Keyword' &&
          n.name === 'reuse' &&
          n.value.kind === 'Name' &&
          n.value.id === 'reuse'
        )
          flows = true;
        return !flows;
      },
    });
  return flows;
}

const lineOf = (file: FileText, n: { span: ir.Span }) =>
  file.lines.positionAt(n.span.from).line + 1;

function linesText(file: FileText, calls: readonly ir.Call[]): string {
  const lines = calls.map((c) => lineOf(file, c));
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
}

function spanOf(nodes: readonly { span: ir.Span }[]): ir.Span {
  return {
    from: Math.min(...nodes.map((n) => n.span.from)),
    to: Math.max(...nodes.map((n) => n.span.to)),
  };
}

/** `reuse=True` passed to each later call of a function that hands its `reuse` to its scope. */
function passReuseFix(
  file: FileText,
  calls: readonly ir.Call[],
  name: string,
  rank: number,
): Candidate[] {
  const edits: Edit[] = [];
  for (const call of calls) {
    if (call.keywords.some((k) => k.name === null)) return [];
    const kw = call.keywords.find((k) => k.name === 'reuse');
    if (kw) {
      edits.push({ from: kw.value.span.from, to: kw.value.span.to, text: 'True' });
      continue;
    }
    const parts: { span: ir.Span }[] = [...call.args, ...call.keywords];
    const last = parts.sort((a, b) => a.span.to - b.span.to).pop();
    if (last) edits.push({ from: last.span.to, to: last.span.to, text: ', reuse=True' });
    else {
      const close = call.span.to - 1;
      if (file.text[close] !== ')') return [];
      edits.push({ from: close, to: close, text: 'reuse=True' });
    }
  }
  return [
    {
      title: `Pass reuse=True to ${name}(...) at ${linesText(file, calls)}`,
      file,
      edits,
      region: spanOf(calls),
      rank,
    },
  ];
}

/** The file's name for the TensorFlow module (`tf` in `import tensorflow.compat.v1 as tf`). */
function tfModuleAlias(file: FileText): string | undefined {
  let alias: string | undefined;
  ir.walk(file.module, {
    enter: (node) => {
      if (node.kind === 'Import' && !alias)
        for (const a of node.names)
          if (TF_MODULES.has(a.name) && (a.asName || !a.name.includes('.')))
            alias = a.asName ?? a.name;
      return !alias;
    },
  });
  return alias;
}

/**
 * Each later call's statement wrapped in `with tf.variable_scope(tf.get_variable_scope(),
 * reuse=True):`: the statement runs in the scope it ran in before, now reusing (a scope entered
 * by its object keeps its name and its name scope).
 */
function wrapFix(
  file: FileText,
  calls: readonly ir.Call[],
  fnName: string | undefined,
): Omit<Candidate, 'rank'> | undefined {
  const tf = tfModuleAlias(file);
  if (!tf || file.language !== 'python') return undefined;
  const header = `with ${tf}.variable_scope(${tf}.get_variable_scope(), reuse=True):`;
  const { text, lines } = file;
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const stmts = new Set<ir.Stmt>();
  for (const call of calls) {
    const path = pathTo(file.module, call);
    const stmt = [...path].reverse().find((n) => SIMPLE.has(n.kind) || STMT_KINDS.has(n.kind));
    if (!stmt || !SIMPLE.has(stmt.kind)) return undefined;
    stmts.add(stmt as ir.Stmt);
  }
  const edits: Edit[] = [];
  for (const stmt of stmts) {
    const lineStart = lines.lineStart(lines.positionAt(stmt.span.from).line);
    const indent = text.slice(lineStart, stmt.span.from);
    if (!/^[ \t]*$/.test(indent)) return undefined;
    let end = stmt.span.to;
    while (end > stmt.span.from && /\s/.test(text[end - 1])) end--;
    let lineEnd = end;
    while (lineEnd < text.length && text[lineEnd] !== '\n' && text[lineEnd] !== '\r') lineEnd++;
    if (!/^[ \t]*(#.*)?$/.test(text.slice(end, lineEnd))) return undefined;
    const unit = indent.includes('\t') ? '\t' : '    ';
    const body = text
      .slice(lineStart, end)
      .split(/\r\n|\n|\r/)
      .map((l) => (l.trim() ? unit + l : l))
      .join(eol);
    edits.push({ from: lineStart, to: end, text: `${indent}${header}${eol}${body}` });
  }
  const what = fnName ? `${fnName}(...) at ${linesText(file, calls)}` : linesText(file, calls);
  return {
    title: `Wrap ${what} in ${header.slice(0, -1)}`,
    file,
    edits,
    region: spanOf([...stmts]),
  };
}

/** Every statement kind (the innermost statement around a call is its statement). */
const STMT_KINDS = new Set<string>([
  'With',
  'FunctionDef',
  'ClassDef',
  'Return',
  'If',
  'For',
  'While',
  'Try',
  'Raise',
  'AugAssign',
  'Global',
  'Nonlocal',
  'UnknownStmt',
]);

/**
 * "Does not exist": the variable's string argument changed to each existing name the analysis
 * suggests (`didYouMean`) that differs from it only in what the argument says.
 */
function renameToExisting(file: FileText, call: ir.Call, outcome: Outcome): Candidate[] {
  const names = outcome.didYouMean ?? [];
  if (!names.length) return [];
  const arg =
    file.language === 'python'
      ? (call.keywords.find((k) => k.name === 'name')?.value ?? call.args[0])
      : call.args[0];
  if (!arg || arg.kind !== 'Constant' || arg.pyType !== 'str') return [];
  const m = /^([rRuU]?)(['"`])([^'"`\\\r\n{}$]*)\2$/.exec(slice(file, arg));
  if (!m) return [];
  const value = m[3];
  const full = variableKey(outcome.name);
  if (!value || !full.endsWith(value) || full.includes('{')) return [];
  const prefix = full.slice(0, full.length - value.length);
  const out: Candidate[] = [];
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const next = name.slice(prefix.length);
    if (!next || /['"`\\{}$\r\n]/.test(next)) continue;
    out.push({
      title: `Change to '${next}'`,
      file,
      edits: [{ from: arg.span.from, to: arg.span.to, text: `${m[1]}${m[2]}${next}${m[2]}` }],
      region: call.span,
      rank: RANK.rename,
    });
  }
  return out;
}
