/**
 * The "already exists" fix for a function called twice finds the second call whichever way the
 * diagnostic is laid out: at the second call in the caller, with the call trail as related
 * information (as the analyzer reports it), or at the `get_variable` inside the function with
 * nothing related (as a client holding an older analysis may still show it; built here from
 * the same analysis by moving the diagnostic there).
 */
import { strict as assert } from 'node:assert';
import { analyze, type Analysis } from '../../src/analyzer/analyze';
import { lowerPython } from '../../src/analyzer/python/lower';
import { applyEdits, QuickFixes } from '../../src/server/code-actions';
import { LineIndex, SOURCE, toRange } from '../../src/server/convert';
import { DocumentStore } from '../../src/server/documents';
import { nodePlatform } from '../../src/server/node-platform';
import { DEFAULT_SETTINGS } from '../../src/server/settings';
import type { Snapshot } from '../../src/server/sites';

const TEXT = `import tensorflow as tf


def build_model(x, reuse=None):
    with tf.variable_scope("model", reuse=reuse):
        return tf.get_variable("w_out", [3])


build_model(1)
build_model(2)
`;

function snapshotOf(text: string, analysis: Analysis): Snapshot {
  return {
    uri: 'file:///w/model.py',
    path: '/w/model.py',
    version: 1,
    text,
    lines: new LineIndex(text),
    analysis,
    module: lowerPython(text).module,
    language: 'python',
    elapsed: 0,
  };
}

function fixes(snapshot: Snapshot) {
  const store = new DocumentStore(
    {
      settings: () => DEFAULT_SETTINGS,
      roots: () => [],
      publish: () => {},
      log: () => {},
      files: nodePlatform().files,
    },
    0,
  );
  const d = snapshot.analysis.diagnostics.find((x) => x.code === 'TF-VAR-EXISTS');
  assert.ok(d);
  const lsp = { range: toRange(d), code: d.code, source: SOURCE, message: d.message };
  return new QuickFixes(store).actions(snapshot, [lsp]).map((a) => {
    const edits = Object.values(a.edit?.changes ?? {})[0].map((e) => ({
      from: snapshot.lines.offsetAt(e.range.start),
      to: snapshot.lines.offsetAt(e.range.end),
      text: e.newText,
    }));
    return { title: a.title, preferred: a.isPreferred === true, text: applyEdits(TEXT, edits) };
  });
}

describe('quick fixes: the second call, in either diagnostic layout', () => {
  const analysis = analyze(TEXT, { path: '/w/model.py' });
  const expected = [
    { title: 'Pass reuse=True to build_model(...) at line 10', preferred: true },
    {
      title:
        'Wrap build_model(...) at line 10 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      preferred: false,
    },
    { title: 'Set reuse=tf.AUTO_REUSE on variable_scope("model")', preferred: false },
  ];

  it('at the second call in the caller (the analyzer reports it there)', () => {
    const d = analysis.diagnostics.find((x) => x.code === 'TF-VAR-EXISTS');
    assert.equal(d?.start.line, 10);
    assert.ok(d?.related?.some((r) => r.message === 'get_variable here' && r.start.line === 6));
    const got = fixes(snapshotOf(TEXT, analysis));
    assert.deepEqual(
      got.map(({ title, preferred }) => ({ title, preferred })),
      expected,
    );
    assert.match(got[0].text, /\nbuild_model\(1\)\nbuild_model\(2, reuse=True\)\n$/);
  });

  it('at the get_variable inside the function, nothing related', () => {
    const at = TEXT.indexOf('tf.get_variable("w_out", [3])');
    const lines = new LineIndex(TEXT);
    const start = lines.positionAt(at);
    const end = lines.positionAt(at + 'tf.get_variable("w_out", [3])'.length);
    const moved: Analysis = {
      ...analysis,
      diagnostics: analysis.diagnostics.map((x) =>
        x.code === 'TF-VAR-EXISTS'
          ? {
              ...x,
              start: { line: start.line + 1, column: start.character + 1 },
              end: { line: end.line + 1, column: end.character + 1 },
              related: undefined,
            }
          : x,
      ),
    };
    const got = fixes(snapshotOf(TEXT, moved));
    assert.deepEqual(
      got.map(({ title, preferred }) => ({ title, preferred })),
      expected,
    );
    assert.match(got[0].text, /\nbuild_model\(1\)\nbuild_model\(2, reuse=True\)\n$/);
    assert.match(
      got[1].text,
      /\nbuild_model\(1\)\nwith tf\.variable_scope\(tf\.get_variable_scope\(\), reuse=True\):\n {4}build_model\(2\)\n$/,
    );
  });
});
