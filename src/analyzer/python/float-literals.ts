/**
 * Floats written with a dot before their exponent (`1.e-3`, `2.E+5`, `1.e8`): Python reads one
 * number, lezer reads a member access `1.e` and then an operator. Where such a float sits in an
 * expression (`1.e-3 * x` is `1.e - (3 * x)` to lezer, `x + 1.e-8` is `(x + 1.e) - 8`) no local
 * repair of the tree can undo it, so the text is rewritten before it is parsed: each such
 * literal becomes a float of the same length and value without the dot (`1.e-3` → `1e-03`,
 * `2.E+5` → `2E+05`). Offsets are unchanged, so spans still point into the user's text; strings
 * and comments are left as they are.
 */

/** The text with every float of the form `<digits>.<e|E>[+-]<digits>` rewritten in place. */
export function normalizeFloats(text: string): string {
  // Most files have none: one scan for `.e` / `.E` decides.
  if (!/\.[eE]/.test(text)) return text;
  let out: string[] | null = null;
  let copied = 0;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 35 /* # */) {
      const eol = text.indexOf('\n', i);
      i = eol < 0 ? n : eol;
    } else if (c === 34 /* " */ || c === 39 /* ' */) {
      i = skipString(text, i);
    } else if (isDigit(c) && (i === 0 || !isNameOrDot(text.charCodeAt(i - 1)))) {
      let j = i;
      while (j < n && (isDigit(text.charCodeAt(j)) || text.charCodeAt(j) === 95)) j++;
      const m = /^\.([eE])([+-]?)([0-9][0-9_]*)/.exec(text.slice(j, j + 40));
      if (m && !isNameChar(text.charCodeAt(j + m[0].length))) {
        out ??= [];
        out.push(text.slice(copied, i), text.slice(i, j), m[1], m[2], '0', m[3]);
        copied = j + m[0].length;
        i = copied;
      } else i = j;
    } else if (isNameChar(c)) {
      // A name (or the rest of a number written another way): skipped whole, so its digits
      // (`x1`) are not taken for a number.
      while (i < n && isNameChar(text.charCodeAt(i))) i++;
    } else i++;
  }
  if (!out) return text;
  out.push(text.slice(copied));
  return out.join('');
}

/** The offset just past the string starting at `i` (its quote), or the end of the text. */
function skipString(text: string, i: number): number {
  const q = text[i];
  const triple = text.startsWith(q + q + q, i);
  const close = triple ? q + q + q : q;
  let j = i + close.length;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (text.startsWith(close, j)) return j + close.length;
    else if (!triple && c === '\n') return j;
    else j++;
  }
  return text.length;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isNameChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127
  );
}

function isNameOrDot(c: number): boolean {
  return isNameChar(c) || c === 46;
}
