/**
 * The in-repo corpus (test/corpus) is well formed: every program has its recorded stdout and
 * outcomes, says what it pins, and its `.static.json` points at real `get_variable` calls. The
 * recordings come from real TensorFlow (scripts/oracle/record.py); this checks their shape, not
 * TF's behaviour (test/runtime and test/analyzer do that).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { projectRoot } from '../support';

const dir = path.join(projectRoot(), 'test', 'corpus');
const files = fs.readdirSync(dir).sort();
const stems = files.filter((f) => f.endsWith('.py')).map((f) => f.slice(0, -3));
const OVERRIDE = /^# oracle-override: (.+?) => (.+)$/;

function read(stem: string, ext: string): string {
  return fs.readFileSync(path.join(dir, stem + ext), 'utf8');
}

describe('conformance: the in-repo corpus is well formed', () => {
  it('holds programs named NNN_name.py with distinct numbers', () => {
    assert.ok(stems.length >= 40, `only ${stems.length} programs`);
    for (const s of stems) assert.match(s, /^\d{3}_[a-z0-9_]+$/);
    const numbers = stems.map((s) => s.slice(0, 3));
    assert.equal(new Set(numbers).size, numbers.length);
  });

  it('has nothing but programs and their two recordings', () => {
    for (const f of files) {
      const m = /^(\d{3}_[a-z0-9_]+)\.(py|expected|static\.json)$/.exec(f);
      assert.ok(m, `unexpected file ${f}`);
      assert.ok(stems.includes(m[1]), `${f} has no program`);
    }
    for (const s of stems) {
      assert.ok(files.includes(`${s}.expected`), `${s}.expected`);
      assert.ok(files.includes(`${s}.static.json`), `${s}.static.json`);
    }
  });

  it('every program starts with a one-line "# pins:" header and imports TF as tf', () => {
    for (const s of stems) {
      const lines = read(s, '.py').split('\n');
      assert.match(lines[0], /^# pins: \S/, s);
      const code = lines.filter((l) => l.trim() !== '' && !l.startsWith('#'));
      assert.equal(code[0], 'import tensorflow as tf', s);
    }
  });

  it('every event of a .static.json is a get_variable call of its program', () => {
    for (const s of stems) {
      const source = read(s, '.py').split('\n');
      const json = JSON.parse(read(s, '.static.json')) as {
        status: string;
        events: Array<Record<string, unknown>>;
      };
      assert.equal(json.status, 'ok', s);
      for (const e of json.events) {
        const where = `${s}:${String(e.line)}`;
        assert.ok(typeof e.line === 'number' && e.line >= 1 && e.line <= source.length, where);
        assert.match(source[e.line - 1], /get_variable\(/, where);
        assert.equal(typeof e.name, 'string', where);
        if (e.action === 'raise') {
          assert.match(String(e.error), /^(ValueError|TypeError): \S/, where);
          assert.equal(e.key, undefined, where);
        } else {
          assert.ok(e.action === 'create' || e.action === 'reuse', where);
          assert.equal(typeof e.key, 'string', where);
          assert.equal(e.error, undefined, where);
        }
      }
    }
  });

  it('every oracle-override was applied to the recordings', () => {
    let overrides = 0;
    for (const s of stems) {
      const recorded = read(s, '.expected') + read(s, '.static.json');
      for (const line of read(s, '.py').split('\n')) {
        const m = OVERRIDE.exec(line);
        if (!m) continue;
        overrides++;
        assert.ok(!recorded.includes(m[1]), `${s}: TF 2.21's text is still recorded`);
        assert.ok(recorded.includes(m[2]) || recorded.includes(JSON.stringify(m[2]).slice(1, -1)));
      }
    }
    assert.ok(overrides > 0);
  });
});
