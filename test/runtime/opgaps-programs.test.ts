/**
 * The ops real TF1 code needed that the runtime did not compute: each program in
 * test/runtime/opgaps prints the ops TF builds (names, types, inputs), static shapes, values
 * and gradients exactly as its `.expected` file, recorded with real TensorFlow by
 * scripts/oracle/opgaps/record.py (TF 2.21's differences from 1.15 are the programs'
 * `# oracle-override:` lines, each citing the 1.15 source).
 */
import * as path from 'node:path';
import { describeRuntimePrograms } from '../conformance/suites';
import { projectRoot } from '../support';

describeRuntimePrograms('runtime: the ops real TF1 code runs into (tf.sort, gradients, ...)', [
  ['opgaps programs (TF output)', path.join(projectRoot(), 'test', 'runtime', 'opgaps')],
]);
