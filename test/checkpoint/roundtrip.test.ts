/**
 * Writing and reading back: every dtype, strings, partitioned variables (slices), big-endian
 * bundles, key order, and the `checkpoint` state file.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { encodeCheckpoint } from '../../src/checkpoint';
import { BundleBuilder, encodeIndex, TensorInput } from '../../src/checkpoint/bundle';
import { formatCheckpointState, parseCheckpointState } from '../../src/checkpoint/checkpoint-state';
import { crc32c, crc32cExtend, mask } from '../../src/checkpoint/crc32c';
import { CHECKPOINT_DTYPES } from '../../src/checkpoint/dtypes';
import { openCheckpoint, readCheckpointState, writeCheckpoint } from '../../src/checkpoint/node';
import { CheckpointReader } from '../../src/checkpoint/reader';
import { encodeSliceKey } from '../../src/checkpoint/slice-key';
import { floatToBfloat16, floatToHalf, halfToFloat } from '../../src/checkpoint/tensor-codec';
import { fromHex, hex, readBytes, throwsCheckpoint } from './helpers';

const te = new TextEncoder();

/** Values for a [2, 3] tensor of every writable dtype, and what reading them gives back. */
function sample(dtype: string): { values: unknown; expected: unknown } {
  switch (dtype) {
    case 'float32': {
      const v = Float32Array.of(0, -1.5, 3.25, NaN, Infinity, -0);
      return { values: v, expected: v };
    }
    case 'float64': {
      const v = Float64Array.of(Math.PI, -1e300, 5e-324, NaN, -Infinity, -0);
      return { values: v, expected: v };
    }
    case 'int8':
    case 'qint8':
      return { values: [-128, -1, 0, 1, 2, 127], expected: Int8Array.of(-128, -1, 0, 1, 2, 127) };
    case 'uint8':
    case 'quint8':
      return { values: [0, 1, 2, 128, 254, 255], expected: Uint8Array.of(0, 1, 2, 128, 254, 255) };
    case 'int16':
    case 'qint16':
      return {
        values: [-32768, -1, 0, 1, 300, 32767],
        expected: Int16Array.of(-32768, -1, 0, 1, 300, 32767),
      };
    case 'uint16':
    case 'quint16':
      return {
        values: [0, 1, 300, 40000, 65534, 65535],
        expected: Uint16Array.of(0, 1, 300, 40000, 65534, 65535),
      };
    case 'int32':
    case 'qint32': {
      const v = Int32Array.of(-(2 ** 31), -1, 0, 1, 123456789, 2 ** 31 - 1);
      return { values: v, expected: v };
    }
    case 'uint32':
      return {
        values: [0, 1, 2 ** 31, 2 ** 32 - 1, 7, 8],
        expected: Uint32Array.of(0, 1, 2 ** 31, 2 ** 32 - 1, 7, 8),
      };
    case 'int64':
      return {
        values: [-(2n ** 63n), -1n, 0, 1, 2n ** 63n - 1n, Number.MAX_SAFE_INTEGER],
        expected: BigInt64Array.of(
          -(2n ** 63n),
          -1n,
          0n,
          1n,
          2n ** 63n - 1n,
          BigInt(Number.MAX_SAFE_INTEGER),
        ),
      };
    case 'uint64':
      return {
        values: [0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 5, 6],
        expected: BigUint64Array.of(0n, 1n, 2n ** 64n - 1n, 2n ** 63n, 5n, 6n),
      };
    case 'bool':
      return {
        values: [true, false, true, 1, 0, false],
        expected: [true, false, true, true, false, false],
      };
    case 'complex64': {
      const v = Float32Array.of(1, 2, -3, 4.5, 0, -0, 7, 8, 9, 10, 11, 12);
      return { values: v, expected: v };
    }
    case 'complex128': {
      const v = Float64Array.of(1, 2, -3, 4.5, 0, -0, 7, 8, 9, 10, 11, Math.E);
      return { values: v, expected: v };
    }
    case 'float16': {
      const v = [0, 1, -2, 0.5, 65504, 2 ** -24];
      return { values: v, expected: Float32Array.from(v) };
    }
    case 'bfloat16': {
      const v = [0, 1, -2, 0.5, 3.140625, -0];
      return { values: v, expected: Float32Array.from(v) };
    }
    case 'string': {
      const v = ['', 'a', 'héllo', 'x'.repeat(200), '\u{1F600}', 'tab\tnl\n'];
      return { values: v, expected: v.map((s) => te.encode(s)) };
    }
    default:
      throw new Error(dtype);
  }
}

