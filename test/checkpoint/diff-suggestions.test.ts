/**
 * `scope-lens diff` against a real checkpoint (test/checkpoint/layer-models/slim_net_ckpt, which
 * slim_net.py saves through the runtime) when the code differs from it in more than one way at
 * once: a model ported to tf.layers names (`kernel`, `bias`) under another top-level scope. One
 * suggestion maps the prefix and the renames together; the closest key of a name no suggestion
 * explains is one whose stored shape fits.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../support';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');
const CKPT = path.join(root, 'test', 'checkpoint', 'layer-models', 'slim_net_ckpt');

// slim_net's variables as a port to tf.layers would name them: scope "model", kernel/bias.
const PORTED = `import tensorflow as tf

with tf.variable_scope("model"):
    with tf.variable_scope("conv1"):
        tf.get_variable("kernel", [3, 3, 3, 4])
        with tf.variable_scope("BatchNorm"):
            tf.get_variable("beta", [4])
            tf.get_variable("gamma", [4])
    with tf.variable_scope("fc3"):
        tf.get_variable("kernel", [128, 12])
    with tf.variable_scope("logits"):
        tf.get_variable("kernel", [12, 5])
        tf.get_variable("bias", [5])
`;

// Three names no single fix explains; "logits/kernels" (12, 5) is as near by name to logits'
// biases (the first key, which the name alone chose) as to its weights, which have its shape.
const NEAR = `import tensorflow as tf

with tf.variable_scope("vgg_tiny"):
    with tf.variable_scope("logits"):
        tf.get_variable("kernels", [12, 5])
    tf.get_variable("extra_one", [2])
    tf.get_variable("extra_two", [3])
`;

function run(...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8', cwd: root });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('checkpoint diff: combined differences and shapes, against a real checkpoint', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-diff-suggest-'));
    fs.writeFileSync(path.join(dir, 'ported.py'), PORTED);
    fs.writeFileSync(path.join(dir, 'near.py'), NEAR);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a renamed scope plus kernel/bias names: one map-prefix suggestion (JSON)', () => {
    const r = run('diff', '--json', path.join(dir, 'ported.py'), '--checkpoint', CKPT);
    assert.equal(r.err, '');
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.out);
    assert.deepEqual(
      doc.suggestions.map((s: { kind: string; from: string; to: string; count: number }) => [
        s.kind,
        s.from,
        s.to,
        s.count,
      ]),
      [['map-prefix', 'model', 'vgg_tiny', 6]],
    );
    assert.deepEqual(doc.suggestions[0].renames, [
      { from: 'bias', to: 'biases' },
      { from: 'kernel', to: 'weights' },
    ]);
    assert.deepEqual(
      doc.missing.map((m: { name: string; closest: { key: string }; suggestion: number }) => [
        m.name,
        m.closest.key,
        m.suggestion,
      ]),
      [
        ['model/conv1/BatchNorm/beta', 'vgg_tiny/conv1/BatchNorm/beta', 0],
        ['model/conv1/BatchNorm/gamma', 'vgg_tiny/conv1/BatchNorm/gamma', 0],
        ['model/conv1/kernel', 'vgg_tiny/conv1/weights', 0],
        ['model/fc3/kernel', 'vgg_tiny/fc3/weights', 0],
        ['model/logits/bias', 'vgg_tiny/logits/biases', 0],
        ['model/logits/kernel', 'vgg_tiny/logits/weights', 0],
      ],
    );
    assert.equal(doc.summary.missing, 6);
  });

  it('the text form states the mapping once, with its renames', () => {
    const r = run('diff', path.join(dir, 'ported.py'), '--checkpoint', CKPT);
    assert.equal(r.code, 1);
    assert.match(
      r.out,
      /\n {2}1\. The code's names under 'model\/' are under 'vgg_tiny\/' in the checkpoint, with 'bias' as 'biases' and 'kernel' as 'weights' \(6 names\): /,
    );
    assert.doesNotMatch(r.out, /\n {2}2\. /);
  });

  it('the closest key of a name no fix explains has a shape that fits', () => {
    const r = run('diff', '--json', path.join(dir, 'near.py'), '--checkpoint', CKPT);
    assert.equal(r.code, 1);
    const doc = JSON.parse(r.out);
    assert.deepEqual(doc.suggestions, []);
    const kernels = doc.missing.find((m: { name: string }) => m.name === 'vgg_tiny/logits/kernels');
    assert.deepEqual(kernels.closest, {
      key: 'vgg_tiny/logits/weights',
      distance: 0.71,
      shapeMatches: true,
    });
    const text = run('diff', path.join(dir, 'near.py'), '--checkpoint', CKPT);
    assert.match(text.out, /\n {6}closest: vgg_tiny\/logits\/weights\n/);
    // Nothing else is near extra_one by name: its closest key has another shape, and says so.
    assert.match(text.out, /\n {6}closest: \S+ \(another shape\)\n/);
  });
});
