import * as assert from 'node:assert/strict';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { asDType, DType, DTypes } from '../../src/core/dtypes';
import { ERROR_CODES, TypeError as TFTypeError, ValueError } from '../../src/core/errors';
import {
  computeFans,
  constant,
  constantTensor,
  constantValueInfo,
  glorotNormal,
  glorotUniform,
  heNormal,
  heUniform,
  identity,
  Initializer,
  lecunNormal,
  lecunUniform,
  ones,
  orthogonal,
  PartitionInfo,
  pyFloatRepr,
  randomNormal,
  randomUniform,
  tfjsDType,
  truncatedNormal,
  uniformUnitScaling,
  varianceScaling,
  zeros,
} from '../../src/engine/initializers';
import { throwsTF as throwsShared } from '../support';

/** Calls the initializer, returns the values and disposes the tensor. */
function values(
  init: Initializer,
  shape: number[],
  dtype?: DType,
  partitionInfo?: PartitionInfo,
): { data: number[]; shape: number[]; dtype: tf.DataType } {
  const t = init.call(shape, dtype, partitionInfo);
  const out = {
    data: Array.from(t.dataSync() as ArrayLike<number>),
    shape: t.shape,
    dtype: t.dtype,
  };
  t.dispose();
  return out;
}

function stats(xs: number[]): { mean: number; std: number; min: number; max: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length;
  return { mean, std: Math.sqrt(variance), min: Math.min(...xs), max: Math.max(...xs) };
}

function near(actual: number, expected: number, tolerance: number, what = 'value'): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance,
    `${what}: ${actual} not within ${tolerance} of ${expected}`,
  );
}

/** Asserts a TF error of class `cls` with exactly `message` and code TF-INIT-ARGS. */
function throwsTF(
  fn: () => unknown,
  cls: typeof ValueError | typeof TFTypeError,
  message: string,
): void {
  throwsShared(fn, cls, message, ERROR_CODES.initializerArgs);
}

const I = (n: number): number[][] =>
  Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));

function assertMatrixNear(actual: number[][], expected: number[][], tol = 1e-4): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((row, i) => row.forEach((x, j) => near(x, expected[i][j], tol, `[${i}][${j}]`)));
}

