/**
 * "Originally defined at:" in what a run prints: TF's message is followed by the frames of the
 * call that created the variable, each with its code as Python's traceback module writes it, in
 * Python and TypeScript programs alike; and the Run output's closing line (the editor's) shows
 * those frames after TF's first line, with where the error was raised on a line of its own, never
 * glued to "Originally defined at:".
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { summaryLine } from '../../src/extension/model/run-summary';
import { Runner, type RunRequest, type RunResult } from '../../src/runtime/runner';

const FIRST =
  'Variable model/w already exists, disallowed. Did you mean to set reuse=True or reuse=tf.AUTO_REUSE in VarScope? Originally defined at:';

describe('runtime: "Originally defined at:" reads as TF prints it', function () {
  this.timeout(60_000);
  let runner: Runner;
  let dir: string;

  before(() => {
    runner = new Runner();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-odat-'));
  });

  after(async () => {
    await runner.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  async function run(
    language: RunRequest['language'],
    name: string,
    code: string,
  ): Promise<{ file: string; result: RunResult; stderr: string }> {
    const file = path.join(dir, name);
    fs.writeFileSync(file, code);
    let stderr = '';
    const result = await runner.run(
      { language, code, filename: file },
      { onStdout: () => {}, onStderr: (s) => (stderr += s) },
    );
    return { file, result, stderr };
  }

  it('Python: the creating frames with their code; the first line unchanged', async () => {
    const { file, result } = await run(
      'python',
      'twice.py',
      [
        'import tensorflow as tf',
        '',
        'def build():',
        '    with tf.variable_scope("model"):',
        '        return tf.get_variable("w", [3])',
        '',
        'build()',
        'try:',
        '    build()',
        'except ValueError as e:',
        '    print(str(e).split("\\n")[0])',
        'build()',
      ].join('\n'),
    );
    const err = result.error;
    assert.equal(err?.type, 'ValueError');
    const message = err?.message ?? '';
    assert.equal(
      message,
      `${FIRST}\n\n  File "${file}", line 5, in build\n    return tf.get_variable("w", [3])\n` +
        `  File "${file}", line 7, in <module>\n    build()\n`,
    );
    const where = `${err?.file}:${err?.line}:${err?.column ?? 1}`;
    assert.equal(err?.line, 5);
    assert.equal(
      summaryLine(err?.type ?? '', message, where),
      [
        `✗ ValueError: ${FIRST}`,
        '',
        `  File "${file}", line 5, in build`,
        '    return tf.get_variable("w", [3])',
        `  File "${file}", line 7, in <module>`,
        '    build()',
        '',
        `  raised at ${where}`,
      ].join('\n'),
    );
  });

  it('TypeScript: the frames carry the line of code too', async () => {
    const { file, result, stderr } = await run(
      'typescript',
      'twice.ts',
      [
        "import { variableScope, getVariable } from 'scope-lens';",
        '',
        'function build() {',
        "  return variableScope('model', () => getVariable('w', { shape: [3] }));",
        '}',
        'build();',
        'build();',
      ].join('\n'),
    );
    assert.equal(result.error?.type, 'ValueError');
    const code = "    return variableScope('model', () => getVariable('w', { shape: [3] }));";
    assert.ok(
      stderr.includes(
        `${FIRST}\n\n  File "${file}", line 4, in <anonymous>\n${code}\n  File "${file}", line 4, in build\n${code}\n  File "${file}", line 6, in <module>\n    build();\n`,
      ),
      stderr,
    );
  });

  it('other errors keep one line, with where they were raised after the message', () => {
    assert.equal(
      summaryLine('NameError', "name 'x' is not defined", '/p/a.py:3:1'),
      "✗ NameError: name 'x' is not defined at /p/a.py:3:1",
    );
    assert.equal(summaryLine('Error', 'boom', ''), '✗ Error: boom');
    // TF's message without a captured traceback (a library run without call sites).
    assert.equal(
      summaryLine('ValueError', FIRST, '/p/a.ts:2:3'),
      `✗ ValueError: ${FIRST}\n  raised at /p/a.ts:2:3`,
    );
  });
});
