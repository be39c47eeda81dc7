/**
 * TensorFlow 1.15's initializers (`tensorflow/python/ops/init_ops.py`) on TensorFlow.js: the
 * public API, re-exported from one module per concept. Defaults, formulas, argument checks and
 * messages follow TF 1.15; each module's header says what it covers and what cannot match TF.
 *
 * - `base.ts`: `Initializer`, `PartitionInfo`, `DTypeLike`, `tfjsDType` (TF dtype → tfjs
 *   storage: float16/bfloat16/float64 as float32, every integer type as int32).
 * - `fill.ts`: `Zeros`, `Ones`, `Constant`.
 * - `random.ts`: `RandomUniform`, `RandomNormal`, `TruncatedNormal`, `UniformUnitScaling`.
 * - `variance-scaling.ts`: `VarianceScaling`, `GlorotUniform`, `GlorotNormal`, `he*` / `lecun*`,
 *   `computeFans`.
 * - `matrix.ts`: `Orthogonal`, `Identity`.
 * - `constant-value.ts`: `make_tensor_proto` — `constantValueInfo`, `constantTensor`,
 *   `NumberTyping` (how a number given without a dtype is typed).
 * - `py-values.ts`: `ConstantValue`, `pyFloatRepr`, and how a JS number stands for a Python int
 *   or float when an argument is converted to a dtype.
 * - `random-ops.ts` (internal): the random ops, their checks and seeds.
 *
 * Nothing is defined here.
 */
export { Initializer, tfjsDType } from './base';
export type { DTypeLike, PartitionInfo } from './base';
export { pyFloatRepr } from './py-values';
export type { ConstantValue } from './py-values';
export { Constant, constant, Ones, ones, Zeros, zeros } from './fill';
export type { ConstantOptions } from './fill';
export {
  RandomNormal,
  randomNormal,
  RandomUniform,
  randomUniform,
  TruncatedNormal,
  truncatedNormal,
  UniformUnitScaling,
  uniformUnitScaling,
} from './random';
export type { NormalOptions, RandomUniformOptions, UniformUnitScalingOptions } from './random';
export {
  computeFans,
  GlorotNormal,
  glorotNormal,
  GlorotUniform,
  glorotUniform,
  heNormal,
  heUniform,
  lecunNormal,
  lecunUniform,
  VarianceScaling,
  varianceScaling,
} from './variance-scaling';
export type { FanMode, GlorotOptions, VarianceScalingOptions } from './variance-scaling';
export { Identity, identity, Orthogonal, orthogonal } from './matrix';
export type { IdentityOptions, OrthogonalOptions } from './matrix';
export { constantTensor, constantValueInfo } from './constant-value';
export type { NumberTyping } from './constant-value';
