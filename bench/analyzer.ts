/**
 * Analyzer benchmark (`npm run bench`), on real TF1 programs (bench/corpus.ts) and with the
 * targets of issue #14. Every figure is a ratio to a baseline measured in the same run, the two
 * interleaved round by round, printed as median and spread (min–max) with its target.
 *
 * - Full analysis in process (`analyzePython`: lowering, interpretation, results) vs a bare
 *   @lezer/python parse of the same text: each program alone, and the 1k- and 10k-line files
 *   made of copies of them; examples/python/transformer.py as shipped (no main: its
 *   functions are analysed as entry points); and bench/models/training_script.py, a training
 *   script whose modes, file listing and loop bookkeeping are what forks real programs into
 *   paths (each a replay of the model): its number of paths is printed with it. Target ≤ 1.5x.
 * - Re-analysis after a one-character edit (`DocumentAnalyzer.update`) of a string literal in a
 *   function body in the middle of the file. Targets ≤ 10 ms at 1k lines, ≤ 50 ms at 10k; its
 *   ratio to the parse of the same text is printed beside it. The same for a keystroke in a
 *   comment on that line, which changes no statement's meaning.
 * - A `while True:` loop: the analysis of a file vs that of the same file with `if` for every
 *   `while`, which runs each body once. The target is that a loop costs nothing beyond its body;
 *   it is checked as ≤ 2x (a second pass over a body that adds nothing may be needed to know it
 *   adds nothing).
 * - A 24-layer tf.layers model (interpreted from _lib's Python source at every call): analysis vs
 *   its parse (≤ 1.5x) and re-analysis after a keystroke (≤ 10 ms). The very first analysis of
 *   the process is reported apart: as the language server and `check` run it, reading the
 *   library's IR that the build wrote to dist/library-ir, and, in a process of its own, lowering
 *   the library from its text instead (as tsc's out/ and the browser do).
 */
import { parser } from '@lezer/python';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { usePreloweredBeside } from '../src/library-ir';
import { projectRoot } from '../test/support';
import { analyzePython, DocumentAnalyzer, type Analysis } from '../src/analyzer/analyze';
import {
  commentEdit,
  example,
  lineCount,
  loopPrograms,
  median,
  middleEdit,
  programs,
  scaled,
  trainingScript,
  withoutLoops,
  type Edit,
} from './corpus';
import { compare, durationLine, GcMeter, machine, ratioLine, timeOnce } from './measure';

const FULL_TARGET = 1.5;
const LOOP_TARGET = 2;
const keystrokeTarget = (lines: number) => (lines <= 1000 ? 10 : 50);
const PARSE = { base: 'parse', measured: 'analysis' };

/** What an analysis left out, for the line that reports its time. */
function caveat(a: Analysis): string {
  const out: string[] = [];
  if (!a.complete) out.push('stopped at its step budget');
  if (!a.exhaustive) out.push('not every path');
  return out.length ? ` [${out.join(', ')}]` : '';
}

const parse = (text: string) => () => timeOnce(() => parser.parse(text));

async function fullAnalysis(what: string, text: string, rounds: number): Promise<void> {
  let last: Analysis | undefined;
  const c = await compare(rounds, parse(text), () =>
    timeOnce(() => {
      last = analyzePython(text);
    }),
  );
  const a = last as Analysis | undefined;
  const note = a
    ? ` (${a.variables.length} variables, ${a.paths} path${a.paths === 1 ? '' : 's'})${caveat(a)}`
    : '';
  console.log(ratioLine(`${what}: full analysis vs parse`, c, PARSE, FULL_TARGET, note));
}

async function keystroke(
  what: string,
  text: string,
  edit: Edit,
  rounds: number,
  target: number,
): Promise<void> {
  const doc = new DocumentAnalyzer({ path: 'model.py' });
  doc.update(text);
  let i = 0;
  const gc = new GcMeter();
  const prepared: number[] = [];
  const runs = new Map<string, number>();
  const c = await compare(
    rounds,
    parse(text),
    () => {
      const edited = edit.apply(edit.chars[i++ % 2]);
      // What the language server does while the editor waits for the next keystroke (untimed:
      // it is not between a keystroke and its diagnostics).
      const p0 = performance.now();
      doc.prepare();
      prepared.push(performance.now() - p0);
      const t0 = performance.now();
      gc.timed(() => doc.update(edited));
      const t = performance.now() - t0;
      runs.set(doc.lastRun, (runs.get(doc.lastRun) ?? 0) + 1);
      return t;
    },
    1,
  );
  const share = await gc.share();
  const how = [...runs].map(([k, n]) => `${n} ${k}`).join(', ');
  console.log(
    durationLine(
      `${what}: re-analysis after a keystroke`,
      c,
      { base: 'the parse', measured: 'DocumentAnalyzer.update' },
      target,
      `; garbage collection ${(100 * share).toFixed(0)}% of it (target < 10%: ${share < 0.1 ? 'met' : 'NOT MET'}); updates: ${how}; prepare while idle ${median(prepared).toFixed(1)} ms`,
    ),
  );
}

