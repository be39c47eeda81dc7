/**
 * Models built with the layer libraries against the checkpoints they save (issue #11): a
 * convolutional net with tf.layers (conv2d, batch_normalization, dense), a VGG-style net with
 * TF-Slim (conv2d with normalizer_fn=slim.batch_norm under arg_scope, repeat, fully_connected)
 * an LSTM run by dynamic_rnn, and the tf_layers net written with tf.keras.layers (its weights
 * resource variables named by name scopes, the same keys), in test/checkpoint/layer-models. Each one, run through the
 * Python runtime, saves exactly the committed checkpoint (so the files are not hand-made); the
 * static analysis of the same file predicts every key with its shape (`names`, `check`), and
 * `scope-lens diff` matches the checkpoint key for key. Wrong variants of the models (a renamed
 * layer, a wider layer, a missing normalizer), made by editing one line of a copy, report
 * exactly their differences.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../support';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');
const MODELS = path.join(root, 'test', 'checkpoint', 'layer-models');
const REL = 'test/checkpoint/layer-models';

function run(...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Listed {
  name: string;
  dtype: string;
  shape: number[];
}

const f32 = (name: string, ...shape: number[]): Listed => ({ name, dtype: 'float32', shape });
const GLOBAL_STEP: Listed = { name: 'global_step', dtype: 'int64', shape: [] };

const TF_LAYERS_LISTING: Listed[] = [
  f32('block1/bn/beta', 4),
  f32('block1/bn/gamma', 4),
  f32('block1/bn/moving_mean', 4),
  f32('block1/bn/moving_variance', 4),
  f32('block1/conv/kernel', 3, 3, 1, 4),
  f32('block2/bn/beta', 8),
  f32('block2/bn/gamma', 8),
  f32('block2/bn/moving_mean', 8),
  f32('block2/bn/moving_variance', 8),
  f32('block2/conv/kernel', 3, 3, 4, 8),
  f32('fc/bias', 16),
  f32('fc/kernel', 128, 16),
  GLOBAL_STEP,
  f32('logits/bias', 3),
  f32('logits/kernel', 16, 3),
];

/**
 * What each model saves, as `tf.train.list_variables` lists it (byte-wise key order);
 * `resource`: its layers' weights are resource variables (`float32`, not `float32_ref`).
 */
const MODEL_CASES: Array<{
  model: string;
  output: string;
  listing: Listed[];
  resource?: boolean;
}> = [
  { model: 'tf_layers', output: '(2, 3)', listing: TF_LAYERS_LISTING },
  { model: 'keras_net', output: '(2, 3)', listing: TF_LAYERS_LISTING, resource: true },
  {
    model: 'slim_net',
    output: '(2, 5)',
    listing: [
      GLOBAL_STEP,
      ...['conv1', 'conv2/conv2_1', 'conv2/conv2_2', 'fc3'].flatMap((layer) => {
        const n = layer === 'conv1' ? 4 : layer === 'fc3' ? 12 : 8;
        const weights: Record<string, number[]> = {
          conv1: [3, 3, 3, 4],
          'conv2/conv2_1': [3, 3, 4, 8],
          'conv2/conv2_2': [3, 3, 8, 8],
          fc3: [128, 12],
        };
        return [
          f32(`vgg_tiny/${layer}/BatchNorm/beta`, n),
          f32(`vgg_tiny/${layer}/BatchNorm/gamma`, n),
          f32(`vgg_tiny/${layer}/BatchNorm/moving_mean`, n),
          f32(`vgg_tiny/${layer}/BatchNorm/moving_variance`, n),
          f32(`vgg_tiny/${layer}/weights`, ...weights[layer]),
        ];
      }),
      f32('vgg_tiny/logits/biases', 5),
      f32('vgg_tiny/logits/weights', 12, 5),
    ],
  },
  {
    model: 'lstm',
    output: '(2, 2)',
    listing: [
      f32('embeddings', 20, 6),
      // cell 0: inputs 6 + projected output 5; cell 1: inputs 5 + output 8; 4 gates of 8.
      f32('encoder/multi_rnn_cell/cell_0/lstm_cell/bias', 32),
      f32('encoder/multi_rnn_cell/cell_0/lstm_cell/kernel', 11, 32),
      f32('encoder/multi_rnn_cell/cell_0/lstm_cell/projection/kernel', 8, 5),
      f32('encoder/multi_rnn_cell/cell_1/lstm_cell/bias', 32),
      f32('encoder/multi_rnn_cell/cell_1/lstm_cell/kernel', 13, 32),
      f32('encoder/multi_rnn_cell/cell_1/lstm_cell/w_f_diag', 8),
      f32('encoder/multi_rnn_cell/cell_1/lstm_cell/w_i_diag', 8),
      f32('encoder/multi_rnn_cell/cell_1/lstm_cell/w_o_diag', 8),
      GLOBAL_STEP,
      f32('output/bias', 2),
      f32('output/kernel', 8, 2),
    ],
  },
];

