/**
 * The Variables view and the commands built on the server's custom requests (Copy Full Variable
 * Name, Export Variable Names, the code lens's reveal), and a check that every contributed
 * command runs. These need `scopeLens/analysis` and `scopeLens/variableAt`: the real server
 * when it is built, else the tests' stand-in (stub-server.ts) that answers just those.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TreeSnapshot } from '../../../src/extension/variables-view';
import { writeCheckpoint } from '../../../src/checkpoint/node';
import { api, extension, file, open, poll, positionOf } from './util';

async function tree(): Promise<TreeSnapshot[]> {
  const scopeLens = await api();
  await scopeLens.refreshVariables();
  return scopeLens.variablesTree();
}

describe('views and analysis commands', function () {
  this.timeout(60_000);

  before(async function () {
    const scopeLens = await api();
    if (!(await scopeLens.whenServerReady())) {
      throw new Error(`no language server answers (state ${scopeLens.serverState()})`);
    }
  });

  it("the Variables view shows the seed's scope, variable, shape and parameter counts", async () => {
    await open(file('python', 'reuse_after_error.py'));
    const items = await poll(async () => {
      const t = await tree();
      return t.length > 0 ? t : undefined;
    }, 'the Variables tree');
    assert.deepEqual(items, [
      { label: 'Total: 100 parameters', description: '1 variable' },
      {
        label: 'cur_scope',
        description: '100 params · 1 var',
        children: [{ label: 'my_var', description: '(100,) · 100' }],
      },
    ]);
  });

  it('the Variables view follows the active editor: nested scopes, totals, unknown dimensions', async () => {
    await open(file('python', 'collections_and_shapes.py'));
    const seed1 = await poll(async () => {
      const t = await tree();
      return t[0]?.label === 'Total: 18,496 parameters' ? t : undefined;
    }, 'the tree of collections_and_shapes.py');
    assert.deepEqual(seed1.slice(1), [
      { label: 'a', description: '(3, 3, 32, 64) · 18,432' },
      { label: 'b', description: '(64,) · 64' },
    ]);

    await open(file('python', 'siamese_towers.py'));
    const siamese = await poll(async () => {
      const t = await tree();
      return t.some((n) => n.label === 'siamese') ? t : undefined;
    }, 'the tree of siamese_towers.py');
    const labels = siamese.map((n) => n.label);
    assert.ok(labels.includes('encoder'), labels.join(', '));
    const s = siamese.find((n) => n.label === 'siamese')!;
    assert.deepEqual(
      s.children?.map((c) => [c.label, c.description]),
      [
        ['w', '(128, 64) · 8,192'],
        ['b', '(64,) · 64'],
      ],
    );
  });

  it('the Variables view of a model built with tf.layers: every layer variable, its shape and the parameter counts', async () => {
    const editor = await open(file('python', 'tf_layers_model.py'));
    const items = await poll(async () => {
      const t = await tree();
      return t.some((n) => n.label === 'classifier') ? t : undefined;
    }, 'the tree of tf_layers_model.py');
    const v = (label: string, description: string) => ({ label, description });
    assert.deepEqual(items, [
      { label: 'Total: 50,642 parameters', description: '9 variables' },
      {
        label: 'classifier',
        description: '50,642 params · 9 vars',
        children: [
          {
            label: 'conv',
            description: '72 params · 1 var',
            children: [v('kernel', '(3, 3, 1, 8) · 72')],
          },
          {
            label: 'bn',
            description: '32 params · 4 vars',
            children: [
              v('gamma', '(8,) · 8'),
              v('beta', '(8,) · 8'),
              v('moving_mean', '(8,) · 8'),
              v('moving_variance', '(8,) · 8'),
            ],
          },
          {
            label: 'fc',
            description: '50,208 params · 2 vars',
            children: [v('kernel', '(1568, 32) · 50,176'), v('bias', '(32,) · 32')],
          },
          {
            label: 'logits',
            description: '330 params · 2 vars',
            children: [v('kernel', '(32, 10) · 320'), v('bias', '(10,) · 10')],
          },
        ],
      },
    ]);
    // Export writes the same counts.
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-export-')), 'v.json');
    await vscode.commands.executeCommand('scopeLens.exportVariableNames', {
      format: 'json',
      target: vscode.Uri.file(out),
    });
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(json.source, editor.document.uri.fsPath);
    assert.equal(json.parameters, 50642);
    assert.equal(json.variables.length, 9);
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  });

  it('the Variables view updates when the document changes', async () => {
    const editor = await open(file('python', 'collections_and_shapes.py'));
    try {
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      await editor.edit((e) =>
        e.insert(end, '\nc = tf.get_variable("c", [10, 10], initializer=tf.zeros_initializer())\n'),
      );
      const scopeLens = await api();
      const t = await poll(() => {
        const now = scopeLens.variablesTree();
        return now.some((n) => n.label === 'c') ? now : undefined;
      }, 'the edit to reach the Variables view (no explicit refresh)');
      assert.equal(t[0].label, 'Total: 18,596 parameters');
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });

  it('scopeLens.revealVariables (the code lens command) selects the scope of a line', async () => {
    const editor = await open(file('python', 'reuse_after_error.py'));
    // Line 8 (0-based 7) enters variable_scope(scope_name).
    const ok = await vscode.commands.executeCommand<boolean>(
      'scopeLens.revealVariables',
      editor.document.uri.toString(),
      7,
    );
    assert.equal(ok, true);
  });

  it('Copy Full Variable Name copies the name of the get_variable call at the cursor', async () => {
    const editor = await open(file('python', 'reuse_after_error.py'));
    const at = positionOf(editor.document, 10, 'get_variable', 3);
    editor.selection = new vscode.Selection(at, at);
    const name = await vscode.commands.executeCommand<string>('scopeLens.copyVariableName');
    assert.equal(name, 'cur_scope/my_var:0');
    // The clipboard of a browser-based workbench may refuse reads in a headless browser; when it
    // answers, it holds the name.
    const clip = await Promise.resolve(vscode.env.clipboard.readText()).catch(() => '');
    if (clip) assert.equal(clip, 'cur_scope/my_var:0');
    // Off a call: nothing is copied.
    editor.selection = new vscode.Selection(0, 0, 0, 0);
    assert.equal(await vscode.commands.executeCommand('scopeLens.copyVariableName'), undefined);
  });

  it('Export Variable Names writes CSV to a new document and JSON to a file', async () => {
    const editor = await open(file('python', 'collections_and_shapes.py'));
    const untitled = await vscode.commands.executeCommand<vscode.Uri>(
      'scopeLens.exportVariableNames',
      { format: 'csv', target: 'untitled' },
    );
    assert.ok(untitled);
    const csv = (await vscode.workspace.openTextDocument(untitled)).getText();
    assert.equal(
      csv,
      'name,shape,dtype,parameters,file,line,certain\r\n' +
        'a:0,"(3, 3, 32, 64)",float32_ref,18432,,4,true\r\n' +
        'b:0,"(64,)",float32_ref,64,,5,true\r\n',
    );
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await vscode.window.showTextDocument(editor.document);
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-export-')), 'v.json');
    const written = await vscode.commands.executeCommand<vscode.Uri>(
      'scopeLens.exportVariableNames',
      { format: 'json', target: vscode.Uri.file(out) },
    );
    assert.equal(written?.fsPath, out);
    const json = JSON.parse(fs.readFileSync(out, 'utf8'));
    assert.equal(json.source, editor.document.uri.fsPath);
    assert.equal(json.parameters, 18496);
    assert.deepEqual(
      json.variables.map((v: { name: string; parameters: number }) => [v.name, v.parameters]),
      [
        ['a:0', 18432],
        ['b:0', 64],
      ],
    );
  });

  it('Compare with Checkpoint: diagnostics at the calls, and the keys no open file creates', async () => {
    // A diagnostic with a documentation link has its code as { value, target }.
    const codeOf = (d: vscode.Diagnostic) =>
      String(typeof d.code === 'object' ? d.code.value : d.code);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-'));
    writeCheckpoint(path.join(dir, 'model.ckpt-7'), [
      { name: 'siamese/w', dtype: 'float32', shape: [128, 32], values: new Float32Array(128 * 32) },
      { name: 'siamese/bias', dtype: 'float32', shape: [64], values: new Float32Array(64) },
      { name: 'head/out', dtype: 'float32', shape: [2], values: new Float32Array(2) },
    ]);
    const scopeLens = await api();
    const doc = (await open(file('python', 'siamese_towers.py'))).document;
    const chosen = await vscode.commands.executeCommand<string | null>(
      'scopeLens.compareWithCheckpoint',
      dir,
    );
    assert.match(String(chosen), /model\.ckpt-7$/);
    const found = await poll(() => {
      const codes = vscode.languages.getDiagnostics(doc.uri).map(codeOf);
      return codes.includes('SL-CKPT-MISMATCH') && codes.includes('SL-CKPT-MISSING')
        ? vscode.languages.getDiagnostics(doc.uri)
        : undefined;
    }, 'checkpoint diagnostics');
    const mismatch = found.find((d) => codeOf(d) === 'SL-CKPT-MISMATCH');
    assert.match(String(mismatch?.message), /stores siamese\/w as \[128, 32\] float32/);
    const missing = found.find(
      (d) => codeOf(d) === 'SL-CKPT-MISSING' && /siamese\/b is not/.test(d.message),
    );
    assert.match(String(missing?.message), /the closest key is siamese\/bias/);
    const view = await scopeLens.checkpointKeys();
    assert.deepEqual(
      view.keys.map((k) => k.name),
      ['head/out', 'siamese/bias'],
    );
    // Back to the setting (none): the diagnostics go.
    await vscode.commands.executeCommand('scopeLens.compareWithCheckpoint', null);
    await poll(
      () =>
        vscode.languages.getDiagnostics(doc.uri).some((d) => codeOf(d).startsWith('SL-CKPT'))
          ? undefined
          : true,
      'checkpoint diagnostics to go',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('every contributed command is registered and runs', async () => {
    const manifest = extension().packageJSON as {
      contributes: { commands: { command: string }[] };
    };
    const registered = new Set(await vscode.commands.getCommands(true));
    const editor = await open(file('python', 'reuse_after_error.py'));
    const at = positionOf(editor.document, 10, 'get_variable', 3);
    editor.selection = new vscode.Selection(at, at);
    // Arguments that avoid pickers and dialogs (a person gets those).
    const args: Record<string, unknown[]> = {
      'scopeLens.exportVariableNames': [{ format: 'json', target: 'untitled' }],
      'scopeLens.revealVariables': [editor.document.uri.toString(), 7],
      'scopeLens.compareWithCheckpoint': [null],
    };
    const ran: string[] = [];
    for (const { command } of manifest.contributes.commands) {
      assert.ok(registered.has(command), `${command} is contributed but not registered`);
      if (command === 'scopeLens.runSelection' || command === 'scopeLens.exportVariableNames') {
        // Both change the active editor; re-select the seed first.
        await vscode.window.showTextDocument(editor.document);
        editor.selection = new vscode.Selection(at, at);
      }
      await vscode.commands.executeCommand(command, ...(args[command] ?? []));
      ran.push(command);
    }
    assert.equal(ran.length, manifest.contributes.commands.length);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
