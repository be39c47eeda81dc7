/**
 * The differential harness: generated TF1 programs (generate.ts) run under real TensorFlow and
 * under Scope Lens, and every difference is reported.
 *
 *   npm run test:oracle [-- --seeds A-B] [--keep DIR] [--no-minimize] [--record FILE]
 *
 * For each seed: TensorFlow (2.21's compat.v1, installed on first use into a cache folder;
 * scripts/oracle/batch.py runs every program in one Python process) gives the program's stdout
 * and the outcome of every `get_variable` call; Scope Lens's Python runtime (one `Runner`, one
 * worker, for all programs) gives its stdout; the analyzer gives its predicted outcomes per call
 * site. Compared:
 *
 * - runtime: stdout byte for byte, and the first line of an error the program did not catch;
 * - analyzer: every outcome TF had at a call site is predicted there (certain or possible), and
 *   no outcome predicted *certain* at a reached call site failed to happen.
 *
 * TF 2.21 is not TF 1.15, the reference: its known differences (KNOWN_DIFFERENCES, each with
 * the 1.15 source that shows it) are mapped back to 1.15's text before comparing. A failing
 * program is minimised (statements removed while the same difference stays) before it is
 * reported. Exit code 0 when nothing differs, 1 otherwise, 2 when the oracle cannot be set up.
 *
 * `--record FILE` also writes every program on which nothing differs, with what TF did (1.15's
 * text), to FILE: the regression suite (test/oracle/regressions.test.ts) runs those in `npm
 * test` without TensorFlow. The programs are stored whole, so later changes to the generator
 * do not change what a recorded seed tests.
 *
 * Where TensorFlow lives: $SCOPE_LENS_TF_PYTHON (a Python with tensorflow), else
 * <cache>/tf-oracle/bin/python, created with `python3 -m venv` and
 * `pip install --retries 0 tensorflow-cpu==2.21.0` (the machine's package mirror) when missing;
 * <cache> is $XDG_CACHE_HOME/scope-lens or ~/.cache/scope-lens.
 */
import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { analyze, Analysis } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';
import { generate } from './generate';

const TF_VERSION = '2.21.0';

/**
 * What TF 2.21 prints differently from TF 1.15 for these programs, rewritten to 1.15's text.
 * Each entry names the 1.15 source that shows 1.15's behaviour.
 */
export const KNOWN_DIFFERENCES: readonly {
  readonly why: string;
  readonly from: RegExp;
  readonly to: string | ((match: string, ...groups: string[]) => string);
}[] = [
  {
    // tensorflow/python/ops/math_ops.py (1.15), binary_op_wrapper: the right operand is
    // converted with `convert_to_tensor_v2(y, dtype_hint=x.dtype.base_dtype)`, so a value the
    // hint cannot hold (2.0 for int32) becomes a constant of its own dtype and
    // op_def_library._apply_op_helper rejects the pair ("Input 'y' of 'Mul' Op has type float32
    // that does not match type int32 of argument 'x'."); r_binary_op_wrapper converts the left
    // one strictly (`dtype=y.dtype`: _AssertCompatible). 2.x converts inside the op helper.
    why: 'binary operator with a Python value of another dtype',
    from: /Expected (\w+) passed to parameter '(\w+)' of op '(\w+)', got (.+?) of type '(\w+)' instead\. Error: Expected \w+, but got .+? of type '\w+'\./g,
    to: (_m, dtype, param, op, value, pyType) => {
      if (param !== 'y') return `Expected ${dtype}, got ${value} of type '${pyType}' instead.`;
      const own: Record<string, string> = {
        float: 'float32',
        int: 'int32',
        str: 'string',
        bool: 'bool',
      };
      return `Input 'y' of '${op}' Op has type ${own[pyType] ?? pyType} that does not match type ${dtype} of argument 'x'.`;
    },
  },
  {
    // tensorflow/python/framework/tensor_util.py (1.15), _AssertCompatible:
    //   raise TypeError("Expected %s, got %s of type '%s' instead." % (...))
    why: '_AssertCompatible wording',
    from: /Expected (\w+), but got (.+?) of type '(\w+)'\./g,
    to: "Expected $1, got $2 of type '$3' instead.",
  },
  {
    // tensorflow/python/framework/ops.py (1.15), _create_c_op: the shape error names the op as
    // 'name' (op: 'Type'); 2.x prints the C API's {{node name}} = Type[...](inputs) form.
    why: 'shape error of an op',
    from: /'\{\{node ([^}]+)\}\} = (\w+)\[[^\]]*\]\([^)]*\)'/g,
    to: "'$1' (op: '$2')",
  },
  {
    // tensorflow/python/ops/random_ops.py (1.15), random_uniform:
    //   raise ValueError("Invalid dtype %r" % dtype)   (a DType's repr is tf.<name>)
    why: 'random_uniform dtype check',
    from: /Argument `dtype` got invalid value <dtype: '(\w+)'>\. Accepted dtypes are \([^)]*\)\./g,
    to: 'Invalid dtype tf.$1',
  },
];

