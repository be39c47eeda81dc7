/**
 * Which files of a walk can reach TensorFlow or the engine API, so that the CLI interprets only
 * those (the others get their syntax checked): a Python file with an import of `tensorflow`, a
 * TypeScript/JavaScript file that imports `scope-lens` (or the package's `src/index`), or a file
 * that imports one of the program's own modules that does, transitively. Imports are found by
 * regular expressions over the text (TS/JS comments left out), which errs on the side of
 * analysing (an import written in a string counts). A program whose TF code lives in a module it never imports has nothing
 * to show anyway; the editor uses a cheaper test of the text alone (src/server/documents.ts).
 */
import * as path from 'node:path';

const TS_IMPORT =
  /\bfrom\s*['"]([^'"\n]+)['"]|\brequire\s*\(\s*['"]([^'"\n]+)['"]|\bimport\s*\(?\s*['"]([^'"\n]+)['"]/g;
const PY_IMPORT = /^[ \t]*(?:from[ \t]+(\.*)([\w.]*)[ \t]+import\b|import[ \t]+([\w., \t]+))/gm;
/** An import statement naming `tensorflow` (not a mention in a docstring or comment). */
const PY_TENSORFLOW = /^[ \t]*(?:import|from)[ \t]+[^\n#]*\btensorflow\b/m;
const TS_COMMENTS = /\/\*[\s\S]*?\*\/|(^|[^:'"`\\])\/\/[^\n]*/g;
const TS_EXTENSIONS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js', ''];

/** The same test as the analyzer's for the engine API's module. */
function isEngineModule(spec: string): boolean {
  return (
    spec === 'scope-lens' ||
    spec.startsWith('scope-lens/') ||
    (spec.startsWith('.') && /(^|\/)src(\/index)?(\.[cm]?[jt]s)?$/.test(spec))
  );
}

export class Relevance {
  private readonly memo = new Map<string, boolean>();

  constructor(
    private readonly read: (file: string) => string | undefined,
    private readonly roots: readonly string[],
  ) {}

  /** Whether `file` (with this text) can reach TensorFlow or the engine API. */
  relevant(file: string, text: string): boolean {
    return this.check(path.resolve(file), text, 0);
  }

  private check(file: string, text: string, depth: number): boolean {
    const known = this.memo.get(file);
    if (known !== undefined) return known;
    // In progress (an import cycle) counts as not relevant until it is known.
    this.memo.set(file, false);
    const python = file.endsWith('.py');
    let found = python ? PY_TENSORFLOW.test(text) : false;
    if (!found && depth < 64) {
      for (const dep of python ? this.pythonImports(file, text) : this.tsImports(file, text)) {
        if (dep === 'engine') {
          found = true;
          break;
        }
        const depText = this.read(dep);
        if (depText !== undefined && this.check(dep, depText, depth + 1)) {
          found = true;
          break;
        }
      }
    }
    this.memo.set(file, found);
    return found;
  }

  /** The files (or 'engine') a TS/JS file imports. */
  private *tsImports(file: string, text: string): Generator<string> {
    // Comments talk about imports (`require('scope-lens')` in a module's header) too.
    const code = text.replace(TS_COMMENTS, (_, before: string | undefined) => before ?? '');
    for (const m of code.matchAll(TS_IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3] ?? '';
      if (isEngineModule(spec)) yield 'engine';
      else if (spec.startsWith('.')) {
        const base = path.resolve(path.dirname(file), spec);
        for (const ext of TS_EXTENSIONS) {
          const candidate = base + ext;
          if (this.read(candidate) !== undefined) {
            yield candidate;
            break;
          }
        }
      }
    }
  }

  /** The program's own modules a Python file imports. */
  private *pythonImports(file: string, text: string): Generator<string> {
    for (const m of text.matchAll(PY_IMPORT)) {
      const names =
        m[3] !== undefined ? m[3].split(',').map((n) => n.trim().split(/\s+/)[0]) : [m[2]];
      const level = m[1]?.length ?? 0;
      const bases: string[] = [];
      if (level > 0) {
        let dir = path.dirname(file);
        for (let i = 1; i < level; i++) dir = path.dirname(dir);
        bases.push(dir);
      } else bases.push(path.dirname(file), ...this.roots.map((r) => path.resolve(r)));
      for (const name of names) {
        if (!name && level === 0) continue;
        const rel = name ? name.split('.').join(path.sep) : '';
        for (const base of bases) {
          const candidates = rel
            ? [path.join(base, `${rel}.py`), path.join(base, rel, '__init__.py')]
            : [path.join(base, '__init__.py')];
          for (const c of candidates) if (this.read(c) !== undefined) yield c;
        }
      }
    }
  }
}
