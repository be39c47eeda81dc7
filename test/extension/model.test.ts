/**
 * The editor-free parts of the extension: the static model summary behind the Variables view
 * and Export, the export formats, the Run results histogram, what Run Selection runs, and the
 * pacing of writes to the output channel.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyze } from '../../src/analyzer/analyze';
import { formatExport } from '../../src/extension/model/export';
import { histogram, valueRange } from '../../src/extension/model/histogram';
import { PacedWriter } from '../../src/extension/model/paced-writer';
import { dedent, selectionProgram } from '../../src/extension/model/snippet';
import {
  formatCount,
  nodeAtLine,
  parameterCount,
  splitName,
  summarize,
  TreeNode,
} from '../../src/extension/model/summary';
import { projectRoot } from '../support';

const root = projectRoot();

function summaryOf(example: string) {
  const file = path.join(root, 'examples', 'python', example);
  return summarize(analyze(fs.readFileSync(file, 'utf8'), { path: file }));
}

/** The tree as `label [params]` lines, indented. */
function outline(nodes: readonly TreeNode[], depth = 0): string[] {
  return nodes.flatMap((n) =>
    n.kind === 'scope'
      ? [
          `${'  '.repeat(depth)}${n.label}/ ${formatCount(n.parameters, n.partial)}`,
          ...outline(n.children, depth + 1),
        ]
      : [`${'  '.repeat(depth)}${n.label} ${n.shape} ${formatCount(n.parameters)}`],
  );
}

describe('extension model: the static summary', () => {
  it('parameterCount reads TF shapes: scalars, vectors, unknown dimensions and ranks', () => {
    assert.equal(parameterCount('()'), 1);
    assert.equal(parameterCount('(100,)'), 100);
    assert.equal(parameterCount('(3, 3, 32, 64)'), 18432);
    assert.equal(parameterCount('(3, ?)'), null);
    assert.equal(parameterCount('({?}, 4)'), null);
    assert.equal(parameterCount('<unknown>'), null);
    assert.equal(parameterCount('<not known statically>'), null);
    assert.equal(formatCount(1234567), '1,234,567');
    assert.equal(formatCount(12, true), '12+');
    assert.equal(formatCount(null), '?');
    assert.equal(formatCount(0, true), '?');
  });

  it('splitName keeps holes in one segment and drops the output index', () => {
    assert.deepEqual(splitName('model/h{layer}/attn/w:0'), {
      scopes: ['model', 'h{layer}', 'attn'],
      label: 'w',
    });
    assert.deepEqual(splitName('b:0'), { scopes: [], label: 'b' });
  });

  it("summarizes the seed's second example: one scope, one variable, 100 parameters", () => {
    const s = summaryOf('reuse_after_error.py');
    assert.deepEqual(outline(s.root.children), ['cur_scope/ 100', '  my_var (100,) 100']);
    assert.equal(s.root.parameters, 100);
    assert.equal(s.root.variableCount, 1);
    const v = s.variables[0];
    assert.deepEqual(v.place, { line: 10, column: 11 });
    // Reused by the second call of get_scope_variable (line 16; the get_variable is on line 13).
    assert.deepEqual(v.reusedAt, [16]);
    assert.deepEqual(s.scopes[0].place, { line: 8, column: 8 });
  });

  it('nests scopes with holes, sub-scopes before variables; unknown shapes make totals partial', () => {
    const s = summaryOf('transformer.py');
    const lines = outline(s.root.children);
    assert.equal(lines[0], 'model/ ?+'.replace('?+', formatCount(s.root.parameters, true)));
    assert.ok(s.root.partial);
    const model = s.root.children[0];
    assert.equal(model.kind, 'scope');
    if (model.kind !== 'scope') return;
    const kinds = model.children.map((c) => c.kind);
    assert.ok(kinds.lastIndexOf('scope') < kinds.indexOf('variable'), kinds.join());
    assert.ok(model.children.some((c) => c.kind === 'scope' && c.label === 'h{layer}'));
    for (const v of s.variables) assert.equal(v.parent.path, splitName(v.name).scopes.join('/'));
  });

  it("nodeAtLine finds a 0-based line's scope, else the variable created (or reused) there", () => {
    const s = summaryOf('reuse_after_error.py');
    assert.equal(nodeAtLine(s, 7)?.kind, 'scope');
    const created = nodeAtLine(s, 9);
    assert.equal(created?.kind === 'variable' && created.name, 'cur_scope/my_var:0');
    const reused = nodeAtLine(s, 15);
    assert.equal(reused?.kind === 'variable' && reused.name, 'cur_scope/my_var:0');
    assert.equal(nodeAtLine(s, 0), undefined);
  });
});