describe('initializers', () => {
  describe('class names, op names and configs', () => {
    const table: [string, () => Initializer, string, string, Record<string, unknown>][] = [
      ['zeros', () => zeros(), 'Zeros', 'zeros', { dtype: 'float32' }],
      ['ones', () => ones({ dtype: 'int32' }), 'Ones', 'ones', { dtype: 'int32' }],
      [
        'constant',
        () => constant([1, 2]),
        'Constant',
        'Const',
        { value: [1, 2], dtype: 'float32' },
      ],
      [
        'randomUniform',
        () => randomUniform(),
        'RandomUniform',
        'random_uniform',
        { minval: 0, maxval: null, seed: null, dtype: 'float32' },
      ],
      [
        'randomNormal',
        () => randomNormal({ seed: 3 }),
        'RandomNormal',
        'random_normal',
        { mean: 0, stddev: 1, seed: 3, dtype: 'float32' },
      ],
      [
        'truncatedNormal',
        () => truncatedNormal({ mean: 1, stddev: 2, dtype: DTypes.float64 }),
        'TruncatedNormal',
        'truncated_normal',
        { mean: 1, stddev: 2, seed: null, dtype: 'float64' },
      ],
      [
        'uniformUnitScaling',
        () => uniformUnitScaling(),
        'UniformUnitScaling',
        'random_uniform',
        { factor: 1, seed: null, dtype: 'float32' },
      ],
      [
        'varianceScaling',
        () => varianceScaling(),
        'VarianceScaling',
        'truncated_normal',
        {
          scale: 1,
          mode: 'fan_in',
          distribution: 'truncated_normal',
          seed: null,
          dtype: 'float32',
        },
      ],
      [
        'varianceScaling untruncated',
        () => varianceScaling({ distribution: 'untruncated_normal' }),
        'VarianceScaling',
        'random_normal',
        {
          scale: 1,
          mode: 'fan_in',
          distribution: 'untruncated_normal',
          seed: null,
          dtype: 'float32',
        },
      ],
      [
        "varianceScaling TF1 alias 'normal'",
        () => varianceScaling({ distribution: 'normal', mode: 'fan_avg', scale: 2 }),
        'VarianceScaling',
        'truncated_normal',
        { scale: 2, mode: 'fan_avg', distribution: 'normal', seed: null, dtype: 'float32' },
      ],
      [
        'varianceScaling upper-case uniform',
        () => varianceScaling({ distribution: 'UNIFORM' }),
        'VarianceScaling',
        'random_uniform',
        { scale: 1, mode: 'fan_in', distribution: 'uniform', seed: null, dtype: 'float32' },
      ],
      [
        'glorotUniform',
        () => glorotUniform({ seed: 1 }),
        'GlorotUniform',
        'random_uniform',
        { seed: 1, dtype: 'float32' },
      ],
      [
        'glorotNormal',
        () => glorotNormal(),
        'GlorotNormal',
        'truncated_normal',
        { seed: null, dtype: 'float32' },
      ],
      [
        'heNormal',
        () => heNormal(),
        'VarianceScaling',
        'truncated_normal',
        {
          scale: 2,
          mode: 'fan_in',
          distribution: 'truncated_normal',
          seed: null,
          dtype: 'float32',
        },
      ],
      [
        'heUniform',
        () => heUniform({ seed: 5 }),
        'VarianceScaling',
        'random_uniform',
        { scale: 2, mode: 'fan_in', distribution: 'uniform', seed: 5, dtype: 'float32' },
      ],
      [
        'lecunNormal',
        () => lecunNormal(),
        'VarianceScaling',
        'truncated_normal',
        {
          scale: 1,
          mode: 'fan_in',
          distribution: 'truncated_normal',
          seed: null,
          dtype: 'float32',
        },
      ],
      [
        'lecunUniform',
        () => lecunUniform(),
        'VarianceScaling',
        'random_uniform',
        { scale: 1, mode: 'fan_in', distribution: 'uniform', seed: null, dtype: 'float32' },
      ],
      [
        'orthogonal',
        () => orthogonal({ gain: 2 }),
        'Orthogonal',
        'mul',
        { gain: 2, seed: null, dtype: 'float32' },
      ],
      ['identity', () => identity(), 'Identity', 'mul', { gain: 1, dtype: 'float32' }],
    ];
    for (const [name, make, className, opName, config] of table) {
      it(`${name}: ${className} / ${opName}`, () => {
        const init = make();
        assert.ok(init instanceof Initializer);
        assert.equal(init.className, className);
        assert.equal(init.opName, opName);
        assert.deepEqual(init.getConfig(), config);
      });
    }

    it('keeps the construction dtype (float32 by default)', () => {
      assert.equal(zeros().dtype, DTypes.float32);
      assert.equal(zeros({ dtype: DTypes.int64 }).dtype, DTypes.int64);
      assert.equal(randomNormal({ dtype: 'float16' }).dtype, DTypes.float16);
      assert.equal(constant(1, { dtype: DTypes.float32.asRef }).dtype, DTypes.float32);
    });

    it('GlorotUniform/GlorotNormal ignore their dtype argument, as TF 1.15 does', () => {
      assert.equal(glorotUniform({ dtype: DTypes.float64 }).dtype, DTypes.float32);
      assert.equal(glorotNormal({ dtype: DTypes.int32 }).dtype, DTypes.float32);
    });
  });

  describe('tfjsDType', () => {
    const table: [string, tf.DataType][] = [
      ['float16', 'float32'],
      ['bfloat16', 'float32'],
      ['float32', 'float32'],
      ['float64', 'float32'],
      ['float64_ref', 'float32'],
      ['int8', 'int32'],
      ['int16', 'int32'],
      ['int32', 'int32'],
      ['int64', 'int32'],
      ['uint8', 'int32'],
      ['uint64', 'int32'],
      ['qint8', 'int32'],
      ['bool', 'bool'],
      ['string', 'string'],
      ['complex64', 'complex64'],
      ['complex128', 'complex64'],
    ];
    for (const [name, storage] of table) {
      it(`${name} → ${storage}`, () => assert.equal(tfjsDType(asDType(name)), storage));
    }
    it('refuses resource', () => assert.throws(() => tfjsDType(DTypes.resource), /resource/));
  });

  describe('computeFans (init_ops._compute_fans)', () => {
    const table: [number[], [number, number]][] = [
      [[], [1, 1]],
      [[5], [5, 5]],
      [
        [3, 4],
        [3, 4],
      ],
      [
        [2, 5, 7],
        [10, 14],
      ],
      [
        [3, 3, 16, 32],
        [144, 288],
      ],
      [
        [2, 2, 2, 4, 8],
        [32, 64],
      ],
    ];
    for (const [shape, fans] of table) {
      it(`${JSON.stringify(shape)} → ${JSON.stringify(fans)}`, () =>
        assert.deepEqual(computeFans(shape), fans));
    }
  });

  describe('zeros / ones', () => {
    const dtypes: [DType, tf.DataType, number | boolean | string, number | boolean | string][] = [
      [DTypes.float32, 'float32', 0, 1],
      [DTypes.float64, 'float32', 0, 1],
      [DTypes.int32, 'int32', 0, 1],
      [DTypes.int64, 'int32', 0, 1],
      [DTypes.uint8, 'int32', 0, 1],
      [DTypes.bool, 'bool', 0, 1],
    ];
    for (const [dtype, storage, zero, one] of dtypes) {
      it(`${dtype.name}`, () => {
        const z = values(zeros(), [2, 3], dtype);
        assert.equal(z.dtype, storage);
        assert.deepEqual(z.shape, [2, 3]);
        assert.deepEqual(z.data, new Array(6).fill(zero));
        const o = values(ones(), [3], dtype);
        assert.equal(o.dtype, storage);
        assert.deepEqual(o.data, new Array(3).fill(one));
      });
    }

    it('uses the construction dtype when call gets none', () => {
      assert.equal(values(zeros({ dtype: 'int64' }), [2]).dtype, 'int32');
      assert.equal(values(ones({ dtype: 'bool' }), [2]).dtype, 'bool');
    });

    it('zeros of string are empty strings', () => {
      const t = zeros().call([2], DTypes.string);
      assert.equal(t.dtype, 'string');
      assert.deepEqual(t.arraySync(), ['', '']);
      t.dispose();
    });

    it('ones of string fails as constant(1, dtype=string) does', () =>
      throwsTF(
        () => ones().call([2], DTypes.string),
        TFTypeError,
        "Expected string, got 1 of type 'int' instead.",
      ));

    it('works for scalars and empty shapes', () => {
      assert.deepEqual(values(ones(), []), { data: [1], shape: [], dtype: 'float32' });
      assert.deepEqual(values(zeros(), [0, 3]).data, []);
    });
  });

  describe('constant', () => {
    const fills: [string, Parameters<typeof constant>[0], number[], DType, unknown][] = [
      [
        'scalar fills the shape',
        3,
        [2, 2],
        DTypes.float32,
        [
          [3, 3],
          [3, 3],
        ],
      ],
      [
        'exact list is reshaped',
        [0, 1, 2, 3, 4, 5, 6, 7],
        [2, 4],
        DTypes.float32,
        [
          [0, 1, 2, 3],
          [4, 5, 6, 7],
        ],
      ],
      [
        'shorter list is padded with its last element',
        [0, 1, 2, 3, 4, 5, 6, 7],
        [3, 4],
        DTypes.float32,
        [
          [0, 1, 2, 3],
          [4, 5, 6, 7],
          [7, 7, 7, 7],
        ],
      ],
      [
        'nested value is flattened then reshaped',
        [
          [1, 2],
          [3, 4],
        ],
        [4],
        DTypes.float32,
        [1, 2, 3, 4],
      ],
      [
        'nested value is reshaped',
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        [3, 2],
        DTypes.int32,
        [
          [1, 2],
          [3, 4],
          [5, 6],
        ],
      ],
      ['empty list gives zeros', [], [3], DTypes.float32, [0, 0, 0]],
      ['bools into a float', [true, false], [2], DTypes.float32, [1, 0]],
      ['bool dtype (tfjs reads bools as 0/1)', [true, false], [3], DTypes.bool, [1, 0, 0]],
      ['int dtype', 7, [2], DTypes.int64, [7, 7]],
      ['string dtype', ['a', 'b'], [3], DTypes.string, ['a', 'b', 'b']],
      ['zero-size shape ignores the value', ['x', [1]], [0, 2], DTypes.float32, []],
      ['scalar shape', [5], [], DTypes.float32, 5],
    ];
    for (const [name, value, shape, dtype, expected] of fills) {
      it(name, () => {
        const t = constant(value).call(shape, dtype);
        assert.deepEqual(t.shape, shape);
        assert.equal(t.dtype, tfjsDType(dtype));
        const got = t.arraySync();
        t.dispose();
        assert.deepEqual(got, expected);
      });
    }

    const errors: [string, () => unknown, typeof ValueError | typeof TFTypeError, string][] = [
      [
        'too many elements',
        () => constant([0, 1, 2, 3, 4, 5, 6, 7]).call([2, 3]),
        ValueError,
        'Too many elements provided. Needed at most 6, but received 8',
      ],
      [
        'verify_shape',
        () => constant([0, 1, 2, 3, 4, 5, 6, 7], { verifyShape: true }).call([3, 4]),
        TFTypeError,
        "Expected Tensor's shape: (3, 4), got (8,).",
      ],
      [
        'verify_shape, scalar',
        () => constant(1, { verifyShape: true }).call([2]),
        TFTypeError,
        "Expected Tensor's shape: (2,), got ().",
      ],
      [
        'float into an int dtype',
        () => constant([1, 0.5]).call([2], DTypes.int32),
        TFTypeError,
        "Expected int32, got 0.5 of type 'float' instead.",
      ],
      [
        'int into a bool dtype',
        () => constant(1).call([2], DTypes.bool),
        TFTypeError,
        "Expected bool, got 1 of type 'int' instead.",
      ],
      [
        'string into a float dtype',
        () => constant(['a']).call([1]),
        TFTypeError,
        "Expected float32, got 'a' of type 'str' instead.",
      ],
      [
        'bool into a string dtype',
        () => constant(true).call([1], DTypes.string),
        TFTypeError,
        "Expected string, got True of type 'bool' instead.",
      ],
      [
        'ragged value',
        () => constant([[1, 2], [3]]).call([4]),
        ValueError,
        'setting an array element with a sequence.',
      ],
      [
        'None value',
        () => constant(null as unknown as number),
        TFTypeError,
        "Invalid type for initial value: <class 'NoneType'> (expected Python scalar, list or tuple of values, or numpy.ndarray).",
      ],
      [
        'dict value',
        () => constant({} as unknown as number),
        TFTypeError,
        "Invalid type for initial value: <class 'dict'> (expected Python scalar, list or tuple of values, or numpy.ndarray).",
      ],
    ];
    for (const [name, fn, cls, message] of errors) {
      it(`rejects: ${name}`, () => throwsTF(fn, cls, message));
    }

    it('defaults to the value 0', () => assert.deepEqual(values(constant(), [2]).data, [0, 0]));
  });

  describe('constantValueInfo / constantTensor', () => {
    // Python typing: a whole number stands for a Python int (what the Python runtime needs).
    const infos: [string, Parameters<typeof constantValueInfo>[0], string, number[]][] = [
      ['int', 1, 'int32', []],
      ['float', 1.5, 'float32', []],
      ['bool', true, 'bool', []],
      ['string', 'abc', 'string', []],
      ['int list', [1, 2], 'int32', [2]],
      ['mixed int/float', [1, 2.5], 'float32', [2]],
      ['bools and ints', [true, 1], 'int32', [2]],
      ['nested bools', [[true], [false]], 'bool', [2, 1]],
      ['empty list', [], 'float32', [0]],
      ['list of empty lists', [[], []], 'float32', [2, 0]],
      ['large int', [2 ** 40], 'int64', [1]],
      ['strings', [['a', 'b']], 'string', [1, 2]],
      ['NaN', NaN, 'float32', []],
    ];
    for (const [name, value, dtype, shape] of infos) {
      it(`infers ${name} (python typing)`, () =>
        assert.deepEqual(constantValueInfo(value, 'python'), { dtype: asDType(dtype), shape }));
    }

    // Float typing (the default, TensorFlow.js's convention): every number is float32.
    const floatInfos: [string, Parameters<typeof constantValueInfo>[0], string, number[]][] = [
      ['whole number', 1, 'float32', []],
      ['whole-number list', [1, 2], 'float32', [2]],
      ['bool', true, 'bool', []],
      ['string', 'abc', 'string', []],
    ];
    for (const [name, value, dtype, shape] of floatInfos) {
      it(`infers ${name} (float typing)`, () =>
        assert.deepEqual(constantValueInfo(value), { dtype: asDType(dtype), shape }));
    }

    it('rejects a ragged list', () =>
      throwsTF(
        () => constantValueInfo([[1, 2], [3]]),
        ValueError,
        'Argument must be a dense tensor: [[1, 2], [3]] - got shape [2], but wanted [2, 2].',
      ));

    it('rejects a deeper ragged list', () =>
      throwsTF(
        () => constantValueInfo([[[1, 2]], [[3]]]),
        ValueError,
        'Argument must be a dense tensor: [[[1, 2]], [[3]]] - got shape [2, 1], but wanted [2, 1, 2].',
      ));

    it('rejects strings mixed with numbers', () =>
      throwsTF(
        () => constantValueInfo(['a', 1.5]),
        TFTypeError,
        "Failed to convert object of type <class 'list'> to Tensor. Contents: ['a', 1.5]. Consider casting elements to a supported type.",
      ));

    it('builds the tensor with the inferred dtype and shape', () => {
      const t = constantTensor(
        [
          [1, 2],
          [3, 4],
        ],
        null,
        null,
        false,
        'python',
      );
      assert.equal(t.dtype, 'int32');
      assert.deepEqual(t.arraySync(), [
        [1, 2],
        [3, 4],
      ]);
      t.dispose();
      const f = constantTensor(2.5, DTypes.float64, [2]);
      assert.equal(f.dtype, 'float32');
      assert.deepEqual(f.arraySync(), [2.5, 2.5]);
      f.dispose();
    });
  });

  describe('random initializers: statistics', () => {
    it('randomNormal: mean and stddev', () => {
      const { data } = values(randomNormal({ mean: 0.5, stddev: 2, seed: 1 }), [200, 100]);
      const s = stats(data);
      near(s.mean, 0.5, 0.06, 'mean');
      near(s.std, 2, 0.06, 'std');
      assert.ok(s.max - 0.5 > 2 * 2, 'an untruncated normal exceeds 2 stddev');
    });

    it('truncatedNormal: |x - mean| <= 2 stddev, std ≈ 0.88 stddev', () => {
      const { data } = values(truncatedNormal({ mean: 1, stddev: 0.5, seed: 2 }), [200, 100]);
      const s = stats(data);
      assert.ok(s.max <= 1 + 2 * 0.5 + 1e-6 && s.min >= 1 - 2 * 0.5 - 1e-6, `${s.min}..${s.max}`);
      near(s.mean, 1, 0.02, 'mean');
      near(s.std, 0.5 * 0.87962566103423978, 0.01, 'std');
    });

    it('randomUniform: in [minval, maxval), default [0, 1)', () => {
      const a = stats(values(randomUniform({ minval: -3, maxval: 5, seed: 4 }), [20000]).data);
      assert.ok(a.min >= -3 && a.max < 5, `${a.min}..${a.max}`);
      near(a.mean, 1, 0.1, 'mean');
      const b = stats(values(randomUniform(), [20000]).data);
      assert.ok(b.min >= 0 && b.max < 1);
      near(b.mean, 0.5, 0.02, 'mean');
    });

    it('randomUniform on integers: whole numbers in [minval, maxval)', () => {
      const { data, dtype } = values(
        randomUniform({ minval: 2, maxval: 6, seed: 1 }),
        [2000],
        DTypes.int64,
      );
      assert.equal(dtype, 'int32');
      assert.ok(data.every((x) => Number.isInteger(x) && x >= 2 && x < 6));
      assert.deepEqual([...new Set(data)].sort(), [2, 3, 4, 5]);
    });

    // Glorot/He/LeCun limits and standard deviations, from the fans of the (full) shape.
    const uniformCases: [string, () => Initializer, number[], PartitionInfo | undefined, number][] =
      [
        [
          'glorotUniform 2-D',
          () => glorotUniform({ seed: 1 }),
          [100, 50],
          undefined,
          Math.sqrt(6 / 150),
        ],
        [
          'glorotUniform conv',
          () => glorotUniform({ seed: 1 }),
          [3, 3, 16, 32],
          undefined,
          Math.sqrt(6 / (144 + 288)),
        ],
        [
          'glorotUniform partitioned: fans of the full shape',
          () => glorotUniform({ seed: 1 }),
          [25, 50],
          { fullShape: [100, 50], varOffset: [25, 0] },
          Math.sqrt(6 / 150),
        ],
        ['heUniform', () => heUniform({ seed: 1 }), [50, 80], undefined, Math.sqrt(6 / 50)],
        [
          'lecunUniform',
          () => lecunUniform({ seed: 1 }),
          [3, 3, 8, 4],
          undefined,
          Math.sqrt(3 / 72),
        ],
        [
          'varianceScaling uniform fan_out',
          () => varianceScaling({ scale: 3, mode: 'fan_out', distribution: 'uniform', seed: 1 }),
          [40, 60],
          undefined,
          Math.sqrt((3 * 3) / 60),
        ],
        [
          'uniformUnitScaling',
          () => uniformUnitScaling({ factor: 1.5, seed: 1 }),
          [4, 5, 30],
          undefined,
          Math.sqrt(3 / 20) * 1.5,
        ],
        [
          'uniformUnitScaling partitioned',
          () => uniformUnitScaling({ seed: 1 }),
          [2, 30],
          { fullShape: [12, 30], varOffset: [4, 0] },
          Math.sqrt(3 / 12),
        ],
        [
          'uniformUnitScaling on a vector: input size 1',
          () => uniformUnitScaling({ seed: 1 }),
          [4000],
          undefined,
          Math.sqrt(3),
        ],
      ];
    for (const [name, make, shape, info, limit] of uniformCases) {
      it(`${name}: limit ${limit.toFixed(4)}`, () => {
        const { data } = values(make(), shape, undefined, info);
        const s = stats(data);
        assert.ok(s.max <= limit && s.min >= -limit, `${s.min}..${s.max} beyond ±${limit}`);
        assert.ok(s.max > 0.9 * limit && s.min < -0.9 * limit, 'the range is used');
      });
    }

    const normalCases: [string, () => Initializer, number[], PartitionInfo | undefined, number][] =
      [
        [
          'glorotNormal',
          () => glorotNormal({ seed: 3 }),
          [100, 100],
          undefined,
          Math.sqrt(2 / 200),
        ],
        [
          'glorotNormal partitioned',
          () => glorotNormal({ seed: 3 }),
          [100, 100],
          { fullShape: [300, 100], varOffset: [0, 0] },
          Math.sqrt(2 / 400),
        ],
        ['heNormal', () => heNormal({ seed: 3 }), [50, 200], undefined, Math.sqrt(2 / 50)],
        [
          'lecunNormal',
          () => lecunNormal({ seed: 3 }),
          [3, 3, 10, 100],
          undefined,
          Math.sqrt(1 / 90),
        ],
        [
          'varianceScaling untruncated fan_avg',
          () =>
            varianceScaling({
              scale: 2,
              mode: 'fan_avg',
              distribution: 'untruncated_normal',
              seed: 3,
            }),
          [100, 300],
          undefined,
          Math.sqrt(2 / 200),
        ],
        [
          "varianceScaling 'normal' (truncated)",
          () => varianceScaling({ distribution: 'normal', seed: 3 }),
          [64, 200],
          undefined,
          Math.sqrt(1 / 64),
        ],
      ];
    for (const [name, make, shape, info, std] of normalCases) {
      it(`${name}: std ${std.toFixed(4)}`, () => {
        const s = stats(values(make(), shape, undefined, info).data);
        near(s.mean, 0, std * 0.05, 'mean');
        near(s.std, std, std * 0.05, 'std');
      });
    }

    it('truncated variance scaling stays within 2 pre-truncation stddevs', () => {
      const std = Math.sqrt(2 / 50) / 0.87962566103423978;
      const s = stats(values(heNormal({ seed: 9 }), [50, 400]).data);
      assert.ok(s.max <= 2 * std + 1e-6 && s.min >= -2 * std - 1e-6);
    });

    it('computes in float32 for float16/float64', () => {
      assert.equal(values(randomNormal(), [3], DTypes.float64).dtype, 'float32');
      assert.equal(values(glorotUniform(), [3, 3], DTypes.float16).dtype, 'float32');
    });
  });

  describe('orthogonal', () => {
    function gram(init: Initializer, shape: number[], rows: boolean): number[][] {
      return tf.tidy(() => {
        const t = init.call(shape);
        const m = tf.reshape(t, [-1, shape[shape.length - 1]]);
        const g = rows ? tf.matMul(m, m, false, true) : tf.matMul(m, m, true, false);
        return g.arraySync() as number[][];
      });
    }

    it('tall matrix has orthonormal columns (QᵀQ = I)', () =>
      assertMatrixNear(gram(orthogonal({ seed: 1 }), [6, 4], false), I(4)));
    it('wide matrix has orthonormal rows (QQᵀ = I)', () =>
      assertMatrixNear(gram(orthogonal({ seed: 1 }), [4, 6], true), I(4)));
    it('square matrix is orthogonal', () =>
      assertMatrixNear(gram(orthogonal({ seed: 2 }), [5, 5], false), I(5)));
    it('conv kernel is flattened to (prod(shape[:-1]), shape[-1])', () =>
      assertMatrixNear(gram(orthogonal({ seed: 1 }), [3, 3, 4, 8], false), I(8)));
    it('gain scales the matrix', () =>
      assertMatrixNear(
        gram(orthogonal({ gain: 2, seed: 1 }), [5, 3], false),
        I(3).map((r) => r.map((x) => 4 * x)),
      ));
    it('keeps the requested shape', () =>
      assert.deepEqual(values(orthogonal(), [2, 3, 4]).shape, [2, 3, 4]));
    it('rejects rank < 2', () =>
      throwsTF(
        () => orthogonal().call([5]),
        ValueError,
        'The tensor to initialize must be at least two-dimensional',
      ));
  });

  describe('identity', () => {
    it('square and rectangular', () => {
      const t = identity().call([3, 3]);
      assert.deepEqual(t.arraySync(), I(3));
      t.dispose();
      const r = identity({ gain: 2 }).call([2, 3]);
      assert.deepEqual(r.arraySync(), [
        [2, 0, 0],
        [0, 2, 0],
      ]);
      r.dispose();
    });

    it('slices the full identity for a shard', () => {
      const t = identity().call([2, 4], undefined, { fullShape: [4, 4], varOffset: [2, 0] });
      assert.deepEqual(t.arraySync(), [
        [0, 0, 1, 0],
        [0, 0, 0, 1],
      ]);
      t.dispose();
    });

    it('an integer gain converts to an integer dtype', () => {
      const t = identity({ gain: 3 }).call([2, 2], DTypes.int32);
      assert.equal(t.dtype, 'int32');
      assert.deepEqual(t.arraySync(), [
        [3, 0],
        [0, 3],
      ]);
      t.dispose();
    });

    it('the default gain (1.0) does not convert to an integer dtype', () =>
      throwsTF(
        () => identity().call([2, 2], DTypes.int32),
        TFTypeError,
        "Expected int32, got 1.0 of type 'float' instead.",
      ));

    it('rejects non-2-D shapes, full shape included', () => {
      const msg = 'Identity matrix initializer can only be used for 2D matrices.';
      throwsTF(() => identity().call([2, 2, 2]), ValueError, msg);
      throwsTF(() => identity().call([4]), ValueError, msg);
      throwsTF(
        () => identity().call([2, 2], undefined, { fullShape: [4, 2, 2], varOffset: [0, 0, 0] }),
        ValueError,
        msg,
      );
    });
  });

  describe('seeds', () => {
    const seeded: [string, (seed: number) => Initializer, number[]][] = [
      ['randomNormal', (seed) => randomNormal({ seed }), [50]],
      ['truncatedNormal', (seed) => truncatedNormal({ seed }), [50]],
      ['randomUniform', (seed) => randomUniform({ seed }), [50]],
      ['uniformUnitScaling', (seed) => uniformUnitScaling({ seed }), [10, 5]],
      ['glorotUniform', (seed) => glorotUniform({ seed }), [10, 5]],
      ['glorotNormal', (seed) => glorotNormal({ seed }), [10, 5]],
      [
        'varianceScaling untruncated',
        (seed) => varianceScaling({ seed, distribution: 'untruncated_normal' }),
        [10, 5],
      ],
      ['orthogonal', (seed) => orthogonal({ seed }), [6, 4]],
    ];
    for (const [name, make, shape] of seeded) {
      it(`${name}: same seed → same values, other seed → other values`, () => {
        const a = values(make(7), shape).data;
        assert.deepEqual(values(make(7), shape).data, a);
        const init = make(7);
        assert.deepEqual(values(init, shape).data, values(init, shape).data, 'every call');
        assert.notDeepEqual(values(make(8), shape).data, a);
      });
    }

    it('seed 0 is a real seed', () => {
      assert.deepEqual(
        values(randomNormal({ seed: 0 }), [20]).data,
        values(randomNormal({ seed: 0 }), [20]).data,
      );
      assert.deepEqual(
        values(randomUniform({ seed: 0 }), [20]).data,
        values(randomUniform({ seed: 0 }), [20]).data,
      );
    });

    it('unseeded initializers draw new values on each call', () => {
      const init = randomNormal();
      assert.notDeepEqual(values(init, [20]).data, values(init, [20]).data);
    });
  });

  describe('argument validation', () => {
    const errors: [string, () => unknown, typeof ValueError | typeof TFTypeError, string][] = [
      [
        'scale 0',
        () => varianceScaling({ scale: 0 }),
        ValueError,
        '`scale` must be positive float.',
      ],
      [
        'scale < 0',
        () => varianceScaling({ scale: -1 }),
        ValueError,
        '`scale` must be positive float.',
      ],
      [
        'mode',
        () => varianceScaling({ mode: 'fan_foo' }),
        ValueError,
        "('Invalid `mode` argument:', 'fan_foo')",
      ],
      [
        'distribution (lower-cased)',
        () => varianceScaling({ distribution: 'Gamma' }),
        ValueError,
        "('Invalid `distribution` argument:', 'gamma')",
      ],
      [
        'int dtype for VarianceScaling',
        () => varianceScaling({ dtype: 'int32' }),
        ValueError,
        "Expected floating point type, got <dtype: 'int32'>.",
      ],
      [
        'int dtype for RandomNormal',
        () => randomNormal({ dtype: DTypes.int64 }),
        ValueError,
        "Expected floating point type, got <dtype: 'int64'>.",
      ],
      [
        'bool dtype for TruncatedNormal',
        () => truncatedNormal({ dtype: 'bool' }),
        ValueError,
        "Expected floating point type, got <dtype: 'bool'>.",
      ],
      [
        'int dtype for UniformUnitScaling',
        () => uniformUnitScaling({ dtype: 'int32' }),
        ValueError,
        "Expected floating point type, got <dtype: 'int32'>.",
      ],
      [
        'int dtype for Orthogonal',
        () => orthogonal({ dtype: 'int32' }),
        ValueError,
        "Expected floating point type, got <dtype: 'int32'>.",
      ],
      [
        'int dtype for Identity',
        () => identity({ dtype: 'int32' }),
        ValueError,
        "Expected floating point type, got <dtype: 'int32'>.",
      ],
      // Call-time dtypes, as random_ops reject them.
      [
        'random_uniform int without maxval',
        () => randomUniform().call([2], DTypes.int32),
        ValueError,
        'Must specify maxval for integer dtype tf.int32',
      ],
      [
        'random_uniform int8',
        () => randomUniform({ maxval: 3 }).call([2], DTypes.int8),
        ValueError,
        'Invalid dtype tf.int8',
      ],
      [
        'random_uniform bool',
        () => randomUniform().call([2], DTypes.bool),
        ValueError,
        'Invalid dtype tf.bool',
      ],
      [
        'random_uniform float bound into int',
        () => randomUniform({ maxval: 2.5 }).call([2], DTypes.int32),
        TFTypeError,
        "Expected int32, got 2.5 of type 'float' instead.",
      ],
      [
        'random_uniform empty int range',
        () => randomUniform({ minval: 3, maxval: 3 }).call([2], DTypes.int32),
        ValueError,
        'Need minval < maxval: 3 >= 3',
      ],
      [
        'random_normal into int',
        () => randomNormal().call([2], DTypes.int32),
        TFTypeError,
        "Expected int32, got 0.0 of type 'float' instead.",
      ],
      [
        'random_normal with int mean into int: the op rejects the dtype',
        () => randomNormal({ mean: 0, stddev: 1 }).call([2], DTypes.int32),
        TFTypeError,
        "Value passed to parameter 'dtype' has DataType int32 not in list of allowed values: float16, bfloat16, float32, float64",
      ],
      [
        'truncated_normal into complex',
        () => truncatedNormal().call([2], DTypes.complex64),
        TFTypeError,
        "Value passed to parameter 'dtype' has DataType complex64 not in list of allowed values: float16, bfloat16, float32, float64",
      ],
      [
        'glorot_uniform into int64 (random_uniform bound)',
        () => glorotUniform().call([2, 4], DTypes.int64),
        TFTypeError,
        "Expected int64, got -1.0 of type 'float' instead.",
      ],
      [
        'glorot_normal into bool',
        () => glorotNormal().call([2, 2], DTypes.bool),
        TFTypeError,
        "Expected bool, got 0.0 of type 'float' instead.",
      ],
      [
        'uniform_unit_scaling into uint8',
        () => uniformUnitScaling().call([3], DTypes.uint8),
        ValueError,
        'Invalid dtype tf.uint8',
      ],
      [
        'orthogonal into int32',
        () => orthogonal().call([2, 2], DTypes.int32),
        TFTypeError,
        "Expected int32, got 0.0 of type 'float' instead.",
      ],
    ];
    for (const [name, fn, cls, message] of errors) {
      it(`rejects: ${name}`, () => throwsTF(fn, cls, message));
    }
  });

  describe('tensor hygiene: one new tensor per call', () => {
    const inits: [string, () => Initializer, number[], PartitionInfo?][] = [
      ['zeros', () => zeros(), [3, 4]],
      ['ones', () => ones(), [3, 4]],
      ['constant', () => constant([1, 2, 3]), [3, 4]],
      ['randomUniform', () => randomUniform({ seed: 1 }), [3, 4]],
      ['randomUniform int', () => randomUniform({ maxval: 9 }), [3, 4]],
      ['randomNormal', () => randomNormal(), [3, 4]],
      ['truncatedNormal', () => truncatedNormal(), [3, 4]],
      ['uniformUnitScaling', () => uniformUnitScaling(), [3, 4]],
      ['varianceScaling', () => varianceScaling(), [3, 4]],
      ['glorotUniform', () => glorotUniform(), [3, 4], { fullShape: [6, 4], varOffset: [3, 0] }],
      ['glorotNormal', () => glorotNormal(), [3, 4]],
      ['heNormal', () => heNormal(), [3, 4]],
      ['orthogonal', () => orthogonal(), [3, 4]],
      ['orthogonal conv', () => orthogonal(), [2, 2, 3, 4]],
      ['identity', () => identity(), [3, 4]],
      ['identity partitioned', () => identity(), [2, 4], { fullShape: [4, 4], varOffset: [2, 0] }],
    ];
    for (const [name, make, shape, info] of inits) {
      it(name, () => {
        const init = make();
        const before = tf.memory().numTensors;
        const t = init.call(shape, name === 'randomUniform int' ? DTypes.int32 : undefined, info);
        assert.equal(tf.memory().numTensors, before + 1);
        t.dispose();
        assert.equal(tf.memory().numTensors, before);
      });
    }

    it('no tensor is left behind when a call fails', () => {
      const before = tf.memory().numTensors;
      assert.throws(() => orthogonal().call([3]));
      assert.throws(() => constant([1, 2, 3]).call([2]));
      assert.equal(tf.memory().numTensors, before);
    });
  });

  describe('pyFloatRepr (Python repr of a float)', () => {
    const table: [number, string][] = [
      [0, '0.0'],
      [-0, '-0.0'],
      [1, '1.0'],
      [-1, '-1.0'],
      [0.5, '0.5'],
      [1.7320508075688772, '1.7320508075688772'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5e-7, '1.5e-07'],
      [123456.0, '123456.0'],
      [1e15, '1000000000000000.0'],
      [1e16, '1e+16'],
      [2.5e100, '2.5e+100'],
      [NaN, 'nan'],
      [-Infinity, '-inf'],
    ];
    for (const [x, text] of table) {
      it(`${x} → ${text}`, () => assert.equal(pyFloatRepr(x), text));
    }
  });
});
