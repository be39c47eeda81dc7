/**
 * Layer libraries in the editor, as a user meets them: a `tf.layers.dense` call is a variable
 * site like `get_variable` (its hover lists every variable it creates, with the shapes its input
 * implies), and giving two layers one name is TF's "already exists" error at the second call.
 */
import { strict as assert } from 'node:assert';
import type { Hover, MarkupContent } from 'vscode-languageserver/node';
import { positionOf, workspace } from './helpers';
import { LspClient } from './lsp-client';

const MODEL = `import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 32])
with tf.variable_scope("model"):
    h = tf.layers.dense(x, 64, activation=tf.nn.relu, name="fc1")
    logits = tf.layers.dense(h, 10, name="fc1")  # meant "fc2"
`;

describe('language server: layer libraries', function () {
  this.timeout(60000);
  const ws = workspace({});
  const model = ws.uri('model.py');
  let c: LspClient;

  before(async () => {
    c = await LspClient.start({ root: ws.root });
    c.open(model, MODEL);
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
});
