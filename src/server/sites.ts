/**
 * One analysed version of a document (`Snapshot`) and the index that editor features query it
 * through (`SiteIndex`): which variable site (a `get_variable` call, or a layer call whose
 * variables the library creates), variable scope or name is at an offset, and what a name bound
 * to a call holds. The analysis gives call sites and call results as positions; the document's
 * IR gives the calls' structure (the name argument, the keywords, the `with` statement a scope
 * opens, the names a call's result, or an item of it, is bound to). Both come from the same
 * text, so a site's positions and its call's span agree.
 *
 * Everything here is read-only and built lazily, once per snapshot.
 */
import type {
  Analysis,
  CallResult,
  CallSite,
  Outcome,
  ResultValue,
  ScopeSite,
} from '../analyzer/analyze';
import type { Language } from '../analyzer/interpreter/interpreter';
import * as ir from '../analyzer/ir';
import { LineIndex, toPosition } from './convert';

export interface Snapshot {
  readonly uri: string;
  /** The file the analyzer was given: a file system path, or the URI for other schemes. */
  readonly path: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly analysis: Analysis;
  /** The IR the analysis ran on; absent when lowering failed. */
  readonly module: ir.Module | undefined;
  readonly language: Language;
  /** Milliseconds the analysis took. */
  readonly elapsed: number;
}

export interface SiteRef {
  readonly site: CallSite;
  readonly from: number;
  readonly to: number;
  readonly call: ir.Call | undefined;
}

export interface ScopeRef {
  readonly site: ScopeSite;
  readonly from: number;
  readonly to: number;
  readonly call: ir.Call | undefined;
  /** The code the scope covers: the `with` statement, or the call (a callback's body). */
  readonly region: ir.Span;
}

/** Calls the analysis reports sites for (local variables are not recorded). */
export const GET_VARIABLE_NAMES = new Set(['get_variable', 'getVariable']);
const NAME_SCOPE_NAMES = new Set(['name_scope', 'nameScope']);

/** The function's name in `f(...)`, `tf.f(...)`, `tf.compat.v1.f(...)`. */
export function calleeName(call: ir.Call): string | undefined {
  const f = call.func;
  return f.kind === 'Name' ? f.id : f.kind === 'Attribute' ? f.attr : undefined;
}

const key = (from: number, to: number) => `${from}:${to}`;

/** A name bound to (part of) a call's result: `h = dense(...)`, `outputs, state = rnn(...)`. */
export interface Binding {
  /** The assignment target. */
  readonly node: ir.Name | ir.Attribute;
  readonly call: ir.Call;
  /** Indexes into the result: `[1]` for `state` in `outputs, state = ...`; `[]` for all of it. */
  readonly path: readonly number[];
  /** The call's variable site, when it is one. */
  readonly site?: SiteRef;
}

interface NameOcc {
  readonly node: ir.Name | ir.Attribute;
  readonly scope: number;
  /** A binding (assignment target, loop variable, ...) rather than a use. */
  readonly store: boolean;
  /** For a binding: the call whose result (or part of it) it is bound to. */
  readonly bound?: Binding;
}

const FUNCTION_LIKE = new Set(['FunctionDef', 'Lambda', 'ClassDef']);

export class SiteIndex {
  readonly sites: SiteRef[] = [];
  readonly scopes: ScopeRef[] = [];
  private readonly calls = new Map<string, ir.Call>();
  private readonly withOf = new Map<ir.Call, ir.With>();
  private names: NameOcc[] | undefined;
  private results: Map<string, CallResult> | undefined;
  private scopeParent: number[] = [];

  constructor(readonly snapshot: Snapshot) {
    const { module, lines, analysis } = snapshot;
    if (module) {
      ir.walk(module, {
        enter: (node) => {
          if (node.kind === 'Call') this.calls.set(key(node.span.from, node.span.to), node);
          else if (node.kind === 'With')
            for (const item of node.items)
              if (item.context.kind === 'Call') this.withOf.set(item.context, node);
        },
      });
    }
    const span = (l: CallSite | ScopeSite) => ({
      from: lines.offsetAt(toPosition(l.start)),
      to: lines.offsetAt(toPosition(l.end)),
    });
    for (const site of analysis.callSites) {
      if (site.file !== undefined) continue;
      const { from, to } = span(site);
      this.sites.push({ site, from, to, call: this.calls.get(key(from, to)) });
    }
    for (const site of analysis.scopes) {
      if (site.file !== undefined) continue;
      const { from, to } = span(site);
      const call = this.calls.get(key(from, to));
      const w = call && this.withOf.get(call);
      const region = w ? w.span : { from, to };
      this.scopes.push({ site, from, to, call, region });
    }
  }

