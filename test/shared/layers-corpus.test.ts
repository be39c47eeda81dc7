/**
 * The layer-library conformance corpus (../shared/conformance-layers): every program runs through
 * the real runner (worker thread, Pyodide, the `tensorflow` package with its `_lib` layer
 * libraries) and must print exactly TF 1.15's recorded stdout.
 *
 * Programs of families not built yet are listed in EXPECTED_LATER with the reason; they are run
 * too and must still differ, so the list is pruned the moment they start to pass.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { sharedDir } from '../support';

// Programs of families not built yet, with the reason; empty since layers-train added RNN cells,
// optimizers' slots and moving averages.
const EXPECTED_LATER: Record<string, string> = {};

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
    const later = EXPECTED_LATER[name];
    it(later ? `${name} (expected later: ${later})` : name, async () => {
      const filename = path.join(dir, file);
      let stdout = '';
      let stderr = '';
      const result = await runner.run(
        { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd: dir },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      const expected = fs.readFileSync(filename.replace(/\.py$/, '.expected'), 'utf8');
      if (later) {
        assert.ok(
          stdout !== expected || result.exitCode !== 0,
          `${name} now passes: remove it from EXPECTED_LATER`,
        );
        return;
      }
      assert.equal(stdout, expected, `stderr:\n${stderr}`);
      assert.equal(result.exitCode, 0, stderr);
    });
  }
});
