/**
 * The analyzer's predictions against TensorFlow's real outcomes: for every program of the in-repo
 * corpus (test/corpus), the `get_variable` events `analyzePython` predicts (line, name, store key,
 * create/reuse/raise, TF's error line) equal the program's `.static.json`, in execution order.
 * Plus robustness: the analyzer never throws, on any prefix or splice of those programs, and
 * ends on programs that would run forever.
 *
 * The reference corpus in ../shared/conformance gets the same checks in test/shared.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { analyzePython } from '../../src/analyzer/analyze';
import { describeAnalyzerRobustness, describeStaticAgreement } from '../conformance/suites';
import { projectRoot } from '../support';

const corpus = path.join(projectRoot(), 'test', 'corpus');

describeStaticAgreement(
  'analyzer: predicted get_variable outcomes equal TF (test/corpus .static.json)',
  corpus,
);

describeAnalyzerRobustness('analyzer: never throws on broken corpus programs', corpus);

describe('analyzer: ends on programs that would not', () => {
  // Each would run forever without the analyzer's bounds; ending at all (within mocha's
  // timeout) is the property, so no wall clock is asserted.
  it('recursion, huge loops and deep nesting', () => {
    const cases = [
      'def f(n):\n    return f(n + 1)\nf(0)\n',
      'import tensorflow as tf\nfor i in range(10**9):\n    tf.get_variable("v%d" % i, [1])\n',
      'while True:\n    pass\n',
      'x = ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + '\n',
    ];
    for (const src of cases) assert.ok(Array.isArray(analyzePython(src).events));
  });
});
