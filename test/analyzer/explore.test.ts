/**
 * Which paths the analyzer explores when it cannot explore them all (src/analyzer/interpreter/
 * explore.ts): branches no path has taken first, then the shallowest. The shape is pix2pix's
 * `main()`: a required `--mode` option (not known), an export branch that builds the generator
 * and returns, and after it the training path that builds the discriminator and the optimizers.
 * Before, every path went to variations of the export branch's last decisions, and the
 * training path's variables were never named.
 */
import { strict as assert } from 'node:assert';
import { analyze, analyzePython } from '../../src/analyzer/analyze';
import { explore } from '../../src/analyzer/interpreter/explore';

describe('analyzer: path exploration order', () => {
  it('an early branch runs before variations deep inside the first path', () => {
    const early = {};
    const deep = {};
    const r = explore((c) => {
      if (c.choose(2, early) === 1) return 'other branch';
      let variant = 0;
      for (let i = 0; i < 40; i++) variant += c.choose(2, deep);
      return `first branch, variant ${variant}`;
    }, 4);
    assert.equal(r.exhaustive, false);
    assert.equal(r.results.length, 4);
    assert.ok(r.results.includes('other branch'), JSON.stringify(r.results));
    // The first path takes branch 0 everywhere.
    assert.equal(r.results[0], 'first branch, variant 0');
  });

  it('a branch no path has taken runs before another variation of a taken one', () => {
    const loop = {};
    const rare = {};
    const r = explore((c) => {
      let n = 0;
      for (let i = 0; i < 3; i++) n += c.choose(2, loop);
      return c.choose(2, rare) === 1 ? 'rare' : `loop ${n}`;
    }, 3);
    assert.ok(r.results.includes('rare'), JSON.stringify(r.results));
  });

  it("the program's untaken branches run before a library's", () => {
    const layer = {};
    const program = {};
    // A library statement forks at every one of its calls before the program's branch.
    const r = explore((c) => {
      let variant = 0;
      for (let i = 0; i < 6; i++) variant += c.choose(2, layer, true);
      return c.choose(2, program) === 1 ? 'program branch' : `layer variant ${variant}`;
    }, 3);
    assert.equal(r.exhaustive, false);
    assert.ok(r.results.includes('program branch'), JSON.stringify(r.results));
  });

  it("a model_fn's training half is named although its dropout's training is not known", () => {
    // Estimator style: `mode` is a parameter, so `training=mode == TRAIN` is not known and the
    // dropout's own branches (is it a bool? a tensor? true?) fork before the program's `if`.
    const src = [
      'import tensorflow as tf',
      '',
      'def model_fn(features, labels, mode, params):',
      "    h = tf.layers.dense(features['x'], 3)",
      '    h = tf.layers.dropout(h, 0.5, training=mode == tf.estimator.ModeKeys.TRAIN)',
      "    logits = tf.layers.dense(h, 10, name='logits')",
      '    if mode == tf.estimator.ModeKeys.PREDICT:',
      "        return tf.estimator.EstimatorSpec(mode, predictions={'class': tf.argmax(logits, 1)})",
      '    loss = tf.losses.sparse_softmax_cross_entropy(labels, logits)',
      '    train_op = tf.train.AdamOptimizer(1e-3).minimize(loss)',
      '    return tf.estimator.EstimatorSpec(mode, loss=loss, train_op=train_op)',
    ].join('\n');
    const names = analyzePython(src).variables.map((v) => v.name);
    for (const n of [
      'logits/kernel:0',
      'beta1_power:0',
      'logits/kernel/Adam:0',
      'dense/bias/Adam_1:0',
    ])
      assert.ok(names.includes(n), `${n} in ${names.join(' ')}`);
  });

  it('explores everything when there is room, each path once', () => {
    const site = {};
    const r = explore((c) => `${c.choose(2, site)}${c.choose(3, site)}`, 32);
    assert.equal(r.exhaustive, true);
    assert.deepEqual([...r.results].sort(), ['00', '01', '02', '10', '11', '12']);
  });

  it("a script's training path is named although an export path has many unknown branches", () => {
    const blocks = Array.from({ length: 40 }, (_, i) => [
      `        if os.environ.get("K${i}"):`,
      `            x = tf.identity(x)`,
    ]).flat();
    const src = [
      'import argparse',
      'import os',
      'import tensorflow as tf',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--mode", required=True, choices=["train", "export"])',
      'a = parser.parse_args()',
      '',
      'def generator(x):',
      '    with tf.variable_scope("generator"):',
      ...blocks,
      '        return tf.get_variable("w", [4, 4])',
      '',
      'def main():',
      '    x = tf.placeholder(tf.float32, [None, 4])',
      '    if a.mode == "export":',
      '        generator(x)',
      '        return',
      '    generator(x)',
      '    with tf.variable_scope("discriminator"):',
      '        tf.get_variable("w", [4, 1])',
      '',
      'main()',
    ].join('\n');
    const names = analyzePython(src).variables.map((v) => v.name);
    assert.ok(names.includes('generator/w:0'), names.join(' '));
    assert.ok(names.includes('discriminator/w:0'), names.join(' '));
  });
});