const WRITABLE = CHECKPOINT_DTYPES.filter((d) => d.name !== 'resource' && d.name !== 'variant');

describe('checkpoint round trip: every dtype', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const tensors = (): TensorInput[] =>
    WRITABLE.map((d) => ({
      name: `t/${d.name}`,
      dtype: d.name,
      shape: [2, 3],
      values: sample(d.name).values as TensorInput['values'],
    }));

  it('writes every dtype to files and reads the same values back, checksums verified', () => {
    const prefix = path.join(dir, 'all', 'model.ckpt-7');
    const result = writeCheckpoint(prefix, tensors());
    assert.equal(result.indexFile, `${prefix}.index`);
    assert.equal(result.dataFile, `${prefix}.data-00000-of-00001`);
    assert.deepEqual(
      fs.readdirSync(path.dirname(prefix)).sort(),
      ['model.ckpt-7.data-00000-of-00001', 'model.ckpt-7.index'],
      'no temporary files are left',
    );
    const r = openCheckpoint(prefix);
    assert.deepEqual(r.verify(), []);
    assert.equal(r.list().length, WRITABLE.length);
    for (const d of WRITABLE) {
      const t = r.read(`t/${d.name}`);
      assert.equal(t.dtype, d.name);
      assert.deepEqual(t.shape, [2, 3]);
      assert.deepEqual(t.values, sample(d.name).expected, d.name);
    }
    assert.deepEqual(r.header, {
      numShards: 1,
      endianness: 0,
      version: { producer: 1, minConsumer: 0, badConsumers: [] },
    });
  });

  it('in memory: encodeCheckpoint gives the same bytes as the files', () => {
    const prefix = path.join(dir, 'mem', 'ckpt');
    writeCheckpoint(prefix, tensors());
    const { index, data } = encodeCheckpoint(tensors());
    assert.deepEqual(index, readBytes(`${prefix}.index`));
    assert.deepEqual(data, readBytes(`${prefix}.data-00000-of-00001`));
    const r = CheckpointReader.fromBytes(index, [data]);
    for (const d of WRITABLE)
      assert.deepEqual(r.read(`t/${d.name}`).values, sample(d.name).expected);
  });

  it('scalars and empty tensors', () => {
    const { index, data } = encodeCheckpoint([
      { name: 'scalar', dtype: 'float64', shape: [], values: [2.5] },
      { name: 'empty', dtype: 'int32', shape: [0], values: [] },
      { name: 'empty2', dtype: 'float32', shape: [2, 0, 3], values: new Float32Array(0) },
      { name: 'nostrings', dtype: 'string', shape: [0], values: [] },
      { name: 'one_string', dtype: 'string', shape: [], values: ['only'] },
    ]);
    const r = CheckpointReader.fromBytes(index, [data]);
    assert.deepEqual(r.read('scalar'), {
      name: 'scalar',
      dtype: 'float64',
      shape: [],
      values: Float64Array.of(2.5),
    });
    assert.deepEqual(r.read('empty').values, new Int32Array(0));
    assert.deepEqual(r.read('empty2').shape, [2, 0, 3]);
    assert.deepEqual(r.read('nostrings').values, []);
    assert.deepEqual(r.read('one_string').values, [te.encode('only')]);
    // An empty string tensor still stores its 4-byte length checksum.
    assert.equal(r.entry('nostrings')?.entry.size, 4);
  });

  it('string tensors use TF layout: varint lengths, length checksum, bytes', () => {
    const { index, data } = encodeCheckpoint([
      { name: 's', dtype: 'string', shape: [2], values: ['ab', 'c'] },
    ]);
    // 02 01 | masked crc32c of the lengths as uint32 LE | 'a' 'b' 'c'
    const lengthCrc = crc32c(fromHex('02 00 00 00 01 00 00 00'));
    const m = mask(lengthCrc);
    const sum = [m & 0xff, (m >>> 8) & 0xff, (m >>> 16) & 0xff, m >>> 24];
    assert.deepEqual(Array.from(data), [2, 1, ...sum, 0x61, 0x62, 0x63]);
    const r = CheckpointReader.fromBytes(index, [data]);
    const entryCrc = crc32cExtend(crc32cExtend(lengthCrc, Uint8Array.from(sum)), te.encode('abc'));
    assert.equal(r.entry('s')?.entry.crc32c, mask(entryCrc));
  });

  it('lists in key byte order, as TF does (Variable < layer1, weights_10 < weights_2)', () => {
    const names = [
      'weights_2',
      'é',
      'weights_10',
      'layer1/w',
      'Variable',
      'z',
      'train_stats/x',
      'training/x',
    ];
    const { index, data } = encodeCheckpoint(
      names.map((name) => ({ name, dtype: 'int32', shape: [], values: [1] })),
    );
    const r = CheckpointReader.fromBytes(index, [data]);
    assert.deepEqual(
      r.list().map((v) => v.name),
      ['Variable', 'layer1/w', 'train_stats/x', 'training/x', 'weights_10', 'weights_2', 'z', 'é'],
    );
    // The data follows the same order (tf.train.Saver adds tensors sorted by name).
    assert.deepEqual(
      r.index.entries.map((e) => e.entry.offset),
      [0, 4, 8, 12, 16, 20, 24, 28],
    );
  });

  it('a key that is not valid UTF-8 is listed with replacement characters and still readable', () => {
    const bytes = fromHex('00 00 80 3f');
    const index = encodeIndex(
      { numShards: 1, endianness: 0, version: { producer: 1, minConsumer: 0, badConsumers: [] } },
      [
        {
          key: fromHex('61 ff 62'),
          entry: {
            dtype: 1,
            shape: { dims: [], unknownRank: false },
            shardId: 0,
            offset: 0,
            size: 4,
            crc32c: mask(crc32c(bytes)),
            slices: [],
          },
        },
      ],
    );
    const r = CheckpointReader.fromBytes(index, [bytes]);
    assert.deepEqual(r.list(), [{ name: 'a\ufffdb', dtype: 'float32', shape: [] }]);
    assert.ok(r.has('a\ufffdb'));
    assert.deepEqual(r.read('a\ufffdb').values, Float32Array.of(1));
  });

  it('the writer refuses what TF would refuse or cannot store', () => {
    const one = (t: Partial<TensorInput>) => () =>
      encodeCheckpoint([
        { name: 'x', dtype: 'float32', shape: [2], values: [1, 2], ...t } as TensorInput,
      ]);
    throwsCheckpoint(one({ name: '' }), 'invalid-argument', /reserved for the bundle header/);
    throwsCheckpoint(one({ dtype: 'float128' }), 'invalid-argument', /unknown dtype "float128"/);
    throwsCheckpoint(one({ values: [1] }), 'invalid-argument', /1 values given, the shape needs 2/);
    throwsCheckpoint(one({ shape: [-1] }), 'invalid-argument', /invalid dimension -1/);
    throwsCheckpoint(
      one({ dtype: 'int8', values: [1, 128] }),
      'invalid-argument',
      /element 1 \(128\) is not a valid int8/,
    );
    throwsCheckpoint(
      one({ dtype: 'int32', values: [1, 0.5] }),
      'invalid-argument',
      /not a valid int32/,
    );
    throwsCheckpoint(
      one({ dtype: 'uint64', values: [1, -1] }),
      'invalid-argument',
      /out of range for uint64/,
    );
    throwsCheckpoint(
      one({ dtype: 'float32', values: ['a', 'b'] }),
      'invalid-argument',
      /not a number/,
    );
    throwsCheckpoint(
      one({ dtype: 'string', values: [1, 2] }),
      'invalid-argument',
      /neither a string nor a Uint8Array/,
    );
    throwsCheckpoint(one({ dtype: 'variant' }), 'unsupported', /writing variant tensors/);
    throwsCheckpoint(
      () =>
        encodeCheckpoint([
          { name: 'x', dtype: 'int32', shape: [], values: [1] },
          { name: 'x', dtype: 'int32', shape: [], values: [2] },
        ]),
      'invalid-argument',
      /duplicate tensor "x"/,
    );
  });
});