export function to115(text: string): string {
  let out = text;
  for (const d of KNOWN_DIFFERENCES)
    out =
      typeof d.to === 'string'
        ? out.replace(d.from, d.to)
        : out.replace(d.from, d.to as (m: string, ...g: string[]) => string);
  return out;
}

/** What TF did with one program. */
export interface OracleResult {
  readonly file: string;
  readonly stdout: string;
  readonly events: readonly OracleEvent[];
  readonly uncaught: string | null;
}

export interface OracleEvent {
  readonly line: number;
  readonly name: string;
  readonly key?: string;
  readonly action: 'create' | 'reuse' | 'raise';
  readonly error?: string;
}

/** One difference between TF and Scope Lens on a program. */
export interface Difference {
  /** `runtime-stdout`, `runtime-error`, `analyzer-missing`, `analyzer-false-certain`. */
  readonly kind: string;
  readonly detail: string;
}

function cacheDir(): string {
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'scope-lens');
}

/** A Python with TensorFlow; installs it when missing. */
export function oraclePython(log: (s: string) => void = () => undefined): string {
  const given = process.env.SCOPE_LENS_TF_PYTHON;
  if (given) return given;
  const venv = path.join(cacheDir(), 'tf-oracle');
  const python = path.join(venv, 'bin', 'python');
  const ok = () =>
    fs.existsSync(python) &&
    spawnSync(python, ['-c', 'import tensorflow'], {
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
      stdio: 'ignore',
    }).status === 0;
  if (ok()) return python;
  log(`installing tensorflow-cpu==${TF_VERSION} into ${venv} (a minute or two)`);
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    python,
    ['-m', 'pip', 'install', '--quiet', '--retries', '0', `tensorflow-cpu==${TF_VERSION}`],
    { stdio: 'inherit' },
  );
  if (!ok()) throw new Error(`tensorflow does not import in ${venv}`);
  return python;
}

/**
 * TensorFlow in one Python process (scripts/oracle/batch.py --serve): it imports TF once and
 * runs folders of programs on request.
 */
export class Oracle {
  private readonly child: ChildProcess;
  private readonly lines: string[] = [];
  private waiting: (() => void) | undefined;
  private exited = false;

  constructor(python: string) {
    this.child = spawn(
      python,
      [path.join(projectRoot(), 'scripts', 'oracle', 'batch.py'), '--serve'],
      { env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' }, stdio: ['pipe', 'pipe', 'ignore'] },
    );
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      this.lines.push(line);
      this.waiting?.();
    });
    this.child.on('exit', () => {
      this.exited = true;
      this.waiting?.();
    });
  }

  /** Runs every program of `dir`; their results by file name. */
  async run(dir: string): Promise<Map<string, OracleResult>> {
    const results = path.join(dir, 'oracle.jsonl');
    this.child.stdin!.write(`${dir}\t${results}\n`);
    while (!this.lines.includes('done')) {
      if (this.exited) throw new Error('the TensorFlow process ended');
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    this.lines.splice(this.lines.indexOf('done'), 1);
    const out = new Map<string, OracleResult>();
    for (const line of fs.readFileSync(results, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as OracleResult;
      out.set(r.file, {
        ...r,
        stdout: to115(r.stdout),
        uncaught: r.uncaught === null ? null : to115(r.uncaught),
        events: r.events.map((e) => (e.error ? { ...e, error: to115(e.error) } : e)),
      });
    }
    return out;
  }

  close(): void {
    this.child.stdin!.end();
  }
}

/** What Scope Lens's runtime printed. */
export interface RuntimeResult {
  readonly stdout: string;
  readonly uncaught: string | null;
}

export async function runRuntime(
  runner: Runner,
  file: string,
  code: string,
): Promise<RuntimeResult> {
  let stdout = '';
  const r = await runner.run(
    { language: 'python', code, filename: file, timeoutMs: 60_000 },
    { onStdout: (s) => (stdout += s) },
  );
  const uncaught = r.error ? `${r.error.type}: ${r.error.message.split('\n')[0]}` : null;
  return { stdout, uncaught };
}

/** A name the analyzer printed, possibly with holes (`{...}`), as a matcher. */
function nameMatcher(name: string): (s: string) => boolean {
  if (!name.includes('{')) return (s) => s === name;
  const re = new RegExp(
    '^' +
      name
        .split(/\{[^}]*\}/)
        .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&'))
        .join('.+') +
      '$',
  );
  return (s) => re.test(s);
}

