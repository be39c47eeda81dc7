/**
 * Checkpoint benchmark (`npm run bench`): src/checkpoint against raw file-system work on the same
 * bytes, measured in the same run. Medians; rounds alternate which side goes first and start from
 * a collected heap (run with --expose-gc).
 *
 * - Listing a 250-entry index: `openCheckpoint(prefix).list()` (read the file, verify every
 *   block checksum, decode every entry) on t2t-transformer's real index from ../shared (a
 *   synthetic index with the same names when it is not there), against reading the index file
 *   alone; the pure parse of bytes already in memory is shown too.
 * - Reading 100 MiB of tensors: `read()` of 100 float32 tensors of 1 MiB each (range read,
 *   CRC32C verified, values as Float32Array), against raw `fs` reads of the same byte ranges.
 *   Verifying the checksum is most of the difference: CRC32C runs in JavaScript at about
 *   1.5 GB/s (Node has no hardware CRC32C), so its time over the same bytes is shown too, and
 *   the ratio to raw read + checksum, the floor for a reader that verifies what it reads.
 *   (Buffers of a freshly read tensor are new memory: page faults make results vary by run.)
 * - Writing 100 MiB: `writeCheckpoint` of the same tensors (checksums, index, temporary files
 *   renamed into place), against `fs.writeFileSync` of the same number of bytes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { crc32c } from '../src/checkpoint/crc32c';
import { CheckpointReader, memoryShards } from '../src/checkpoint/reader';
import { dataFilename, indexFilename } from '../src/checkpoint/naming';
import { openCheckpoint, writeCheckpoint } from '../src/checkpoint/node';
import { TensorInput } from '../src/checkpoint/bundle';
import { projectRoot } from '../test/support';

const ROUNDS = 7;
const TENSORS = 100;
const FLOATS = 262144; // 1 MiB of float32
const MIB = 1 << 20;
const LIST_REPS = 100;

const collect: () => void = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * Times `a` and `b` alternately (a first on even rounds) after one untimed warm-up round each;
 * returns their medians in ms. `gc`: collect the heap before each (for the 100 MiB rounds; the
 * small listing rounds skip it, as a full collection sends the parser back to colder code).
 */
function pair(a: () => void, b: () => void, rounds = ROUNDS, gc = true): [number, number] {
  a();
  b();
  const ta: number[] = [];
  const tb: number[] = [];
  const once = (fn: () => void, into: number[]) => {
    if (gc) collect();
    const t0 = performance.now();
    fn();
    into.push(performance.now() - t0);
  };
  for (let r = 0; r < rounds; r++) {
    if (r % 2 === 0) {
      once(a, ta);
      once(b, tb);
    } else {
      once(b, tb);
      once(a, ta);
    }
  }
  return [median(ta), median(tb)];
}

/** A 250-entry index: the real t2t-transformer one, or one with its shape of names. */
function listingPrefix(dir: string): { prefix: string; source: string } {
  const real = path.join(
    projectRoot(),
    '..',
    'shared',
    'testdata',
    'checkpoints',
    't2t-transformer',
    'model.ckpt-1',
  );
  if (fs.existsSync(indexFilename(real))) return { prefix: real, source: 't2t-transformer (real)' };
  const tensors: TensorInput[] = [];
  for (let i = 0; tensors.length < 250; i++) {
    const base = `transformer/body/decoder/layer_${i}/self_attention/multihead_attention/q/kernel`;
    for (const name of [base, `training/${base}/Adam`, `training/${base}/Adam_1`]) {
      if (tensors.length < 250)
        tensors.push({ name, dtype: 'float32', shape: [16, 16], values: new Float32Array(256) });
    }
  }
  const prefix = path.join(dir, 'listing', 'model.ckpt-1');
  writeCheckpoint(prefix, tensors);
  return { prefix, source: 'synthetic, t2t-like names' };
}

