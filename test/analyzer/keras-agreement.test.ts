/**
 * Static against dynamic for `tf.keras.layers` (issue #11). Keras layers make their weights with
 * `tf.Variable`, not `get_variable`, so the event comparison of differential.test.ts holds
 * nothing for them: here every Keras program of test/runtime/layers (`keras_*.py`) runs through
 * the Python runtime, which prints the graph's global variables (name and static shape) at the
 * end, and the analyzer's variables for the same source must be exactly those, in the
 * same order. Plus what the editor's hovers show for Keras code: the layer objects a program
 * binds (their type, name and variables, sublayers' included) and their outputs' static shapes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, analyzePython } from '../../src/analyzer/analyze';
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

describe('analyzer: what Keras calls return (hovers)', () => {
  it('layer objects with their name and variables, outputs with static shapes and op names', () => {
    const source = [
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 5])',
      'dense = tf.keras.layers.Dense(3)',
      'with tf.variable_scope("enc", reuse=tf.AUTO_REUSE):',
      '    y = dense(x)',
      '',
      'class Block(tf.keras.layers.Layer):',
      '    def __init__(self):',
      '        super(Block, self).__init__()',
      '        self.inner = [tf.keras.layers.Dense(2), tf.keras.layers.Dense(2)]',
      '',
      '    def call(self, inputs):',
      '        for layer in self.inner:',
      '            inputs = layer(inputs)',
      '        return inputs',
      '',
      'block = Block()',
      'z = block(y)',
      '',
    ].join('\n');
    const a = analyze(source, { path: 'model.py' });
    const at = (line: number) =>
      a.results.filter((r) => r.start.line === line).flatMap((r) => r.values);
    assert.deepEqual(at(3), [
      {
        kind: 'layer',
        type: 'Dense',
        name: 'dense',
        variables: ['enc/dense/kernel:0', 'enc/dense/bias:0'],
      },
    ]);
    assert.deepEqual(at(5), [
      { kind: 'tensor', name: 'enc/dense/BiasAdd:0', shape: '(?, 3)', dtype: 'float32' },
    ]);
    assert.deepEqual(at(17), [
      {
        kind: 'layer',
        type: 'Block',
        name: 'block',
        variables: [
          'block/dense_1/kernel:0',
          'block/dense_1/bias:0',
          'block/dense_2/kernel:0',
          'block/dense_2/bias:0',
        ],
      },
    ]);
    assert.deepEqual(at(18), [
      { kind: 'tensor', name: 'block/dense_2/BiasAdd:0', shape: '(?, 2)', dtype: 'float32' },
    ]);
  });
});
