/**
 * Diagnostics point at the other site: the call that created the variable (a clash or a
 * sharing mismatch), where reuse was set (does not exist), a tf.Variable of the same name, and
 * for an error inside an imported module, the get_variable there (the trail: test/analyzer/trails.test.ts).
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analyzer/analyze';

function related(source: string, files: Record<string, string> = {}) {
  const r = analyze(source, { path: '/p/main.py', readFile: (p) => files[p] });
  return r.diagnostics
    .filter((d) => d.severity !== 'hint')
    .map((d) => ({
      code: d.code,
      line: d.start.line,
      related: (d.related ?? []).map((x) => `${x.file ?? ''}:${x.start.line} ${x.message}`),
    }));
}

describe('analyzer: related information', () => {
  it('a clash points at the creating call', () => {
    const src = [
      'import tensorflow.compat.v1 as tf',
      'with tf.variable_scope("a"):',
      '    tf.get_variable("w", [1])',
      'with tf.variable_scope("a"):',
      '    tf.get_variable("w", [1])',
    ].join('\n');
    assert.deepEqual(related(src), [
      { code: 'TF-VAR-EXISTS', line: 5, related: [':3 a/w was created here'] },
    ]);
  });

  it('"does not exist" points at where reuse was set: an argument, or reuse_variables()', () => {
    const byArgument = [
      'import tensorflow.compat.v1 as tf',
      'with tf.variable_scope("a", reuse=True):',
      '    tf.get_variable("w", [1])',
    ].join('\n');
    assert.deepEqual(related(byArgument), [
      {
        code: 'TF-VAR-MISSING',
        line: 3,
        related: [":2 reuse set by this scope's argument (line 2)"],
      },
    ]);
    const byCall = [
      'import tensorflow.compat.v1 as tf',
      'with tf.variable_scope("outer") as scope:',
      '    scope.reuse_variables()',
      '    with tf.variable_scope("inner"):',
      '        tf.get_variable("w", [1])',
    ].join('\n');
    assert.deepEqual(related(byCall), [
      {
        code: 'TF-VAR-MISSING',
        line: 5,
        related: [":3 inherited from 'outer' (line 3)"],
      },
    ]);
  });

  it('"does not exist" names a tf.Variable of that name', () => {
    const src = [
      'import tensorflow.compat.v1 as tf',
      'with tf.variable_scope("s"):',
      '    w = tf.Variable(tf.zeros([2]), name="w")',
      'with tf.variable_scope("s", reuse=True):',
      '    tf.get_variable("w", [2])',
    ].join('\n');
    const [d] = related(src);
    assert.equal(d.code, 'TF-VAR-MISSING');
    assert.deepEqual(d.related, [
      ":4 reuse set by this scope's argument (line 4)",
      ':3 a tf.Variable named s/w is created here; tf.get_variable cannot share it',
    ]);
  });

  it('an error in an imported module is reported at the call here and points there', () => {
    const lib = [
      'import tensorflow.compat.v1 as tf',
      'def layer(name):',
      '    with tf.variable_scope(name):',
      '        return tf.get_variable("k", [2])',
    ].join('\n');
    const main = ['from lib import layer', 'layer("a")', 'layer("a")'].join('\n');
    assert.deepEqual(related(main, { '/p/lib.py': lib }), [
      {
        code: 'TF-VAR-EXISTS',
        line: 3,
        related: [
          '/p/lib.py:4 get_variable here',
          ':2 a/k was first created by this call',
          '/p/lib.py:4 a/k was created here',
        ],
      },
    ]);
  });

  it('outcomes say whether the variable is trainable and which collections it is in', () => {
    const src = [
      'import tensorflow.compat.v1 as tf',
      'tf.get_variable("a", [1])',
      'tf.get_variable("b", [1], trainable=False)',
      'tf.get_local_variable("c", [1])',
      'tf.get_variable("d", [1], collections=["mine"])',
    ].join('\n');
    const r = analyze(src, { path: 'm.py' });
    assert.deepEqual(
      r.callSites.map((s) => [
        s.outcomes[0].name,
        s.outcomes[0].trainable,
        s.outcomes[0].collections,
      ]),
      [
        ['a:0', true, ['variables', 'trainable_variables']],
        ['b:0', false, ['variables']],
        ['c:0', false, ['local_variables']],
        ['d:0', true, ['mine', 'trainable_variables']],
      ],
    );
  });
});
