/**
 * The layer-library conformance corpus (../shared/conformance-layers): every program runs through
 * the real runner (worker thread, Pyodide, the `tensorflow` package with its `_lib` layer
 * libraries) and must print exactly TF 1.15's recorded stdout.
 *
 * Programs of families built on another branch (RNN cells, optimizers' slots, moving averages)
 * are listed in EXPECTED_LATER with the reason; they are run too and must still differ, so the
 * list is pruned the moment they start to pass.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { sharedDir } from '../support';

const RNN = 'needs tf.nn.rnn_cell / tf.nn.dynamic_rnn (branch layers-train)';
const TRAIN = 'needs tf.train optimizers / moving averages (branch layers-train)';
const EXPECTED_LATER: Record<string, string> = {
  '039_rnn_basic_lstm_dynamic_rnn': RNN,
  '043_rnn_multi_rnn_cell': RNN,
  '044_rnn_bidirectional_dynamic': RNN,
  '045_rnn_two_dynamic_rnn_default_scope_error': RNN,
  '055_adam_slots': TRAIN,
  '059_adam_on_dense_layers_with_global_step': TRAIN,
  '061_ema_apply_variables': TRAIN,
};

describe('runtime: the layer-library corpus prints what TensorFlow 1.15 prints', function () {
  this.timeout(120_000);
  const dir = sharedDir('conformance-layers');
  const runner = new Runner();
  after(() => runner.dispose());

  const programs = fs
    .readdirSync(dir)
    .filter(
      (f) => f.endsWith('.py') && fs.existsSync(path.join(dir, f.replace(/\.py$/, '.expected'))),
    )
    .sort();
  it('has programs', () => assert.ok(programs.length > 0, `no programs in ${dir}`));

  for (const file of programs) {
    const name = file.replace(/\.py$/, '');
    const later = EXPECTED_LATER[name];
    it(later ? `${name} (expected later: ${later})` : name, async () => {
      const filename = path.join(dir, file);
      let stdout = '';
      let stderr = '';
      const result = await runner.run(
        { language: 'python', code: fs.readFileSync(filename, 'utf8'), filename, cwd: dir },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      const expected = fs.readFileSync(filename.replace(/\.py$/, '.expected'), 'utf8');
      if (later) {
        assert.ok(
          stdout !== expected || result.exitCode !== 0,
          `${name} now passes: remove it from EXPECTED_LATER`,
        );
        return;
      }
      assert.equal(stdout, expected, `stderr:\n${stderr}`);
      assert.equal(result.exitCode, 0, stderr);
    });
  }
});
