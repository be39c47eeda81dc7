import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';

// A library file: functions nobody calls here are still analysed, each alone in a fresh graph
// with its parameters at their defaults, so their variables get their full names.
const LIBRARY = [
  'import tensorflow as tf',
  '',
  'def model(x, hparams, scope="model"):',
  '    with tf.variable_scope(scope):',
  '        for i in range(2):',
  '            with tf.variable_scope("h%d" % i):',
  '                w = tf.get_variable("w", [4, 4])',
  '        return tf.get_variable("out", [4])',
  '',
  'def broken():',
  '    tf.get_variable("v", [1])',
  '    tf.get_variable("v", [1])',
  '',
].join('\n');

describe('analyzer: uncalled functions are analysed as entry points', () => {
  const result = analyzePython(LIBRARY);

  it('their variables are named as if called with their defaults', () => {
    assert.deepEqual(
      result.variables.map((v) => [v.name, v.shape, v.createdAt]),
      [
        ['model/h0/w:0', '(4, 4)', 7],
        ['model/h1/w:0', '(4, 4)', 7],
        ['model/out:0', '(4,)', 8],
        ['v:0', '(1,)', 11],
      ],
    );
  });

  it('an error inside one is reported at the call that raises', () => {
    assert.deepEqual(
      result.diagnostics
        .filter((d) => d.severity !== 'hint')
        .map((d) => [d.code, d.start.line, d.start.column]),
      [['TF-VAR-EXISTS', 12, 5]],
    );
  });

  it("they are not part of the program's execution (no .static.json events)", () => {
    assert.deepEqual(result.events, []);
  });

  it('a function the program calls is not analysed again on its own', () => {
    const r = analyzePython(`${LIBRARY}\nmodel(None, None, scope="net")\n`);
    assert.deepEqual(
      r.events.map((e) => e.name),
      ['net/h0/w:0', 'net/h1/w:0', 'net/out:0'],
    );
    assert.ok(!r.variables.some((v) => v.name.startsWith('model/')));
  });
});