describe('checkpoint round trip: float16 and bfloat16 rounding', () => {
  it('float16: round to nearest even, overflow to infinity, subnormals', () => {
    const h = (x: number) => halfToFloat(floatToHalf(x));
    assert.equal(h(1 + 2 ** -11), 1); // a tie: to even
    assert.equal(h(1 + 3 * 2 ** -11), 1 + 2 ** -9);
    assert.equal(h(65504), 65504);
    assert.equal(h(65520), Infinity);
    assert.equal(h(-1e6), -Infinity);
    assert.equal(h(2 ** -24), 2 ** -24);
    assert.equal(h(0.75 * 2 ** -24), 2 ** -24);
    assert.equal(h(2 ** -26), 0);
    assert.ok(Object.is(h(-0), -0));
    assert.ok(Number.isNaN(h(NaN)));
    assert.equal(floatToHalf(1), 0x3c00);
    assert.equal(floatToHalf(-2), 0xc000);
  });

  it('bfloat16: round to nearest even; NaN stays NaN', () => {
    assert.equal(floatToBfloat16(1), 0x3f80);
    assert.equal(floatToBfloat16(1 + 2 ** -8), 0x3f80); // a tie: to even
    assert.equal(floatToBfloat16(1 + 3 * 2 ** -8), 0x3f82);
    assert.equal(floatToBfloat16(-Infinity), 0xff80);
    assert.equal(floatToBfloat16(NaN) & 0x7fc0, 0x7fc0);
    const { index, data } = encodeCheckpoint([
      { name: 'b', dtype: 'bfloat16', shape: [3], values: [1 + 2 ** -8, NaN, 1e39] },
    ]);
    const v = CheckpointReader.fromBytes(index, [data]).read('b').values as Float32Array;
    assert.equal(v[0], 1);
    assert.ok(Number.isNaN(v[1]));
    assert.equal(v[2], Infinity); // 1e39 is already infinite as a float32
  });
});

