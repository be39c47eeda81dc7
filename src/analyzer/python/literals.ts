/**
 * Python literal decoding for the front end: string prefixes, quotes and escapes, and numeric
 * literals with Python's int/float/complex distinction. Works on literal source text only; it
 * knows nothing about the syntax tree. Never throws: a malformed literal (for example one cut
 * off while the user types) decodes as far as it goes.
 */

export interface StringPrefix {
  readonly raw: boolean;
  readonly bytes: boolean;
  readonly format: boolean;
  /** Characters of prefix + opening quote(s). */
  readonly openLength: number;
  /** The quote sequence (`'`, `"`, `'''` or `"""`), or '' if the text has no quote. */
  readonly quote: string;
}

export function stringPrefix(text: string): StringPrefix {
  let i = 0;
  let raw = false;
  let bytes = false;
  let format = false;
  while (i < text.length && i < 3) {
    const c = text[i].toLowerCase();
    if (c === 'r') raw = true;
    else if (c === 'b') bytes = true;
    else if (c === 'f') format = true;
    else if (c !== 'u') break;
    i++;
  }
  const q = text[i];
  if (q !== "'" && q !== '"') return { raw, bytes, format, openLength: i, quote: '' };
  const quote = text.startsWith(q.repeat(3), i) ? q.repeat(3) : q;
  return { raw, bytes, format, openLength: i + quote.length, quote };
}

/** The part of a string literal between its quotes (tolerating a missing closing quote). */
export function stringBody(text: string, prefix: StringPrefix): { from: number; to: number } {
  const from = prefix.openLength;
  let to = text.length;
  if (prefix.quote && to - from >= prefix.quote.length && text.endsWith(prefix.quote)) {
    to -= prefix.quote.length;
  }
  return { from, to: Math.max(from, to) };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/**
 * Decodes backslash escapes as CPython does for a non-raw literal. `\N{NAME}` is kept verbatim
 * (no Unicode name table here); `\u`/`\U` are ignored in bytes, as in Python. Unknown escapes
 * keep their backslash, as Python does (with a warning).
 */
export function decodeEscapes(body: string, bytes: boolean): string {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const ch = body[i];
    if (ch !== '\\' || i + 1 >= body.length) {
      out += ch;
      i++;
      continue;
    }
    const next = body[i + 1];
    if (next === '\n') {
      i += 2;
      continue;
    }
    if (next === '\r') {
      i += body[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (next >= '0' && next <= '7') {
      let j = i + 1;
      while (j < body.length && j < i + 4 && body[j] >= '0' && body[j] <= '7') j++;
      out += String.fromCodePoint(parseInt(body.slice(i + 1, j), 8));
      i = j;
      continue;
    }
    const hexLength =
      next === 'x' ? 2 : !bytes && next === 'u' ? 4 : !bytes && next === 'U' ? 8 : 0;
    if (hexLength > 0) {
      const hex = body.slice(i + 2, i + 2 + hexLength);
      const code = /^[0-9a-fA-F]+$/.test(hex) && hex.length === hexLength ? parseInt(hex, 16) : -1;
      if (code >= 0 && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += 2 + hexLength;
        continue;
      }
    }
    out += ch + next;
    i += 2;
  }
  return out;
}

export interface DecodedString {
  readonly value: string;
  readonly bytes: boolean;
}

/** Decodes a complete non-f string literal (`'a'`, `rb"\d"`, `"""..."""`). */
export function decodeString(text: string): DecodedString {
  const prefix = stringPrefix(text);
  const { from, to } = stringBody(text, prefix);
  const body = text.slice(from, to);
  return { value: prefix.raw ? body : decodeEscapes(body, prefix.bytes), bytes: prefix.bytes };
}

/** Literal text inside an f-string: escapes (unless raw) and the doubled braces `{{`, `}}`. */
export function decodeFStringText(body: string, raw: boolean): string {
  const unbraced = body.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
  return raw ? unbraced : decodeEscapes(unbraced, false);
}

export type NumberType = 'int' | 'float' | 'complex';

/**
 * Python's numeric literal rules: `0x1f`, `0o17`, `0b101`, `1_000` and plain digits are ints;
 * a `.` or an exponent makes a float (`1.`, `.5`, `1e3`); a `j` suffix makes a complex (its
 * imaginary part is returned). Returns null for text that is no Python number.
 */
export function parseNumber(text: string): { value: number; pyType: NumberType } | null {
  const t = text.replace(/_/g, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(t)) return { value: parseInt(t.slice(2), 16), pyType: 'int' };
  if (/^0[oO][0-7]+$/.test(t)) return { value: parseInt(t.slice(2), 8), pyType: 'int' };
  if (/^0[bB][01]+$/.test(t)) return { value: parseInt(t.slice(2), 2), pyType: 'int' };
  if (/^[0-9]+$/.test(t)) return { value: Number(t), pyType: 'int' };
  const decimal = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/;
  if (/[jJ]$/.test(t) && decimal.test(t.slice(0, -1))) {
    return { value: Number(t.slice(0, -1)), pyType: 'complex' };
  }
  if (decimal.test(t)) return { value: Number(t), pyType: 'float' };
  return null;
}
