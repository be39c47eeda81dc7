/**
 * The conformance mirrors cover the whole corpus: every `NNN_name.py` in
 * ../shared/conformance has a `program('NNN_name', ...)` test in this folder (found in the
 * compiled sibling files, so this holds even when mocha runs a single file), and no mirror names
 * a program that is not in the corpus.
 *
 * Programs that cannot be mirrored (they need Python itself) are listed in NOT_MIRRORED with the
 * reason. Today there are none.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CORPUS_DIR, corpusPrograms } from './harness';

const NOT_MIRRORED: Record<string, string> = {};

function mirroredPrograms(): string[] {
  const stems = new Set<string>();
  for (const file of fs.readdirSync(__dirname)) {
    if (!/\.test\.(js|ts)$/.test(file)) continue;
    const text = fs.readFileSync(path.join(__dirname, file), 'utf8');
    for (const m of text.matchAll(/\bprogram\)?\(\s*['"](\d{3}_[A-Za-z0-9_]+)['"]/g))
      stems.add(m[1]);
  }
  return [...stems].sort();
}

describe('conformance: corpus coverage', () => {
  it('every corpus program has its .expected file', () => {
    for (const stem of corpusPrograms()) {
      assert.ok(fs.existsSync(path.join(CORPUS_DIR, `${stem}.expected`)), `${stem}.expected`);
    }
  });

  it('every corpus program is mirrored or listed as not mirrorable', () => {
    const mirrored = new Set(mirroredPrograms());
    const missing = corpusPrograms().filter((s) => !mirrored.has(s) && !(s in NOT_MIRRORED));
    assert.deepEqual(missing, []);
  });

  it('every mirror names a program of the corpus', () => {
    const corpus = new Set(corpusPrograms());
    assert.deepEqual(
      mirroredPrograms().filter((s) => !corpus.has(s)),
      [],
    );
  });
});
