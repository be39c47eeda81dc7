/**
 * The example checkpoint bundled in examples/checkpoint: model.py, run through the Python runtime,
 * saves exactly the committed files (so they can be regenerated and are not hand-made), wherever
 * it is started from; and the commands the README shows — `scope-lens ckpt` and the two
 * `scope-lens diff`s — print what the README says, through the built CLI.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';
import { EXAMPLE_DIR, EXAMPLE_LISTING, EXAMPLE_TRAIN_DIR } from './helpers';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');
const MODEL = path.join(EXAMPLE_DIR, 'model.py');
const RENAMED = path.join(EXAMPLE_DIR, 'model_renamed.py');

function run(...args: string[]) {
  return runIn(root, ...args);
}

/** The CLI started in `cwd` (`scope-lens run` runs programs in the shell's working directory). */
function runIn(cwd: string, ...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The 1-based line of the first line of `file` containing `text`. */
function lineOf(file: string, text: string): number {
  const i = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .findIndex((l) => l.includes(text));
  assert.ok(i >= 0, `${text} not in ${file}`);
  return i + 1;
}

/** Asserts the files of `dir` are the committed train_dir's, byte for byte. */
function assertSameFiles(dir: string): void {
  const committed = fs.readdirSync(EXAMPLE_TRAIN_DIR).sort();
  assert.deepEqual(committed, [
    'checkpoint',
    'model.ckpt-1.data-00000-of-00001',
    'model.ckpt-1.index',
  ]);
  assert.deepEqual(fs.readdirSync(dir).sort(), committed);
  for (const f of committed) {
    const made = fs.readFileSync(path.join(dir, f));
    assert.ok(made.equals(fs.readFileSync(path.join(EXAMPLE_TRAIN_DIR, f))), `${f} differs`);
  }
  // The state file names the checkpoint relative to its folder, so no path of this machine.
  assert.equal(
    fs.readFileSync(path.join(dir, 'checkpoint'), 'utf8'),
    'model_checkpoint_path: "model.ckpt-1"\nall_model_checkpoint_paths: "model.ckpt-1"\n',
  );
}

describe('examples/checkpoint: the bundled checkpoint is what model.py saves', function () {
  this.timeout(180_000);
  const made: string[] = [];
  const runner = new Runner();
  after(() => {
    runner.dispose();
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });
  const tempDir = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-example-'));
    made.push(d);
    return d;
  };

  it('is small, and `scope-lens run` of a copy of model.py writes the same bytes beside the copy', () => {
    const size = fs
      .readdirSync(EXAMPLE_TRAIN_DIR)
      .reduce((n, f) => n + fs.statSync(path.join(EXAMPLE_TRAIN_DIR, f)).size, 0);
    assert.ok(size < 100 * 1024, `${size} bytes`);
    const dir = tempDir();
    const copy = path.join(dir, 'model.py');
    fs.copyFileSync(MODEL, copy);
    const r = runIn(dir, 'run', 'model.py');
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.out,
      [
        '(2, 4)',
        'saved model.ckpt-1 in train_dir',
        ...EXAMPLE_LISTING.map((v) => `  ${v.name} [${v.shape.join(', ')}]`),
        '',
      ].join('\n'),
    );
    assertSameFiles(path.join(dir, 'train_dir'));
  });

  it('the save folder follows the file, not the working directory', async () => {
    const home = tempDir();
    const elsewhere = tempDir();
    const filename = path.join(home, 'model.py');
    fs.copyFileSync(MODEL, filename);
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd: elsewhere },
      { onStdout: () => undefined, onStderr: (s) => (stderr += s) },
    );
    assert.equal(result.exitCode, 0, stderr);
    assert.deepEqual(fs.readdirSync(elsewhere), []);
    assertSameFiles(path.join(home, 'train_dir'));
  });

  it('model_renamed.py, run, fails to restore as TF does: on the first missing key', async () => {
    const home = tempDir();
    fs.copyFileSync(RENAMED, path.join(home, 'model_renamed.py'));
    fs.cpSync(EXAMPLE_TRAIN_DIR, path.join(home, 'train_dir'), { recursive: true });
    const filename = path.join(home, 'model_renamed.py');
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename },
      { onStdout: () => undefined, onStderr: (s) => (stderr += s) },
    );
    assert.equal(result.exitCode, 1);
    assert.match(
      stderr,
      /\ntensorflow\.python\.framework\.errors_impl\.NotFoundError: Restoring from checkpoint failed\. This is most likely due to a Variable name or other graph key that is missing from the checkpoint\. [^\n]*\n\nKey logits\/biases not found in checkpoint\n$/,
    );
  });
});

