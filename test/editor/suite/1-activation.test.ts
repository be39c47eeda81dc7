/**
 * Activation: lazy (by language), fast, without the runtime; the language client's state.
 * Runs first (files run in name order): nothing has activated the extension before it.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { api, extension, file, metrics, poll, serverBuilt } from './util';

describe('activation', () => {
  it('activates when a Python file opens, quickly, without loading the runtime', async () => {
    const ext = extension();
    assert.equal(ext.isActive, false, 'nothing should have activated the extension yet');
    const started = performance.now();
    const doc = await vscode.workspace.openTextDocument(file('python', 'reuse_after_error.py'));
    await vscode.window.showTextDocument(doc);
    await poll(() => ext.isActive, 'the extension to activate on a Python file');
    const openToActive = performance.now() - started;
    const scopeLens = await api();
    metrics['activate() ms'] = Number(scopeLens.activationMs.toFixed(1));
    metrics['open .py → active ms'] = Number(openToActive.toFixed(0));
    console.log(
      `activation: activate() ${scopeLens.activationMs.toFixed(1)} ms; opening a .py file to active ${openToActive.toFixed(0)} ms`,
    );
    assert.ok(scopeLens.activationMs < 1000, `activate() took ${scopeLens.activationMs} ms`);
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
