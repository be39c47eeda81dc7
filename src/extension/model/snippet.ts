/**
 * What Run Selection runs. Every run starts from a fresh program state, so the selected lines
 * alone would miss the names the file imports at its top (`tf`). The program is therefore the
 * file's top-level import statements above the selection, then the selection, each on its own
 * line of the file, every other line left empty: tracebacks and error marks name the file's real
 * lines. A Python selection is dedented when all its lines share an indentation (a block chosen
 * inside a function runs as top-level code). Editor-free.
 */

export interface SelectionProgram {
  /** The program text; line N of it is line N of the file. */
  readonly code: string;
  /** The selection's first line (1-based), for messages. */
  readonly firstLine: number;
  /** How many import lines above the selection were kept. */
  readonly importLines: number;
}

/**
 * `fileText` is the whole document; the selection is `selected`, starting on 0-based
 * `startLine`. `python` picks Python's import forms and dedenting; otherwise TS/JS imports
 * (`import ...` and top-level `const x = require(...)`).
 */
export function selectionProgram(
  fileText: string,
  selected: string,
  startLine: number,
  python: boolean,
): SelectionProgram {
  const lines = fileText.split(/\r?\n/);
  const above = lines.slice(0, startLine);
  const kept = python ? pythonImports(above) : scriptImports(above);
  const prelude = above.map((line, i) => (kept.has(i) ? line : ''));
  const body = python ? dedent(selected) : selected;
  const code = [...prelude, body].join('\n');
  return {
    code: code.endsWith('\n') ? code : `${code}\n`,
    firstLine: startLine + 1,
    importLines: kept.size,
  };
}

/** Indexes of the lines of top-level `import`/`from ... import` statements (with continuations). */
function pythonImports(lines: string[]): Set<number> {
  return statements(lines, (line) => /^(import|from)\s/.test(line));
}

/** Indexes of the lines of top-level `import` declarations and `require` bindings. */
function scriptImports(lines: string[]): Set<number> {
  return statements(
    lines,
    (line) => /^import[\s{*'"]/.test(line) || /^(const|let|var)\s[^=]+=\s*require\(/.test(line),
  );
}

/** Lines starting a statement (`starts`, at column 0) plus those continuing it (open brackets, `\`). */
function statements(lines: string[], starts: (line: string) => boolean): Set<number> {
  const kept = new Set<number>();
  for (let i = 0; i < lines.length; i++) {
    if (!starts(lines[i])) continue;
    let depth = 0;
    for (let j = i; j < lines.length; j++) {
      kept.add(j);
      const code = lines[j].replace(/(#|\/\/).*$/, '');
      for (const ch of code) {
        if ('([{'.includes(ch)) depth++;
        else if (')]}'.includes(ch)) depth--;
      }
      if (depth <= 0 && !code.trimEnd().endsWith('\\')) {
        i = j;
        break;
      }
    }
  }
  return kept;
}

/** Removes the indentation every non-blank line shares. */
export function dedent(text: string): string {
  const lines = text.split(/\r?\n/);
  let common: string | null = null;
  for (const line of lines) {
    if (line.trim() === '') continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (common === null) {
      common = indent;
    } else if (!indent.startsWith(common)) {
      let i = 0;
      while (i < common.length && i < indent.length && common[i] === indent[i]) i++;
      common = common.slice(0, i);
    }
    if (common === '') return text;
  }
  if (!common) return text;
  const cut = common.length;
  return lines.map((l) => (l.trim() === '' ? '' : l.slice(cut))).join('\n');
}
