/**
 * One analysed version of a document (`Snapshot`) and the index that editor features query it
 * through (`SiteIndex`): which `get_variable` call, variable scope or name is at an offset. The
 * analysis gives call sites as positions; the document's IR gives the calls' structure (the
 * name argument, the keywords, the `with` statement a scope opens, the names a call's result is
 * bound to). Both come from the same text, so a site's positions and its call's span agree.
 *
 * Everything here is read-only and built lazily, once per snapshot.
 */
import type { Analysis, CallSite, Outcome, ScopeSite } from '../analyzer/analyze';
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

interface NameOcc {
  readonly node: ir.Name | ir.Attribute;
  readonly scope: number;
  /** A binding (assignment target, loop variable, ...) rather than a use. */
  readonly store: boolean;
  /** For a binding: the call site whose result it is bound to. */
  readonly site?: SiteRef;
}

const FUNCTION_LIKE = new Set(['FunctionDef', 'Lambda', 'ClassDef']);

export class SiteIndex {
  readonly sites: SiteRef[] = [];
  readonly scopes: ScopeRef[] = [];
  private readonly calls = new Map<string, ir.Call>();
  private readonly withOf = new Map<ir.Call, ir.With>();
  private names: NameOcc[] | undefined;
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
    return this.siteAt(offset) ?? this.boundSiteAt(offset);
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
    const names = this.nameOccurrences();
    let hit: NameOcc | undefined;
    for (const n of names)
      if (n.node.span.from <= offset && offset <= n.node.span.to) {
        if (!hit || n.node.span.to - n.node.span.from < hit.node.span.to - hit.node.span.from)
          hit = n;
      }
    if (!hit) return undefined;
    if (hit.store) return hit.site;
    if (hit.node.kind !== 'Name') return undefined;
    const id = hit.node.id;
    const at = hit.node.span.from;
    // The latest binding of the name before the use, in the use's function, else outward.
    for (let scope: number | undefined = hit.scope; scope !== undefined;) {
      let binding: NameOcc | undefined;
      for (const n of names) {
        if (!n.store || n.scope !== scope || n.node.kind !== 'Name' || n.node.id !== id) continue;
        if (n.node.span.from < at && (!binding || n.node.span.from > binding.node.span.from))
          binding = n;
      }
      if (binding) return binding.site;
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
    const stores = new Map<ir.Node, SiteRef | undefined>();
    const markTarget = (t: ir.Expr, site: SiteRef | undefined) => {
      if (t.kind === 'Name' || t.kind === 'Attribute') stores.set(t, site);
      if (t.kind === 'Tuple' || t.kind === 'List') for (const e of t.elts) markTarget(e, undefined);
      if (t.kind === 'Starred') markTarget(t.value, undefined);
    };
    const stack: number[] = [0];
    this.scopeParent = [0];
    ir.walk(module, {
      enter: (node) => {
        switch (node.kind) {
          case 'Assign': {
            const site = node.value.kind === 'Call' ? siteByCall.get(node.value) : undefined;
            for (const t of node.targets) markTarget(t, site);
            break;
          }
          case 'AnnAssign':
            markTarget(
              node.target,
              node.value?.kind === 'Call' ? siteByCall.get(node.value) : undefined,
            );
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
            if (stores.has(node)) out.push({ node, scope, store: true, site: stores.get(node) });
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

export function outcomeKey(o: Outcome): string {
  return variableKey(o.name);
}
