/**
 * The LevelDB table layer: the bundled example's `.index` (written by the Python runtime's
 * tf.train.Saver, read by TensorFlow) and a 250-entry index of a two-shard bundle — layout, block
 * checksums, restart points, separators; the writer reproducing the bytes; synthetic tables; what
 * the reader refuses. test/shared/checkpoint-real.test.ts checks TF's own index files.
 */
import { strict as assert } from 'node:assert';
import {
  buildTable,
  readTable,
  shortestSeparator,
  shortSuccessor,
  TableBuilder,
  TableEntry,
} from '../../src/checkpoint/table';
import {
  EXAMPLE,
  fromHex,
  hex,
  readBytes,
  refreshBlockCrc,
  throwsCheckpoint,
  twoShardBundle,
} from './helpers';

const te = new TextEncoder();
const td = new TextDecoder();
const key = (s: string) => te.encode(s);

describe('checkpoint table: index files of whole bundles', () => {
  const cases = [
    {
      name: 'the bundled example (8 entries: one restart point)',
      bytes: () => readBytes(`${EXAMPLE}.index`),
      size: 340,
      data: { offset: 0, size: 254, entries: 8, restarts: 1 },
      metaindex: { offset: 259, size: 8 },
      index: { offset: 272, size: 15 },
      separator: 't', // the shortest key above 'softmax_linear/weights'
      header: '08 01 1a 02 08 01', // num_shards 1, LITTLE, version { producer: 1 }
    },
    {
      name: 'a two-shard bundle of 251 tensors (a restart point every 16 keys)',
      bytes: () => twoShardBundle(250).index,
      size: 10959,
      data: { offset: 0, size: 10873, entries: 252, restarts: 16 },
      metaindex: { offset: 10878, size: 8 },
      index: { offset: 10891, size: 15 },
      separator: 'u', // above 'transformer/...'
      header: '08 02 1a 02 08 01', // num_shards 2
    },
  ];
  for (const c of cases) {
    it(`${c.name}: the layout TF's table builder gives`, () => {
      const bytes = c.bytes();
      const { entries, layout } = readTable(bytes, c.name);
      assert.equal(layout.fileSize, c.size);
      assert.deepEqual(layout.dataBlocks, [c.data]);
      assert.deepEqual(layout.metaindex, c.metaindex);
      assert.equal(layout.metaindexEntries, 0);
      assert.deepEqual(layout.index, c.index);
      assert.equal(layout.indexEntries.length, 1);
      assert.equal(td.decode(layout.indexEntries[0].separator), c.separator);
      assert.deepEqual(layout.indexEntries[0].handle, { offset: c.data.offset, size: c.data.size });
      assert.equal(entries.length, c.data.entries);
      // The header entry comes first: the empty key.
      assert.equal(entries[0].key.length, 0);
      assert.equal(hex(entries[0].value), c.header);
      // The metaindex block is empty: one restart offset 0 and the count 1.
      assert.equal(
        hex(bytes.subarray(c.metaindex.offset, c.metaindex.offset + 8)),
        '00 00 00 00 01 00 00 00',
      );
      // The footer ends with the magic.
      assert.equal(hex(bytes.subarray(bytes.length - 8)), '57 fb 80 8b 24 75 47 db');
    });

    it(`${c.name}: the writer reproduces the file byte for byte from its entries`, () => {
      const bytes = c.bytes();
      const { entries } = readTable(bytes, c.name);
      assert.deepEqual(buildTable(entries), bytes);
    });
  }

  it("global_step's entry in the bundled index: int64, shape [], 8 bytes at its offset, its crc", () => {
    const { entries } = readTable(readBytes(`${EXAMPLE}.index`), 'example');
    const gs = entries.find((e) => td.decode(e.key) === 'global_step') as TableEntry;
    // dtype 9 (DT_INT64), shape {}, offset 1232 (after the float32 tensors before it in key
    // order: 4 bytes x (12 + 192 + 8 + 96) elements), size 8, then the masked CRC32C of the
    // value 1 (the same as in any checkpoint whose global step is 1).
    assert.equal(hex(gs.value), '08 09 12 00 20 d0 09 28 08 35 01 75 de 41');
  });
});

