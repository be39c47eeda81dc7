/**
 * Layer libraries in the editor, as a user meets them: a `tf.layers.dense` call is a variable
 * site like `get_variable` (its hover lists every variable it creates, with the shapes its input
 * implies), and giving two layers one name is TF's "already exists" error at the second call.
 * What the Variables view shows comes from `scopeLens/analysis`: a model built with layers
 * answers with every layer variable and its shape, so the view's tree and parameter counts
 * (src/extension/model/summary.ts over that answer) include them, as does the scope's code lens.
 */
import { strict as assert } from 'node:assert';
import type { CodeLens, Hover, MarkupContent } from 'vscode-languageserver/node';
import { summarize } from '../../src/extension/model/summary';
import type { AnalysisResult } from '../../src/server/protocol';
import { positionOf, workspace } from './helpers';
import { LspClient } from './lsp-client';

const MODEL = `import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 32])
with tf.variable_scope("model"):
    h = tf.layers.dense(x, 64, activation=tf.nn.relu, name="fc1")
    logits = tf.layers.dense(h, 10, name="fc1")  # meant "fc2"
`;

const CLASSIFIER = `import tensorflow as tf

images = tf.placeholder(tf.float32, [None, 28, 28, 1], name="images")
with tf.variable_scope("classifier"):
    net = tf.layers.conv2d(images, 8, 3, padding="same", use_bias=False, name="conv")
    net = tf.layers.batch_normalization(net, training=True, name="bn")
    net = tf.layers.max_pooling2d(tf.nn.relu(net), 2, 2)
    net = tf.layers.dense(tf.layers.flatten(net), 32, activation=tf.nn.relu, name="fc")
    logits = tf.layers.dense(net, 10, name="logits")
`;

describe('language server: layer libraries', function () {
  this.timeout(60000);
  const ws = workspace({});
  const model = ws.uri('model.py');
  const classifier = ws.uri('classifier.py');
  let c: LspClient;

  before(async () => {
    c = await LspClient.start({ root: ws.root });
    c.open(model, MODEL);
    c.open(classifier, CLASSIFIER);
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  it('reports two layers with one name at the second call, with TF’s message', async () => {
    const diagnostics = await c.diagnostics(model, 1);
    const errors = diagnostics.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1, JSON.stringify(diagnostics));
    assert.equal(errors[0].code, 'TF-VAR-EXISTS');
    assert.equal(errors[0].range.start.line, 5);
    assert.match(
      errors[0].message,
      /^Variable model\/fc1\/kernel already exists, disallowed\. Did you mean to set reuse=True or reuse=tf\.AUTO_REUSE in VarScope\?/,
    );
  });

  it('hovers a layer call with every variable it creates and their shapes', async () => {
    const h = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: model },
      position: positionOf(MODEL, 'dense(x', 2),
    });
    assert.ok(h, 'no hover on the layer call');
    const text = (h.contents as MarkupContent).value;
    assert.match(text, /`model\/fc1\/kernel:0`/);
    assert.match(text, /`model\/fc1\/bias:0`/);
    assert.match(text, /shape `\(32, 64\)`/);
    assert.match(text, /shape `\(64,\)`/);
  });

  it('scopeLens/analysis (the Variables view) has every layer variable with its shape; the counts add up', async () => {
    const r = await c.request<AnalysisResult>('scopeLens/analysis', {
      textDocument: { uri: classifier },
    });
    assert.ok(r);
    assert.equal(r.analysis.complete, true);
    assert.deepEqual(
      r.analysis.variables.map((v) => `${v.name} ${v.shape} ${v.certain}`),
      [
        'classifier/conv/kernel:0 (3, 3, 1, 8) true',
        'classifier/bn/gamma:0 (8,) true',
        'classifier/bn/beta:0 (8,) true',
        'classifier/bn/moving_mean:0 (8,) true',
        'classifier/bn/moving_variance:0 (8,) true',
        // 28x28 pooled to 14x14, 8 channels: 1568 inputs.
        'classifier/fc/kernel:0 (1568, 32) true',
        'classifier/fc/bias:0 (32,) true',
        'classifier/logits/kernel:0 (32, 10) true',
        'classifier/logits/bias:0 (10,) true',
      ],
    );
    const summary = summarize(r.analysis);
    assert.equal(summary.root.parameters, 72 + 4 * 8 + 1568 * 32 + 32 + 32 * 10 + 10);
    assert.equal(summary.root.partial, false);
    assert.equal(summary.root.variableCount, 9);
    const scope = summary.scopes.find((s) => s.path === 'classifier/bn');
    assert.equal(scope?.parameters, 32);
    // Each variable opens the line of the layer call that creates it.
    assert.deepEqual(
      summary.variables.map((v) => v.place.line),
      [5, 6, 6, 6, 6, 8, 8, 9, 9],
    );
  });

  it("the scope's code lens counts the variables its layers create", async () => {
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: classifier },
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[3, '9 variables created, 0 reused']],
    );
  });
});
