/**
 * Batch normalization's real kernels against real TensorFlow: `tf.nn.fused_batch_norm`
 * (`FusedBatchNormV3`, `FusedBatchNormGradV3`), slim's and tf.layers' fused paths (NHWC and NCHW,
 * training, inference and a placeholder flag), tf.layers' batch renormalization, and a small
 * conv + batch-norm model's loss curve.
 *
 * Each program in test/runtime/fusedbn prints what its `.expected` holds, recorded by the layers
 * oracle (TF 1.15's tf.layers / slim code on TF 2.21's kernels):
 *
 *   /work/.tf-oracle/bin/python scripts/oracle/layers/run.py --tf-keras DIR --tf-slim DIR \
 *     test/runtime/fusedbn/*.py
 *
 * Every word that is not a number must be equal (names, shapes, op types); numbers agree within
 * float32 tolerance: |actual - expected| <= 1e-5 + 1e-4 * |expected| (the kernels sum in another
 * order than TF's Eigen, so the last digits differ; the 20-step loss curve stays within it).
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { corpusPrograms, runProgram } from '../conformance/suites';
import * as fs from 'node:fs';
import { projectRoot } from '../support';

const dir = path.join(projectRoot(), 'test', 'runtime', 'fusedbn');
const RTOL = 1e-4;
const ATOL = 1e-5;
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** The tokens of a line: numbers apart from what surrounds them (`(3,)` is `(`, `3`, `,)`). */
function tokens(line: string): string[] {
  return line.split(/([-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?)/i).filter((t) => t.length > 0);
}

/** Where `actual` and `expected` differ beyond the tolerance, or null. */
function numericDifference(actual: string, expected: string): string | null {
  const a = actual.split('\n');
  const e = expected.split('\n');
  if (a.length !== e.length) return `${a.length} lines, expected ${e.length}`;
  for (let i = 0; i < e.length; i++) {
    const ta = tokens(a[i]);
    const te = tokens(e[i]);
    const where = `line ${i + 1}:\n  actual   ${a[i].slice(0, 200)}\n  expected ${e[i].slice(0, 200)}`;
    if (ta.length !== te.length) return where;
    for (let j = 0; j < te.length; j++) {
      if (NUMBER.test(te[j]) && NUMBER.test(ta[j])) {
        const x = Number(ta[j]);
        const y = Number(te[j]);
        if (Math.abs(x - y) > ATOL + RTOL * Math.abs(y)) return `${where}\n  ${ta[j]} vs ${te[j]}`;
      } else if (ta[j] !== te[j]) {
        return `${where}\n  '${ta[j]}' vs '${te[j]}'`;
      }
    }
  }
  return null;
}

describe('runtime: fused batch norm, NCHW and renorm against TensorFlow (float32 tolerance)', function () {
  this.timeout(180_000);
  const runner = new Runner();
  after(() => runner.dispose());

  it('the comparison tells numbers within the tolerance from other differences', () => {
    assert.equal(numericDifference('y (3,) 1.00001 -2', 'y (3,) 1 -2.00002'), null);
    assert.notEqual(numericDifference('y (3,) 1.001', 'y (3,) 1'), null);
    assert.notEqual(numericDifference('y (2,) 1', 'y (3,) 1'), null);
    assert.notEqual(numericDifference('FusedBatchNormV3:1 1', 'FusedBatchNormV3:2 1'), null);
    assert.notEqual(numericDifference('a 1', 'b 1'), null);
  });

  const programs = corpusPrograms(dir);
  it('has its programs, each with its recorded output', () => {
    const stems = programs.map((p) => p.stem);
    for (const s of ['fusedbn_op', 'fusedbn_slim', 'fusedbn_layers', 'fusedbn_renorm'])
      assert.ok(stems.includes(s), s);
    assert.ok(stems.includes('fusedbn_train'));
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.py')))
      assert.ok(fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))), f);
  });
  for (const p of programs) {
    it(p.stem, async () => {
      const { stdout, stderr, exitCode } = await runProgram(runner, p.file, p.source);
      assert.equal(exitCode, 0, stderr);
      const expected = fs.readFileSync(p.file.replace(/\.py$/, '.expected'), 'utf8');
      const diff = numericDifference(stdout, expected);
      assert.equal(diff, null, `${diff}\nstderr:\n${stderr}`);
    });
  }
});
