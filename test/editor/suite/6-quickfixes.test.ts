/**
 * Quick fixes in the editor, through VS Code's own code-action API: a typo under reuse gets
 * "Change to 'weights'" as the preferred fix and never AUTO_REUSE (which would create a second
 * variable); a function called twice gets the reusing scope around its second call first. Each
 * preferred fix is applied as VS Code applies it, and the diagnostic must go.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, hoverText, open, poll, requireServer } from './util';

function diagnostic(uri: vscode.Uri, code: string): vscode.Diagnostic | undefined {
  return vscode.languages
    .getDiagnostics(uri)
    .find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === code);
}

async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return poll(async () => {
    const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
      'vscode.executeCodeActionProvider',
      uri,
      range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fixes = (found ?? []).filter((a): a is vscode.CodeAction => 'kind' in a || 'edit' in a);
    return fixes.length > 0 ? fixes : undefined;
  }, 'quick fixes');
}

describe('quick fixes: did you mean, and reuse at the second call', function () {
  afterEach(async () => {
    // Back to the file on disk for the other tests.
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a typo under reuse: "Change to \'weights\'" is preferred, AUTO_REUSE is not offered', async function () {
    requireServer(this);
    const editor = await open(file('python', 'dym_typo.py'));
    const uri = editor.document.uri;
    const d = await poll(() => diagnostic(uri, 'TF-VAR-MISSING'), 'the TF-VAR-MISSING diagnostic');
    assert.equal(d.range.start.line, 6);
    const related = (d.relatedInformation ?? []).map(
      (r) => `${r.location.range.start.line + 1} ${r.message}`,
    );
    assert.ok(related.includes('5 did you mean encoder/weights? created here'), related.join('\n'));
    const hover = await poll(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        uri,
        d.range.start.translate(0, 8),
      );
      const text = hoverText(hovers ?? []);
      return /Did you mean/.test(text) ? text : undefined;
    }, 'the hover to say "Did you mean"');
    assert.match(hover, /Did you mean `encoder\/weights` \(created at \[dym_typo\.py:5\]/);

    const actions = await quickFixes(uri, d.range);
    assert.equal(actions[0].title, "Change to 'weights'");
    assert.equal(actions[0].isPreferred, true);
    assert.ok(
      !actions.some((a) => /AUTO_REUSE/.test(a.title)),
      actions.map((a) => a.title).join('\n'),
    );
    assert.ok(await vscode.workspace.applyEdit(actions[0].edit!), 'the edit applies');
    assert.equal(editor.document.lineAt(6).text, '    w2 = tf.get_variable("weights", [3, 4])');
    await poll(() => diagnostic(uri, 'TF-VAR-MISSING') === undefined, 'the error to go');
  });

  it('a function called twice: the preferred fix reuses at the second call', async function () {
    requireServer(this);
    const editor = await open(file('python', 'dym_twice.py'));
    const uri = editor.document.uri;
    const d = await poll(() => diagnostic(uri, 'TF-VAR-EXISTS'), 'the TF-VAR-EXISTS diagnostic');
    const actions = await quickFixes(uri, d.range);
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1);
    assert.match(preferred[0].title, /^Wrap build_model\(\.\.\.\) at line 11 in with /);
    const auto = actions.find((a) => /AUTO_REUSE/.test(a.title));
    assert.ok(auto && !auto.isPreferred, actions.map((a) => a.title).join('\n'));
    assert.ok(await vscode.workspace.applyEdit(preferred[0].edit!), 'the edit applies');
    assert.equal(
      editor.document.getText().split('\n').slice(9, 12).join('\n'),
      'first = build_model(1)\nwith tf.variable_scope(tf.get_variable_scope(), reuse=True):\n    second = build_model(2)',
    );
    await poll(() => diagnostic(uri, 'TF-VAR-EXISTS') === undefined, 'the error to go');
  });
});