  /** The IR call with exactly this span. */
  callAt(from: number, to: number): ir.Call | undefined {
    return this.calls.get(key(from, to));
  }

  /** The `with` statement whose item is this call. */
  withStatementOf(call: ir.Call): ir.With | undefined {
    return this.withOf.get(call);
  }

  /** The innermost analysed `get_variable` call containing the offset. */
  siteAt(offset: number): SiteRef | undefined {
    let best: SiteRef | undefined;
    for (const s of this.sites)
      if (s.from <= offset && offset <= s.to && (!best || s.to - s.from < best.to - best.from))
        best = s;
    return best;
  }

  /** The site at the offset, or the site whose result the name at the offset is bound to. */
  variableAt(offset: number): SiteRef | undefined {
    const site = this.siteAt(offset);
    if (site && !this.boundArgumentAt(site, offset)) return site;
    return this.boundSiteAt(offset);
  }

  /**
   * The offset is on a name among a site's arguments (`dynamic_rnn(cell, h)`) that is bound to
   * a variable site's result or a layer object: that name answers, not the enclosing call.
   */
  boundArgumentAt(site: SiteRef, offset: number): boolean {
    const f = site.call?.func.span;
    if (!f || (f.from <= offset && offset <= f.to)) return false;
    const b = this.bindingAt(offset);
    return !!b && (b.site !== undefined || this.layerVariablesOf(b) !== undefined);
  }

  /** A variable scope call whose callee or (non-callback) arguments contain the offset. */
  scopeAt(offset: number): ScopeRef | undefined {
    let best: ScopeRef | undefined;
    for (const s of this.scopes) {
      if (offset < s.from || offset > s.to) continue;
      if (s.call && !onCallHead(s.call, offset)) continue;
      if (!best || s.to - s.from < best.to - best.from) best = s;
    }
    return best;
  }

  /** A `name_scope(...)` call at the offset (its callee or arguments). */
  nameScopeAt(offset: number): ir.Call | undefined {
    return this.innermostCall(
      offset,
      (c) => NAME_SCOPE_NAMES.has(calleeName(c) ?? '') && onCallHead(c, offset),
    );
  }

  /** A `get_variable` call the analysis never reached (dead code, after an uncaught error). */
  unreachedGetVariableAt(offset: number): ir.Call | undefined {
    const call = this.innermostCall(offset, (c) => GET_VARIABLE_NAMES.has(calleeName(c) ?? ''));
    if (!call) return undefined;
    return this.sites.some((s) => s.call === call) ? undefined : call;
  }

  private innermostCall(offset: number, ok: (c: ir.Call) => boolean): ir.Call | undefined {
    let best: ir.Call | undefined;
    for (const c of this.calls.values()) {
      if (offset < c.span.from || offset > c.span.to || !ok(c)) continue;
      if (!best || c.span.to - c.span.from < best.span.to - best.span.from) best = c;
    }
    return best;
  }

  /** Names bound to a site's result: the assignment target, or a later use of that name. */
  boundSiteAt(offset: number): SiteRef | undefined {
    return this.bindingAt(offset)?.site;
  }

  /**
   * The variables of the layer object a name at the offset is bound to (`cell =
   * tf.nn.rnn_cell.LSTMCell(128)`), on every explored path; undefined when the name is bound to
   * no layer object, or to a variable site's result (that site answers for it).
   */
  layerVariablesAt(offset: number): string[] | undefined {
    const b = this.bindingAt(offset);
    return b && !b.site ? this.layerVariablesOf(b) : undefined;
  }

  private layerVariablesOf(b: Binding): string[] | undefined {
    const names = new Set<string>();
    let layer = false;
    for (const whole of this.resultOf(b.call)?.values ?? []) {
      const v = resultPart(whole, b.path);
      if (v?.kind !== 'layer') continue;
      layer = true;
      for (const n of v.variables) names.add(n);
    }
    return layer ? [...names] : undefined;
  }

