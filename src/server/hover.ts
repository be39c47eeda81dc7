/**
 * Hover text (Markdown) for `get_variable` calls and the names bound to them, variable scope
 * calls and name scope calls. Everything shown comes from the analysis of the document's newest
 * version; the IR only tells where the cursor is and what the call's arguments say.
 */
import * as nodePath from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import type { Location as AnalysisLocation, Outcome, ScopeSite } from '../analyzer/analyze';
import type * as ir from '../analyzer/ir';
import { toRange, type UriResolver } from './convert';
import { calleeName, indexOf, type SiteRef, type Snapshot } from './sites';

/** `[model.py:3](file:///…/model.py#L3)`: VS Code opens `#L<line>` links at the line. */
export function locationLink(l: AnalysisLocation, uriOf: UriResolver, snapshot: Snapshot): string {
  const uri = uriOf(l.file);
  const file = l.file ?? snapshot.path;
  const base = nodePath.basename(file) || file;
  return `[${base}:${l.start.line}](${uri}#L${l.start.line})`;
}

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

function sameLocation(a: AnalysisLocation, b: AnalysisLocation): boolean {
  return (
    (a.file ?? '') === (b.file ?? '') &&
    a.start.line === b.start.line &&
    a.start.column === b.start.column
  );
}

export function scopeSiteAt(snapshot: Snapshot, l: AnalysisLocation): ScopeSite | undefined {
  return snapshot.analysis.scopes.find((s) => sameLocation(s, l));
}

/** What the call's arguments say about `trainable` (TF's default is True). */
function trainableOf(call: ir.Call | undefined): boolean | undefined {
  if (!call) return undefined;
  const name = calleeName(call);
  if (name === 'get_local_variable' || name === 'getLocalVariable') return false;
  let arg: ir.Expr | undefined;
  const kw = call.keywords.find((k) => k.name === 'trainable');
  if (kw) arg = kw.value;
  else if (name === 'getVariable') {
    const opts = call.args[1];
    if (opts && opts.kind !== 'Dict') return undefined;
    if (opts?.kind === 'Dict') {
      if (opts.keys.some((k) => k === null)) return undefined;
      const i = opts.keys.findIndex((k) => k?.kind === 'Constant' && k.value === 'trainable');
      if (i >= 0) arg = opts.values[i];
    }
  } else if (call.args.length > 5) arg = call.args[5];
  else if (call.keywords.some((k) => k.name === null)) return undefined;
  if (!arg) return true;
  if (arg.kind === 'Constant' && arg.pyType === 'bool') return arg.value === true;
  if (arg.kind === 'Constant' && arg.pyType === 'None') return true;
  return undefined;
}

function certainty(o: Outcome): string {
  return o.certain ? 'certain' : 'possible (on some paths, or resting on an assumption)';
}

/** The Markdown for a `get_variable` site. */
export function variableHover(ref: SiteRef, snapshot: Snapshot, uriOf: UriResolver): string {
  const out: string[] = [];
  const fn = (ref.call && calleeName(ref.call)) || 'get_variable';
  const index = indexOf(snapshot);
  // A reused variable is the creator's: its trainability is what the creating call said.
  const trainable = (o: Outcome): boolean | undefined => {
    if (o.action === 'create') return trainableOf(ref.call);
    const at = o.createdAt;
    if (!at || at.file !== undefined) return undefined;
    const creator = index.sites.find(
      (s) => s.site.start.line === at.start.line && s.site.start.column === at.start.column,
    );
    return creator ? trainableOf(creator.call) : undefined;
  };
  out.push(`**Scope Lens** · ${code(`${fn}(...)`)}`);
  const scopes = new Map<string, { o: Outcome; at?: AnalysisLocation }>();
  for (const o of ref.site.outcomes) {
    const parts: string[] = [];
    if (o.action === 'create') parts.push(`${code(o.name)} — **created here**`);
    else if (o.action === 'reuse')
      parts.push(
        `${code(o.name)} — **reuses** the variable created at ${
          o.createdAt ? locationLink(o.createdAt, uriOf, snapshot) : 'an unknown place'
        }`,
      );
    else parts.push(`${code(o.name)} — **raises** ${code(o.error ?? o.code ?? 'an error')}`);
    parts.push(certainty(o));
    if (o.action === 'raise' && o.handled) parts.push('handled by an enclosing `try`');
    out.push(parts.join(' · '));
    if (o.action !== 'raise') {
      const facts = [`shape ${code(o.shape ?? '?')}`, `dtype ${code(o.dtype ?? '?')}`];
      // The analyzer says what TF sets (the creating call's, for a reuse); the arguments are
      // the fallback for outcomes that do not carry it.
      const t = o.trainable ?? trainable(o);
      if (t !== undefined) facts.push(t ? 'trainable' : 'not trainable');
      if (o.collections?.length)
        facts.push(`collections ${o.collections.map((c) => code(c)).join(', ')}`);
      out.push(facts.join(' · '));
    }
    if (o.entry)
      out.push(`_found by analysing ${code(o.entry)} alone (the program never calls it)_`);
    const k = o.scope ? `${o.scope.file ?? ''}:${o.scope.start.line}:${o.scope.start.column}` : '';
    if (!scopes.has(k)) scopes.set(k, { o, at: o.scope });
  }
  for (const { o, at } of scopes.values()) out.push(scopeReuseLine(o, at, snapshot, uriOf));
  return out.join('\n\n');
}

