/**
 * Between the analyzer's world and LSP's: positions (the analyzer's are 1-based lines and
 * columns, LSP's 0-based; both count UTF-16 code units, so only the origin differs), offsets,
 * file paths and URIs, and diagnostics (severity settings applied, related sites, a link to the
 * code's documentation).
 */
import { fileURLToPath, pathToFileURL } from 'node:url';
import type {
  Diagnostic as AnalysisDiagnostic,
  Location as AnalysisLocation,
} from '../analyzer/analyze';
import type { Position as IrPosition } from '../analyzer/ir';
import { Diagnostic, DiagnosticSeverity, Location, Position, Range } from 'vscode-languageserver';
import type { Settings } from './settings';

/** The repository (package.json `repository`); diagnostics link to its docs/diagnostics.md. */
export const REPOSITORY_URL = 'https://github.com/scope-lens/scope-lens';
export const DIAGNOSTICS_DOC_URL = `${REPOSITORY_URL}/blob/main/docs/diagnostics.md`;
export const SOURCE = 'Scope Lens';

/** The documentation of a diagnostic code: one heading per code, GitHub's anchor for it. */
export function codeHref(code: string): string {
  return `${DIAGNOSTICS_DOC_URL}#${code.toLowerCase()}`;
}

/** Offsets ↔ LSP positions for one text (`\n`, `\r\n` and a lone `\r` end lines, as in LSP). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 10) this.starts.push(i + 1);
      else if (ch === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: o - this.starts[lo] };
  }

  offsetAt(p: Position): number {
    if (p.line < 0) return 0;
    if (p.line >= this.starts.length) return this.text.length;
    const start = this.starts[p.line];
    const end = p.line + 1 < this.starts.length ? this.starts[p.line + 1] : this.text.length;
    return Math.min(start + Math.max(0, p.character), end);
  }

  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line, this.starts.length - 1))];
  }

  range(from: number, to: number): Range {
    return { start: this.positionAt(from), end: this.positionAt(to) };
  }
}

export function toPosition(p: IrPosition): Position {
  return { line: Math.max(0, p.line - 1), character: Math.max(0, p.column - 1) };
}

export function toRange(l: { readonly start: IrPosition; readonly end: IrPosition }): Range {
  return { start: toPosition(l.start), end: toPosition(l.end) };
}

/** A file path for a `file:` URI; other schemes (untitled:, ...) have none. */
/**
 * A workspace whose files are not on this machine's disk (vscode.dev's `vscode-vfs://`, the web
 * test host's `vscode-test-web://`) has URIs of its own scheme; the server then uses their paths
 * as file paths (POSIX), and maps paths back to URIs of that scheme and authority.
 */
let virtualBase: string | undefined;

/** Paths are the paths of URIs like `uri` (its scheme and authority); undefined: the disk's. */
export function useVirtualFileSystem(uri: string | undefined): void {
  const m = uri === undefined ? null : /^([a-zA-Z][\w+.-]*:\/\/[^/]*)/.exec(uri);
  virtualBase = m && !m[1].startsWith('file:') ? m[1] : undefined;
}

export function uriToPath(uri: string): string | undefined {
  if (virtualBase !== undefined && uri.startsWith(`${virtualBase}/`)) {
    try {
      return decodeURIComponent(uri.slice(virtualBase.length));
    } catch {
      return undefined;
    }
  }
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function pathToUri(path: string): string {
  if (virtualBase !== undefined)
    return virtualBase + path.split('/').map(encodeURIComponent).join('/');
  return pathToFileURL(path).href;
}

/** Maps the analyzer's file paths to URIs: open documents keep the URI their client sent. */
export interface UriResolver {
  (file: string | undefined): string;
}

export function toLocation(l: AnalysisLocation, uriOf: UriResolver): Location {
  return { uri: uriOf(l.file), range: toRange(l) };
}

const SEVERITY: Record<string, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The analysis' diagnostics as LSP's, with `scopeLens.severity` applied (`off` drops one). */
export function toDiagnostics(
  diagnostics: readonly AnalysisDiagnostic[],
  settings: Settings,
  uriOf: UriResolver,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const d of diagnostics) {
    const level = settings.severity.get(d.code) ?? d.severity;
    if (level === 'off') continue;
    const diagnostic: Diagnostic = {
      range: toRange(d),
      severity: SEVERITY[level] ?? DiagnosticSeverity.Warning,
      code: d.code,
      codeDescription: { href: codeHref(d.code) },
      source: SOURCE,
      message: d.message,
    };
    if (d.related?.length)
      diagnostic.relatedInformation = d.related.map((r) => ({
        location: toLocation(r, uriOf),
        message: r.message,
      }));
    out.push(diagnostic);
  }
  return out;
}

export function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

export function sameRange(a: Range, b: Range): boolean {
  return samePosition(a.start, b.start) && samePosition(a.end, b.end);
}

export function rangeContains(r: Range, p: Position): boolean {
  const afterStart =
    p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const beforeEnd =
    p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return afterStart && beforeEnd;
}
