/**
 * `npm run bench`: speed as ratios against a baseline measured in the same process.
 *
 * - Creation: 10k variables in nested scopes (100 blocks × 100 variables, alternating a
 *   [64, 64] kernel and a [64] bias, the shapes of a small dense network) created with
 *   `getVariable` and its default glorot-uniform initializer, against the same shapes made with
 *   raw `tf.variable(tf.randomUniform(...))`. Target: within 1.3x of raw tfjs. The fixed cost
 *   per variable is printed too, in µs, which is what dominates for tiny variables.
 * - Reuse: 10k AUTO_REUSE lookups of existing variables (scope entry included, amortised).
 *   Target: under 5 µs per lookup.
 *
 * Rounds alternate which side runs first and start from a collected heap (run with
 * --expose-gc), so garbage one side leaves behind is not charged to the other. Medians.
 */
import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs-core';
import { AUTO_REUSE, getVariable, resetDefaultGraph, variableScope } from '../src/index';
import { ensureBackend } from '../src/engine/backend';

const BLOCKS = 100;
const PER_BLOCK = 100;
const N = BLOCKS * PER_BLOCK;
const ROUNDS = 9;
const shapeOf = (j: number): number[] => (j % 2 === 0 ? [64, 64] : [64]);

const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function glorotLimit(shape: number[]): number {
  const [fanIn, fanOut] = shape.length === 1 ? [shape[0], shape[0]] : [shape[0], shape[1]];
  return Math.sqrt(6 / (fanIn + fanOut));
}

/** The baseline: the same shapes and distribution with tfjs alone. Returns ms. */
function timeRaw(): number {
  const made: tf.Variable[] = [];
  collect();
  const t0 = performance.now();
  for (let i = 0; i < BLOCKS; i++) {
    for (let j = 0; j < PER_BLOCK; j++) {
      const shape = shapeOf(j);
      const limit = glorotLimit(shape);
      const init = tf.randomUniform(shape, -limit, limit);
      made.push(tf.variable(init, true, `raw/${i}/${j}`));
      init.dispose();
    }
  }
  const ms = performance.now() - t0;
  for (const v of made) v.dispose();
  return ms;
}

function buildModel(reuse: boolean): void {
  for (let i = 0; i < BLOCKS; i++) {
    variableScope(`block${i}`, reuse ? { reuse: AUTO_REUSE } : {}, () =>
      variableScope('dense', () => {
        for (let j = 0; j < PER_BLOCK; j++) getVariable(`w${j}`, { shape: shapeOf(j) });
      }),
    );
  }
}

/** Creation, then AUTO_REUSE lookups of every variable. Returns ms for each. */
function timeEngine(): { create: number; reuse: number } {
  resetDefaultGraph();
  collect();
  let t0 = performance.now();
  buildModel(false);
  const create = performance.now() - t0;
  t0 = performance.now();
  buildModel(true);
  const reuse = performance.now() - t0;
  resetDefaultGraph();
  return { create, reuse };
}

function main(): void {
  ensureBackend();
  const raw: number[] = [];
  const engine: number[] = [];
  const reuse: number[] = [];
  for (let round = -1; round < ROUNDS; round++) {
    let r: number;
    let e: { create: number; reuse: number };
    if (round % 2 === 0) {
      r = timeRaw();
      e = timeEngine();
    } else {
      e = timeEngine();
      r = timeRaw();
    }
    if (round >= 0) {
      raw.push(r);
      engine.push(e.create);
      reuse.push(e.reuse);
    }
  }
  const ratio = median(engine) / median(raw);
  const overheadUs = ((median(engine) - median(raw)) * 1000) / N;
  const perLookupUs = (median(reuse) * 1000) / N;
  console.log(`engine benchmark: ${ROUNDS} rounds, medians, 10k variables ([64, 64] and [64])`);
  const rows: Array<[string, string, string]> = [
    ['raw tf.variable', `${median(raw).toFixed(1)} ms`, 'baseline'],
    [
      'getVariable in nested scopes',
      `${median(engine).toFixed(1)} ms`,
      `${ratio.toFixed(2)}x raw (target ≤ 1.30x); +${overheadUs.toFixed(1)} µs per variable`,
    ],
    [
      'AUTO_REUSE lookup',
      `${median(reuse).toFixed(1)} ms`,
      `${perLookupUs.toFixed(2)} µs each (target < 5 µs)`,
    ],
  ];
  for (const [a, b, c] of rows) console.log(`  ${a.padEnd(30)} ${b.padStart(10)}   ${c}`);
  if (!(globalThis as { gc?: unknown }).gc)
    console.log('  (run with node --expose-gc for steadier numbers)');
  console.log(ratio <= 1.3 && perLookupUs < 5 ? 'targets met' : 'TARGETS MISSED');
  if (tf.memory().numTensors !== 0)
    console.log(`note: ${tf.memory().numTensors} tensors still alive`);
}

main();
