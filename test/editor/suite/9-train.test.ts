/**
 * Training from the editor: Run File on the linear-regression example really trains (the loss
 * printed to the Scope Lens channel goes down), and the Run results view shows each trained
 * variable's values before and after training, on one axis.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RunSummary } from '../../../src/extension/run';
import { api, file, open, poll } from './util';

describe('training runs', function () {
  this.timeout(180_000);

  it('Run File on a training program prints a falling loss; Run results show before and after', async () => {
    const scopeLens = await api();
    await open(file('python', 'train_linear_regression.py'));
    const start = scopeLens.outputText().length;
    const summary = (await vscode.commands.executeCommand<RunSummary>('scopeLens.runFile'))!;
    const text = scopeLens.outputText().slice(start);
    assert.equal(summary.status, 'ok', text);
    const losses = [...text.matchAll(/step \d+ loss (\S+)/g)].map((m) => Number(m[1]));
    assert.equal(losses.length, 11, text);
    for (let i = 1; i < losses.length; i++) assert.ok(losses[i] < losses[i - 1], text);
    assert.deepEqual(summary.variables, ['linear/w:0', 'linear/b:0', 'global_step:0']);

    await vscode.commands.executeCommand('scopeLens.showRunResults');
    await poll(() => scopeLens.runResults().resolved, 'the Run results webview to open');
    await poll(
      () => scopeLens.runResults().results.run?.label === 'train_linear_regression.py',
      'the webview to show the training run',
    );
    assert.equal(scopeLens.selectRunVariable('linear/w:0'), true);
    const w = scopeLens.runResults().histogram!;
    assert.equal(w.name, 'linear/w:0');
    // Zeros before training (zeros_initializer); about 2 after (the data is y = 2x + 1).
    assert.ok(w.before, 'a trained variable has its values before training');
    assert.deepEqual(w.before.stats, { mean: 0, std: 0, min: 0, max: 0 });
    assert.ok(Math.abs(w.stats!.mean - 2.016) < 0.001, JSON.stringify(w.stats));
    // One axis for both: it spans the starting zero and the trained value.
    assert.equal(w.before.histogram.min, w.histogram.min);
    assert.equal(w.before.histogram.max, w.histogram.max);
    assert.ok(w.histogram.min <= 0 && w.histogram.max >= 2, JSON.stringify(w.histogram));
    assert.equal(w.before.histogram.total, 1);
    assert.equal(w.histogram.total, 1);

    assert.equal(scopeLens.selectRunVariable('global_step:0'), true);
    const step = scopeLens.runResults().histogram!;
    assert.deepEqual(step.before?.stats, { mean: 0, std: 0, min: 0, max: 0 });
    assert.equal(step.stats!.mean, 200);
  });

  it('a run that trains nothing shows no before-training histogram', async () => {
    const scopeLens = await api();
    await open(file('python', 'reuse_after_error.py'));
    const summary = (await vscode.commands.executeCommand<RunSummary>('scopeLens.runFile'))!;
    assert.equal(summary.status, 'ok');
    await poll(
      () => scopeLens.runResults().results.run?.label === 'reuse_after_error.py',
      'the webview to show the run',
    );
    const h = scopeLens.runResults().histogram!;
    assert.equal(h.name, 'cur_scope/my_var:0');
    assert.equal(h.before, undefined);
  });
});
