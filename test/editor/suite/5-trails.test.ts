/**
 * Call trails in the editor: the error of a function's second call sits on that call in the
 * Problems and the editor, its related information walks the trail, and the hovers tell the
 * calls apart. Each test reports "server not built" (skipped) when dist/server.js is absent.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { file, hoverText, open, poll, positionOf, requireServer } from './util';

const TWICE = ['python', 'trails_build_twice.py'];

function existsErrors(uri: vscode.Uri): vscode.Diagnostic[] | undefined {
  const found = vscode.languages
    .getDiagnostics(uri)
    .filter((d) => /already exists/.test(d.message));
  return found.length ? found : undefined;
}

async function hoverAt(uri: vscode.Uri, at: vscode.Position, want: string): Promise<string> {
  return poll(async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      uri,
      at,
    );
    const t = hoverText(hovers ?? []);
    return t.includes(want) ? t : undefined;
  }, `a hover with ${want}`);
}

describe('call trails', function () {
  it('the error of the second call is on that call, with the trail as related information', async function () {
    requireServer(this);
    const editor = await open(file(...TWICE));
    const uri = editor.document.uri;
    const [d, ...more] = await poll(() => existsErrors(uri), 'the TF-VAR-EXISTS diagnostic');
    assert.equal(more.length, 0, 'one diagnostic: not at the shared get_variable too');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    const code = typeof d.code === 'object' ? d.code.value : d.code;
    assert.equal(code, 'TF-VAR-EXISTS');
    assert.equal(d.range.start.line, 12, 'on `b = build_model(x)` (line 13)');
    assert.equal(editor.document.getText(d.range), 'build_model(x)');
    assert.match(
      d.message,
      /^Variable model\/w_out already exists, disallowed\. .* Originally defined at: trails_build_twice\.py:7: w = tf\.get_variable\("w_out", \[4, 2\]\)$/,
    );
    assert.deepEqual(
      (d.relatedInformation ?? []).map((r) => [
        r.location.uri.toString() === uri.toString(),
        r.location.range.start.line + 1,
        r.message,
      ]),
      [
        [true, 7, 'get_variable here'],
        [true, 12, 'model/w_out was first created by this call'],
        [true, 7, 'model/w_out was created here'],
      ],
    );
  });

  it('the hover on the get_variable tells the two calls apart', async function () {
    requireServer(this);
    const editor = await open(file(...TWICE));
    const text = await hoverAt(
      editor.document.uri,
      positionOf(editor.document, 7, 'get_variable'),
      '2nd call',
    );
    assert.match(
      text,
      /1st call\*\* \(line 12\): `model\/w_out:0` — \*\*created here\*\* · certain/,
    );
    assert.match(
      text,
      /2nd call\*\* \(line 13\): `model\/w_out` — \*\*raises\*\* `ValueError: Variable model\/w_out already exists/,
    );
  });

  it('the hover on the second call says what it did', async function () {
    requireServer(this);
    const editor = await open(file(...TWICE));
    const text = await hoverAt(
      editor.document.uri,
      positionOf(editor.document, 13, 'build_model'),
      'what this call does',
    );
    assert.match(text, /`build_model\(\.\.\.\)` — what this call does to variables/);
    assert.match(text, /`model\/w_out` — \*\*raises\*\*/);
  });
});
