/**
 * What `check`, `names` and `diff` analyse: the files named, and the Python, TypeScript and
 * JavaScript files of the folders named, minus what is not the user's own source.
 *
 * A folder walk skips dependencies (`node_modules`, `site-packages`), version control (`.git`,
 * ...), virtual environments (`venv`, `.venv`, any folder holding a `pyvenv.cfg`), `__pycache__`,
 * build output (`dist`, `out`, `build`) and other hidden folders; and files that are minified
 * (`*.min.js`, or a line longer than `LONG_LINE`), generated (their first lines say so), larger
 * than the size limit (`--max-size`, default 1 MB) or not text (NUL bytes, not UTF-8). Each is
 * listed with its reason (`skipped`). A file named on the command line is analysed whatever its
 * look, except when it is larger than the size limit (skipped) or is not Python/TS/JS source, is
 * binary, or cannot be read: those are *problems*, which make the command exit 2 after it has
 * checked every other input.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Skipped {
  readonly path: string;
  readonly reason: string;
}

/** One input ready to analyse: its path and text. */
export interface Input {
  readonly path: string;
  readonly text: string;
}

export interface Inputs {
  readonly files: Input[];
  readonly skipped: Skipped[];
  /** Messages for inputs that could not be checked (`path: why`), for stderr; exit status 2. */
  readonly problems: string[];
}

export const DEFAULT_MAX_SIZE = 1_000_000;
/** A line this long is not hand-written source. */
export const LONG_LINE = 5000;

const SOURCE = /\.(py|[cm]?[jt]sx?)$/;

const SKIPPED_FOLDERS: Readonly<Record<string, string>> = {
  node_modules: 'dependencies',
  'site-packages': 'dependencies',
  bower_components: 'dependencies',
  '.git': 'version control',
  '.hg': 'version control',
  '.svn': 'version control',
  venv: 'virtual environment',
  '.venv': 'virtual environment',
  __pycache__: 'Python cache',
  dist: 'build output',
  out: 'build output',
  build: 'build output',
};

const GENERATED = /@generated\b|\bauto-?generated\b|\bgenerated (?:by|from)\b|\bdo not edit\b/i;

/** Reads the inputs of `paths` (files or folders). Never throws. */
export function collectInputs(paths: readonly string[], maxSize = DEFAULT_MAX_SIZE): Inputs {
  const inputs: Inputs = { files: [], skipped: [], problems: [] };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch (e) {
      inputs.problems.push(
        isCode(e, 'ENOENT') || isCode(e, 'ENOTDIR')
          ? `${p}: no such file or folder`
          : `${p}: cannot be read (${errorText(e)})`,
      );
      continue;
    }
    if (st.isDirectory()) walk(p, inputs, maxSize);
    else if (!SOURCE.test(p) || p.endsWith('.d.ts'))
      inputs.problems.push(`${p}: not a Python, TypeScript or JavaScript file`);
    else readInput(p, st.size, inputs, maxSize, true);
  }
  return inputs;
}

function walk(dir: string, inputs: Inputs, maxSize: number): void {
  let names: string[];
  try {
    names = fs.readdirSync(dir).sort();
  } catch (e) {
    inputs.problems.push(`${dir}: cannot be read (${errorText(e)})`);
    return;
  }
  for (const name of names) {
    const p = path.join(dir, name);
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      continue; // a dangling link: nothing to check
    }
    if (st.isDirectory()) {
      const reason =
        SKIPPED_FOLDERS[name] ??
        (fs.existsSync(path.join(p, 'pyvenv.cfg'))
          ? 'virtual environment'
          : name.startsWith('.')
            ? 'hidden folder'
            : undefined);
      if (reason) inputs.skipped.push({ path: p, reason });
      else walk(p, inputs, maxSize);
    } else if (SOURCE.test(name) && !name.endsWith('.d.ts')) {
      if (/\.min\.[cm]?js$/.test(name)) inputs.skipped.push({ path: p, reason: 'minified' });
      else readInput(p, st.size, inputs, maxSize, false);
    }
  }
}

function readInput(p: string, size: number, inputs: Inputs, maxSize: number, named: boolean): void {
  if (size > maxSize) {
    inputs.skipped.push({
      path: p,
      reason: `${megabytes(size)}, over --max-size ${megabytes(maxSize)}`,
    });
    return;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(p);
  } catch (e) {
    inputs.problems.push(`${p}: cannot be read (${errorText(e)})`);
    return;
  }
  const text = decode(bytes);
  if (text === undefined) {
    const why = bytes.includes(0) ? 'binary (NUL bytes)' : 'not UTF-8 text';
    if (named) inputs.problems.push(`${p}: ${why}, not source code`);
    else inputs.skipped.push({ path: p, reason: why });
    return;
  }
  if (!named) {
    const head = text.split(/\r?\n/, 5).join('\n');
    if (GENERATED.test(head)) {
      inputs.skipped.push({ path: p, reason: 'generated (its first lines say so)' });
      return;
    }
    const long = longestLine(text);
    if (long > LONG_LINE) {
      inputs.skipped.push({ path: p, reason: `minified (a line of ${long} characters)` });
      return;
    }
  }
  inputs.files.push({ path: p, text });
}

/** The text of UTF-8 bytes; undefined for binary content (NUL bytes, invalid UTF-8). */
export function decode(bytes: Uint8Array): string | undefined {
  if (bytes.includes(0)) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function longestLine(text: string): number {
  let longest = 0;
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    longest = Math.max(longest, end - start);
    if (nl < 0) return longest;
    start = nl + 1;
  }
}

/** `1.2 MB`, `340 KB`: sizes as the summary line shows them (decimal units). */
export function megabytes(size: number): string {
  if (size >= 1_000_000) return `${Number((size / 1_000_000).toFixed(1))} MB`;
  return `${Math.max(1, Math.round(size / 1000))} KB`;
}

/** `--max-size` values: bytes, or with a K/KB/M/MB suffix (decimal). NaN when not valid. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(k|kb|m|mb|b)?$/i.exec(text.trim());
  if (!m) return NaN;
  const unit = (m[2] ?? 'b').toLowerCase();
  const scale = unit.startsWith('m') ? 1_000_000 : unit.startsWith('k') ? 1000 : 1;
  return Math.round(Number(m[1]) * scale);
}

/**
 * The skipped inputs in one line: `skipped 3 folders and 2 files: node_modules
 * (dependencies), ...` (folders first, the first few by name, then how many more).
 */
export function skippedSummary(all: readonly Skipped[], shown = 6): string {
  let skipped = all;
  const isFolder = skipped.map((s) => !SOURCE.test(s.path) || isDir(s.path));
  const folders = isFolder.filter(Boolean).length;
  const files = skipped.length - folders;
  // Folders first: they are what usually makes a walk slow (node_modules, dist).
  skipped = [...skipped.filter((_, i) => isFolder[i]), ...skipped.filter((_, i) => !isFolder[i])];
  const parts: string[] = [];
  if (folders) parts.push(`${folders} folder${folders === 1 ? '' : 's'}`);
  if (files) parts.push(`${files} file${files === 1 ? '' : 's'}`);
  const listed = skipped.slice(0, shown).map((s) => `${s.path} (${s.reason})`);
  const more = skipped.length > shown ? `, and ${skipped.length - shown} more` : '';
  return `skipped ${parts.join(' and ')}: ${listed.join(', ')}${more}`;
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isCode(e: unknown, code: string): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === code;
}

function errorText(e: unknown): string {
  if (typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string')
    return (e as { code: string }).code;
  return e instanceof Error ? e.message : String(e);
}
