/**
 * The three checks every corpus of TF1 programs gets, written once and used twice: by the
 * default suites on the in-repo corpus (test/corpus) and the runtime's own programs, and by
 * test/shared on the reference corpus in ../shared/conformance.
 *
 * - `describeRuntimePrograms`: each `NNN_name.py` through the real runner (worker thread,
 *   Pyodide, the `tensorflow` package on the engine) prints exactly its `.expected` (stdout only).
 * - `describeStaticAgreement`: the analyzer's `get_variable` events equal `.static.json`.
 * - `describeDifferential`: the analyzer's events equal the Python runtime's recorded events.
 * - `describeAnalyzerRobustness`: the analyzer never throws on prefixes and splices of them.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { randomIndex } from '../support';

/** One corpus program: its stem, file and source text. */
export interface CorpusProgram {
  stem: string;
  file: string;
  source: string;
}

/** A `get_variable` event as `.static.json` pins it (fields in a fixed order). */
export interface StaticEvent {
  line: unknown;
  name: unknown;
  key: unknown;
  action: unknown;
  error: unknown;
}

/** The `.py` programs in `dir` that have a sibling with `suffix`, sorted. */
export function corpusPrograms(dir: string, suffix = '.expected'): CorpusProgram[] {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.py') && fs.existsSync(path.join(dir, f.slice(0, -3) + suffix)))
    .sort()
    .map((f) => ({
      stem: f.slice(0, -3),
      file: path.join(dir, f),
      source: fs.readFileSync(path.join(dir, f), 'utf8'),
    }));
}

/** The pinned fields of an event, in a fixed order (absent fields stay `undefined`). */
export function normEvent(e: Record<string, unknown>): StaticEvent {
  return { line: e.line, name: e.name, key: e.key, action: e.action, error: e.error };
}

/** The events a `.static.json` beside `file` records. */
export function recordedEvents(file: string): StaticEvent[] {
  const json = JSON.parse(fs.readFileSync(file.replace(/\.py$/, '.static.json'), 'utf8')) as {
    events: Record<string, unknown>[];
  };
  return json.events.map(normEvent);
}

/** What the analyzer predicts for a program's `get_variable` calls. */
export function predictedEvents(source: string): StaticEvent[] {
  return analyzePython(source).events.map((e) => normEvent({ ...e }));
}

/** Runs a program through `runner`; its stdout, stderr and exit code. */
export async function runProgram(
  runner: Runner,
  file: string,
  code: string,
): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  let stdout = '';
  let stderr = '';
  const result = await runner.run(
    { language: 'python', code, filename: file, cwd: path.dirname(file) },
    { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
  );
  return { stdout, stderr, exitCode: result.exitCode };
}

/** Each program of each folder prints exactly its `.expected` and exits 0. */
export function describeRuntimePrograms(title: string, suites: Array<[string, string]>): void {
  describe(title, function () {
    this.timeout(120_000);
    const runner = new Runner();
    after(() => runner.dispose());
    for (const [name, dir] of suites) {
      describe(name, () => {
        const programs = corpusPrograms(dir);
        it('has programs', () => assert.ok(programs.length > 0, `no programs in ${dir}`));
        for (const p of programs) {
          it(p.stem, async () => {
            const { stdout, stderr, exitCode } = await runProgram(runner, p.file, p.source);
            const expected = fs.readFileSync(p.file.replace(/\.py$/, '.expected'), 'utf8');
            assert.equal(stdout, expected, `stderr:\n${stderr}`);
            assert.equal(exitCode, 0, stderr);
          });
        }
      });
    }
  });
}

/** The analyzer's events for every program with a `.static.json` in `dir` equal the file's. */
export function describeStaticAgreement(title: string, dir: string): void {
  describe(title, () => {
    const programs = corpusPrograms(dir, '.static.json');
    it('has programs', () => assert.ok(programs.length > 0, `no programs in ${dir}`));
    for (const p of programs) {
      it(p.stem, () => {
        assert.deepEqual(predictedEvents(p.source), recordedEvents(p.file));
      });
    }
  });
}