describe('analyzer: importlib.import_module', () => {
  it('a module named by a known string is the module `import` gives', () => {
    const files: Record<string, string> = {
      '/p/models/__init__.py': '',
      '/p/models/small_net.py': [
        'import tensorflow as tf',
        'def inference(x):',
        '    with tf.variable_scope("SmallNet"):',
        '        return tf.get_variable("weights", [3, 8])',
      ].join('\n'),
    };
    const src = [
      'import argparse',
      'import importlib',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--model_def", type=str, default="models.small_net")',
      'args = parser.parse_args()',
      'network = importlib.import_module(args.model_def)',
      'network.inference(None)',
    ].join('\n');
    const r = analyze(src, { path: '/p/train.py', readFile: (p) => files[p] });
    assert.deepEqual(
      r.variables.map((v) => [v.name, v.shape]),
      [['SmallNet/weights:0', '(3, 8)']],
    );
  });

  it('an unknown or relative name is not known, and nothing throws', () => {
    const src = [
      'import importlib',
      'import sys',
      'a = importlib.import_module(sys.argv[1])',
      'b = importlib.import_module(".sibling")',
      'c = importlib.import_module()',
      'a.build()',
    ].join('\n');
    const r = analyze(src, { path: '/p/train.py', readFile: () => undefined });
    assert.deepEqual(r.variables, []);
  });
});

describe('analyzer: sys.path', () => {
  const files: Record<string, string> = {
    '/p/src/optimize.py': [
      'import tensorflow as tf',
      'import layers',
      'def build():',
      '    with tf.variable_scope("transform"):',
      '        return layers.conv(4)',
    ].join('\n'),
    '/p/src/layers.py': [
      'import tensorflow as tf',
      'def conv(n):',
      '    return tf.get_variable("w", [3, 3, n, n])',
    ].join('\n'),
    '/p/lib/heads.py': [
      'import tensorflow as tf',
      'def head():',
      '    return tf.get_variable("head", [2])',
    ].join('\n'),
  };

  it('folders the program adds to sys.path are searched for its imports', () => {
    // 'src' is relative to where the script runs: its folder or, here, the workspace root.
    const src = [
      'import os',
      'import sys',
      "sys.path.insert(0, 'src')",
      "sys.path.append(os.path.join(os.path.dirname(__file__), '..', 'lib'))",
      'from optimize import build',
      'import heads',
      'build()',
      'heads.head()',
    ].join('\n');
    const r = analyze(src, {
      path: '/p/scripts/train.py',
      roots: ['/p'],
      readFile: (p) => files[p],
    });
    assert.deepEqual(
      r.variables.map((v) => [v.name, v.shape]),
      [
        ['transform/w:0', '(3, 3, 4, 4)'],
        ['head:0', '(2,)'],
      ],
    );
  });

  it('without the sys.path change the modules are not found (as in Python)', () => {
    const src = ['from optimize import build', 'build()'].join('\n');
    const r = analyze(src, { path: '/p/train.py', readFile: (p) => files[p] });
    assert.deepEqual(r.variables, []);
  });

  it('an entry the analyzer cannot compute adds nothing, and nothing throws', () => {
    const src = [
      'import sys',
      'sys.path.insert(0, sys.argv[1])',
      'sys.path.append(None)',
      'sys.path.extend(["src"])',
      'del sys.path[0]',
      'from optimize import build',
      'build()',
    ].join('\n');
    const r = analyze(src, { path: '/p/train.py', readFile: (p) => files[p] });
    assert.deepEqual(
      r.variables.map((v) => v.name),
      ['transform/w:0'],
    );
  });
});

