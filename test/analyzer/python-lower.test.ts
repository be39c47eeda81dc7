/**
 * The Python front end: golden IR snapshots for the fixtures in `fixtures/lower/`, plus
 * robustness properties (never throws, bounded time on pathological input, partial structure
 * for half-typed code).
 *
 * Goldens: each `fixtures/lower/NAME.py` has a `NAME.ir.txt` holding `printIr` of its IR and its
 * diagnostics. To accept changes after an intended IR change, run the tests with
 * `UPDATE_GOLDEN=1` (e.g. `UPDATE_GOLDEN=1 npx mocha ... out/test/analyzer/*.test.js`) and review
 * the diff.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ir from '../../src/analyzer/ir';
import { checkGolden, prng } from '../support';
import { printIr } from '../../src/analyzer/ir-printer';
import { normalizeFloats } from '../../src/analyzer/python/float-literals';
import { lowerPython } from '../../src/analyzer/python/lower';

// Tests run from out/test/analyzer; fixtures stay in the source tree.
const FIXTURES = path.resolve(__dirname, '../../../test/analyzer/fixtures/lower');

function render(source: string): string {
  const { module, diagnostics } = lowerPython(source);
  const lines = new ir.LineMap(source);
  const diags = diagnostics.map((d) => {
    const p = lines.position(d.span.from);
    return `${p.line}:${p.column} ${d.code}: ${d.message}`;
  });
  return (
    printIr(module, source) + (diags.length ? '-- diagnostics\n' + diags.join('\n') + '\n' : '')
  );
}

function check(fixture: string): void {
  const source = fs.readFileSync(path.join(FIXTURES, fixture), 'utf8');
  const goldenPath = path.join(FIXTURES, fixture.replace(/\.py$/, '.ir.txt'));
  const actual = render(source);
  checkGolden(actual, goldenPath, fixture);
}

const fixtures = fs
  .readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.py'))
  .sort();

/** All nodes of a kind, in walk order. */
function collect<K extends ir.NodeKind>(root: ir.Node, kind: K): Extract<ir.Node, { kind: K }>[] {
  const out: Extract<ir.Node, { kind: K }>[] = [];
  ir.walk(root, {
    enter(node) {
      if (node.kind === kind) out.push(node as Extract<ir.Node, { kind: K }>);
    },
  });
  return out;
}

/** Lowers and sanity-checks the result: it must not throw and must be printable. */
function lowersCleanly(source: string): ir.Module {
  const { module } = lowerPython(source);
  assert.equal(module.kind, 'Module');
  printIr(module, source);
  return module;
}

describe('analyzer/python lowering: golden IR', () => {
  it('has fixtures', () => assert.ok(fixtures.length >= 8));
  for (const fixture of fixtures) {
    it(fixture, () => check(fixture));
  }
});

