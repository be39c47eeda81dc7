/**
 * Runtime benchmark (`npm run bench`): the two Python examples (collections_and_shapes.py,
 * reuse_after_error.py) through the runner.
 *
 * - Cold: a new Runner (worker, Pyodide, the `tensorflow` package) running example 1, against
 *   Pyodide's own `loadPyodide()` measured in the same process. Target: within 1.2x.
 *
 * The runner is the one users get: dist/worker.js with dist/python beside it (bytecode compiled
 * at build time), not tsc's out/ reading src/runtime/python.
 * - Warm: both examples on a warm runner. Target: under 20 ms each.
 *
 * Medians of several rounds; cold rounds alternate with baseline rounds.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Runner } from '../src/runtime/runner';
import { projectRoot } from '../test/support';

// A cold round's time varies by a third from one round to the next on a shared machine.
const COLD_ROUNDS = 9;
const WARM_ROUNDS = 15;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function timeLoadPyodide(): Promise<number> {
  // A fresh module instance each time would need a new process; loadPyodide() itself creates a
  // new interpreter per call, which is what we measure.
  const { loadPyodide } = await import('pyodide');
  const t0 = performance.now();
  await loadPyodide();
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const examples = path.join(projectRoot(), 'examples', 'python');
  const programs = ['collections_and_shapes.py', 'reuse_after_error.py'].map((f) => {
    const filename = path.join(examples, f);
    return { filename, code: fs.readFileSync(filename, 'utf8') };
  });
  const run = (runner: Runner, p: { filename: string; code: string }) =>
    runner.run({ language: 'python', code: p.code, filename: p.filename, cwd: examples }, {});

  const workerPath = path.join(projectRoot(), 'dist', 'worker.js');
  if (!fs.existsSync(workerPath))
    throw new Error(`${workerPath} is missing: run \`npm run build\``);
  const cold: number[] = [];
  const baseline: number[] = [];
  for (let i = 0; i < COLD_ROUNDS; i++) {
    baseline.push(await timeLoadPyodide());
    const runner = new Runner({ workerPath });
    const t0 = performance.now();
    const result = await run(runner, programs[0]);
    cold.push(performance.now() - t0);
    if (result.exitCode !== 0) throw new Error(`example failed: ${JSON.stringify(result.error)}`);
    await runner.dispose();
  }

  const runner = new Runner({ workerPath });
  await run(runner, programs[0]);
  const warm = programs.map(() => [] as number[]);
  for (let i = 0; i < WARM_ROUNDS; i++) {
    for (let k = 0; k < programs.length; k++) {
      const t0 = performance.now();
      await run(runner, programs[k]);
      warm[k].push(performance.now() - t0);
    }
  }
  await runner.dispose();

  const ratio = median(cold) / median(baseline);
  // Each cold round against the baseline round before it: the spread of the ratio.
  const ratios = cold.map((c, i) => c / baseline[i]);
  const warmMs = warm.map(median);
  console.log(`runtime benchmark: cold ${COLD_ROUNDS} rounds, warm ${WARM_ROUNDS} rounds, medians`);
  console.log(
    `  loadPyodide() alone               ${median(baseline).toFixed(0).padStart(6)} ms   baseline`,
  );
  console.log(
    `  cold run (worker+Pyodide+tf+ex1)  ${median(cold).toFixed(0).padStart(6)} ms   ${ratio.toFixed(2)}x loadPyodide (rounds ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}x; target ≤ 1.20x)`,
  );
  programs.forEach((p, k) =>
    console.log(
      `  warm ${path.basename(p.filename).padEnd(29)}${warmMs[k].toFixed(1).padStart(6)} ms   (target < 20 ms)`,
    ),
  );
  console.log(ratio <= 1.2 && warmMs.every((m) => m < 20) ? 'targets met' : 'TARGETS MISSED');
}

void main();
