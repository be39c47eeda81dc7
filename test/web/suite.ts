/**
 * The web extension's tests, run inside VS Code's web-worker extension host (no Node) by
 * test/editor/run-web.ts through @vscode/test-web, against test/web/workspace with
 * examples/checkpoint as classifier/ (mounted as `vscode-test-web://mount/`). run-web.ts bundles
 * this file into one CommonJS module whose `run()` rejects when a test fails; each result is
 * logged as a line the runner prints.
 */
import * as vscode from 'vscode';
import type { ScopeLensApi } from '../../src/extension/activate';

type Test = { name: string; fn: () => Promise<void> };
const tests: Test[] = [];
const test = (name: string, fn: () => Promise<void>) => tests.push({ name, fn });

function check(ok: unknown, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

async function poll<T>(
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function fileUri(...parts: string[]): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the web suite needs a workspace folder');
  return vscode.Uri.joinPath(folder.uri, ...parts);
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(doc, { preview: false });
}

/** The text of the hovers at the first `needle` on a 1-based line. */
async function hoverText(doc: vscode.TextDocument, line: number, needle: string): Promise<string> {
  const col = doc.lineAt(line - 1).text.indexOf(needle);
  check(col >= 0, `"${needle}" is not on line ${line}`);
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    doc.uri,
    new vscode.Position(line - 1, col + 1),
  );
  return (hovers ?? [])
    .flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)))
    .join('\n');
}

function flatten(nodes: ReturnType<ScopeLensApi['variablesTree']>): string[] {
  return nodes.flatMap((n) => [n.label, ...flatten(n.children ?? [])]);
}

let api: ScopeLensApi;

test('the extension runs in the web-worker host and its server starts', async () => {
  const scope = (globalThis as { constructor?: { name?: string } }).constructor?.name;
  check(scope === 'DedicatedWorkerGlobalScope', `the extension host is ${scope}`);
  check(typeof (globalThis as { process?: unknown }).process === 'undefined', 'Node is present');
  const ext = vscode.extensions.getExtension<ScopeLensApi>('scope-lens.scope-lens');
  check(ext, 'scope-lens.scope-lens is not loaded');
  api = ext.isActive ? ext.exports : await ext.activate();
  check(await api.whenServerReady(), `the server did not start: ${api.serverState()}`);
});

test('a variable created twice is an error diagnostic with TF 1.15 text', async () => {
  const { document } = await open(fileUri('towers.py'));
  const diagnostics = await poll(() => {
    const d = vscode.languages.getDiagnostics(document.uri);
    return d.length > 0 && d;
  }, 'diagnostics on towers.py');
  const exists = diagnostics.find((d) =>
    d.message.startsWith('Variable encoder/w already exists, disallowed.'),
  );
  check(
    exists,
    `no "already exists" error among: ${diagnostics.map((d) => d.message).join(' | ')}`,
  );
  check(exists.severity === vscode.DiagnosticSeverity.Error, 'not an error');
});

test('hover shows the full names of a call shared through reuse_variables', async () => {
  const document = (await open(fileUri('towers.py'))).document;
  const text = await poll(async () => {
    const t = await hoverText(document, 5, 'get_variable');
    return t.includes('siamese/w:0') && t;
  }, 'a hover naming siamese/w:0');
  check(text.includes('encoder/w:0'), `the hover does not name encoder/w:0:\n${text}`);
});

test("imports of the workspace's own modules are read through workspace.fs", async () => {
  await open(fileUri('train.py'));
  const names = await poll(async () => {
    await api.refreshVariables();
    const all = flatten(api.variablesTree());
    return all.some((l) => l.includes('kernel')) && all;
  }, 'the Variables view of train.py');
  const tree = JSON.stringify(api.variablesTree());
  check(tree.includes('net') && tree.includes('block'), `the tree lacks net/block: ${tree}`);
  check(names.length > 0, 'empty tree');
});

