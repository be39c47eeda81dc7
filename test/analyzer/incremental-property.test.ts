/**
 * The invariant of incremental analysis, as a property: after every edit of a random sequence,
 * `DocumentAnalyzer.update(text)` deep-equals a fresh `analyze(text)` of the same text.
 *
 * The files are the repository's real Python: examples/python, bench/models, the conformance
 * corpus (test/corpus) and the analyzer's fixtures. The edits are what typing does to them:
 * characters inserted and deleted, lines inserted, deleted, duplicated and moved, an identifier
 * renamed everywhere or at one place, a string literal's or a number's character changed,
 * half-typed statements (an open call, an open string, a `with` without its body), comments,
 * blank lines and spaces inside statements (the program unchanged: where the front end keeps a
 * statement's IR and the analyzer its interpretation), and undo (the previous text again, which
 * is where reuse is most tempting). Between edits, most of the time, `prepare()` runs the program
 * up to the statement the last edit changed and pauses it there, as the language server does
 * when idle (all the way, or one slice of it), so the next update may resume it: that must
 * change nothing either.
 *
 * Seeded and reproducible: `SCOPE_LENS_EDITS` sets how many edits (default 320, spread over the
 * files; every 100 beyond that adds a random edit of the benchmark's 1k-line file too),
 * `SCOPE_LENS_EDIT_SEED` the seed (default 1). A failure names the seed, the file and
 * the edit, and `SCOPE_LENS_EDIT_LOG=1` prints every edit as it is made.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DocumentAnalyzer } from '../../src/analyzer/analyze';
import { middleEdit, scaled } from '../../bench/corpus';
import { projectRoot, randomIndex } from '../support';

const root = projectRoot();

function pythonFiles(...dir: string[]): { name: string; text: string }[] {
  const d = path.join(root, ...dir);
  return fs
    .readdirSync(d)
    .filter((f) => f.endsWith('.py'))
    .sort()
    .map((f) => ({ name: path.join(...dir, f), text: fs.readFileSync(path.join(d, f), 'utf8') }));
}

const files = [
  ...pythonFiles('examples', 'python'),
  ...pythonFiles('bench', 'models'),
  ...pythonFiles('test', 'corpus'),
  ...pythonFiles('test', 'analyzer', 'fixtures', 'cases'),
];

const TOTAL = Number(process.env.SCOPE_LENS_EDITS ?? 320);
const SEED = Number(process.env.SCOPE_LENS_EDIT_SEED ?? 1);
const LOG = process.env.SCOPE_LENS_EDIT_LOG === '1';

/**
 * No wall-clock limit: a run the clock cuts short depends on how busy the machine is, not on
 * the text (the step budget still bounds every run), and an edit can make a file take many
 * paths.
 */
const OPTIONS = { path: 'model.py', timeLimitMs: 0 };

const HALF_TYPED = [
  'w = tf.get_variable("',
  'w = tf.get_variable("w", [',
  'with tf.variable_scope(',
  'with tf.variable_scope("s"):',
  'h = tf.layers.dense(h, ',
  'def f(',
  'for i in range(',
  'if ',
  'x = [',
  'return tf.get_variable("v", shape=[3, 4])',
  'tf.get_variable("w", [2])',
  'with tf.variable_scope("s", reuse=True):\n  tf.get_variable("w", [2])',
];
const CHARS = 'abxyz_0123456789 ()[]:,."\'=+-*/\n#';

interface Editor {
  readonly rand: (n: number) => number;
}

