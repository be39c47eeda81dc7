/**
 * Go to Definition (a reusing call → the call that created the variable; a name bound to a
 * layer object → the calls that created its variables), Find All References
 * (every call resolving to the same full name: open documents, the modules they import, and the
 * workspace's other files) and document highlights (the same, in this document).
 */
import {
  DocumentHighlight,
  DocumentHighlightKind,
  Location,
  type CancellationToken,
} from 'vscode-languageserver';
import type { CallSite } from '../analyzer/analyze';
import { toLocation, toRange, type UriResolver } from './convert';
import { siteNames, variableKey, type SiteRef, type Snapshot } from './sites';
import type { IndexedSite } from './workspace-index';

function dedupe(locations: Location[]): Location[] {
  const seen = new Set<string>();
  return locations.filter((l) => {
    const k = `${l.uri}|${l.range.start.line}:${l.range.start.character}-${l.range.end.line}:${l.range.end.character}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Where the variable(s) of a call were created: reuses' `createdAt`, or an existing creator. */
export function definition(ref: SiteRef, snapshot: Snapshot, uriOf: UriResolver): Location[] {
  const out: Location[] = [];
  for (const o of ref.site.outcomes)
    if (o.action === 'reuse' && o.createdAt) out.push(toLocation(o.createdAt, uriOf));
  if (out.length) return dedupe(out);
  // "already exists", a shape mismatch, ...: the variable was created by another call.
  const wanted = new Set(
    ref.site.outcomes.filter((o) => o.action === 'raise').map((o) => variableKey(o.name)),
  );
  if (!wanted.size) return [];
  for (const site of snapshot.analysis.callSites) {
    if (site === ref.site) continue;
    if (site.outcomes.some((o) => o.action === 'create' && wanted.has(variableKey(o.name))))
      out.push(toLocation(site, uriOf));
  }
  return dedupe(out);
}

/** Where variables were created: the sites (this file's and its modules') creating them. */
export function creators(
  names: readonly string[],
  snapshot: Snapshot,
  uriOf: UriResolver,
): Location[] {
  const wanted = new Set(names.map(variableKey));
  const out: Location[] = [];
  for (const site of snapshot.analysis.callSites)
    if (site.outcomes.some((o) => o.action === 'create' && wanted.has(variableKey(o.name))))
      out.push(toLocation(site, uriOf));
  return dedupe(out);
}

export function keysOf(site: CallSite): Set<string> {
  return new Set(siteNames(site).map(variableKey));
}

/** The sites of one analysis as index entries (each site's own file). */
export function indexedSites(snapshot: Snapshot, uriOf: UriResolver): IndexedSite[] {
  return snapshot.analysis.callSites.map((site) => {
    const creates = new Set<string>();
    const others = new Set<string>();
    for (const o of site.outcomes)
      (o.action === 'create' ? creates : others).add(variableKey(o.name));
    return {
      uri: uriOf(site.file),
      range: toRange(site),
      creates: [...creates],
      others: [...others],
    };
  });
}

export function references(
  keys: ReadonlySet<string>,
  sites: Iterable<IndexedSite>,
  includeDeclaration: boolean,
  token?: CancellationToken,
): Location[] {
  const out: Location[] = [];
  for (const s of sites) {
    if (token?.isCancellationRequested) break;
    const other = s.others.some((k) => keys.has(k));
    const creates = s.creates.some((k) => keys.has(k));
    if (other || (creates && includeDeclaration)) out.push({ uri: s.uri, range: s.range });
  }
  return dedupe(out);
}

export function highlights(snapshot: Snapshot, keys: ReadonlySet<string>): DocumentHighlight[] {
  const out: DocumentHighlight[] = [];
  for (const site of snapshot.analysis.callSites) {
    if (site.file !== undefined) continue;
    const actions = new Set(
      site.outcomes.filter((o) => keys.has(variableKey(o.name))).map((o) => o.action),
    );
    if (!actions.size) continue;
    // A call that creates the variable writes it; one that only reuses it reads it.
    const kind = actions.has('create')
      ? DocumentHighlightKind.Write
      : actions.has('reuse')
        ? DocumentHighlightKind.Read
        : DocumentHighlightKind.Text;
    out.push({ range: toRange(site), kind });
  }
  return out;
}