describe('extension model: export', () => {
  it('CSV: RFC 4180 quoting and CRLF; JSON: totals and each variable', () => {
    const s = summaryOf('collections_and_shapes.py');
    assert.equal(
      formatExport(s, 'csv', 'x.py'),
      'name,shape,dtype,parameters,file,line,certain\r\n' +
        'a:0,"(3, 3, 32, 64)",float32_ref,18432,,4,true\r\n' +
        'b:0,"(64,)",float32_ref,64,,5,true\r\n',
    );
    const json = JSON.parse(formatExport(s, 'json', 'x.py'));
    assert.deepEqual(json, {
      source: 'x.py',
      parameters: 18496,
      parametersPartial: false,
      variables: [
        {
          name: 'a:0',
          shape: '(3, 3, 32, 64)',
          dtype: 'float32_ref',
          parameters: 18432,
          line: 4,
          certain: true,
        },
        {
          name: 'b:0',
          shape: '(64,)',
          dtype: 'float32_ref',
          parameters: 64,
          line: 5,
          certain: true,
        },
      ],
    });
  });

  it('CSV leaves unknown counts empty and quotes fields with quotes or commas', () => {
    const s = summarize(
      analyze('import tensorflow as tf\ndef f(n):\n  return tf.get_variable("w", [n])\n', {
        path: 'm.py',
      }),
    );
    const csv = formatExport(s, 'csv', 'm.py');
    // f is analysed alone (nothing calls it): its variable is possible, not certain.
    assert.match(csv, /\r\nw:0,"\(\{\?\},\)",float32_ref,,,3,false\r\n$/);
    const odd = summarize({
      ...analyze('', { path: 'e.py' }),
      variables: [
        {
          name: 's/a"b,c:0',
          key: 's/a"b,c',
          shape: '()',
          dtype: 'int32_ref',
          createdAt: 2,
          reusedAt: [],
          certain: false,
          file: '/x/lib.py',
        },
      ],
    });
    assert.equal(
      formatExport(odd, 'csv', 'e.py').split('\r\n')[1],
      '"s/a""b,c:0",(),int32_ref,1,/x/lib.py,2,false',
    );
  });
});

describe('extension model: histogram', () => {
  it('bins over a given range (before and after training on one axis), unless it leaves values out', () => {
    assert.deepEqual(histogram([1, 2], 4, { min: 0, max: 4 }), {
      min: 0,
      max: 4,
      counts: [0, 1, 1, 0],
      total: 2,
    });
    assert.deepEqual(histogram([1, 5], 2, { min: 0, max: 4 }), {
      min: 1,
      max: 5,
      counts: [1, 1],
      total: 2,
    });
    assert.deepEqual(valueRange([1, NaN], [-2, 3]), { min: -2, max: 3 });
    assert.equal(valueRange([NaN], []), null);
  });

  it('bins like NumPy: equal widths, the maximum in the last bin', () => {
    const h = histogram([0, 1, 2, 3, 4], 4);
    assert.deepEqual(h, { min: 0, max: 4, counts: [1, 1, 1, 2], total: 5 });
  });

  it('one distinct value spans value ± 0.5; NaN and infinities are left out; empty is empty', () => {
    assert.deepEqual(histogram([2, 2, 2], 2), { min: 1.5, max: 2.5, counts: [0, 3], total: 3 });
    assert.deepEqual(histogram([NaN, Infinity, 1, 3], 2), {
      min: 1,
      max: 3,
      counts: [1, 1],
      total: 2,
    });
    assert.deepEqual(histogram([], 3), { min: 0, max: 0, counts: [0, 0, 0], total: 0 });
  });
});