  /** What the analysis says the call returned (tensors, layer objects), if anything. */
  resultOf(call: ir.Call): CallResult | undefined {
    if (!this.results) {
      this.results = new Map();
      const { lines, analysis } = this.snapshot;
      for (const r of analysis.results ?? []) {
        if (r.file !== undefined) continue;
        const from = lines.offsetAt(toPosition(r.start));
        const to = lines.offsetAt(toPosition(r.end));
        this.results.set(key(from, to), r);
      }
    }
    return this.results.get(key(call.span.from, call.span.to));
  }

  /**
   * The binding of the name at the offset to a call's result: the assignment target itself, or
   * a use of the name, resolved to its latest binding before the use in the use's function, else
   * outward.
   */
  bindingAt(offset: number): Binding | undefined {
    const names = this.nameOccurrences();
    let hit: NameOcc | undefined;
    for (const n of names)
      if (n.node.span.from <= offset && offset <= n.node.span.to) {
        if (!hit || n.node.span.to - n.node.span.from < hit.node.span.to - hit.node.span.from)
          hit = n;
      }
    if (!hit) return undefined;
    if (hit.store) return hit.bound;
    if (hit.node.kind !== 'Name') return undefined;
    const id = hit.node.id;
    const at = hit.node.span.from;
    // The latest binding of the name before the use, in the use's function, else outward.
    for (let scope: number | undefined = hit.scope; scope !== undefined;) {
      let binding: NameOcc | undefined;
      for (const n of names) {
        if (!n.store || n.scope !== scope || n.node.kind !== 'Name' || n.node.id !== id) continue;
        // `h = dense(h)`: the `h` in the call is the binding before this one.
        const own = n.bound && n.bound.call.span.from <= at && at <= n.bound.call.span.to;
        if (
          n.node.span.from < at &&
          !own &&
          (!binding || n.node.span.from > binding.node.span.from)
        )
          binding = n;
      }
      if (binding) return binding.bound;
      scope = scope === 0 ? undefined : this.scopeParent[scope];
    }
    return undefined;
  }

  private nameOccurrences(): NameOcc[] {
    if (this.names) return this.names;
    const out: NameOcc[] = [];
    this.names = out;
    const module = this.snapshot.module;
    if (!module) return out;
    const siteByCall = new Map<ir.Call, SiteRef>();
    for (const s of this.sites) if (s.call) siteByCall.set(s.call, s);
    const stores = new Map<ir.Node, Binding | undefined>();
    type To = { readonly call: ir.Call; readonly path: readonly number[] } | undefined;
    const markTarget = (t: ir.Expr, to: To) => {
      if (t.kind === 'Name' || t.kind === 'Attribute')
        stores.set(t, to && { node: t, ...to, site: siteByCall.get(to.call) });
      if (t.kind === 'Tuple' || t.kind === 'List') {
        // Items after a starred target have no fixed index.
        const star = t.elts.findIndex((e) => e.kind === 'Starred');
        t.elts.forEach((e, i) =>
          markTarget(
            e,
            to && (star < 0 || i < star) ? { call: to.call, path: [...to.path, i] } : undefined,
          ),
        );
      }
      if (t.kind === 'Starred') markTarget(t.value, undefined);
    };
    /** `a, b = f(), g()`: each target takes its own call. */
    const markAssign = (t: ir.Expr, value: ir.Expr | null | undefined) => {
      if (value?.kind === 'Call') return markTarget(t, { call: value, path: [] });
      if (
        (t.kind === 'Tuple' || t.kind === 'List') &&
        (value?.kind === 'Tuple' || value?.kind === 'List') &&
        t.elts.length === value.elts.length &&
        !t.elts.some((e) => e.kind === 'Starred') &&
        !value.elts.some((e) => e.kind === 'Starred')
      ) {
        t.elts.forEach((e, i) => markAssign(e, value.elts[i]));
        return;
      }
      markTarget(t, undefined);
    };
    const stack: number[] = [0];
    this.scopeParent = [0];
    ir.walk(module, {
      enter: (node) => {
        switch (node.kind) {
          case 'Assign':
            for (const t of node.targets) markAssign(t, node.value);
            break;
          case 'AnnAssign':
            markAssign(node.target, node.value);
            break;
          case 'AugAssign':
          case 'For':
          case 'Comprehension':
            markTarget(node.target, undefined);
            break;
          case 'WithItem':
            if (node.asName) markTarget(node.asName, undefined);
            break;
          case 'Name':
          case 'Attribute': {
            const scope = stack[stack.length - 1];
            if (stores.has(node)) out.push({ node, scope, store: true, bound: stores.get(node) });
            else if (node.kind === 'Name') out.push({ node, scope, store: false });
            break;
          }
        }
        if (FUNCTION_LIKE.has(node.kind)) {
          const id = this.scopeParent.length;
          this.scopeParent.push(stack[stack.length - 1]);
          stack.push(id);
          // Parameters bind names in the function: a parameter named like an outer variable
          // hides it.
          const params = node.kind === 'FunctionDef' || node.kind === 'Lambda' ? node.params : [];
          for (const p of params)
            out.push({
              node: ir.name(p.span, p.name),
              scope: id,
              store: true,
            });
        }
      },
      leave: (node) => {
        if (FUNCTION_LIKE.has(node.kind)) stack.pop();
      },
    });
    return out;
  }
}

