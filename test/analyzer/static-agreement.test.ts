/**
 * The analyzer's predictions against TensorFlow 1.15's real outcomes: for every program in
 * ../shared/conformance, the `get_variable` events `analyzePython` predicts (line, name, store key,
 * create/reuse/raise, TF's error line) equal the program's `.static.json`, in execution order.
 * Plus robustness: the analyzer never throws, on any prefix or splice of those programs.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { projectRoot } from '../support';

const corpus = path.join(projectRoot(), '..', 'shared', 'conformance');
const programs = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith('.static.json'))
  .sort()
  .map((f) => ({
    name: f.replace('.static.json', ''),
    source: fs.readFileSync(path.join(corpus, f.replace('.static.json', '.py')), 'utf8'),
    events: JSON.parse(fs.readFileSync(path.join(corpus, f), 'utf8')).events as Array<
      Record<string, unknown>
    >,
  }));

/** The fields `.static.json` pins, in a fixed order. */
function norm(e: Record<string, unknown>) {
  return { line: e.line, name: e.name, key: e.key, action: e.action, error: e.error };
}

describe('analyzer: predicted get_variable outcomes equal TF 1.15 (.static.json)', () => {
  it('has programs', () => assert.ok(programs.length > 0));
  for (const p of programs) {
    it(p.name, () => {
      const result = analyzePython(p.source);
      assert.deepEqual(
        result.events.map((e) => norm({ ...e })),
        p.events.map(norm),
      );
    });
  }
});

describe('analyzer: never throws on broken input', () => {
  it('every prefix of every conformance program', () => {
    for (const p of programs) {
      for (let i = 0; i <= p.source.length; i += 7) {
        const r = analyzePython(p.source.slice(0, i));
        assert.ok(Array.isArray(r.events));
      }
    }
  });

  it('random splices of the programs (fixed seed)', () => {
    let seed = 12345;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let k = 0; k < 300; k++) {
      const a = programs[rand(programs.length)].source;
      const b = programs[rand(programs.length)].source;
      const text = a.slice(0, rand(a.length + 1)) + b.slice(rand(b.length + 1));
      assert.ok(Array.isArray(analyzePython(text).events));
    }
  });

  it('recursion, huge loops and deep nesting end within budget', () => {
    const cases = [
      'def f(n):\n    return f(n + 1)\nf(0)\n',
      'import tensorflow as tf\nfor i in range(10**9):\n    tf.get_variable("v%d" % i, [1])\n',
      'while True:\n    pass\n',
      'x = ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + '\n',
    ];
    for (const src of cases) {
      const t0 = Date.now();
      const r = analyzePython(src);
      assert.ok(Array.isArray(r.events));
      assert.ok(Date.now() - t0 < 5000, 'analysis must stay within its budget');
    }
  });
});
