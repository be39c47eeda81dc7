/**
 * Conformance mirrors: partitioned variables (`fixed_size_partitioner` along an axis and its shard
 * cap, one regularization loss per shard, reuse with a different partitioning, duplicates).
 */
import {
  getCollection,
  getVariable,
  globalVariables,
  GraphKeys,
  NamedTensor,
  partitioners,
  regularizers,
  variableScope,
} from '../../../src/index';
import { formatShapeList } from '../../../src/core/shape';
import { describeConformance, exceptValueError, partitioned, program, pyStrList } from './harness';

describeConformance('conformance: partitioned variables', () => {
  program('094_regularizer_partitioned', () => {
    const out: string[] = [];
    const reg = regularizers.l2Regularizer(0.5);
    variableScope('s', { partitioner: partitioners.fixedSizePartitioner(2) }, () => {
      getVariable('p', { shape: [4, 2], regularizer: reg });
    });
    const losses = getCollection(GraphKeys.REGULARIZATION_LOSSES) as NamedTensor[];
    out.push(pyStrList(losses.map((l) => l.name)));
    return out;
  });

  program('097_partition_axis1_and_cap', () => {
    const out: string[] = [];
    const a = partitioned(
      getVariable('a', { shape: [3, 5], partitioner: partitioners.fixedSizePartitioner(2, 1) }),
    );
    const b = partitioned(
      getVariable('b', { shape: [2, 3], partitioner: partitioners.fixedSizePartitioner(5) }),
    );
    out.push(`[${[...a].map((p) => formatShapeList(p.shape)).join(', ')}]`);
    out.push(`[${[...b].map((p) => formatShapeList(p.shape)).join(', ')}]`);
    out.push(pyStrList(globalVariables().map((x) => x.name)));
    return out;
  });

  program('100_partition_reuse_changed_partitions', () => {
    const out: string[] = [];
    variableScope('scope0', { partitioner: partitioners.fixedSizePartitioner(2) }, () => {
      getVariable('name0', { shape: [3, 1, 1] });
    });
    for (const shards of [3, 1]) {
      exceptValueError(out, () =>
        variableScope(
          'scope0',
          { partitioner: partitioners.fixedSizePartitioner(shards), reuse: true },
          () => getVariable('name0', { shape: [3, 1, 1] }),
        ),
      );
    }
    return out;
  });

  program('103_partitioned_duplicate', () => {
    const out: string[] = [];
    getVariable('p', { shape: [4, 2], partitioner: partitioners.fixedSizePartitioner(2) });
    exceptValueError(out, () =>
      getVariable('p', { shape: [4, 2], partitioner: partitioners.fixedSizePartitioner(2) }),
    );
    return out;
  });
});
