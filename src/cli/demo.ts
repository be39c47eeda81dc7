/**
 * `scope-lens demo` (what `npm start` runs): the whole product on the bundled examples, through
 * the same code the CLI commands use.
 *
 * 1. The static analyzer on every example (nothing runs): each variable's full name, shape and
 *    dtype, and the errors TensorFlow would raise (`scope-lens names` + `scope-lens check`).
 * 2. The engine: two programs written with the TypeScript API (variables in a collection and
 *    their shapes; reusing a variable after "already exists"), with what they print and every
 *    variable's name, shape, dtype and initial values.
 * 3. The Python runtime: the same two programs in Python, run in Pyodide, printing what
 *    TF 1.15 prints.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main as collectionsAndShapes } from '../../examples/engine/collections_and_shapes';
import { main as reuseAfterError } from '../../examples/engine/reuse_after_error';
import { globalVariables, resetDefaultGraph, Variable } from '../index';
import { formatShape } from '../core/shape';
import { runCheck, runNames } from './analyze';
import { Runner } from '../runtime/runner';

/** The examples folder of the checkout (the CLI runs from dist/ or out/src/cli/). */
function examplesDir(): string | null {
  for (const up of ['..', path.join('..', '..', '..')]) {
    const dir = path.resolve(__dirname, up, 'examples');
    if (fs.existsSync(path.join(dir, 'python'))) return dir;
  }
  return null;
}

const PYTHON_PROGRAMS = ['collections_and_shapes.py', 'reuse_after_error.py'];

const EXAMPLES: ReadonlyArray<readonly [string, (print: (line: string) => void) => void]> = [
  [
    'examples/engine/collections_and_shapes.ts (get_variable and collections)',
    collectionsAndShapes,
  ],
  ['examples/engine/reuse_after_error.ts (reuse after ValueError)', reuseAfterError],
];

export function runDemo(_args: string[], out: (s: string) => void): number {
  const examples = examplesDir();
  const err = (s: string) => process.stderr.write(s);
  if (examples) {
    const rel = (p: string) => path.relative(process.cwd(), p) || p;
    const folders = [path.join(examples, 'python'), path.join(examples, 'engine')].map(rel);
    out('== Static analysis (nothing runs): every variable the examples create\n');
    runNames(folders, out, err);
    out('\n== Static analysis: the errors TensorFlow would raise\n');
    runCheck(folders, out, err);
    out('\n');
  }
  for (const [title, run] of EXAMPLES) {
    resetDefaultGraph();
    out(`== ${title}\n`);
    run((line) => out(`${line}\n`));
    out('-- variables\n');
    for (const v of globalVariables()) out(`${describe(v)}\n`);
    out('\n');
  }
  resetDefaultGraph();
  if (examples) void runPythonPrograms(path.join(examples, 'python'), out);
  return 0;
}

/** The Python examples in Pyodide; sets the exit status when they are done. */
async function runPythonPrograms(dir: string, out: (s: string) => void): Promise<void> {
  const runner = new Runner();
  let failed = false;
  try {
    for (const name of PYTHON_PROGRAMS) {
      const file = path.join(dir, name);
      out(`== Python runtime (Pyodide): examples/python/${name}\n`);
      const result = await runner.run(
        { language: 'python', code: fs.readFileSync(file, 'utf8'), filename: file, cwd: dir },
        { onStdout: out, onStderr: (s) => process.stderr.write(s) },
      );
      if (result.exitCode !== 0) failed = true;
      out('\n');
    }
  } finally {
    await runner.dispose();
  }
  if (failed) process.exitCode = 1;
}

function describe(v: Variable): string {
  const values = v.value.dataSync() as Float32Array;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const x of values) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / values.length;
  let sq = 0;
  for (const x of values) sq += (x - mean) ** 2;
  const std = Math.sqrt(sq / values.length);
  const head = Array.from(values.slice(0, 3), (x) => x.toFixed(4)).join(', ');
  return (
    `${v.name.padEnd(20)} shape=${formatShape(v.shape).padEnd(16)} dtype=${v.dtype.name.padEnd(12)} ` +
    `mean=${mean.toFixed(4)} std=${std.toFixed(4)} min=${min.toFixed(4)} max=${max.toFixed(4)} first=[${head}, ...]`
  );
}
