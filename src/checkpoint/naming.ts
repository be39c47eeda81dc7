/**
 * File names of a checkpoint, from its prefix (`tensorflow/core/util/tensor_bundle/naming.cc`):
 * `P.index` and `P.data-SSSSS-of-NNNNN` (`%05d`: five digits at least).
 */

export function indexFilename(prefix: string): string {
  return `${prefix}.index`;
}

export function dataFilename(prefix: string, shard: number, numShards: number): string {
  const pad = (n: number) => String(n).padStart(5, '0');
  return `${prefix}.data-${pad(shard)}-of-${pad(numShards)}`;
}
