/**
 * Every input answered, in the editor (issue #13): a file with a syntax error gets an SL-SYNTAX
 * diagnostic at the error; a TF 1.x file gets one SL-TF2-API hint, on its import, whose code
 * action rewrites the import to tensorflow.compat.v1.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, open, poll, requireServer } from './util';

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

describe('every input answered: syntax errors and the TF2 hint', function () {
  it('a syntax error is a diagnostic at the error, and the rest of the file is still analysed', async function () {
    requireServer(this);
    const editor = await open(file('python', 'inputs_syntax_error.py'));
    const uri = editor.document.uri;
    const d = await poll(
      () => vscode.languages.getDiagnostics(uri).find((x) => codeOf(x) === 'SL-SYNTAX'),
      'the SL-SYNTAX diagnostic',
    );
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^'\(' was never closed \(the rest of the file is analysed/);
    assert.deepEqual([d.range.start.line, d.range.start.character], [5, 13]);
  });

  it('a TF1 file: one SL-TF2-API hint on the import; its code action rewrites the import', async function () {
    requireServer(this);
    const editor = await open(file('python', 'inputs_tf1.py'));
    const uri = editor.document.uri;
    const hints = await poll(() => {
      const found = vscode.languages.getDiagnostics(uri).filter((x) => codeOf(x) === 'SL-TF2-API');
      return found.length > 0 ? found : undefined;
    }, 'the SL-TF2-API hint');
    assert.equal(hints.length, 1);
    const hint = hints[0];
    assert.equal(hint.severity, vscode.DiagnosticSeverity.Hint);
    assert.equal(hint.range.start.line, 1, 'on `import tensorflow as tf` (line 2)');
    const actions = await poll(async () => {
      const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        hint.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = (found ?? []).filter(
        (a): a is vscode.CodeAction => 'edit' in a && /compat\.v1/.test(a.title),
      );
      return fixes.length > 0 ? fixes : undefined;
    }, 'the tensorflow.compat.v1 code action');
    const fix = actions[0];
    assert.equal(fix.title, 'Import tensorflow.compat.v1 as tf and call tf.disable_v2_behavior()');
    try {
      assert.ok(fix.edit && (await vscode.workspace.applyEdit(fix.edit)), 'the edit applies');
      const lines = editor.document.getText().split('\n');
      assert.equal(lines[1], 'import tensorflow.compat.v1 as tf');
      assert.equal(lines[2], 'tf.disable_v2_behavior()');
      await poll(
        () =>
          vscode.languages.getDiagnostics(uri).every((x) => codeOf(x) !== 'SL-TF2-API') ||
          undefined,
        'the hint to go away after the fix',
      );
    } finally {
      // Back to the file on disk for the other tests.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