test('TypeScript files are analysed (the compiler loads in the worker on first use)', async () => {
  const { document } = await open(fileUri('engine.ts'));
  const diagnostics = await poll(() => {
    const d = vscode.languages.getDiagnostics(document.uri);
    return d.length > 0 && d;
  }, 'diagnostics on engine.ts');
  check(
    diagnostics.some((d) => d.message.startsWith('Variable layer1/w already exists, disallowed.')),
    `no "already exists" error among: ${diagnostics.map((d) => d.message).join(' | ')}`,
  );
});

test('Compare with Checkpoint reads a checkpoint of the workspace through workspace.fs', async () => {
  const prefix = await vscode.commands.executeCommand<string | null>(
    'scopeLens.compareWithCheckpoint',
    fileUri('classifier', 'train_dir'),
  );
  check(prefix?.endsWith('/classifier/train_dir/model.ckpt-1'), `chose ${prefix}`);
  const { document } = await open(fileUri('classifier', 'model_renamed.py'));
  const diagnostics = await poll(() => {
    const d = vscode.languages.getDiagnostics(document.uri);
    return (
      d.some(
        (x) => String(typeof x.code === 'object' ? x.code.value : x.code) === 'SL-CKPT-MISSING',
      ) && d
    );
  }, 'checkpoint diagnostics on model_renamed.py');
  check(
    diagnostics.some((d) => d.message.includes('logits/weights')),
    diagnostics.map((d) => d.message).join(' | '),
  );
  const keys = await api.checkpointKeys();
  check(
    keys.keys.some((k) => JSON.stringify(k).includes('softmax_linear/weights')),
    `the Checkpoint Keys view: ${JSON.stringify(keys)}`,
  );
  await vscode.commands.executeCommand('scopeLens.compareWithCheckpoint', null);
});

interface RunSummary {
  status: string;
  file?: string;
  error?: { type: string; message: string; line?: number };
  variables?: string[];
}

/** Runs the file with Run File and returns its summary and what it printed. */
async function runFile(uri: vscode.Uri): Promise<{ summary: RunSummary; printed: string }> {
  await open(uri);
  const before = api.outputText().length;
  const summary = await vscode.commands.executeCommand<RunSummary>('scopeLens.runFile');
  check(summary, 'Run File returned nothing');
  // The output between the run's header line and its result line.
  const text = api.outputText().slice(before);
  const start = text.indexOf('\n', text.indexOf('▶ Run File:')) + 1;
  const result = /^[✓✗■] /m.exec(text.slice(start));
  return { summary, printed: text.slice(start, result ? start + result.index : undefined) };
}

