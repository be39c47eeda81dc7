/**
 * A static `model.summary()`: the variables an analysis predicts, as a tree of variable scopes
 * with shapes and parameter counts per variable, per scope (its whole subtree) and in total.
 * What the Variables view shows and what Export writes.
 *
 * Editor-free (no `vscode` import) so plain mocha tests it. It only reshapes the analyzer's
 * result: names are split on `/` (a hole such as `h{layer}` stays one segment), a shape the
 * analyzer could not compute has no parameter count, and such a count makes its scope's and the
 * total's count a lower bound (`partial`).
 */
import type { Analysis, CallSite, ScopeSite, VariableInfo } from '../../analyzer/analyze';

/** A place in a file: 1-based line and column; `file` absent for the analysed file itself. */
export interface SourcePlace {
  readonly file?: string;
  readonly line: number;
  readonly column: number;
}

export interface VariableNode {
  readonly kind: 'variable';
  /** `scope/v:0`. */
  readonly name: string;
  /** The last segment without `:0`: `v`. */
  readonly label: string;
  readonly shape: string;
  readonly dtype: string;
  /** Elements, or null when the shape is not known statically. */
  readonly parameters: number | null;
  /** Created on every path (false: only on some, or under an assumption). */
  readonly certain: boolean;
  readonly place: SourcePlace;
  readonly reusedAt: readonly number[];
  readonly parent: ScopeNode;
}

export interface ScopeNode {
  readonly kind: 'scope';
  /** The scope's full name (`model/h{layer}`); '' for the root. */
  readonly path: string;
  /** Its last segment; '' for the root. */
  readonly label: string;
  /** Sub-scopes first (in order of first appearance), then variables. */
  readonly children: TreeNode[];
  /** Known parameters of every variable in the subtree. */
  parameters: number;
  /** Some variable in the subtree has no known parameter count. */
  partial: boolean;
  variableCount: number;
  /** The first `variable_scope(...)` call that entered this scope, when the analysis has one. */
  place?: SourcePlace;
  readonly parent: ScopeNode | null;
}

export type TreeNode = ScopeNode | VariableNode;

export interface Summary {
  readonly root: ScopeNode;
  readonly variables: readonly VariableNode[];
  readonly scopes: readonly ScopeNode[];
}

/** Elements of a shape as the analyzer prints it: `(3, 3)` → 9, `()` → 1; null if unknown. */
export function parameterCount(shape: string): number | null {
  const m = /^\((.*)\)$/.exec(shape.trim());
  if (!m) return null;
  const inner = m[1].trim();
  if (inner === '') return 1;
  let n = 1;
  for (const part of inner.split(',')) {
    const d = part.trim();
    if (d === '') continue; // the trailing comma of `(100,)`
    if (!/^\d+$/.test(d)) return null;
    n *= Number(d);
  }
  return n;
}

/** `1234567` → `1,234,567`; a partial count gets a `+`, and is `?` when nothing is known. */
export function formatCount(n: number | null, partial = false): string {
  if (n === null || (partial && n === 0)) return '?';
  const s = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return partial ? `${s}+` : s;
}

/** Splits a full name into scope segments and the variable's own name (no `:0`). */
export function splitName(name: string): { scopes: string[]; label: string } {
  const bare = name.replace(/:\d+$/, '');
  const parts = bare.split('/');
  const label = parts.pop() ?? bare;
  return { scopes: parts, label };
}

export function summarize(analysis: Analysis): Summary {
  const root = newScope('', '', null);
  const scopesByPath = new Map<string, ScopeNode>([['', root]]);
  const variables: VariableNode[] = [];
  const scopePlaces = firstScopePlaces(analysis.scopes);

  const scopeFor = (segments: string[]): ScopeNode => {
    let node = root;
    for (let i = 0; i < segments.length; i++) {
      const path = segments.slice(0, i + 1).join('/');
      let next = scopesByPath.get(path);
      if (!next) {
        next = newScope(path, segments[i], node);
        const place = scopePlaces.get(path);
        if (place) next.place = place;
        scopesByPath.set(path, next);
        // Sub-scopes before variables: insert after the last scope child.
        const at = node.children.findIndex((c) => c.kind === 'variable');
        if (at < 0) node.children.push(next);
        else node.children.splice(at, 0, next);
      }
      node = next;
    }
    return node;
  };

  for (const v of analysis.variables) {
    const { scopes, label } = splitName(v.name);
    const parent = scopeFor(scopes);
    const node: VariableNode = {
      kind: 'variable',
      name: v.name,
      label,
      shape: v.shape,
      dtype: v.dtype,
      parameters: parameterCount(v.shape),
      certain: v.certain,
      place: variablePlace(v, analysis.callSites),
      reusedAt: v.reusedAt,
      parent,
    };
    parent.children.push(node);
    variables.push(node);
    for (let s: ScopeNode | null = parent; s; s = s.parent) {
      s.variableCount++;
      if (node.parameters === null) s.partial = true;
      else s.parameters += node.parameters;
    }
  }
  return { root, variables, scopes: [...scopesByPath.values()].filter((s) => s !== root) };
}

function newScope(path: string, label: string, parent: ScopeNode | null): ScopeNode {
  return {
    kind: 'scope',
    path,
    label,
    children: [],
    parameters: 0,
    partial: false,
    variableCount: 0,
    parent,
  };
}

/** Each scope name's first `variable_scope` call in the analysed file (by position). */
function firstScopePlaces(sites: readonly ScopeSite[]): Map<string, SourcePlace> {
  const places = new Map<string, SourcePlace>();
  const ordered = [...sites].sort(
    (a, b) =>
      Number(a.file !== undefined) - Number(b.file !== undefined) ||
      a.start.line - b.start.line ||
      a.start.column - b.start.column,
  );
  for (const site of ordered) {
    for (const o of site.outcomes) {
      if (places.has(o.name)) continue;
      places.set(o.name, placeOf(site.file, site.start.line, site.start.column));
    }
  }
  return places;
}

/**
 * Where a variable is created: its creating call site when the analysis has it (inside the
 * function called at `createdAt` when `createdIn` says so), else its line.
 */
function variablePlace(v: VariableInfo, sites: readonly CallSite[]): SourcePlace {
  const file = v.createdIn ? v.createdIn.file : v.file;
  const line = v.createdIn ? v.createdIn.line : v.createdAt;
  const site = sites.find(
    (s) =>
      s.file === file &&
      s.start.line === line &&
      s.outcomes.some((o) => o.action === 'create' && o.name === v.name),
  );
  return placeOf(file, line, site ? site.start.column : 1);
}

function placeOf(file: string | undefined, line: number, column: number): SourcePlace {
  return file === undefined ? { line, column } : { file, line, column };
}

/** The node to reveal for a 0-based line of the analysed file: a scope opened or a variable created there. */
export function nodeAtLine(summary: Summary, line0: number): TreeNode | undefined {
  const line = line0 + 1;
  const scope = summary.scopes.find(
    (s) => s.place && s.place.file === undefined && s.place.line === line,
  );
  if (scope) return scope;
  return (
    summary.variables.find((v) => v.place.file === undefined && v.place.line === line) ??
    summary.variables.find((v) => v.place.file === undefined && v.reusedAt.includes(line))
  );
}
