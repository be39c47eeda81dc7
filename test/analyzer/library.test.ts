/**
 * Layer libraries interpreted from their Python source (src/analyzer/library): a small library
 * of the tests' own (fixtures/library, injected with `analyze(source, { library })`), and the
 * embedded `tensorflow._lib`. What a library creates is reported at the program's call, with
 * TF's outcome, shape and message; library code never appears as a location.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Analysis } from '../../src/analyzer/analyze';
import { LIBRARY_SOURCES } from '../../src/analyzer/library/sources.generated';
import { projectRoot } from '../support';

const root = projectRoot();
const LIB_DIR = path.join(root, 'test', 'analyzer', 'fixtures', 'library');
const library: Record<string, string> = Object.fromEntries(
  fs
    .readdirSync(LIB_DIR)
    .filter((f) => f.endsWith('.py'))
    .map((f) => [f.slice(0, -3), fs.readFileSync(path.join(LIB_DIR, f), 'utf8')]),
);

/** Analyses `lines` after `import tensorflow as tf`; `null`: with the embedded library. */
function run(lines: string[], lib: Record<string, string> | null = library): Analysis {
  return analyze(['import tensorflow as tf', ...lines, ''].join('\n'), {
    path: 'model.py',
    library: lib ?? undefined,
  });
}

/** `line: action name shape [possible]` for every outcome, in source order. */
function outcomes(a: Analysis): string[] {
  return a.callSites.flatMap((s) =>
    s.outcomes.map(
      (o) =>
        `${s.start.line}: ${o.action} ${o.name}${o.shape ? ` ${o.shape}` : ''}${o.certain ? '' : ' possible'}`,
    ),
  );
}

/** Every location a result holds: none may be inside library code. */
function locations(a: Analysis): string[] {
  const out: string[] = [];
  for (const s of [...a.callSites, ...a.scopes]) {
    out.push(s.file ?? 'model.py');
    for (const o of (s as Analysis['callSites'][number]).outcomes ?? [])
      for (const l of [o.createdAt, o.scope, o.reuse?.at]) if (l) out.push(l.file ?? 'model.py');
  }
  for (const d of a.diagnostics) for (const r of d.related ?? []) out.push(r.file ?? 'model.py');
  for (const v of a.variables) out.push(v.file ?? 'model.py');
  return out;
}