describe('extension model: Run Selection', () => {
  const file = [
    '"""doc"""',
    'import tensorflow as tf',
    'from os import (',
    '    path,',
    ')',
    '',
    'def build():',
    '    with tf.variable_scope("s"):',
    '        w = tf.get_variable("w", [2])',
    '    return w',
  ].join('\n');

  it("keeps the file's top-level imports (with continuation lines) above the selection, on their lines", () => {
    const p = selectionProgram(file, '    with tf.variable_scope("s"):\n        w = 1\n', 7, true);
    assert.equal(p.firstLine, 8);
    assert.equal(p.importLines, 4);
    assert.deepEqual(p.code.split('\n'), [
      '',
      'import tensorflow as tf',
      'from os import (',
      '    path,',
      ')',
      '',
      '',
      'with tf.variable_scope("s"):',
      '    w = 1',
      '',
    ]);
  });

  it('TS/JS: import declarations and require bindings; nothing is dedented', () => {
    const ts =
      "import { getVariable } from 'scope-lens';\nconst x = require('y');\nfoo();\n  bar();\n";
    const p = selectionProgram(ts, '  bar();', 3, false);
    assert.equal(
      p.code,
      "import { getVariable } from 'scope-lens';\nconst x = require('y');\n\n  bar();\n",
    );
    assert.equal(p.importLines, 2);
  });

  it('dedent removes only the indentation every non-blank line shares', () => {
    assert.equal(dedent('    a\n\n      b\n    c'), 'a\n\n  b\nc');
    assert.equal(dedent('  a\n b'), ' a\nb');
    assert.equal(dedent('a\n  b'), 'a\n  b');
    assert.equal(dedent('\ta\n\tb'), 'a\nb');
  });
});

describe('extension model: paced writes to the output channel', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('writes the first text at once and what follows within the interval as one batch', async () => {
    const written: string[] = [];
    const w = new PacedWriter((t) => written.push(t), 40);
    w.write('header\n');
    assert.deepEqual(written, ['header\n']);
    // A program's lines and the run's closing line, arriving together.
    w.write('True\n');
    w.write('cur_scope/my_var:0\n');
    w.write('');
    w.write('✓ finished\n');
    assert.deepEqual(written, ['header\n']);
    assert.equal(w.waiting, true);
    await sleep(120);
    assert.deepEqual(written, ['header\n', 'True\ncur_scope/my_var:0\n✓ finished\n']);
    assert.equal(w.waiting, false);
  });

  it('never writes twice within the interval, and nothing is lost or reordered', async () => {
    const stamps: number[] = [];
    const written: string[] = [];
    const w = new PacedWriter((t) => {
      stamps.push(performance.now());
      written.push(t);
    }, 30);
    let expected = '';
    for (let i = 0; i < 40; i++) {
      const line = `line ${i}\n`;
      expected += line;
      w.write(line);
      await sleep(i % 7);
    }
    await sleep(100);
    assert.equal(written.join(''), expected);
    assert.ok(written.length < 40, `${written.length} writes for 40 lines`);
    for (let i = 1; i < stamps.length; i++)
      assert.ok(stamps[i] - stamps[i - 1] >= 29.9, `${stamps[i] - stamps[i - 1]} ms apart`);
  });

  it('flush writes what waits at once (before the channel goes away)', () => {
    const written: string[] = [];
    const w = new PacedWriter((t) => written.push(t), 10_000);
    w.write('a');
    w.write('b');
    w.flush();
    w.flush();
    assert.deepEqual(written, ['a', 'b']);
    assert.equal(w.waiting, false);
  });
});
