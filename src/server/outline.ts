/**
 * The document's structure as the editor shows it: a code lens above each variable scope call
 * (variables created and reused under it, and the errors TF raises there), document symbols (scopes as namespaces holding their
 * variables), and inlay hints (the full name after each get_variable call).
 */
import { CodeLens, DocumentSymbol, InlayHint, SymbolKind, type Range } from 'vscode-languageserver';
import { toPosition, toRange } from './convert';
import { REVEAL_VARIABLES_COMMAND, type RevealVariablesArgs } from './protocol';
import { indexOf, siteNames, type ScopeRef, type SiteRef, type Snapshot } from './sites';

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What happens under a scope: the variables created and reused by calls whose innermost
 * enclosing scope is this call (wherever their `get_variable` call is, e.g. in a function called
 * inside the scope) or a scope nested in it in the source, and the errors TF raises there that
 * no `try` of the program handles (`certain` when some error is certain).
 */
export function scopeCounts(
  scope: ScopeRef,
  snapshot: Snapshot,
): { created: Set<string>; reused: Set<string>; errors: Map<string, ScopeError> } {
  const created = new Set<string>();
  const reused = new Set<string>();
  const errors = new Map<string, ScopeError>();
  for (const site of snapshot.analysis.callSites)
    for (const o of site.outcomes) {
      if (!o.scope || o.scope.file !== undefined) continue;
      const at = snapshot.lines.offsetAt(toPosition(o.scope.start));
      const direct = at === scope.from;
      const nested = at > scope.region.from && at < scope.region.to;
      if (!direct && !nested) continue;
      if (o.action === 'raise') {
        if (o.handled) continue;
        const message = o.error ?? `raises for ${o.name}`;
        const seen = errors.get(message);
        errors.set(message, { message, certain: o.certain || (seen?.certain ?? false) });
      } else (o.action === 'create' ? created : reused).add(o.name);
    }
  return { created, reused, errors };
}

/** An error TF raises under a scope: its first line, and whether it happens on every path. */
export interface ScopeError {
  readonly message: string;
  readonly certain: boolean;
}

/**
 * A scope's lens title: "2 variables created, 1 reused", then the errors under it, when any:
 * ", 1 error" (certain), ", 1 possible error" (on some paths, or resting on an assumption).
 */
export function lensTitle(created: number, reused: number, errors: readonly ScopeError[]): string {
  let title = `${plural(created, 'variable')} created, ${reused} reused`;
  const certain = errors.filter((e) => e.certain).length;
  const possible = errors.length - certain;
  if (certain > 0) title += `, ${plural(certain, 'error')}`;
  if (possible > 0) title += `, ${plural(possible, 'possible error')}`;
  return title;
}

/** The lens's tooltip: each error's message (TF's first line), certain ones first. */
export function lensTooltip(errors: readonly ScopeError[]): string | undefined {
  if (errors.length === 0) return undefined;
  const sorted = [...errors].sort((a, b) => Number(b.certain) - Number(a.certain));
  return sorted.map((e) => (e.certain ? e.message : `possibly: ${e.message}`)).join('\n');
}

export function codeLenses(snapshot: Snapshot): CodeLens[] {
  const index = indexOf(snapshot);
  return index.scopes.map((scope) => {
    const { created, reused, errors } = scopeCounts(scope, snapshot);
    const range = toRange(scope.site);
    const list = [...errors.values()];
    const tooltip = lensTooltip(list);
    const args: RevealVariablesArgs = tooltip
      ? [snapshot.uri, range.start.line, tooltip]
      : [snapshot.uri, range.start.line];
    return {
      range: { start: range.start, end: range.start },
      command: {
        title: lensTitle(created.size, reused.size, list),
        command: REVEAL_VARIABLES_COMMAND,
        arguments: args,
        // LSP 3.18's Command.tooltip, for clients that show it (VS Code's client reads the
        // third argument instead: its converter drops fields it does not know).
        ...(tooltip ? { tooltip } : {}),
      },
    };
  });
}

type Item =
  | { kind: 'scope'; ref: ScopeRef; from: number; to: number }
  | { kind: 'site'; ref: SiteRef; from: number; to: number };

function distinct(xs: string[]): string[] {
  return [...new Set(xs)];
}

export function documentSymbols(snapshot: Snapshot): DocumentSymbol[] {
  const index = indexOf(snapshot);
  const items: Item[] = [
    ...index.scopes.map((ref): Item => ({
      kind: 'scope',
      ref,
      from: ref.region.from,
      to: ref.region.to,
    })),
    ...index.sites.map((ref): Item => ({ kind: 'site', ref, from: ref.from, to: ref.to })),
  ];
  // Outer before inner: by start, then the longer first (a scope before the call it contains).
  items.sort((a, b) => a.from - b.from || b.to - a.to || (a.kind === 'scope' ? -1 : 1));
  const roots: DocumentSymbol[] = [];
  const stack: { item: Item; symbol: DocumentSymbol }[] = [];
  for (const item of items) {
    while (
      stack.length &&
      !(
        item.from >= stack[stack.length - 1].item.from && item.to <= stack[stack.length - 1].item.to
      )
    )
      stack.pop();
    const symbol = item.kind === 'scope' ? scopeSymbol(item.ref, snapshot) : siteSymbol(item.ref);
    const parent = stack[stack.length - 1];
    if (parent) (parent.symbol.children ??= []).push(symbol);
    else roots.push(symbol);
    if (item.kind === 'scope') stack.push({ item, symbol });
  }
  return roots;
}

function scopeSymbol(ref: ScopeRef, snapshot: Snapshot): DocumentSymbol {
  const names = distinct(ref.site.outcomes.map((o) => o.name));
  const reuse = distinct(ref.site.outcomes.map((o) => o.reuse));
  const selection = toRange(ref.site);
  return {
    name: names.join(' | ') || '(scope)',
    detail: `reuse=${reuse.join('|')}`,
    kind: SymbolKind.Namespace,
    range: snapshot.lines.range(ref.region.from, ref.region.to),
    selectionRange: selection,
    children: [],
  };
}

function siteSymbol(ref: SiteRef): DocumentSymbol {
  const names = siteNames(ref.site);
  const shapes = distinct(
    ref.site.outcomes.filter((o) => o.action !== 'raise').map((o) => o.shape ?? '?'),
  );
  const range = toRange(ref.site);
  const creates = ref.site.outcomes.some((o) => o.action === 'create');
  return {
    name: (names[0] ?? '(variable)') + (names.length > 1 ? ` (+${names.length - 1})` : ''),
    detail: shapes.length ? shapes.join(' | ') : 'raises',
    kind: creates ? SymbolKind.Variable : SymbolKind.Field,
    range,
    selectionRange: range,
  };
}

function within(range: Range, line: number): boolean {
  return line >= range.start.line && line <= range.end.line;
}

export function inlayHints(snapshot: Snapshot, range: Range): InlayHint[] {
  const out: InlayHint[] = [];
  for (const ref of indexOf(snapshot).sites) {
    const position = snapshot.lines.positionAt(ref.to);
    if (!within(range, position.line)) continue;
    const names = distinct(
      ref.site.outcomes.filter((o) => o.action !== 'raise').map((o) => o.name),
    );
    const label = names.length
      ? names.join(' | ')
      : `${distinct(ref.site.outcomes.map((o) => o.name)).join(' | ')} (raises)`;
    out.push({
      position,
      label,
      paddingLeft: true,
      tooltip: 'The full variable name (Scope Lens)',
    });
  }
  return out;
}
