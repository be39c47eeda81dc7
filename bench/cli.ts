/**
 * CLI benchmark (`npm run bench`): `scope-lens check --format json` on the 10k-line file of real
 * TF1 programs (bench/corpus.ts), the whole process (`node bin/scope-lens.js`, start-up, reading,
 * analysis, writing the JSON), vs a `node -e` process that only loads @lezer/python and parses
 * the same file. Both are spawned in turn, round by round; the ratio's median and spread are
 * printed against issue #14's target, ≤ 2x. Needs the bundles (`node scripts/build.mjs`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { projectRoot } from '../test/support';
import { lineCount, scaled } from './corpus';
import { compare, machine, ratioLine } from './measure';

const TARGET = 2;
const PARSE_ONLY =
  "require('@lezer/python').parser.parse(require('fs').readFileSync(process.argv[1], 'utf8'))";

/** Milliseconds from spawning `node args...` in the project to its exit; its stdout. */
function run(args: readonly string[]): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    cwd: projectRoot(),
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ms = performance.now() - t0;
  if (r.error) throw r.error;
  // `check` exits 1 when the file has errors; anything else is a failure of the benchmark.
  if (r.status !== 0 && r.status !== 1) {
    throw new Error(`node ${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  }
  return { ms, stdout: r.stdout };
}

async function main(): Promise<void> {
  console.log(`CLI benchmark on real TF1 programs; ${machine()}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-bench-'));
  try {
    const text = scaled(10000);
    const file = path.join(dir, 'model.py');
    fs.writeFileSync(file, text);
    const cli = path.join(projectRoot(), 'bin', 'scope-lens.js');
    let report = '';
    const c = await compare(
      3,
      () => run(['-e', PARSE_ONLY, file]).ms,
      () => {
        const r = run([cli, 'check', '--format', 'json', file]);
        report = r.stdout;
        return r.ms;
      },
      1,
    );
    const files = (JSON.parse(report) as { files: Array<{ variables: unknown[] }> }).files;
    console.log(
      ratioLine(
        `scope-lens check --format json, ${lineCount(text)} lines, whole process`,
        c,
        { base: '`node -e` parse only', measured: 'check' },
        TARGET,
        ` (${files[0]?.variables.length ?? 0} variables reported)`,
      ),
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
