/**
 * Hover text (Markdown) for variable sites (`get_variable` calls, and the program's calls of
 * layers, which create their variables inside the library) and the names bound to their
 * results, names bound to layer objects, variable scope calls and name scope calls. Everything
 * shown comes from the analysis of the document's newest version; the IR only tells where the
 * cursor is and what the call's arguments say.
 */
import * as nodePath from 'node:path';
import type { Hover, MarkupContent } from 'vscode-languageserver';
import type {
  Location as AnalysisLocation,
  Outcome,
  ResultValue,
  ScopeSite,
} from '../analyzer/analyze';
import type * as ir from '../analyzer/ir';
import { formatShape, UNKNOWN } from '../core/shape';
import { toPosition, toRange, type UriResolver } from './convert';
import {
  calleeName,
  GET_VARIABLE_NAMES,
  indexOf,
  resultPart,
  variableKey,
  type Binding,
  type SiteRef,
  type Snapshot,
} from './sites';

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

/** `dense(...)`; `Dense(...)(...)` for a call of a call's result; `(...)` when not a name. */
function callLabel(call: ir.Call, depth = 0): string {
  const inner = call.func.kind === 'Call' && depth < 3 ? callLabel(call.func, depth + 1) : '';
  return `${calleeName(call) ?? inner}(...)`;
}

/** The Markdown for a variable site: a `get_variable` call, or a layer's. */
export function variableHover(ref: SiteRef, snapshot: Snapshot, uriOf: UriResolver): string {
  const fn = ref.call ? callLabel(ref.call) : 'get_variable(...)';
  return [`**Scope Lens** · ${code(fn)}`, ...siteLines(ref, snapshot, uriOf)].join('\n\n');
}

/** How many outcomes of one site a hover lists. */
const MAX_OUTCOMES_SHOWN = 24;

/** What a variable site does: each outcome, its variable's facts, the enclosing scopes. */
function siteLines(ref: SiteRef, snapshot: Snapshot, uriOf: UriResolver): string[] {
  const out: string[] = [];
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
  const scopes = new Map<string, { o: Outcome; at?: AnalysisLocation; opened?: string }>();
  // Outcomes of different calls of the enclosing function are told apart by call.
  const calls = callLabels(ref.site.outcomes);
  // A helper called from many places has an outcome per call: the first ones are shown.
  const shown = ref.site.outcomes.slice(0, MAX_OUTCOMES_SHOWN);
  for (const o of shown) {
    const parts: string[] = [];
    const call = calls.get(trailKey(o));
    const prefix = call ? `${call}: ` : '';
    if (o.action === 'create' && o.byGetter)
      parts.push(`${prefix}${code(o.name)} — **created** by the scope's custom getter`);
    else if (o.action === 'create') parts.push(`${prefix}${code(o.name)} — **created here**`);
    else if (o.action === 'reuse')
      parts.push(
        `${code(o.name)} — **reuses** the variable created at ${
          o.createdAt ? locationLink(o.createdAt, uriOf, snapshot) : 'an unknown place'
        }`,
      );
    else parts.push(`${prefix}${code(o.name)} — **raises** ${raisesText(o, uriOf, snapshot)}`);
    parts.push(certainty(o));
    if (o.action === 'raise' && o.handled) parts.push('handled by an enclosing `try`');
    out.push(parts.join(' · '));
    if (o.didYouMean?.length) out.push(didYouMeanLine(o.didYouMean, snapshot, uriOf));
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
    // A layer's variables are created in scopes the library opens inside the program's call
    // (the layer call itself, or the call that led into the library, such as `dynamic_rnn`
    // calling a cell the program defines): the analysis gives that call as the scope, which is
    // then no `variable_scope` call. The scope is named by the variable's full name.
    const opened = o.scope && !scopeSiteAt(snapshot, o.scope) ? scopeOfName(o.name) : undefined;
    const k = o.scope
      ? `${o.scope.file ?? ''}:${o.scope.start.line}:${o.scope.start.column}:${opened ?? ''}`
      : '';
    if (!scopes.has(k)) scopes.set(k, { o, at: o.scope, opened });
  }
  if (ref.site.outcomes.length > shown.length)
    out.push(`… and ${ref.site.outcomes.length - shown.length} more outcomes (other calls)`);
  for (const { o, at, opened } of scopes.values()) {
    if (opened === undefined || !at) {
      out.push(scopeReuseLine(o, at, snapshot, uriOf));
      continue;
    }
    const by = sameLocation(at, ref.site)
      ? 'this call'
      : `${calledAt(at, snapshot)} at ${locationLink(at, uriOf, snapshot)}`;
    const why = o.reuse ? ` — ${o.reuse.why}` : '';
    out.push(`Enclosing scope ${code(opened || '<root>')}, opened inside ${by}${why}`);
  }
  return out;
}

