/**
 * The program's JSON configuration files, as models read their hyperparameters
 * (`json.load(open(args.wavenet_params))`, `hparams.override_from_dict(json.load(f))`): `open`
 * of a path the analyzer knows, for reading, gives a file whose text the caller's `readData`
 * supplies (no I/O here; analyze.ts decides which files may be read: JSON files in the
 * workspace, small enough); `json.load` / `json.loads` turn that text into Python values.
 * `os.path.join` / `dirname` / `basename` / `splitext` of known strings compute as Python's
 * (POSIX) do, so a path built from `__file__` is known too. Everything else stays unknown.
 */
import { NONE, UNKNOWN_VALUE, type BuiltinFn, type Value } from './values';

function builtin(name: string, call: BuiltinFn, harmless = true): Value {
  return { k: 'builtin', name, call, harmless };
}

const str = (v: string): Value => ({ k: 'str', v });

/** A known string, without holes, or undefined. */
function knownString(v: Value | undefined): string | undefined {
  return v && v.k === 'str' && !v.v.includes('\u0001') ? v.v : undefined;
}

/** A JSON document as Python values (`json.loads`); undefined when it is not JSON. */
export function fromJson(text: string): Value | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const convert = (x: unknown, depth: number): Value => {
    if (depth > 32) return UNKNOWN_VALUE;
    if (x === null) return NONE;
    if (typeof x === 'boolean') return { k: 'bool', v: x };
    if (typeof x === 'number')
      return Number.isInteger(x) ? { k: 'int', v: x } : { k: 'float', v: x };
    if (typeof x === 'string') return str(x);
    if (Array.isArray(x)) return { k: 'list', items: x.map((y) => convert(y, depth + 1)) };
    if (typeof x === 'object')
      return {
        k: 'dict',
        entries: Object.entries(x as Record<string, unknown>).map(([k, y]) => [
          str(k),
          convert(y, depth + 1),
        ]),
      };
    return UNKNOWN_VALUE;
  };
  return convert(parsed, 0);
}

/** A file opened for reading: its text when the caller could supply it. */
export function fileObject(text: string | undefined): Value {
  const read = () => (text === undefined ? UNKNOWN_VALUE : str(text));
  return {
    k: 'object',
    kind: 'file',
    attrs: new Map<string, Value>([
      ['read', builtin('read', read)],
      ['close', builtin('close', () => NONE)],
      ['_text', text === undefined ? UNKNOWN_VALUE : str(text)],
    ]),
  };
}

/** `open(path, mode='r')`: a file to read when the mode only reads; otherwise not known. */
export function openBuiltin(readData: ((path: string) => string | undefined) | undefined): Value {
  return builtin(
    'open',
    (args, kwargs) => {
      const path = knownString(args[0] ?? kwargs.get('file'));
      const modeArg = args[1] ?? kwargs.get('mode');
      const mode = modeArg === undefined ? 'r' : knownString(modeArg);
      if (path === undefined || mode === undefined || !/^r[tb]?$/.test(mode)) return UNKNOWN_VALUE;
      return fileObject(mode === 'rb' ? undefined : readData?.(path));
    },
    // Nothing TF knows changes (a file opened to write is not written): a probe goes on.
    true,
  );
}

/** The text of a file object `open` made, if known. */
function fileText(v: Value | undefined): string | undefined {
  if (!v || v.k !== 'object' || v.kind !== 'file') return undefined;
  return knownString(v.attrs.get('_text'));
}

/** Python's `json`: `load` and `loads` of what is known; `dump(s)` change nothing TF knows. */
export function jsonModule(): Value {
  const vars = new Map<string, Value>([
    [
      'load',
      builtin('load', (args, kwargs) => {
        const text = fileText(args[0] ?? kwargs.get('fp'));
        return (text !== undefined && fromJson(text)) || UNKNOWN_VALUE;
      }),
    ],
    [
      'loads',
      builtin('loads', (args, kwargs) => {
        const text = knownString(args[0] ?? kwargs.get('s'));
        return (text !== undefined && fromJson(text)) || UNKNOWN_VALUE;
      }),
    ],
    ['dump', builtin('dump', () => NONE)],
    ['dumps', builtin('dumps', () => UNKNOWN_VALUE)],
  ]);
  return { k: 'object', kind: 'module json', attrs: vars };
}

/** POSIX `os.path.join`. */
function joinPaths(parts: string[]): string {
  let out = '';
  for (const p of parts) {
    if (p.startsWith('/')) out = p;
    else if (out === '' || out.endsWith('/')) out += p;
    else out += `/${p}`;
  }
  return out;
}

/** `os.path`'s string functions of known strings. */
export function osPathModule(): Value {
  const strings = (args: Value[]) => {
    const out: string[] = [];
    for (const a of args) {
      const s = knownString(a);
      if (s === undefined) return undefined;
      out.push(s);
    }
    return out;
  };
  const dirname = (p: string) => {
    const i = p.lastIndexOf('/') + 1;
    const head = p.slice(0, i);
    return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
  };
  const vars = new Map<string, Value>([
    [
      'join',
      builtin('join', (args) => {
        const parts = strings(args);
        return parts && parts.length > 0 ? str(joinPaths(parts)) : UNKNOWN_VALUE;
      }),
    ],
    [
      'dirname',
      builtin('dirname', (args) => {
        const p = knownString(args[0]);
        return p === undefined ? UNKNOWN_VALUE : str(dirname(p));
      }),
    ],
    [
      'basename',
      builtin('basename', (args) => {
        const p = knownString(args[0]);
        return p === undefined ? UNKNOWN_VALUE : str(p.slice(p.lastIndexOf('/') + 1));
      }),
    ],
    [
      'splitext',
      builtin('splitext', (args) => {
        const p = knownString(args[0]);
        if (p === undefined) return UNKNOWN_VALUE;
        const base = p.slice(p.lastIndexOf('/') + 1);
        const dot = base.lastIndexOf('.');
        const cut =
          dot > 0 && base.slice(0, dot).replace(/\./g, '') !== ''
            ? p.length - base.length + dot
            : p.length;
        return { k: 'tuple', items: [str(p.slice(0, cut)), str(p.slice(cut))] };
      }),
    ],
  ]);
  return { k: 'object', kind: 'module os.path', attrs: vars };
}
