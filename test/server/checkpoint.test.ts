/**
 * The code against a checkpoint in the editor: with `scopeLens.checkpoint` set (or a checkpoint
 * chosen with the setCheckpoint request), calls whose variables the checkpoint lacks or stores
 * with another shape get diagnostics naming the closest key, hover shows what it stores, and the
 * keys no open document creates are listed for the client's view.
 */
import { strict as assert } from 'node:assert';
import { writeCheckpoint } from '../../src/checkpoint/node';
import type { CheckpointKeysResult, SetCheckpointResult } from '../../src/server/protocol';
import { positionOf, workspace } from './helpers';
import { LspClient } from './lsp-client';

const MODEL = `import tensorflow.compat.v1 as tf

with tf.variable_scope("dense"):
    kernel = tf.get_variable("kernel", [3, 4])
    bias = tf.get_variable("bias", [3])
    scale = tf.get_variable("scal", [3])
`;

describe('language server: comparing the code with a checkpoint', function () {
  this.timeout(60000);
  const ws = workspace({ 'model.py': MODEL });
  let c: LspClient;

  before(async () => {
    writeCheckpoint(ws.path('train/model.ckpt-1'), [
      { name: 'dense/kernel', dtype: 'float32', shape: [3, 3], values: new Float32Array(9) },
      { name: 'dense/bias', dtype: 'float32', shape: [3], values: new Float32Array(3) },
      { name: 'dense/scale', dtype: 'float32', shape: [3], values: new Float32Array(3) },
      { name: 'global_step', dtype: 'int64', shape: [], values: new BigInt64Array(1) },
      { name: 'head/w', dtype: 'float32', shape: [2], values: new Float32Array(2) },
    ]);
    c = await LspClient.start({ root: ws.root, settings: { checkpoint: 'train' } });
  });
  after(async () => {
    c.kill();
    ws.dispose();
  });

  it('diagnostics: a missing name with the closest key, a shape the checkpoint stores otherwise', async () => {
    const uri = ws.uri('model.py');
    c.open(uri, MODEL);
    const ds = (await c.diagnostics(uri, 1)).filter((d) => String(d.code).startsWith('SL-CKPT'));
    const byCode = Object.fromEntries(ds.map((d) => [String(d.code), d]));
    assert.equal(ds.length, 2, JSON.stringify(ds));
    assert.match(
      byCode['SL-CKPT-MISSING'].message,
      /^dense\/scal is not in the checkpoint .*model\.ckpt-1; the closest key is dense\/scale/,
    );
    assert.equal(byCode['SL-CKPT-MISSING'].range.start.line, 5);
    assert.equal(byCode['SL-CKPT-MISSING'].severity, 2);
    assert.match(
      byCode['SL-CKPT-MISMATCH'].message,
      /stores dense\/kernel as \[3, 3\] float32; the code creates \(3, 4\) float32_ref/,
    );
    assert.equal(byCode['SL-CKPT-MISMATCH'].range.start.line, 3);
    assert.equal(byCode['SL-CKPT-MISMATCH'].severity, 1);
  });

  it('hover shows what the checkpoint stores for the call', async () => {
    const uri = ws.uri('model.py');
    const hover = await c.request<{ contents: { value: string } }>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(MODEL, 'get_variable("bias"', 3),
    });
    assert.match(hover.contents.value, /dense\/bias:0/);
    assert.match(
      hover.contents.value,
      /\*\*Checkpoint\*\* .*model\.ckpt-1\n\n- `dense\/bias`: float32 \[3\]/,
    );
  });

  it('lists the keys no open document creates, and can switch the checkpoint off', async () => {
    const keys = await c.request<CheckpointKeysResult>('scopeLens/checkpointKeys', null);
    assert.ok(keys);
    assert.deepEqual(
      keys.keys.map((k) => k.name),
      ['dense/scale', 'head/w'],
    );
    const off = await c.request<SetCheckpointResult>('scopeLens/setCheckpoint', {
      path: ws.path('nowhere'),
    });
    assert.equal(off.checkpoint, null);
    const uri = ws.uri('model.py');
    c.change(uri, MODEL + '\n');
    const ds = await c.diagnostics(uri);
    assert.deepEqual(
      ds.filter((d) => String(d.code).startsWith('SL-CKPT')),
      [],
    );
    const back = await c.request<SetCheckpointResult>('scopeLens/setCheckpoint', { path: null });
    assert.match(String(back.checkpoint), /model\.ckpt-1$/);
  });
});
