/**
 * For the suites that check src/checkpoint against the two real TF 1.x checkpoints of the
 * reference material (testdata/checkpoints in the folder `sharedDir` finds): where they are, and
 * their expected listings parsed from that folder's README.md (its tables are the specification).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sharedDir } from '../support';

export const CHECKPOINTS = sharedDir('testdata', 'checkpoints');
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
