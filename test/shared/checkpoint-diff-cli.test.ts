/**
 * `scope-lens diff` through the built command against the real checkpoints of the reference
 * material (testdata/checkpoints), with the model files of test/shared/checkpoint-fixtures: ones that
 * reproduce the checkpoints' names (t2t_transformer.py, t2t_layers_from_flags.py, tfx_taxi.py,
 * tfx_taxi_dnn.ts; t2t_layers.py and tfx_taxi_layers.py build them with tf.layers, as t2t and the
 * canned estimator do) and deliberately wrong variants of them, made by the tests from those
 * files with a line or two changed (an extra scope, a model built twice, weights/biases for
 * kernel/bias, changed shapes and dtype).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../support';
import { expectedListing, T2T, T2T_DIR, TFX, TFX_DIR } from './checkpoint-helpers';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');
const FIXTURES = path.join(root, 'test', 'shared', 'checkpoint-fixtures');

function run(...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function fixture(name: string): string {
  return path.join(FIXTURES, name);
}

const scratch: string[] = [];
after(() => {
  for (const d of scratch) fs.rmSync(d, { recursive: true, force: true });
});

/**
 * A copy of fixture `name` (in a folder of its own, under the same file name) with each `from`
 * (which must occur exactly once) replaced by its `to`: a wrong variant of a right model.
 */
