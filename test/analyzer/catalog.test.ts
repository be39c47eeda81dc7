import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';
import { CATALOG, catalogCodes } from '../../src/analyzer/diagnostics/catalog';

/** Diagnostics as `line:column code`, for compact expectations. */
function codes(source: string): string[] {
  return analyzePython(source).diagnostics.map(
    (d) => `${d.start.line}:${d.start.column} ${d.code}`,
  );
}

describe('analyzer: what TensorFlow accepts but does not do what it looks like', () => {
  it('reuse=False inside a reusing scope has no effect', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.variable_scope("a", reuse=True):',
      '    with tf.variable_scope("b", reuse=False):',
      '        pass',
      'with tf.variable_scope("c", reuse=False):',
      '    pass',
    ].join('\n');
    assert.deepEqual(codes(src), ['3:10 SL-REUSE-FALSE-IGNORED']);
    assert.equal(
      analyzePython(src).diagnostics[0].message,
      "reuse=False has no effect here: scope 'a/b' inherits reuse=True from its parent",
    );
  });

  it('reuse_variables() on the root scope leaks reuse into everything after it', () => {
    const src = [
      'import tensorflow as tf',
      'w = tf.get_variable("w", [1])',
      'tf.get_variable_scope().reuse_variables()',
      'with tf.variable_scope("opt"):',
      '    s = tf.get_variable("slot", [1])',
    ].join('\n');
    assert.deepEqual(codes(src), ['3:1 SL-ROOT-REUSE', '5:9 TF-VAR-MISSING']);
  });

  it('a reuse_variables() on a named scope is fine', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.variable_scope("s") as scope:',
      '    v = tf.get_variable("v", [1])',
      '    scope.reuse_variables()',
      '    v2 = tf.get_variable("v", [1])',
    ].join('\n');
    assert.deepEqual(codes(src), []);
  });

  it('tf.Variable inside a reusing scope creates a new variable', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.variable_scope("s", reuse=tf.AUTO_REUSE):',
      '    x = tf.Variable(1.0, name="x")',
    ].join('\n');
    assert.deepEqual(codes(src), ['3:9 SL-VARIABLE-UNDER-REUSE']);
  });

  it('get_variable under name_scope does not get that prefix', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.name_scope("ns"):',
      '    v = tf.get_variable("v", [1])',
    ].join('\n');
    const d = analyzePython(src).diagnostics;
    assert.deepEqual(codes(src), ['3:9 SL-NAME-SCOPE-IGNORED']);
    assert.equal(d[0].severity, 'information');
    assert.equal(
      d[0].message,
      "tf.get_variable ignores tf.name_scope('ns'): the variable is 'v', not 'ns/v'",
    );
  });

  it('a name scope opened by variable_scope is not reported', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.variable_scope("vs"):',
      '    v = tf.get_variable("v", [1])',
    ].join('\n');
    assert.deepEqual(codes(src), []);
  });

  it('a scope passed as the second argument is default_name, not a scope', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.variable_scope("outer") as outer:',
      '    pass',
      'with tf.variable_scope("x", outer):',
      '    pass',
    ].join('\n');
    assert.deepEqual(codes(src), ['4:6 SL-SCOPE-AS-DEFAULT-NAME']);
  });

  it('every catalog entry has a distinct code, a severity and documentation', () => {
    const all = catalogCodes();
    assert.equal(new Set(all).size, all.length);
    for (const e of Object.values(CATALOG)) {
      assert.match(e.code, /^SL-[A-Z-]+$/);
      assert.ok(e.doc.length > 20);
    }
  });
});
