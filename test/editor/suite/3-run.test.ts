/**
 * Running programs from the editor: Run File (Python in Pyodide, TypeScript on the engine), Run
 * Selection, errors linked to their line, the timeout setting, Restart Runtime, and the Run
 * results view's content. What a person would read is read from the output channel's text
 * (the extension's test API) and the view's model.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RunSummary } from '../../../src/extension/run';
import { api, file, open, poll, setSetting } from './util';

async function runFile(uri?: vscode.Uri): Promise<RunSummary> {
  return (await vscode.commands.executeCommand<RunSummary>('scopeLens.runFile', uri))!;
}

describe('running programs', function () {
  this.timeout(120_000);

  it("Run File on a Python file prints TF's output to the Scope Lens channel", async () => {
    assert.equal(vscode.workspace.isTrusted, true);
    const scopeLens = await api();
    const editor = await open(file('python', 'reuse_after_error.py'));
    const before = scopeLens.outputText().length;
    const summary = await runFile();
    const text = scopeLens.outputText().slice(before);
    assert.equal(summary.status, 'ok', text);
    assert.equal(summary.language, 'python');
    assert.equal(summary.file, editor.document.uri.fsPath);
    assert.match(text, /▶ Run File: .*reuse_after_error\.py — Python\n/);
    assert.match(text, /\nTrue\ncur_scope\/my_var:0\n/);
    assert.match(text, /✓ finished in \d+\.\d+ s\n$/);
    assert.deepEqual(summary.variables, ['cur_scope/my_var:0']);
    assert.equal(scopeLens.runtimeStarted(), true);
  });

  it('the Run results view shows the variables with shape, dtype, trainable, collections, parameters and a histogram', async () => {
    const scopeLens = await api();
    await vscode.commands.executeCommand('scopeLens.showRunResults');
    await poll(() => scopeLens.runResults().resolved, 'the Run results webview to open');
    await poll(() => scopeLens.runResults().posted > 0, 'the webview to receive the results');
    const { results, histogram } = scopeLens.runResults();
    assert.equal(results.run?.label, 'reuse_after_error.py');
    assert.equal(results.run?.status, 'ok');
    assert.equal(results.run?.totalParameters, 100);
    assert.deepEqual(
      results.rows.map((r) => [r.name, r.shape, r.dtype, r.trainable, r.collections, r.parameters]),
      [
        [
          'cur_scope/my_var:0',
          '(100,)',
          'float32_ref',
          true,
          ['variables', 'trainable_variables'],
          100,
        ],
      ],
    );
    assert.ok(histogram, 'the first variable is selected and has a histogram');
    assert.equal(histogram.name, 'cur_scope/my_var:0');
    assert.equal(histogram.histogram.total, 100);
    assert.equal(
      histogram.histogram.counts.reduce((a, b) => a + b, 0),
      100,
    );
    const s = histogram.stats!;
    // glorot_uniform for (100,): limit sqrt(6 / (100 + 100)).
    const limit = Math.sqrt(6 / 200);
    assert.ok(s.min >= -limit && s.max <= limit && s.min < s.max, JSON.stringify(s));
    assert.ok(Math.abs(s.mean) < limit && s.std > 0, JSON.stringify(s));
    assert.equal(scopeLens.selectRunVariable('no/such:0'), false);
    assert.equal(scopeLens.selectRunVariable('cur_scope/my_var:0'), true);
  });

  it("Run Selection runs the selected, indented lines after the file's imports, on the file's lines", async () => {
    const scopeLens = await api();
    const editor = await open(file('python', 'layers.py'));
    editor.selection = new vscode.Selection(4, 0, 6, editor.document.lineAt(6).text.length);
    const before = scopeLens.outputText().length;
    const summary = (await vscode.commands.executeCommand<RunSummary>('scopeLens.runSelection'))!;
    const text = scopeLens.outputText().slice(before);
    assert.equal(summary.status, 'ok', text);
    assert.match(
      text,
      /▶ Run Selection: .*layers\.py \(from line 5, after the file's imports\) — Python\n/,
    );
    assert.match(text, /\nbuilt layer\/w:0 \(2, 2\)\n/);
    assert.deepEqual(summary.variables, ['layer/w:0']);

    // An error in the selection names the file's line.
    editor.selection = new vscode.Selection(6, 8, 6, editor.document.lineAt(6).text.length);
    const failed = (await vscode.commands.executeCommand<RunSummary>('scopeLens.runSelection'))!;
    assert.equal(failed.status, 'error');
    assert.equal(failed.error?.type, 'NameError');
    assert.equal(failed.error?.line, 7);
  });

  it('an uncaught error prints file:line and marks its line; editing the file clears the mark', async () => {
    const scopeLens = await api();
    const editor = await open(file('python', 'create_twice.py'));
    const uri = editor.document.uri;
    const before = scopeLens.outputText().length;
    const summary = await runFile();
    const text = scopeLens.outputText().slice(before);
    assert.equal(summary.status, 'error');
    assert.equal(summary.error?.type, 'ValueError');
    assert.equal(summary.error?.line, 7);
    assert.match(text, /Traceback \(most recent call last\):/);
    assert.match(text, /ValueError: Variable dense\/w already exists, disallowed/);
    assert.ok(
      text.includes(`✗ ValueError: Variable dense/w already exists, disallowed.`) &&
        text.includes(` at ${uri.fsPath}:7:`),
      text,
    );
    // The variables created before the error are still reported.
    assert.deepEqual(summary.variables, ['dense/w:0']);
    const mark = await poll(
      () => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'Scope Lens (run)'),
      'the run error diagnostic',
    );
    assert.equal(mark.range.start.line, 6);
    assert.equal(mark.severity, vscode.DiagnosticSeverity.Error);
    assert.match(mark.message, /^ValueError: Variable dense\/w already exists/);
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '# edited\n'));
    await poll(
      () => !vscode.languages.getDiagnostics(uri).some((d) => d.source === 'Scope Lens (run)'),
      'the run error mark to clear after an edit',
    );
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('Run File on an unsaved (untitled) Python document names it by its URI', async () => {
    const scopeLens = await api();
    const doc = await vscode.workspace.openTextDocument({
      language: 'python',
      content: 'import tensorflow as tf\nv = tf.get_variable("u", [3])\nprint(v.name)\n1 / 0\n',
    });
    await vscode.window.showTextDocument(doc);
    const before = scopeLens.outputText().length;
    const summary = await runFile();
    const text = scopeLens.outputText().slice(before);
    assert.equal(summary.status, 'error', text);
    assert.equal(summary.file, doc.uri.toString());
    assert.match(text, /\nu:0\n/);
    assert.match(text, /ZeroDivisionError: division by zero/);
    assert.equal(summary.error?.line, 4);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('Run File on a TypeScript file runs it on the engine', async () => {
    const scopeLens = await api();
    await open(file('engine', 'encoder.ts'));
    const before = scopeLens.outputText().length;
    const summary = await runFile();
    const text = scopeLens.outputText().slice(before);
    assert.equal(summary.status, 'ok', text);
    assert.equal(summary.language, 'typescript');
    assert.match(text, /\nencoder\/w:0 \[4,2\]\n/);
    const { results, histogram } = scopeLens.runResults();
    assert.equal(results.rows[0]?.name, 'encoder/w:0');
    assert.deepEqual(histogram?.stats, { mean: 0.25, std: 0, min: 0.25, max: 0.25 });
  });

  it('scopeLens.run.timeout stops a program that does not end', async () => {
    const scopeLens = await api();
    await setSetting('run.timeout', 1);
    try {
      await open(file('python', 'forever.py'));
      const before = scopeLens.outputText().length;
      const summary = await runFile();
      const text = scopeLens.outputText().slice(before);
      assert.equal(summary.status, 'timeout', text);
      assert.match(text, /✗ stopped: the program did not finish within 1 s and was stopped/);
    } finally {
      await setSetting('run.timeout', undefined);
    }
  });

  it('Restart Runtime ends the worker; the next run starts a fresh one', async () => {
    const scopeLens = await api();
    await vscode.commands.executeCommand('scopeLens.restartRuntime');
    assert.equal(scopeLens.runtimeStarted(), false);
    assert.match(scopeLens.outputText(), /runtime restarted/);
    await open(file('engine', 'encoder.ts'));
    const summary = await runFile();
    assert.equal(summary.status, 'ok');
    assert.equal(scopeLens.runtimeStarted(), true);
  });
});
