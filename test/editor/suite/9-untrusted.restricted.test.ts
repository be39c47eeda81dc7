/**
 * Restricted Mode (an untrusted workspace): analysis works, running programs is refused with a
 * message that says why, and the runtime never starts. Runs only in the untrusted pass of
 * run-exthost.ts (SCOPE_LENS_TEST_MODE=untrusted).
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RunSummary } from '../../../src/extension/run';
import { api, file, open, poll } from './util';

describe('untrusted workspace', () => {
  it('opens in Restricted Mode with the extension active (limited support)', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const scopeLens = await api();
    assert.ok(scopeLens);
  });

  it('Run File and Run Selection are refused with a clear message; the runtime does not start', async () => {
    const scopeLens = await api();
    await open(file('python', 'reuse_after_error.py'));
    const file1 = await vscode.commands.executeCommand<RunSummary>('scopeLens.runFile');
    const selection = await vscode.commands.executeCommand<RunSummary>('scopeLens.runSelection');
    assert.equal(file1?.status, 'untrusted');
    assert.equal(selection?.status, 'untrusted');
    assert.match(
      scopeLens.outputText(),
      /running programs is disabled in Restricted Mode\. Trust this workspace/,
    );
    assert.doesNotMatch(scopeLens.outputText(), /cur_scope\/my_var:0/);
    assert.equal(scopeLens.runtimeStarted(), false);
    assert.equal(scopeLens.lastRun(), undefined);
  });

  it('analysis still works: the Variables view fills', async () => {
    const scopeLens = await api();
    if (!(await scopeLens.whenServerReady())) {
      throw new Error(`no language server answers (state ${scopeLens.serverState()})`);
    }
    await open(file('python', 'reuse_after_error.py'));
    const items = await poll(async () => {
      await scopeLens.refreshVariables();
      const t = scopeLens.variablesTree();
      return t.length > 0 ? t : undefined;
    }, 'the Variables tree in Restricted Mode');
    assert.equal(items[0].label, 'Total: 100 parameters');
  });
});
