/**
 * An open document analysed after each edit (DocumentAnalyzer) gives exactly what a fresh
 * analysis of the same text gives: over sequences of random edits (typing, deleting, pasting
 * lines from elsewhere, moving statements) applied to the fixtures and examples.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze, DocumentAnalyzer } from '../../src/analyzer/analyze';
import { lowerPython } from '../../src/analyzer/python/lower';
import { PythonDocument } from '../../src/analyzer/python/document';
import { printIr } from '../../src/analyzer/ir-printer';
import { projectRoot, randomIndex } from '../support';

const root = projectRoot();
const sources = [
  path.join(root, 'examples', 'python'),
  path.join(root, 'test', 'analyzer', 'fixtures', 'cases'),
].flatMap((d) =>
  fs
    .readdirSync(d)
    .filter((f) => f.endsWith('.py'))
    .map((f) => fs.readFileSync(path.join(d, f), 'utf8')),
);

describe('analyzer: incremental re-analysis equals a fresh analysis', function () {
  this.timeout(120_000);

  it('the IR of every version equals a fresh lowering (spans included)', () => {
    const rand = randomIndex(99);
    for (const start of sources) {
      const doc = new PythonDocument();
      let text = start;
      for (let step = 0; step < 40; step++) {
        const at = rand(text.length + 1);
        const kind = rand(4);
        if (kind === 0) text = text.slice(0, at) + 'x' + text.slice(at);
        else if (kind === 1) text = text.slice(0, at) + text.slice(at + 1 + rand(3));
        else if (kind === 2) text = text.slice(0, at) + '\n' + text.slice(at);
        else {
          const other = sources[rand(sources.length)];
          const from = rand(other.length);
          text = text.slice(0, at) + other.slice(from, from + rand(80)) + text.slice(at);
        }
        const incremental = printIr(doc.update(text).module, text);
        assert.equal(incremental, printIr(lowerPython(text).module, text), `edit ${step}`);
      }
    }
  });

  it('a statement whose text changed but not its meaning keeps its IR object, spans moved', () => {
    // A comment, a blank line or spaces inside a function body: the program is the same, so
    // the statement keeps its IR (and the analyzer its last interpretation).
    const base = [
      'import tensorflow as tf',
      '',
      'def block(x, n):',
      '    with tf.variable_scope("block"):',
      '        w = tf.get_variable("w", [n, n])',
      '        return tf.matmul(x, w)',
      '',
      'y = block(tf.zeros([2, 4]), 4)',
      '',
    ].join('\n');
    const versions = [
      base.replace('"w", [n, n])', '"w", [n, n])  # weights'),
      base.replace('        return', '\n        # the product\n        return'),
      base.replace('[n, n]', '[n,  n]'),
    ];
    for (const edited of versions) {
      const doc = new PythonDocument();
      const before = doc.update(base).module.body;
      const after = doc.update(edited).module;
      assert.equal(after.body[1], before[1], edited);
      assert.equal(after.body[2], before[2], 'the statement after it, moved');
      assert.equal(printIr(after, edited), printIr(lowerPython(edited).module, edited));
      // And back: the same objects again, at their old places.
      const back = doc.update(base).module;
      assert.equal(back.body[1], before[1]);
      assert.equal(printIr(back, base), printIr(lowerPython(base).module, base));
    }
    // A change of meaning (the scope's name) is a new statement.
    const doc = new PythonDocument();
    const before = doc.update(base).module.body;
    const renamed = base.replace('"block"', '"blocks"');
    const after = doc.update(renamed).module;
    assert.notEqual(after.body[1], before[1]);
    assert.equal(printIr(after, renamed), printIr(lowerPython(renamed).module, renamed));
  });

  it('analyses after typing a program character by character, and after edits, equal fresh ones', () => {
    const text = sources[0];
    const doc = new DocumentAnalyzer({ path: 'model.py' });
    for (let i = 0; i <= text.length; i += Math.max(1, Math.floor(text.length / 120))) {
      const version = text.slice(0, i);
      assert.deepEqual(doc.update(version), analyze(version, { path: 'model.py' }));
    }
    const rand = randomIndex(5);
    let current = text;
    for (let k = 0; k < 60; k++) {
      const lines = current.split('\n');
      const i = rand(lines.length);
      const j = rand(lines.length);
      [lines[i], lines[j]] = [lines[j], lines[i]];
      current = lines.join('\n');
      assert.deepEqual(doc.update(current), analyze(current, { path: 'model.py' }));
    }
  });

  it('edits that change no statement (comments, blank lines) give what a fresh analysis gives', () => {
    // The interpretation is reused when the IR is the same: positions must still move.
    const rand = randomIndex(17);
    for (const start of sources) {
      const doc = new DocumentAnalyzer({ path: 'model.py' });
      let text = start;
      doc.update(text);
      for (let k = 0; k < 6; k++) {
        const lines = text.split('\n');
        const i = rand(lines.length + 1);
        const indent = /^\s*/.exec(lines[Math.min(i, lines.length - 1)] ?? '')?.[0] ?? '';
        lines.splice(i, 0, rand(2) === 0 ? '' : `${indent}# note ${k}`);
        text = lines.join('\n');
        assert.deepEqual(doc.update(text), analyze(text, { path: 'model.py' }), `edit ${k}`);
      }
    }
  });

  it('a list a loop grew stops being fresh when a function added elsewhere reads it', () => {
    // The module's loop keeps its IR; whether its list is only `found`'s depends on the rest
    // of the module (a function that returns it holds it too), so the answer is the new
    // module's, not the last one's.
    const before = [
      'import os',
      'import tensorflow as tf',
      'found = []',
      'for name in os.listdir("."):',
      '    found.append(name)',
      'tf.get_variable("v%d" % len(found), [1])',
      '',
    ].join('\n');
    const after = `${before}def keep():\n    return found\n`;
    const doc = new DocumentAnalyzer({ path: 'model.py' });
    assert.equal(doc.update(before).paths, 1);
    const again = doc.update(after);
    assert.deepEqual(again, analyze(after, { path: 'model.py' }));
    assert.equal(again.paths, 2);
  });

  it('renders call sites, scopes, variables and events when first read, until the next edit', () => {
    const start = sources[0];
    const doc = new DocumentAnalyzer({ path: 'model.py' });
    const first = doc.update(start);
    // Read (rendered) while it is the newest: the same as a fresh analysis, copied and as JSON.
    const fresh = analyze(start, { path: 'model.py' });
    assert.ok(fresh.callSites.length > 0 && fresh.variables.length > 0);
    assert.deepEqual({ ...first }, { ...fresh });
    assert.equal(JSON.stringify(first), JSON.stringify(fresh));
    // Results never read are not rendered; the next read renders across both edits.
    const moved = `# a comment\n${start}`;
    const unread = doc.update(`# one\n${start}`);
    const second = doc.update(moved);
    assert.deepEqual(second, analyze(moved, { path: 'model.py' }));
    // Rendering the unread one now would read spans the last update moved.
    assert.throws(() => unread.callSites, /read after the next edit of its document/);
    assert.throws(() => unread.variables, /read after the next edit of its document/);
    // What was read before the next edit stays as it was.
    assert.deepEqual(first.callSites, fresh.callSites);
    // Diagnostics are rendered with the analysis.
    assert.deepEqual(
      unread.diagnostics,
      analyze(`# one\n${start}`, { path: 'model.py' }).diagnostics,
    );
  });

  it('an imported module changed elsewhere is read again even when the document is the same', () => {
    const files = new Map<string, string>([
      ['/p/main.py', 'import tensorflow as tf\nimport blocks\n\nblocks.build()\n'],
      [
        '/p/blocks.py',
        'import tensorflow as tf\n\n\ndef build():\n    tf.get_variable("w", [2])\n',
      ],
    ]);
    const options = { path: '/p/main.py', readFile: (p: string) => files.get(p) };
    const doc = new DocumentAnalyzer(options);
    const main = files.get('/p/main.py') as string;
    assert.deepEqual(
      doc.update(main).variables.map((v) => v.name),
      ['w:0'],
    );
    files.set('/p/blocks.py', (files.get('/p/blocks.py') as string).replace('"w"', '"v"'));
    const edited = `${main}# rebuilt\n`;
    const again = doc.update(edited);
    assert.deepEqual(again, analyze(edited, options));
    assert.deepEqual(
      again.variables.map((v) => v.name),
      ['v:0'],
    );
  });
});

