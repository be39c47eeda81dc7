/**
 * The byte layer: CRC32C and its masking, the protobuf wire reader and writer.
 */
import { strict as assert } from 'node:assert';
import { crc32c, crc32cExtend, mask, unmask } from '../../src/checkpoint/crc32c';
import { ProtoReader, ProtoWriter, varintLength } from '../../src/checkpoint/protobuf';
import { fromHex, hex, prng, throwsCheckpoint } from './helpers';

/** Bit-at-a-time CRC-32C: the definition, to check the table-driven version against. */
function referenceCrc32c(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('checkpoint bytes: CRC32C', () => {
  it('has the Castagnoli check value and the README test vector', () => {
    assert.equal(crc32c(new TextEncoder().encode('123456789')), 0xe3069283);
    assert.equal(crc32c(new Uint8Array(0)), 0);
    // global_step = 1 (int64): CRC32C 0xc514cfad, stored masked as 0x41de7501.
    const one = fromHex('01 00 00 00 00 00 00 00');
    assert.equal(crc32c(one), 0xc514cfad);
    assert.equal(mask(0xc514cfad), 0x41de7501);
    assert.equal(unmask(0x41de7501), 0xc514cfad);
    // 100.0f (losses_avg/...) is stored with masked CRC 0x5615cea7 in the README's table.
    assert.equal(mask(crc32c(fromHex('00 00 c8 42'))), 0x5615cea7);
  });

  it('matches the bit-by-bit definition on random data of every length and alignment', () => {
    const rand = prng(7);
    const data = Uint8Array.from({ length: 300 }, () => Math.floor(rand() * 256));
    for (let start = 0; start < 9; start++) {
      for (let end = start; end <= data.length; end += 7) {
        assert.equal(crc32c(data, start, end), referenceCrc32c(data.subarray(start, end)));
      }
      // Views at every byte offset (the word-at-a-time path aligns itself).
      const view = data.subarray(start);
      assert.equal(crc32c(view), referenceCrc32c(view));
      assert.equal(crc32c(view, 1, 200), referenceCrc32c(view.subarray(1, 200)));
    }
  });

  it('extends: the CRC of a concatenation from the CRC of its first part', () => {
    const rand = prng(11);
    const data = Uint8Array.from({ length: 1000 }, () => Math.floor(rand() * 256));
    for (const cut of [0, 1, 7, 8, 9, 500, 999, 1000]) {
      assert.equal(crc32cExtend(crc32c(data, 0, cut), data, cut), crc32c(data));
    }
  });

  it('mask and unmask are inverse over the whole 32-bit range', () => {
    const rand = prng(3);
    for (const c of [0, 1, 0x7fffffff, 0x80000000, 0xffffffff]) assert.equal(unmask(mask(c)), c);
    for (let i = 0; i < 1000; i++) {
      const c = Math.floor(rand() * 2 ** 32);
      const m = mask(c);
      assert.ok(m >= 0 && m < 2 ** 32);
      assert.equal(unmask(m), c);
    }
  });
});

describe('checkpoint bytes: protobuf wire format', () => {
  const read = (bytes: Uint8Array) => new ProtoReader(bytes, 'test.bin', 'a message');

  it('varints: the boundaries, unsigned and signed', () => {
    const cases: Array<[number, string]> = [
      [0, '00'],
      [1, '01'],
      [127, '7f'],
      [128, '80 01'],
      [300, 'ac 02'],
      [2 ** 32, '80 80 80 80 10'],
      [Number.MAX_SAFE_INTEGER, 'ff ff ff ff ff ff ff 0f'],
      [-1, 'ff ff ff ff ff ff ff ff ff 01'],
      [-2, 'fe ff ff ff ff ff ff ff ff 01'],
      [-(2 ** 31), '80 80 80 80 f8 ff ff ff ff 01'],
      [Number.MIN_SAFE_INTEGER, '81 80 80 80 80 80 80 f0 ff 01'],
    ];
    for (const [n, bytes] of cases) {
      const w = new ProtoWriter();
      w.varint(n);
      assert.equal(hex(w.finish()), bytes, `encode ${n}`);
      assert.equal(read(fromHex(bytes)).int64(), n, `decode ${n}`);
      if (n >= 0) {
        assert.equal(read(fromHex(bytes)).uint64(), n);
        assert.equal(varintLength(n), fromHex(bytes).length);
      }
    }
    assert.equal(read(fromHex('80 80 80 80 f8 ff ff ff ff 01')).int32(), -(2 ** 31));
  });

  it('rejects varints that are unterminated, too long or out of the safe range', () => {
    throwsCheckpoint(
      () => read(fromHex('80 80')).uint64(),
      'bad-varint',
      /runs past the end/,
      'test.bin',
    );
    throwsCheckpoint(
      () => read(fromHex('ff ff ff ff ff ff ff ff ff 02')).int64(),
      'bad-varint',
      /longer than 64 bits/,
    );
    throwsCheckpoint(() => read(fromHex('ff ff ff ff ff ff ff ff ff ff 01')).int64(), 'bad-varint');
    throwsCheckpoint(
      () => read(fromHex('80 80 80 80 80 80 80 80 01')).uint64(),
      'bad-varint',
      /too large/,
    );
    throwsCheckpoint(
      () => read(fromHex('ff ff ff ff ff ff ff 7f')).int64(),
      'bad-varint',
      /too large/,
    );
    throwsCheckpoint(
      () => read(fromHex('80 80 80 80 10')).int32(),
      'bad-proto',
      /does not fit in an int32/,
    );
  });

  it('fixed32, length-delimited fields and skipping unknown fields, all bounds-checked', () => {
    const w = new ProtoWriter();
    w.tag(1, 0);
    w.varint(5);
    w.tag(2, 1);
    w.raw(new Uint8Array(8));
    w.tag(3, 5);
    w.fixed32(0xdeadbeef);
    w.bytesField(4, fromHex('aa bb'));
    const r = read(w.finish());
    assert.deepEqual(r.tag(), [1, 0]);
    r.skip(0);
    assert.deepEqual(r.tag(), [2, 1]);
    r.skip(1);
    assert.deepEqual(r.tag(), [3, 5]);
    assert.equal(r.fixed32(), 0xdeadbeef);
    assert.deepEqual(r.tag(), [4, 2]);
    assert.equal(hex(r.bytes()), 'aa bb');
    assert.ok(r.done);

    const short = read(fromHex('0a 05 01 02'));
    short.tag();
    throwsCheckpoint(
      () => short.bytes(),
      'bad-proto',
      /a message: a field of 5 bytes runs past the end/,
    );
    const fx = read(fromHex('01 02'));
    throwsCheckpoint(() => fx.fixed32(), 'bad-proto', /fixed32 runs past/);
    throwsCheckpoint(() => read(fromHex('00')).tag(), 'bad-proto', /field number 0/);
    const group = read(fromHex('0b'));
    const [, gw] = group.tag();
    throwsCheckpoint(() => group.skip(gw), 'bad-proto', /wire type 3/);
  });
});