const MARK = '@@scope-lens-events@@';
// Appended after the program (so its line numbers are unchanged): prints the recorded events.
const TRAILER = `\nimport json as _j, sys as _s, tensorflow as _t\n_s.__stdout__.write("${MARK}" + _j.dumps(_t._variable_scope.EVENTS) + "\\n")\n`;

/**
 * For a program that stops at an uncaught error: runs it by `exec` under its own file name (its
 * line numbers unchanged), catches the error and prints the events recorded until then.
 */
function catchingWrapper(filename: string): string {
  const p = JSON.stringify(filename);
  return [
    'import json as _j, sys as _s, tensorflow as _t',
    `_p = ${p}`,
    'try:',
    '    exec(compile(open(_p).read(), _p, "exec"), {"__name__": "__main__", "__file__": _p})',
    'except (ValueError, TypeError):',
    '    pass',
    `_s.__stdout__.write("${MARK}" + _j.dumps(_t._variable_scope.EVENTS) + "\\n")`,
    '',
  ].join('\n');
}

/** A folder of programs for `describeDifferential`. */
export interface DifferentialDir {
  dir: string;
  /** Only the programs whose source passes (default: every `.py`). */
  only?: (source: string) => boolean;
  /** Only the programs whose file name matches. */
  names?: RegExp;
  /**
   * The programs may stop at an uncaught `get_variable` error (fixtures annotate calls after
   * one): then the events up to that error must be the first ones the analyzer predicts.
   */
  mayStopAtError?: boolean;
}

function parseEvents(stdout: string): StaticEvent[] | null {
  const line = stdout.split('\n').find((l) => l.startsWith(MARK));
  return line
    ? (JSON.parse(line.slice(MARK.length)) as Record<string, unknown>[]).map(normEvent)
    : null;
}

/**
 * Static against dynamic: each program runs through the Python runtime (which records every
 * `get_variable` outcome) and through the analyzer; the two lists must be equal.
 */
export function describeDifferential(title: string, dirs: DifferentialDir[]): void {
  describe(title, function () {
    this.timeout(120_000);
    const runner = new Runner();
    after(() => runner.dispose());
    for (const { dir, only, names, mayStopAtError } of dirs) {
      const programs = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.py') && (!names || names.test(f)))
        .sort()
        .map((f) => ({ file: f, source: fs.readFileSync(path.join(dir, f), 'utf8') }))
        .filter((p) => !only || only(p.source));
      it(`${path.basename(dir)} has programs`, () => assert.ok(programs.length > 0, dir));
      for (const { file, source } of programs) {
        it(`${path.basename(dir)}/${file}`, async () => {
          const filename = path.join(dir, file);
          const run = await runProgram(runner, filename, source + TRAILER);
          let dynamic = parseEvents(run.stdout);
          let predicted = predictedEvents(source);
          if (dynamic === null && mayStopAtError) {
            const wrapped = await runProgram(runner, filename, catchingWrapper(filename));
            dynamic = parseEvents(wrapped.stdout);
            assert.ok(dynamic, `no events printed:\n${wrapped.stderr}`);
            assert.equal(dynamic[dynamic.length - 1]?.action, 'raise', run.stderr);
            predicted = predicted.slice(0, dynamic.length);
          }
          assert.ok(dynamic, `no events printed (exit ${run.exitCode}):\n${run.stderr}`);
          assert.deepEqual(predicted, dynamic);
        });
      }
    }
  });
}

/** The analyzer never throws on any prefix (every 7th) or random splice of the programs. */
export function describeAnalyzerRobustness(title: string, dir: string): void {
  describe(title, () => {
    const programs = corpusPrograms(dir, '.static.json');

    it('every prefix of every program', () => {
      assert.ok(programs.length > 0, `no programs in ${dir}`);
      for (const p of programs) {
        for (let i = 0; i <= p.source.length; i += 7) {
          assert.ok(Array.isArray(analyzePython(p.source.slice(0, i)).events));
        }
      }
    });

    it('random splices of the programs (fixed seed)', () => {
      const rand = randomIndex(12345);
      for (let k = 0; k < 300; k++) {
        const a = programs[rand(programs.length)].source;
        const b = programs[rand(programs.length)].source;
        const text = a.slice(0, rand(a.length + 1)) + b.slice(rand(b.length + 1));
        assert.ok(Array.isArray(analyzePython(text).events));
      }
    });
  });
}
