/**
 * `scope-lens check` and `scope-lens names`: the static analyzer from the command line.
 *
 *   scope-lens check [--format text|json] PATH...   diagnostics; exit 1 when any error
 *   scope-lens names [--json] PATH...                every variable: name, shape, dtype, where
 *
 * A PATH is a `.py`, `.ts` or `.js` file or a folder (searched for those, skipping hidden folders
 * and node_modules). Imports of the program's own modules are followed. The JSON form is documented in docs/analysis-schema.md (schemaVersion 2).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Analysis } from '../analyzer/analyze';

/** 2: outcomes carry their call `trail`; `variables[].createdAt` is the analysed file's call. */
export const SCHEMA_VERSION = 2;

type Out = (s: string) => void;

function collect(p: string, out: string[]): void {
  const st = fs.statSync(p);
  if (st.isDirectory()) {
    for (const name of fs.readdirSync(p).sort()) {
      if (name.startsWith('.') || name === 'node_modules' || name === '__pycache__') continue;
      collect(path.join(p, name), out);
    }
  } else if (/\.(py|[cm]?[jt]sx?)$/.test(p) && !p.endsWith('.d.ts')) out.push(p);
}

/** Reads a file of the program for the analyzer's imports (undefined when there is none). */
export function readProgramFile(p: string): string | undefined {
  try {
    return fs.statSync(p).isFile() ? fs.readFileSync(p, 'utf8') : undefined;
  } catch {
    return undefined;
  }
}

/** Analyses every file of `paths` (files or folders); null (message on `err`) if one is missing. */
export function analyzeFiles(
  paths: string[],
  err: Out,
): Array<{ path: string; analysis: Analysis }> | null {
  const files: string[] = [];
  for (const p of paths) {
    if (!fs.existsSync(p)) {
      err(`scope-lens: no such file or folder: ${p}\n`);
      return null;
    }
    collect(p, files);
  }
  return files.map((f) => ({
    path: f,
    analysis: analyze(fs.readFileSync(f, 'utf8'), {
      path: path.resolve(f),
      readFile: readProgramFile,
      roots: [process.cwd()],
    }),
  }));
}

export function runCheck(args: string[], out: Out, err: Out): number {
  let format = 'text';
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--format') format = args[++i] ?? '';
    else if (args[i].startsWith('--format=')) format = args[i].slice(9);
    else if (args[i].startsWith('-')) {
      err(`scope-lens check: unknown option '${args[i]}'\n`);
      return 2;
    } else paths.push(args[i]);
  }
  if (format !== 'text' && format !== 'json') {
    err(`scope-lens check: --format must be text or json\n`);
    return 2;
  }
  if (paths.length === 0) {
    err('scope-lens check: give at least one .py file or folder\n');
    return 2;
  }
  const results = analyzeFiles(paths, err);
  if (!results) return 2;
  let errors = 0;
  for (const r of results)
    errors += r.analysis.diagnostics.filter((d) => d.severity === 'error').length;
  if (format === 'json') {
    out(
      `${JSON.stringify({ schemaVersion: SCHEMA_VERSION, files: results.map((r) => ({ path: r.path, ...r.analysis })) }, null, 2)}\n`,
    );
  } else {
    for (const r of results) {
      // Hints (SL-TF2-API) are for editors; the JSON form has them too.
      for (const d of r.analysis.diagnostics) {
        if (d.severity === 'hint') continue;
        out(`${r.path}:${d.start.line}:${d.start.column}: ${d.severity} ${d.code}: ${d.message}\n`);
      }
    }
    out(
      `${errors} error${errors === 1 ? '' : 's'} in ${results.length} file${results.length === 1 ? '' : 's'}\n`,
    );
  }
  return errors > 0 ? 1 : 0;
}

export function runNames(args: string[], out: Out, err: Out): number {
  const json = args.includes('--json');
  const bad = args.find((a) => a.startsWith('-') && a !== '--json');
  if (bad) {
    err(`scope-lens names: unknown option '${bad}'\n`);
    return 2;
  }
  const paths = args.filter((a) => !a.startsWith('-'));
  if (paths.length === 0) {
    err('scope-lens names: give at least one .py file or folder\n');
    return 2;
  }
  const results = analyzeFiles(paths, err);
  if (!results) return 2;
  if (json) {
    const files = results.map((r) => ({ path: r.path, variables: r.analysis.variables }));
    out(`${JSON.stringify({ schemaVersion: SCHEMA_VERSION, files }, null, 2)}\n`);
    return 0;
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
  return 0;
}
