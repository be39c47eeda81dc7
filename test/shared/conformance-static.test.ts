/**
 * The analyzer against the reference corpus (../shared/conformance): predicted `get_variable`
 * events equal each program's `.static.json`, and the analyzer never throws on prefixes and
 * splices of those programs.
 */
import { describeAnalyzerRobustness, describeStaticAgreement } from '../conformance/suites';
import { sharedDir } from '../support';

describeStaticAgreement(
  'shared: predicted get_variable outcomes equal TF 1.15 (.static.json)',
  sharedDir('conformance'),
);

describeAnalyzerRobustness(
  'shared: the analyzer never throws on broken reference programs',
  sharedDir('conformance'),
);
