/**
 * The layer-library conformance corpus (../shared/conformance-layers): every program runs through
 * the real runner (worker thread, Pyodide, the `tensorflow` package with its `_lib` layer
 * libraries) and must print exactly TF 1.15's recorded stdout.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { sharedDir } from '../support';

describe('runtime: the layer-library corpus prints what TensorFlow 1.15 prints', function () {
  this.timeout(120_000);
  const dir = sharedDir('conformance-layers');
  const runner = new Runner();
  after(() => runner.dispose());

  const programs = fs
    .readdirSync(dir)
    .filter(
      (f) => f.endsWith('.py') && fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))),
    )
    .sort();
  it('has programs', () => assert.ok(programs.length > 0, `no programs in ${dir}`));

  for (const file of programs) {
    const name = file.replace(/\.py$/, '');
    it(name, async () => {
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
