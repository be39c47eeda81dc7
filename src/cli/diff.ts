/**
 * `scope-lens diff`: the variable names source code creates (the static analyzer) against the
 * keys of a checkpoint (src/checkpoint), without running anything.
 *
 *   scope-lens diff SOURCE... --checkpoint PATH [--json]
 *
 * SOURCE: `.py`/`.ts`/`.js` files or folders (imports of the program's own modules are
 * followed). PATH: anything `scope-lens ckpt` accepts. The comparison is src/checkpoint/diff.ts;
 * this module reads, prints and sets the exit status: 0 when everything the code certainly
 * creates is in the checkpoint with a matching shape and dtype, 1 otherwise, 2 on bad usage or
 * input (no sources, not a checkpoint). `--json` prints docs/diff-schema.md's form.
 */
import * as path from 'node:path';
import { CheckpointError } from '../checkpoint/errors';
import { openCheckpoint } from '../checkpoint/node';
import {
  codeVariablesFromAnalysis,
  DiffCodeVariable,
  diffCheckpoint,
  DiffLocation,
  DiffResult,
  formatStoredShape,
} from '../checkpoint/diff';
import type { VariableInfo } from '../checkpoint/bundle';
import { analyzeFiles } from './analyze';

export const DIFF_SCHEMA_VERSION = 1;

type Out = (s: string) => void;

export const DIFF_HELP = `Usage: scope-lens diff SOURCE... --checkpoint PATH [--json]

Compare the variable names the code creates (found statically, nothing runs)
with the keys of a TensorFlow checkpoint: names missing from the checkpoint,
shape and dtype mismatches, keys only the checkpoint has, and what is expected
to differ (optimizer slots, global_step, partitioned variables saved whole),
with suggestions for systematic differences (an extra or missing scope, '_1'
suffixes, weights/biases against kernel/bias).

SOURCE             .py, .ts or .js files or folders (imports are followed)
--checkpoint PATH  a checkpoint prefix (dir/model.ckpt-1), its .index file, or
                   a folder with a 'checkpoint' file
--json             print JSON (schema: docs/diff-schema.md)
--help, -h         show this help

Exit status: 0 everything the code creates is in the checkpoint with matching
shapes and dtypes, 1 otherwise, 2 bad usage or unreadable input.
`;

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function where(loc: DiffLocation): string {
  if (loc.file === undefined) return '';
  const rel = path.relative(process.cwd(), loc.file);
  const file = rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : loc.file;
  return loc.line !== undefined ? `${file}:${loc.line}` : file;
}

/**
 * Rows of cells in aligned columns (the last column is not padded), indented; a row's `note` is
 * printed on its own line below it and does not take part in the alignment.
 */
function table(rows: Array<{ cells: string[]; note?: string }>, indent = '  '): string {
  const widths: number[] = [];
  for (const r of rows) r.cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  let text = '';
  for (const r of rows) {
    const line = r.cells.map((c, i) => (i === r.cells.length - 1 ? c : c.padEnd(widths[i])));
    text += `${indent}${line.join('  ').trimEnd()}\n`;
    if (r.note) text += `${indent}    ${r.note}\n`;
  }
  return text;
}

