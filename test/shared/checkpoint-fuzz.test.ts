/**
 * The checkpoint fuzz suite (test/checkpoint/fuzz-suite.ts) on the real checkpoints of the
 * reference material: TF's own `.index` files and two data shards each.
 */
import { dataFilename } from '../../src/checkpoint/naming';
import { fuzzCheckpoint } from '../checkpoint/fuzz-suite';
import { readBytes } from '../checkpoint/helpers';
import { T2T, TFX } from './checkpoint-helpers';

const real = [
  { name: 'real t2t-transformer', prefix: T2T, rounds: 500 },
  { name: 'real tfx-taxi-estimator', prefix: TFX, rounds: 1500 },
];

for (const c of real)
  fuzzCheckpoint({
    name: c.name,
    rounds: c.rounds,
    files: () => ({
      index: readBytes(`${c.prefix}.index`),
      shards: [0, 1].map((s) => readBytes(dataFilename(c.prefix, s, 2))),
    }),
  });
