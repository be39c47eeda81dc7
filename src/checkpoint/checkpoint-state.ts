/**
 * The `checkpoint` file next to checkpoints: a `CheckpointState` in protobuf text format
 * (`tensorflow/python/training/checkpoint_state.proto`), written by `tf.train.Saver` through
 * `update_checkpoint_state` and read by `tf.train.get_checkpoint_state` / `latest_checkpoint`:
 *
 *   model_checkpoint_path: "model.ckpt-1"
 *   all_model_checkpoint_paths: "model.ckpt-0"
 *   all_model_checkpoint_paths: "model.ckpt-1"
 *
 * Fields: `model_checkpoint_path` (1), repeated `all_model_checkpoint_paths` (2), and in newer
 * releases repeated `all_model_checkpoint_timestamps` (3, double) and `last_preserved_timestamp`
 * (4, double). Paths are usually relative to the file's folder.
 *
 * The parser accepts the text format's syntax as far as this message needs: `name: value` pairs
 * separated by whitespace, commas or semicolons, `#` comments, strings in single or double
 * quotes with C escapes (adjacent strings concatenate), numbers. The formatter escapes like
 * protobuf's `CEscape` (non-ASCII bytes as octal), as Python's `text_format.MessageToString`.
 */
import { fail } from './errors';

export interface CheckpointState {
  modelCheckpointPath: string;
  allModelCheckpointPaths: string[];
  allModelCheckpointTimestamps?: number[];
  lastPreservedTimestamp?: number;
}

const utf8 = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8');

type Token = { kind: 'ident' | 'colon' | 'string' | 'number'; text: string; line: number };

function tokenize(text: string, file: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  let line = 1;
  const err = (msg: string): never => fail('no-checkpoint', file, `line ${line}: ${msg}`);
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') {
      line++;
      i++;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === ',' || c === ';') i++;
    else if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === ':') {
      tokens.push({ kind: 'colon', text: c, line });
      i++;
    } else if (/[A-Za-z_]/.test(c)) {
      const start = i;
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
      tokens.push({ kind: 'ident', text: text.slice(start, i), line });
    } else if (/[-+0-9.]/.test(c)) {
      const start = i;
      while (i < text.length && /[-+0-9.eExXa-fA-FinfINFnaN]/.test(text[i])) i++;
      tokens.push({ kind: 'number', text: text.slice(start, i), line });
    } else if (c === '"' || c === "'") {
      const bytes: number[] = [];
      i++;
      for (;;) {
        if (i >= text.length || text[i] === '\n') err('unterminated string');
        const ch = text[i];
        if (ch === c) {
          i++;
          break;
        }
        if (ch !== '\\') {
          const cp = text.codePointAt(i) as number;
          bytes.push(...utf8.encode(String.fromCodePoint(cp)));
          i += cp > 0xffff ? 2 : 1;
          continue;
        }
        const e = text[i + 1];
        i += 2;
        const simple: Record<string, number> = {
          n: 10,
          r: 13,
          t: 9,
          a: 7,
          b: 8,
          f: 12,
          v: 11,
          '\\': 92,
          "'": 39,
          '"': 34,
          '?': 63,
        };
        if (e !== undefined && e in simple) bytes.push(simple[e]);
        else if (e !== undefined && /[0-7]/.test(e)) {
          let v = Number(e);
          for (let k = 0; k < 2 && /[0-7]/.test(text[i] ?? ''); k++) v = v * 8 + Number(text[i++]);
          if (v > 255) err('octal escape out of range');
          bytes.push(v);
        } else if (e === 'x' || e === 'X') {
          let v = 0;
          let k = 0;
          for (; k < 2 && /[0-9a-fA-F]/.test(text[i] ?? ''); k++)
            v = v * 16 + parseInt(text[i++], 16);
          if (k === 0) err('\\x escape without hex digits');
          bytes.push(v);
        } else err(`unknown escape \\${e ?? ''}`);
      }
      const s = utf8Decoder.decode(Uint8Array.from(bytes));
      const prev = tokens[tokens.length - 1];
      if (prev?.kind === 'string') prev.text += s;
      else tokens.push({ kind: 'string', text: s, line });
    } else err(`unexpected character ${JSON.stringify(c)}`);
  }
  return tokens;
}