describe('analyzer: functools and zip', () => {
  it("functools.wraps keeps the wrapped function (slim's nets_factory), reduce and lru_cache work", () => {
    const src = [
      'import functools',
      'import tensorflow as tf',
      'def get_network_fn(width):',
      '    def net(x):',
      '        return tf.get_variable("w", [width, functools.reduce(lambda a, b: a * b, [2, 3])])',
      '    @functools.wraps(net)',
      '    def network_fn(x):',
      '        with tf.variable_scope("net"):',
      '            return net(x)',
      '    return network_fn',
      '@functools.lru_cache(maxsize=None)',
      'def size():',
      '    return 5',
      'get_network_fn(size())(None)',
      'clones = []',
      'for grads in zip(*clones):',
      '    tf.get_variable("never", [1])',
      'tf.get_variable("after_%d" % len(list(zip())), [1])',
    ].join('\n');
    const r = analyze(src, { path: '/p/train.py' });
    assert.deepEqual(
      r.variables.map((v) => [v.name, v.shape, v.certain]),
      [
        ['net/w:0', '(5, 6)', true],
        ['after_0:0', '(1,)', true],
      ],
    );
    assert.equal(r.complete, true);
  });
});

describe('analyzer: checks on what is not known are taken to pass', () => {
  // BERT's `get_shape_list` checks each tensor's rank and raises when it differs; on an entry
  // point's hypothetical argument the rank is not known, and a fork at every check spent the
  // paths on endings: only the first layer's variables were named.
  const check = [
    'import tensorflow as tf',
    '',
    'def assert_rank(t, rank):',
    '    if t.shape.ndims != rank:',
    '        raise ValueError("rank %s is not %d" % (t.shape.ndims, rank))',
    '',
  ];

  it("an entry point's model is named past many checks of its argument's rank", () => {
    const src = [
      ...check,
      'def encoder(x, layers=12):',
      '    for i in range(layers):',
      '        assert_rank(x, 2)',
      '        with tf.variable_scope("layer_%d" % i):',
      '            assert_rank(x, 2)',
      '            w = tf.get_variable("w", [4, 4])',
      '            assert_rank(x, 2)',
    ].join('\n');
    const names = analyzePython(src).variables.map((v) => v.name);
    assert.equal(names.length, 12, names.join(' '));
    assert.equal(names[11], 'layer_11/w:0');
  });

  it('inside a try the raise may be caught: both ways are explored', () => {
    const src = [
      ...check,
      'def build(x):',
      '    try:',
      '        assert_rank(x, 2)',
      '        tf.get_variable("dense", [4, 4])',
      '    except ValueError:',
      '        tf.get_variable("conv", [3, 3, 4, 4])',
    ].join('\n');
    const names = analyzePython(src)
      .variables.map((v) => v.name)
      .sort();
    assert.deepEqual(names, ['conv:0', 'dense:0']);
  });
});

describe('analyzer: a flag not known is decided once per path', () => {
  it('a second `if self.dueling:` takes the branch the first took', () => {
    // DQN builds its network and then its target network, each under `if self.dueling:`.
    const src = [
      'import tensorflow as tf',
      '',
      'class Agent(object):',
      '    def build(self):',
      '        for net in ["prediction", "target"]:',
      '            with tf.variable_scope(net):',
      '                if self.dueling:',
      '                    tf.get_variable("value", [4])',
      '                else:',
      '                    tf.get_variable("q", [4])',
      '                if not self.dueling:',
      '                    tf.get_variable("q_bias", [4])',
      '',
      'import os',
      'agent = Agent()',
      'agent.dueling = os.environ.get("DUELING")',
      'agent.build()',
    ].join('\n');
    const r = analyzePython(src);
    const names = r.variables.map((v) => v.name).sort();
    assert.deepEqual(names, [
      'prediction/q:0',
      'prediction/q_bias:0',
      'prediction/value:0',
      'target/q:0',
      'target/q_bias:0',
      'target/value:0',
    ]);
    // Two paths (dueling or not), not one per combination of the four tests.
    assert.equal(r.paths, 2);
  });
});