/** The analyzer against TF's outcomes, per call site (line). */
export function compareAnalysis(analysis: Analysis, events: readonly OracleEvent[]): Difference[] {
  const diffs: Difference[] = [];
  const byLine = new Map<number, OracleEvent[]>();
  for (const e of events) {
    const list = byLine.get(e.line) ?? [];
    list.push(e);
    byLine.set(e.line, list);
  }
  const sites = new Map<number, Analysis['callSites'][number][]>();
  for (const s of analysis.callSites) {
    if (s.file) continue;
    const list = sites.get(s.start.line) ?? [];
    list.push(s);
    sites.set(s.start.line, list);
  }
  const predicted = (line: number) => (sites.get(line) ?? []).flatMap((s) => s.outcomes);
  // Every real outcome is predicted.
  for (const [line, real] of byLine) {
    const outcomes = predicted(line);
    for (const e of real) {
      const shownName = e.action === 'raise' ? e.name : e.name;
      const hit = outcomes.some(
        (o) =>
          o.action === e.action &&
          nameMatcher(o.name)(shownName) &&
          (e.action !== 'raise' || o.error === e.error),
      );
      if (!hit)
        diffs.push({
          kind: 'analyzer-missing',
          detail: `line ${line}: TF ${e.action} ${e.name}${e.error ? ` (${e.error})` : ''}; predicted ${
            outcomes.length
              ? outcomes
                  .map((o) => `${o.certain ? '' : 'possible '}${o.action} ${o.name}`)
                  .join(', ')
              : 'nothing'
          }`,
        });
    }
  }
  // No certain outcome that did not happen, at a call site TF reached.
  for (const [line, list] of sites) {
    const real = byLine.get(line);
    if (!real) continue;
    for (const o of list.flatMap((s) => s.outcomes)) {
      // A variable a custom getter made on the way is not the call's outcome in TF's record.
      if (!o.certain || o.entry || o.byGetter) continue;
      const happened = real.some(
        (e) =>
          e.action === o.action &&
          nameMatcher(o.name)(e.name) &&
          (o.action !== 'raise' || o.error === e.error),
      );
      if (!happened)
        diffs.push({
          kind: 'analyzer-false-certain',
          detail: `line ${line}: predicted certain ${o.action} ${o.name}${o.error ? ` (${o.error})` : ''}; TF ${real
            .map((e) => `${e.action} ${e.name}`)
            .join(', ')}`,
        });
    }
  }
  return diffs;
}

export function compareRuntime(oracle: OracleResult, runtime: RuntimeResult): Difference[] {
  const diffs: Difference[] = [];
  if (oracle.stdout !== runtime.stdout) {
    const a = oracle.stdout.split('\n');
    const b = runtime.stdout.split('\n');
    let i = 0;
    while (i < a.length && a[i] === b[i]) i++;
    diffs.push({
      kind: 'runtime-stdout',
      detail: `stdout line ${i + 1}: TF ${JSON.stringify(a[i] ?? '<end>')}, Scope Lens ${JSON.stringify(b[i] ?? '<end>')}`,
    });
  }
  if ((oracle.uncaught ?? '') !== (runtime.uncaught ?? ''))
    diffs.push({
      kind: 'runtime-error',
      detail: `uncaught: TF ${JSON.stringify(oracle.uncaught)}, Scope Lens ${JSON.stringify(runtime.uncaught)}`,
    });
  return diffs;
}