/** "Did you mean `encoder/weights` (created at model.py:4)?" */
function didYouMeanLine(names: readonly string[], snapshot: Snapshot, uriOf: UriResolver): string {
  const each = names.map((name) => {
    const v = snapshot.analysis.variables.find((x) => x.key === name);
    if (!v) return code(name);
    const at = { start: { line: v.createdAt, column: 1 }, end: { line: v.createdAt, column: 1 } };
    return `${code(name)} (created at ${locationLink(v.file ? { ...at, file: v.file } : at, uriOf, snapshot)})`;
  });
  return `Did you mean ${each.join(' or ')}?`;
}

/** An outcome's trail as a key (its calls' places). */
function trailKey(o: Outcome): string {
  return (o.trail ?? []).map((l) => `${l.file ?? ''}:${l.start.line}:${l.start.column}`).join('>');
}

const ordinal = (n: number) =>
  `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;

/**
 * `1st call (line 11)`, `2nd call (line 12)`: a label per trail when a site's outcomes come from
 * more than one call of the program's (in the order the calls happened); none otherwise. The
 * lines are the trail's calls, outermost first (`line 20 → 10`; `lib.py:7` in another file).
 */
function callLabels(outcomes: readonly Outcome[]): Map<string, string> {
  const keys: string[] = [];
  const lines = new Map<string, string>();
  for (const o of outcomes) {
    const k = trailKey(o);
    if (lines.has(k)) continue;
    keys.push(k);
    const where = (o.trail ?? []).map((l) =>
      l.file ? `${nodePath.basename(l.file)}:${l.start.line}` : `${l.start.line}`,
    );
    lines.set(k, where.length ? `line ${where.join(' → ')}` : 'outside any call');
  }
  const out = new Map<string, string>();
  if (keys.length < 2) return out;
  keys.forEach((k, i) => out.set(k, `**${ordinal(i + 1)} call** (${lines.get(k)})`));
  return out;
}

/** TF's error line; "Originally defined at:" completed with a link to the creating call. */
function raisesText(o: Outcome, uriOf: UriResolver, snapshot: Snapshot): string {
  const text = code(o.error ?? o.code ?? 'an error');
  return o.originallyDefinedAt && /Originally defined at:$/.test(o.error ?? '')
    ? `${text} ${locationLink(o.originallyDefinedAt, uriOf, snapshot)}`
    : text;
}

/**
 * The Markdown for a call of the program's function (`b = build_model(x)`) through which call
 * sites create, reuse or raise: what happened there through this call. Undefined when no
 * outcome's trail goes through a call at the offset.
 */
export function trailCallHover(
  snapshot: Snapshot,
  offset: number,
  uriOf: UriResolver,
): { text: string; from: number; to: number } | undefined {
  let best: { from: number; to: number } | undefined;
  const through: Array<{ site: AnalysisLocation; o: Outcome }> = [];
  const span = (l: AnalysisLocation) => ({
    from: snapshot.lines.offsetAt(toPosition(l.start)),
    to: snapshot.lines.offsetAt(toPosition(l.end)),
  });
  for (const site of snapshot.analysis.callSites)
    for (const o of site.outcomes)
      for (const l of o.trail ?? []) {
        if (l.file !== undefined) continue;
        const s = span(l);
        if (offset < s.from || offset > s.to) continue;
        if (!best || s.to - s.from < best.to - best.from) {
          best = s;
          through.length = 0;
        }
        if (s.from === best.from && s.to === best.to) through.push({ site, o });
      }
  if (!best || !through.length) return undefined;
  const call = indexOf(snapshot).callAt(best.from, best.to);
  const label = call ? code(callLabel(call)) : 'this call';
  const out = [`**Scope Lens** · ${label} — what this call does to variables`];
  const seen = new Set<string>();
  for (const { site, o } of through.slice(0, 12)) {
    const what =
      o.action === 'create'
        ? '**creates**'
        : o.action === 'reuse'
          ? '**reuses**'
          : `**raises** ${raisesText(o, uriOf, snapshot)}`;
    const line = `${code(o.name)} — ${what} at ${locationLink(site, uriOf, snapshot)} · ${certainty(o)}`;
    if (seen.has(line)) continue;
    seen.add(line);
    out.push(line);
  }
  if (through.length > 12) out.push(`… and ${through.length - 12} more`);
  return { text: out.join('\n\n'), from: best.from, to: best.to };
}

/** `` `dynamic_rnn(...)` `` for a call of this document at the location; else "the call". */
function calledAt(l: AnalysisLocation, snapshot: Snapshot): string {
  if (l.file !== undefined) return 'the call';
  const from = snapshot.lines.offsetAt(toPosition(l.start));
  const to = snapshot.lines.offsetAt(toPosition(l.end));
  const call = indexOf(snapshot).callAt(from, to);
  return call ? code(callLabel(call)) : 'the call';
}

/** `model/fc1` for `model/fc1/kernel:0`. */
function scopeOfName(name: string): string {
  const key = variableKey(name);
  const slash = key.lastIndexOf('/');
  return slash < 0 ? '' : key.slice(0, slash);
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

function tensorText(v: ResultValue & { kind: 'tensor' }): string {
  const facts = [`shape ${code(v.shape)}`];
  if (v.dtype) facts.push(`dtype ${code(v.dtype)}`);
  return `tensor${v.name ? ` ${code(v.name)}` : ''} · ${facts.join(' · ')}`;
}

/** A value as Markdown lines (nested lists for sequences). */
function valueLines(v: ResultValue | undefined, indent: string): string[] {
  if (!v || v.kind === 'other') return [`${indent}not known statically`];
  if (v.kind === 'tensor') return [`${indent}${tensorText(v)}`];
  if (v.kind === 'layer') return [`${indent}a ${code(v.type)} object`];
  const lines = [`${indent}${code(v.type)} of ${v.items.length}:`];
  for (const item of v.items) {
    const [first, ...rest] = valueLines(item, `${indent}  `);
    lines.push(`${indent}- ${first.trimStart()}`, ...rest);
  }
  return lines;
}

/** A layer object's variables, each with where it was created. */
function layerLines(
  v: ResultValue & { kind: 'layer' },
  snapshot: Snapshot,
  uriOf: UriResolver,
): string[] {
  if (!v.variables.length)
    return [
      `${code(v.type)} object · it has no variables on the explored paths (a layer creates its variables the first time it is called)`,
    ];
  const index = indexOf(snapshot);
  const lines = [`${code(v.type)} object · its variables:`];
  for (const name of v.variables) {
    const facts = [code(name)];
    const site = snapshot.analysis.callSites.find((c) =>
      c.outcomes.some((o) => o.action === 'create' && o.name === name),
    );
    const o = site?.outcomes.find((x) => x.action === 'create' && x.name === name);
    if (o) facts.push(`shape ${code(o.shape ?? '?')}`, `dtype ${code(o.dtype ?? '?')}`);
    if (site) {
      const ref = site.file === undefined ? index.sites.find((s) => s.site === site) : undefined;
      const by = ref?.call ? ` by ${code(callLabel(ref.call))}` : '';
      facts.push(`created${by} at ${locationLink(site, uriOf, snapshot)}`);
    }
    lines.push(`- ${facts.join(' · ')}`);
  }
  return lines;
}

/**
 * The values worth showing: a tensor another value describes at least as well (the same op,
 * its shape or dtype not known on one path) is left out.
 */
function informative(
  values: ReadonlyArray<ResultValue | undefined>,
): Array<ResultValue | undefined> {
  const covers = (w: ResultValue | undefined, v: ResultValue | undefined) =>
    v?.kind === 'tensor' &&
    w?.kind === 'tensor' &&
    w.name === v.name &&
    (v.shape === w.shape || v.shape === NOT_KNOWN) &&
    (!v.dtype || v.dtype === w.dtype);
  return values.filter(
    (v, i) => !values.some((w, j) => j !== i && covers(w, v) && (!covers(v, w) || j < i)),
  );
}

/** How a shape the analyzer could not compute at all is written. */
const NOT_KNOWN = formatShape(UNKNOWN);

/**
 * The Markdown for a name bound to a call's result (`h = tf.layers.dense(...)`, `outputs, state =
 * tf.nn.dynamic_rnn(...)`, `cell = tf.nn.rnn_cell.LSTMCell(128)`): what the call returned (a
 * tensor's static shape, a layer object's variables), then what the call does to variables.
 * A name bound to a `get_variable` call is the variable: its hover is the call's, as it is when
 * nothing is known of what the name holds. Undefined when the call neither creates variables
 * nor returns a layer.
 */
export function bindingHover(
  b: Binding,
  snapshot: Snapshot,
  uriOf: UriResolver,
): string | undefined {
  const fn = calleeName(b.call);
  if (b.site && b.path.length === 0 && GET_VARIABLE_NAMES.has(fn ?? ''))
    return variableHover(b.site, snapshot, uriOf);
  const result = indexOf(snapshot).resultOf(b.call);
  const values = result ? result.values.map((v) => resultPart(v, b.path)) : [];
  const layers = values.filter((v): v is ResultValue & { kind: 'layer' } => v?.kind === 'layer');
  if (!b.site && !layers.length) return undefined;
  const known = values.filter((v) => v && v.kind !== 'other');
  // `v = tf.Variable(...)`, `train_op = opt.minimize(loss)`: nothing to say of what the name
  // holds beyond the call's own hover.
  if (b.site && !known.length && !b.path.length) return variableHover(b.site, snapshot, uriOf);
  const name = b.node.kind === 'Name' ? b.node.id : b.node.attr;
  const at = (offset: number) => {
    const p = snapshot.lines.positionAt(offset);
    return { line: p.line + 1, column: p.character + 1 };
  };
  const where = locationLink(
    { start: at(b.call.span.from), end: at(b.call.span.to) },
    uriOf,
    snapshot,
  );
  const what = b.path.length
    ? `item ${b.path.map((i) => `[${i}]`).join('')} of the result`
    : 'the result';
  const label = code(callLabel(b.call));
  const out = [`**Scope Lens** · ${code(name)} — ${what} of ${label} (${where})`];
  if (known.length) {
    const shown = informative(values);
    if (shown.length > 1) out.push('One of these, depending on the path or the loop iteration:');
    for (const v of shown) {
      const lines = v?.kind === 'layer' ? layerLines(v, snapshot, uriOf) : valueLines(v, '');
      out.push(
        (shown.length > 1 ? lines.map((l, i) => (i ? `  ${l}` : `- ${l}`)) : lines).join('\n'),
      );
    }
  }
  if (b.site) out.push('---', `${label}:`, ...siteLines(b.site, snapshot, uriOf));
  return out.join('\n\n');
}

export function hoverAt(snapshot: Snapshot, offset: number, uriOf: UriResolver): Hover | null {
  const index = indexOf(snapshot);
  const site = index.siteAt(offset);
  if (site && !index.boundArgumentAt(site, offset))
    return { contents: markdown(variableHover(site, snapshot, uriOf)), range: toRange(site.site) };
  const binding = index.bindingAt(offset);
  const bound = binding && bindingHover(binding, snapshot, uriOf);
  if (bound) return { contents: markdown(bound), range: wordRange(snapshot, offset) };
  const trailCall = trailCallHover(snapshot, offset, uriOf);
  if (trailCall)
    return {
      contents: markdown(trailCall.text),
      range: snapshot.lines.range(trailCall.from, trailCall.to),
    };
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
