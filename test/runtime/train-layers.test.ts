/**
 * The runtime's variables, global step, optimizers, moving averages and RNN cells against real
 * TensorFlow: every program in test/runtime/train-layers prints exactly its `.expected` file,
 * recorded with real TensorFlow by scripts/oracle/train/record.py (stdout only).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const dir = path.join(projectRoot(), 'test', 'runtime', 'train-layers');

describe('runtime: tf.Variable, tf.train optimizers and EMA, RNN cells (recorded from TF)', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  const programs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.py'))
    .sort();
  it('every program has its recorded output', () => {
    assert.ok(programs.length > 0, `no programs in ${dir}`);
    for (const f of programs)
      assert.ok(fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))), f);
  });
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
