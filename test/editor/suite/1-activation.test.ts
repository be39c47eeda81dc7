/**
 * Activation: lazy (by language), without the runtime; the language client's state. The
 * extension's own activate() time is reported (metrics), not asserted.
 * Runs first (files run in name order): nothing has activated the extension before it.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, extension, file, metrics, poll, serverBuilt } from './util';

describe('activation', () => {
  it('activates when a Python file opens, without loading the runtime', async () => {
    const ext = extension();
    assert.equal(ext.isActive, false, 'nothing should have activated the extension yet');
    const doc = await vscode.workspace.openTextDocument(file('python', 'reuse_after_error.py'));
    await vscode.window.showTextDocument(doc);
    await poll(() => ext.isActive, 'the extension to activate on a Python file');
    const scopeLens = await api();
    metrics['activate() ms'] = Number(scopeLens.activationMs.toFixed(1));
    console.log(`activation: activate() ${scopeLens.activationMs.toFixed(1)} ms`);
    assert.equal(scopeLens.runtimeStarted(), false, 'activation must not start the runtime');
  });

  it('starts the language client on the server module (or says it is missing)', async () => {
    const scopeLens = await api();
    if (serverBuilt()) {
      assert.equal(
        await scopeLens.whenServerReady(),
        true,
        `server state ${scopeLens.serverState()}`,
      );
      assert.equal(scopeLens.serverState(), 'running');
    } else if (process.env.SCOPE_LENS_SERVER_MODULE) {
      // The tests' stand-in answers the custom requests (stub-server.ts).
      assert.equal(await scopeLens.whenServerReady(), true);
      assert.equal(scopeLens.serverModule, process.env.SCOPE_LENS_SERVER_MODULE);
    } else {
      assert.equal(scopeLens.serverState(), 'missing');
      assert.match(scopeLens.outputText(), /language server is not installed/);
    }
  });
});
