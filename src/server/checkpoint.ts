/**
 * The code against a checkpoint, in the editor: with `scopeLens.checkpoint` set (or a
 * checkpoint chosen with Compare with Checkpoint…), every variable a document creates is looked
 * up among the checkpoint's keys (src/checkpoint's diff, the same rules as `scope-lens diff`).
 * A missing name is an SL-CKPT-MISSING diagnostic naming the closest key; a shape or dtype the
 * checkpoint stores differently an SL-CKPT-MISMATCH; hover shows what the checkpoint stores.
 *
 * The listing is read once per checkpoint and read again when its `.index` file changes. A path
 * that is not a readable checkpoint is reported once in the log and compares nothing.
 */
import * as path from 'node:path';
import type { Analysis, Diagnostic as AnalysisDiagnostic } from '../analyzer/analyze';
import { CATALOG } from '../analyzer/diagnostics/catalog';
import {
  codeVariablesFromAnalysis,
  diffCheckpoint,
  formatStoredShape,
  nameToKey,
  type DiffCheckpointVariable,
} from '../checkpoint/diff';
import type { CheckpointFiles } from './platform';

interface Loaded {
  readonly prefix: string;
  readonly indexMtime: number;
  readonly listing: DiffCheckpointVariable[];
  readonly byKey: Map<string, DiffCheckpointVariable>;
}

export class CheckpointComparison {
  private chosen: string | null = null;
  private fromSettings: string | null = null;
  private loaded: Loaded | null = null;
  private failed: string | null = null;

  constructor(
    private readonly log: (message: string) => void,
    private readonly files: CheckpointFiles,
    private readonly cwd: string,
  ) {}

  /** Reads ahead what the active checkpoint needs, where files come from a client. */
  async prepare(): Promise<void> {
    const wanted = this.chosen ?? this.fromSettings;
    if (wanted) await this.files.prepare?.(wanted);
  }

  /** A changed file: what was read of it is read again. */
  invalidate(path: string): void {
    this.files.invalidate?.(path);
  }

  /** `scopeLens.checkpoint`, resolved against the first workspace folder. */
  configure(setting: string | null, roots: readonly string[]): void {
    this.fromSettings = setting ? path.resolve(roots[0] ?? this.cwd, setting) : null;
  }

  /** A checkpoint chosen in the editor (null: back to the setting). */
  choose(p: string | null): void {
    this.chosen = p;
  }

  /** The active checkpoint's prefix and listing, or null when none is set or readable. */
  current(): Loaded | null {
    const wanted = this.chosen ?? this.fromSettings;
    if (!wanted) return null;
    const files = this.files;
    let prefix: string;
    try {
      prefix = files.resolve(wanted);
    } catch (e) {
      this.report(wanted, e);
      return null;
    }
    let mtime: number;
    try {
      mtime = files.version(prefix);
    } catch (e) {
      this.report(wanted, e);
      return null;
    }
    if (this.loaded && this.loaded.prefix === prefix && this.loaded.indexMtime === mtime)
      return this.loaded;
    try {
      const listing = files.list(prefix);
      this.loaded = {
        prefix,
        indexMtime: mtime,
        listing,
        byKey: new Map(listing.map((v) => [v.name, v])),
      };
      this.failed = null;
      return this.loaded;
    } catch (e) {
      this.report(wanted, e);
      return null;
    }
  }

  private report(p: string, e: unknown): void {
    const message = e instanceof Error ? e.message : String(e);
    if (this.failed === message) return;
    this.failed = message;
    this.log(`Scope Lens: cannot read the checkpoint ${p}: ${message}`);
  }

  /** Diagnostics at the calls of `file` whose variables the checkpoint lacks or stores otherwise. */
  diagnostics(analysis: Analysis): AnalysisDiagnostic[] {
    const ckpt = this.current();
    if (!ckpt) return [];
    const shown = displayPath(ckpt.prefix, this.cwd);
    const local = { callSites: analysis.callSites.filter((s) => !s.file) };
    const result = diffCheckpoint(codeVariablesFromAnalysis(local), ckpt.listing);
    const out: AnalysisDiagnostic[] = [];
    const siteOf = (line: number | undefined, name: string) =>
      local.callSites.find(
        (s) => s.start.line === line && s.outcomes.some((o) => nameToKey(o.name) === name),
      );
    for (const m of result.missing) {
      const site = siteOf(m.line, m.name);
      if (!site) continue;
      const entry = CATALOG.checkpointMissing;
      out.push({
        code: entry.code,
        severity: m.certain ? entry.severity : 'information',
        message: entry.message({
          name: m.name,
          checkpoint: shown,
          closest: m.closest?.key ?? '',
        }),
        start: site.start,
        end: site.end,
      });
    }
    for (const m of result.mismatches) {
      const site = siteOf(m.line, m.name);
      if (!site) continue;
      const stored = ckpt.byKey.get(m.key);
      const entry = CATALOG.checkpointMismatch;
      const outcome = site.outcomes.find((o) => nameToKey(o.name) === m.name);
      out.push({
        code: entry.code,
        severity: entry.severity,
        message: entry.message({
          checkpoint: shown,
          key: m.key,
          stored: stored ? `${formatStoredShape(stored.shape)} ${stored.dtype}` : '?',
          code: `${outcome?.shape ?? '?'} ${outcome?.dtype ?? '?'}`,
        }),
        start: site.start,
        end: site.end,
      });
    }
    return out;
  }

  /** Markdown for a hover on calls creating `names`: what the checkpoint stores for each. */
  hover(names: readonly string[]): string | null {
    const ckpt = this.current();
    if (!ckpt || names.length === 0) return null;
    const lines = names.slice(0, 5).map((n) => {
      const key = nameToKey(n);
      const stored = ckpt.byKey.get(key);
      return stored
        ? `- \`${key}\`: ${stored.dtype} ${formatStoredShape(stored.shape)}`
        : `- \`${key}\`: not in the checkpoint`;
    });
    return `**Checkpoint** ${displayPath(ckpt.prefix, this.cwd)}\n\n${lines.join('\n')}`;
  }

  /** The checkpoint's variables that no analysed document creates (for the client's view). */
  unclaimed(analyses: readonly Analysis[]): {
    checkpoint: string;
    keys: DiffCheckpointVariable[];
  } | null {
    const ckpt = this.current();
    if (!ckpt) return null;
    const code = analyses.flatMap((a) => codeVariablesFromAnalysis(a));
    const result = diffCheckpoint(code, ckpt.listing);
    return { checkpoint: ckpt.prefix, keys: result.onlyInCheckpoint };
  }
}

function displayPath(prefix: string, cwd: string): string {
  const rel = path.relative(cwd, prefix);
  return rel && !rel.startsWith('..') ? rel : prefix;
}
