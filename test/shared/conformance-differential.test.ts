/**
 * Static against dynamic on the reference corpus (../shared/conformance): the analyzer's events
 * equal the ones the Python runtime records when it runs each program.
 */
import { describeDifferential } from '../conformance/suites';
import { sharedDir } from '../support';

describeDifferential('shared: static predictions equal what the Python runtime does', [
  { dir: sharedDir('conformance') },
]);
