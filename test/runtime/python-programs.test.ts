/**
 * Python programs through the real runner (worker thread, Pyodide, the `tensorflow` package on
 * the engine): each prints exactly its `.expected` file (stdout only; stderr is not pinned).
 *
 * - test/corpus: the project's conformance corpus, recorded from real TensorFlow
 *   (scripts/oracle/record.py).
 * - test/runtime/programs: the runtime's own programs (imports, op names, sessions, errors).
 *
 * The reference corpus in ../shared/conformance gets the same check in test/shared.
 */
import * as path from 'node:path';
import { describeRuntimePrograms } from '../conformance/suites';
import { projectRoot } from '../support';

const root = projectRoot();

describeRuntimePrograms('runtime: Python programs print what TensorFlow 1.15 prints', [
  ['in-repo corpus (TF output)', path.join(root, 'test', 'corpus')],
  ['runtime programs', path.join(root, 'test', 'runtime', 'programs')],
]);