/** Everything that differs on one program (the oracle's result given). */
async function differences(
  runner: Runner,
  file: string,
  code: string,
  oracle: OracleResult,
  which: 'all' | 'runtime' | 'analyzer' = 'all',
): Promise<Difference[]> {
  const out: Difference[] = [];
  if (which !== 'analyzer')
    out.push(...compareRuntime(oracle, await runRuntime(runner, file, code)));
  if (which !== 'runtime')
    out.push(...compareAnalysis(analyze(code, { path: file }), oracle.events));
  return out;
}

/** A difference's detail without its names and numbers. */
function signature(detail: string): string {
  return detail
    .replace(/^line \d+: /, '')
    .replace(/stdout line \d+/, 'stdout')
    .replace(/[\w/]*\/[\w/:]*|\b\d+\b/g, '_')
    .replace(/"var _ \([^)]*\)/g, '"var _ ()')
    .slice(0, 160);
}

/** The statements of a program as line ranges [from, to) (a header line and its block). */
function statements(lines: readonly string[]): [number, number][] {
  const out: [number, number][] = [];
  const indent = (s: string) => s.length - s.trimStart().length;
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    const own = indent(lines[i]);
    if (/^(except|else|elif|finally)\b/.test(lines[i].trim())) continue;
    let j = i + 1;
    for (;;) {
      while (j < lines.length && (!lines[j].trim() || indent(lines[j]) > own)) j++;
      // `try` goes with its `except`/`finally`, `if` with `elif`/`else`: one statement.
      if (
        j < lines.length &&
        indent(lines[j]) === own &&
        /^(except|else|elif|finally)\b/.test(lines[j].trim())
      )
        j++;
      else break;
    }
    out.push([i, j]);
  }
  return out;
}

/**
 * Removes statements while the program keeps a difference of the same kind; returns the
 * smallest program found. Each round runs every one-statement deletion in one oracle batch.
 */
async function minimize(
  tf: Oracle,
  runner: Runner,
  code: string,
  kind: string,
  work: string,
): Promise<string> {
  let best = code;
  for (let round = 0; round < 40; round++) {
    const lines = best.replace(/\n$/, '').split('\n');
    // Bigger statements first: a whole block gone is a bigger step.
    const candidates = statements(lines)
      .sort((x, y) => y[1] - y[0] - (x[1] - x[0]))
      .map(([a, b]) => [...lines.slice(0, a), ...lines.slice(b)].join('\n') + '\n')
      .filter((c) => c !== best);
    if (candidates.length === 0) break;
    const dir = fs.mkdtempSync(path.join(work, 'min-'));
    candidates.forEach((c, i) =>
      fs.writeFileSync(path.join(dir, `c${String(i).padStart(4, '0')}.py`), c),
    );
    const oracle = await tf.run(dir);
    let next: string | undefined;
    for (let i = 0; i < candidates.length && next === undefined; i++) {
      const name = `c${String(i).padStart(4, '0')}.py`;
      const o = oracle.get(name);
      if (!o || o.uncaught?.startsWith('SyntaxError') || o.uncaught?.startsWith('IndentationError'))
        continue;
      const which = kind.startsWith('runtime') ? 'runtime' : 'analyzer';
      const d = await differences(runner, path.join(dir, name), candidates[i], o, which);
      if (d.some((x) => x.kind === kind)) next = candidates[i];
    }
    fs.rmSync(dir, { recursive: true, force: true });
    if (next === undefined) break;
    best = next;
  }
  return best;
}

interface Options {
  from: number;
  to: number;
  keep?: string;
  minimize: boolean;
  maxReports: number;
  record?: string;
}

/** One program of the regression suite: its text and what TensorFlow did with it. */
export interface RecordedProgram {
  readonly seed: number;
  readonly program: string;
  readonly stdout: string;
  readonly uncaught: string | null;
  readonly events: readonly OracleEvent[];
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { from: 1, to: 200, minimize: true, maxReports: 10 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--seeds') {
      const m = /^(\d+)(?:-(\d+))?$/.exec(argv[++i] ?? '');
      if (!m) throw new Error('--seeds takes A-B or A');
      o.from = Number(m[1]);
      o.to = Number(m[2] ?? m[1]);
    } else if (a === '--keep') o.keep = argv[++i];
    else if (a === '--no-minimize') o.minimize = false;
    else if (a === '--reports') o.maxReports = Number(argv[++i]);
    else if (a === '--record') o.record = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  return o;
}

