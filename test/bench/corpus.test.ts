/**
 * The benchmark corpus (bench/corpus.ts) is what the benchmarks claim it is: real programs whose
 * renamed copies each create their own variables, scaled files of the size asked for, and a
 * keystroke inside a function body in the middle of the file.
 */
import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';
import {
  copyOf,
  lineCount,
  loopPrograms,
  middleEdit,
  programs,
  scaled,
  trainingScript,
  withoutLoops,
} from '../../bench/corpus';

describe('benchmark corpus', () => {
  for (const p of programs()) {
    it(`copies of ${p.name} create disjoint variables and raise nothing`, () => {
      const names = [0, 1].map((k) => {
        const a = analyzePython(copyOf(p, k));
        assert.ok(a.complete, `copy ${k} of ${p.name} was analysed completely`);
        assert.deepEqual(
          a.diagnostics.filter((d) => d.severity === 'error'),
          [],
        );
        return new Set(a.variables.map((v) => v.name));
      });
      assert.ok(names[0].size > 20, `${p.name} creates a model's variables (${names[0].size})`);
      // Alone, both copies also name the global step (shared in one graph, as by two real
      // programs) and Adam's beta powers (made unique in one graph); nothing else.
      const graphOwn = /^(global_step|(\w+\/)?beta[12]_power):0$/;
      const shared = [...names[0]].filter((n) => names[1].has(n) && !graphOwn.test(n));
      assert.deepEqual(shared, []);
    });
  }

  it("the training script builds its classifier and Adam's slots, and raises nothing", () => {
    const a = analyzePython(trainingScript());
    assert.ok(a.complete && a.exhaustive);
    assert.deepEqual(
      a.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
    const names = new Set(a.variables.map((v) => v.name));
    for (const n of [
      'classifier/conv0/kernel:0',
      'classifier/bn2/moving_variance:0',
      'classifier/logits/bias:0',
      'classifier/fc/kernel/Adam_1:0',
      'global_step:0',
    ])
      assert.ok(names.has(n), `${n} among ${[...names].join(', ')}`);
  });

  it('renames top-level names but not attributes of the same name', () => {
    const transformer = programs()[0];
    const copy = copyOf(transformer, 7);
    assert.match(copy, /^def conv1d_7\(x, scope, nf/m);
    assert.match(copy, /^def model_7\(hparams, X, past=None, scope="model_7", reuse=False\):/m);
    assert.match(copy, /output = model_7\(hparams=hparams, X=context\)/);
    assert.doesNotMatch(copy, /^def (norm|attn|mlp|block|model)\(/m);
    assert.match(copy, /tf\.train\.AdamOptimizer\(/);
  });

  it('scales to the asked size with a keystroke in a function body in the middle', () => {
    for (const lines of [1000, 10000]) {
      const text = scaled(lines);
      const n = lineCount(text);
      assert.ok(n >= lines && n < lines + 200, `${n} lines for ${lines}`);
      const edit = middleEdit(text);
      const line = text.slice(text.lastIndexOf('\n', edit.at) + 1, text.indexOf('\n', edit.at));
      assert.match(line, /^ {4,}\S/, `the edit is in an indented body: ${line}`);
      const where = edit.at / text.length;
      assert.ok(where >= 0.5 && where < 0.6, `the edit is in the middle (${where.toFixed(2)})`);
      for (const ch of edit.chars) {
        const edited = edit.apply(ch);
        assert.equal(edited.length, text.length);
        assert.notEqual(edited[edit.at], text[edit.at]);
        assert.equal(edited.slice(0, edit.at), text.slice(0, edit.at));
      }
    }
  });

  it('the loop files differ from their baselines only in while → if', () => {
    for (const { text } of loopPrograms()) {
      const once = withoutLoops(text);
      assert.match(text, /^\s*while True:/m);
      assert.doesNotMatch(once, /^\s*while\b/m);
      assert.equal(
        once.replace(/^(\s*)if\b/gm, '$1while'),
        text.replace(/^(\s*)if\b/gm, '$1while'),
      );
    }
  });
});