describe('analyzer/python lowering: semantics', () => {
  const first = (source: string): ir.Stmt => lowerPython(source).module.body[0];
  const value = (source: string): ir.Expr => {
    const s = first(source);
    assert.equal(s.kind, 'ExprStmt');
    return s.expr;
  };

  it('keeps Python int and float apart', () => {
    const kinds = (src: string) => {
      const v = value(src);
      assert.equal(v.kind, 'Constant');
      return [v.value, v.pyType];
    };
    assert.deepEqual(kinds('1'), [1, 'int']);
    assert.deepEqual(kinds('0x1f'), [31, 'int']);
    assert.deepEqual(kinds('1_000'), [1000, 'int']);
    assert.deepEqual(kinds('1.'), [1, 'float']);
    assert.deepEqual(kinds('.5'), [0.5, 'float']);
    assert.deepEqual(kinds('1e3'), [1000, 'float']);
  });

  it('decodes string prefixes and escapes', () => {
    const str = (src: string) => {
      const v = value(src);
      assert.equal(v.kind, 'Constant');
      return [v.value, v.pyType];
    };
    assert.deepEqual(str(String.raw`'a\tb\x41\u00e9\101'`), ['a\tbAéA', 'str']);
    assert.deepEqual(str(String.raw`r'\d'`), ['\\d', 'str']);
    assert.deepEqual(str(String.raw`b'\x00\u1234'`), ['\x00\\u1234', 'bytes']);
    assert.deepEqual(str(`'''a\nb'''`), ['a\nb', 'str']);
    assert.deepEqual(str(`"a" 'b' """c"""`), ['abc', 'str']);
    assert.equal(value(`b"a" "b"`).kind, 'UnknownExpr');
  });

  it('folds implicit concatenation into one FString', () => {
    const v = value(`"scope/" f"{name}_{i:02d}" "!"`);
    assert.equal(v.kind, 'FString');
    assert.equal(v.parts.length, 5);
    assert.equal(v.parts[0], 'scope/');
    assert.equal(v.parts[4], '!');
    const hole = v.parts[3];
    assert.ok(typeof hole !== 'string' && hole.format !== null);
    assert.deepEqual(hole.format.parts, ['02d']);
  });

  it('flattens comparison chains and boolean chains', () => {
    const cmp = value('a < b <= c not in d');
    assert.equal(cmp.kind, 'Compare');
    assert.deepEqual(cmp.ops, ['<', '<=', 'not in']);
    const bool = value('a and b and c');
    assert.equal(bool.kind, 'BoolOp');
    assert.equal(bool.values.length, 3);
  });

  it('classifies parameters', () => {
    const f = first('def f(a, b=1, *args, c, d=2, **kw): pass');
    assert.equal(f.kind, 'FunctionDef');
    assert.deepEqual(
      f.params.map((p) => [p.name, p.paramKind, p.default !== null]),
      [
        ['a', 'positional', false],
        ['b', 'positional', true],
        ['args', 'vararg', false],
        ['c', 'kwonly', false],
        ['d', 'kwonly', true],
        ['kw', 'kwarg', false],
      ],
    );
  });

  it('converts offsets to 1-based line/column across \\n, \\r\\n and \\r', () => {
    const lines = new ir.LineMap('ab\r\ncd\ref\ng');
    assert.deepEqual(lines.position(0), { line: 1, column: 1 });
    assert.deepEqual(lines.position(4), { line: 2, column: 1 });
    assert.deepEqual(lines.position(7), { line: 3, column: 1 });
    assert.deepEqual(lines.position(11), { line: 4, column: 2 });
  });

  it('walks in source order and can skip subtrees', () => {
    const { module } = lowerPython('f(g(1), h(2))');
    const calls: string[] = [];
    ir.walk(module, {
      enter(node) {
        if (node.kind === 'Call' && node.func.kind === 'Name') calls.push(node.func.id);
        return !(node.kind === 'Call' && node.func.kind === 'Name' && node.func.id === 'g');
      },
    });
    assert.deepEqual(calls, ['f', 'g', 'h']);
  });
});

