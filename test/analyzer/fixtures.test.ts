/**
 * Data-driven analyzer fixtures with inline expectations (test/analyzer/fixtures/cases).
 *
 * A marker is a comment line (`#` in Python, `//` in TS/JS) whose carets sit under the start of
 * a call on the nearest line above that is not a marker, followed by one expectation:
 *
 *     w = tf.get_variable("w", [2])
 *     #   ^^^^^^^^^^^^^^^ create a/w:0 (2,)
 *     #   ^^^^^^^^^^^^^^^ raise TF-VAR-EXISTS a/w possible
 *     #   ^^^ diag TF-VAR-EXISTS warning
 *     with tf.variable_scope("a", reuse=True):
 *     #    ^^^ scope a reuse=True
 *
 * Carets written right after the comment token (`#^^^`, `//^^^`) point at the column where the
 * token starts, for calls at the start of their line where no caret fits below.
 * - `create|reuse NAME [SHAPE] [possible] [entry]`: an outcome of the `get_variable` call there;
 * - `raise CODE NAME [possible] [handled] [entry]`: an error outcome;
 * - `diag CODE SEVERITY`: a diagnostic starting there;
 * - `scope NAME reuse=R [prefix=P]`: an outcome of the `variable_scope` call there.
 *
 * An outcome marker may end with `via L1>L2`: the lines of the calls that led to it (its trail,
 * outermost first; `lib.py:7` for a call in another file). Where any marker of a call site says
 * `via`, every outcome there is compared with its trail (a marker without `via`: no trail).
 *
 * Every call site's outcomes must equal its markers exactly (certainty and flags included), and
 * every diagnostic of the file must have a marker: a fixture fails on a missing prediction and
 * on a false one (hints are checked only in fixtures that mark one). Scope markers are checked where they are given. A fixture whose first line
 * says `differential` also runs through the Python runtime, and the variables it creates and the
 * errors it raises must equal the analyzer's prediction.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, Analysis } from '../../src/analyzer/analyze';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const DIR = path.join(projectRoot(), 'test', 'analyzer', 'fixtures', 'cases');

interface Marker {
  line: number; // 1-based line of the code it points at
  column: number; // 1-based
  text: string;
  markerLine: number;
}

function parseMarkers(source: string, comment: string): Marker[] {
  const lines = source.split('\n');
  const out: Marker[] = [];
  let target = 0;
  const re = new RegExp(`^(\\s*)${comment === '#' ? '#' : '//'}(\\s*)(\\^+)\\s+(.*)$`);
  lines.forEach((l, i) => {
    const m = re.exec(l);
    if (!m) {
      target = i + 1;
      return;
    }
    // Carets right after the comment token (`#^^^`, `//^^^`) point where the token starts: a
    // call at the start of its line has no room for a caret below it.
    const column =
      m[2].length === 0 ? m[1].length + 1 : m[1].length + comment.length + m[2].length + 1;
    out.push({ line: target, column, text: m[4].trim(), markerLine: i + 1 });
  });
  return out;
}

function describeOutcome(
  o: Analysis['callSites'][number]['outcomes'][number],
  withTrail = false,
): string {
  const parts: string[] = [o.action];
  if (o.action === 'raise') parts.push(o.code ?? '?', o.name);
  else {
    parts.push(o.name);
  }
  if (!o.certain) parts.push('possible');
  if (o.handled && o.action === 'raise') parts.push('handled');
  if (o.entry) parts.push('entry');
  if (withTrail && o.trail)
    parts.push(
      'via',
      o.trail.map((l) => (l.file ? `${path.basename(l.file)}:` : '') + l.start.line).join('>'),
    );
  return parts.join(' ');
}

/** A marker's expectation in the canonical form `describeOutcome` produces (shape checked apart). */
function canonical(text: string): { key: string; shape?: string } {
  const shape = /(\([^)]*\))/.exec(text)?.[1];
  const words = text
    .replace(/\([^)]*\)/, '')
    .split(/\s+/)
    .filter(Boolean);
  return { key: words.join(' '), ...(shape ? { shape } : {}) };
}

const files = fs.existsSync(DIR)
  ? fs
      .readdirSync(DIR)
      .filter((f) => /\.(py|ts|js)$/.test(f))
      .sort()
  : [];

