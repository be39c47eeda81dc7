/**
 * Analyzer benchmark (`npm run bench`): full analysis (lowering + interpretation) of 1k, 10k and
 * 50k-line TF1 files, and re-analysis of an open document after a one-character edit
 * (`DocumentAnalyzer`: incremental parse, unchanged statements' IR reused), each as a ratio to
 * the bare lezer parse of the same text in the same run. Targets: a full analysis within 2x of
 * the parse; re-analysis after a keystroke under 10 ms for 1k lines and 50 ms for 10k.
 *
 * The files repeat a TF1 model block (functions, scopes, loops, formatting, try/except) with
 * distinct names, so every block creates its own variables.
 *
 * Then a 24-layer model written with the embedded layer library (tf.layers convolutions,
 * batch norm and dense layers, interpreted from _lib's Python source at every call): its
 * analysis as a ratio to the parse of the model's own text. The first analysis in a process also
 * lowers the library modules (once per process); it is reported apart.
 */
import { performance } from 'node:perf_hooks';
import { parser } from '@lezer/python';
import { analyzePython, DocumentAnalyzer } from '../src/analyzer/analyze';
import { file, median } from './corpus';

function time(fn: () => void, rounds: number): number {
  const xs: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    xs.push(performance.now() - t0);
  }
  return median(xs);
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

function layerLibrary(): void {
  const text = layerModel();
  const t0 = performance.now();
  const first = analyzePython(text);
  const cold = performance.now() - t0;
  const parse = time(() => parser.parse(text), 21);
  let variables = 0;
  const warm = time(() => {
    variables = analyzePython(text).variables.length;
  }, 7);
  console.log(
    `  24-layer tf.layers model (${variables} variables${first.exhaustive ? '' : ', not every path'}): ` +
      `parse ${parse.toFixed(2)} ms, analysis ${warm.toFixed(1)} ms (${(warm / parse).toFixed(0)}x parse), ` +
      `first analysis in the process ${cold.toFixed(1)} ms (lowers the library once)`,
  );
}

function main(): void {
  console.log('analyzer benchmark: medians; ratio = analysis / bare lezer parse of the same text');
  // Warm the JIT on a small file first, as an editor session is warm after its first file.
  const warm = file(500);
  for (let i = 0; i < 10; i++) {
    parser.parse(warm);
    analyzePython(warm);
  }
  for (const lines of [1000, 10000, 50000]) {
    const text = file(lines);
    const rounds = lines >= 50000 ? 3 : 7;
    const parse = time(() => parser.parse(text), rounds);
    let complete = true;
    const full = time(() => {
      complete = analyzePython(text).complete;
    }, rounds);
    // A keystroke in the middle of the file: every statement after it moves by one character.
    const middle = text.indexOf('"emb"', Math.floor(text.length / 2));
    const edited = `${text.slice(0, middle + 3)}c${text.slice(middle + 4)}`;
    const doc = new DocumentAnalyzer({ path: 'model.py' });
    doc.update(text);
    let flip = false;
    const reanalysis = time(() => {
      flip = !flip;
      doc.update(flip ? edited : text);
    }, rounds * 3);
    const target = lines === 1000 ? 10 : lines === 10000 ? 50 : undefined;
    console.log(
      `  ${String(lines).padStart(5)} lines: parse ${parse.toFixed(1)} ms, analysis ${full.toFixed(1)} ms ` +
        `(${(full / parse).toFixed(2)}x, target ≤ 2x${complete ? '' : ', stopped at its step budget'}), ` +
        `after a keystroke ${reanalysis.toFixed(1)} ms (${(reanalysis / parse).toFixed(2)}x parse` +
        `${target ? `, target ${target} ms` : ''})`,
    );
  }
  layerLibrary();
}

main();
