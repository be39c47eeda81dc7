/**
 * Loaded by mocha before every test file: brings the tfjs CPU backend up quietly, so no test
 * depends on which file touched tfjs first.
 */
import { ensureBackend } from '../src/engine/backend';

ensureBackend();
