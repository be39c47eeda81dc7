/**
 * `scope-lens check` and `scope-lens names`: the static analyzer from the command line.
 *
 *   scope-lens check [--format text|json] [--max-size SIZE] PATH...   diagnostics
 *   scope-lens names [--json] [--max-size SIZE] PATH...                every variable
 *
 * A PATH is a `.py`, `.ts` or `.js` file or a folder; what a folder walk skips, and why, is in
 * ./inputs.ts (the text output lists it in one line, the JSON a `skipped` array). Imports of the
 * program's own modules are followed. The JSON form is documented in docs/analysis-schema.md
 * (schemaVersion 2).
 *
 * Exit status: 2 when an input could not be checked (missing, unreadable, binary, not source
 * code: said on stderr), after every other input has been checked; else 1 when `check` found an
 * error; else 0.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Analysis, AnalyzeOptions } from '../analyzer/analyze';
import { usePreloweredBeside } from '../library-ir';
import { Relevance } from './relevant';
import { collectInputs, DEFAULT_MAX_SIZE, parseSize, Skipped, skippedSummary } from './inputs';

/** 2: outcomes carry their call `trail`; `variables[].createdAt` is the analysed file's call. */
export const SCHEMA_VERSION = 2;

type Out = (s: string) => void;

/** Reads a file of the program for the analyzer's imports (undefined when there is none). */
export function readProgramFile(p: string): string | undefined {
  try {
    return fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

export interface Checked {
  readonly results: Array<{ path: string; analysis: Analysis }>;
  readonly skipped: Skipped[];
  /** Some input could not be checked (its message went to `err`). */
  readonly failed: boolean;
}

/** Analyses every input of `paths` (files or folders); what could not be, said on `err`. */
export function checkInputs(
  paths: string[],
  err: Out,
  maxSize = DEFAULT_MAX_SIZE,
  options: Pick<AnalyzeOptions, 'timeLimitMs'> = {},
): Checked {
  // The layer libraries' IR from the build, beside this bundle (none beside tsc's out/).
  usePreloweredBeside(__dirname);
  const inputs = collectInputs(paths, maxSize);
  for (const p of inputs.problems) err(`scope-lens: ${p}\n`);
  // Each imported module is lowered once for the whole command.
  const importCache: NonNullable<AnalyzeOptions['importCache']> = new Map();
  const roots = [process.cwd()];
  const texts = new Map<string, string | undefined>();
  const read = (p: string) => {
    if (!texts.has(p)) texts.set(p, readProgramFile(p));
    return texts.get(p);
  };
  // Files that cannot reach TensorFlow or the engine API get their syntax checked only.
  const relevance = new Relevance(read, roots);
  const results = inputs.files.map((f) => ({
    path: f.path,
    analysis: analyze(f.text, {
      path: path.resolve(f.path),
      readFile: read,
      roots,
      importCache,
      interpret: relevance.relevant(f.path, f.text),
      ...options,
    }),
  }));
  return { results, skipped: inputs.skipped, failed: inputs.problems.length > 0 };
}

/** Analyses every file of `paths` (files or folders); null (messages on `err`) if one failed. */
export function analyzeFiles(
  paths: string[],
  err: Out,
): Array<{ path: string; analysis: Analysis }> | null {
  const checked = checkInputs(paths, err);
  return checked.failed ? null : checked.results;
}

interface Common {
  paths: string[];
  maxSize: number;
  /** The option that was not understood (an error message). */
  bad?: string;
}

/** `--max-size SIZE` and the paths; the caller's own flags are taken out by `own`. */
function parseCommon(args: string[], own: (arg: string, next: () => string) => boolean): Common {
  const c: Common = { paths: [], maxSize: DEFAULT_MAX_SIZE };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i] ?? '';
    if (own(a, next)) continue;
    if (a === '--max-size' || a.startsWith('--max-size=')) {
      const text = a === '--max-size' ? next() : a.slice(11);
      const size = parseSize(text);
      if (!(size > 0))
        c.bad ??= `--max-size must be a size such as 1MB, 500KB or 200000 (got '${text}')`;
      else c.maxSize = size;
    } else if (a.startsWith('-')) c.bad ??= `unknown option '${a}'`;
    else c.paths.push(a);
  }
  return c;
}

