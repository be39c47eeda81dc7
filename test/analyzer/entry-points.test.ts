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

describe('analyzer: an uncalled function that reuses what the module creates elsewhere', () => {
  // A VAE's decoder for sampling: it shares the weights `autoencoder` creates, so it is written
  // to run after it. Alone it fails, but that is no mistake: information, not a warning.
  const VAE = [
    'import tensorflow as tf',
    '',
    'def decoder_net(z, reuse=False):',
    '    with tf.variable_scope("decoder", reuse=reuse):',
    '        return tf.get_variable("w0", [4, 4])',
    '',
    'def autoencoder(x):',
    '    return decoder_net(x)',
    '',
    'def sample(z):',
    '    return decoder_net(z, reuse=True)',
    '',
    'def lonely(z):',
    '    with tf.variable_scope("nowhere", reuse=True):',
    '        return tf.get_variable("w0", [4, 4])',
    '',
  ].join('\n');
  const found = analyzePython(VAE).diagnostics.filter((d) => d.code === 'TF-VAR-MISSING');

  it('is information naming the function that creates the variable', () => {
    const shared = found.find((d) => d.start.line === 5);
    assert.ok(shared, JSON.stringify(found));
    assert.equal(shared.severity, 'information');
    assert.match(shared.message, /Variable decoder\/w0 does not exist/);
    assert.match(shared.message, /\(when sample runs alone; autoencoder creates it\)$/);
  });

  it('a variable nothing in the module creates stays a warning', () => {
    const lonely = found.find((d) => d.start.line === 15);
    assert.ok(lonely, JSON.stringify(found));
    assert.equal(lonely.severity, 'warning');
    assert.match(lonely.message, /\(when lonely runs alone\)$/);
  });
});