describe('analyzer/python lowering: robustness', () => {
  const seeds = fixtures
    .filter((f) => f.startsWith('seed_'))
    .map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));

  it('lowers empty and whitespace-only input', () => {
    assert.deepEqual(lowerPython('').module.body, []);
    assert.deepEqual(lowerPython('\n\n   \n\t\n').module.body, []);
  });

  it('lowers every prefix of the seed examples', function () {
    this.timeout(60000);
    for (const seed of seeds) {
      for (let i = 0; i <= seed.length; i++) lowersCleanly(seed.slice(0, i));
    }
  });

  it('lowers random splices and mutations of the fixtures', function () {
    this.timeout(60000);
    const sources = fixtures.map((f) => fs.readFileSync(path.join(FIXTURES, f), 'utf8'));
    const rand = prng(0x5c09e);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const junk = ['(', ')', '[', ']', '{', '}', ':', ',', '"', "'", '\n', '\t', ' ', '\\', '#'];
    for (let round = 0; round < 400; round++) {
      let s = pick(sources);
      const edits = 1 + Math.floor(rand() * 4);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(rand() * (s.length + 1));
        const op = rand();
        if (op < 0.3) s = s.slice(0, at) + s.slice(at + Math.floor(rand() * 20));
        else if (op < 0.6) s = s.slice(0, at) + pick(junk) + s.slice(at);
        else {
          const other = pick(sources);
          const from = Math.floor(rand() * other.length);
          s = s.slice(0, at) + other.slice(from, from + Math.floor(rand() * 80)) + s.slice(at);
        }
      }
      lowersCleanly(s);
    }
  });

  it('degrades 2000-deep parentheses to Unknown without overflowing', () => {
    const module = lowersCleanly('x = ' + '('.repeat(2000) + '1' + ')'.repeat(2000) + '\n');
    assert.equal(module.body[0].kind, 'Assign');
    assert.ok(collect(module, 'UnknownExpr').length > 0);
    const { diagnostics } = lowerPython('x = ' + '('.repeat(2000) + '1' + ')'.repeat(2000));
    assert.ok(diagnostics.some((d) => d.code === 'depth-limit'));
  });

  it('lowers a 5000-long attribute chain', () => {
    const module = lowersCleanly('x = a' + '.b'.repeat(5000) + '\n');
    assert.equal(module.body[0].kind, 'Assign');
  });

  it('lowers 1000 nested with blocks', () => {
    let src = '';
    for (let i = 0; i < 1000; i++) src += ' '.repeat(i) + `with tf.variable_scope("s${i}"):\n`;
    src += ' '.repeat(1000) + 'pass\n';
    const module = lowersCleanly(src);
    assert.equal(module.body[0].kind, 'With');
    assert.ok(collect(module, 'With').length >= 50);
  });

  it('lowers a 20000-line file, every statement', function () {
    // The timeout guards against a lowering that goes quadratic; it is not the assertion.
    this.timeout(20000);
    const line = 'w = tf.get_variable("w_%d" % i, [3, 3], initializer=init)\n';
    const big = lowersCleanly(line.repeat(20000));
    assert.equal(big.body.length, 20000);
    assert.ok(big.body.every((s) => s.kind === 'Assign'));
    assert.equal(collect(big, 'Call').length, 20000);
  });

  it('lowers mixed tabs and spaces', () => {
    const { module } = lowerPython('if a:\n\tx = 1\n\tif b:\n\t    y = 2\n');
    assert.equal(module.body[0].kind, 'If');
    assert.equal(collect(module, 'Assign').length, 2);
  });

  it('keeps partial structure for half-typed code', () => {
    const { module, diagnostics } = lowerPython(
      'with tf.variable_scope("a"):\n    tf.get_variable(',
    );
    const w = module.body[0];
    assert.equal(w.kind, 'With');
    const call = collect(w, 'Call').find(
      (c) => c.func.kind === 'Attribute' && c.func.attr === 'get_variable',
    );
    assert.ok(call, 'the body keeps the get_variable call');
    assert.ok(diagnostics.some((d) => d.code === 'parse-recovery'));

    const open = lowerPython('with tf.variable_scope(').module.body[0];
    assert.equal(open.kind, 'With');
    assert.equal(open.items[0].context.kind, 'Call');

    const assignment = lowerPython('x = ').module.body[0];
    assert.equal(assignment.kind, 'Assign');
    assert.equal(assignment.value.kind, 'UnknownExpr');
  });
});

describe('python lowering: floats with a dot before the exponent', () => {
  it('rewrites them in place, to a float of the same length and value', () => {
    const text = 'a = 1.e-3 * x + 2.E+5 - y / 1.e8 + 1_0.e-1\n';
    const out = normalizeFloats(text);
    assert.equal(out, 'a = 1e-03 * x + 2E+05 - y / 1e08 + 1_0e-01\n');
    assert.equal(out.length, text.length);
    for (const [a, b] of [
      ['1.e-3', '1e-03'],
      ['2.E+5', '2E+05'],
      ['1.e8', '1e08'],
      ['1_0.e-1', '1_0e-01'],
    ])
      assert.equal(Number(a.replace(/_/g, '')), Number(b.replace(/_/g, '')));
  });

  it('leaves strings, comments, names and other numbers as they are', () => {
    const text = [
      's = "1.e-3" + \'2.e5\' + r"3.e1"',
      'd = """',
      '4.e-2',
      '"""  # 5.e-3',
      'q = a1.e-3 + x.e + 1.5e-3 + 1. + 1.real + 1.e-3j',
      '',
    ].join('\n');
    assert.equal(normalizeFloats(text), text);
  });

  it('lowers `1.e-3 * x` and `x + 1.e-8` as Python reads them', () => {
    const { module } = lowerPython('y = 1.e-3 * x\nz = x + 1.e-8\n');
    const [y, z] = module.body.map((s) => (s.kind === 'Assign' ? s.value : null));
    assert.ok(y?.kind === 'BinOp' && y.op === '*');
    assert.deepEqual(y.left.kind === 'Constant' && y.left.value, 0.001);
    assert.deepEqual(y.left.span, { from: 4, to: 9 });
    assert.ok(z?.kind === 'BinOp' && z.op === '+');
    assert.deepEqual(z.right.kind === 'Constant' && z.right.value, 1e-8);
  });
});
