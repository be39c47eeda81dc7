/**
 * `scope-lens demo`: runs the bundled examples (the seed document's two programs, written with
 * the TypeScript API) on the engine and prints what they print, then every variable's name,
 * shape, dtype and a summary of its initial values.
 */
import { main as seed1 } from '../../examples/engine/seed1';
import { main as seed2 } from '../../examples/engine/seed2';
import { globalVariables, resetDefaultGraph, Variable } from '../index';
import { formatShape } from '../core/shape';

const EXAMPLES: ReadonlyArray<readonly [string, (print: (line: string) => void) => void]> = [
  ['examples/engine/seed1.ts (seed example 1: get_variable and collections)', seed1],
  ['examples/engine/seed2.ts (seed example 2: reuse after ValueError)', seed2],
];

export function runDemo(_args: string[], out: (s: string) => void): number {
  for (const [title, run] of EXAMPLES) {
    resetDefaultGraph();
    out(`== ${title}\n`);
    run((line) => out(`${line}\n`));
    out('-- variables\n');
    for (const v of globalVariables()) out(`${describe(v)}\n`);
    out('\n');
  }
  resetDefaultGraph();
  return 0;
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
