/**
 * Python syntax errors users see (`SL-SYNTAX`), from @lezer/python's error nodes.
 *
 * Lezer's grammar is not CPython's: it flags some valid code. Those false errors must never
 * reach the user, so the text is first parsed in a *neutralised* copy (same length, so every
 * offset stays valid) where the valid constructs lezer rejects are rewritten into ones it
 * accepts, and the error nodes that remain are dropped when they sit in a construct lezer is
 * known to misread. Each class below was found by parsing a corpus of valid files (this
 * repository's examples and fixtures, CPython 3.11's standard library and the packages
 * installed with it, TF1 model repositories) and is named with an example.
 *
 * Rewritten in the copy (the replacement has the same length):
 * - A float ending in a dot, `1.`, `2.*x`, `f(1., 2.)`: lezer reads a member access on `1` with
 *   the member missing. The dot becomes a space (`1 ` is an int: as good for the grammar).
 * - A bare `yield` (`yield` alone on its line, `(yield)`, `x = yield`): lezer wants an operand.
 *   It becomes the name `Yield`.
 * - `print >>f, x` (Python 2's print to a file; a valid tuple expression in Python 3): lezer
 *   reads a print statement, which has no `>>`. `print` becomes the name `Print`.
 * - `print` as a name at the start of a statement, `print = log.info`, `print += 1`,
 *   `print == x`: lezer reads a print statement. `print` becomes `Print`.
 * - Python 2's print statement with commas, `print "loss:", loss` and `print i,` (TF 1.x ran on
 *   Python 2.7, and TF1 repositories are full of them): lezer's print statement takes one
 *   expression. `print` becomes `_=` and spaces, a tuple assigned.
 * - The target of `with ... as` when it is not a plain name: `as (a, b)`, `as self.x`,
 *   `as x[0]`. Lezer accepts only a name there. The target becomes `_` characters.
 * - Parenthesised context managers, `with (A() as a, B() as b):` (Python 3.10). The brackets
 *   (and line breaks between them) become spaces.
 * - A backslash ending a line that a blank line follows, `x = (1)\` (TensorFlow-Examples'
 *   boosted trees): CPython joins the blank line, which ends the statement; lezer reads a
 *   statement cut short. The backslash becomes a space, outside strings (only on a line whose
 *   quotes pair up).
 *
 * Dropped when the error node lies inside:
 * - a `case` pattern of a `match` statement (class patterns with `as`, and other patterns lezer
 *   does not know);
 * - a decorator (Python 3.9 allows any expression, `@a.b[1]`; lezer only names and calls);
 * - an f-string (lezer's format-string grammar misreads some escapes of braces in `rf'...'`);
 * - a comprehension's `for` target with a star, `[x for a, *rest in y]`.
 *
 * The cost is one more parse, and only for a text whose first parse had errors.
 */
import type { SyntaxNode, Tree } from '@lezer/common';
import { parser } from '@lezer/python';

export interface SyntaxProblem {
  readonly from: number;
  readonly to: number;
  readonly message: string;
}

/** More than this many are not reported (a file that is not Python at all). */
const MAX_PROBLEMS = 20;

/** The syntax errors of `source`, at most one per line, false ones left out. Never throws. */
export function pythonSyntaxErrors(source: string): SyntaxProblem[] {
  try {
    const text = neutralise(source);
    return collect(parser.parse(text), text);
  } catch {
    return [];
  }
}

function collect(tree: Tree, text: string): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  let lastLineStart = -1;
  const cursor = tree.cursor();
  for (;;) {
    if (cursor.type.isError && out.length < MAX_PROBLEMS) {
      const node = cursor.node;
      if (!knownFalse(node, text)) {
        const lineStart = text.lastIndexOf('\n', node.from - 1) + 1;
        if (lineStart !== lastLineStart) {
          lastLineStart = lineStart;
          out.push(
            unclosed(node, text) ?? { from: node.from, to: node.to, message: describe(node, text) },
          );
        }
      }
    }
    if (out.length >= MAX_PROBLEMS) break;
    if (cursor.firstChild()) continue;
    let done = false;
    while (!cursor.nextSibling()) {
      if (!cursor.parent()) {
        done = true;
        break;
      }
    }
    if (done) break;
  }
  // Lezer takes an indented statement at the top level for a statement: Python does not.
  for (let n = tree.topNode.firstChild; n && out.length < MAX_PROBLEMS; n = n.nextSibling) {
    const lineStart = text.lastIndexOf('\n', n.from - 1) + 1;
    if (
      n.from > lineStart &&
      /^[ \t]+$/.test(text.slice(lineStart, n.from)) &&
      !n.type.isError &&
      n.name !== 'Comment'
    )
      out.push({
        from: lineStart,
        to: n.from,
        message: `unexpected indent (the rest of the file is analysed as far as it could be read)`,
      });
  }
  return out.sort((x, y) => x.from - y.from);
}