describe('analyzer fixtures (inline expectations)', () => {
  it('has fixtures for Python and for TypeScript/JavaScript', () => {
    assert.ok(files.some((f) => f.endsWith('.py')));
    assert.ok(files.some((f) => !f.endsWith('.py')));
  });

  for (const file of files) {
    it(file, () => {
      const filename = path.join(DIR, file);
      const source = fs.readFileSync(filename, 'utf8');
      const comment = file.endsWith('.py') ? '#' : '//';
      const markers = parseMarkers(source, comment);
      assert.ok(markers.length > 0, 'a fixture needs markers');
      const result = analyze(source, {
        path: filename,
        readFile: (p) => (fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined),
      });
      const problems: string[] = [];
      const at = (m: { line: number; column: number }) => `${m.line}:${m.column}`;

      // Call sites: outcomes equal markers.
      const siteMarkers = new Map<string, Marker[]>();
      const diagMarkers = new Map<string, Marker[]>();
      const scopeMarkers = new Map<string, Marker[]>();
      for (const m of markers) {
        const kind = m.text.split(/\s+/)[0];
        const map = kind === 'diag' ? diagMarkers : kind === 'scope' ? scopeMarkers : siteMarkers;
        const k = at(m);
        map.set(k, [...(map.get(k) ?? []), m]);
      }
      const localSites = result.callSites.filter((s) => !s.file);
      for (const site of localSites) {
        const k = at(site.start);
        const expected = (siteMarkers.get(k) ?? []).map((m) => canonical(m.text));
        siteMarkers.delete(k);
        const trails = expected.some((e) => / via /.test(e.key));
        const actual = site.outcomes.map((o) => ({
          key: describeOutcome(o, trails),
          shape: o.shape,
        }));
        const ek = expected.map((e) => e.key).sort();
        const ak = actual.map((a) => a.key).sort();
        if (JSON.stringify(ek) !== JSON.stringify(ak)) {
          problems.push(`call at ${k}: expected [${ek.join(' | ')}], got [${ak.join(' | ')}]`);
          continue;
        }
        for (const e of expected) {
          if (!e.shape) continue;
          const a = actual.find((x) => x.key === e.key);
          if (a && a.shape !== e.shape)
            problems.push(`call at ${k}: ${e.key} has shape ${a.shape}, expected ${e.shape}`);
        }
      }
      for (const [k, ms] of siteMarkers)
        problems.push(`markers at ${k} (line ${ms[0].markerLine}) but no call site there`);

      // Diagnostics: every one has a marker, every marker a diagnostic.
      const checkHints = markers.some((m) => m.text.endsWith(' hint'));
      for (const d of result.diagnostics) {
        if (d.severity === 'hint' && !checkHints) continue;
        const k = at(d.start);
        const ms = diagMarkers.get(k) ?? [];
        const i = ms.findIndex((m) => m.text === `diag ${d.code} ${d.severity}`);
        if (i < 0)
          problems.push(`unexpected diagnostic at ${k}: ${d.severity} ${d.code}: ${d.message}`);
        else ms.splice(i, 1);
      }
      for (const [k, ms] of diagMarkers)
        for (const m of ms) problems.push(`missing diagnostic at ${k}: ${m.text}`);

      // Scopes where markers are given.
      for (const [k, ms] of scopeMarkers) {
        const site = result.scopes.find((s) => !s.file && at(s.start) === k);
        if (!site) {
          problems.push(`scope markers at ${k} but no variable_scope there`);
          continue;
        }
        const actual = site.outcomes
          .map(
            (o) => `scope ${o.name} reuse=${o.reuse}${o.nameScope ? ` prefix=${o.nameScope}` : ''}`,
          )
          .sort();
        const expected = ms.map((m) => m.text).sort();
        if (JSON.stringify(actual) !== JSON.stringify(expected))
          problems.push(
            `scope at ${k}: expected [${expected.join(' | ')}], got [${actual.join(' | ')}]`,
          );
      }
      assert.deepEqual(problems, [], `${file}:\n  ${problems.join('\n  ')}`);
    });
  }
});

const MARK = '@@scope-lens-events@@';

describe('analyzer fixtures: static predictions equal the Python runtime', function () {
  this.timeout(120_000);
  const runner = new Runner();
  after(() => runner.dispose());
  const differential = files.filter(
    (f) =>
      f.endsWith('.py') &&
      fs.readFileSync(path.join(DIR, f), 'utf8').split('\n')[0].includes('differential'),
  );

  it('has differential fixtures', () => assert.ok(differential.length > 0));

  for (const file of differential) {
    it(file, async () => {
      const filename = path.join(DIR, file);
      const source = fs.readFileSync(filename, 'utf8');
      const result = analyze(source, { path: filename });
      assert.equal(result.paths, 1, 'a differential fixture must have one path');
      assert.ok(result.exhaustive && result.complete);
      // The program runs as itself (same file name and lines); the events print even when it
      // ends with an uncaught error.
      const driver = [
        'import json as _j, sys as _s, tensorflow as _t',
        `_f = ${JSON.stringify(filename)}`,
        'try:',
        "    exec(compile(open(_f).read(), _f, 'exec'), {'__name__': '__main__'})",
        'finally:',
        `    _s.__stdout__.write("${MARK}" + _j.dumps(_t._variable_scope.EVENTS) + "\\n")`,
        '',
      ].join('\n');
      let stdout = '';
      let stderr = '';
      await runner.run(
        { language: 'python', code: driver, filename: path.join(DIR, '__driver__.py'), cwd: DIR },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      const line = stdout.split('\n').find((l) => l.startsWith(MARK));
      assert.ok(line, `no events printed:\n${stderr}`);
      const norm = (e: Record<string, unknown>) => ({
        line: e.line,
        name: e.name,
        key: e.key,
        action: e.action,
        error: e.error,
      });
      const dynamic = (JSON.parse(line.slice(MARK.length)) as Record<string, unknown>[]).map(norm);
      assert.deepEqual(
        result.events.map((e) => norm({ ...e })),
        dynamic,
      );
    });
  }
});