/** One random edit of `text`: the new text and what was done, for the failure message. */
function edit(text: string, { rand }: Editor, previous: string | undefined): [string, string] {
  const at = rand(text.length + 1);
  const lines = text.split('\n');
  const line = rand(lines.length);
  switch (rand(14)) {
    case 0: {
      const ch = CHARS[rand(CHARS.length)];
      return [text.slice(0, at) + ch + text.slice(at), `insert ${JSON.stringify(ch)} at ${at}`];
    }
    case 1: {
      const n = 1 + rand(3);
      return [text.slice(0, at) + text.slice(at + n), `delete ${n} at ${at}`];
    }
    case 2: {
      const copy = lines[rand(lines.length)];
      lines.splice(line, 0, copy);
      return [lines.join('\n'), `insert line ${line}: ${JSON.stringify(copy)}`];
    }
    case 3:
      lines.splice(line, 1);
      return [lines.join('\n'), `delete line ${line}`];
    case 4: {
      const other = rand(lines.length);
      [lines[line], lines[other]] = [lines[other], lines[line]];
      return [lines.join('\n'), `swap lines ${line} and ${other}`];
    }
    case 5: {
      const words = [...new Set(text.match(/\b[A-Za-z_]\w*\b/g) ?? [])];
      if (!words.length) break;
      const word = words[rand(words.length)];
      const to = `${word}${'xyz'[rand(3)]}`;
      const re = new RegExp(`\\b${word}\\b`, rand(2) ? 'g' : '');
      return [
        text.replace(re, to),
        `rename ${word} to ${to}${re.global ? ' everywhere' : ' once'}`,
      ];
    }
    case 6: {
      const strings = [...text.matchAll(/(["'])([^"'\n\\]+)\1/g)];
      if (!strings.length) break;
      const m = strings[rand(strings.length)];
      const i = (m.index ?? 0) + 1 + rand(m[2].length);
      const ch = 'abcxyz/_'[rand(8)];
      return [text.slice(0, i) + ch + text.slice(i + 1), `string char at ${i} to ${ch}`];
    }
    case 7: {
      const numbers = [...text.matchAll(/\b\d+\b/g)];
      if (!numbers.length) break;
      const m = numbers[rand(numbers.length)];
      const to = String(rand(4) === 0 ? 0 : 1 + rand(64));
      const i = m.index ?? 0;
      return [text.slice(0, i) + to + text.slice(i + m[0].length), `number at ${i} to ${to}`];
    }
    case 8: {
      const indent = /^\s*/.exec(lines[line])?.[0] ?? '';
      const half = HALF_TYPED[rand(HALF_TYPED.length)];
      lines.splice(line, 0, indent + half);
      return [lines.join('\n'), `half-typed at line ${line}: ${JSON.stringify(half)}`];
    }
    case 9:
      if (previous === undefined) break;
      return [previous, 'undo'];
    case 10: {
      // Edits that change no statement's meaning: a comment, a blank line, a space.
      lines[line] = `${lines[line]}  # note ${rand(10)}`;
      return [lines.join('\n'), `comment at the end of line ${line}`];
    }
    case 11:
      lines.splice(line, 0, rand(2) ? '' : `${/^\s*/.exec(lines[line])?.[0] ?? ''}# note`);
      return [lines.join('\n'), `blank or comment line at ${line}`];
    case 12: {
      const commas = [...text.matchAll(/[,=(]/g)];
      if (!commas.length) break;
      const i = (commas[rand(commas.length)].index ?? 0) + 1;
      return [text.slice(0, i) + ' ' + text.slice(i), `space at ${i}`];
    }
    default: {
      const from = rand(text.length);
      const piece = text.slice(from, from + rand(60));
      return [text.slice(0, at) + piece + text.slice(at), `paste ${piece.length} chars at ${at}`];
    }
  }
  return [text.slice(0, at) + text.slice(at + 1), `delete 1 at ${at}`];
}

describe('analyzer: incremental analysis equals a fresh one after random edits (property)', function () {
  this.timeout(600_000);

  it(`${TOTAL} seeded edits of real files (seed ${SEED})`, () => {
    const rand = randomIndex(SEED);
    // Whether to prepare before an edit: a stream of its own, so the edits stay the seed's.
    const prepareRand = randomIndex(SEED + 7);
    const runs = { resumed: 0, full: 0 };
    const perFile = 8;
    let done = 0;
    for (let round = 0; done < TOTAL; round++) {
      const file = files[rand(files.length)];
      const doc = new DocumentAnalyzer(OPTIONS);
      let text = file.text;
      assert.deepEqual(doc.update(text), analyze(text, OPTIONS), file.name);
      let previous: string | undefined;
      for (let k = 0; k < perFile && done < TOTAL; k++, done++) {
        const [next, what] = edit(text, { rand }, previous);
        previous = text;
        text = next;
        // Two thirds of the time: all of it, or a slice (a statement or a few) when the
        // edit comes before `prepare` is done.
        const how = prepareRand(3);
        const prepared = how > 0 && doc.prepare(how === 1 ? 0 : Infinity) !== 'none';
        if (LOG) console.log(`${file.name} #${k}: ${what}${prepared ? ' (prepared)' : ''}`);
        assert.deepEqual(
          doc.update(text),
          analyze(text, OPTIONS),
          `seed ${SEED}, round ${round}, ${file.name}, edit ${k}: ${what}${prepared ? ', after prepare' : ''}`,
        );
        if (doc.lastRun === 'resumed') runs.resumed++;
        if (doc.lastRun === 'full') runs.full++;
      }
    }
    // Both ways were taken, often enough to mean something.
    assert.ok(runs.resumed >= TOTAL / 20, `${runs.resumed} resumed, ${runs.full} full`);
    assert.ok(runs.full >= TOTAL / 20, `${runs.resumed} resumed, ${runs.full} full`);
  });

  it('edits that keep the program but move calls onto one offset, or lines apart', () => {
    // The last interpretation is reused for these (the IR is the same), and so is the result
    // built from it unless the calls' offsets group them differently: `(g(1))(2)` has its two
    // calls at two offsets, `g(1)(2)` at one, and a trail's key is its calls' offsets, so the
    // outcomes of `make()`'s get_variable, reached through either call, group differently
    // (merged, the create is certain). Joining or splitting the lines inside brackets moves
    // positions after the edit by lines, not columns.
    const program = [
      'import random',
      '',
      'import tensorflow as tf',
      '',
      'flag = random.random() > 0.5',
      '',
      '',
      'def make():',
      '    return tf.get_variable("v", [1])',
      '',
      '',
      'def g(x):',
      '    if (x == 1) == flag:',
      '        make()',
      '    return g',
      '',
      '',
      'w = tf.get_variable(',
      '    "w", [2])',
      '(g(1))(2)',
      'with tf.variable_scope("s"):',
      '    u = tf.get_variable("u", [3])',
      '',
    ].join('\n');
    const versions = [
      program,
      program.replace('(g(1))(2)', 'g(1)(2)  '),
      program.replace('(g(1))(2)', 'g(1)(2)'),
      program.replace('(\n    "w", [2])', '("w", [2])'),
      program.replace('(\n    "w", [2])', '(\n\n    "w", [2])'),
      program.replace('"s"):', '"s"):  # scope'),
      program,
    ];
    assert.notDeepEqual(
      analyze(versions[0], OPTIONS).callSites,
      analyze(versions[1], OPTIONS).callSites,
      'the two groupings differ',
    );
    for (const start of versions) {
      for (const next of versions) {
        const doc = new DocumentAnalyzer(OPTIONS);
        doc.update(start);
        assert.deepEqual(doc.update(next), analyze(next, OPTIONS), `${start}\n---->\n${next}`);
        assert.deepEqual(doc.update(start), analyze(start, OPTIONS), `${next}\n---->\n${start}`);
      }
    }
  });

  it("the keystroke benchmark's edits of its 1k-line file", () => {
    // Copies of three programs in one graph: an edit in one copy's function body changes its
    // variables' names, which later copies read through tf.trainable_variables().
    const start = scaled(1000);
    const key = middleEdit(start);
    const doc = new DocumentAnalyzer(OPTIONS);
    const rand = randomIndex(SEED + 1000);
    doc.update(start);
    let text = start;
    let previous: string | undefined;
    // Two keystrokes, then (with SCOPE_LENS_EDITS above the default) random edits.
    const edits = 2 + Math.max(0, Math.floor((TOTAL - 320) / 100));
    for (let k = 0; k < edits; k++) {
      const [next, what] =
        k < 2
          ? [key.apply(key.chars[k]), `keystroke ${key.chars[k]}`]
          : edit(text, { rand }, previous);
      previous = text;
      text = next;
      // The first keystroke tells where the edits are; the second resumes a run paused there
      // (a random edit may land where no run can be paused: before it, or in its first lines).
      const prepared = k > 0 ? doc.prepare() : 'none';
      if (k === 1) assert.equal(prepared, 'ready', `prepare before ${what}`);
      assert.deepEqual(doc.update(text), analyze(text, OPTIONS), what);
      if (k === 1) assert.equal(doc.lastRun, 'resumed', what);
    }
  });
});