const LONG_EXPRESSION = 2000;

const FALSE_CONTEXTS = new Set(['MatchClause', 'Decorator', 'FormatString']);

function knownFalse(node: SyntaxNode, text: string): boolean {
  for (let p: SyntaxNode | null = node.parent; p; p = p.parent) {
    if (FALSE_CONTEXTS.has(p.name)) return true;
    // `@a.b[1]`: the error closes the decorated statement right after its decorator.
    if (p.name === 'DecoratedStatement' && node.prevSibling?.name === 'Decorator') return true;
    if (p.name.endsWith('Statement') || p.name === 'Script') break;
  }
  // `for a, *rest in` in a comprehension: the star is the error, after `for` in the same node.
  if (node.firstChild?.name === '*') {
    for (let s = node.prevSibling; s; s = s.prevSibling) if (s.name === 'for') return true;
  }
  // Lezer gives up inside a very long expression (a generated polynomial of thousands of
  // terms): an error in or right after an expression longer than this is not the user's.
  const parent = node.parent;
  const near = [parent, node.prevSibling, parent?.prevSibling];
  if (near.some((n) => n && /Expression$/.test(n.name) && n.to - n.from > LONG_EXPRESSION))
    return true;
  // The same on a file of hundreds of kilobytes: an error of nothing but a line break between
  // two statements, on a line that holds only a comment.
  if (parent?.name === 'Script' && !text.slice(node.from, node.to).trim()) {
    const lineStart = text.lastIndexOf('\n', node.from - 1) + 1;
    const lineEnd = text.indexOf('\n', node.from);
    if (/^[ \t]*#/.test(text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd))) return true;
  }
  return false;
}

const CLOSING: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

/** An error that is a bracket never closed: shown at the bracket, as Python does. */
function unclosed(node: SyntaxNode, text: string): SyntaxProblem | undefined {
  // The innermost bracketed node around the error (up to its statement) left open.
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.name.endsWith('Statement') || parent.name === 'Script' || parent.name === 'Body')
      return undefined;
    const open = parent.firstChild;
    if (!open || !(open.name in CLOSING) || open.to - open.from !== 1) continue;
    if (parent.lastChild?.name === CLOSING[open.name]) continue;
    if (text.slice(open.from, open.to) !== open.name) continue;
    // Only when the statement ran on past the bracket's line (`x = f(1,` then the next
    // statement); an error on the bracket's own line (`def f(:`) is that line's.
    if (!/[\r\n]/.test(text.slice(open.from, node.from))) return undefined;
    return {
      from: open.from,
      to: open.to,
      message: `'${open.name}' was never closed (the rest of the file is analysed as far as it could be read)`,
    };
  }
  return undefined;
}

function describe(node: SyntaxNode, text: string): string {
  const note = 'the rest of the file is analysed as far as it could be read';
  if (node.to > node.from) {
    let what = text.slice(node.from, node.to).split(/\r?\n/)[0].trim();
    if (what.length > 24) what = `${what.slice(0, 24)}…`;
    if (what) return `invalid syntax: unexpected '${what}' (${note})`;
  }
  const parent = node.parent;
  const where =
    parent && parent.name !== 'Script' && parent.name !== 'Body'
      ? ` ${readable(parent.name)}`
      : ' statement';
  return `invalid syntax: incomplete${where} (${note})`;
}

const NAMES: Record<string, string> = {
  ParamList: 'parameter list',
  ArgList: 'argument list',
  TypeDef: 'annotation',
  FunctionDefinition: 'function definition',
  ClassDefinition: 'class definition',
  ParenthesizedExpression: 'parenthesised expression',
};

