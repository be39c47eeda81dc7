/**
 * The Python runtime reading and restoring the real checkpoints of the reference material: each
 * program of test/shared/checkpoint-programs runs through the real runner in a fresh temporary
 * working directory, with the reference checkpoints linked there as ./testdata, and prints
 * exactly its `.expected` file (TF 1.15's output). test/runtime/checkpoints.test.ts runs the
 * programs that need only the repository.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';
import { CHECKPOINTS } from './checkpoint-helpers';

const DIR = path.join(projectRoot(), 'test', 'shared', 'checkpoint-programs');

describe('runtime: the real checkpoints in the Python runtime, as TF 1.15', function () {
  this.timeout(120_000);
  const runner = new Runner();
  const made: string[] = [];
  after(() => {
    runner.dispose();
    for (const d of made) fs.rmSync(d, { recursive: true, force: true });
  });

  const programs = fs
    .readdirSync(DIR)
    .filter(
      (f) => f.endsWith('.py') && fs.existsSync(path.join(DIR, f.replace(/\.py$/, '.expected'))),
    )
    .sort();
  it('has programs', () => assert.ok(programs.includes('real_checkpoints.py'), programs.join()));

  for (const file of programs) {
    const name = file.replace(/\.py$/, '');
    it(name, async () => {
      const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-shared-'));
      made.push(cwd);
      fs.symlinkSync(CHECKPOINTS, path.join(cwd, 'testdata'));
      const filename = path.join(DIR, file);
      let stdout = '';
      let stderr = '';
      const result = await runner.run(
        { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      assert.equal(stdout, fs.readFileSync(path.join(DIR, `${name}.expected`), 'utf8'), stderr);
      assert.equal(result.exitCode, 0, stderr);
      // Nothing is written next to the program: paths are relative to its working directory.
      assert.deepEqual(
        fs.readdirSync(DIR).filter((f) => !/\.(py|expected)$/.test(f)),
        [],
      );
    });
  }
});