/** The part of a call's result a binding's path selects (undefined: not known). */
export function resultPart(v: ResultValue, path: readonly number[]): ResultValue | undefined {
  let cur: ResultValue = v;
  for (const i of path) {
    if (cur.kind !== 'sequence' || i >= cur.items.length) return undefined;
    cur = cur.items[i];
  }
  return cur;
}

/** The offset is on the call's callee or one of its arguments that is not a callback. */
function onCallHead(call: ir.Call, offset: number): boolean {
  const inSpan = (s: ir.Span) => s.from <= offset && offset <= s.to;
  if (inSpan(call.func.span)) return true;
  for (const a of call.args)
    if (a.kind !== 'Lambda' && a.kind !== 'FunctionExpr' && inSpan(a.span)) return true;
  for (const k of call.keywords)
    if (k.value.kind !== 'Lambda' && k.value.kind !== 'FunctionExpr' && inSpan(k.span)) return true;
  // Between the arguments (the parentheses, commas) of a call with no callback: still the call.
  return (
    !call.args.some((a) => a.kind === 'Lambda' || a.kind === 'FunctionExpr') && inSpan(call.span)
  );
}

const sitesCache = new WeakMap<Snapshot, SiteIndex>();

export function indexOf(snapshot: Snapshot): SiteIndex {
  let index = sitesCache.get(snapshot);
  if (!index) {
    index = new SiteIndex(snapshot);
    sitesCache.set(snapshot, index);
  }
  return index;
}

/** `scope/w:0` and `scope/w` (a raise names the variable without `:0`) are the same variable. */
export function variableKey(name: string): string {
  return name.endsWith(':0') ? name.slice(0, -2) : name;
}

/** The distinct full names a site can have, create/reuse first (with `:0`), then raises. */
export function siteNames(site: CallSite): string[] {
  const names: string[] = [];
  const add = (n: string) => {
    if (!names.includes(n)) names.push(n);
  };
  for (const o of site.outcomes) if (o.action !== 'raise') add(o.name);
  for (const o of site.outcomes)
    if (o.action === 'raise' && !names.includes(`${o.name}:0`)) add(`${o.name}:0`);
  return names;
}

/**
 * The variables at the offset, for navigation and checkpoint lookups: a variable site's (or
 * the one a name is bound to), else those of the layer object a name is bound to.
 */
export function variableNamesAt(snapshot: Snapshot, offset: number): string[] | undefined {
  const index = indexOf(snapshot);
  const ref = index.variableAt(offset);
  return ref ? siteNames(ref.site) : index.layerVariablesAt(offset);
}

/** `variableNamesAt` as store keys (no `:0`). */
export function variableKeysAt(snapshot: Snapshot, offset: number): Set<string> | undefined {
  const names = variableNamesAt(snapshot, offset);
  return names && new Set(names.map(variableKey));
}

export function outcomeKey(o: Outcome): string {
  return variableKey(o.name);
}