/** The enclosing scope's effective reuse, and why. */
function scopeReuseLine(
  o: Outcome,
  at: AnalysisLocation | undefined,
  snapshot: Snapshot,
  uriOf: UriResolver,
): string {
  if (!at) {
    const why = o.reuse ? ` — ${o.reuse.why}` : '';
    return `Enclosing scope: the root scope${o.reuse ? ', reusing' : ', not reusing'}${why}`;
  }
  const site = scopeSiteAt(snapshot, at);
  const where = locationLink(at, uriOf, snapshot);
  if (!site) return `Enclosing scope at ${where}${o.reuse ? ` — ${o.reuse.why}` : ''}`;
  const lines = site.outcomes.map((s) => {
    const why = o.reuse?.why ?? s.reuseWhy?.why;
    return `Enclosing scope ${code(s.name)} (${where}): reuse ${code(s.reuse)}${why ? ` — ${why}` : ''}`;
  });
  return [...new Set(lines)].join('\n\n');
}

/** The Markdown for a variable scope call. */
export function scopeHover(site: ScopeSite, snapshot: Snapshot): string {
  const out = ['**Scope Lens** · variable scope'];
  for (const s of site.outcomes) {
    const parts = [`${code(s.name)}`, `op names ${code(s.nameScope ?? `${s.name}/`)}`];
    parts.push(`reuse ${code(s.reuse)}${s.reuseWhy ? ` — ${s.reuseWhy.why}` : ''}`);
    parts.push(s.certain ? 'certain' : 'possible');
    out.push(parts.join(' · '));
  }
  const created = new Set<string>();
  const reused = new Set<string>();
  for (const c of snapshot.analysis.callSites)
    for (const o of c.outcomes)
      if (o.scope && sameLocation(o.scope, site)) {
        if (o.action === 'create') created.add(o.name);
        else if (o.action === 'reuse') reused.add(o.name);
      }
  if (created.size || reused.size)
    out.push(
      `Directly in this scope: ${created.size} created${created.size ? ` (${[...created].slice(0, 5).map(code).join(', ')}${created.size > 5 ? ', …' : ''})` : ''}, ${reused.size} reused`,
    );
  return out.join('\n\n');
}

const NAME_SCOPE_TEXT =
  '**Scope Lens** · name scope\n\n' +
  '`name_scope` prefixes the names of **ops** (and of `tf.Variable`s), not of variables made by ' +
  '`get_variable`: those take their names from the enclosing **variable** scope only. Use ' +
  '`variable_scope` to prefix variable names.';

const UNREACHED_TEXT =
  '**Scope Lens** · `get_variable(...)`\n\n' +
  'Not reached by the analysis: no explored path runs this call (it follows an error that ends ' +
  'the program, sits in code that never runs, or lies beyond the analysis limits).';

function markdown(value: string): MarkupContent {
  return { kind: 'markdown', value };
}

export function hoverAt(snapshot: Snapshot, offset: number, uriOf: UriResolver): Hover | null {
  const index = indexOf(snapshot);
  const site = index.variableAt(offset);
  if (site) {
    const range = index.siteAt(offset) === site ? toRange(site.site) : wordRange(snapshot, offset);
    return { contents: markdown(variableHover(site, snapshot, uriOf)), range };
  }
  const scope = index.scopeAt(offset);
  if (scope) return { contents: markdown(scopeHover(scope.site, snapshot)) };
  const unreached = index.unreachedGetVariableAt(offset);
  if (unreached) return { contents: markdown(UNREACHED_TEXT) };
  if (index.nameScopeAt(offset)) return { contents: markdown(NAME_SCOPE_TEXT) };
  return null;
}

function wordRange(snapshot: Snapshot, offset: number) {
  const text = snapshot.text;
  let a = offset;
  let b = offset;
  while (a > 0 && /[\w$]/.test(text[a - 1])) a--;
  while (b < text.length && /[\w$]/.test(text[b])) b++;
  return snapshot.lines.range(a, b);
}
