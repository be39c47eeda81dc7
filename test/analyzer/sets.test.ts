/**
 * Python sets in the analyzer: what only their contents decide is known (builtins_sets.py, a
 * differential fixture, checks it against the runtime); the order they iterate in is not, since
 * CPython's follows the items' hashes (a string's differs from process to process).
 */
import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';

describe('analyzer: sets', () => {
  it('does not pretend to know the order a set iterates in', () => {
    const a = analyzePython(
      [
        'import tensorflow as tf',
        'for i, name in enumerate({"enc", "dec"}):',
        '    tf.get_variable("%s_%d" % (name, i), [1])',
        '',
      ].join('\n'),
    );
    // Neither `enc_0` nor `dec_0` may be claimed: which comes first is not known.
    assert.ok(!a.variables.some((v) => v.certain && /^(enc|dec)_\d:0$/.test(v.name)));
  });

  it('knows a one-item set, and a set made of a set, in order', () => {
    const a = analyzePython(
      [
        'import tensorflow as tf',
        's = set(["only", "only"])',
        'for name in s:',
        '    tf.get_variable(name, [len(set(s))])',
        '',
      ].join('\n'),
    );
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape}`),
      ['only:0 (1,)'],
    );
    assert.equal(a.paths, 1);
  });
});

describe('analyzer: a set whose contents stop being known', () => {
  it('claims neither its size nor its members', () => {
    const a = analyzePython(
      [
        'import tensorflow as tf',
        'def build(scope):',
        '    names = {"w"}',
        '    names.add(scope + "/w")',
        '    if "w" in names:',
        '        tf.get_variable("member", [1])',
        '    tf.get_variable("size", [len(names)])',
        '    tf.get_variable("sorted", [len(sorted(names))])',
        '',
      ].join('\n'),
    );
    // `scope` is not known (an entry point's parameter), and the analyzer does not decide
    // whether the pattern `{scope}/w` equals "w": after the `add`, the set's size is not known.
    const shapes = new Map(a.variables.map((v) => [v.name, v.shape]));
    assert.notEqual(shapes.get('size:0'), '(2,)');
    assert.notEqual(shapes.get('size:0'), '(1,)');
    assert.notEqual(shapes.get('sorted:0'), '(2,)');
  });
});
