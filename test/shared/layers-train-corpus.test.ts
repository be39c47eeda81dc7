/**
 * The RNN, tf.Variable, optimizer and moving-average programs of the layer-library corpus
 * (../shared/conformance-layers, numbers 039 to 061): each runs through the real runner and must
 * print exactly TF 1.15's recorded stdout.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { sharedDir } from '../support';

const FIRST = 39;
const LAST = 61;

describe('runtime: RNN cells, tf.Variable, optimizers and EMA print what TF 1.15 prints', function () {
  this.timeout(120_000);
  const dir = sharedDir('conformance-layers');
  const runner = new Runner();
  after(() => runner.dispose());

  const programs = fs
    .readdirSync(dir)
    .filter((f) => {
      const n = Number(/^(\d+)_.*\.py$/.exec(f)?.[1] ?? NaN);
      return n >= FIRST && n <= LAST;
    })
    .sort();
  it('has the programs and their recorded output', () => {
    assert.ok(programs.length > 0, `no programs ${FIRST}-${LAST} in ${dir}`);
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
