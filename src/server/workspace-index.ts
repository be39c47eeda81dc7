/**
 * The workspace's other Python/TypeScript/JavaScript files, analysed lazily for Find All
 * References: listed under the workspace folders (skipping dependency, build and hidden
 * folders), filtered by the same cheap text test as open documents, analysed one per turn of the
 * event loop, and cached by modification time and size. Caps bound the listing and the
 * analyses, so a huge workspace costs a bounded amount of time and memory.
 */
import * as nodePath from 'node:path';
import type { CancellationToken, Range } from 'vscode-languageserver';
import { analyze } from '../analyzer/analyze';
import { pathToUri, toRange } from './convert';
import { DocumentStore, isRelevant, kindOf } from './documents';
import { nextTurn as onNextTurn, type FileStat, type ServerFiles } from './platform';
import { variableKey } from './sites';

export interface IndexedSite {
  readonly uri: string;
  readonly range: Range;
  /** Variable keys (full names without `:0`) the call creates. */
  readonly creates: readonly string[];
  /** Keys it reuses or raises about. */
  readonly others: readonly string[];
}

interface Entry {
  readonly mtimeMs: number;
  readonly size: number;
  readonly sites: readonly IndexedSite[];
}

export const MAX_LISTED_FILES = 3000;
export const MAX_INDEXED_FILES = 500;
const MAX_FILE_BYTES = 1_000_000;
const SKIP_DIRS = new Set([
  'node_modules',
  '__pycache__',
  'site-packages',
  'dist',
  'out',
  'build',
  'venv',
  'env',
]);
const EXTENSIONS = /\.(py|ts|tsx|js|jsx|mjs|cjs)$/;

const nextTurn = () => new Promise<void>((resolve) => onNextTurn(resolve));

export class WorkspaceIndex {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly store: DocumentStore,
    private readonly roots: () => readonly string[],
    private readonly fs: ServerFiles,
  ) {}

  invalidate(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
  }

  get size(): number {
    return this.cache.size;
  }

  /** The files under the workspace folders that could hold variables, at most MAX_LISTED_FILES. */
  async files(token?: CancellationToken): Promise<string[]> {
    const out: string[] = [];
    const dirs = [...this.roots()];
    let visited = 0;
    while (dirs.length && out.length < MAX_LISTED_FILES && !token?.isCancellationRequested) {
      const dir = dirs.shift() as string;
      const entries = await this.fs.readDirectory(dir);
      if (!entries) continue;
      entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name, kind] of entries) {
        if (name.startsWith('.')) continue;
        const p = nodePath.join(dir, name);
        if (kind === 'directory') {
          if (!SKIP_DIRS.has(name)) dirs.push(p);
        } else if (kind === 'file' && EXTENSIONS.test(name) && !name.endsWith('.d.ts')) {
          out.push(p);
          if (out.length >= MAX_LISTED_FILES) break;
        }
      }
      if (++visited % 50 === 0) await nextTurn();
    }
    return out;
  }

  /** Sites of every workspace file that is not open (open documents answer for themselves). */
  async sites(token?: CancellationToken): Promise<IndexedSite[]> {
    const out: IndexedSite[] = [];
    const files = await this.files(token);
    for (const file of files) {
      if (token?.isCancellationRequested) break;
      if (this.store.uriOfPath(file)) continue;
      const kind = kindOf('', file);
      if (!this.store.enabled(kind)) continue;
      const stat = await this.fs.stat(file);
      if (!stat) continue;
      const cached = this.cache.get(file);
      if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) {
        out.push(...cached.sites);
        continue;
      }
      if (this.cache.size >= MAX_INDEXED_FILES && !cached) continue;
      const entry = await this.analyse(file, kind === 'python' ? 'python' : 'typescript', stat);
      this.cache.set(file, entry);
      out.push(...entry.sites);
      await nextTurn();
    }
    return out;
  }

  private async analyse(
    file: string,
    language: 'python' | 'typescript',
    stat: FileStat,
  ): Promise<Entry> {
    const entry = { mtimeMs: stat.mtimeMs, size: stat.size, sites: [] as IndexedSite[] };
    if (stat.size > MAX_FILE_BYTES) return entry;
    const text = await this.fs.readText(file);
    if (text === undefined || !isRelevant(text)) return entry;
    const analysis = analyze(text, this.store.options(file, language));
    for (const site of analysis.callSites) {
      const creates = new Set<string>();
      const others = new Set<string>();
      for (const o of site.outcomes)
        (o.action === 'create' ? creates : others).add(variableKey(o.name));
      const path = site.file ?? file;
      entry.sites.push({
        uri: this.store.uriOfPath(path) ?? pathToUri(path),
        range: toRange(site),
        creates: [...creates],
        others: [...others],
      });
    }
    return entry;
  }
}
