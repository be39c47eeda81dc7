/**
 * Static against dynamic: each program runs through the real Python runtime (which records every
 * `get_variable` outcome) and through the analyzer; the two lists of events must be equal. A
 * disagreement is a bug in one of them. Programs: the in-repo corpus (test/corpus), the runtime's
 * own programs (test/runtime/programs), the layer-library programs (test/runtime/layers and
 * test/runtime/train-layers: RNN cells, optimizers, moving averages; both sides run the same
 * `_lib` source, and a variable a
 * layer creates is recorded at the program's call of the layer) and the analyzer's Python
 * fixtures written for it (a
 * `# differential:` first line: control flow known statically). A fixture may stop at an
 * uncaught error (its annotations go on past it); then the events up to it are compared.
 *
 * The reference corpus in ../shared/conformance gets the same check in test/shared.
 */
import * as path from 'node:path';
import { describeDifferential } from '../conformance/suites';
import { projectRoot } from '../support';

const root = projectRoot();

describeDifferential('analyzer: static predictions equal what the Python runtime does', [
  { dir: path.join(root, 'test', 'corpus') },
  { dir: path.join(root, 'test', 'runtime', 'programs') },
  { dir: path.join(root, 'test', 'runtime', 'layers') },
  { dir: path.join(root, 'test', 'runtime', 'train-layers') },
  {
    dir: path.join(root, 'test', 'analyzer', 'fixtures', 'cases'),
    only: (source) => source.startsWith('# differential:'),
    mayStopAtError: true,
  },
]);