function variant(name: string, ...edits: Array<[string, string]>): string {
  let text = fs.readFileSync(fixture(name), 'utf8');
  for (const [from, to] of edits) {
    assert.equal(text.split(from).length, 2, `${from} not exactly once in ${name}`);
    text = text.replace(from, to);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-diff-variant-'));
  scratch.push(dir);
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

/** t2t_transformer.py inside an extra top-level scope `model`. */
const T2T_EXTRA_SCOPE: Array<[string, string]> = [
  ['\ntransformer()\n', '\nwith tf.variable_scope("model"):\n    transformer()\n'],
];
/** t2t_transformer.py built twice in one graph, its scope by default name (`transformer_1`). */
const T2T_BUILT_TWICE: Array<[string, string]> = [
  ['tf.variable_scope("transformer")', 'tf.variable_scope(None, default_name="transformer")'],
  ['\ntransformer()\n', '\ntransformer()\ntransformer()\n'],
];
/** t2t_transformer.py naming its dense variables as slim does. */
const T2T_WEIGHTS: Array<[string, string]> = [
  ['tf.get_variable("kernel",', 'tf.get_variable("weights",'],
  ['tf.get_variable("bias",', 'tf.get_variable("biases",'],
];
/** tfx_taxi.py with 64 units where the checkpoint has 70, and an int32 global step. */
const TFX_SHAPES: Array<[string, string]> = [
  ['HIDDEN_UNITS = [100, 70, 48, 34]', 'HIDDEN_UNITS = [100, 64, 48, 34]'],
  ['"global_step", [], dtype=tf.int64', '"global_step", [], dtype=tf.int32'],
];

interface Doc {
  schemaVersion: number;
  checkpoint: { prefix: string; variables: number };
  sources: Array<{ path: string; language: string; complete: boolean; exhaustive: boolean }>;
  summary: Record<string, number | boolean>;
  matched: Array<{ name: string; keys: string[]; shape?: string }>;
  mismatches: Array<{
    key: string;
    shape?: { code: string; checkpoint: string };
    dtype?: { code: string; checkpoint: string };
  }>;
  missing: Array<{
    name: string;
    certain: boolean;
    suggestion?: number;
    closest?: { key: string };
  }>;
  onlyInCheckpoint: Array<{ name: string; dtype: string; shape: number[] }>;
  expected: {
    slots: Array<{ name: string; slot: string; of?: string }>;
    optimizer: string[];
    globalStep: string[];
    partitioned: unknown[];
    other: string[];
  };
  suggestions: Array<{
    kind: string;
    from: string;
    to: string;
    count: number;
    explains: Array<{ code: string; checkpoint: string }>;
  }>;
}

function diffJson(checkpoint: string, ...sources: string[]): { code: number | null; doc: Doc } {
  const r = run('diff', '--json', ...sources, '--checkpoint', checkpoint);
  assert.equal(r.err, '');
  return { code: r.code, doc: JSON.parse(r.out) as Doc };
}

const T2T_KEYS = expectedListing('t2t-transformer').map((r) => r.key);
/** The model's own variables: under transformer/, without the Adam slots (under training/). */
const T2T_MODEL_KEYS = T2T_KEYS.filter((k) => k.startsWith('transformer/'));

describe('cli: scope-lens diff against the real checkpoints', function () {
  this.timeout(60_000);

  it('t2t: a model file reproducing every variable name matches; slots, beta powers and global_step are expected', () => {
    const { code, doc } = diffJson(T2T_DIR, fixture('t2t_transformer.py'));
    assert.equal(code, 0);
    assert.deepEqual(Object.keys(doc), [
      'schemaVersion',
      'checkpoint',
      'sources',
      'summary',
      'matched',
      'mismatches',
      'missing',
      'onlyInCheckpoint',
      'expected',
      'suggestions',
    ]);
    assert.equal(doc.schemaVersion, 1);
    assert.deepEqual(doc.checkpoint, { prefix: T2T, variables: 250 });
    assert.deepEqual(doc.sources, [
      {
        path: fixture('t2t_transformer.py'),
        language: 'python',
        complete: true,
        exhaustive: true,
      },
    ]);
    assert.deepEqual(doc.summary, {
      code: 81,
      matched: 81,
      matchedKeys: 81,
      missing: 0,
      possiblyMissing: 0,
      mismatched: 0,
      onlyInCheckpoint: 4,
      expected: 165,
      checkpoint: 250,
      ok: true,
    });
    const matchedKeys = doc.matched.flatMap((m) => m.keys).sort();
    assert.deepEqual(matchedKeys, [...T2T_MODEL_KEYS].sort());
    assert.equal(doc.expected.slots.length, 162);
    for (const s of doc.expected.slots) {
      assert.equal(s.name, `training/${s.of}/${s.slot}`);
      assert.ok(T2T_MODEL_KEYS.includes(s.of as string));
    }
    assert.deepEqual(doc.expected.optimizer, ['training/beta1_power', 'training/beta2_power']);
    assert.deepEqual(doc.expected.globalStep, ['global_step']);
    assert.deepEqual(
      doc.onlyInCheckpoint.map((v) => v.name),
      [
        'losses_avg/problem_0/extra_loss',
        'losses_avg/problem_0/total_loss',
        'losses_avg/problem_0/training_loss',
        'train_stats/problem_0_steps',
      ],
    );
    assert.deepEqual(doc.suggestions, []);
  });

  it('t2t built with tf.layers (a Layer subclass, dense projections on real tensors): every model key, shape from the inputs', () => {
    const { code, doc } = diffJson(T2T_DIR, fixture('t2t_layers.py'));
    assert.equal(code, 0);
    assert.deepEqual(
      doc.sources.map((s) => [s.complete, s.exhaustive]),
      [[true, true]],
    );
    assert.deepEqual(doc.summary, {
      code: 81,
      matched: 81,
      matchedKeys: 81,
      missing: 0,
      possiblyMissing: 0,
      mismatched: 0,
      onlyInCheckpoint: 4,
      expected: 165,
      checkpoint: 250,
      ok: true,
    });
    for (const m of doc.matched) assert.deepEqual(m.keys, [m.name.replace(/:0$/, '')]);
    assert.deepEqual(doc.matched.flatMap((m) => m.keys).sort(), [...T2T_MODEL_KEYS].sort());
    const stored = new Map(expectedListing('t2t-transformer').map((r) => [r.key, r.shape]));
    for (const m of doc.matched) {
      const shape = stored.get(m.keys[0]) as number[];
      assert.equal(m.shape, shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`);
    }
    assert.equal(doc.expected.slots.length, 162);
    assert.deepEqual(doc.suggestions, []);
  });

  it('t2t, text: one summary per section and exit 0', () => {
    const r = run('diff', fixture('t2t_transformer.py'), '--checkpoint', T2T);
    assert.equal(r.code, 0, r.err);
    assert.match(
      r.out,
      /^scope-lens diff: 81 names in 1 file against .*model\.ckpt-1 \(250 variables\)\n/,
    );
    assert.match(
      r.out,
      /\nOnly in the checkpoint \(4\):\n {2}losses_avg\/problem_0\/extra_loss +float32 +\[\]\n/,
    );
    assert.match(r.out, /\n {2}optimizer slots: 162 \(Adam 81, Adam_1 81\), e\.g\. training\//);
    assert.match(
      r.out,
      /\n {2}optimizer variables: 2: training\/beta1_power, training\/beta2_power\n/,
    );
    assert.match(r.out, /\n {2}global step: global_step\n/);
    assert.match(r.out, /\nMatched: 81 of 81 names \(81 checkpoint keys\)\.\nOK: /);
    assert.doesNotMatch(r.out, /Missing|mismatches|Suggestions/);
  });

  it('t2t, an extra top-level scope: every name missing, one suggestion with the prefix; exit 1', () => {
    const file = variant('t2t_transformer.py', ...T2T_EXTRA_SCOPE);
    const { code, doc } = diffJson(T2T_DIR, file);
    assert.equal(code, 1);
    assert.equal(doc.summary.missing, 81);
    assert.equal(doc.summary.ok, false);
    assert.equal(doc.suggestions.length, 1);
    const [s] = doc.suggestions;
    assert.deepEqual([s.kind, s.from, s.to, s.count], ['remove-scope', 'model', '', 81]);
    for (const x of s.explains) assert.equal(x.code, `model/${x.checkpoint}`);
    for (const m of doc.missing) {
      assert.equal(m.suggestion, 0);
      assert.equal(m.closest?.key, m.name.slice('model/'.length));
    }
    const r = run('diff', file, '--checkpoint', T2T);
    assert.equal(r.code, 1);
    assert.match(r.out, /\nMissing from the checkpoint \(81\):\n/);
    assert.match(
      r.out,
      /\n {6}-> transformer\/body\/decoder\/layer_0\/encdec_attention\/layer_prepostprocess\/layer_norm\/layer_norm_bias \(suggestion 1\)\n/,
    );
    assert.match(r.out, /\nSuggestions:\n {2}1\. The code's names start with 'model\/' where/);
    assert.match(r.out, /\nDifferences: 81 missing\.\n$/);
  });

  it("t2t, the model built twice: transformer_1/... is 'transformer' in the checkpoint (a _1 suffix)", () => {
    const { code, doc } = diffJson(T2T_DIR, variant('t2t_transformer.py', ...T2T_BUILT_TWICE));
    assert.equal(code, 1);
    assert.equal(doc.summary.matched, 81);
    assert.equal(doc.summary.missing, 81);
    assert.deepEqual(
      doc.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [['drop-suffix', 'transformer_1', 'transformer', 81]],
    );
    for (const m of doc.missing) assert.ok(m.name.startsWith('transformer_1/'), m.name);
  });

  it('t2t, weights/biases where the checkpoint has kernel/bias: two rename suggestions', () => {
    const { code, doc } = diffJson(T2T_DIR, variant('t2t_transformer.py', ...T2T_WEIGHTS));
    assert.equal(code, 1);
    assert.equal(doc.summary.matched, 40);
    assert.equal(doc.summary.missing, 41);
    assert.deepEqual(
      doc.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [
        ['rename-variable', 'weights', 'kernel', 33],
        ['rename-variable', 'biases', 'bias', 8],
      ],
    );
    // The kernels the code names 'weights' are not "only in the checkpoint" noise: each is a fix.
    assert.equal(doc.summary.onlyInCheckpoint, 4 + 41);
  });

  it('t2t, the number of layers unknown: patterns layer_{i} match every layer', () => {
    const { code, doc } = diffJson(T2T, fixture('t2t_layers_from_flags.py'));
    assert.equal(code, 0);
    assert.equal(doc.summary.code, 34);
    assert.equal(doc.summary.matchedKeys, 64);
    const pattern = doc.matched.find(
      (m) => m.name === 'transformer/body/encoder/layer_{i}/ffn/conv1/kernel',
    );
    assert.deepEqual(pattern?.keys, [
      'transformer/body/encoder/layer_0/ffn/conv1/kernel',
      'transformer/body/encoder/layer_1/ffn/conv1/kernel',
    ]);
    assert.equal(pattern?.shape, '(16, 8)');
  });

  it('tfx: a Python file and a TypeScript file together reproduce the estimator; Adagrad/Ftrl slots expected', () => {
    const { code, doc } = diffJson(TFX_DIR, fixture('tfx_taxi.py'), fixture('tfx_taxi_dnn.ts'));
    assert.equal(code, 0);
    assert.deepEqual(
      doc.sources.map((s) => s.language),
      ['python', 'typescript'],
    );
    assert.equal(doc.summary.code, 21);
    assert.equal(doc.summary.matchedKeys, 21);
    const slotCounts: Record<string, number> = {};
    for (const s of doc.expected.slots) slotCounts[s.slot] = (slotCounts[s.slot] ?? 0) + 1;
    assert.deepEqual(slotCounts, { Adagrad: 10, Ftrl: 10, Ftrl_1: 10 });
    assert.deepEqual(doc.expected.globalStep, []); // the code creates global_step
    assert.deepEqual(doc.onlyInCheckpoint, []);
    const listing = expectedListing('tfx-taxi-estimator').map((r) => r.key);
    const accounted = [
      ...doc.matched.flatMap((m) => m.keys),
      ...doc.expected.slots.map((s) => s.name),
    ];
    assert.deepEqual(accounted.sort(), [...listing].sort());
  });

  it('tfx, the DNN built with tf.layers.dense named by its variable scope, as the canned estimator builds it: every key accounted for', () => {
    const { code, doc } = diffJson(TFX_DIR, fixture('tfx_taxi_layers.py'));
    assert.equal(code, 0);
    assert.deepEqual(
      doc.sources.map((s) => [s.complete, s.exhaustive]),
      [[true, true]],
    );
    assert.equal(doc.summary.code, 21);
    assert.equal(doc.summary.matchedKeys, 21);
    assert.deepEqual(doc.mismatches, []);
    assert.deepEqual(doc.missing, []);
    assert.deepEqual(doc.onlyInCheckpoint, []);
    const dnn = doc.matched.filter((m) => m.name.startsWith('dnn/'));
    assert.deepEqual(
      dnn.map((m) => `${m.keys.join()} ${m.shape}`),
      [
        'dnn/hiddenlayer_0/kernel (3, 100)',
        'dnn/hiddenlayer_0/bias (100,)',
        'dnn/hiddenlayer_1/kernel (100, 70)',
        'dnn/hiddenlayer_1/bias (70,)',
        'dnn/hiddenlayer_2/kernel (70, 48)',
        'dnn/hiddenlayer_2/bias (48,)',
        'dnn/hiddenlayer_3/kernel (48, 34)',
        'dnn/hiddenlayer_3/bias (34,)',
        'dnn/logits/kernel (34, 1)',
        'dnn/logits/bias (1,)',
      ],
    );
    // tf.train.get_or_create_global_step() is modelled: the step matches like any variable.
    assert.deepEqual(doc.expected.globalStep, []);
    const listing = expectedListing('tfx-taxi-estimator').map((r) => r.key);
    const accounted = [
      ...doc.matched.flatMap((m) => m.keys),
      ...doc.expected.slots.map((s) => s.name),
      ...doc.expected.globalStep,
    ];
    assert.deepEqual(accounted.sort(), [...listing].sort());
  });

  it('tfx: changed layer sizes and an int32 global_step are shape and dtype mismatches; exit 1', () => {
    const file = variant('tfx_taxi.py', ...TFX_SHAPES);
    const { code, doc } = diffJson(TFX, file);
    assert.equal(code, 1);
    assert.deepEqual(
      doc.mismatches.map((m) => [m.key, m.shape, m.dtype]),
      [
        ['dnn/hiddenlayer_1/kernel', { code: '(100, 64)', checkpoint: '[100, 70]' }, undefined],
        ['dnn/hiddenlayer_2/kernel', { code: '(64, 48)', checkpoint: '[70, 48]' }, undefined],
        ['dnn/hiddenlayer_1/bias', { code: '(64,)', checkpoint: '[70]' }, undefined],
        ['global_step', undefined, { code: 'int32', checkpoint: 'int64' }],
      ],
    );
    const r = run('diff', file, '--checkpoint', TFX);
    assert.equal(r.code, 1);
    const at = `${file}:27`.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    assert.match(
      r.out,
      new RegExp(
        `\\n {2}dnn/hiddenlayer_1/kernel +shape \\(100, 64\\) in the code, \\[100, 70\\] stored +${at}\\n`,
      ),
    );
    assert.match(r.out, /\nDifferences: 4 mismatches\.\n$/);
  });

  it('a folder of sources: every fixture file analysed', () => {
    const { code, doc } = diffJson(TFX_DIR, FIXTURES);
    assert.equal(code, 1);
    const files = fs
      .readdirSync(FIXTURES)
      .filter((f) => /\.(py|ts)$/.test(f))
      .sort()
      .map((f) => path.join(FIXTURES, f));
    assert.deepEqual(
      doc.sources.map((s) => s.path),
      files,
    );
  });

  it('bad usage and unreadable input exit 2 with a message; --help exits 0', () => {
    const cases: Array<[string[], RegExp]> = [
      [['diff', fixture('tfx_taxi.py')], /give the checkpoint with --checkpoint PATH/],
      [['diff', '--checkpoint', TFX], /give at least one \.py, \.ts or \.js file or folder/],
      [['diff', fixture('tfx_taxi.py'), '--checkpoint'], /--checkpoint needs a path/],
      [
        ['diff', '--frobnicate', fixture('tfx_taxi.py'), '--checkpoint', TFX],
        /unknown option '--frobnicate'/,
      ],
      [
        ['diff', 'no/such/model.py', '--checkpoint', TFX],
        /no\/such\/model\.py: no such file or folder/,
      ],
      [
        ['diff', fixture('tfx_taxi.py'), `--checkpoint=${FIXTURES}`],
        /no checkpoint in this folder/,
      ],
      [
        ['diff', fixture('tfx_taxi.py'), '--checkpoint', fixture('tfx_taxi.py')],
        /no checkpoint here/,
      ],
    ];
    for (const [args, message] of cases) {
      const r = run(...args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}${r.err}`);
      assert.equal(r.out, '');
      assert.match(r.err, /^scope-lens diff: /);
      assert.match(r.err, message);
    }
    const help = run('diff', '--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /^Usage: scope-lens diff SOURCE\.\.\. --checkpoint PATH \[--json\]/);
    const main = run('--help');
    assert.match(main.out, /scope-lens diff SOURCE\.\.\. --checkpoint PATH \[--json\]/);
  });
});