describe('analyzer: a run paused before the statement being edited (DocumentAnalyzer.prepare)', function () {
  this.timeout(120_000);
  const OPTIONS = { path: '/p/model.py', timeLimitMs: 0 };

  /** A flat script: a stack of blocks at the top level, the last one's scope the one edited. */
  function script(head: string, before = ''): string {
    const lines = [
      'import tensorflow as tf',
      '',
      before,
      'x = tf.placeholder(tf.float32, [None, 4])',
    ];
    for (let i = 0; i < 4; i++)
      lines.push(`with tf.variable_scope("block${i}"):`, '    x = tf.layers.dense(x, 4)');
    lines.push(`with tf.variable_scope("${head}"):`, '    w = tf.get_variable("kernel", [4, 4])');
    return `${lines.join('\n')}\n`;
  }

  /** Opens `first`, edits it to `second` (which says where the user types), prepares, edits to `third`. */
  function typed(first: string, second: string, third: string, options = OPTIONS) {
    const doc = new DocumentAnalyzer(options);
    doc.update(first);
    doc.update(second);
    const prepared = doc.prepare();
    const analysis = doc.update(third);
    assert.deepEqual(analysis, analyze(third, options));
    return { doc, prepared, analysis };
  }

  it('an edit at the statement the last one changed resumes there, with a fresh analysis’s result', () => {
    const { doc, prepared, analysis } = typed(
      script('head'),
      script('headx'),
      script('block0/dense'),
    );
    assert.equal(prepared, 'ready');
    assert.equal(doc.lastRun, 'resumed');
    // The renamed scope now holds a variable the first block made.
    assert.ok(
      analysis.diagnostics.some((d) => /block0\/dense\/kernel already exists/.test(d.message)),
    );
  });

  it('an edit before the paused statement interprets the whole module', () => {
    const first = script('head');
    const { doc, prepared } = typed(first, script('headx'), first.replace('block1', 'blockB'));
    assert.equal(prepared, 'ready');
    assert.equal(doc.lastRun, 'full');
  });

  it('nothing is paused after a branch on something not known, an exception or a top-level return', () => {
    for (const before of [
      'import sys\nif len(sys.argv) > 1:\n    tf.get_variable("flag", [1])\n',
      'tf.get_variable("v", [1])\ntf.get_variable("v", [1])\n',
      // Half-typed code: a `return` the parser keeps at the top level ends the module there.
      '    return 1\n',
    ]) {
      const { doc, prepared } = typed(
        script('head', before),
        script('headx', before),
        script('heady', before),
      );
      assert.equal(prepared, 'none', before);
      assert.equal(doc.lastRun, 'full', before);
    }
  });

  it('an imported module that reads differently since the pause: the whole module again', () => {
    const files = new Map<string, string>([
      [
        '/p/blocks.py',
        'import tensorflow as tf\n\n\ndef build():\n    tf.get_variable("w", [2])\n',
      ],
    ]);
    const options = { ...OPTIONS, readFile: (p: string) => files.get(p) };
    const first = `import blocks\n\nblocks.build()\n${script('head')}`;
    const doc = new DocumentAnalyzer(options);
    doc.update(first);
    doc.update(first.replace('"head"', '"headx"'));
    assert.equal(doc.prepare(), 'ready');
    files.set('/p/blocks.py', (files.get('/p/blocks.py') as string).replace('"w"', '"v"'));
    const third = first.replace('"head"', '"heady"');
    assert.deepEqual(doc.update(third), analyze(third, options));
    assert.equal(doc.lastRun, 'full');
  });

  it('in slices: one statement at a time, and an edit before the end resumes what ran', () => {
    const doc = new DocumentAnalyzer(OPTIONS);
    doc.update(script('head'));
    doc.update(script('headx'));
    assert.equal(doc.prepare(0), 'more');
    assert.equal(doc.prepare(0), 'more');
    const third = script('heady');
    assert.deepEqual(doc.update(third), analyze(third, OPTIONS));
    assert.equal(doc.lastRun, 'resumed');
    // Run to the end, the next keystroke resumes at the edited statement.
    let slices = 0;
    while (doc.prepare(0) === 'more') slices++;
    assert.ok(slices > 2, `${slices} slices`);
    assert.equal(doc.prepare(0), 'ready');
  });

  it('TypeScript is never paused (a module hoists its functions)', () => {
    const ts = (name: string) =>
      `import { getVariable, variableScope } from 'scope-lens';\nconst a = 1;\nvariableScope('${name}', () => getVariable('w', { shape: [2] }));\n`;
    const options = { path: '/p/model.ts', timeLimitMs: 0 };
    const { doc, prepared } = typed(ts('s'), ts('sx'), ts('sy'), options);
    assert.equal(prepared, 'none');
    assert.equal(doc.lastRun, 'full');
  });
});