describe('examples/checkpoint: the README commands through the built CLI', function () {
  this.timeout(60_000);

  it('scope-lens ckpt --json --verify examples/checkpoint/train_dir', () => {
    const r = run('ckpt', '--json', '--verify', 'examples/checkpoint/train_dir');
    assert.equal(r.code, 0, r.err);
    const doc = JSON.parse(r.out);
    assert.equal(doc.prefix, 'examples/checkpoint/train_dir/model.ckpt-1');
    assert.deepEqual(doc.variables, EXAMPLE_LISTING);
    assert.deepEqual(doc.problems, []);
  });

  it('scope-lens diff model.py: every name matches, global_step is expected; exit 0', () => {
    const r = run(
      'diff',
      'examples/checkpoint/model.py',
      '--checkpoint',
      'examples/checkpoint/train_dir',
    );
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    assert.equal(
      r.out,
      [
        'scope-lens diff: 7 names in 1 file against examples/checkpoint/train_dir/model.ckpt-1 (7 variables)',
        '',
        'Matched: 7 of 7 names (7 checkpoint keys).',
        'OK: everything the code creates is in the checkpoint with a matching shape and dtype.',
        '',
      ].join('\n'),
    );
  });

  it('scope-lens diff model_renamed.py: the renamed scope missing with a suggestion, the changed shapes; exit 1', () => {
    const rel = 'examples/checkpoint/model_renamed.py';
    const w = lineOf(RENAMED, 'weights = tf.get_variable(');
    const b = lineOf(RENAMED, 'biases = tf.get_variable(');
    const r = run('diff', rel, '--checkpoint', 'examples/checkpoint/train_dir');
    assert.equal(r.err, '');
    assert.equal(r.code, 1);
    assert.equal(
      r.out,
      [
        'scope-lens diff: 7 names in 1 file against examples/checkpoint/train_dir/model.ckpt-1 (7 variables)',
        '',
        'Missing from the checkpoint (2):',
        `  logits/biases   (4,)     float32_ref  ${rel}:${b}`,
        '      -> softmax_linear/biases (suggestion 1)',
        `  logits/weights  (10, 4)  float32_ref  ${rel}:${w}`,
        '      -> softmax_linear/weights (suggestion 1)',
        '',
        'Shape or dtype mismatches (2):',
        `  encoder/hidden2/weights  shape (12, 10) in the code, [12, 8] stored  ${rel}:${w}`,
        `  encoder/hidden2/biases   shape (10,) in the code, [8] stored         ${rel}:${b}`,
        '',
        'Only in the checkpoint (2):',
        '  softmax_linear/biases   float32  [4]',
        '  softmax_linear/weights  float32  [8, 4]',
        '',
        'Suggestions:',
        "  1. The code's top-level scope 'logits' is 'softmax_linear' in the checkpoint (2 names): rename the scope, or map the names when restoring.",
        '       logits/weights -> softmax_linear/weights',
        '       logits/biases -> softmax_linear/biases',
        '',
        'Matched: 5 of 7 names (5 checkpoint keys).',
        'Differences: 2 missing, 2 mismatches.',
        '',
      ].join('\n'),
    );
  });

  it('scope-lens diff --json model_renamed.py: the same findings as data', () => {
    const r = run(
      'diff',
      '--json',
      'examples/checkpoint/model_renamed.py',
      '--checkpoint',
      'examples/checkpoint/train_dir',
    );
    assert.equal(r.code, 1, r.err);
    const doc = JSON.parse(r.out);
    assert.deepEqual(doc.summary, {
      code: 7,
      matched: 5,
      matchedKeys: 5,
      missing: 2,
      possiblyMissing: 0,
      mismatched: 2,
      onlyInCheckpoint: 2,
      expected: 0,
      checkpoint: 7,
      ok: false,
    });
    assert.deepEqual(
      doc.suggestions.map((s: { kind: string; from: string; to: string; count: number }) => [
        s.kind,
        s.from,
        s.to,
        s.count,
      ]),
      [['rename-scope', 'logits', 'softmax_linear', 2]],
    );
    assert.deepEqual(
      doc.missing.map((m: { name: string; closest: { key: string } }) => [m.name, m.closest.key]),
      [
        ['logits/biases', 'softmax_linear/biases'],
        ['logits/weights', 'softmax_linear/weights'],
      ],
    );
    assert.deepEqual(
      doc.mismatches.map((m: { key: string; shape: unknown }) => [m.key, m.shape]),
      [
        ['encoder/hidden2/weights', { code: '(12, 10)', checkpoint: '[12, 8]' }],
        ['encoder/hidden2/biases', { code: '(10,)', checkpoint: '[8]' }],
      ],
    );
  });
});