async function loops(rounds: number): Promise<void> {
  for (const { name, text } of loopPrograms()) {
    const once = withoutLoops(text);
    let last: Analysis | undefined;
    const c = await compare(
      rounds,
      () => timeOnce(() => analyzePython(once)),
      () =>
        timeOnce(() => {
          last = analyzePython(text);
        }),
    );
    const a = last as Analysis | undefined;
    console.log(
      ratioLine(
        `${name}: with its while loops vs with if`,
        c,
        { base: 'with if', measured: 'with while' },
        LOOP_TARGET,
        a ? caveat(a) : '',
      ),
    );
  }
}

/** A 24-layer model with tf.layers: 8 conv + batch norm blocks, then 8 dense layers. */
function layerModel(): string {
  const out = [
    'import tensorflow as tf',
    '',
    'x = tf.placeholder(tf.float32, [None, 32, 32, 3])',
    'h = x',
    'for i in range(8):',
    '    h = tf.layers.conv2d(h, 16 * (1 + i % 3), 3, padding="same", name="conv%d" % i)',
    '    h = tf.layers.batch_normalization(h, training=True, name="bn%d" % i)',
    '    h = tf.nn.relu(h)',
    'h = tf.reshape(h, [-1, 32 * 32 * 16])',
  ];
  for (let i = 0; i < 8; i++) out.push(`h = tf.layers.dense(h, ${64 - 4 * i}, name="fc${i}")`);
  return `${out.join('\n')}\n`;
}

async function layerLibrary(cold: number, rounds: number): Promise<void> {
  const text = layerModel();
  const what = '24-layer tf.layers model';
  await fullAnalysis(what, text, rounds);
  // A keystroke in the name of the fifth dense layer.
  const at = text.indexOf('"fc4"') + 3;
  const edit: Edit = {
    at,
    apply: (ch) => text.slice(0, at) + ch + text.slice(at + 1),
    chars: ['x', 'y'],
  };
  await keystroke(what, text, edit, rounds * 2, 10);
  console.log(
    `  ${what}: the process's first analysis ${cold.toFixed(0)} ms with the library's IR from dist/library-ir; ${firstLowering(text).toFixed(0)} ms lowering the library (a process of its own)`,
  );
}

/** A new process's first analysis of `text` when it lowers the layer library itself, in ms. */
function firstLowering(text: string): number {
  const analyzer = path.join(__dirname, '..', 'src', 'analyzer', 'analyze.js');
  const script = `const { analyzePython } = require(${JSON.stringify(analyzer)});
const text = require('node:fs').readFileSync(0, 'utf8');
const t0 = performance.now();
analyzePython(text);
process.stdout.write(String(performance.now() - t0));`;
  const r = spawnSync(process.execPath, ['-e', script], { input: text, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the lowering process failed: ${r.stderr}`);
  return Number(r.stdout);
}

async function main(): Promise<void> {
  // The process's first analysis, measured before anything else runs, reads the layer library's
  // IR as the language server and `check` do (npm run bench builds dist/ first).
  usePreloweredBeside(path.join(projectRoot(), 'dist'));
  const t0 = performance.now();
  analyzePython(layerModel());
  const cold = performance.now() - t0;

  console.log(`analyzer benchmark on real TF1 programs; ${machine()}`);
  console.log(
    '  medians (min–max) over interleaved rounds; a ratio is to the baseline named beside it',
  );
  // Warm the JIT, as an editor session is warm after its first files.
  for (const p of programs()) for (let i = 0; i < 2; i++) analyzePython(p.text);

  for (const p of programs()) {
    await fullAnalysis(`${p.name} (${lineCount(p.text)} lines)`, p.text, 5);
  }
  // As shipped, with no main: its functions are analysed as entry points (a library module).
  const shipped = example('transformer.py');
  await fullAnalysis(
    `examples/python/transformer.py alone (${lineCount(shipped)} lines)`,
    shipped,
    5,
  );
  const script = trainingScript();
  await fullAnalysis(`bench/models/training_script.py (${lineCount(script)} lines)`, script, 5);
  for (const lines of [1000, 10000]) {
    const text = scaled(lines);
    const what = `${lineCount(text)} lines`;
    const rounds = lines > 1000 ? 3 : 5;
    await fullAnalysis(what, text, rounds);
    await keystroke(what, text, middleEdit(text), rounds, keystrokeTarget(lines));
    const comment = commentEdit(text);
    await keystroke(
      `${what}, in a comment`,
      comment.text,
      comment.edit,
      rounds,
      keystrokeTarget(lines),
    );
  }
  await loops(5);
  await layerLibrary(cold, 5);
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