describe('checkpoint round trip: partitioned variables (slices)', () => {
  // A [4, 3] float32 variable in two row blocks, and a [5] int64 one in three parts.
  const full = Float32Array.from({ length: 12 }, (_, i) => i + 0.5);
  const parts = [
    {
      name: 'w',
      dtype: 'float32',
      fullShape: [4, 3],
      extents: [
        { start: 2, length: 2 },
        { start: 0, length: 3 },
      ],
      shape: [2, 3],
      values: full.slice(6),
    },
    {
      name: 'w',
      dtype: 'float32',
      fullShape: [4, 3],
      extents: [
        { start: 0, length: 2 },
        { start: 0, length: null },
      ],
      shape: [2, 3],
      values: full.slice(0, 6),
    },
    ...[0, 2, 4].map((start) => ({
      name: 'v',
      dtype: 'int64',
      fullShape: [5],
      extents: [{ start, length: start === 4 ? 1 : 2 }],
      shape: [start === 4 ? 1 : 2],
      values: start === 4 ? [4n] : [BigInt(start), BigInt(start + 1)],
    })),
    // A slice that covers the whole tensor is stored as a plain tensor (IsFullSlice).
    {
      name: 'whole',
      dtype: 'int32',
      fullShape: [2],
      extents: [{ start: 0, length: 2 }],
      shape: [2],
      values: [7, 8],
    },
  ];

  it('encodes slice keys as EncodeTensorNameSlice does', () => {
    const key = (name: string, ext: Array<{ start: number; length: number | null }>) =>
      hex(encodeSliceKey(te.encode(name), ext));
    assert.equal(
      key('a', [
        { start: 0, length: 2 },
        { start: 0, length: 3 },
      ]),
      '00 61 00 01 01 02 80 82 80 83',
    );
    assert.equal(key('a', [{ start: 0, length: null }]), '00 61 00 01 01 01 80 7f');
    assert.equal(key('a', [{ start: 1000, length: 64 }]), '00 61 00 01 01 01 c3 e8 c0 40');
    assert.equal(key('x\u0000', [{ start: 63, length: 1 }]), '00 78 00 ff 00 01 01 01 bf 81');
    assert.equal(hex(encodeSliceKey(Uint8Array.of(0xff), [])), '00 ff 00 00 01 00');
    assert.equal(
      key('b', [{ start: 2 ** 40, length: 1 }]),
      '00 62 00 01 01 01 fd 00 00 00 00 00 81',
    );
  });

  it('lists a partitioned variable once, with its full shape, and reads it assembled', () => {
    const { index, data } = encodeCheckpoint(parts);
    const r = CheckpointReader.fromBytes(index, [data]);
    assert.deepEqual(r.list(), [
      { name: 'v', dtype: 'int64', shape: [5] },
      { name: 'w', dtype: 'float32', shape: [4, 3] },
      { name: 'whole', dtype: 'int32', shape: [2] },
    ]);
    // The index holds the slice entries under encoded keys (which sort first: byte 00).
    assert.equal(r.index.entries.length, 3 + 2 + 3);
    assert.equal(r.index.entries[0].key[0], 0);
    assert.deepEqual(r.read('w').values, full);
    assert.deepEqual(r.read('v').values, BigInt64Array.of(0n, 1n, 2n, 3n, 4n));
    assert.deepEqual(r.read('whole').values, Int32Array.of(7, 8));
    assert.equal(r.entry('whole')?.entry.slices.length, 0);
    const w = r.entry('w')?.entry;
    assert.deepEqual(w?.slices, [
      [
        { start: 2, length: 2 },
        { start: 0, length: 3 },
      ],
      [
        { start: 0, length: 2 },
        { start: 0, length: null },
      ],
    ]);
    assert.deepEqual(r.verify(), []);
  });

  it('slices that do not cover the variable are an error; it is still listed', () => {
    const { index, data } = encodeCheckpoint(parts.slice(0, 1));
    const r = CheckpointReader.fromBytes(index, [data], 'part');
    assert.deepEqual(r.list(), [{ name: 'w', dtype: 'float32', shape: [4, 3] }]);
    throwsCheckpoint(
      () => r.read('w'),
      'out-of-range',
      /tensor "w": its slices do not cover the whole tensor/,
    );
  });
});