const CKPT_FILES = ['checkpoint', 'model.ckpt-0.data-00000-of-00001', 'model.ckpt-0.index'];

function trainDir(model: string): string {
  return path.join(MODELS, `${model}_ckpt`);
}

/** `(3, 3, 1, 4)`, `(16,)`, `()`: a shape as the analyzer prints it. */
function shapeText(shape: number[]): string {
  return shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
}

interface DiffDoc {
  summary: Record<string, number | boolean>;
  matched: Array<{ name: string; keys: string[] }>;
  mismatches: Array<{
    key: string;
    shape?: { code: string; checkpoint: string };
    dtype?: { code: string; checkpoint: string };
  }>;
  missing: Array<{ name: string; certain: boolean; closest?: { key: string } }>;
  onlyInCheckpoint: Array<{ name: string; dtype: string; shape: number[] }>;
  expected: { globalStep: string[]; slots: unknown[] };
  suggestions: Array<{ kind: string; from: string; to: string; count: number }>;
  sources: Array<{ complete: boolean; exhaustive: boolean }>;
}

function diffJson(source: string, model: string): { code: number | null; doc: DiffDoc } {
  const r = run('diff', '--json', source, '--checkpoint', trainDir(model));
  assert.equal(r.err, '');
  return { code: r.code, doc: JSON.parse(r.out) as DiffDoc };
}