function printText(
  result: DiffResult,
  files: number,
  prefix: string,
  incomplete: string[],
  out: Out,
): void {
  const s = result.summary;
  out(
    `scope-lens diff: ${plural(s.code, 'name')} in ${plural(files, 'file')} against ${prefix} (${plural(s.checkpoint, 'variable')})\n`,
  );
  for (const f of incomplete)
    out(`  note: the analysis of ${f} stopped early; some names may be missing from it\n`);

  const certain = result.missing.filter((m) => m.certain);
  const possible = result.missing.filter((m) => !m.certain);
  const missingRows = (list: typeof result.missing) =>
    list.map((m) => ({
      cells: [m.name, m.shape ?? '', m.dtype ?? '', where(m)],
      note: !m.closest
        ? undefined
        : m.suggestion !== undefined
          ? `-> ${m.closest.key} (suggestion ${m.suggestion + 1})`
          : `closest: ${m.closest.key}${m.closest.shapeMatches === false ? ' (another shape)' : ''}`,
    }));
  if (certain.length > 0) {
    out(`\nMissing from the checkpoint (${certain.length}):\n`);
    out(table(missingRows(certain)));
  }
  if (possible.length > 0) {
    out(
      `\nPossibly missing (${possible.length}; created on some paths only, or in a function analysed alone):\n`,
    );
    out(table(missingRows(possible)));
  }
  if (result.mismatches.length > 0) {
    out(`\nShape or dtype mismatches (${result.mismatches.length}):\n`);
    const rows: Array<{ cells: string[] }> = [];
    for (const m of result.mismatches) {
      const what: string[] = [];
      if (m.shape) what.push(`shape ${m.shape.code} in the code, ${m.shape.checkpoint} stored`);
      if (m.dtype) what.push(`dtype ${m.dtype.code} in the code, ${m.dtype.checkpoint} stored`);
      rows.push({ cells: [m.key, what.join('; '), where(m)] });
    }
    out(table(rows));
  }
  if (result.onlyInCheckpoint.length > 0) {
    out(`\nOnly in the checkpoint (${result.onlyInCheckpoint.length}):\n`);
    out(
      table(
        result.onlyInCheckpoint.map((v) => ({
          cells: [v.name, v.dtype, formatStoredShape(v.shape)],
        })),
      ),
    );
  }
  const e = result.expected;
  if (s.expected > 0) {
    out(`\nExpected differences (${s.expected}):\n`);
    if (e.slots.length > 0) {
      const bySlot = new Map<string, number>();
      for (const x of e.slots) bySlot.set(x.slot, (bySlot.get(x.slot) ?? 0) + 1);
      const counts = [...bySlot].map(([k, n]) => `${k} ${n}`).join(', ');
      out(`  optimizer slots: ${e.slots.length} (${counts}), e.g. ${e.slots[0].name}\n`);
    }
    if (e.optimizer.length > 0)
      out(`  optimizer variables: ${e.optimizer.length}: ${e.optimizer.join(', ')}\n`);
    if (e.globalStep.length > 0) out(`  global step: ${e.globalStep.join(', ')}\n`);
    for (const p of e.partitioned) {
      out(`  partitioned variable stored whole: ${p.key} (in the graph: ${p.parts.join(', ')})\n`);
    }
    if (e.other.length > 0) out(`  object-graph bookkeeping: ${e.other.join(', ')}\n`);
  }
  if (result.suggestions.length > 0) {
    out(`\nSuggestions:\n`);
    result.suggestions.forEach((g, i) => {
      out(`  ${i + 1}. ${g.message}\n`);
      for (const x of g.explains.slice(0, 3)) out(`       ${x.code} -> ${x.checkpoint}\n`);
      if (g.explains.length > 3) out(`       ... and ${g.explains.length - 3} more\n`);
    });
  }
  out(
    `\nMatched: ${s.matched} of ${plural(s.code, 'name')} (${plural(s.matchedKeys, 'checkpoint key')}).\n`,
  );
  if (s.ok) {
    out(
      `OK: everything the code creates is in the checkpoint with a matching shape and dtype${s.possiblyMissing > 0 ? ` (${s.possiblyMissing} possibly missing)` : ''}.\n`,
    );
  } else {
    const parts: string[] = [];
    if (s.missing > 0) parts.push(`${s.missing} missing`);
    if (s.mismatched > 0) parts.push(plural(s.mismatched, 'mismatch', 'mismatches'));
    out(`Differences: ${parts.join(', ')}.\n`);
  }
}

export function runDiff(args: string[], out: Out, err: Out): number {
  let json = false;
  let checkpoint: string | undefined;
  const sources: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--json') json = true;
    else if (a === '--help' || a === '-h') {
      out(DIFF_HELP);
      return 0;
    } else if (a === '--checkpoint') {
      if (i + 1 >= args.length) {
        err(`scope-lens diff: --checkpoint needs a path\n`);
        return 2;
      }
      checkpoint = args[++i];
    } else if (a.startsWith('--checkpoint=')) checkpoint = a.slice('--checkpoint='.length);
    else if (a.startsWith('-') && a !== '-') {
      err(`scope-lens diff: unknown option '${a}'. Try 'scope-lens diff --help'.\n`);
      return 2;
    } else sources.push(a);
  }
  if (checkpoint === undefined || checkpoint === '') {
    err(
      "scope-lens diff: give the checkpoint with --checkpoint PATH. Try 'scope-lens diff --help'.\n",
    );
    return 2;
  }
  if (sources.length === 0) {
    err('scope-lens diff: give at least one .py, .ts or .js file or folder\n');
    return 2;
  }
  let listing: VariableInfo[];
  let prefix: string;
  try {
    const reader = openCheckpoint(checkpoint);
    listing = reader.list();
    prefix = reader.prefix;
  } catch (e) {
    if (!(e instanceof CheckpointError)) throw e;
    err(`scope-lens diff: ${e.message}\n`);
    return 2;
  }
  const results = analyzeFiles(sources, (s) =>
    err(`scope-lens diff: ${s.replace(/^scope-lens: /, '')}`),
  );
  if (!results) return 2;
  if (results.length === 0) {
    err(`scope-lens diff: no .py, .ts or .js files in ${sources.join(', ')}\n`);
    return 2;
  }
  const code: DiffCodeVariable[] = [];
  for (const r of results) code.push(...codeVariablesFromAnalysis(r.analysis, r.path));
  const result = diffCheckpoint(code, listing);
  const incomplete = results.filter((r) => !r.analysis.complete).map((r) => r.path);
  if (json) {
    const doc = {
      schemaVersion: DIFF_SCHEMA_VERSION,
      checkpoint: { prefix, variables: listing.length },
      sources: results.map((r) => ({
        path: r.path,
        language: r.analysis.language,
        complete: r.analysis.complete,
        exhaustive: r.analysis.exhaustive,
      })),
      ...result,
    };
    out(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    printText(result, results.length, prefix, incomplete, out);
  }
  return result.summary.ok ? 0 : 1;
}
