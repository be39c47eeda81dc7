// `npm run figures`: measures the figures the README quotes, on this machine, now, and prints
// them with how each was obtained (docs/measurements.md says what they depend on). It builds
// nothing: run `npm run build` first, and `npm run package` for the .vsix size.
//
//   node scripts/figures.mjs [--runs N]     N fresh processes for the load time (default 5)
//
// 1. The .vsix: the size of the file `npm run package` writes (scope-lens-<version>.vsix).
// 2. dist/extension.js: the size of the extension host's bundle.
// 3. The first Python run: N fresh Node processes each start a Runner (out/src/runtime) and run
//    examples/python/reuse_after_error.py twice. The first run includes starting the worker,
//    loading Pyodide and importing the `tensorflow` module; the second is the program alone.
//    Prints min / median / max of each, and the machine (CPUs, load average).
// 4. The `names examples/python/transformer.py` lines the README shows (its first three variables).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
if (!Number.isInteger(RUNS) || RUNS < 1) {
  console.error('figures: --runs needs a positive integer');
  process.exit(2);
}

const mb = (bytes, digits = 1) => `${(bytes / 1024 / 1024).toFixed(digits)} MB`;
const sec = (ms) => `${(ms / 1000).toFixed(1)} s`;
const rel = (p) => path.relative(root, p);
let missing = false;

console.log(
  `figures: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ` +
    `${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')}, Node ${process.version}`,
);

// 1. The .vsix.
const vsix = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
if (fs.existsSync(vsix)) {
  const st = fs.statSync(vsix);
  console.log(`.vsix: ${rel(vsix)}: ${mb(st.size)} (written ${st.mtime.toISOString()})`);
} else {
  console.log(`.vsix: ${rel(vsix)} does not exist: run \`npm run package\` to measure it`);
  missing = true;
}

// 2. The extension host's bundle.
const extension = path.join(root, 'dist', 'extension.js');
if (fs.existsSync(extension)) {
  console.log(`dist/extension.js: ${mb(fs.statSync(extension).size, 2)}`);
} else {
  console.log('dist/extension.js does not exist: run `npm run build` first');
  missing = true;
}

// 3. The first Python run in a fresh process.
const runnerModule = path.join(root, 'out', 'src', 'runtime', 'runner.js');
const program = path.join(root, 'examples', 'python', 'reuse_after_error.py');
if (fs.existsSync(runnerModule)) {
  // One fresh process per sample: Pyodide is loaded once per worker, so only a new process (and
  // its first Runner) shows what a user waits for on the first run.
  const child = `
    const fs = require('node:fs');
    const path = require('node:path');
    const { performance } = require('node:perf_hooks');
    const { Runner } = require(${JSON.stringify(runnerModule)});
    const filename = ${JSON.stringify(program)};
    const request = { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename,
      cwd: path.dirname(filename) };
    (async () => {
      const runner = new Runner();
      const times = [];
      for (let i = 0; i < 2; i++) {
        const t0 = performance.now();
        const result = await runner.run(request, {});
        times.push(performance.now() - t0);
        if (result.exitCode !== 0) throw new Error('the program failed: ' + JSON.stringify(result));
      }
      await runner.dispose();
      process.stdout.write(JSON.stringify(times));
    })().catch((e) => { console.error(e); process.exit(1); });
  `;
  const first = [];
  const later = [];
  for (let i = 0; i < RUNS; i++) {
    const r = spawnSync(process.execPath, ['-e', child], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) {
      console.error(`figures: the Python run failed:\n${r.stderr}`);
      process.exit(1);
    }
    const [a, b] = JSON.parse(r.stdout);
    first.push(a);
    later.push(b);
  }
  const stats = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
  };
  const f = stats(first);
  const l = stats(later);
  console.log(
    `first Python run (worker + Pyodide + tensorflow module + ${rel(program)}), ${RUNS} fresh ` +
      `processes: min ${sec(f.min)}, median ${sec(f.median)}, max ${sec(f.max)}`,
  );
  console.log(
    `the same program run again in that worker: min ${l.min.toFixed(0)} ms, median ` +
      `${l.median.toFixed(0)} ms, max ${l.max.toFixed(0)} ms`,
  );
} else {
  console.log(`${rel(runnerModule)} does not exist: run \`npm run build\` first`);
  missing = true;
}

// 4. The README's `names` sample.
const cli = path.join(root, 'bin', 'scope-lens.js');
if (fs.existsSync(path.join(root, 'dist', 'cli.js'))) {
  const r = spawnSync(process.execPath, [cli, 'names', 'examples/python/transformer.py'], {
    cwd: root,
    encoding: 'utf8',
  });
  const lines = r.stdout.split('\n').filter((line) => line.trim() !== '');
  console.log(
    `$ npx scope-lens names examples/python/transformer.py   (exit ${r.status}, ${lines.length} lines; the first three variables)`,
  );
  for (const line of lines.slice(0, 4)) console.log(line); // the file, then three variables
} else {
  console.log('dist/cli.js does not exist: run `npm run build` first');
  missing = true;
}

if (missing) process.exitCode = 1;
