/**
 * The analyzer on the layer-library corpus (../shared/conformance-layers: tf.layers,
 * tf.contrib.layers/slim, RNN cells, tf.Variable, optimizers' slots, moving averages): without
 * running anything, it must predict the variables
 * `tf.global_variables()` lists — name, shape and trainable, in creation order, each certain —
 * and every error line the program prints as an error TF raises. The runtime side of the same
 * corpus is layers-corpus.test.ts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { sharedDir } from '../support';

const PROGRAM = /^\d+_.*\.py$/;
const VARIABLE_LINE = /^(\S+:0) (\(.*\)) (True|False)$/;
const ERROR_LINE = /^(ValueError|TypeError): /;

describe('analyzer: the layer-library corpus, statically', function () {
  this.timeout(60_000);
  const dir = sharedDir('conformance-layers');
  const programs = fs
    .readdirSync(dir)
    .filter((f) => PROGRAM.test(f))
    .sort();

  it('has programs of the modelled families', () => assert.ok(programs.length > 0));

  for (const file of programs) {
    it(file.replace(/\.py$/, ''), () => {
      const filename = path.join(dir, file);
      const analysis = analyzePython(fs.readFileSync(filename, 'utf8'), { path: filename });
      const expected = fs.readFileSync(filename.replace(/\.py$/, '.expected'), 'utf8').split('\n');

      const created = new Map<string, { trainable: unknown; certain: boolean; global: boolean }>();
      for (const site of analysis.callSites)
        for (const o of site.outcomes)
          if (o.action === 'create')
            created.set(o.name, {
              trainable: o.trainable,
              certain: o.certain,
              global: !!o.collections?.includes('variables'),
            });
      // The programs print tf.global_variables(): local variables are left out.
      const globals = analysis.variables.filter((v) => created.get(v.name)?.global !== false);
      const predicted = globals.map((v) => {
        const c = created.get(v.name);
        assert.ok(c?.certain, `${v.name} is not a certain creation`);
        return `${v.name} ${v.shape} ${c.trainable ? 'True' : 'False'}`;
      });
      assert.deepEqual(
        predicted,
        expected.filter((l) => VARIABLE_LINE.test(l)),
      );

      const raised = new Set(
        analysis.events.flatMap((e) => (e.action === 'raise' ? [e.error] : [])),
      );
      for (const line of expected.filter((l) => ERROR_LINE.test(l)))
        assert.ok(raised.has(line), `not predicted: ${line}\npredicted: ${[...raised].join('\n')}`);
    });
  }
});
