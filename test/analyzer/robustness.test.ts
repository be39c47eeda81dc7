/**
 * The analyzer never throws on user code and always ends: thousands of truncated, mutated and
 * spliced versions of the fixtures and the examples (real TF1 code), in Python and
 * TypeScript/JavaScript, plus programs built to explode: branching, recursion, huge loops and
 * comprehensions, deep nesting of classes and scopes.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analyzer/analyze';
import { projectRoot, randomIndex } from '../support';

const root = projectRoot();
const DIRS = [
  path.join(root, 'test', 'analyzer', 'fixtures', 'cases'),
  path.join(root, 'examples', 'python'),
  path.join(root, 'examples', 'engine'),
];

const corpus = DIRS.flatMap((d) =>
  fs
    .readdirSync(d)
    .filter((f) => /\.(py|ts|js)$/.test(f))
    .map((f) => ({ file: path.join(d, f), text: fs.readFileSync(path.join(d, f), 'utf8') })),
);

function check(text: string, file: string): void {
  const r = analyze(text, { path: file });
  assert.ok(Array.isArray(r.callSites) && Array.isArray(r.diagnostics), file);
  for (const d of r.diagnostics) {
    assert.ok(d.start.line >= 1 && d.start.column >= 1, `${file}: a position inside the text`);
  }
}

describe('analyzer: robustness on broken and hostile input', function () {
  this.timeout(120_000);

  it('has a corpus of fixtures and examples in both languages', () => {
    assert.ok(corpus.some((c) => c.file.endsWith('.py')));
    assert.ok(corpus.some((c) => !c.file.endsWith('.py')));
  });

  it('every prefix (in steps) of every corpus file', () => {
    let n = 0;
    for (const c of corpus) {
      const step = Math.max(1, Math.floor(c.text.length / 60));
      for (let i = 0; i <= c.text.length; i += step, n++) check(c.text.slice(0, i), c.file);
    }
    assert.ok(n > 1000, `${n} prefixes`);
  });

  it('2000 random mutations: deleted, duplicated and swapped lines, flipped characters', () => {
    const rand = randomIndex(2026);
    const noise = ['(', ')', ':', '"', "'", '[', ']', '{', '}', '\\', '\n', '    ', '#', '=', ','];
    for (let k = 0; k < 2000; k++) {
      const c = corpus[rand(corpus.length)];
      const lines = c.text.split('\n');
      for (let m = 1 + rand(3); m > 0; m--) {
        const i = rand(lines.length);
        switch (rand(4)) {
          case 0:
            lines.splice(i, 1);
            break;
          case 1:
            lines.splice(i, 0, lines[rand(lines.length)] ?? '');
            break;
          case 2: {
            const j = rand(lines.length);
            [lines[i], lines[j]] = [lines[j], lines[i]];
            break;
          }
          default: {
            const l = lines[i] ?? '';
            const at = rand(l.length + 1);
            lines[i] = l.slice(0, at) + noise[rand(noise.length)] + l.slice(at + 1);
          }
        }
      }
      check(lines.join('\n'), c.file);
    }
  });

  it('1000 random splices of two corpus files of the same language', () => {
    const rand = randomIndex(7);
    for (let k = 0; k < 1000; k++) {
      const a = corpus[rand(corpus.length)];
      const same = corpus.filter((c) => c.file.endsWith('.py') === a.file.endsWith('.py'));
      const b = same[rand(same.length)];
      check(
        a.text.slice(0, rand(a.text.length + 1)) + b.text.slice(rand(b.text.length + 1)),
        a.file,
      );
    }
  });

  it('programs built to explode end with a result', () => {
    const branches = Array.from(
      { length: 40 },
      (_, i) => `if flag${i}:\n    tf.get_variable("v${i}", [1])\n`,
    ).join('');
    const cases: Array<[string, string]> = [
      ['branching.py', `import tensorflow as tf\n${branches}`],
      ['recursion.py', 'def f(n):\n    return f(n + 1)\nf(0)\n'],
      [
        'mutual.py',
        'class A:\n    def go(self):\n        return B().go()\nclass B:\n    def go(self):\n        return A().go()\nA().go()\n',
      ],
      [
        'loop.py',
        'import tensorflow as tf\nfor i in range(10**9):\n    tf.get_variable("v%d" % i, [1])\n',
      ],
      ['while.py', 'while True:\n    pass\n'],
      [
        'unknown-while.py',
        'import tensorflow as tf\nwhile cond():\n    tf.get_variable("w", [1])\n',
      ],
      [
        'comprehension.py',
        'import tensorflow as tf\nxs = [[tf.get_variable("v%d_%d" % (i, j), [1]) for j in range(900)] for i in range(900)]\n',
      ],
      ['nesting.py', 'x = ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + '\n'],
      [
        'scopes.py',
        'import tensorflow as tf\n' +
          Array.from(
            { length: 200 },
            (_, i) => `${'    '.repeat(i)}with tf.variable_scope("s${i}"):\n`,
          ).join('') +
          `${'    '.repeat(200)}tf.get_variable("deep", [1])\n`,
      ],
      [
        'classes.py',
        Array.from({ length: 300 }, (_, i) => `class C${i}(C${i - 1}):\n    pass\n`).join('') +
          'C299()\n',
      ],
      ['recursion.ts', 'function f(n: number): number { return f(n + 1); }\nf(0);\n'],
      ['loop.js', 'for (;;) {}\n'],
    ];
    for (const [file, text] of cases) check(text, file);
    const exploded = analyze(cases[0][1], { path: 'branching.py' });
    assert.equal(exploded.exhaustive, false, 'more paths than explored is reported');
  });
});
