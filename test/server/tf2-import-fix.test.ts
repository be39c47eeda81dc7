/**
 * SL-TF2-API through the server: one hint per file, on `import tensorflow as tf`, and its code
 * action, applied: the import becomes `tensorflow.compat.v1`, `disable_v2_behavior()` follows the
 * imports when the file needs graph mode, and the file analysed again has no hint left.
 */
import { strict as assert } from 'node:assert';
import type { CodeAction } from 'vscode-languageserver/node';
import { needsGraphMode } from '../../src/server/tf2-import-fix';
import { applyWorkspaceEdit, workspace } from './helpers';
import { LspClient } from './lsp-client';

const TF1 = `"""A TF1 model."""
import os
import tensorflow as tf
import numpy as np

x = tf.placeholder(tf.float32, [None, 3])
with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 4])
y = tf.matmul(x, w)
with tf.Session() as sess:
    sess.run(tf.global_variables_initializer())
`;

describe('language server: SL-TF2-API on the import, and its code action', function () {
  this.timeout(120000);
  const ws = workspace({});
  let c: LspClient;

  before(async () => {
    c = await LspClient.start({ root: ws.root });
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  async function fix(name: string, text: string): Promise<{ title: string; text: string }> {
    const uri = ws.uri(name);
    c.open(uri, text);
    const ds = await c.diagnostics(uri, 1);
    const hints = ds.filter((d) => d.code === 'SL-TF2-API');
    assert.equal(hints.length, 1, JSON.stringify(ds));
    const hint = hints[0];
    const line = text.split('\n').findIndex((l) => /^import tensorflow\b/.test(l));
    assert.equal(hint.range.start.line, line);
    assert.equal(hint.severity, 4);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: hint.range,
      context: { diagnostics: [hint], only: ['quickfix'] },
    });
    assert.equal(actions.length, 1);
    assert.ok(actions[0].edit);
    const fixed = applyWorkspaceEdit(actions[0].edit, { [uri]: text })[uri];
    // Analysed again: no hint left, and no new problem.
    const v = c.change(uri, fixed);
    const after = await c.diagnostics(uri, v);
    assert.deepEqual(
      after.map((d) => d.code),
      [],
      JSON.stringify(after),
    );
    return { title: actions[0].title, text: fixed };
  }

  it('rewrites the import and adds disable_v2_behavior() after the imports of a graph-mode file', async () => {
    const r = await fix('graph.py', TF1);
    assert.equal(r.title, 'Import tensorflow.compat.v1 as tf and call tf.disable_v2_behavior()');
    assert.equal(
      r.text.split('\n').slice(0, 6).join('\n'),
      [
        '"""A TF1 model."""',
        'import os',
        'import tensorflow.compat.v1 as tf',
        'import numpy as np',
        'tf.disable_v2_behavior()',
        '',
      ].join('\n'),
    );
  });

  it('only rewrites the import when the file already disables v2 behaviour', async () => {
    const text =
      'import tensorflow as tf\ntf.disable_eager_execution()\nv = tf.get_variable("v", [1])\n';
    const r = await fix('already.py', text);
    assert.equal(r.title, 'Import tensorflow.compat.v1 as tf');
    assert.equal(
      r.text,
      'import tensorflow.compat.v1 as tf\ntf.disable_eager_execution()\nv = tf.get_variable("v", [1])\n',
    );
  });

  it('which files need graph mode', () => {
    assert.equal(needsGraphMode('x = tf.placeholder(tf.float32)', 'tf'), true);
    assert.equal(needsGraphMode('with tf.Session() as s: pass', 'tf'), true);
    assert.equal(needsGraphMode('w = tf.get_variable("w", [1])', 'tf'), true);
    assert.equal(needsGraphMode('x = tf.constant(1) + tf.zeros([2])', 'tf'), false);
    assert.equal(needsGraphMode('tf.disable_v2_behavior()\nx = tf.placeholder(1)', 'tf'), false);
    assert.equal(needsGraphMode('x = tensorflow.placeholder(1)', 'tensorflow'), true);
  });
});