function main(): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-bench-ckpt-'));
  try {
    console.log(
      'checkpoint benchmark: medians of %d rounds; ratio = src/checkpoint / raw fs on the same bytes',
      ROUNDS,
    );

    // Listing.
    const { prefix: lp, source } = listingPrefix(dir);
    const indexBytes = fs.readFileSync(indexFilename(lp));
    let listed = 0;
    const [list, rawIndex] = pair(
      () => {
        for (let i = 0; i < LIST_REPS; i++) listed = openCheckpoint(lp).list().length;
      },
      () => {
        for (let i = 0; i < LIST_REPS; i++) fs.readFileSync(indexFilename(lp));
      },
      ROUNDS,
      false,
    );
    const [parse] = pair(
      () => {
        for (let i = 0; i < LIST_REPS; i++)
          new CheckpointReader(indexBytes, lp, memoryShards(lp, [])).list();
      },
      () => undefined,
      ROUNDS,
      false,
    );
    console.log(
      `  list ${listed} entries (${source}, ${indexBytes.length} bytes): ${((list / LIST_REPS) * 1000).toFixed(0)} µs ` +
        `(parse alone ${((parse / LIST_REPS) * 1000).toFixed(0)} µs; reading the file ${((rawIndex / LIST_REPS) * 1000).toFixed(0)} µs, ${(list / rawIndex).toFixed(1)}x)`,
    );

    // A 100 MiB checkpoint.
    const tensors: TensorInput[] = [];
    for (let i = 0; i < TENSORS; i++) {
      const values = new Float32Array(FLOATS);
      for (let k = 0; k < FLOATS; k++) values[k] = Math.sin(i * FLOATS + k);
      tensors.push({
        name: `model/layer_${String(i).padStart(3, '0')}/kernel`,
        dtype: 'float32',
        shape: [512, 512],
        values,
      });
    }
    const prefix = path.join(dir, 'big', 'model.ckpt-1');
    const rawFile = path.join(dir, 'big', 'raw.bin');
    const totalMiB = (TENSORS * FLOATS * 4) / MIB;
    const payload = Buffer.alloc(TENSORS * FLOATS * 4);
    for (let i = 0; i < TENSORS; i++) {
      const v = tensors[i].values as Float32Array;
      payload.set(new Uint8Array(v.buffer, v.byteOffset, v.byteLength), i * FLOATS * 4);
    }
    const [write, rawWrite] = pair(
      () => {
        writeCheckpoint(prefix, tensors);
      },
      () => fs.writeFileSync(rawFile, payload),
      5,
    );
    console.log(
      `  write ${totalMiB} MiB: ${write.toFixed(0)} ms, ${((totalMiB / write) * 1000).toFixed(0)} MiB/s ` +
        `(raw writeFileSync ${rawWrite.toFixed(0)} ms: ${(write / rawWrite).toFixed(2)}x)`,
    );

    // Reading it back: every tensor through the reader, or the same ranges with fs.
    const reader = openCheckpoint(prefix);
    const entries = reader.list().map((v) => reader.entry(v.name)!.entry);
    const dataFile = dataFilename(prefix, 0, 1);
    let checksum = 0;
    const [read, rawRead] = pair(
      () => {
        for (const v of reader.list()) checksum += (reader.read(v.name).values as Float32Array)[1];
      },
      () => {
        for (const e of entries) {
          const buf = Buffer.allocUnsafeSlow(e.size);
          const fd = fs.openSync(dataFile, 'r');
          fs.readSync(fd, buf, 0, e.size, e.offset);
          fs.closeSync(fd);
          checksum += buf[4];
        }
      },
    );
    const [crc] = pair(
      () => {
        checksum += crc32c(payload);
      },
      () => undefined,
    );
    const floor = rawRead + crc;
    console.log(
      `  read ${totalMiB} MiB (${TENSORS} tensors, checksums verified): ${read.toFixed(0)} ms, ` +
        `${((totalMiB / read) * 1000).toFixed(0)} MiB/s; raw reads of the same ranges ${rawRead.toFixed(0)} ms ` +
        `(${(read / rawRead).toFixed(2)}x), CRC32C of the same bytes ${crc.toFixed(0)} ms; ` +
        `${(read / floor).toFixed(2)}x raw read + checksum`,
    );
    if (Number.isNaN(checksum)) console.log('');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
