/**
 * Programs that misbehave, run from the editor: a tensor too large for memory ends as TF's
 * ResourceExhaustedError in the program (the runtime stays usable, the Run results view lists
 * the variables), a missing API is a NotImplementedError naming it, and the output shows the
 * user's frames, never the tensorflow module's internals.
 */
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import type { RunSummary } from '../../../src/extension/run';
import { api, file, open, poll } from './util';

async function runFile(): Promise<{ summary: RunSummary; text: string }> {
  const scopeLens = await api();
  const before = scopeLens.outputText().length;
  const summary = (await vscode.commands.executeCommand<RunSummary>('scopeLens.runFile'))!;
  return { summary, text: scopeLens.outputText().slice(before) };
}

const OOM =
  'OOM when allocating tensor with shape[100000,100000] and type float on ' +
  '/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu';

describe('programs that misbehave', function () {
  this.timeout(180_000);

  it("a 40 GB variable: Run File reports TF's OOM at the initializer's line; the runtime stays usable", async () => {
    const scopeLens = await api();
    await open(file('python', 'robust_oom.py'));
    const { summary, text } = await runFile();
    assert.equal(summary.status, 'error', text);
    assert.equal(summary.error?.type, 'ResourceExhaustedError');
    assert.equal(summary.error?.message, OOM);
    assert.equal(summary.error?.line, 6);
    assert.ok(
      text.includes(`tensorflow.python.framework.errors_impl.ResourceExhaustedError: ${OOM}\n`),
      text,
    );
    assert.ok(!/python[\\/]tensorflow|_engine\.py|translate\(e\)/.test(text), text);
    assert.deepEqual(summary.variables, ['big:0', 'small:0']);

    await vscode.commands.executeCommand('scopeLens.showRunResults');
    await poll(() => scopeLens.runResults().resolved, 'the Run results webview to open');
    await poll(
      () => scopeLens.runResults().results.run?.label === 'robust_oom.py',
      'the view to show this run',
    );
    const { results } = scopeLens.runResults();
    assert.equal(results.run?.status, 'error');
    assert.deepEqual(
      results.rows.map((r) => [r.name, r.shape, r.parameters]),
      [
        ['big:0', '(100000, 100000)', 1e10],
        ['small:0', '(3,)', 3],
      ],
    );

    // The same runtime runs the next program.
    await open(file('python', 'robust_missing.py'));
    const next = await runFile();
    assert.equal(next.summary.status, 'error', next.text);
    assert.equal(next.summary.error?.type, 'NotImplementedError');
    assert.equal(
      next.summary.error?.message,
      "Scope Lens's tensorflow module does not implement tf.contrib.foo (TensorFlow 1.15 API).",
    );
    assert.equal(next.summary.error?.line, 4);
    const frames = next.text.match(/^ {2}File .*$/gm) ?? [];
    assert.equal(frames.length, 1, next.text);
    assert.match(frames[0], /robust_missing\.py", line 4, in <module>$/);
  });
});