describe('checkpoint: models built with layers against the checkpoints they save', function () {
  this.timeout(180_000);
  const made: string[] = [];
  after(() => {
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-layer-models-'));
    made.push(d);
    return d;
  };

  /** A copy of a model with `from` (which must occur once) replaced by `to`. */
  const variant = (model: string, from: string, to: string): string => {
    const text = fs.readFileSync(path.join(MODELS, `${model}.py`), 'utf8');
    assert.equal(text.split(from).length, 2, `${from} not exactly once in ${model}.py`);
    const file = path.join(tempDir(), `${model}.py`);
    fs.writeFileSync(file, text.replace(from, to));
    return file;
  };

  for (const { model, output, listing, resource } of MODEL_CASES) {
    describe(`${model}.py`, () => {
      it('`scope-lens run` of a copy saves the committed checkpoint byte for byte', () => {
        const committed = fs.readdirSync(trainDir(model)).sort();
        assert.deepEqual(committed, CKPT_FILES);
        const size = committed.reduce(
          (n, f) => n + fs.statSync(path.join(trainDir(model), f)).size,
          0,
        );
        assert.ok(size < 32 * 1024, `${size} bytes`);
        const dir = tempDir();
        const copy = path.join(dir, `${model}.py`);
        fs.copyFileSync(path.join(MODELS, `${model}.py`), copy);
        const r = run('run', copy);
        assert.equal(r.code, 0, r.err);
        assert.equal(
          r.out,
          [output, ...listing.map((v) => `${v.name} [${v.shape.join(', ')}]`), ''].join('\n'),
        );
        const saved = path.join(dir, `${model}_ckpt`);
        assert.deepEqual(fs.readdirSync(saved).sort(), committed);
        for (const f of committed) {
          const bytes = fs.readFileSync(path.join(saved, f));
          assert.ok(bytes.equals(fs.readFileSync(path.join(trainDir(model), f))), `${f} differs`);
        }
        assert.equal(
          fs.readFileSync(path.join(saved, 'checkpoint'), 'utf8'),
          'model_checkpoint_path: "model.ckpt-0"\nall_model_checkpoint_paths: "model.ckpt-0"\n',
        );
      });

      it('`scope-lens ckpt --verify` lists the expected keys; the checksums hold', () => {
        const r = run('ckpt', '--json', '--verify', `${REL}/${model}_ckpt`);
        assert.equal(r.code, 0, r.err);
        const doc = JSON.parse(r.out);
        assert.deepEqual(doc.variables, listing);
        assert.deepEqual(doc.problems, []);
      });

      it('`names` and `check` predict every key with its shape, certain, no errors', () => {
        const file = `${REL}/${model}.py`;
        const names = run('names', '--json', file);
        assert.equal(names.code, 0, names.err);
        const doc = JSON.parse(names.out).files[0];
        const predicted = (
          doc.variables as Array<{ name: string; shape: string; dtype: string; certain: boolean }>
        )
          .map((v) => {
            assert.ok(v.certain, `${v.name} not certain`);
            const weight = resource ? 'float32' : 'float32_ref';
            assert.equal(v.dtype, v.name === 'global_step:0' ? 'int64_ref' : weight);
            return `${v.name} ${v.shape}`;
          })
          .sort();
        const keys = listing.map((v) => `${v.name}:0 ${shapeText(v.shape)}`).sort();
        assert.deepEqual(predicted, keys);
        const check = run('check', '--format', 'json', file);
        assert.equal(check.code, 0, check.err);
        const checked = JSON.parse(check.out).files[0];
        assert.equal(checked.complete, true);
        assert.equal(checked.exhaustive, true);
        const diagnostics = checked.diagnostics as Array<{ severity: string }>;
        assert.deepEqual(
          diagnostics.filter((d) => d.severity === 'error' || d.severity === 'warning'),
          [],
        );
      });

      it('`scope-lens diff` matches the checkpoint key for key, global_step too; exit 0', () => {
        const { code, doc } = diffJson(path.join(MODELS, `${model}.py`), model);
        assert.equal(code, 0);
        assert.deepEqual(
          doc.sources.map((s) => [s.complete, s.exhaustive]),
          [[true, true]],
        );
        const n = listing.length;
        assert.deepEqual(doc.summary, {
          code: n,
          matched: n,
          matchedKeys: n,
          missing: 0,
          possiblyMissing: 0,
          mismatched: 0,
          onlyInCheckpoint: 0,
          expected: 0,
          checkpoint: listing.length,
          ok: true,
        });
        for (const m of doc.matched) assert.deepEqual(m.keys, [m.name.replace(/:0$/, '')]);
        assert.deepEqual(
          doc.matched.flatMap((m) => m.keys).sort(),
          listing.map((v) => v.name).sort(),
        );
        assert.deepEqual(doc.expected.globalStep, []);
        assert.deepEqual(doc.expected.slots, []);
        assert.deepEqual(doc.suggestions, []);
      });
    });
  }

  it('tf_layers, the dense layer renamed: its two keys missing, only in the checkpoint, one rename suggestion', () => {
    const file = variant('tf_layers', 'name="fc")', 'name="hidden")');
    const { code, doc } = diffJson(file, 'tf_layers');
    assert.equal(code, 1);
    assert.deepEqual(
      doc.missing.map((m) => [m.name, m.certain, m.closest?.key]),
      [
        ['hidden/bias', true, 'fc/bias'],
        ['hidden/kernel', true, 'fc/kernel'],
      ],
    );
    assert.deepEqual(
      doc.onlyInCheckpoint.map((v) => [v.name, v.shape]),
      [
        ['fc/bias', [16]],
        ['fc/kernel', [128, 16]],
      ],
    );
    assert.deepEqual(doc.mismatches, []);
    assert.deepEqual(
      doc.suggestions.map((s) => [s.kind, s.from, s.to, s.count]),
      [['rename-scope', 'hidden', 'fc', 2]],
    );
    assert.equal(doc.summary.matched, 13);
  });

  it('tf_layers, the dense layer wider: its kernel and bias and the next kernel are shape mismatches', () => {
    const file = variant(
      'tf_layers',
      'net = tf.layers.dense(net, 16,',
      'net = tf.layers.dense(net, 32,',
    );
    const { code, doc } = diffJson(file, 'tf_layers');
    assert.equal(code, 1);
    assert.deepEqual(
      doc.mismatches.map((m) => [m.key, m.shape, m.dtype]),
      [
        ['fc/kernel', { code: '(128, 32)', checkpoint: '[128, 16]' }, undefined],
        ['fc/bias', { code: '(32,)', checkpoint: '[16]' }, undefined],
        ['logits/kernel', { code: '(32, 3)', checkpoint: '[16, 3]' }, undefined],
      ],
    );
    assert.deepEqual(doc.missing, []);
    assert.deepEqual(doc.onlyInCheckpoint, []);
    assert.equal(doc.summary.matched, 15);
    const r = run('diff', file, '--checkpoint', trainDir('tf_layers'));
    assert.equal(r.code, 1);
    assert.match(r.out, /\nDifferences: 3 mismatches\.\n$/);
  });

  it('slim_net, fc3 without its normalizer: biases missing, its BatchNorm keys only in the checkpoint', () => {
    const file = variant(
      'slim_net',
      'slim.fully_connected(net, 12, scope="fc3")',
      'slim.fully_connected(net, 12, normalizer_fn=None, scope="fc3")',
    );
    const { code, doc } = diffJson(file, 'slim_net');
    assert.equal(code, 1);
    assert.deepEqual(
      doc.missing.map((m) => [m.name, m.certain]),
      [['vgg_tiny/fc3/biases', true]],
    );
    assert.deepEqual(
      doc.onlyInCheckpoint.map((v) => [v.name, v.shape]),
      [
        ['vgg_tiny/fc3/BatchNorm/beta', [12]],
        ['vgg_tiny/fc3/BatchNorm/gamma', [12]],
        ['vgg_tiny/fc3/BatchNorm/moving_mean', [12]],
        ['vgg_tiny/fc3/BatchNorm/moving_variance', [12]],
      ],
    );
    assert.deepEqual(doc.mismatches, []);
    assert.deepEqual(doc.summary.matched, 19);
    assert.deepEqual(doc.summary.code, 20);
  });

  it('lstm, wider cells: every cell variable and the output kernel are shape mismatches', () => {
    const file = variant('lstm', 'UNITS = 8', 'UNITS = 10');
    const { code, doc } = diffJson(file, 'lstm');
    assert.equal(code, 1);
    const cell = 'encoder/multi_rnn_cell/cell_';
    assert.deepEqual(
      doc.mismatches.map((m) => [m.key, m.shape?.code, m.shape?.checkpoint]),
      [
        [`${cell}0/lstm_cell/kernel`, '(11, 40)', '[11, 32]'],
        [`${cell}0/lstm_cell/bias`, '(40,)', '[32]'],
        [`${cell}0/lstm_cell/projection/kernel`, '(10, 5)', '[8, 5]'],
        [`${cell}1/lstm_cell/kernel`, '(15, 40)', '[13, 32]'],
        [`${cell}1/lstm_cell/bias`, '(40,)', '[32]'],
        [`${cell}1/lstm_cell/w_f_diag`, '(10,)', '[8]'],
        [`${cell}1/lstm_cell/w_i_diag`, '(10,)', '[8]'],
        [`${cell}1/lstm_cell/w_o_diag`, '(10,)', '[8]'],
        ['output/kernel', '(10, 2)', '[8, 2]'],
      ],
    );
    assert.deepEqual(doc.missing, []);
    assert.deepEqual(doc.onlyInCheckpoint, []);
  });
});
