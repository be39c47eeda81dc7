/**
 * Where an absolute import is looked for: the importing file's folder, then the analysed
 * script's folder (Python's `sys.path[0]`), then the roots.
 */
import { strict as assert } from 'node:assert';
import { analyze } from '../../src/analyzer/analyze';

describe('analyzer: absolute imports from the script folder', () => {
  it("a package's __init__ importing its own submodule by absolute name finds it", () => {
    const files: Record<string, string> = {
      '/w/app/spaces_pkg/__init__.py': 'from spaces_pkg import shapes\n',
      '/w/app/spaces_pkg/shapes.py': 'WIDTH = 7\n',
    };
    const a = analyze(
      [
        'import tensorflow as tf',
        'import spaces_pkg',
        'tf.get_variable("w", [spaces_pkg.shapes.WIDTH])',
      ].join('\n'),
      { path: '/w/app/main.py', roots: ['/w'], readFile: (p) => files[p] },
    );
    assert.deepEqual(
      a.variables.map((v) => [v.name, v.shape]),
      [['w:0', '(7,)']],
    );
  });
});
