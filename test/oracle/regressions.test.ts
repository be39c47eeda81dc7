import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';
import { compareAnalysis, compareRuntime, RecordedProgram, runRuntime } from './harness';

/**
 * The differential harness's programs, replayed without TensorFlow: each recorded program
 * (`npm run test:oracle -- --seeds A-B --record test/oracle/recorded.jsonl`) holds its text and
 * what TF did with it, already in TF 1.15's wording. The runtime must print the same bytes and
 * the analyzer must predict every outcome TF had, with no certain outcome that TF did not have
 * — the comparisons of the harness itself.
 */
const FILE = path.join(projectRoot(), 'test', 'oracle', 'recorded.jsonl');

function load(): RecordedProgram[] {
  return fs
    .readFileSync(FILE, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as RecordedProgram);
}

describe('oracle regressions: programs recorded from real TensorFlow', function () {
  this.timeout(600_000);
  const programs = load();
  const fileOf = (p: RecordedProgram) => `seed_${String(p.seed).padStart(6, '0')}.py`;

  it('are a few hundred, each with something TF did', () => {
    assert.ok(programs.length >= 200, `${programs.length} programs`);
    // Outcomes, output, or an error the program did not catch (its first statement may raise).
    for (const p of programs)
      assert.ok(p.events.length > 0 || p.stdout.length > 0 || p.uncaught, `seed ${p.seed}`);
  });

  it('the analyzer predicts what TF did at every call site', () => {
    const failures: string[] = [];
    for (const p of programs) {
      const diffs = compareAnalysis(analyze(p.program, { path: fileOf(p) }), p.events);
      for (const d of diffs) failures.push(`seed ${p.seed}: ${d.kind}: ${d.detail}`);
    }
    assert.deepEqual(failures, []);
  });

  it('the runtime prints what TF printed, byte for byte', async () => {
    const runner = new Runner({ timeoutMs: 60_000 });
    const failures: string[] = [];
    try {
      for (const p of programs) {
        const got = await runRuntime(runner, fileOf(p), p.program);
        const diffs = compareRuntime({ ...p, file: fileOf(p) }, got);
        for (const d of diffs) failures.push(`seed ${p.seed}: ${d.kind}: ${d.detail}`);
      }
    } finally {
      await runner.dispose();
    }
    assert.deepEqual(failures, []);
  });
});