describe('checkpoint table: writer and reader on synthetic tables', () => {
  function entries(n: number, valueSize = 20): TableEntry[] {
    const out: TableEntry[] = [];
    for (let i = 0; i < n; i++) {
      out.push({
        key: key(`layer_${String(i).padStart(4, '0')}/weights`),
        value: Uint8Array.from({ length: valueSize }, (_, j) => (i + j) & 0xff),
      });
    }
    return out;
  }

  it('many blocks: round trip, separators between blocks, restart points every 16 keys', () => {
    const input = entries(500);
    const bytes = buildTable(input, { blockSize: 1024 });
    const { entries: back, layout } = readTable(bytes, 'synthetic');
    assert.equal(back.length, 500);
    back.forEach((e, i) => {
      assert.deepEqual(e.key, input[i].key);
      assert.deepEqual(e.value, input[i].value);
    });
    assert.ok(layout.dataBlocks.length > 10);
    let first = 0;
    layout.dataBlocks.forEach((b, i) => {
      assert.equal(b.restarts, Math.ceil(b.entries / 16));
      const last = back[first + b.entries - 1].key;
      const sep = layout.indexEntries[i].separator;
      assert.ok(Buffer.compare(last, sep) <= 0, 'separator >= last key of its block');
      if (i + 1 < layout.dataBlocks.length) {
        assert.ok(Buffer.compare(sep, back[first + b.entries].key) < 0, 'separator < next block');
      }
      first += b.entries;
    });
  });

  it('TF shortens separators: FindShortestSeparator and FindShortSuccessor', () => {
    const sep = (a: string, b: string) => td.decode(shortestSeparator(key(a), key(b)));
    assert.equal(sep('abc', 'abzz'), 'abd');
    assert.equal(sep('abc', 'abd'), 'abc'); // c + 1 is not < d
    assert.equal(sep('ab', 'abc'), 'ab'); // a prefix is kept
    assert.equal(sep('layer_1/w', 'layer_3/w'), 'layer_2');
    assert.equal(hex(shortestSeparator(fromHex('61 ff 01'), fromHex('62 00'))), '61 ff 01');
    assert.equal(td.decode(shortSuccessor(key('transformer/x'))), 'u');
    assert.equal(hex(shortSuccessor(fromHex('ff ff 10'))), 'ff ff 11');
    assert.equal(hex(shortSuccessor(fromHex('ff ff'))), 'ff ff');
  });

  it('an entry of at least twice the block size gets a block of its own', () => {
    const big = { key: key('b'), value: new Uint8Array(2048) };
    const bytes = buildTable(
      [
        { key: key('a'), value: new Uint8Array(4) },
        big,
        { key: key('c'), value: new Uint8Array(4) },
      ],
      {
        blockSize: 1024,
      },
    );
    const { layout } = readTable(bytes, 'big');
    assert.deepEqual(
      layout.dataBlocks.map((b) => b.entries),
      [1, 1, 1],
    );
  });

  it('an empty table has an empty index block', () => {
    const { entries: back, layout } = readTable(new TableBuilder().finish(), 'empty');
    assert.equal(back.length, 0);
    assert.equal(layout.dataBlocks.length, 0);
  });

  it('the builder refuses keys out of order', () => {
    const b = new TableBuilder();
    b.add(key('b'), new Uint8Array(0));
    assert.throws(() => b.add(key('a'), new Uint8Array(0)), RangeError);
    assert.throws(() => b.add(key('b'), new Uint8Array(0)), RangeError);
  });
});

describe('checkpoint table: what the reader refuses', () => {
  const base = () =>
    buildTable([
      { key: key('a1'), value: key('x') },
      { key: key('a2'), value: key('y') },
    ]);

  it('too short for a footer, wrong magic', () => {
    throwsCheckpoint(
      () => readTable(new Uint8Array(47), 'f.index'),
      'truncated',
      /too short for a table footer/,
      'f.index',
    );
    const bytes = base();
    bytes[bytes.length - 1] ^= 1;
    throwsCheckpoint(
      () => readTable(bytes, 'f.index'),
      'bad-magic',
      /bad magic 0xda4775248b80fb57/,
      'f.index',
    );
  });

  it('a block checksum mismatch names the block', () => {
    const bytes = base();
    bytes[3] ^= 0x40;
    throwsCheckpoint(
      () => readTable(bytes, 'f.index'),
      'block-crc',
      /data block 0 at offset 0: block checksum mismatch/,
    );
  });

  it('Snappy and unknown compression types are clear errors', () => {
    const bytes = base();
    const { layout } = readTable(bytes, 'f');
    const h = layout.dataBlocks[0];
    bytes[h.offset + h.size] = 1;
    refreshBlockCrc(bytes, h);
    throwsCheckpoint(() => readTable(bytes, 'f.index'), 'compression', /Snappy-compressed/);
    bytes[h.offset + h.size] = 7;
    refreshBlockCrc(bytes, h);
    throwsCheckpoint(
      () => readTable(bytes, 'f.index'),
      'compression',
      /unknown compression type 7/,
    );
  });

  it('keys out of order, bad restart arrays, entries past the block', () => {
    const bytes = base();
    const { layout } = readTable(bytes, 'f');
    const h = layout.dataBlocks[0];
    // Entry 2 is [shared 1][non_shared 1][value 1]'2''y': make its key a0 < a1.
    const second = bytes.indexOf(0x32, 6);
    const outOfOrder = bytes.slice();
    outOfOrder[second] = 0x30;
    refreshBlockCrc(outOfOrder, h);
    throwsCheckpoint(
      () => readTable(outOfOrder, 'f.index'),
      'bad-block',
      /not in increasing order/,
    );

    const restarts = bytes.slice();
    restarts[h.offset + h.size - 4] = 200; // restart count
    refreshBlockCrc(restarts, h);
    throwsCheckpoint(
      () => readTable(restarts, 'f.index'),
      'bad-block',
      /invalid restart count 200/,
    );

    const longValue = bytes.slice();
    longValue[h.offset + 2] = 100; // first entry's value length
    refreshBlockCrc(longValue, h);
    throwsCheckpoint(
      () => readTable(longValue, 'f.index'),
      'bad-block',
      /runs past the end of the block/,
    );

    const shared = bytes.slice();
    shared[h.offset] = 1; // the first entry cannot share with anything
    refreshBlockCrc(shared, h);
    throwsCheckpoint(
      () => readTable(shared, 'f.index'),
      'bad-block',
      /shares 1 bytes with a 0-byte key/,
    );
  });

  it('a block handle past the data', () => {
    const bytes = base();
    const footer = bytes.length - 48;
    // The index handle is the footer's second pair of varints; point it far away.
    const patched = bytes.slice();
    patched[footer + 2] = 0x7f;
    throwsCheckpoint(() => readTable(patched, 'f.index'), 'truncated', /index block \(offset 127/);
  });
});
