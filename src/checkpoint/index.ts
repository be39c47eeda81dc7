/**
 * TensorFlow V2 checkpoints (tensor bundles) without TensorFlow: read, list, verify and write
 * `.index` + `.data-*` files. This barrel is the pure part (bytes in, bytes out; no Node
 * built-ins); `./node` adds paths and files.
 */
export { CheckpointError } from './errors';
export type { CheckpointErrorCode } from './errors';
export { crc32c, crc32cExtend, mask, unmask } from './crc32c';
export { CHECKPOINT_DTYPES, dtypeFromEnum, dtypeFromName } from './dtypes';
export type { CheckpointDType, DTypeInfo } from './dtypes';
export type { BundleEntry, BundleHeader, Extent, ShapeProto, VersionDef } from './bundle-proto';
export {
  BundleBuilder,
  defaultHeader,
  encodeIndex,
  listVariables,
  mergeBundles,
  parseIndex,
} from './bundle';
export type {
  BundleIndex,
  IndexEntry,
  IndexRow,
  SliceInput,
  TensorInput,
  VariableInfo,
} from './bundle';
export { CheckpointReader, memoryShards } from './reader';
export type { ShardStore, Tensor } from './reader';
export type { TensorValues, TensorValuesInput } from './tensor-codec';
export { readTable, buildTable, TableBuilder } from './table';
export type { Table, TableEntry, TableLayout, TableOptions } from './table';
export { encodeSliceKey } from './slice-key';
export { dataFilename, indexFilename } from './naming';
export { formatCheckpointState, parseCheckpointState } from './checkpoint-state';
export type { CheckpointState } from './checkpoint-state';
export { codeVariablesFromAnalysis, diffCheckpoint } from './diff';
export type {
  AnalysisOutcomes,
  DiffCheckpointVariable,
  DiffCodeVariable,
  DiffMatch,
  DiffMismatch,
  DiffMissing,
  DiffResult,
  DiffSlot,
  DiffSuggestion,
  DiffSuggestionKind,
} from './diff';

import { BundleBuilder, SliceInput, TensorInput } from './bundle';

/**
 * A whole single-shard checkpoint in memory, as `writeCheckpoint` would write it: tensors in key
 * order in the data, the index sorted.
 */
export function encodeCheckpoint(tensors: ReadonlyArray<TensorInput | SliceInput>): {
  index: Uint8Array;
  data: Uint8Array;
} {
  const builder = new BundleBuilder('checkpoint');
  const utf8 = new TextEncoder();
  const keyed = tensors.map((t) => ({ t, key: utf8.encode(t.name) }));
  keyed.sort((a, b) => {
    const n = Math.min(a.key.length, b.key.length);
    for (let i = 0; i < n; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return a.key.length - b.key.length;
  });
  const chunks: Uint8Array[] = [];
  for (const { t } of keyed) chunks.push('extents' in t ? builder.addSlice(t) : builder.add(t));
  const data = new Uint8Array(builder.dataSize);
  let pos = 0;
  for (const c of chunks) {
    data.set(c, pos);
    pos += c.length;
  }
  return { index: builder.finish(), data };
}
