/**
 * Checkpoint benchmark (`npm run bench`): src/checkpoint against raw file-system work on the same
 * bytes, measured in the same run. Medians; rounds alternate which side goes first and start from
 * a collected heap (run with --expose-gc).
 *
 * - Listing a 250-entry index: `openCheckpoint(prefix).list()` (read the file, verify every
 *   block checksum, decode every entry) on an index the benchmark writes: 250 float32 entries
 *   named like a transformer's layers and their Adam slots (the size of a real t2t checkpoint's
 *   index), against reading the index file alone; the pure parse of bytes already in memory is
 *   shown too.
 * - Reading 100 MiB of tensors: `read()` of 100 float32 tensors of 1 MiB each (range read,
 *   CRC32C verified, values as Float32Array), against raw `fs` reads of the same byte ranges.
 *   Verifying the checksum is most of the difference: CRC32C runs in JavaScript at about
 *   1.5 GB/s (Node has no hardware CRC32C), so its time over the same bytes is shown too, and
 *   the ratio to raw read + checksum, the floor for a reader that verifies what it reads.
 *   (Buffers of a freshly read tensor are new memory: page faults make results vary by run.)
 * - Writing 100 MiB: `writeCheckpoint` of the same tensors (checksums, index, temporary files
 *   renamed into place), against `fs.writeFileSync` of the same number of bytes.
 * - `scope-lens diff` of a 1,000-variable model (`diffCheckpoint`, no I/O): 1,000 names (950
 *   exact, 50 patterns with a hole) against a 3,001-key checkpoint (the variables, their Adam
 *   slots, global_step), 20 of the names missing under an extra scope (a suggestion and a closest
 *   key each); against the baseline of a plain set difference of the same names and keys (strip
 *   `:0`, look up). A second case has every name missing with no systematic fix, so each gets its
 *   closest key by segment edit distance over the 1,000 unclaimed keys (the worst case).
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
import { DiffCheckpointVariable, DiffCodeVariable, diffCheckpoint } from '../src/checkpoint/diff';

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

/** A 250-entry index with t2t-like names (layers, each with its two Adam slots). */
function listingPrefix(dir: string): { prefix: string; source: string } {
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

/** A 1,000-variable model and its checkpoint (see the module comment). */
function diffModel(): { code: DiffCodeVariable[]; listing: DiffCheckpointVariable[] } {
  const code: DiffCodeVariable[] = [];
  const listing: DiffCheckpointVariable[] = [];
  const parts = [
    'attn/q/kernel',
    'attn/k/kernel',
    'attn/v/kernel',
    'ffn/conv1/kernel',
    'ffn/conv1/bias',
  ];
  for (let layer = 0; code.length < 1000; layer++) {
    for (const part of parts) {
      if (code.length >= 1000) break;
      const key = `model/body/layer_${layer}/${part}`;
      const shape = part.endsWith('bias') ? [64] : [64, 64];
      listing.push({ name: key, dtype: 'float32', shape });
      for (const slot of ['Adam', 'Adam_1'])
        listing.push({ name: `training/${key}/${slot}`, dtype: 'float32', shape });
      const codeShape = shape.length === 1 ? '(64,)' : '(64, 64)';
      const i = code.length;
      const name =
        i % 20 === 0
          ? `model/tower{t}/layer_${layer}/${part}:0` // a pattern (matches nothing: missing)
          : i % 50 === 1
            ? `extra/${key}:0` // an extra scope: missing, with a suggestion
            : `${key}:0`;
      code.push({ name, shape: codeShape, dtype: 'float32_ref', file: 'model.py', line: i + 1 });
    }
  }
  listing.push({ name: 'global_step', dtype: 'int64', shape: [] });
  return { code, listing };
}

function benchDiff(): void {
  const { code, listing } = diffModel();
  const reps = 20;
  let result = diffCheckpoint(code, listing);
  const baseline = () => {
    let missing = 0;
    for (let r = 0; r < reps; r++) {
      const keys = new Set(listing.map((v) => v.name));
      missing = 0;
      for (const v of code) if (!keys.has(v.name.replace(/:\d+$/, ''))) missing++;
    }
    return missing;
  };
  const [diff, base] = pair(
    () => {
      for (let r = 0; r < reps; r++) result = diffCheckpoint(code, listing);
    },
    () => void baseline(),
    ROUNDS,
    false,
  );
  const perRun = diff / reps;
  console.log(
    `  diff ${code.length} names against ${listing.length} keys: ${perRun.toFixed(2)} ms ` +
      `(${Math.round((code.length / perRun) * 1000).toLocaleString('en-US')} names/s; ` +
      `${result.summary.matchedKeys} keys matched, ${result.summary.missing} missing, ` +
      `${result.expected.slots.length} slots, ${result.suggestions.length} suggestion(s)); ` +
      `plain set difference ${(base / reps).toFixed(3)} ms: ${(diff / base).toFixed(0)}x`,
  );
  // Worst case: nothing matches and nothing explains it; every name gets its closest key.
  const renamed = code.map((v) => ({ ...v, name: v.name.replace(/^model\//, 'net/v2/') }));
  const unclaimed = listing.filter((v) => !v.name.startsWith('training/'));
  let worst = diffCheckpoint(renamed, unclaimed);
  const [slow, base2] = pair(
    () => {
      worst = diffCheckpoint(renamed, unclaimed);
    },
    () => void baseline(),
    ROUNDS,
    false,
  );
  console.log(
    `  diff with every name missing and no suggestion (${worst.summary.missing} closest keys over ` +
      `${unclaimed.length} keys): ${slow.toFixed(1)} ms ` +
      `(${Math.round((code.length / slow) * 1000).toLocaleString('en-US')} names/s; ` +
      `${(slow / (base2 / reps)).toFixed(0)}x the plain set difference)`,
  );
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

    benchDiff();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main();
