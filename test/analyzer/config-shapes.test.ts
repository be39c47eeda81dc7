/**
 * Shapes that flow through configuration objects: examples/python/transformer.py takes its
 * widths from an HParams object, and its positions from `tf.range` over the sequence length.
 * With the training main a GPT-2 fine-tuning script has (bench/models/transformer_train.py,
 * appended as the benchmark corpus does), every variable's shape is known, so the Variables
 * view's parameter counts are numbers: GPT-2 small's 124,439,808 for the model.
 */
import { strict as assert } from 'node:assert';
import { analyzePython } from '../../src/analyzer/analyze';
import { summarize } from '../../src/extension/model/summary';
import { program } from '../../bench/corpus';

describe('analyzer: shapes through configuration objects', () => {
  it("transformer.py with its training main: every variable's parameters are a number", () => {
    const analysis = analyzePython(program('transformer').text);
    assert.ok(analysis.complete);
    const summary = summarize(analysis);
    const model = summary.variables.filter(
      (v) => v.name.startsWith('model/') && !/\/Adam(_1)?:0$/.test(v.name),
    );
    // wpe, wte, ln_f's two, and 12 blocks of 12.
    assert.equal(model.length, 4 + 12 * 12);
    for (const v of summary.variables) {
      assert.ok(!v.shape.includes('?'), `${v.name} ${v.shape}`);
      assert.equal(typeof v.parameters, 'number', v.name);
    }
    const byName = new Map(model.map((v) => [v.name, v]));
    assert.equal(byName.get('model/wte:0')?.shape, '(50257, 768)');
    assert.equal(byName.get('model/h11/attn/c_attn/w:0')?.shape, '(1, 768, 2304)');
    assert.equal(byName.get('model/h0/mlp/c_proj/w:0')?.shape, '(1, 3072, 768)');
    assert.equal(
      model.reduce((n, v) => n + (v.parameters ?? 0), 0),
      124_439_808,
    );
    // Adam's two slots per variable and its two beta powers.
    assert.equal(summary.root.parameters, 3 * 124_439_808 + 2);
    assert.equal(summary.root.partial, false);
  });
});
