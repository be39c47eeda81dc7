/**
 * Python programs through the real runner (worker thread, Pyodide, the `tensorflow` package on
 * the engine): each prints exactly its `.expected` file (stdout only; stderr is not pinned).
 *
 * - The conformance corpus in ../shared/conformance: TF 1.15's recorded output.
 * - test/runtime/programs: the runtime's own programs (imports, op names, sessions, errors).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();
const SUITES: Array<[string, string]> = [
  ['conformance corpus (TF 1.15 output)', path.join(root, '..', 'shared', 'conformance')],
  ['runtime programs', path.join(root, 'test', 'runtime', 'programs')],
];

describe('runtime: Python programs print what TensorFlow 1.15 prints', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  for (const [title, dir] of SUITES) {
    describe(title, () => {
      const programs = fs
        .readdirSync(dir)
        .filter(
          (f) =>
            f.endsWith('.py') && fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))),
        )
        .sort();
      it('has programs', () => assert.ok(programs.length > 0, `no programs in ${dir}`));
      for (const file of programs) {
        it(file.replace(/\.py$/, ''), async () => {
          const filename = path.join(dir, file);
          let stdout = '';
          let stderr = '';
          const result = await runner.run(
            { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd: dir },
            { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
          );
          const expected = fs.readFileSync(filename.replace(/\.py$/, '.expected'), 'utf8');
          assert.equal(stdout, expected, `stderr:\n${stderr}`);
          assert.equal(result.exitCode, 0, stderr);
        });
      }
    });
  }
});
