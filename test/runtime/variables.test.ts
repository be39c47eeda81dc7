/**
 * A run's variables (`RunRequest.collectVariables` → `RunResult.variables`): what the editor's
 * Run results view shows. Real worker, real Pyodide; the statistics are checked against values
 * computed here from the reported values (complete when the cap does not bite).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import type { RunRequest, RunVariable } from '../../src/runtime/runner';
import { valueStats } from '../../src/runtime/variables';
import { PYODIDE_RUNTIME_FILES } from '../../src/runtime/paths';
import { projectRoot } from '../support';

const root = projectRoot();
const seed1 = path.join(root, 'examples', 'python', 'collections_and_shapes.py');

function py(code: string, extra: Partial<RunRequest> = {}): RunRequest {
  return {
    language: 'python',
    code,
    filename: path.join(root, 'test', 'runtime', 'fixtures', 'vars.py'),
    collectVariables: {},
    ...extra,
  };
}

function byName(vars: readonly RunVariable[] | undefined): Map<string, RunVariable> {
  return new Map((vars ?? []).map((v) => [v.name, v]));
}

function close(a: number, b: number, what: string): void {
  assert.ok(Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);
}

describe("runtime: a run's variables for the editor", function () {
  this.timeout(60_000);
  let runner: Runner;

  before(() => {
    runner = new Runner();
  });

  after(async () => {
    await runner.dispose();
  });

  it("reports the seed's variables: name, shape, dtype, trainable, collections, size, values, stats", async () => {
    const r = await runner.run({
      language: 'python',
      code: fs.readFileSync(seed1, 'utf8'),
      filename: seed1,
      collectVariables: {},
    });
    assert.equal(r.exitCode, 0, JSON.stringify(r.error));
    assert.deepEqual(
      r.variables?.map((v) => [v.name, v.shape, v.dtype, v.trainable, v.collections, v.size]),
      [
        ['a:0', [3, 3, 32, 64], 'float32_ref', true, ['variables', 'trainable_variables'], 18432],
        ['b:0', [64], 'float32_ref', true, ['variables', 'trainable_variables'], 64],
      ],
    );
    for (const v of r.variables!) {
      assert.ok(v.values instanceof Float64Array);
      assert.equal(v.values.length, v.size);
      const s = valueStats(v.values)!;
      close(v.stats!.mean, s.mean, 'mean');
      close(v.stats!.std, s.std, 'std');
      assert.equal(v.stats!.min, s.min);
      assert.equal(v.stats!.max, s.max);
    }
    // random_normal_initializer(): mean 0, stddev 1 (18432 samples).
    const a = byName(r.variables).get('a:0')!;
    assert.ok(Math.abs(a.stats!.mean) < 0.05, `mean ${a.stats!.mean}`);
    assert.ok(Math.abs(a.stats!.std - 1) < 0.05, `std ${a.stats!.std}`);
  });

  it('reports values as the program left them, local variables, and exact statistics', async () => {
    const r = await runner.run(
      py(
        [
          'import tensorflow as tf',
          'with tf.variable_scope("m"):',
          '  w = tf.get_variable("w", [2, 3], initializer=tf.constant_initializer([1, 2, 3, 4, 5, 6]))',
          '  c = tf.get_local_variable("count", [], dtype=tf.int32, initializer=tf.zeros_initializer())',
          'sess = tf.Session()',
          'sess.run(tf.global_variables_initializer())',
          'sess.run(tf.local_variables_initializer())',
          'sess.run(w.assign([[0, 0, 0], [0, 0, 12]]))',
        ].join('\n'),
      ),
    );
    assert.equal(r.exitCode, 0, JSON.stringify(r.error));
    const vars = byName(r.variables);
    assert.deepEqual([...vars.keys()], ['m/w:0', 'm/count:0']);
    const w = vars.get('m/w:0')!;
    assert.deepEqual([...w.values], [0, 0, 0, 0, 0, 12]);
    assert.deepEqual(w.stats, { mean: 2, std: Math.sqrt(20), min: 0, max: 12 });
    const count = vars.get('m/count:0')!;
    assert.equal(count.trainable, false);
    assert.deepEqual(count.collections, ['local_variables']);
    assert.deepEqual(count.shape, []);
    assert.equal(count.size, 1);
    assert.equal(count.dtype, 'int32_ref');
  });

  it('caps the values per variable and per run; statistics still cover every value', async () => {
    const r = await runner.run(
      py(
        [
          'import tensorflow as tf',
          'a = tf.get_variable("a", [1000], initializer=tf.ones_initializer())',
          'b = tf.get_variable("b", [1000], initializer=tf.zeros_initializer())',
          'c = tf.get_variable("c", [10], initializer=tf.ones_initializer())',
        ].join('\n'),
        { collectVariables: { maxValues: 600, maxTotalValues: 1000 } },
      ),
    );
    const vars = byName(r.variables);
    assert.equal(vars.get('a:0')!.values.length, 600);
    assert.equal(vars.get('b:0')!.values.length, 400);
    assert.equal(vars.get('c:0')!.values.length, 0);
    assert.deepEqual(vars.get('c:0')!.stats, { mean: 1, std: 0, min: 1, max: 1 });
    assert.equal(vars.get('a:0')!.size, 1000);
  });

  it('reports what was created before an uncaught error; nothing unless asked; TS programs too', async () => {
    const failed = await runner.run(
      py(
        ['import tensorflow as tf', 'tf.get_variable("x", [2])', 'tf.get_variable("x", [2])'].join(
          '\n',
        ),
      ),
    );
    assert.equal(failed.exitCode, 1);
    assert.equal(failed.error?.type, 'ValueError');
    assert.deepEqual(
      failed.variables?.map((v) => v.name),
      ['x:0'],
    );

    const none = await runner.run({
      language: 'python',
      code: 'import tensorflow as tf\ntf.get_variable("x", [2])\n',
      filename: path.join(root, 'test', 'runtime', 'fixtures', 'vars.py'),
    });
    assert.equal(none.exitCode, 0);
    assert.equal(none.variables, undefined);

    const ts = await runner.run({
      language: 'typescript',
      code: [
        "import { variableScope, getVariable, initializers } from 'scope-lens';",
        "variableScope('enc', () => getVariable('b', { shape: [4], initializer: initializers.constant(0.5), trainable: false }));",
      ].join('\n'),
      filename: path.join(root, 'test', 'runtime', 'fixtures', 'vars.ts'),
      collectVariables: {},
    });
    assert.equal(ts.exitCode, 0, JSON.stringify(ts.error));
    assert.deepEqual(
      ts.variables?.map((v) => [v.name, v.shape, v.trainable, v.collections, [...v.values]]),
      [['enc/b:0', [4], false, ['variables'], [0.5, 0.5, 0.5, 0.5]]],
    );
  });

  it('a stopped run reports no variables', async () => {
    const r = await runner.run(
      py('import tensorflow as tf\ntf.get_variable("x", [2])\nwhile True:\n  pass\n', {
        timeoutMs: 300,
      }),
    );
    assert.equal(r.timedOut, true);
    assert.equal(r.variables, undefined);
  });

  it('valueStats: empty is null; booleans count as 0/1', () => {
    assert.equal(valueStats([]), null);
    assert.deepEqual(valueStats([true, false, true, true]), {
      mean: 0.75,
      std: Math.sqrt(0.1875),
      min: 0,
      max: 1,
    });
  });

  it("the build copies exactly Pyodide's runtime files that paths.ts looks for", () => {
    const build = fs.readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8');
    const list = /const PYODIDE_RUNTIME_FILES = \[([^\]]*)\]/.exec(build)?.[1] ?? '';
    assert.deepEqual(
      [...list.matchAll(/'([^']+)'/g)].map((m) => m[1]),
      [...PYODIDE_RUNTIME_FILES],
    );
    for (const f of PYODIDE_RUNTIME_FILES) {
      assert.ok(fs.existsSync(path.join(root, 'dist', 'pyodide', f)), `dist/pyodide/${f}`);
    }
  });

  it('a trained variable also reports its values from when a session first initialized it', async () => {
    const r = await runner.run(
      py(
        [
          'import tensorflow as tf',
          "w = tf.get_variable('w', initializer=tf.constant([1.0, -2.0, 3.0]))",
          "c = tf.get_variable('c', initializer=tf.constant([5.0]))",
          'loss = tf.reduce_sum(w * w)',
          'train = tf.train.GradientDescentOptimizer(0.25).minimize(loss, var_list=[w])',
          'with tf.Session() as sess:',
          '    sess.run(tf.global_variables_initializer())',
          '    sess.run(train)',
          '    sess.run(train)',
        ].join('\n'),
      ),
    );
    assert.equal(r.exitCode, 0, JSON.stringify(r.error));
    const vars = byName(r.variables);
    const w = vars.get('w:0')!;
    // Each step is w - 0.25 * 2w = w / 2.
    assert.deepEqual([...w.values], [0.25, -0.5, 0.75]);
    assert.deepEqual([...w.initial!.values], [1, -2, 3]);
    assert.deepEqual(w.initial!.stats, valueStats([1, -2, 3]));
    assert.deepEqual([...vars.get('c:0')!.initial!.values], [5]);
    const untouched = await runner.run(
      py("import tensorflow as tf\nv = tf.get_variable('v', [2])"),
    );
    assert.equal(byName(untouched.variables).get('v:0')!.initial, undefined);
  });
});
