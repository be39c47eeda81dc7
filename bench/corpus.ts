/**
 * The TF1 code the analyzer, server and CLI benchmarks analyse: the project's own programs, not
 * synthetic blocks.
 *
 * - `transformer`: examples/python/transformer.py (a GPT-2-style model: hparams, blocks, shared
 *   weights) followed by bench/models/transformer_train.py, a fine-tuning script's main (loss,
 *   Adam on the model's variables, a sampling graph that reuses them).
 * - `pix2pix`: bench/models/pix2pix.py, an image-to-image GAN (tf.layers convolutions and batch
 *   norm, a discriminator applied twice with shared weights, two Adam optimizers).
 * - `char_rnn`: bench/models/char_rnn.py, a character-level LSTM language model (dynamic_rnn,
 *   MultiRNNCell, gradient clipping, Adam, a sampling model that reuses the weights).
 *
 * Each is a whole program as a repository has it: functions (and a class) called from a small
 * main under `if __name__ == "__main__":`. The 1k- and 10k-line files concatenate copies of the
 * three programs, in turn. Every copy's top-level names (functions, classes, constants) and its
 * own root scope names get the suffix `_<copy>`, so each copy calls its own functions and
 * creates its own variables, as that many programs would; nothing else in the text changes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../test/support';

export interface Program {
  readonly name: string;
  readonly text: string;
  /** Scope names the program's code spells as strings and copies must not share. */
  readonly scopes: readonly string[];
  /**
   * A string literal inside a function body: the one-character edit of the keystroke benchmarks
   * changes its last letter.
   */
  readonly edit: string;
}

const read = (...parts: string[]) => fs.readFileSync(path.join(projectRoot(), ...parts), 'utf8');

/** A bundled example's text (examples/python/<name>). */
export const example = (name: string) => read('examples', 'python', name);

let cached: Program[] | undefined;

/**
 * bench/models/training_script.py: an image classifier's training script (command-line modes,
 * a loader listing image files, a training loop full of bookkeeping), measured on its own.
 */
export function trainingScript(): string {
  return read('bench', 'models', 'training_script.py');
}

/** The three programs, in the order the scaled files repeat them. */
export function programs(): readonly Program[] {
  cached ??= [
    {
      name: 'transformer',
      text: `${example('transformer.py')}\n\n${read('bench', 'models', 'transformer_train.py')}`,
      scopes: [],
      edit: '"c_attn"',
    },
    {
      name: 'pix2pix',
      text: read('bench', 'models', 'pix2pix.py'),
      scopes: [],
      edit: '"encoder_1"',
    },
    {
      name: 'char_rnn',
      text: read('bench', 'models', 'char_rnn.py'),
      scopes: ['char_rnn'],
      edit: '"softmax_w"',
    },
  ];
  return cached;
}

export function program(name: string): Program {
  const p = programs().find((x) => x.name === name);
  if (!p) throw new Error(`no program ${name} in the benchmark corpus`);
  return p;
}

/** The names a program binds at module level (def, class, NAME = ...), imports aside. */
function topLevelNames(text: string): string[] {
  const names = new Set<string>();
  for (const m of text.matchAll(/^(?:def|class)\s+([A-Za-z_]\w*)|^([A-Za-z_]\w*)\s*=[^=]/gm)) {
    names.add(m[1] ?? m[2]);
  }
  return [...names];
}

/**
 * Copy `k` of a program: its top-level names and root scopes renamed `<name>_<k>` wherever they
 * stand as a whole word that is not an attribute (`tf.layers.conv1d` keeps its name when the
 * program defines `conv1d`); string literals spelling them (a scope named after its function)
 * are renamed with them.
 */
export function copyOf(p: Program, k: number): string {
  const words = [...topLevelNames(p.text), ...p.scopes];
  const pattern = new RegExp(`(?<![.\\w])(${words.join('|')})\\b`, 'g');
  return p.text.replace(pattern, (w) => `${w}_${k}`);
}

export function lineCount(text: string): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.endsWith('\n') ? n - 1 : n;
}

/** Copies of the three programs in turn, until the text has at least `lines` lines. */
export function scaled(lines: number): string {
  const all = programs();
  const parts: string[] = [];
  let total = 0;
  for (let k = 0; total < lines; k++) {
    const part = copyOf(all[k % all.length], k);
    parts.push(part);
    total += lineCount(part) + 1;
  }
  return parts.join('\n');
}

/**
 * Files whose cost is an unbounded loop: bench/models/loop.py (ten lines: a model, then a
 * `while True:` reading input), and transformer.py followed by bench/models/interactive.py (a
 * GPT-2-style interactive sampling script: `while True:` over prompts, `while not raw_text:`).
 */
export function loopPrograms(): ReadonlyArray<{ readonly name: string; readonly text: string }> {
  return [
    { name: 'loop.py (10 lines)', text: read('bench', 'models', 'loop.py') },
    {
      name: 'transformer + interactive sampling',
      text: `${example('transformer.py')}\n\n${read('bench', 'models', 'interactive.py')}`,
    },
  ];
}

/** The same text with every `while` header an `if`: each loop body runs at most once. */
export function withoutLoops(text: string): string {
  return text.replace(/^(\s*)while\b/gm, '$1if');
}

export interface Edit {
  /** Offset of the character the edit replaces. */
  readonly at: number;
  /** The text with that character replaced by `ch`. */
  readonly apply: (ch: string) => string;
  /** Two characters to alternate, both different from the original one. */
  readonly chars: readonly [string, string];
}

/**
 * A keystroke in the middle of `text`: the last letter of the first edit anchor (a string
 * literal in a function body) after the middle of the text, or of the last one before it.
 */
export function middleEdit(text: string): Edit {
  const middle = Math.floor(text.length / 2);
  const anchors: number[] = [];
  for (const p of programs()) {
    for (let i = text.indexOf(p.edit); i >= 0; i = text.indexOf(p.edit, i + 1)) {
      anchors.push(i + p.edit.length - 2);
    }
  }
  anchors.sort((a, b) => a - b);
  const at = anchors.find((i) => i >= middle) ?? anchors[anchors.length - 1];
  if (at === undefined) throw new Error('no edit anchor in the benchmark text');
  const original = text[at];
  const chars = ['x', 'y', 'z'].filter((c) => c !== original).slice(0, 2) as [string, string];
  return { at, apply: (ch) => text.slice(0, at) + ch + text.slice(at + 1), chars };
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * A keystroke in a comment inside a function body: `middleEdit`'s line gets a trailing comment
 * (`text` is that version), and the edit changes the comment's last letter. The program stays
 * the same.
 */
export function commentEdit(original: string): { readonly text: string; readonly edit: Edit } {
  const eol = original.indexOf('\n', middleEdit(original).at);
  const text = `${original.slice(0, eol)}  # note${original.slice(eol)}`;
  const at = eol + '  # note'.length - 1;
  return {
    text,
    edit: { at, apply: (ch) => text.slice(0, at) + ch + text.slice(at + 1), chars: ['x', 'y'] },
  };
}
