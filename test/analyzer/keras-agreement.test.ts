/**
 * Static against dynamic for `tf.keras.layers` (issue #11). Keras layers make their weights with
 * `tf.Variable`, not `get_variable`, so the event comparison of differential.test.ts holds
 * nothing for them: here every Keras program of test/runtime/layers (`keras_*.py`) runs through
 * the Python runtime, which prints the graph's global variables (name and static shape) at the
 * end, and the analyzer's variables for the same source must be exactly those, in the
 * same order.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { runProgram } from '../conformance/suites';
import { projectRoot } from '../support';

const dir = path.join(projectRoot(), 'test', 'runtime', 'layers');
const MARK = '@@KERAS-VARIABLES@@';
const TRAILER = [
  '',
  'import json as _j, sys as _s, tensorflow as _t',
  '_s.__stdout__.write("' +
    MARK +
    '" + _j.dumps([[v.name, str(tuple(v.shape.as_list()))] for v in _t.global_variables()]) + "\\n")',
  '',
].join('\n');

describe('analyzer: tf.keras variables equal what the Python runtime creates', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());
  const programs = fs
    .readdirSync(dir)
    .filter((f) => /^keras_.*\.py$/.test(f))
    .sort();
  it('has Keras programs', () => assert.ok(programs.length >= 3));
  for (const file of programs) {
    it(file, async () => {
      const filename = path.join(dir, file);
      const source = fs.readFileSync(filename, 'utf8');
      const run = await runProgram(runner, filename, source + TRAILER);
      const line = run.stdout.split('\n').find((l) => l.startsWith(MARK));
      assert.ok(line, `no variables printed:\n${run.stderr}`);
      const dynamic = JSON.parse(line.slice(MARK.length)) as [string, string][];
      assert.ok(dynamic.length > 0);
      const predicted = analyzePython(source).variables;
      assert.deepEqual(
        predicted.map((v) => [v.name, v.shape]),
        dynamic,
      );
    });
  }
});