/** Parses a `checkpoint` file's text. `file` labels errors. */
export function parseCheckpointState(text: string, file: string): CheckpointState {
  const tokens = tokenize(text, file);
  const state: CheckpointState = { modelCheckpointPath: '', allModelCheckpointPaths: [] };
  let seenModel = false;
  for (let i = 0; i < tokens.length;) {
    const name = tokens[i];
    const colon = tokens[i + 1];
    const value = tokens[i + 2];
    if (
      name.kind !== 'ident' ||
      colon?.kind !== 'colon' ||
      !value ||
      (value.kind !== 'string' && value.kind !== 'number')
    ) {
      fail('no-checkpoint', file, `line ${name.line}: expected "field: value"`);
    }
    i += 3;
    const asString = (): string => {
      if (value.kind !== 'string')
        fail('no-checkpoint', file, `line ${value.line}: ${name.text} must be a string`);
      return value.text;
    };
    const asNumber = (): number => {
      const v = Number(value.text);
      if (value.kind !== 'number' || Number.isNaN(v)) {
        fail('no-checkpoint', file, `line ${value.line}: ${name.text} must be a number`);
      }
      return v;
    };
    switch (name.text) {
      case 'model_checkpoint_path':
        if (seenModel)
          fail('no-checkpoint', file, `line ${name.line}: model_checkpoint_path given twice`);
        seenModel = true;
        state.modelCheckpointPath = asString();
        break;
      case 'all_model_checkpoint_paths':
        state.allModelCheckpointPaths.push(asString());
        break;
      case 'all_model_checkpoint_timestamps':
        (state.allModelCheckpointTimestamps ??= []).push(asNumber());
        break;
      case 'last_preserved_timestamp':
        state.lastPreservedTimestamp = asNumber();
        break;
      default:
        fail(
          'no-checkpoint',
          file,
          `line ${name.line}: unknown field ${name.text} in a CheckpointState`,
        );
    }
  }
  return state;
}

/** protobuf's `CEscape`: printable ASCII stays, the rest is escaped (bytes >= 0x80 in octal). */
function cEscape(s: string): string {
  let out = '';
  for (const b of utf8.encode(s)) {
    if (b === 10) out += '\\n';
    else if (b === 13) out += '\\r';
    else if (b === 9) out += '\\t';
    else if (b === 34) out += '\\"';
    else if (b === 39) out += "\\'";
    else if (b === 92) out += '\\\\';
    else if (b < 0x20 || b >= 0x7f) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return out;
}

function formatDouble(v: number): string {
  // Python's text_format prints doubles with repr-like shortest round-trip digits.
  if (Number.isInteger(v) && Math.abs(v) < 1e16) return `${v}.0`;
  return String(v);
}

/** The file's text, as `text_format.MessageToString(CheckpointState)` prints it. */
export function formatCheckpointState(state: CheckpointState): string {
  // proto3: an empty string is not printed.
  let out = state.modelCheckpointPath
    ? `model_checkpoint_path: "${cEscape(state.modelCheckpointPath)}"\n`
    : '';
  for (const p of state.allModelCheckpointPaths)
    out += `all_model_checkpoint_paths: "${cEscape(p)}"\n`;
  for (const t of state.allModelCheckpointTimestamps ?? []) {
    out += `all_model_checkpoint_timestamps: ${formatDouble(t)}\n`;
  }
  if (state.lastPreservedTimestamp !== undefined) {
    out += `last_preserved_timestamp: ${formatDouble(state.lastPreservedTimestamp)}\n`;
  }
  return out;
}
