/**
 * The reference corpus (../shared/conformance, TF 1.15's output) through the real Python runner:
 * each program prints exactly its `.expected` (stdout only) and exits 0.
 */
import { describeRuntimePrograms } from '../conformance/suites';
import { sharedDir } from '../support';

describeRuntimePrograms('shared: Python programs print what TensorFlow 1.15 prints', [
  ['../shared/conformance (TF 1.15 output)', sharedDir('conformance')],
]);
