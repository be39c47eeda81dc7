/**
 * SL-SYNTAX: real syntax errors are reported where they are; valid code never is (lezer's
 * false errors on valid Python are neutralised: python/syntax-errors.ts). The corpus check runs
 * over every valid Python file this repository holds.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, analyzePython } from '../../src/analyzer/analyze';
import { projectRoot } from '../support';

const root = projectRoot();

function syntax(source: string, file = '/t/a.py'): string[] {
  return analyze(source, { path: file })
    .diagnostics.filter((d) => d.code === 'SL-SYNTAX')
    .map((d) => `${d.start.line}:${d.start.column} ${d.message.replace(/ \(the rest.*\)$/, '')}`);
}

/** Files written with deliberate syntax errors (tests of recovery). */
const DELIBERATE = new Set([
  'test/analyzer/fixtures/lower/recovery.py',
  'test/runtime/fixtures/syntax_error.py',
  'test/editor/workspace/python/inputs_syntax_error.py',
]);

function pythonFiles(dir: string, out: string[] = []): string[] {
  for (const name of fs.readdirSync(dir)) {
    const p = path.join(dir, name);
    if (name === 'node_modules' || name.startsWith('.')) continue;
    if (fs.statSync(p).isDirectory()) pythonFiles(p, out);
    else if (name.endsWith('.py')) out.push(p);
  }
  return out;
}

describe('analyzer: syntax errors (SL-SYNTAX)', () => {
  it('reports real errors where they are, with the recovery noted', () => {
    assert.deepEqual(syntax('x = f(1, 2\ny = 3\n'), ["1:6 '(' was never closed"]);
    assert.deepEqual(syntax('def f(:\n    pass\n'), [
      '1:7 invalid syntax: incomplete parameter list',
    ]);
    assert.deepEqual(syntax('x = 1\n    y = 2\n'), ['2:1 unexpected indent']);
    assert.deepEqual(syntax('if x:\npass\n'), ['2:1 invalid syntax: incomplete statement']);
    // A backslash before a blank line ends the statement (lezer joins the next line onto it).
    assert.deepEqual(syntax('x = 1 + \\\n\ny = 2\n'), [
      '1:10 invalid syntax: incomplete binary expression',
    ]);
    const d = analyzePython('x = = 2\n').diagnostics[0];
    assert.equal(d.code, 'SL-SYNTAX');
    assert.equal(d.severity, 'error');
    assert.match(d.message, /the rest of the file is analysed as far as it could be read/);
  });

  it('the analysis goes on around a syntax error', () => {
    const a = analyzePython(
      [
        'import tensorflow.compat.v1 as tf',
        'x = f(1,',
        '',
        'with tf.variable_scope("a"):',
        '    tf.get_variable("w", [1])',
        '    tf.get_variable("w", [1])',
        '',
      ].join('\n'),
    );
    assert.ok(a.diagnostics.some((d) => d.code === 'SL-SYNTAX'));
  });

  it("lezer's false errors on valid Python are not reported", () => {
    const valid = [
      'x = 1.',
      'y = (24.*3600.)',
      'z = [1., 2.]',
      'w = 1e5 + 1.e5 + 1_0.0_1',
      'def g():',
      '    yield',
      '    x = yield',
      '    return (yield)',
      'with f() as (a, b):',
      '    pass',
      'with f() as self.x, g() as y[0]:',
      '    pass',
      'with (A() as a,',
      '      B() as b):',
      '    pass',
      '@a.b[1]',
      'def h(): pass',
      'print >>sys.stderr, "x"',
      's = f"{a["b"]}"',
      'if (n := 10) > 5:',
      '    pass',
      'q = [x for a, *rest in y]',
      'match x:',
      '    case C(value=str() as doc) if y:',
      '        pass',
      't = 1 + \\',
      '    2',
      'u = (3)\\',
      '',
      'v = "a\\\\"  # \\',
      '',
      'print = logging.info',
      'print += 1',
      'print == x',
      '',
    ].join('\n');
    assert.deepEqual(syntax(valid), []);
  });

  it("Python 2's print statements (TF 1.x ran on 2.7) are not syntax errors", () => {
    const py2 = [
      'print "loss:", 1',
      'for i in range(3):',
      '    print i,',
      'print "x %d" % 3',
      'print',
      '',
    ].join('\n');
    assert.deepEqual(syntax(py2), []);
    // Still an error in any Python: a print of nothing but a comma.
    assert.equal(syntax('print ,\n').length, 1);
  });

  it('no valid Python file of this repository gets a syntax diagnostic', function () {
    this.timeout(120_000);
    const files = ['examples', 'bench', 'test', path.join('src', 'runtime', 'python')].flatMap(
      (d) => pythonFiles(path.join(root, d)),
    );
    assert.ok(files.length > 150, `${files.length} files`);
    const flagged: string[] = [];
    for (const f of files) {
      const rel = path.relative(root, f).split(path.sep).join('/');
      if (DELIBERATE.has(rel)) continue;
      const found = syntax(fs.readFileSync(f, 'utf8'), f);
      if (found.length) flagged.push(`${rel}: ${found[0]}`);
    }
    assert.deepEqual(flagged, []);
    // The deliberate ones are reported.
    for (const rel of DELIBERATE)
      assert.ok(syntax(fs.readFileSync(path.join(root, rel), 'utf8')).length > 0, rel);
  });

  it("TypeScript and JavaScript: the compiler's own syntax errors", () => {
    assert.deepEqual(syntax('const x = (1, ;\n', '/t/a.ts'), ['1:15 Expression expected']);
    assert.deepEqual(syntax('function f( {\n', '/t/a.js').length, 1);
    assert.deepEqual(syntax('const x = 1;\nexport default x;\n', '/t/a.ts'), []);
  });

  it('a time limit stops a long analysis, reported as incomplete with the reason', () => {
    const lines = ['import tensorflow.compat.v1 as tf', 'x = 0'];
    for (let i = 0; i < 20_000; i++) lines.push(`x = x + ${i}`);
    lines.push('v = tf.get_variable("v", [1])', '');
    const src = lines.join('\n');
    const bounded = analyzePython(src, { timeLimitMs: 1 });
    assert.equal(bounded.complete, false);
    assert.match(bounded.reason ?? '', /^time limit: /);
    const unbounded = analyzePython(src, { timeLimitMs: 0 });
    assert.equal(unbounded.complete, true);
    assert.equal(unbounded.reason, undefined);
    assert.deepEqual(
      unbounded.variables.map((v) => v.name),
      ['v:0'],
    );
  });
});