async function main(): Promise<number> {
  let options: Options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`test:oracle: ${(e as Error).message}`);
    return 2;
  }
  let python: string;
  try {
    python = oraclePython((s) => console.log(s));
  } catch (e) {
    console.error(`test:oracle: cannot set up TensorFlow: ${(e as Error).message}`);
    return 2;
  }
  const work = options.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-oracle-'));
  fs.mkdirSync(work, { recursive: true });
  const programs = path.join(work, 'programs');
  fs.mkdirSync(programs, { recursive: true });
  const seeds: number[] = [];
  for (let s = options.from; s <= options.to; s++) seeds.push(s);
  const fileOf = (s: number) => `seed_${String(s).padStart(6, '0')}.py`;
  for (const s of seeds) fs.writeFileSync(path.join(programs, fileOf(s)), generate(s));
  const started = Date.now();
  const tf = new Oracle(python);
  const oracle = await tf.run(programs);
  const tfSeconds = (Date.now() - started) / 1000;
  const runner = new Runner({ timeoutMs: 60_000 });
  const byKind = new Map<string, number[]>();
  const first = new Map<string, { seed: number; detail: string }>();
  let failing = 0;
  const recorded: RecordedProgram[] = [];
  try {
    for (const s of seeds) {
      const file = path.join(programs, fileOf(s));
      const code = fs.readFileSync(file, 'utf8');
      const o = oracle.get(fileOf(s));
      if (!o) {
        console.log(`seed ${s}: TensorFlow gave no result`);
        failing++;
        continue;
      }
      const diffs = await differences(runner, file, code, o);
      if (diffs.length) failing++;
      else
        recorded.push({
          seed: s,
          program: code,
          stdout: o.stdout,
          uncaught: o.uncaught,
          events: o.events,
        });
      for (const d of diffs) {
        // Grouped by kind and the detail's shape (names and numbers left out), so that
        // different causes of one kind are reported apart.
        const group = `${d.kind}\t${signature(d.detail)}`;
        const list = byKind.get(group) ?? [];
        if (!list.includes(s)) list.push(s);
        byKind.set(group, list);
        if (!first.has(group)) first.set(group, { seed: s, detail: d.detail });
      }
    }
    console.log(
      `${seeds.length} programs (seeds ${options.from}-${options.to}); TensorFlow took ${tfSeconds.toFixed(0)} s; ${failing} differ`,
    );
    if (options.record) {
      // One program a line: diffs of the file stay one line per program.
      const lines = recorded.map((r) => JSON.stringify(r));
      fs.writeFileSync(options.record, lines.join('\n') + '\n');
      console.log(`recorded ${recorded.length} programs in ${options.record}`);
    }
    let reports = 0;
    for (const [group, list] of byKind) {
      const f = first.get(group)!;
      const kind = group.split('\t')[0];
      console.log(
        `\n${kind}: ${list.length} programs (seeds ${list.slice(0, 12).join(', ')}${list.length > 12 ? ', ...' : ''})`,
      );
      console.log(`  seed ${f.seed}: ${f.detail}`);
      if (options.minimize && reports < options.maxReports) {
        reports++;
        const code = fs.readFileSync(path.join(programs, fileOf(f.seed)), 'utf8');
        const small = await minimize(tf, runner, code, kind, work);
        const smallFile = path.join(work, `minimized-${kind}-${f.seed}.py`);
        fs.writeFileSync(smallFile, small);
        console.log(`  minimized (${smallFile}):`);
        for (const l of small.split('\n')) if (l) console.log(`    ${l}`);
      }
    }
  } finally {
    await runner.dispose();
    tf.close();
    if (!options.keep) fs.rmSync(work, { recursive: true, force: true });
  }
  return failing === 0 ? 0 : 1;
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (e) => {
      console.error(e);
      process.exit(2);
    },
  );
}
