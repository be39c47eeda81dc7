/**
 * examples/python/transformer.py (a GPT-style model that imports numpy) through the runtime, as
 * TensorFlow runs it: the file itself prints nothing and exits 0, and test/runtime/transformer/
 * forward.py, which imports it and runs a forward pass on a numpy batch, prints what real
 * TensorFlow printed (recorded with TF 2.21's compat.v1 graph mode and NumPy 1.x printing,
 * which agree with TF 1.15 here: names, shapes, dtypes).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');

describe('runtime: examples/python/transformer.py runs as in TensorFlow', function () {
  this.timeout(180_000);
  const runner = new Runner();
  after(() => runner.dispose());

  it('scope-lens run examples/python/transformer.py: no output, exit 0', () => {
    const r = spawnSync('node', [cli, 'run', 'examples/python/transformer.py'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '');
    assert.equal(r.status, 0);
  });

  it('a forward pass of the imported model prints what TensorFlow printed', async () => {
    const file = path.join(root, 'test', 'runtime', 'transformer', 'forward.py');
    let stdout = '';
    let stderr = '';
    const result = await runner.run(
      { language: 'python', code: fs.readFileSync(file, 'utf8'), filename: file, cwd: root },
      { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
    );
    const expected = fs.readFileSync(file.replace(/\.py$/, '.expected'), 'utf8');
    assert.equal(stdout, expected, stderr);
    assert.equal(result.exitCode, 0, stderr);
  });
});
