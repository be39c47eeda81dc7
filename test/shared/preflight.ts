/**
 * Loaded first by `npm run test:shared`: the suites in this folder check Scope Lens against the
 * reference material beside the checkout (TF 1.15's corpora and real checkpoints). Without it
 * they cannot run, and saying so beats a hundred ENOENT failures.
 */
import { sharedDir } from '../support';

try {
  sharedDir();
} catch (e) {
  process.stderr.write(`test:shared: ${(e as Error).message}\n`);
  process.exit(1);
}
