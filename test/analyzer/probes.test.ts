/**
 * Ifs and loops on what the analyzer cannot know run on one path when their bodies only do
 * bookkeeping (a probe: interpreter.ts `tryBoth`/`tryOnce`), and fork whenever a body could make
 * an outcome. Counted in paths, which are deterministic.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analyzer/analyze';
import { projectRoot } from '../support';

const CASES = path.join(projectRoot(), 'test', 'analyzer', 'fixtures', 'cases');

function paths(file: string): number {
  const source = fs.readFileSync(path.join(CASES, file), 'utf8');
  const result = analyze(source, { path: file });
  assert.ok(result.exhaustive, `${file} is explored whole`);
  return result.paths;
}

describe('analyzer: bookkeeping branches do not fork, others do', () => {
  it('bookkeeping ifs and loops take one path', () => {
    assert.equal(paths('branches_bookkeeping.py'), 1);
  });

  it('each if whose branch calls code, a TF API, an op or a TF context forks', () => {
    // Four such ifs, one after the other: every combination is a path.
    assert.equal(paths('branches_probe_gives_up.py'), 16);
  });

  it('a probe that gives up leaves nothing behind', () => {
    const source = [
      'import sys',
      'import tensorflow as tf',
      'class C(object):',
      '    pass',
      'c = C()',
      'c.n = 1',
      'log = []',
      'def build():',
      '    return tf.get_variable("b", [1])',
      'if len(sys.argv) > 1:',
      '    c.n = 2',
      '    log.append("x")',
      '    build()',
      'tf.get_variable("v%d" % (c.n + len(log)), [1])',
      '',
    ].join('\n');
    const result = analyze(source, { path: 'p.py' });
    // The branch ran on its own path only: v3 with it, v1 without (never a mixed v2).
    const names = result.variables.map((v) => v.name).sort();
    assert.deepEqual(names, ['b:0', 'v1:0', 'v3:0']);
  });
});
