/**
 * Shared by the checkpoint tests: where the real checkpoints are, their expected listings parsed
 * from ../shared/testdata/checkpoints/README.md (the tables are the specification), a seeded
 * PRNG, and an assertion for `CheckpointError`s.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CheckpointError, CheckpointErrorCode } from '../../src/checkpoint/errors';
import { blockChecksum } from '../../src/checkpoint/table';
import { projectRoot } from '../support';

export const CHECKPOINTS = path.join(projectRoot(), '..', 'shared', 'testdata', 'checkpoints');
export const T2T_DIR = path.join(CHECKPOINTS, 't2t-transformer');
export const TFX_DIR = path.join(CHECKPOINTS, 'tfx-taxi-estimator');
export const T2T = path.join(T2T_DIR, 'model.ckpt-1');
export const TFX = path.join(TFX_DIR, 'model.ckpt-10000');

export interface ExpectedRow {
  n: number;
  key: string;
  /** `DT_FLOAT`, as the README writes it. */
  dtypeEnum: string;
  shape: number[];
  shard: number;
  offset: number;
  size: number;
  crc32c: number;
}

const ROW =
  /^\| (\d+) \| `([^`]*)` \| (DT_[A-Z0-9]+) \| \[([0-9, ]*)\] \| (\d+) \| (\d+) \| (\d+) \| `0x([0-9a-f]{8})` \|$/;

/** The README's table for a folder (`t2t-transformer`), rows in file order. */
export function expectedListing(folder: string): ExpectedRow[] {
  const readme = fs.readFileSync(path.join(CHECKPOINTS, 'README.md'), 'utf8');
  const sections = readme.split(/\n## /);
  const section = sections.find((s) => new RegExp(`^\\d+\\. \`${folder}/\``).test(s));
  assert.ok(section, `README has no section for ${folder}`);
  const rows: ExpectedRow[] = [];
  for (const line of section.split('\n')) {
    const m = ROW.exec(line.trim());
    if (!m) continue;
    rows.push({
      n: Number(m[1]),
      key: m[2],
      dtypeEnum: m[3],
      shape: m[4] === '' ? [] : m[4].split(', ').map(Number),
      shard: Number(m[5]),
      offset: Number(m[6]),
      size: Number(m[7]),
      crc32c: parseInt(m[8], 16),
    });
  }
  rows.forEach((r, i) => assert.equal(r.n, i + 1, `README row numbering in ${folder}`));
  return rows;
}

/** Asserts `fn` throws a `CheckpointError` with `code` whose message starts with `file`. */
export function throwsCheckpoint(
  fn: () => unknown,
  code: CheckpointErrorCode,
  message?: RegExp,
  file?: string,
): CheckpointError {
  let caught: unknown;
  try {
    fn();
  } catch (e) {
    caught = e;
  }
  assert.ok(caught instanceof CheckpointError, `expected a CheckpointError, got ${String(caught)}`);
  assert.equal(caught.code, code, caught.message);
  if (message) assert.match(caught.message, message);
  if (file !== undefined) {
    assert.equal(caught.file, file);
    assert.ok(caught.message.startsWith(`${file}: `), caught.message);
  }
  return caught;
}

export { prng } from '../support';

export function readBytes(file: string): Uint8Array {
  const b = fs.readFileSync(file);
  return new Uint8Array(b.buffer, b.byteOffset, b.length).slice();
}

export function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join(' ');
}

export function fromHex(s: string): Uint8Array {
  return Uint8Array.from(s.trim().split(/\s+/), (h) => parseInt(h, 16));
}

/** Recomputes the trailer checksum of the block at `handle` (after a test changed its bytes). */
export function refreshBlockCrc(file: Uint8Array, handle: { offset: number; size: number }): void {
  const end = handle.offset + handle.size;
  const c = blockChecksum(file.subarray(handle.offset, end), file[end]);
  file[end + 1] = c & 0xff;
  file[end + 2] = (c >>> 8) & 0xff;
  file[end + 3] = (c >>> 16) & 0xff;
  file[end + 4] = (c >>> 24) & 0xff;
}
