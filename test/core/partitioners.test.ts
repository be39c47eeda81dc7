import * as assert from 'node:assert/strict';
import { asDType, DType, DTypes } from '../../src/core/dtypes';
import { ERROR_CODES, ValueError } from '../../src/core/errors';
import {
  callPartitioner,
  dtypeSize,
  fixedSizePartitioner,
  iterSlices,
  minMaxVariablePartitioner,
  Partitioner,
  sliceDimAndCount,
  variableAxisSizePartitioner,
} from '../../src/core/partitioners';
import { formatShape } from '../../src/core/shape';
import { throwsTF } from '../support';

function throwsValue(fn: () => unknown, message: string, code: string): void {
  throwsTF(fn, ValueError, message, code);
}

describe('partitioners', () => {
  describe('variableAxisSizePartitioner (partitioned_variables_test.py)', () => {
    // Shape (4, 8, 16, 32) float32: bytes per slice 16384 / 8192 / 4096 / 2048 on axes 0..3.
    const cases: {
      name: string;
      axis: number;
      maxShardBytes: number;
      maxShards?: number;
      expected: number[];
    }[] = [
      { name: 'v0: no need to slice', axis: 0, maxShardBytes: 131072, expected: [1, 1, 1, 1] },
      { name: 'v1: exactly one shard', axis: 1, maxShardBytes: 65536, expected: [1, 1, 1, 1] },
      { name: 'v2: two parts', axis: 2, maxShardBytes: 32768, expected: [1, 1, 2, 1] },
      { name: 'v3a: one slice per shard', axis: 3, maxShardBytes: 2048, expected: [1, 1, 1, 32] },
      { name: 'v3b: slice bigger than max', axis: 3, maxShardBytes: 1024, expected: [1, 1, 1, 32] },
      {
        name: 'v3c: max_shards not binding',
        axis: 3,
        maxShardBytes: 1024,
        maxShards: 33,
        expected: [1, 1, 1, 32],
      },
      {
        name: 'v3d: max_shards binding',
        axis: 3,
        maxShardBytes: 1024,
        maxShards: 2,
        expected: [1, 1, 1, 2],
      },
    ];
    for (const c of cases) {
      it(c.name, () => {
        const p = variableAxisSizePartitioner(c.maxShardBytes, c.axis, 16, c.maxShards);
        assert.deepEqual(p([4, 8, 16, 32], DTypes.float32), c.expected);
      });
    }

    it('uses bytes_per_string_element for strings (v3str)', () => {
      const p = variableAxisSizePartitioner(32768, 3, 8);
      assert.deepEqual(p([4, 8, 16, 32], DTypes.string), [1, 1, 1, 4]);
      assert.deepEqual(p([4, 8, 16, 32], DTypes.string.asRef), [1, 1, 1, 4]);
    });

    it('sizes other dtypes by their byte width', () => {
      const p = variableAxisSizePartitioner(64);
      assert.deepEqual(p([64], DTypes.float64), [8]);
      assert.deepEqual(p([64], DTypes.int8), [1]);
      assert.deepEqual(p([64], DTypes.float16), [2]);
    });

    it('counts a negative axis from the end, like Python indexing', () => {
      const p = variableAxisSizePartitioner(2048, -1);
      assert.deepEqual(p([4, 8, 16, 32], DTypes.float32), [1, 1, 1, 32]);
    });

    it('treats max_shards 0 as no limit', () => {
      const p = variableAxisSizePartitioner(2048, 3, 16, 0);
      assert.deepEqual(p([4, 8, 16, 32], DTypes.float32), [1, 1, 1, 32]);
    });

    const argErrors: [string, () => unknown, string][] = [
      [
        'max_shard_bytes < 1',
        () => variableAxisSizePartitioner(0),
        'Both max_shard_bytes and bytes_per_string_element must be positive.',
      ],
      [
        'bytes_per_string_element < 1',
        () => variableAxisSizePartitioner(10, 0, 0),
        'Both max_shard_bytes and bytes_per_string_element must be positive.',
      ],
      [
        'max_shards < 1',
        () => variableAxisSizePartitioner(10, 0, 16, -1),
        'max_shards must be positive.',
      ],
    ];
    for (const [name, fn, message] of argErrors) {
      it(`rejects ${name}`, () => throwsValue(fn, message, ERROR_CODES.initializerArgs));
    }

    it('fails as Python does for an axis out of range or a zero dimension', () => {
      throwsValue(
        () => variableAxisSizePartitioner(10, 2)([4, 4], DTypes.float32),
        'list index out of range',
        ERROR_CODES.partitionerInvalid,
      );
      throwsValue(
        () => variableAxisSizePartitioner(10, 0)([0, 4], DTypes.float32),
        'division by zero',
        ERROR_CODES.partitionerInvalid,
      );
      throwsValue(
        () => variableAxisSizePartitioner(10, 0)([4, 0], DTypes.float32),
        'float division by zero',
        ERROR_CODES.partitionerInvalid,
      );
    });
  });

  describe('minMaxVariablePartitioner (partitioned_variables_test.py)', () => {
    const cases: [number, number, number, number[], number[]][] = [
      // [max_partitions, axis, min_slice_size, var_shape, expected_partitions]
      [100, 0, 2 << 10, [2048], [4]],
      [100, 0, 256 << 10, [2048, 1024], [32, 1]],
      [16, 0, 256 << 10, [2048, 1024], [16, 1]],
      [1, 0, 256 << 10, [2048, 1024], [1, 1]],
      [100, 0, 128 << 10, [2048, 1024], [64, 1]],
      [100, 0, 512 << 10, [2048, 1024], [16, 1]],
      [100, 1, 256 << 10, [64, 1024, 1, 3], [1, 3, 1, 1]],
      [100, 3, 256 << 10, [64, 1024, 1, 3], [1, 1, 1, 3]],
      [100, 0, 256 << 10, [16, 128, 1024], [16, 1, 1]],
      [100, 0, 256 << 10, [4, 512, 1024], [4, 1, 1]],
    ];
    for (const [maxPartitions, axis, minSliceSize, shape, expected] of cases) {
      it(`max=${maxPartitions} axis=${axis} min=${minSliceSize} shape=${formatShape(shape)}`, () => {
        const p = minMaxVariablePartitioner(maxPartitions, axis, minSliceSize);
        assert.deepEqual(p(shape, DTypes.float32), expected);
      });
    }

    it('defaults to one partition and 256K slices', () => {
      assert.deepEqual(minMaxVariablePartitioner()([2048, 1024], DTypes.float32), [1, 1]);
      assert.deepEqual(minMaxVariablePartitioner(100)([2048, 1024], DTypes.float32), [32, 1]);
    });

    it('never returns fewer than one partition', () => {
      assert.deepEqual(minMaxVariablePartitioner(100, 0, 1 << 30)([3], DTypes.float32), [1]);
    });

    it('uses bytes_per_string_element for strings', () => {
      const p = minMaxVariablePartitioner(100, 0, 1024, 4);
      assert.deepEqual(p([1024], DTypes.string), [4]);
    });

    it('rejects an axis beyond the shape', () => {
      throwsValue(
        () => minMaxVariablePartitioner(100, 1)([2048], DTypes.float32),
        'Can not partition variable along axis 1 when shape is only (2048,)',
        ERROR_CODES.partitionerInvalid,
      );
    });
  });

  describe('fixedSizePartitioner', () => {
    const cases: [number, number, number[], number[]][] = [
      [5, 0, [10, 10], [5, 1]], // testFixedSizePartitioner
      [4, 0, [20], [4]], // testFixedSizePartitionerInt64
      [5, 0, [3, 7], [3, 1]], // capped by the dimension
      [3, 1, [10, 10], [1, 3]],
      [3, -1, [10, 10], [1, 3]],
    ];
    for (const [numShards, axis, shape, expected] of cases) {
      it(`${numShards} shards on axis ${axis} of ${formatShape(shape)}`, () => {
        assert.deepEqual(fixedSizePartitioner(numShards, axis)(shape, DTypes.int64), expected);
      });
    }

    it('raises for an axis outside the shape', () => {
      throwsValue(
        () => fixedSizePartitioner(2, 3)([10, 10], DTypes.float32),
        'list index out of range',
        ERROR_CODES.partitionerInvalid,
      );
    });
  });

  describe('dtypeSize', () => {
    const table: [string, number][] = [
      ['float16', 2],
      ['bfloat16', 2],
      ['float32', 4],
      ['float64', 8],
      ['int8', 1],
      ['int16', 2],
      ['int32', 4],
      ['int64', 8],
      ['uint8', 1],
      ['uint16', 2],
      ['uint32', 4],
      ['uint64', 8],
      ['bool', 1],
      ['complex64', 8],
      ['complex128', 16],
      ['resource', 1],
      ['float32_ref', 4],
    ];
    for (const [name, size] of table) {
      it(`${name} → ${size}`, () => assert.equal(dtypeSize(asDType(name)), size));
    }
  });

  describe('callPartitioner (variable_scope._call_partitioner)', () => {
    const fixed =
      (result: unknown): Partitioner =>
      () =>
        result as number[];

    it('returns the partition list and passes the shape and dtype', () => {
      let seen: [readonly number[], DType] | null = null;
      const p: Partitioner = (shape, dtype) => {
        seen = [shape, dtype];
        return [5, 1];
      };
      assert.deepEqual(callPartitioner(p, [10, 10], DTypes.float32), [5, 1]);
      assert.deepEqual(seen, [[10, 10], DTypes.float32]);
      assert.deepEqual(callPartitioner(fixed([1, 1]), [10, 10], DTypes.float32), [1, 1]);
    });

    const errors: [string, readonly (number | null)[] | null, unknown, string][] = [
      [
        'unknown rank',
        null,
        [1],
        'Shape of a new partitioned variable must be fully defined, but instead was <unknown>.',
      ],
      [
        'unknown dimension',
        [2, null],
        [1, 1],
        'Shape of a new partitioned variable must be fully defined, but instead was (2, ?).',
      ],
      ['scalar', [], [], 'A partitioned Variable must have rank at least 1, shape: ()'],
      ['not a sequence', [10], 5, 'Partitioner must return a sequence, but saw: 5'],
      ['None', [10], null, 'Partitioner must return a sequence, but saw: None'],
      [
        'rank mismatch',
        [10, 10],
        [5],
        "Partitioner returned a partition list that does not match the Variable's rank: [5] vs. (10, 10)",
      ],
      [
        'rank mismatch, rank 1',
        [10],
        [5, 1],
        "Partitioner returned a partition list that does not match the Variable's rank: [5, 1] vs. (10,)",
      ],
      [
        'zero partitions',
        [10, 10],
        [0, 1],
        'Partitioner returned zero partitions for some axes: [0, 1]',
      ],
      [
        'two sliced axes',
        [10, 10],
        [2, 2],
        'Can only slice a variable along one dimension: shape: (10, 10), partitioning: [2, 2]',
      ],
    ];
    for (const [name, shape, result, message] of errors) {
      it(`rejects: ${name}`, () =>
        throwsValue(
          () => callPartitioner(fixed(result), shape, DTypes.float32),
          message,
          ERROR_CODES.partitionerInvalid,
        ));
    }

    it('does not call the partitioner when the shape is not fully defined', () => {
      let called = false;
      const p: Partitioner = () => {
        called = true;
        return [1];
      };
      assert.throws(() => callPartitioner(p, [null], DTypes.float32));
      assert.equal(called, false);
    });

    it('runs the real partitioners end to end', () => {
      const p = fixedSizePartitioner(5);
      assert.deepEqual(callPartitioner(p, [10, 10], DTypes.float32), [5, 1]);
      const mm = minMaxVariablePartitioner(100, 0, 2 << 10);
      assert.deepEqual(callPartitioner(mm, [2048], DTypes.float32), [4]);
    });
  });

  describe('sliceDimAndCount', () => {
    const cases: [number[], number, number][] = [
      [[1, 1], 0, 1],
      [[1], 0, 1],
      [[5, 1], 0, 5],
      [[1, 3], 1, 3],
      [[1, 1, 1, 32], 3, 32],
    ];
    for (const [parts, sliceDim, numSlices] of cases) {
      it(`${JSON.stringify(parts)} → dim ${sliceDim}, ${numSlices} slices`, () =>
        assert.deepEqual(sliceDimAndCount(parts), { sliceDim, numSlices }));
    }
  });

  describe('iterSlices (variable_scope._iter_slices)', () => {
    it('gives the remainder to the first shards: 10 rows in 3 → 4, 3, 3', () => {
      assert.deepEqual(iterSlices([10, 4], 3, 0), [
        { offset: [0, 0], shape: [4, 4] },
        { offset: [4, 0], shape: [3, 4] },
        { offset: [7, 0], shape: [3, 4] },
      ]);
    });

    // testRandomInitUnevenPartitions: save specs "20 43 0,20:<offset>,<size>" for 1..5 slices.
    const uneven: [number, [number, number][]][] = [
      [1, [[0, 43]]],
      [
        2,
        [
          [0, 22],
          [22, 21],
        ],
      ],
      [
        3,
        [
          [0, 15],
          [15, 14],
          [29, 14],
        ],
      ],
      [
        4,
        [
          [0, 11],
          [11, 11],
          [22, 11],
          [33, 10],
        ],
      ],
      [
        5,
        [
          [0, 9],
          [9, 9],
          [18, 9],
          [27, 8],
          [35, 8],
        ],
      ],
    ];
    for (const [n, specs] of uneven) {
      it(`[20, 43] in ${n} along axis 1`, () => {
        const slices = iterSlices([20, 43], n, 1);
        assert.deepEqual(
          slices,
          specs.map(([off, size]) => ({ offset: [0, off], shape: [20, size] })),
        );
      });
    }

    it('slices of size one (testSliceSizeOne)', () => {
      const slices = iterSlices([10, 43], 10, 0);
      assert.equal(slices.length, 10);
      slices.forEach((s, i) => assert.deepEqual(s, { offset: [i, 0], shape: [1, 43] }));
    });

    it('13 rows in 3 → 5, 4, 4 (testIotaInitializer)', () => {
      assert.deepEqual(
        iterSlices([13, 5], 3, 0).map((s) => [s.offset[0], s.shape[0]]),
        [
          [0, 5],
          [5, 4],
          [9, 4],
        ],
      );
    });

    it('a single slice is the whole variable', () => {
      assert.deepEqual(iterSlices([7], 1, 0), [{ offset: [0], shape: [7] }]);
    });

    it('more slices than rows gives empty trailing shards, as TF computes them', () => {
      const sizes = iterSlices([10, 2], 11, 0).map((s) => s.shape[0]);
      assert.deepEqual(sizes, [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0]);
    });

    it('does not share arrays between slices or with the input', () => {
      const full = [6, 2];
      const slices = iterSlices(full, 2, 0);
      slices[0].shape[1] = 99;
      slices[0].offset[0] = 99;
      assert.deepEqual(full, [6, 2]);
      assert.deepEqual(slices[1], { offset: [3, 0], shape: [3, 2] });
    });
  });
});
