/**
 * `scope-lens ckpt` through the built command (bin/scope-lens.js → dist/cli.js) on the real
 * checkpoints of the reference material: listings and JSON as the README's tables give them,
 * --verify on a damaged copy, the library entry. test/checkpoint/cli.test.ts runs the same
 * command on the bundled example checkpoint.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { dtypeFromName } from '../../src/checkpoint/dtypes';
import { dataFilename } from '../../src/checkpoint/naming';
import { projectRoot } from '../support';
import { expectedListing, T2T, T2T_DIR, TFX, TFX_DIR } from './checkpoint-helpers';

const cli = path.join(projectRoot(), 'bin', 'scope-lens.js');

function run(...args: string[]) {
  const r = spawnSync('node', [cli, ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli: scope-lens ckpt on the real checkpoints', () => {
  it('lists a checkpoint in aligned columns: name, dtype, shape; then a summary', () => {
    const r = run('ckpt', T2T);
    assert.equal(r.code, 0, r.err);
    const lines = r.out.trimEnd().split('\n');
    const expected = expectedListing('t2t-transformer');
    assert.equal(lines.length, expected.length + 1);
    const dtypeColumn = lines[0].indexOf('int64');
    expected.forEach((row, i) => {
      const dtype = dtypeFromName(row.dtypeEnum)?.name as string;
      assert.equal(lines[i].slice(0, dtypeColumn).trimEnd(), row.key);
      assert.equal(lines[i].slice(dtypeColumn).split(/ {2,}/)[0], dtype);
      assert.ok(lines[i].endsWith(`  [${row.shape.join(', ')}]`), lines[i]);
    });
    // The shape column is aligned too.
    const shapeColumn = lines[0].indexOf('[');
    for (const line of lines.slice(0, -1)) assert.equal(line.indexOf('['), shapeColumn, line);
    assert.match(lines[0], /^global_step {2,}int64 {4}\[\]$/); // int64 padded to float32's width
    assert.equal(lines.at(-1), `250 variables in ${T2T} (2 data shards)`);
  });

  it('--json: the documented form, the README listing, from a folder or an .index path', () => {
    for (const [arg, prefix, folder] of [
      [TFX_DIR, TFX, 'tfx-taxi-estimator'],
      [`${T2T}.index`, T2T, 't2t-transformer'],
    ]) {
      const r = run('ckpt', '--json', arg);
      assert.equal(r.code, 0, r.err);
      const doc = JSON.parse(r.out);
      assert.deepEqual(Object.keys(doc), ['schemaVersion', 'prefix', 'numShards', 'variables']);
      assert.equal(doc.schemaVersion, 1);
      assert.equal(doc.prefix, prefix);
      assert.equal(doc.numShards, 2);
      assert.deepEqual(
        doc.variables,
        expectedListing(folder).map((row) => ({
          name: row.key,
          dtype: dtypeFromName(row.dtypeEnum)?.name,
          shape: row.shape,
        })),
      );
    }
  });

  it('--verify: every checksum checked; a damaged tensor exits 1 and is named', () => {
    const ok = run('ckpt', '--verify', TFX_DIR);
    assert.equal(ok.code, 0, ok.err);
    assert.match(ok.out, /verified: every tensor's checksum matches\n$/);

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-ckpt-cli-'));
    try {
      for (const f of fs.readdirSync(T2T_DIR))
        fs.copyFileSync(path.join(T2T_DIR, f), path.join(dir, f));
      const shard = dataFilename(path.join(dir, 'model.ckpt-1'), 1, 2);
      fs.chmodSync(shard, 0o644);
      const bytes = fs.readFileSync(shard);
      bytes[0] ^= 0xff; // training/beta1_power
      fs.writeFileSync(shard, bytes);
      const bad = run('ckpt', '--verify', dir);
      assert.equal(bad.code, 1);
      assert.match(bad.err, /training\/beta1_power": checksum mismatch/);
      assert.match(bad.out, /1 damaged tensor\n$/);
      const json = JSON.parse(run('ckpt', '--verify', '--json', dir).out);
      assert.deepEqual(
        json.problems.map((p: { name: string; code: string }) => [p.name, p.code]),
        [['training/beta1_power', 'data-crc']],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the library entry require('scope-lens') reads and writes checkpoints too", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const lib = require(require.resolve('scope-lens'));
    assert.equal(lib.openCheckpoint(TFX_DIR).list().length, 51);
    for (const name of [
      'CheckpointReader',
      'CheckpointError',
      'writeCheckpoint',
      'encodeCheckpoint',
    ]) {
      assert.equal(typeof lib[name], 'function', name);
    }
  });
});