describe('analyzer: layer libraries from Python source', () => {
  it('the embedded library equals src/runtime/python/tensorflow/_lib (the generated module is not stale)', () => {
    const r = spawnSync(
      process.execPath,
      [path.join(root, 'scripts', 'gen-analyzer-library.mjs'), '--check'],
      {
        encoding: 'utf8',
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const libDir = path.join(root, 'src', 'runtime', 'python', 'tensorflow', '_lib');
    if (fs.existsSync(path.join(libDir, 'exports.py')))
      assert.equal(
        LIBRARY_SOURCES.exports,
        fs.readFileSync(path.join(libDir, 'exports.py'), 'utf8'),
      );
  });

  it('names unnamed layers per scope, takes shapes from the inputs, reports at the call', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [None, 32])',
      'h = tf.layers.Dense(64)(x)',
      'h = tf.layers.Dense(16)(h)',
      "h = tf.layers.dense(h, 8, name='fc1')",
      "with tf.variable_scope('tower'):",
      '    h = tf.layers.Dense(4)(h)',
    ]);
    assert.deepEqual(outcomes(a), [
      '3: create dense/kernel:0 (32, 64)',
      '3: create dense/bias:0 (64,)',
      '4: create dense_1/kernel:0 (64, 16)',
      '4: create dense_1/bias:0 (16,)',
      '5: create fc1/kernel:0 (16, 8)',
      '5: create fc1/bias:0 (8,)',
      '7: create tower/dense/kernel:0 (8, 4)',
      '7: create tower/dense/bias:0 (4,)',
    ]);
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape} line ${v.createdAt}`).slice(4, 5),
      ['fc1/kernel:0 (16, 8) line 5'],
    );
    assert.ok(
      locations(a).every((f) => f === 'model.py'),
      locations(a).join(', '),
    );
    assert.equal(a.paths, 1);
    assert.ok(a.exhaustive && a.complete);
  });

  it('the same layer name twice in one scope is TF error at the second call, certain', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [None, 32])',
      "h = tf.layers.dense(x, 64, name='fc1')",
      "h = tf.layers.dense(x, 64, name='fc1')",
    ]);
    assert.deepEqual(outcomes(a).slice(2), ['4: raise fc1/kernel']);
    const d = a.diagnostics.find((x) => x.code === 'TF-VAR-EXISTS');
    assert.ok(d, JSON.stringify(a.diagnostics));
    assert.equal(d.severity, 'error');
    assert.equal(d.start.line, 4);
    assert.match(
      d.message,
      /^Variable fc1\/kernel already exists, disallowed\. Did you mean to set reuse=True or reuse=tf\.AUTO_REUSE in VarScope\?/,
    );
    assert.deepEqual(
      (d.related ?? []).map((r) => `${r.file ?? 'model.py'}:${r.start.line} ${r.message}`),
      ['model.py:3 fc1/kernel was created here'],
    );
  });

  it('a layer object called twice builds once; its name is not its scope', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [None, 3])',
      'layer = tf.layers.Dense(2)',
      'a = layer(x)',
      'b = layer(x)',
      'tf.get_variable(layer.name + "_v", [1])',
    ]);
    assert.deepEqual(outcomes(a), [
      '4: create dense/kernel:0 (3, 2)',
      '4: create dense/bias:0 (2,)',
      // @property `name`: the layer's own name (counted from 1), not its scope.
      '6: create dense_1_v:0 (1,)',
    ]);
  });

  it('interprets super(), @property, isinstance, decorators, hasattr, **kwargs and with on a class', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [None, 5])',
      "y = tf.layers.Block(3, name='b')(x)",
    ]);
    assert.deepEqual(outcomes(a), [
      '3: create b/inner/kernel:0 (5, 3)',
      '3: create b/inner/bias:0 (3,)',
      '3: create b/outer/kernel:0 (3, 3)',
    ]);
  });

  it('evaluates a default argument once, where the function is defined', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [2])',
      'tf.layers.ArgDefaults()(x)',
      'tf.layers.ArgDefaults()(x)',
    ]);
    assert.deepEqual(outcomes(a), ['3: create w1:0 (1,)', '4: create w2:0 (2,)']);
  });

  it('stays bounded inside library code (endless recursion ends the path, never throws)', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [2])',
      'tf.layers.spin(x)',
      'tf.get_variable("after", [1])',
    ]);
    assert.deepEqual(outcomes(a), ['4: create after:0 (1,)']);
  });

  it('a name not exported by the library is not known (no guess)', () => {
    const a = run([
      'x = tf.placeholder(tf.float32, [None, 2])',
      'h = tf.layers.conv9d(x, 3)',
      'tf.get_variable("v", h.get_shape())',
    ]);
    assert.deepEqual(outcomes(a), ['4: create v:0 <not known statically>']);
  });
});

describe('analyzer: the embedded tf.layers / slim library', () => {
  it('tf.layers.dense twice with one name in one scope: the error at the second call', () => {
    const a = run(
      [
        'x = tf.placeholder(tf.float32, [None, 32])',
        "h = tf.layers.dense(x, 64, name='fc1')",
        "h = tf.layers.dense(x, 64, name='fc1')",
      ],
      null,
    );
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape}`),
      ['fc1/kernel:0 (32, 64)', 'fc1/bias:0 (64,)'],
    );
    const d = a.diagnostics.filter((x) => x.severity === 'error');
    assert.deepEqual(
      d.map((x) => `${x.start.line} ${x.code}`),
      ['4 TF-VAR-EXISTS'],
    );
    assert.ok(locations(a).every((f) => f === 'model.py'));
  });

  it('slim layers: default scopes, renamed weights, arg_scope defaults', () => {
    const a = run(
      [
        'slim = tf.contrib.slim',
        'x = tf.placeholder(tf.float32, [None, 16, 16, 1])',
        'with slim.arg_scope([slim.conv2d], padding="VALID", biases_initializer=None):',
        '    h = slim.conv2d(x, 8, [3, 3])',
        'h = slim.conv2d(h, 4, 3, scope="c2")',
        'h = slim.fully_connected(tf.reshape(h, [-1, 14 * 14 * 4]), 10)',
      ],
      null,
    );
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape}`),
      [
        'Conv/weights:0 (3, 3, 1, 8)',
        'c2/weights:0 (3, 3, 8, 4)',
        'c2/biases:0 (4,)',
        'fully_connected/weights:0 (784, 10)',
        'fully_connected/biases:0 (10,)',
      ],
    );
  });

  it("library calls do not count against maxCallDepth, which bounds the program's own functions", () => {
    // slim.repeat -> conv2d -> batch_norm is some 20 library calls deep; the model's two
    // functions around it used to push batch_norm's variables past the bound (unknown shapes,
    // names without :0, and every path forked on the unknown result).
    const source = [
      'import tensorflow as tf',
      'slim = tf.contrib.slim',
      'def block(net, is_training):',
      '    return slim.repeat(net, 2, slim.conv2d, 8, [3, 3], normalizer_fn=slim.batch_norm,',
      '                       normalizer_params={"is_training": is_training}, scope="conv")',
      'def model(images, is_training):',
      '    with tf.variable_scope("net"):',
      '        return block(images, is_training)',
      'model(tf.placeholder(tf.float32, [None, 8, 8, 3]), True)',
      '',
    ].join('\n');
    const expected = [
      'net/conv/conv_1/weights:0 (3, 3, 3, 8)',
      'net/conv/conv_1/BatchNorm/beta:0 (8,)',
      'net/conv/conv_1/BatchNorm/moving_mean:0 (8,)',
      'net/conv/conv_1/BatchNorm/moving_variance:0 (8,)',
      'net/conv/conv_2/weights:0 (3, 3, 8, 8)',
      'net/conv/conv_2/BatchNorm/beta:0 (8,)',
      'net/conv/conv_2/BatchNorm/moving_mean:0 (8,)',
      'net/conv/conv_2/BatchNorm/moving_variance:0 (8,)',
    ];
    for (const limits of [undefined, { maxCallDepth: 2 }]) {
      const a = analyze(source, { path: 'model.py', limits });
      assert.equal(a.complete, true);
      assert.equal(a.exhaustive, true);
      assert.equal(a.paths, 1);
      assert.deepEqual(
        a.variables.map((v) => `${v.name} ${v.shape}`),
        expected,
      );
      assert.ok(a.variables.every((v) => v.certain));
    }
    // The program's own depth is still bounded: with one level, block() is not followed.
    const shallow = analyze(source, { path: 'model.py', limits: { maxCallDepth: 1 } });
    assert.deepEqual(shallow.variables, []);
  });

  it('a PartitionedVariable iterates over its parts and has their number as len; a layer in a partitioned scope is one path', () => {
    // Layer.add_weight tracks a partitioned weight's parts with list(variable); an unknown
    // length forked every layer built under a partitioner (tf.estimator's DNNs).
    const a = run(
      [
        'x = tf.placeholder(tf.float32, [None, 3])',
        'with tf.variable_scope("dnn", partitioner=tf.fixed_size_partitioner(2)):',
        '    v = tf.get_variable("v", [4, 5])',
        '    tf.get_variable("n", [len(v), len(list(v))] + [p.get_shape()[0] for p in v])',
        '    for i in range(3):',
        '        x = tf.layers.dense(x, 5, name="h%d" % i)',
      ],
      null,
    );
    assert.equal(a.exhaustive, true);
    assert.equal(a.paths, 1);
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape} ${v.certain}`),
      [
        'dnn/v (4, 5) true',
        'dnn/n (2, 2, 2, 2) true',
        'dnn/h0/kernel (3, 5) true',
        'dnn/h0/bias (5,) true',
        'dnn/h1/kernel (5, 5) true',
        'dnn/h1/bias (5,) true',
        'dnn/h2/kernel (5, 5) true',
        'dnn/h2/bias (5,) true',
      ],
    );
  });

  it('a tuple subclass made by tuple.__new__ (LSTMStateTuple) indexes, unpacks and has a length', () => {
    const a = run(
      [
        'z = tf.nn.rnn_cell.LSTMStateTuple(3, 4)',
        'c, h = z',
        "tf.get_variable('v', [c, h, len(z), z[1], z.h], initializer=tf.zeros_initializer())",
        'print(isinstance(z, tuple))',
      ],
      null,
    );
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape}`),
      ['v:0 (3, 4, 2, 4, 4)'],
    );
  });

  it('an LSTM in dynamic_rnn: its zero state and kernel shapes', () => {
    const a = run(
      [
        'x = tf.placeholder(tf.float32, [2, 5, 3])',
        'cell = tf.nn.rnn_cell.BasicLSTMCell(7)',
        'out, state = tf.nn.dynamic_rnn(cell, x, dtype=tf.float32)',
        "tf.get_variable('c', state.c.get_shape())",
      ],
      null,
    );
    assert.equal(a.complete, true);
    assert.deepEqual(
      a.variables.map((v) => `${v.name} ${v.shape}`),
      ['rnn/basic_lstm_cell/kernel:0 (10, 28)', 'rnn/basic_lstm_cell/bias:0 (28,)', 'c:0 (2, 7)'],
    );
  });

  it('what bound calls return: tensors with static shapes, tuples, layer objects and their variables', () => {
    const a = run(
      [
        'x = tf.placeholder(tf.float32, [None, 5, 3])',
        "h = tf.layers.dense(x, 4, name='fc')",
        'cell = tf.nn.rnn_cell.LSTMCell(6)',
        'idle = tf.nn.rnn_cell.GRUCell(2)',
        'out, state = tf.nn.dynamic_rnn(cell, h, dtype=tf.float32)',
        "p, q = tf.layers.dense(h, 1, name='p'), tf.layers.dense(h, 2, name='q')",
        'n = 3',
      ],
      null,
    );
    const at = (line: number) =>
      a.results.filter((r) => r.start.line === line).flatMap((r) => r.values);
    assert.deepEqual(at(2), [
      { kind: 'tensor', name: 'Placeholder:0', shape: '(?, 5, 3)', dtype: 'float32' },
    ]);
    assert.deepEqual(at(3), [
      { kind: 'tensor', name: 'fc/BiasAdd:0', shape: '(?, 5, 4)', dtype: 'float32' },
    ]);
    // The cell's variables are created by dynamic_rnn, after the cell was bound.
    const cell = at(4);
    assert.equal(cell.length, 1);
    assert.equal(cell[0].kind, 'layer');
    assert.deepEqual(cell[0].kind === 'layer' && [cell[0].type, cell[0].variables], [
      'LSTMCell',
      ['rnn/lstm_cell/kernel:0', 'rnn/lstm_cell/bias:0'],
    ]);
    // A cell never called has no variables (but is a layer).
    const idle = at(5);
    assert.deepEqual(idle[0].kind === 'layer' && [idle[0].type, idle[0].variables], [
      'GRUCell',
      [],
    ]);
    const rnn = at(6);
    assert.equal(rnn.length, 1);
    assert.equal(rnn[0].kind, 'sequence');
    if (rnn[0].kind !== 'sequence') return;
    assert.equal(rnn[0].type, 'tuple');
    assert.deepEqual(
      [rnn[0].items[0].kind === 'tensor' && rnn[0].items[0].shape, rnn[0].items[1].kind],
      ['(?, 5, 6)', 'sequence'],
    );
    const st = rnn[0].items[1];
    assert.deepEqual(
      st.kind === 'sequence' && [st.type, st.items.map((i) => i.kind === 'tensor' && i.shape)],
      ['LSTMStateTuple', ['(?, 6)', '(?, 6)']],
    );
    // `p, q = f(...), g(...)`: each call its own result.
    assert.deepEqual(
      at(7).map((v) => v.kind === 'tensor' && `${v.name} ${v.shape}`),
      ['p/BiasAdd:0 (?, 5, 1)', 'q/BiasAdd:0 (?, 5, 2)'],
    );
    // Only calls (not `n = 3`), and only calls that returned a tensor or a layer.
    assert.deepEqual(
      a.results.map((r) => r.start.line),
      [2, 3, 4, 5, 6, 7, 7],
    );
  });

  it('summaries are bounded per path: past the budget an object is `other`, never a partial list', () => {
    const a = run(
      [
        'x = tf.placeholder(tf.float32, [None, 5, 3])',
        'first = tf.nn.rnn_cell.GRUCell(2)',
        'class Leaf(object):',
        '    pass',
        'LEAVES = [Leaf() for _ in range(199)]',
        'class Bag(object):',
        '    def __init__(self):',
        '        self.items = LEAVES',
        ...Array.from({ length: 300 }, (_, i) => `b${i} = Bag()`),
        'last = tf.nn.rnn_cell.GRUCell(3)',
        'o1, s1 = tf.nn.dynamic_rnn(first, x, dtype=tf.float32, scope="r1")',
        'o2, s2 = tf.nn.dynamic_rnn(last, x, dtype=tf.float32, scope="r2")',
      ],
      null,
    );
    assert.equal(a.complete, true);
    const at = (line: number) => a.results.find((r) => r.start.line === line)?.values ?? [];
    const first = at(3)[0];
    assert.equal(first?.kind, 'layer');
    assert.equal(first?.kind === 'layer' && first.variables.length, 4);
    // Both cells created their variables; the one summarised after the budget ran out is not
    // described at all rather than partly.
    assert.ok(a.variables.some((v) => v.name.startsWith('r2/')));
    assert.deepEqual(at(310), []);
  });

  it('a loop binds one call to several results: each distinct one, a few at most', () => {
    const a = run(
      [
        'h = tf.placeholder(tf.float32, [None, 3])',
        'for units in [4, 5, 6, 7, 8, 9]:',
        '    h = tf.layers.dense(h, units)',
      ],
      null,
    );
    const r = a.results.find((x) => x.start.line === 4);
    assert.deepEqual(
      r?.values.map((v) => v.kind === 'tensor' && `${v.name} ${v.shape}`),
      [
        'dense/BiasAdd:0 (?, 4)',
        'dense_1/BiasAdd:0 (?, 5)',
        'dense_2/BiasAdd:0 (?, 6)',
        'dense_3/BiasAdd:0 (?, 7)',
      ],
    );
  });

  it("a layer's variables have the program's call as their scope, never a library location", () => {
    const a = run(
      [
        'x = tf.placeholder(tf.float32, [None, 5, 3])',
        'class MyCell(tf.nn.rnn_cell.RNNCell):',
        '    @property',
        '    def state_size(self):',
        '        return 2',
        '    @property',
        '    def output_size(self):',
        '        return 2',
        '    def call(self, inputs, state):',
        "        w = tf.get_variable('w', [3, 2])",
        '        return tf.matmul(inputs, w), state',
        "with tf.variable_scope('m'):",
        "    h = tf.layers.dense(x, 3, name='fc')",
        "with tf.variable_scope('m', reuse=True):",
        "    h = tf.layers.dense(x, 3, name='fc')",
        'out, state = tf.nn.dynamic_rnn(MyCell(), x, dtype=tf.float32)',
      ],
      null,
    );
    const site = (line: number) => a.callSites.find((s) => s.start.line === line);
    for (const line of [14, 16]) {
      const s = site(line);
      assert.ok(s, `no site at line ${line}`);
      for (const o of s.outcomes) assert.deepEqual(o.scope, { start: s.start, end: s.end });
    }
    // The reuse comes from the program's `variable_scope('m', reuse=True)`, and the reusing
    // call leads to the creating one.
    for (const o of site(16)?.outcomes ?? []) {
      assert.equal(o.action, 'reuse');
      assert.equal(o.reuse?.at?.start.line, 15);
      assert.equal(o.createdAt?.start.line, 14);
    }
    // A cell of the program's own, called by dynamic_rnn: its get_variable is the site, and the
    // scope the library opened is reported at the dynamic_rnn call.
    const w = site(11);
    assert.ok(w);
    assert.equal(w.outcomes[0].name, 'rnn/my_cell/w:0');
    assert.equal(w.outcomes[0].scope?.start.line, 17);
    assert.ok(locations(a).every((f) => f === 'model.py'));
    assert.doesNotMatch(JSON.stringify(a), /<scope-lens>/);
  });

  it('no result of any layer program names a library file', () => {
    for (const dir of ['layers', 'train-layers']) {
      const folder = path.join(root, 'test', 'runtime', dir);
      for (const f of fs.readdirSync(folder).filter((n) => n.endsWith('.py'))) {
        const file = path.join(folder, f);
        const a = analyze(fs.readFileSync(file, 'utf8'), { path: file });
        assert.doesNotMatch(JSON.stringify(a), /<scope-lens>/, f);
      }
    }
  });

  it('an integer variable in var_list gets no gradient, so no slot and no dtype error', () => {
    // facenet trains on `tf.global_variables()`, its int32 `global_step` among them. TF gives
    // an integer tensor no gradient (Cast passes none back), so compute_gradients' dtype check
    // skips it; with a loss whose inputs are not known the analyzer assumed one and raised
    // "Invalid type int32", which ended the path before the optimizer's slots.
    const a = run(
      [
        'import os',
        'step = tf.Variable(0, trainable=False)',
        'w = tf.get_variable("w", [3])',
        'loss = tf.reduce_sum(w) * float(os.environ.get("SCALE"))',
        'opt = tf.train.AdagradOptimizer(0.1)',
        'grads = opt.compute_gradients(loss, tf.global_variables())',
        'train = opt.apply_gradients(grads, global_step=step)',
      ],
      null,
    );
    assert.deepEqual(
      a.variables.map((v) => v.name),
      ['Variable:0', 'w:0', 'w/Adagrad:0'],
    );
  });
});
