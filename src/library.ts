/**
 * The library without the file system: TF1 variable sharing (`variableScope`, `getVariable`,
 * reuse, AUTO_REUSE, initializers, regularizers, partitioners, templates) on TensorFlow.js, and
 * checkpoints as bytes. It imports no Node built-in, so the browser's run worker
 * (src/runtime/web-worker.ts) holds the same engine as the package (index.ts adds the
 * checkpoint functions that read and write files).
 */
export {
  variableScope,
  enterVariableScope,
  exitVariableScope,
  getVariable,
  getLocalVariable,
  getVariableScope,
  nameScope,
  uniqueOpName,
  variable,
  getCollection,
  getCollectionRef,
  addToCollection,
  addToCollections,
  globalVariables,
  trainableVariables,
  localVariables,
  modelVariables,
  AUTO_REUSE,
  GraphKeys,
} from './engine/api';
export type { VariableScopeOptions, GetVariableOptions, DTypeArg } from './engine/api';
export { getDefaultGraph, resetDefaultGraph, withGraph } from './engine/default-graph';
export { Graph, NamedTensor } from './engine/graph';
export { Variable, PartitionedVariable } from './engine/variable';
export { makeTemplate, Template } from './engine/template';
export type { TemplateOptions } from './engine/template';
export type {
  CustomGetter,
  Getter,
  GetterArgs,
  GetterCall,
  InitializerArg,
  RegularizerArg,
  TensorLike,
  ValueLike,
} from './engine/types';
export { LazyTensor, TypedTensor } from './engine/types';
export {
  DEFAULT_MEMORY_BUDGET_BYTES,
  ResourceExhaustedError,
  memoryBudget,
  setMemoryBudget,
} from './engine/memory';
export { captureCallSites, setCallSiteProvider } from './engine/callsite';
export type { CallSite, CallSiteProvider } from './engine/callsite';
export { VariableScope } from './core/variable-scope';
export { DType, DTypes, asDType } from './core/dtypes';
export {
  ValueError,
  TypeError,
  NotImplementedError,
  ScopeLensError,
  ERROR_CODES,
} from './core/errors';
export type { ErrorCode, ErrorInfo, SourceLocation } from './core/errors';
export type { Reuse, ReuseArg } from './core/reuse';
export * as initializers from './engine/initializers';
export * as regularizers from './engine/regularizers';
export * as partitioners from './core/partitioners';
export { noRegularizer } from './engine/regularizers';
export { VERSION } from './version';

// TensorFlow V2 checkpoints (src/checkpoint): list, read, verify and write without TensorFlow.
export {
  CheckpointError,
  CheckpointReader,
  BundleBuilder,
  encodeCheckpoint,
  encodeIndex,
  mergeBundles,
  parseIndex,
  parseCheckpointState,
  formatCheckpointState,
  diffCheckpoint,
  codeVariablesFromAnalysis,
} from './checkpoint';
export type {
  CheckpointErrorCode,
  CheckpointDType,
  CheckpointState,
  ShardStore,
  Tensor,
  TensorInput,
  SliceInput,
  TensorValues,
  TensorValuesInput,
  VariableInfo,
  DiffCodeVariable,
  DiffCheckpointVariable,
  DiffResult,
  DiffSuggestion,
} from './checkpoint';
