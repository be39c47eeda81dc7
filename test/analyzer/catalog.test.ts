import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';
import { CATALOG, catalogCodes } from '../../src/analyzer/diagnostics/catalog';

/** Diagnostics as `line:column code`, for compact expectations (hints apart). */
function codes(source: string, hints = false): string[] {
  return analyzePython(source)
    .diagnostics.filter((d) => hints || d.severity !== 'hint')
    .map((d) => `${d.start.line}:${d.start.column} ${d.code}`);
}

describe('analyzer: what TensorFlow accepts but does not do what it looks like', () => {
  it('TF 1 names from the plain tensorflow module get one hint (TF 2 moved them to compat.v1)', () => {
    const plain = [
      'import tensorflow as tf',
      'with tf.variable_scope("a"):',
      '    v = tf.get_variable("v", [1])',
    ].join('\n');
    // Once per file, on the import it is about.
    assert.deepEqual(codes(plain, true), ['1:1 SL-TF2-API']);
    const d = analyzePython(plain).diagnostics[0];
    assert.equal(d.severity, 'hint');
    assert.deepEqual(d.end, { line: 1, column: 24 });
    assert.match(d.message, /tf\.compat\.v1\.variable_scope/);
    // Used again in a function and through a second import: still one hint.
    const twice = [
      'import tensorflow as tf',
      'import tensorflow as tf2',
      'def f():',
      '    return tf.get_variable("w", [1])',
      'with tf2.variable_scope("a"):',
      '    f()',
    ].join('\n');
    assert.deepEqual(codes(twice, true), ['2:1 SL-TF2-API']);
    for (const header of [
      'import tensorflow.compat.v1 as tf',
      'from tensorflow.compat import v1 as tf',
    ]) {
      const src = [header, 'with tf.variable_scope("a"):', '    v = tf.get_variable("v", [1])'];
      assert.deepEqual(codes(src.join('\n'), true), [], header);
    }
    assert.deepEqual(
      codes('import tensorflow as tf\nv = tf.compat.v1.get_variable("v", [1])\n', true),
      [],
    );
  });

  it('a None dimension in a new variable explains the initializer error', () => {
    const src = 'import tensorflow.compat.v1 as tf\nv = tf.get_variable("v", [None, 3])\n';
    const d = analyzePython(src).diagnostics;
    assert.deepEqual(
      d.map((x) => [x.code, x.severity]),
      [
        ['TF-INIT-INVALID', 'error'],
        ['SL-NONE-DIMENSION', 'information'],
      ],
    );
    assert.match(d[1].message, /\[None, 3\] has a None dimension/);
    // Sharing an existing variable with a None dimension is fine (compatible shapes).
    const ok = [
      'import tensorflow.compat.v1 as tf',
      'with tf.variable_scope("s"):',
      '    tf.get_variable("v", [2, 3])',
      'with tf.variable_scope("s", reuse=True):',
      '    tf.get_variable("v", [None, 3])',
    ].join('\n');
    assert.deepEqual(codes(ok), []);
  });

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
      analyzePython(src).diagnostics.filter((d) => d.severity !== 'hint')[0].message,
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

  it('a Keras layer (tf.Variable in library code) inside a reusing scope creates new variables', () => {
    const src = [
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 3])',
      'dense = tf.keras.layers.Dense(2)',
      'with tf.variable_scope("s", reuse=tf.AUTO_REUSE):',
      '    y = dense(x)',
      '    z = tf.keras.layers.Dense(2)(x)',
      '    w = tf.layers.dense(x, 2, name="d")',
      'with tf.variable_scope("s", reuse=True):',
      '    y2 = dense(x)',
    ].join('\n');
    // At the program's calls that create variables; calling a built layer again creates none.
    assert.deepEqual(codes(src), [
      '5:9 SL-LIBRARY-VARIABLE-UNDER-REUSE',
      '6:9 SL-LIBRARY-VARIABLE-UNDER-REUSE',
    ]);
    const d = analyzePython(src).diagnostics.filter((x) => x.severity === 'warning');
    assert.equal(
      d[1]?.message,
      "tf.keras.layers.Dense(...) makes its variables with tf.Variable, which ignores reuse: this creates new variables in 's' instead of sharing them",
    );
    assert.match(d[0]?.message ?? '', /^dense makes its variables/);
  });

  it('get_variable under name_scope does not get that prefix', () => {
    const src = [
      'import tensorflow as tf',
      'with tf.name_scope("ns"):',
      '    v = tf.get_variable("v", [1])',
    ].join('\n');
    const d = analyzePython(src).diagnostics.filter((x) => x.severity !== 'hint');
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
      assert.match(e.code, /^SL-[A-Z0-9-]+$/);
      assert.ok(e.doc.length > 20);
    }
  });
});