describe('checkpoint round trip: a big-endian bundle', () => {
  it('reads values and strings stored big-endian (checksums over the stored bytes)', () => {
    const floats = fromHex('3f c0 00 00 c0 00 00 00'); // 1.5, -2 big-endian
    const ints = fromHex('00 00 00 00 00 00 01 00'); // int64 256
    // Strings "hi", "": lengths 02 00, their checksum over BIG-endian uint32 lengths.
    let crc = crc32c(fromHex('00 00 00 02 00 00 00 00'));
    const m = mask(crc);
    const sum = Uint8Array.of(m >>> 24, (m >>> 16) & 0xff, (m >>> 8) & 0xff, m & 0xff);
    crc = crc32cExtend(crc32cExtend(crc, sum), te.encode('hi'));
    const strings = Uint8Array.from([2, 0, ...sum, 0x68, 0x69]);
    const data = Uint8Array.from([...floats, ...ints, ...strings]);
    const entry = (
      dtype: number,
      dims: number[],
      offset: number,
      bytes: Uint8Array,
      c = mask(crc32c(bytes)),
    ) => ({
      dtype,
      shape: { dims, unknownRank: false },
      shardId: 0,
      offset,
      size: bytes.length,
      crc32c: c,
      slices: [],
    });
    const index = encodeIndex(
      { numShards: 1, endianness: 1, version: { producer: 1, minConsumer: 0, badConsumers: [] } },
      [
        { key: te.encode('f'), entry: entry(1, [2], 0, floats) },
        { key: te.encode('i'), entry: entry(9, [], 8, ints) },
        { key: te.encode('s'), entry: entry(7, [2], 16, strings, mask(crc)) },
      ],
    );
    const r = CheckpointReader.fromBytes(index, [data]);
    assert.deepEqual(r.read('f').values, Float32Array.of(1.5, -2));
    assert.deepEqual(r.read('i').values, BigInt64Array.of(256n));
    assert.deepEqual(r.read('s').values, [te.encode('hi'), new Uint8Array(0)]);
  });
});

