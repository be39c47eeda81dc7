/**
 * Start-up benchmark (`npm run bench`, issue #14 "Lazy start-up"): how long a user waits for a
 * fresh process, as a ratio to the cheapest process of the same kind, measured in the same round.
 *
 * - CLI, whole process (spawn to exit) vs `node -e 0`: `scope-lens --version`, `scope-lens ckpt`
 *   on a checkpoint of the test data, `scope-lens check` of a small Python file. Target ≤ 2x for
 *   `--version` and `ckpt`; `check` has no target of its own and is shown against the same 2x.
 * - Language server, spawn to the first publishDiagnostics of an opened Python file, vs a minimal
 *   vscode-languageserver server that publishes one diagnostic (bench/minimal-server.ts, bundled
 *   here with esbuild as dist/server.js is). Both are driven by the same client and started the
 *   same way (`node <bundle> --stdio`). Target ≤ 1.5x.
 *
 * `check` and the server are measured with the V8 code cache (src/code-cache.ts; the unmeasured
 * first round fills it, as a user's first start does) and without it (`SCOPE_LENS_CODE_CACHE=0`,
 * a user's very first start, or a cache folder that cannot be written).
 *
 * The commands and servers alternate within a round, so a busy machine slows both sides of a
 * ratio alike. Each line: median ratio, spread (min–max) over the rounds, and the median times.
 * `STARTUP_ROUNDS` sets the number of rounds (default 15).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as esbuild from 'esbuild';
import { fileUri, LspClient } from '../test/server/lsp-client';
import { projectRoot } from '../test/support';

const root = projectRoot();
const BIN = path.join(root, 'bin', 'scope-lens.js');
const SERVER = path.join(root, 'dist', 'server.js');
const CHECKPOINT = path.join(root, 'test/checkpoint/layer-models/lstm_ckpt/model.ckpt-0');
const PYTHON_FILE = path.join(root, 'examples/python/shape_mismatch.py');
const ROUNDS = Math.max(1, Number(process.env.STARTUP_ROUNDS) || 15);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** The environment of a process without the code cache (src/code-cache.ts). */
const NO_CACHE = { SCOPE_LENS_CODE_CACHE: '0' };

/** Spawn to exit, in ms; throws when the process fails (a benchmark of a failure is no use). */
function wholeProcess(args: string[], okStatus = [0], env: NodeJS.ProcessEnv = {}): number {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  });
  const ms = performance.now() - t0;
  if (!okStatus.includes(r.status ?? -1))
    throw new Error(`node ${args.join(' ')} exited with ${r.status}:\n${r.stderr}`);
  return ms;
}

/** Spawn of a server to the first publishDiagnostics of one opened Python file, in ms. */
async function firstDiagnostics(
  server: string,
  text: string,
  env: NodeJS.ProcessEnv = {},
): Promise<number> {
  // The client spawns the server with this process's environment.
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const t0 = performance.now();
  const started = LspClient.start({ command: [process.execPath, server, '--stdio'] });
  process.env = saved;
  const c = await started;
  const uri = fileUri(PYTHON_FILE);
  c.open(uri, text);
  await c.diagnostics(uri, 1);
  const ms = performance.now() - t0;
  await c.shutdown();
  return ms;
}

interface Row {
  readonly name: string;
  readonly target: number;
  readonly ratios: number[];
  readonly times: number[];
  readonly baseline: number[];
}

function row(name: string, target: number): Row {
  return { name, target, ratios: [], times: [], baseline: [] };
}

function report(r: Row, baselineName: string): void {
  const m = median(r.ratios);
  console.log(
    `  ${r.name.padEnd(34)} ${m.toFixed(2)}x (${Math.min(...r.ratios).toFixed(2)}–` +
      `${Math.max(...r.ratios).toFixed(2)}x) ` +
      `target ≤ ${r.target}x ${m <= r.target ? 'met' : 'NOT MET'}; ` +
      `${median(r.times).toFixed(0)} ms vs ${median(r.baseline).toFixed(0)} ms ${baselineName}`,
  );
}

async function main(): Promise<void> {
  for (const f of [SERVER, CHECKPOINT + '.index', PYTHON_FILE])
    if (!fs.existsSync(f)) throw new Error(`${f} is missing (run \`npm run build\`)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-startup-'));
  try {
    const minimal = path.join(tmp, 'minimal-server.js');
    await esbuild.build({
      entryPoints: [path.join(root, 'bench', 'minimal-server.ts')],
      outfile: minimal,
      bundle: true,
      platform: 'node',
      target: 'node18',
      format: 'cjs',
      sourcemap: true,
      logLevel: 'warning',
      minifyWhitespace: true,
    });
    const text = fs.readFileSync(PYTHON_FILE, 'utf8');
    const cli = [
      { r: row('scope-lens --version', 2), args: [BIN, '--version'], ok: [0], env: {} },
      {
        r: row('scope-lens ckpt (lstm_ckpt)', 2),
        args: [BIN, 'ckpt', CHECKPOINT],
        ok: [0],
        env: {},
      },
      // The file has a reuse error: check exits 1.
      {
        r: row('scope-lens check (20-line .py)', 2),
        args: [BIN, 'check', PYTHON_FILE],
        ok: [1],
        env: {},
      },
      {
        r: row('  the same, no code cache', 2),
        args: [BIN, 'check', PYTHON_FILE],
        ok: [1],
        env: NO_CACHE,
      },
    ];
    const servers = [
      { r: row('server start → first diagnostics', 1.5), env: {} },
      { r: row('  the same, no code cache', 1.5), env: NO_CACHE },
    ];
    // One unmeasured round: the OS's file cache is warm for every process alike.
    for (let i = -1; i < ROUNDS; i++) {
      for (const c of cli) {
        const base = wholeProcess(['-e', '0']);
        const ms = wholeProcess(c.args, c.ok, c.env);
        if (i < 0) continue;
        c.r.baseline.push(base);
        c.r.times.push(ms);
        c.r.ratios.push(ms / base);
      }
      for (const s of servers) {
        const base = await firstDiagnostics(minimal, text);
        const ms = await firstDiagnostics(SERVER, text, s.env);
        if (i < 0) continue;
        s.r.baseline.push(base);
        s.r.times.push(ms);
        s.r.ratios.push(ms / base);
      }
    }
    console.log(
      `Start-up (issue #14), ${ROUNDS} rounds on ${os.cpus().length} cores, load ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}: median ratio (min–max)`,
    );
    for (const c of cli) report(c.r, 'node -e 0');
    for (const s of servers) report(s.r, 'minimal vscode-languageserver server');
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
