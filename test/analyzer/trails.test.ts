/**
 * Call trails: each outcome of a call site carries the program's calls that led to it, and an
 * error caused by one call of a function is reported at that call, with the trail (and where
 * the variable was first created) as related information.
 */
import { strict as assert } from 'node:assert';
import { analyze, Analysis } from '../../src/analyzer/analyze';

function run(source: string[], files: Record<string, string[]> = {}): Analysis {
  return analyze(source.join('\n'), {
    path: '/p/main.py',
    readFile: (p) => files[p]?.join('\n'),
  });
}

const errors = (a: Analysis) =>
  a.diagnostics
    .filter((d) => d.severity !== 'hint')
    .map((d) => ({
      code: d.code,
      severity: d.severity,
      line: d.start.line,
      related: (d.related ?? []).map((x) => `${x.file ?? ''}:${x.start.line} ${x.message}`),
    }));

const trail = (o: { trail?: Array<{ file?: string; start: { line: number } }> }) =>
  (o.trail ?? []).map((l) => `${l.file ?? ''}:${l.start.line}`).join('>');

const TWICE = [
  'import tensorflow.compat.v1 as tf',
  'def build_model(x):',
  '    with tf.variable_scope("model"):',
  '        w = tf.get_variable("w_out", [4, 2])',
  '    return tf.matmul(x, w)',
  'x = tf.placeholder(tf.float32, [None, 4])',
  'a = build_model(x)',
  'b = build_model(x)',
];

describe('analyzer: call trails', () => {
  it('a function called twice: one outcome per call, the error at the second call', () => {
    const a = run(TWICE);
    const [site] = a.callSites;
    assert.deepEqual(
      site.outcomes.map((o) => [o.action, trail(o), o.certain]),
      [
        ['create', ':7', true],
        ['raise', ':8', true],
      ],
    );
    assert.deepEqual(errors(a), [
      {
        code: 'TF-VAR-EXISTS',
        severity: 'error',
        line: 8,
        related: [
          ':4 get_variable here',
          ':7 model/w_out was first created by this call',
          ':4 model/w_out was created here',
        ],
      },
    ]);
    const [d] = a.diagnostics.filter((x) => x.code === 'TF-VAR-EXISTS');
    assert.equal(
      d.message,
      'Variable model/w_out already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at: main.py:4: w = tf.get_variable("w_out", [4, 2])',
    );
    // The events stay TF's exact first line.
    assert.equal(
      a.events[1].error,
      'ValueError: Variable model/w_out already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:',
    );
  });

  it('names: the calls that created and reused a variable, not the function body', () => {
    const a = run([
      'import tensorflow.compat.v1 as tf',
      'def build():',
      '    with tf.variable_scope("m", reuse=tf.AUTO_REUSE):',
      '        return tf.get_variable("w", [2])',
      'build()',
      'build()',
      'tf.get_variable("top", [1])',
    ]);
    assert.deepEqual(
      a.variables.map((v) => [v.name, v.createdAt, v.createdIn, v.reusedAt]),
      [
        ['m/w:0', 5, { line: 4, function: 'build' }, [6]],
        ['top:0', 7, undefined, []],
      ],
    );
  });

  it('three levels: the error at the first call the creating trail did not take', () => {
    const a = run([
      'import tensorflow.compat.v1 as tf',
      'def dense(n):',
      '    return tf.get_variable("kernel", [n])',
      'def block(n):',
      '    with tf.variable_scope("fc"):',
      '        return dense(n)',
      'def build():',
      '    with tf.variable_scope("net"):',
      '        block(2)',
      '        block(2)',
      'build()',
    ]);
    assert.deepEqual(
      a.callSites[0].outcomes.map((o) => [o.action, trail(o)]),
      [
        ['create', ':11>:9>:6'],
        ['raise', ':11>:10>:6'],
      ],
    );
    // Reported at block(2) on line 10 (inside build, in this file), not at build() on line 11.
    assert.deepEqual(errors(a), [
      {
        code: 'TF-VAR-EXISTS',
        severity: 'error',
        line: 10,
        related: [
          ':6 called from here',
          ':3 get_variable here',
          // The first block(2) (line 9), the sibling of the failing call, not build().
          ':9 net/fc/kernel was first created by this call',
          ':3 net/fc/kernel was created here',
        ],
      },
    ]);
  });

  it('a function failing on every call: the error at the call and at the get_variable', () => {
    const a = run([
      'import tensorflow.compat.v1 as tf',
      'def shared():',
      '    with tf.variable_scope("emb", reuse=True):',
      '        return tf.get_variable("table", [2])',
      'shared()',
    ]);
    assert.deepEqual(errors(a), [
      {
        code: 'TF-VAR-MISSING',
        severity: 'error',
        line: 4,
        related: [":3 reuse set by this scope's argument (line 3)"],
      },
      {
        code: 'TF-VAR-MISSING',
        severity: 'error',
        line: 5,
        related: [':4 get_variable here', ":3 reuse set by this scope's argument (line 3)"],
      },
    ]);
  });

  it('a loop calling a function: one trail (the same call expression)', () => {
    const a = run([
      'import tensorflow.compat.v1 as tf',
      'def layer(i):',
      '    with tf.variable_scope("l%d" % i):',
      '        return tf.get_variable("w", [2])',
      'for i in range(50):',
      '    layer(i)',
    ]);
    const [site] = a.callSites;
    assert.equal(new Set(site.outcomes.map(trail)).size, 1);
    assert.equal(trail(site.outcomes[0]), ':6');
  });

  it('an imported module: the trail goes on into it, the error is at the call here', () => {
    const lib = [
      'import tensorflow.compat.v1 as tf',
      'def dense(n):',
      '    with tf.variable_scope("fc"):',
      '        return tf.get_variable("k", [n])',
    ];
    const a = run(
      [
        'import tensorflow.compat.v1 as tf',
        'from lib import dense',
        'def tower(name):',
        '    with tf.variable_scope(name):',
        '        return dense(2)',
        'tower("left")',
        'tower("left")',
      ],
      { '/p/lib.py': lib },
    );
    const site = a.callSites.find((s) => s.file === '/p/lib.py');
    assert.ok(site);
    assert.deepEqual(
      site.outcomes.map((o) => [o.action, trail(o)]),
      [
        ['create', ':6>:5'],
        ['raise', ':7>:5'],
      ],
    );
    const [d] = errors(a);
    assert.equal(d.line, 7);
    assert.deepEqual(d.related, [
      ':5 called from here',
      '/p/lib.py:4 get_variable here',
      ':6 left/fc/k was first created by this call',
      '/p/lib.py:4 left/fc/k was created here',
    ]);
    assert.deepEqual(
      a.variables.map((v) => [v.name, v.createdAt, v.file, v.createdIn]),
      [['left/fc/k:0', 6, undefined, { line: 4, file: '/p/lib.py', function: 'tower' }]],
    );
  });

  it('a layer call: the call into the library is the site, the trail the calls above it', () => {
    const a = run([
      'import tensorflow.compat.v1 as tf',
      'def head(x):',
      '    return tf.layers.dense(x, 2, name="out")',
      'x = tf.placeholder(tf.float32, [None, 4])',
      'head(x)',
      'head(x)',
    ]);
    const site = a.callSites.find((s) => s.start.line === 3);
    assert.ok(site);
    assert.deepEqual(
      [...new Set(site.outcomes.map((o) => `${o.action} ${trail(o)}`))],
      ['create :5', 'raise :6'],
    );
    assert.deepEqual(
      errors(a).map((d) => [d.line, d.related[0]]),
      [[6, ':3 dense(...) here']],
    );
  });
});