describe('checkpoint state file', () => {
  it('parses what tf.train.Saver writes, and formats it back the same', () => {
    const text =
      'model_checkpoint_path: "model.ckpt-20"\n' +
      'all_model_checkpoint_paths: "model.ckpt-10"\n' +
      'all_model_checkpoint_paths: "model.ckpt-20"\n';
    const state = parseCheckpointState(text, 'checkpoint');
    assert.deepEqual(state, {
      modelCheckpointPath: 'model.ckpt-20',
      allModelCheckpointPaths: ['model.ckpt-10', 'model.ckpt-20'],
    });
    assert.equal(formatCheckpointState(state), text);
  });

  it('text-format details: escapes, octal UTF-8, comments, timestamps, single quotes', () => {
    const state = parseCheckpointState(
      '# a comment\nmodel_checkpoint_path: \'dir/caf\\303\\251 "x"\'\n' +
        'all_model_checkpoint_paths: "a\\tb" "c"  all_model_checkpoint_timestamps: 1573.5\n' +
        'last_preserved_timestamp: 12\n',
      'checkpoint',
    );
    assert.deepEqual(state, {
      modelCheckpointPath: 'dir/café "x"',
      allModelCheckpointPaths: ['a\tbc'],
      allModelCheckpointTimestamps: [1573.5],
      lastPreservedTimestamp: 12,
    });
    assert.equal(
      formatCheckpointState(state),
      'model_checkpoint_path: "dir/caf\\303\\251 \\"x\\""\n' +
        'all_model_checkpoint_paths: "a\\tbc"\n' +
        'all_model_checkpoint_timestamps: 1573.5\n' +
        'last_preserved_timestamp: 12.0\n',
    );
  });

  it('malformed state files are CheckpointErrors naming the file and line', () => {
    throwsCheckpoint(
      () => parseCheckpointState('model_checkpoint_path: "x', 'ckpt/checkpoint'),
      'no-checkpoint',
      /line 1: unterminated string/,
      'ckpt/checkpoint',
    );
    throwsCheckpoint(
      () => parseCheckpointState('\nfoo: "x"', 'checkpoint'),
      'no-checkpoint',
      /line 2: unknown field foo/,
    );
    throwsCheckpoint(
      () => parseCheckpointState('model_checkpoint_path "x"', 'checkpoint'),
      'no-checkpoint',
      /expected "field: value"/,
    );
    throwsCheckpoint(
      () => parseCheckpointState('model_checkpoint_path: 3', 'checkpoint'),
      'no-checkpoint',
      /must be a string/,
    );
    throwsCheckpoint(
      () => parseCheckpointState('\u0000', 'checkpoint'),
      'no-checkpoint',
      /unexpected character/,
    );
  });

  it('writeCheckpoint can update the state file, which then names the newest checkpoint', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-state-'));
    try {
      const t = [{ name: 'x', dtype: 'int32', shape: [], values: [1] }];
      writeCheckpoint(path.join(dir, 'model.ckpt-1'), t, { updateState: true });
      writeCheckpoint(path.join(dir, 'model.ckpt-2'), t, { updateState: true });
      assert.deepEqual(readCheckpointState(dir), {
        modelCheckpointPath: 'model.ckpt-2',
        allModelCheckpointPaths: ['model.ckpt-1', 'model.ckpt-2'],
      });
      assert.equal(openCheckpoint(dir).prefix, path.join(dir, 'model.ckpt-2'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('checkpoint: BundleBuilder as a library', () => {
  it('records offsets, sizes and masked checksums as it goes', () => {
    const b = new BundleBuilder();
    const a = b.add({ name: 'a', dtype: 'float32', shape: [2], values: [1, 2] });
    b.add({ name: 'b', dtype: 'int64', shape: [], values: [1n] });
    assert.equal(b.dataSize, 16);
    const rows = b.entries();
    assert.deepEqual(
      rows.map((r) => [r.entry.offset, r.entry.size, r.entry.crc32c]),
      [
        [0, 8, mask(crc32c(a))],
        [8, 8, 0x41de7501],
      ],
    );
  });
});
