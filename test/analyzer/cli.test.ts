import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCheck, runNames, SCHEMA_VERSION } from '../../src/cli/analyze';

function capture(fn: (out: (s: string) => void, err: (s: string) => void) => number) {
  let out = '';
  let err = '';
  const code = fn(
    (s) => (out += s),
    (s) => (err += s),
  );
  return { code, out, err };
}

describe('cli: scope-lens check and names', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-check-'));
  const bad = path.join(dir, 'bad.py');
  const good = path.join(dir, 'sub', 'good.py');
  before(() => {
    fs.mkdirSync(path.dirname(good));
    fs.writeFileSync(
      bad,
      [
        'import tensorflow as tf',
        'def dense(n):',
        '    with tf.variable_scope("dense"):',
        '        return tf.get_variable("w", [n, n])',
        'dense(4)',
        'dense(4)',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      good,
      [
        'import tensorflow.compat.v1 as tf',
        'with tf.variable_scope("a"):',
        '    v = tf.get_variable("v", [2])',
        'with tf.variable_scope("a", reuse=True):',
        '    v2 = tf.get_variable("v", [2])',
        '',
      ].join('\n'),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('check reports the error TF would raise, where, with its code; exit 1', () => {
    const r = capture((out, err) => runCheck([bad], out, err));
    assert.equal(r.code, 1);
    assert.equal(
      r.out.split('\n')[0],
      // At the second call of dense (the mistake), TF's line completed with where the variable
      // was first created.
      `${bad}:6:1: error TF-VAR-EXISTS: Variable dense/w already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at: bad.py:4: return tf.get_variable("w", [n, n])`,
    );
    assert.match(r.out, /1 error in 1 file/);
    const json = JSON.parse(
      capture((out, err) => runCheck(['--format', 'json', bad], out, err)).out,
    );
    // The diagnostic points down the trail and back at the call that created the variable.
    const at = (line: number, column: number, endColumn: number) => ({
      start: { line, column },
      end: { line, column: endColumn },
    });
    assert.deepEqual(
      json.files[0].diagnostics.find((d: { code: string }) => d.code === 'TF-VAR-EXISTS').related,
      [
        { message: 'get_variable here', ...at(4, 16, 44) },
        { message: 'dense/w was first created by this call', ...at(5, 1, 9) },
        { message: 'dense/w was created here', ...at(4, 16, 44) },
      ],
    );
    // Each call's outcome carries its trail; the error says where the variable was created.
    const [site] = json.files[0].callSites;
    assert.deepEqual(
      site.outcomes.map((o: { action: string; trail: unknown }) => [o.action, o.trail]),
      [
        ['create', [at(5, 1, 9)]],
        ['raise', [at(6, 1, 9)]],
      ],
    );
    assert.deepEqual(site.outcomes[1].originallyDefinedAt, at(4, 16, 44));
    // The events stay TF's exact first line (the conformance corpus compares them).
    assert.equal(
      json.files[0].events[1].error,
      'ValueError: Variable dense/w already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:',
    );
  });

  it('names lists the calls that created a variable, and where inside', () => {
    const r = capture((out, err) => runNames([bad], out, err));
    assert.equal(r.code, 0);
    assert.match(r.out, /dense\/w:0 +\(4, 4\) +float32_ref +created at 5 \(dense, line 4\)\n/);
    const j = JSON.parse(capture((out, err) => runNames(['--json', bad], out, err)).out);
    assert.equal(j.schemaVersion, 2);
    assert.deepEqual(
      {
        createdAt: j.files[0].variables[0].createdAt,
        createdIn: j.files[0].variables[0].createdIn,
      },
      { createdAt: 5, createdIn: { line: 4, function: 'dense' } },
    );
  });

  it('check of a clean folder (searched recursively) exits 0', () => {
    const r = capture((out, err) => runCheck([path.dirname(good)], out, err));
    assert.equal(r.code, 0);
    assert.match(r.out, /0 errors in 1 file/);
  });

  it('check --format json follows the documented schema', () => {
    const r = capture((out, err) => runCheck(['--format', 'json', good], out, err));
    const json = JSON.parse(r.out);
    assert.equal(json.schemaVersion, SCHEMA_VERSION);
    const file = json.files[0];
    assert.deepEqual(file.events, [
      { line: 3, name: 'a/v:0', key: 'a/v', action: 'create' },
      { line: 5, name: 'a/v:0', key: 'a/v', action: 'reuse' },
    ]);
    assert.deepEqual(file.callSites[0].start, { line: 3, column: 9 });
    assert.deepEqual(file.callSites[0].outcomes[0], {
      name: 'a/v:0',
      action: 'create',
      handled: false,
      certain: true,
      shape: '(2,)',
      dtype: 'float32_ref',
      trainable: true,
      collections: ['variables', 'trainable_variables'],
      scope: { start: { line: 2, column: 6 }, end: { line: 2, column: 28 } },
    });
    assert.deepEqual(file.diagnostics, []);
    assert.equal(file.complete, true);
  });

  it('check --format json on layers: scopes at the program’s calls, results, no library path', () => {
    const layers = path.join(dir, 'layers', 'net.py');
    fs.mkdirSync(path.dirname(layers));
    fs.writeFileSync(
      layers,
      [
        'import tensorflow.compat.v1 as tf',
        'x = tf.placeholder(tf.float32, [None, 4, 3])',
        'with tf.variable_scope("m"):',
        '    h = tf.layers.dense(x, 5, name="fc")',
        'with tf.variable_scope("m", reuse=True):',
        '    h = tf.layers.dense(x, 5, name="fc")',
        'cell = tf.nn.rnn_cell.GRUCell(2)',
        'out, state = tf.nn.dynamic_rnn(cell, h, dtype=tf.float32)',
        'with tf.variable_scope("m", reuse=True):',
        '    bad = tf.layers.dense(x, 5, name="fc2")',
        '',
      ].join('\n'),
    );
    const r = capture((out, err) => runCheck(['--format', 'json', layers], out, err));
    assert.equal(r.code, 1, r.out);
    assert.doesNotMatch(r.out, /<scope-lens>|_lib/);
    const file = JSON.parse(r.out).files[0];
    for (const site of file.callSites)
      for (const o of site.outcomes)
        assert.deepEqual(o.scope, { start: site.start, end: site.end }, JSON.stringify(o));
    type At = { start: { line: number } };
    // Reusing `m/fc`: where it was created, and where reuse was set.
    const reuse = file.callSites.find((s: At) => s.start.line === 6);
    assert.equal(reuse.outcomes[0].createdAt.start.line, 4);
    assert.equal(reuse.outcomes[0].reuse.at.start.line, 5);
    const missing = file.callSites.find((s: At) => s.start.line === 10);
    assert.deepEqual(missing.outcomes[0].didYouMean, ['m/fc/kernel']);
    // fc2 does not exist under reuse=True: TF's error at the program's call, related to the
    // program's scope, and to the call that created m/fc/kernel (did you mean).
    assert.deepEqual(
      file.diagnostics.map((d: At & { code: string; related: At[] }) => [
        d.code,
        d.start.line,
        d.related.map((x) => x.start.line),
      ]),
      [['TF-VAR-MISSING', 10, [4, 9]]],
    );
    assert.deepEqual(
      file.results.map((x: At & { values: Array<{ kind: string }> }) => [
        x.start.line,
        x.values.map((v) => v.kind).join(),
      ]),
      [
        [2, 'tensor'],
        [4, 'tensor'],
        [6, 'tensor'],
        [7, 'layer'],
        [8, 'sequence'],
      ],
    );
  });

  it('names lists every variable with shape, dtype, creation and reuse lines', () => {
    const r = capture((out, err) => runNames([good], out, err));
    assert.equal(r.code, 0);
    assert.match(r.out, /a\/v:0 +\(2,\) +float32_ref +created at 3, reused at 5/);
    const j = JSON.parse(capture((out, err) => runNames(['--json', good], out, err)).out);
    assert.deepEqual(j.files[0].variables, [
      {
        name: 'a/v:0',
        key: 'a/v',
        shape: '(2,)',
        dtype: 'float32_ref',
        createdAt: 3,
        reusedAt: [5],
        certain: true,
      },
    ]);
  });

  it('names shows a dtype the analyzer does not know as ?, for the variable and its slots', () => {
    const file = path.join(dir, 'values.py');
    fs.writeFileSync(
      file,
      [
        'import pickle',
        'import tensorflow as tf',
        'a = tf.Variable(pickle.load(open("w.pkl", "rb")), name="a")',
        'b = tf.Variable(tf.random_uniform_initializer()([2], dtype=tf.float64), name="b")',
        'loss = tf.reduce_sum(a * a) + tf.reduce_sum(b)',
        'opt = tf.train.MomentumOptimizer(0.1, 0.9).minimize(loss)',
        '',
      ].join('\n'),
    );
    const j = JSON.parse(capture((out, err) => runNames(['--json', file], out, err)).out);
    const dtypes = Object.fromEntries(
      j.files[0].variables.map((v: { name: string; dtype?: string }) => [v.name, v.dtype]),
    );
    // a's value (and so its dtype) comes from a file the analyzer does not read.
    assert.deepEqual(dtypes, {
      'a:0': '?',
      'b:0': 'float64_ref',
      'a/Momentum:0': '?',
      'b/Momentum:0': 'float64_ref',
    });
    const text = capture((out, err) => runNames([file], out, err)).out;
    assert.match(text, /a\/Momentum:0 +<not known statically> +\? +created at 6/);
  });

  it("names --json keys a variable by what it is stored as: slim's weights, not kernel", () => {
    const file = path.join(dir, 'slim_key.py');
    fs.writeFileSync(
      file,
      [
        'import tensorflow as tf',
        'x = tf.placeholder(tf.float32, [1, 4, 4, 3])',
        'y = tf.contrib.slim.conv2d(x, 2, [1, 1], scope="c")',
        '',
      ].join('\n'),
    );
    const j = JSON.parse(capture((out, err) => runNames(['--json', file], out, err)).out);
    assert.deepEqual(
      j.files[0].variables.map((v: { name: string; key: string }) => [v.name, v.key]),
      [
        ['c/weights:0', 'c/weights'],
        ['c/biases:0', 'c/biases'],
      ],
    );
  });

  it('bad usage exits 2 with a clear message', () => {
    assert.equal(capture((out, err) => runCheck([], out, err)).code, 2);
    const missing = capture((out, err) => runCheck([path.join(dir, 'nope.py')], out, err));
    assert.equal(missing.code, 2);
    assert.match(missing.err, /no such file or folder/);
    assert.equal(capture((out, err) => runCheck(['--format', 'xml', bad], out, err)).code, 2);
  });
});
