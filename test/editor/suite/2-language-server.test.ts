/**
 * The language server's features through VS Code's API, as the client wires them: diagnostics,
 * hover, definition, references, highlights, code lenses, quick fixes, symbols. Written against
 * the server contract; each test reports "server not built" (skipped) when dist/server.js is
 * absent from this tree.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, hoverText, open, poll, positionOf, requireServer } from './util';

const SEED = ['python', 'reuse_after_error.py'];
const TWICE = ['python', 'create_twice.py'];

function existsError(uri: vscode.Uri): vscode.Diagnostic | undefined {
  return vscode.languages
    .getDiagnostics(uri)
    .find(
      (d) => /already exists/.test(d.message) && d.severity === vscode.DiagnosticSeverity.Error,
    );
}

describe('language server features', function () {
  it('diagnostics: a variable created twice gets the "already exists" error on the second call', async function () {
    requireServer(this);
    const editor = await open(file(...TWICE));
    const d = await poll(() => existsError(editor.document.uri), 'the TF-VAR-EXISTS diagnostic');
    assert.match(d.message, /Variable dense\/w already exists, disallowed/);
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    assert.equal(code, 'TF-VAR-EXISTS');
    assert.equal(d.range.start.line, 6, 'on the second get_variable (line 7)');
  });

  it("hover on the seed's second example's get_variable shows cur_scope/my_var:0", async function () {
    requireServer(this);
    const editor = await open(file(...SEED));
    const at = positionOf(editor.document, 10, 'get_variable', 2);
    const text = await poll(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        at,
      );
      const t = hoverText(hovers ?? []);
      return t.includes('cur_scope/my_var:0') ? t : undefined;
    }, 'a hover naming cur_scope/my_var:0');
    assert.match(text, /cur_scope\/my_var:0/);
  });

  it('hover on a name bound to a layer call: its tensor, then the variables the call creates', async function () {
    requireServer(this);
    const editor = await open(file('python', 'dense.py'));
    const at = positionOf(editor.document, 7, 'h * 2');
    const text = await poll(async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
        'vscode.executeHoverProvider',
        editor.document.uri,
        at,
      );
      const t = hoverText(hovers ?? []);
      return t.includes('model/fc1/kernel:0') ? t : undefined;
    }, 'a hover naming model/fc1/kernel:0');
    assert.match(text, /`h` — the result of `dense\(\.\.\.\)`/);
    assert.match(text, /tensor `model\/fc1\/BiasAdd:0` · shape `\(\?, 64\)` · dtype `float32`/);
    assert.match(text, /`model\/fc1\/bias:0` — \*\*created here\*\*/);
    assert.doesNotMatch(text, /<scope-lens>|_lib/);
  });

  it('definition of a reused variable is the call that created it; references list both calls', async function () {
    requireServer(this);
    const editor = await open(file(...SEED));
    const uri = editor.document.uri;
    const reuse = positionOf(editor.document, 13, 'get_variable', 2);
    const definitions = await poll(async () => {
      const found = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
        'vscode.executeDefinitionProvider',
        uri,
        reuse,
      );
      return found && found.length > 0 ? found : undefined;
    }, 'a definition');
    const lines = definitions.map((d) => ('targetRange' in d ? d.targetRange : d.range).start.line);
    assert.ok(lines.includes(9), `definition lines ${lines} should include line 10`);

    const create = positionOf(editor.document, 10, 'get_variable', 2);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      uri,
      create,
    );
    const refLines = (refs ?? []).map((r) => r.range.start.line);
    assert.ok(refLines.includes(9) && refLines.includes(12), `references on lines ${refLines}`);
  });

  it('document highlights and symbols answer for the seed', async function () {
    requireServer(this);
    const editor = await open(file(...SEED));
    const uri = editor.document.uri;
    const highlights = await vscode.commands.executeCommand<vscode.DocumentHighlight[]>(
      'vscode.executeDocumentHighlights',
      uri,
      positionOf(editor.document, 10, 'get_variable', 2),
    );
    assert.ok((highlights ?? []).length >= 1, 'highlights');
    const symbols = await vscode.commands.executeCommand<unknown[]>(
      'vscode.executeDocumentSymbolProvider',
      uri,
    );
    assert.ok((symbols ?? []).length >= 1, 'symbols');
  });

  it('code lenses carry scopeLens.revealVariables, which selects the scope in the Variables view', async function () {
    requireServer(this);
    const editor = await open(file(...SEED));
    const lenses = await poll(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>(
        'vscode.executeCodeLensProvider',
        editor.document.uri,
        10,
      );
      const reveal = (found ?? []).filter(
        (l) => l.command?.command === 'scopeLens.revealVariables',
      );
      return reveal.length > 0 ? reveal : undefined;
    }, 'a code lens with scopeLens.revealVariables');
    const command = lenses[0].command!;
    const revealed = await vscode.commands.executeCommand<boolean>(
      command.command,
      ...(command.arguments ?? []),
    );
    assert.equal(revealed, true);
  });

  it('a quick fix applied to the document removes the "already exists" error', async function () {
    requireServer(this);
    const editor = await open(file(...TWICE));
    const uri = editor.document.uri;
    const d = await poll(() => existsError(uri), 'the TF-VAR-EXISTS diagnostic');
    const actions = await poll(async () => {
      const found = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>(
        'vscode.executeCodeActionProvider',
        uri,
        d.range,
        vscode.CodeActionKind.QuickFix.value,
      );
      const fixes = (found ?? []).filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
      return fixes.length > 0 ? fixes : undefined;
    }, 'a quick fix');
    const fix = actions.find((a) => a.isPreferred) ?? actions[0];
    try {
      if (fix.edit) assert.ok(await vscode.workspace.applyEdit(fix.edit), 'the edit applies');
      if (fix.command) {
        await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      }
      await poll(() => existsError(uri) === undefined, 'the error to go away after the fix');
    } finally {
      // Back to the file on disk for the other tests.
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
