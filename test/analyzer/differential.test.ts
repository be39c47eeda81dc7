/**
 * Static against dynamic: each program runs through the real Python runtime (which records every
 * `get_variable` outcome) and through the analyzer; the two lists of events must be equal. A
 * disagreement is a bug in one of them. Programs: the conformance corpus and the runtime's own
 * programs (test/runtime/programs), all of whose control flow is known statically.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();
const DIRS = [
  path.join(root, '..', 'shared', 'conformance'),
  path.join(root, 'test', 'runtime', 'programs'),
];
const MARK = '@@scope-lens-events@@';
// Appended after the program (so its line numbers are unchanged): prints the recorded events.
const TRAILER = `\nimport json as _j, sys as _s, tensorflow as _t\n_s.__stdout__.write("${MARK}" + _j.dumps(_t._variable_scope.EVENTS) + "\\n")\n`;

function norm(e: Record<string, unknown>) {
  return { line: e.line, name: e.name, key: e.key, action: e.action, error: e.error };
}

describe('analyzer: static predictions equal what the Python runtime does', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());

  for (const dir of DIRS) {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.py'))
      .sort();
    for (const file of files) {
      it(`${path.basename(dir)}/${file}`, async () => {
        const filename = path.join(dir, file);
        const source = fs.readFileSync(filename, 'utf8');
        let stdout = '';
        let stderr = '';
        const result = await runner.run(
          { language: 'python', code: source + TRAILER, filename, cwd: dir },
          { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
        );
        const line = stdout.split('\n').find((l) => l.startsWith(MARK));
        assert.ok(line, `no events printed (exit ${result.exitCode}):\n${stderr}`);
        const dynamic = (JSON.parse(line.slice(MARK.length)) as Record<string, unknown>[]).map(
          norm,
        );
        const predicted = analyzePython(source).events.map((e) => norm({ ...e }));
        assert.deepEqual(predicted, dynamic);
      });
    }
  }
});
