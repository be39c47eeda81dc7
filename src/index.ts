/**
 * `scope-lens` as a library: TF1 variable sharing (`variableScope`, `getVariable`, reuse,
 * AUTO_REUSE, initializers, regularizers, partitioners, templates) on TensorFlow.js, and
 * TensorFlow V2 checkpoints (library.ts), plus reading and writing checkpoint files.
 *
 * This is the package's `exports` entry; the VS Code extension and the CLI are separate entries.
 */
export * from './library';
export {
  openCheckpoint,
  resolveCheckpointPrefix,
  writeCheckpoint,
  readCheckpointState,
  writeCheckpointState,
} from './checkpoint/node';
export type { WriteOptions, WriteResult } from './checkpoint/node';
