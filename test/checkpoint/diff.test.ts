/**
 * The name matcher of `scope-lens diff` (src/checkpoint/diff.ts): keys, patterns with holes,
 * shapes and dtypes, expected differences (slots, optimizer variables, global_step, partitions),
 * suggestions and the closest key. Pure: names in, a result out.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analyzer/analyze';
import {
  codeVariablesFromAnalysis,
  DiffCheckpointVariable,
  DiffCodeVariable,
  diffCheckpoint,
  nameToKey,
  parseCodeShape,
  storedDtype,
} from '../../src/checkpoint/diff';

function ck(name: string, shape: number[] = [3, 3], dtype = 'float32'): DiffCheckpointVariable {
  return { name, dtype, shape };
}

function code(name: string, shape = '(3, 3)', extra: Partial<DiffCodeVariable> = {}) {
  return { name, shape, dtype: 'float32_ref', ...extra };
}

describe('checkpoint diff: names, shapes and dtypes', () => {
  it('keys drop the output suffix; shapes and dtypes parse as TF prints them', () => {
    assert.equal(nameToKey('scope/w:0'), 'scope/w');
    assert.equal(nameToKey('model/h{layer}/w:0'), 'model/h{layer}/w');
    assert.equal(nameToKey('dnn/big'), 'dnn/big');
    assert.deepEqual(parseCodeShape('(3, 3)'), [3, 3]);
    assert.deepEqual(parseCodeShape('(3,)'), [3]);
    assert.deepEqual(parseCodeShape('()'), []);
    assert.deepEqual(parseCodeShape('({?}, 3)'), [null, 3]);
    assert.deepEqual(parseCodeShape('(?, 3)'), [null, 3]);
    assert.equal(parseCodeShape('<unknown>'), null);
    assert.equal(parseCodeShape(undefined), null);
    assert.equal(storedDtype('float32_ref'), 'float32');
    assert.equal(storedDtype('int64'), 'int64');
    assert.equal(storedDtype('?'), undefined);
    assert.equal(storedDtype(undefined), undefined);
  });

  it('an exact name matches its key; float32_ref is float32; unknown dims match anything', () => {
    const r = diffCheckpoint(
      [code('a/w:0'), code('a/b:0', '({?}, 3)'), code('a/c:0', '<unknown>', { dtype: '?' })],
      [ck('a/w'), ck('a/b', [7, 3]), ck('a/c', [1, 2, 3], 'int32')],
    );
    assert.deepEqual(
      r.matched.map((m) => [m.name, m.keys]),
      [
        ['a/w', ['a/w']],
        ['a/b', ['a/b']],
        ['a/c', ['a/c']],
      ],
    );
    assert.equal(r.mismatches.length, 0);
    assert.equal(r.summary.ok, true);
    assert.equal(r.summary.matchedKeys, 3);
  });

  it('shape and dtype mismatches: the code string against the stored [d, ...]', () => {
    const r = diffCheckpoint(
      [
        code('w:0', '(3, 4)', { file: 'm.py', line: 3 }),
        code('b:0', '(3,)'),
        code('s:0', '()', { dtype: 'int32_ref' }),
        code('both:0', '(2,)', { dtype: 'float64_ref' }),
      ],
      [ck('w', [3, 3]), ck('b', [3, 1]), ck('s', [], 'int64'), ck('both', [3], 'float32')],
    );
    assert.deepEqual(r.mismatches, [
      {
        name: 'w',
        key: 'w',
        file: 'm.py',
        line: 3,
        shape: { code: '(3, 4)', checkpoint: '[3, 3]' },
      },
      { name: 'b', key: 'b', shape: { code: '(3,)', checkpoint: '[3, 1]' } },
      { name: 's', key: 's', dtype: { code: 'int32', checkpoint: 'int64' } },
      {
        name: 'both',
        key: 'both',
        shape: { code: '(2,)', checkpoint: '[3]' },
        dtype: { code: 'float64', checkpoint: 'float32' },
      },
    ]);
    assert.equal(r.summary.mismatched, 4);
    assert.equal(r.summary.ok, false);
  });

  it('names the code repeats count once (the first, certain if any is)', () => {
    const r = diffCheckpoint(
      [code('w:0', '(3, 3)', { certain: false }), code('w:0', '(9, 9)'), code('x:0')],
      [ck('w')],
    );
    assert.equal(r.summary.code, 2);
    assert.equal(r.mismatches.length, 0); // the first entry's shape
    assert.deepEqual(
      r.missing.map((m) => [m.name, m.certain]),
      [['x', true]],
    );
  });
});

describe('checkpoint diff: patterns with holes', () => {
  const layers = Array.from({ length: 12 }, (_, i) => ck(`model/h${i}/attn/c_attn/w`, [1, 8, 24]));

  it('a hole matches one or more characters without "/": one pattern, every layer', () => {
    const r = diffCheckpoint(
      [code('model/h{layer}/attn/c_attn/w:0', '(1, {?}, {?})')],
      [...layers, ck('model/h/attn/c_attn/w', [1, 8, 24]), ck('model/h0/x/attn/c_attn/w')],
    );
    assert.equal(r.matched.length, 1);
    // In the checkpoint's key order.
    assert.deepEqual(r.matched[0].keys, layers.map((l) => l.name).sort());
    assert.equal(r.summary.matchedKeys, 12);
    // `model/h/...` (an empty hole) and a deeper path are not matched.
    assert.deepEqual(
      r.onlyInCheckpoint.map((v) => v.name),
      ['model/h/attn/c_attn/w', 'model/h0/x/attn/c_attn/w'],
    );
  });

  it('a hole can be a whole segment or a part of one; regex characters are literal', () => {
    const r = diffCheckpoint(
      [code('{scope}/dense.1/w:0'), code('tower_{i}_{j}/w:0'), code('a+b/{x}:0')],
      [ck('x/dense.1/w'), ck('y/denseX1/w'), ck('tower_0_1/w'), ck('tower_0/w'), ck('a+b/c')],
    );
    assert.deepEqual(
      r.matched.map((m) => m.keys),
      [['x/dense.1/w'], ['tower_0_1/w'], ['a+b/c']],
    );
  });

  it('every key a pattern matches is shape-checked', () => {
    const r = diffCheckpoint([code('m/h{i}/w:0', '(3, 3)')], [ck('m/h0/w'), ck('m/h1/w', [3, 4])]);
    assert.deepEqual(
      r.mismatches.map((m) => [m.name, m.key]),
      [['m/h{i}/w', 'm/h1/w']],
    );
  });

  it('a pattern does not claim optimizer slots; a pattern that matches nothing is missing', () => {
    const r = diffCheckpoint(
      [code('{a}/{b}:0'), code('nothing/{x}:0')],
      [ck('w/Adam'), ck('w'), ck('v/k')],
    );
    assert.deepEqual(r.matched[0].keys, ['v/k']);
    assert.deepEqual(
      r.expected.slots.map((s) => s.name),
      ['w/Adam'],
    );
    assert.deepEqual(
      r.missing.map((m) => m.name),
      ['nothing/{x}'],
    );
  });
});

describe('checkpoint diff: expected differences', () => {
  it('optimizer slots of every TF1 optimizer, also under the optimizer scope', () => {
    const keys = [
      'w',
      'w/Adam',
      'w/Adam_1',
      'w/Momentum',
      'w/Adagrad',
      'w/RMSProp',
      'w/RMSProp_1',
      'w/Ftrl',
      'w/Ftrl_1',
      'w/ExponentialMovingAverage',
      'w/Adadelta_1',
      'training/w/Adam',
      'training/w/Adam_1',
      'orphan/Adagrad',
    ];
    const r = diffCheckpoint(
      [code('w:0')],
      keys.map((k) => ck(k)),
    );
    assert.deepEqual(
      r.expected.slots.map((s) => [s.name, s.slot, s.of]),
      [
        ['w/Adam', 'Adam', 'w'],
        ['w/Adam_1', 'Adam_1', 'w'],
        ['w/Momentum', 'Momentum', 'w'],
        ['w/Adagrad', 'Adagrad', 'w'],
        ['w/RMSProp', 'RMSProp', 'w'],
        ['w/RMSProp_1', 'RMSProp_1', 'w'],
        ['w/Ftrl', 'Ftrl', 'w'],
        ['w/Ftrl_1', 'Ftrl_1', 'w'],
        ['w/ExponentialMovingAverage', 'ExponentialMovingAverage', 'w'],
        ['w/Adadelta_1', 'Adadelta_1', 'w'],
        ['training/w/Adam', 'Adam', 'w'],
        ['training/w/Adam_1', 'Adam_1', 'w'],
        ['orphan/Adagrad', 'Adagrad', undefined],
      ],
    );
    assert.equal(r.onlyInCheckpoint.length, 0);
    assert.equal(r.summary.expected, 13);
  });

  it('beta powers, global_step and object-graph keys; a variable named like a slot the code creates matches', () => {
    const r = diffCheckpoint(
      [code('w:0'), code('my/Momentum:0')],
      [
        ck('w'),
        ck('my/Momentum'),
        ck('beta1_power', []),
        ck('training/beta2_power', []),
        ck('beta1_power_1', []),
        ck('global_step', [], 'int64'),
        ck('_CHECKPOINTABLE_OBJECT_GRAPH', [], 'string'),
      ],
    );
    assert.deepEqual(r.expected.optimizer, [
      'beta1_power',
      'training/beta2_power',
      'beta1_power_1',
    ]);
    assert.deepEqual(r.expected.globalStep, ['global_step']);
    assert.deepEqual(r.expected.other, ['_CHECKPOINTABLE_OBJECT_GRAPH']);
    assert.deepEqual(
      r.matched.map((m) => m.name),
      ['w', 'my/Momentum'],
    );
    assert.equal(r.summary.ok, true);
  });

  it('a created global_step is compared like any variable', () => {
    const r = diffCheckpoint(
      [code('global_step:0', '()', { dtype: 'int64_ref' })],
      [ck('global_step', [], 'int64')],
    );
    assert.deepEqual(r.expected.globalStep, []);
    assert.equal(r.matched.length, 1);
  });

  it('partitioned variables: the graph parts v/part_N match the whole v; shapes add up', () => {
    const r = diffCheckpoint(
      [
        code('emb/part_0:0', '(4, 3)'),
        code('emb/part_1:0', '(6, 3)'),
        code('single/part_0:0', '(3, 100)'),
        code('bad/part_0:0', '(4, 3)'),
        code('bad/part_1:0', '(4, 3)'),
        code('cols/part_0:0', '(5, 2)'),
        code('cols/part_1:0', '(5, 3)'),
      ],
      [ck('emb', [10, 3]), ck('single', [3, 100]), ck('bad', [10, 3]), ck('cols', [5, 5])],
    );
    assert.deepEqual(r.expected.partitioned, [
      { key: 'emb', parts: ['emb/part_0', 'emb/part_1'] },
      { key: 'single', parts: ['single/part_0'] },
      { key: 'bad', parts: ['bad/part_0', 'bad/part_1'] },
      { key: 'cols', parts: ['cols/part_0', 'cols/part_1'] },
    ]);
    assert.deepEqual(
      r.matched.map((m) => [m.name, m.keys, m.parts]),
      [
        ['emb', ['emb'], ['emb/part_0', 'emb/part_1']],
        ['single', ['single'], ['single/part_0']],
        ['bad', ['bad'], ['bad/part_0', 'bad/part_1']],
        ['cols', ['cols'], ['cols/part_0', 'cols/part_1']],
      ],
    );
    assert.deepEqual(r.mismatches, [
      { name: 'bad', key: 'bad', shape: { code: '(4, 3) + (4, 3)', checkpoint: '[10, 3]' } },
    ]);
    assert.equal(r.summary.missing, 0);
  });

  it('a single part is compared directly; a part whose whole is absent is missing', () => {
    const r = diffCheckpoint(
      [code('k/part_0:0', '(3, 99)'), code('gone/part_0:0')],
      [ck('k', [3, 100])],
    );
    assert.deepEqual(
      r.mismatches.map((m) => [m.name, m.shape]),
      [['k/part_0', { code: '(3, 99)', checkpoint: '[3, 100]' }]],
    );
    assert.deepEqual(
      r.missing.map((m) => m.name),
      ['gone/part_0'],
    );
  });
});

describe('checkpoint diff: missing names, suggestions, closest keys', () => {
  const model = ['dense/kernel', 'dense/bias', 'out/kernel', 'out/bias'];

  it('an extra top-level scope in the code: remove-scope with the prefix', () => {
    const r = diffCheckpoint(
      model.map((n) => code(`model/${n}:0`)),
      model.map((n) => ck(n)),
    );
    assert.equal(r.summary.missing, 4);
    assert.equal(r.suggestions.length, 1);
    const s = r.suggestions[0];
    assert.equal(s.kind, 'remove-scope');
    assert.equal(s.from, 'model');
    assert.equal(s.count, 4);
    assert.match(s.message, /start with 'model\/'/);
    assert.deepEqual(s.explains[0], { code: 'model/dense/kernel', checkpoint: 'dense/kernel' });
    for (const m of r.missing) {
      assert.equal(m.suggestion, 0);
      assert.equal(m.closest?.key, m.name.slice('model/'.length));
    }
  });

  it('a scope the checkpoint has and the code lacks: add-scope (also for patterns)', () => {
    const r = diffCheckpoint(
      [...model.map((n) => code(`${n}:0`)), code('h{i}/w:0')],
      [...model.map((n) => ck(`tower_0/net/${n}`)), ck('tower_0/net/h0/w'), ck('tower_0/net/h1/w')],
    );
    assert.equal(r.suggestions[0].kind, 'add-scope');
    assert.equal(r.suggestions[0].to, 'tower_0/net');
    assert.equal(r.suggestions[0].count, 5);
    assert.match(r.suggestions[0].message, /variable_scope\('tower_0\/net'\)/);
  });

  it('a renamed top-level scope', () => {
    const r = diffCheckpoint(
      model.map((n) => code(`student/${n}:0`)),
      model.map((n) => ck(`teacher/${n}`)),
    );
    assert.deepEqual(
      r.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [['rename-scope', 'student', 'teacher', 4]],
    );
  });

  it('_1 suffixes: a scope entered twice in the code (drop-suffix), or in the saved graph (add-suffix)', () => {
    const twice = diffCheckpoint(
      [
        ...model.map((n) => code(`${n}:0`)),
        ...model.map((n) => code(`${n.replace('/', '_1/')}:0`)),
      ],
      model.map((n) => ck(n)),
    );
    assert.equal(twice.summary.matched, 4);
    assert.deepEqual(
      twice.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [
        ['drop-suffix', 'dense_1', 'dense', 2],
        ['drop-suffix', 'out_1', 'out', 2],
      ], // equal counts: by name
    );
    assert.match(twice.suggestions[0].message, /entered again/);
    const saved = diffCheckpoint(
      model.map((n) => code(`${n}:0`)),
      model.map((n) => ck(`${n.replace('/', '_1/')}`)),
    );
    assert.deepEqual(
      saved.suggestions.map((s) => [s.kind, s.from, s.to]),
      [
        ['add-suffix', 'dense', 'dense_1'],
        ['add-suffix', 'out', 'out_1'],
      ],
    );
  });

  it('weights/biases against kernel/bias, both ways', () => {
    const r = diffCheckpoint(
      [code('a/weights:0'), code('b/weights:0'), code('a/biases:0'), code('b/biases:0')],
      [ck('a/kernel'), ck('b/kernel'), ck('a/bias'), ck('b/bias')],
    );
    assert.deepEqual(
      r.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [
        ['rename-variable', 'biases', 'bias', 2],
        ['rename-variable', 'weights', 'kernel', 2],
      ],
    );
    assert.match(r.suggestions[1].message, /tf\.contrib\.layers \/ slim names/);
    const back = diffCheckpoint(
      [code('a/kernel:0'), code('b/kernel:0')],
      [ck('a/weights'), ck('b/weights')],
    );
    assert.deepEqual(
      back.suggestions.map((s) => [s.kind, s.from, s.to]),
      [['rename-variable', 'kernel', 'weights']],
    );
  });

  it('a lone coincidence among many missing names is not a suggestion; the closest key still is', () => {
    const r = diffCheckpoint(
      [code('x/one:0'), code('x/two:0'), code('x/three:0'), code('dense/kernal:0')],
      [ck('one'), ck('dense/kernel'), ck('zzz/qqq/rrr')],
    );
    assert.equal(r.suggestions.length, 0);
    const kernal = r.missing.find((m) => m.name === 'dense/kernal');
    assert.deepEqual(kernal?.closest, { key: 'dense/kernel', distance: 0.17, shapeMatches: true });
    assert.equal(kernal?.suggestion, undefined);
    assert.equal(r.missing.find((m) => m.name === 'x/one')?.closest?.key, 'one');
  });

  it('the closest key weighs shapes: a key whose shape fits is preferred at a similar distance', () => {
    // By name alone `net/dense_0/biases` is nearest to `net/dense_0/kernel`; its shape is not.
    // (Three missing names: a rename of one is no suggestion, so the closest key decides.)
    const listing = [ck('net/dense_0/biases', [16]), ck('net/dense_0/weights', [4, 16])];
    const names = [code('x/one:0'), code('x/two:0')];
    const r = diffCheckpoint([code('net/dense_0/kernel:0', '(4, 16)'), ...names], listing);
    assert.equal(r.suggestions.length, 0);
    assert.deepEqual(r.missing.find((m) => m.name === 'net/dense_0/kernel')?.closest, {
      key: 'net/dense_0/weights',
      distance: 0.86,
      shapeMatches: true,
    });
    // Not by much: a key far closer by name still wins, and says its shape does not fit.
    const typo = diffCheckpoint(
      [code('net/dense_0/kernal:0', '(8, 16)')],
      [ck('net/dense_0/kernel', [4, 16]), ck('other/scope/w', [8, 16])],
    );
    assert.deepEqual(typo.missing[0].closest, {
      key: 'net/dense_0/kernel',
      distance: 0.17,
      shapeMatches: false,
    });
    // Unknown shapes and dimensions fit anything; then the name alone decides.
    const closestOf = (shape: string) =>
      diffCheckpoint([code('net/dense_0/kernel:0', shape), ...names], listing).missing.find(
        (m) => m.name === 'net/dense_0/kernel',
      )?.closest;
    assert.equal(closestOf('({?}, 16)')?.key, 'net/dense_0/weights');
    assert.deepEqual(closestOf('<unknown>'), { key: 'net/dense_0/biases', distance: 0.83 });
  });

  it('a scope prefix renamed and weights/kernel renamed together: one map-prefix suggestion', () => {
    const r = diffCheckpoint(
      [
        code('model/fc1/kernel:0', '(4, 16)'),
        code('model/fc1/bias:0', '(16,)'),
        code('model/fc2/kernel:0', '(16, 2)'),
        code('model/fc2/bias:0', '(2,)'),
        code('model/bn/gamma:0', '(16,)'),
      ],
      [
        ck('net/bn/gamma', [16]),
        ck('net/fc1/biases', [16]),
        ck('net/fc1/weights', [4, 16]),
        ck('net/fc2/biases', [2]),
        ck('net/fc2/weights', [16, 2]),
      ],
    );
    assert.deepEqual(
      r.suggestions.map((s) => [s.kind, s.from, s.to, s.count, s.renames]),
      [
        [
          'map-prefix',
          'model',
          'net',
          5,
          [
            { from: 'bias', to: 'biases' },
            { from: 'kernel', to: 'weights' },
          ],
        ],
      ],
    );
    assert.equal(
      r.suggestions[0].message,
      "The code's names under 'model/' are under 'net/' in the checkpoint, with 'bias' as " +
        "'biases' and 'kernel' as 'weights' (5 names): map the names when restoring " +
        "(tf.train.Saver({key: var}) / init_from_checkpoint with 'model/' -> 'net/'), or build " +
        'the model with the library that wrote the checkpoint.',
    );
    assert.deepEqual(
      r.missing.map((m) => [m.name, m.closest?.key, m.suggestion]),
      [
        ['model/bn/gamma', 'net/bn/gamma', 0],
        ['model/fc1/bias', 'net/fc1/biases', 0],
        ['model/fc1/kernel', 'net/fc1/weights', 0],
        ['model/fc2/bias', 'net/fc2/biases', 0],
        ['model/fc2/kernel', 'net/fc2/weights', 0],
      ],
    );
    assert.equal(r.onlyInCheckpoint.length, 5);
  });

  it('map-prefix at any depth and for patterns; a plain top-level rename stays rename-scope', () => {
    const deep = diffCheckpoint(
      [code('gan/gen/h{i}/kernel:0'), code('gan/gen/out/kernel:0')],
      [
        ck('gan/generator/h0/weights'),
        ck('gan/generator/h1/weights'),
        ck('gan/generator/out/weights'),
      ],
    );
    assert.deepEqual(
      deep.suggestions.map((s) => [s.kind, s.from, s.to, s.count, s.renames?.length]),
      [['map-prefix', 'gan/gen', 'gan/generator', 2, 1]],
    );
    const plain = diffCheckpoint(
      [code('model/a/w:0'), code('model/b/w:0')],
      [ck('net/a/w'), ck('net/b/w')],
    );
    assert.deepEqual(
      plain.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [['rename-scope', 'model', 'net', 2]],
    );
  });

  it('one missing name is enough for a suggestion when it is the only one', () => {
    const r = diffCheckpoint([code('net/w:0')], [ck('w')]);
    assert.deepEqual(
      r.suggestions.map((s) => [s.kind, s.from, s.count]),
      [['remove-scope', 'net', 1]],
    );
  });

  it('possible names that are missing do not fail the result; certain ones do', () => {
    const possible = diffCheckpoint(
      [code('w:0'), code('maybe:0', '()', { certain: false })],
      [ck('w')],
    );
    assert.equal(possible.summary.ok, true);
    assert.equal(possible.summary.missing, 0);
    assert.equal(possible.summary.possiblyMissing, 1);
    const certain = diffCheckpoint([code('w:0'), code('gone:0')], [ck('w')]);
    assert.equal(certain.summary.ok, false);
    assert.equal(certain.summary.missing, 1);
    // Certain names first in the list.
    const both = diffCheckpoint([code('a:0', '()', { certain: false }), code('z:0')], [ck('q')]);
    assert.deepEqual(
      both.missing.map((m) => [m.name, m.certain]),
      [
        ['z', true],
        ['a', false],
      ],
    );
  });

  it('an empty checkpoint: everything missing, no closest key', () => {
    const r = diffCheckpoint([code('w:0')], []);
    assert.equal(r.summary.missing, 1);
    assert.equal(r.missing[0].closest, undefined);
  });
});

describe('checkpoint diff: from the analyzer', () => {
  it('creates and reuses become names; a function analysed alone gives possible names', () => {
    const source = [
      'import tensorflow as tf',
      'with tf.variable_scope("net"):',
      '    w = tf.get_variable("w", [2, 3])',
      'with tf.variable_scope("net", reuse=True):',
      '    same = tf.get_variable("w")',
      'def layer(x):',
      '    return tf.get_variable("alone", [4])',
      '',
    ].join('\n');
    const vars = codeVariablesFromAnalysis(analyze(source, { path: '/m/model.py' }), 'model.py');
    // The creation (line 3) comes before the reuse (line 5) of the same name.
    assert.deepEqual(
      vars.map((v) => [v.name, v.line, v.certain]),
      [
        ['net/w:0', 3, true],
        ['alone:0', 7, false],
        ['net/w:0', 5, true],
      ],
    );
    assert.deepEqual(vars[0], {
      name: 'net/w:0',
      shape: '(2, 3)',
      dtype: 'float32_ref',
      certain: true,
      file: 'model.py',
      line: 3,
    });
    const r = diffCheckpoint(vars, [ck('net/w', [2, 3])]);
    assert.equal(r.summary.ok, true);
    assert.deepEqual(
      r.missing.map((m) => [m.name, m.certain]),
      [['alone', false]],
    );
  });
});
