/**
 * Scope Lens's numpy (src/runtime/python/numpy) against real NumPy 1.26.4: each program of
 * test/runtime/numpy-programs prints byte for byte what NumPy printed (recorded by
 * scripts/numpy/record.py), through the real runner (one worker, one Pyodide for all).
 * And docs/runtime-numpy.md lists exactly the names the runtime's numpy provides.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeRuntimePrograms, runProgram } from '../conformance/suites';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();

describeRuntimePrograms("runtime: Scope Lens's numpy prints what NumPy 1.x prints", [
  ['numpy programs (NumPy 1.26.4 output)', path.join(root, 'test', 'runtime', 'numpy-programs')],
]);

/** The backquoted names after `label` in the generated list of the doc page. */
function documented(doc: string, label: string): string[] {
  const line = doc.split('\n').find((l) => l.startsWith(label));
  assert.ok(line, `no line starting with ${label} in docs/runtime-numpy.md`);
  return [...line.slice(label.length).matchAll(/`([^`]+)`/g)].map((m) => m[1]);
}

describe("runtime: docs/runtime-numpy.md lists Scope Lens's numpy", function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  it('names every public name of numpy and numpy.random, and no other', async () => {
    const doc = fs.readFileSync(path.join(root, 'docs', 'runtime-numpy.md'), 'utf8');
    const code = [
      'import numpy',
      "print(' '.join(sorted(n for n in vars(numpy) if not n.startswith('_') and n != 'random')))",
      "print(' '.join(sorted(n for n in vars(numpy.random) if not n.startswith('_'))))",
    ].join('\n');
    const { stdout, stderr } = await runProgram(runner, path.join(root, 'names.py'), code);
    const [top, rnd] = stdout.trim().split('\n');
    assert.deepEqual(documented(doc, '`numpy.`: '), top.split(' '), stderr);
    assert.deepEqual(documented(doc, '`numpy.random.`: '), rnd.split(' '), stderr);
  });

  it('starts each run with the default print options: a program does not change the next one', async () => {
    const file = path.join(root, 'options.py');
    const setting =
      'import numpy as np\nnp.set_printoptions(precision=2)\nprint(np.array([1 / 3]))';
    const first = await runProgram(runner, file, setting);
    assert.equal(first.stdout, '[0.33]\n', first.stderr);
    const next = await runProgram(runner, file, 'import numpy as np\nprint(np.array([1 / 3]))');
    assert.equal(next.stdout, '[0.33333333]\n', next.stderr);
  });
});