async function textOf(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Programs whose output TF 1.15 recorded (test/runtime/*, copied in by run-web.ts). */
for (const [folder, name] of [
  ['layers', 'layers_values'],
  ['transformer', 'forward'],
] as const) {
  test(`Run File of ${folder}/${name}.py prints what TensorFlow printed`, async () => {
    const { summary, printed } = await runFile(fileUri('recorded', folder, `${name}.py`));
    check(
      api.outputText().includes('Scope Lens runs Python programs here in a web worker'),
      'note',
    );
    check(summary.status === 'ok', `the run ended ${JSON.stringify(summary)}:\n${printed}`);
    check(summary.file === `/recorded/${folder}/${name}.py`, `the file is ${summary.file}`);
    const expected = await textOf(fileUri('recorded', folder, `${name}.expected`));
    if (printed !== expected) {
      const a = printed.split('\n');
      const b = expected.split('\n');
      const k = a.findIndex((line, n) => line !== b[n]);
      throw new Error(`line ${k + 1} differs:\n  printed:  ${a[k]}\n  expected: ${b[k]}`);
    }
  });
}

test('a run sees the workspace as CPython does, and what it writes is saved there', async () => {
  const { summary, printed } = await runFile(fileUri('saver.py'));
  check(summary.status === 'ok', `the run ended ${JSON.stringify(summary)}:\n${printed}`);
  check(printed.includes("cwd / argv ['/saver.py'] mtime True"), printed);
  // Saver.save wrote a checkpoint into the workspace through workspace.fs.
  const index = await vscode.workspace.fs.stat(fileUri('saved', 'model.ckpt-3.index'));
  check(index.size > 0, 'the checkpoint index is empty');
  check(
    (await textOf(fileUri('saved', 'checkpoint'))).includes(
      'model_checkpoint_path: "model.ckpt-3"',
    ),
    'the checkpoint state file',
  );
  check((await textOf(fileUri('saved', 'note.txt'))) === 'trained\n', 'note.txt');
  // The next run reads what the last one saved (and the workspace's own files).
  const again = await runFile(fileUri('restore.py'));
  check(again.summary.status === 'ok', `${JSON.stringify(again.summary)}:\n${again.printed}`);
  check(again.printed.includes('restored model/dense/kernel:0 (4, 2) 8.0'), again.printed);
  const names = api.runResults().results;
  check(JSON.stringify(names).includes('model/dense/kernel:0'), JSON.stringify(names));
});

test('an error in a run is the traceback TF prints and a diagnostic on its line', async () => {
  const { summary, printed } = await runFile(fileUri('towers.py'));
  check(summary.status === 'error', JSON.stringify(summary));
  check(
    summary.error?.message.startsWith('Variable encoder/w already exists, disallowed.') === true,
    JSON.stringify(summary.error),
  );
  check(printed.includes('File "/towers.py", line'), printed);
  const doc = await vscode.workspace.openTextDocument(fileUri('towers.py'));
  const marked = vscode.languages
    .getDiagnostics(doc.uri)
    .find((d) => d.source === 'Scope Lens (run)');
  check(marked?.range.start.line === (summary.error?.line ?? 0) - 1, 'the run error diagnostic');
});

test('a program that never ends is stopped at the timeout; the next run works', async () => {
  const config = vscode.workspace.getConfiguration('scopeLens');
  await config.update('run.timeout', 3, vscode.ConfigurationTarget.Global);
  try {
    const { summary } = await runFile(fileUri('forever.py'));
    check(summary.status === 'timeout', JSON.stringify(summary));
  } finally {
    await config.update('run.timeout', undefined, vscode.ConfigurationTarget.Global);
  }
  const { summary, printed } = await runFile(fileUri('hello.py'));
  check(
    summary.status === 'ok' && printed === 'hello 6\n',
    `${JSON.stringify(summary)} ${printed}`,
  );
});

test('Run Selection runs the selected lines after the imports, with their line numbers', async () => {
  const editor = await open(fileUri('hello.py'));
  editor.selection = new vscode.Selection(2, 0, 2, 40);
  const before = api.outputText().length;
  const summary = await vscode.commands.executeCommand<RunSummary>('scopeLens.runSelection');
  check(summary?.status === 'ok', JSON.stringify(summary));
  const text = api.outputText().slice(before);
  check(
    /▶ Run Selection: \/hello\.py \(from line 3, after the file.s imports\)[^\n]*\nhello 6\n/.test(
      text,
    ),
    text,
  );
});

test('TypeScript programs are refused with the reason', async () => {
  await open(fileUri('engine.ts'));
  const summary = await vscode.commands.executeCommand<{ status: string }>('scopeLens.runFile');
  check(summary?.status === 'unsupported', `Run File returned ${JSON.stringify(summary)}`);
});

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const t of tests) {
    const started = Date.now();
    try {
      await t.fn();
      console.log(`[web-suite] ok ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failures.push(t.name);
      console.log(`[web-suite] FAIL ${t.name}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  console.log(`[web-suite] ${tests.length - failures.length} passed, ${failures.length} failed`);
  if (failures.length) throw new Error(`${failures.length} web test(s) failed`);
}