function readable(name: string): string {
  return NAMES[name] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The text with the valid constructs lezer rejects rewritten (same length; see the header). */
export function neutralise(source: string): string {
  const chars = source.split('');
  const blank = (from: number, to: number, ch: string, keepBreaks = false) => {
    for (let i = from; i < to; i++)
      if (!(keepBreaks && (chars[i] === '\n' || chars[i] === '\r'))) chars[i] = ch;
  };
  // `1.` not followed by a digit, a name character or another dot (`1.e5` and `1.5` parse).
  for (const m of source.matchAll(/(?<![\w.])\d[\d_]*\.(?![\w.])/g)) {
    const dot = (m.index ?? 0) + m[0].length - 1;
    chars[dot] = ' ';
  }
  for (const m of source.matchAll(/\byield(?=[ \t]*(?:[)\]},;#\r\n]|$))/g)) {
    const at = m.index ?? 0;
    chars[at] = 'Y';
  }
  for (const m of source.matchAll(/\bprint[ \t]*>>/g)) chars[m.index ?? 0] = 'P';
  // `print` as a name a statement starts with (`print = logger.info`, `print += 1`,
  // `print == x`): lezer reads a print statement. `print` becomes `Print`.
  const printAsName = /^([ \t]*)print(?=[ \t]*(?:[-+*/%&|^@<>!=]?=|\*\*=|\/\/=|<<=|>>=))/gm;
  for (const m of source.matchAll(printAsName)) chars[(m.index ?? 0) + m[1].length] = 'P';
  // Python 2's print statement with a comma (`print "loss:", loss`, `print i,`): lezer reads a
  // print statement of one expression. `print` becomes `_=` and spaces: a tuple assigned.
  for (const m of source.matchAll(
    /^([ \t]*)print[ \t]+(?![(=>.,)#\r\n]|[-+*/%&|^@<>!]=|\*\*=|\/\/=)/gm,
  )) {
    const at = (m.index ?? 0) + m[1].length;
    chars[at] = '_';
    chars[at + 1] = '=';
    blank(at + 2, at + 5, ' ');
  }
  // A line continued onto a blank line: `[^\n]*` is the line before the backslash.
  for (const m of source.matchAll(/^([^\r\n]*)\\(?=\r?\n[ \t]*(?:\r?\n|$))/gm)) {
    const quotes = m[1].match(/['"]/g)?.length ?? 0;
    if (quotes % 2 === 0) chars[(m.index ?? 0) + m[1].length] = ' ';
  }
  // `with` statements: from the keyword at the start of a line to the `:` ending the header.
  for (const m of source.matchAll(/^[ \t]*(?:async[ \t]+)?with\b[ \t]*/gm)) {
    const from = (m.index ?? 0) + m[0].length;
    const colon = headerEnd(source, from);
    if (colon < 0) continue;
    if (source[from] === '(') {
      const close = matching(source, from);
      // A parenthesised group of context managers, `with (a as b, c as d):`; not
      // `with (a) as b:`, where `as` follows the bracket.
      if (close > 0 && /^[ \t]*:/.test(source.slice(close + 1, colon + 1))) {
        if (/\bas\b/.test(source.slice(from, close))) {
          chars[from] = ' ';
          chars[close] = ' ';
          for (let i = from; i < close; i++)
            if (chars[i] === '\n' || chars[i] === '\r') chars[i] = ' ';
        }
      }
    }
    for (const a of source.slice(from, colon).matchAll(/\bas[ \t]+(?=[([A-Za-z_])/g)) {
      const start = from + (a.index ?? 0) + a[0].length;
      const end = Math.min(targetEnd(source, start), colon);
      if (end <= start) continue;
      if (/^[A-Za-z_]\w*$/.test(source.slice(start, end))) continue;
      blank(start, end, '_');
    }
  }
  return chars.join('');
}

/** The `:` ending a compound statement's header that starts at `from` (-1: none found). */
function headerEnd(source: string, from: number): number {
  const limit = Math.min(source.length, from + 4000);
  for (let i = from; i < limit; i++) {
    const c = source[i];
    if (c === ':') return i;
    // A backslash at the end of a line continues the header on the next.
    if (c === '\\' && (source[i + 1] === '\n' || source[i + 1] === '\r')) {
      i += source[i + 1] === '\r' && source[i + 2] === '\n' ? 2 : 1;
      continue;
    }
    if (c === '\n' || c === '#') return -1;
    if (c === '(' || c === '[' || c === '{') {
      const close = matching(source, i);
      if (close < 0) return -1;
      i = close;
    } else if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}

/** The end of an assignment target at `start`: a name or bracket, then `.name` and `[...]`. */
function targetEnd(source: string, start: number): number {
  let i = start;
  if (source[i] === '(' || source[i] === '[') {
    const close = matching(source, i);
    if (close < 0) return start;
    i = close + 1;
  } else {
    const m = /^[A-Za-z_]\w*/.exec(source.slice(i, i + 200));
    if (!m) return start;
    i += m[0].length;
  }
  for (;;) {
    if (source[i] === '.') {
      const m = /^\.[A-Za-z_]\w*/.exec(source.slice(i, i + 200));
      if (!m) return i;
      i += m[0].length;
    } else if (source[i] === '[') {
      const close = matching(source, i);
      if (close < 0) return i;
      i = close + 1;
    } else return i;
  }
}

/** The bracket closing the one at `open` (strings skipped roughly), or -1 within 4000 chars. */
function matching(source: string, open: number): number {
  let depth = 0;
  const limit = Math.min(source.length, open + 4000);
  for (let i = open; i < limit; i++) {
    const c = source[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (--depth === 0) return i;
    } else if (c === '"' || c === "'") {
      const end = source.indexOf(c, i + 1);
      if (end < 0) return -1;
      i = end;
    } else if (c === '#') {
      const end = source.indexOf('\n', i);
      if (end < 0) return -1;
      i = end;
    }
  }
  return -1;
}