export function runCheck(args: string[], out: Out, err: Out): number {
  let format = 'text';
  const c = parseCommon(args, (a, next) => {
    if (a === '--format') format = next();
    else if (a.startsWith('--format=')) format = a.slice(9);
    else return false;
    return true;
  });
  if (c.bad) {
    err(`scope-lens check: ${c.bad}\n`);
    return 2;
  }
  if (format !== 'text' && format !== 'json') {
    err(`scope-lens check: --format must be text or json\n`);
    return 2;
  }
  if (c.paths.length === 0) {
    err('scope-lens check: give at least one .py file or folder\n');
    return 2;
  }
  const { results, skipped, failed } = checkInputs(c.paths, err, c.maxSize);
  let errors = 0;
  for (const r of results)
    errors += r.analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (format === 'json') {
    out(
      `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, files: results.map((r) => ({ path: r.path, ...r.analysis })), ...(skipped.length ? { skipped } : {}) }, null, 2)}\n`,
    );
  } else {
    for (const r of results) {
      // Hints (SL-TF2-API) are for editors; the JSON form has them too.
      for (const d of r.analysis.diagnostics) {
        if (d.severity === 'hint') continue;
        out(`${r.path}:${d.start.line}:${d.start.column}: ${d.severity} ${d.code}: ${d.message}\n`);
      }
      if (r.analysis.reason?.startsWith('time limit'))
        out(`${r.path}: note: analysis stopped early (${r.analysis.reason})\n`);
    }
    if (skipped.length) out(`${skippedSummary(skipped)}\n`);
    out(
      `${errors} error${errors === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}\n`,
    );
  }
  if (failed) return 2;
  return errors > 0 ? 1 : 0;
}

export function runNames(args: string[], out: Out, err: Out): number {
  let json = false;
  const c = parseCommon(args, (a) => (a === '--json' ? (json = true) : false));
  if (c.bad) {
    err(`scope-lens names: ${c.bad}\n`);
    return 2;
  }
  if (c.paths.length === 0) {
    err('scope-lens names: give at least one .py file or folder\n');
    return 2;
  }
  const { results, skipped, failed } = checkInputs(c.paths, err, c.maxSize);
  const status = failed ? 2 : 0;
  if (json) {
    const files = results.map((r) => ({ path: r.path, variables: r.analysis.variables }));
    out(
      `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, files, ...(skipped.length ? { skipped } : {}) }, null, 2)}\n`,
    );
    return status;
  }
  for (const r of results) {
    out(`${r.path}\n`);
    const vars = r.analysis.variables;
    const width = (f: (v: (typeof vars)[number]) => string, min: number) =>
      Math.max(min, ...vars.map((v) => f(v).length));
    const [wn, ws, wd] = [
      width((v) => v.name, 28),
      width((v) => v.shape, 16),
      width((v) => v.dtype, 12),
    ];
    for (const v of vars) {
      const reused = v.reusedAt.length ? `, reused at ${v.reusedAt.join(', ')}` : '';
      // `created at 11 (build_model, line 6)`: the call, then where inside it.
      const inner = v.createdIn
        ? ` (${v.createdIn.function ? `${v.createdIn.function}, ` : ''}${
            v.createdIn.file ? `${path.basename(v.createdIn.file)} ` : ''
          }line ${v.createdIn.line})`
        : '';
      out(
        `  ${v.name.padEnd(wn)} ${v.shape.padEnd(ws)} ${v.dtype.padEnd(wd)} created at ${v.createdAt}${inner}${reused}\n`,
      );
    }
  }
  if (skipped.length) out(`${skippedSummary(skipped)}\n`);
  return status;
}
