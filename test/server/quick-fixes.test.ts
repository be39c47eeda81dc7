/**
 * Quick fixes for reuse errors, each checked end to end: the code action's WorkspaceEdit is
 * applied to the text, the new text is sent to the server, and its diagnostics must no longer
 * hold the error, with no new error or warning anywhere in the file.
 */
import { strict as assert } from 'node:assert';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { applyWorkspaceEdit, problems, workspace } from './helpers';
import { LspClient } from './lsp-client';

const key = (d: Diagnostic) => `${d.code}|${d.message}`;

describe('language server: quick fixes (each applied, then analysed again)', function () {
  this.timeout(120000);
  const ws = workspace({
    'lib/layers.py': `import tensorflow as tf


def dense(x):
    with tf.variable_scope("d"):
        return tf.get_variable("w", [3, 3])
`,
    'lib/plain.py': `import tensorflow as tf


def dense(x):
    return tf.get_variable("w", [3, 3])
`,
  });
  let c: LspClient;
  let n = 0;

  before(async () => {
    c = await LspClient.start({ root: ws.root });
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  /** The diagnostics published for the URI after `count` publications. */
  async function nextDiagnostics(uri: string, count: number): Promise<Diagnostic[]> {
    const n = await c.waitFor(
      (x) =>
        x.method === 'textDocument/publishDiagnostics' &&
        (x.params as PublishDiagnosticsParams).uri === uri &&
        c.published(uri).length > count,
    );
    void n;
    return c.published(uri)[c.published(uri).length - 1].diagnostics;
  }

  /**
   * Opens `text`, asks for the fixes of the `code` diagnostic, applies each one (on the original
   * text) and checks the result. Returns the titles of the fixes offered.
   */
  async function check(
    name: string,
    text: string,
    code: string,
    others: Record<string, string> = {},
  ): Promise<{ titles: string[]; results: Record<string, Record<string, string>> }> {
    const uri = ws.uri(`case${n++}/${name}`);
    c.open(uri, text);
    const before = await c.diagnostics(uri, 1);
    const target = before.find((d) => d.code === code);
    assert.ok(target, `no ${code} in ${JSON.stringify(before)}`);
    const actions = await c.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: target.range,
      context: { diagnostics: [target], only: ['quickfix'] },
    });
    const texts: Record<string, string> = { [uri]: text, ...others };
    const results: Record<string, Record<string, string>> = {};
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [target]);
      assert.ok(action.edit);
      const changed = applyWorkspaceEdit(action.edit, texts);
      results[action.title] = changed;
      const count = c.published(uri).length;
      for (const [u, t] of Object.entries(changed))
        if (c.version(u) !== undefined) c.change(u, t);
        else c.open(u, t);
      const after = uri in changed ? await c.diagnostics(uri) : await nextDiagnostics(uri, count);
      const fixedBefore = before.filter((d) => key(d) === key(target)).length;
      assert.ok(
        after.filter((d) => key(d) === key(target)).length < fixedBefore,
        `${action.title}: the error is still there:\n${changed[uri] ?? ''}`,
      );
      const known = problems(before).map(key);
      for (const p of problems(after)) {
        const i = known.indexOf(key(p));
        assert.ok(i >= 0, `${action.title} adds ${key(p)}:\n${Object.values(changed).join('\n')}`);
        known.splice(i, 1);
      }
      // Back to the original text for the next fix.
      const restore = c.published(uri).length;
      for (const u of Object.keys(changed))
        if (u in others) c.close(u);
        else c.change(u, texts[u]);
      if (uri in changed) await c.diagnostics(uri);
      else await nextDiagnostics(uri, restore);
    }
    c.close(uri);
    return { titles: actions.map((a) => a.title), results };
  }

  it('Python, "already exists" in a second scope: AUTO_REUSE, reuse=True, rename', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 3])
with tf.variable_scope("dense"):
    w2 = tf.get_variable("w", [3, 3])
`;
    const { titles, results } = await check('exists.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Set reuse=tf.AUTO_REUSE on variable_scope("dense")',
      'Set reuse=True on variable_scope("dense")',
      "Rename the variable to 'dense/w_1'",
    ]);
    const fixed = Object.values(results[titles[0]])[0];
    assert.match(fixed, /with tf\.variable_scope\("dense", reuse=tf\.AUTO_REUSE\):\n {4}w2 =/);
    assert.match(Object.values(results[titles[2]])[0], /w2 = tf\.get_variable\("w_1", \[3, 3\]\)/);
  });

  it('Python, "already exists" in a loop: AUTO_REUSE and moving the call out of the loop', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("net"):
    for i in range(3):
        print(i)
        b = tf.get_variable("b", [3],
                            initializer=tf.zeros_initializer())
        y = b * i
`;
    const { titles, results } = await check('loop.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Set reuse=tf.AUTO_REUSE on variable_scope("net")',
      'Move the get_variable call out of the loop',
    ]);
    assert.equal(
      Object.values(results[titles[1]])[0],
      `import tensorflow as tf

with tf.variable_scope("net"):
    b = tf.get_variable("b", [3],
                        initializer=tf.zeros_initializer())
    for i in range(3):
        print(i)
        y = b * i
`,
    );
  });

  it('the loop fix is not offered when the call uses the loop variable', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("net"):
    for i in range(3):
        b = tf.get_variable("b", [3], initializer=tf.constant_initializer(i))
`;
    const { titles } = await check('loopvar.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, ['Set reuse=tf.AUTO_REUSE on variable_scope("net")']);
  });

  it('a loop body left empty gets pass', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("net"):
    for i in range(3):
        tf.get_variable("b", [3])
`;
    const { results } = await check('only.py', text, 'TF-VAR-EXISTS');
    assert.equal(
      Object.values(results['Move the get_variable call out of the loop'])[0],
      `import tensorflow as tf

with tf.variable_scope("net"):
    tf.get_variable("b", [3])
    for i in range(3):
        pass
`,
    );
  });

  it('Python, "does not exist": reuse=True replaced by AUTO_REUSE', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("s", reuse=True):
    v = tf.get_variable("v", [1])
`;
    const { titles, results } = await check('missing.py', text, 'TF-VAR-MISSING');
    assert.deepEqual(titles, ['Set reuse=tf.AUTO_REUSE on variable_scope("s")']);
    assert.match(
      Object.values(results[titles[0]])[0],
      /variable_scope\("s", reuse=tf\.AUTO_REUSE\)/,
    );
  });

  it('Python with from-imports: AUTO_REUSE is added to the import', async () => {
    const text = `from tensorflow.compat.v1 import variable_scope, get_variable

with variable_scope("s"):
    get_variable("v", [1])
with variable_scope("s", default_name=None):
    get_variable("v", [1])
`;
    const { titles, results } = await check('fromimport.py', text, 'TF-VAR-EXISTS');
    assert.equal(titles[0], 'Set reuse=AUTO_REUSE on variable_scope("s")');
    assert.equal(
      Object.values(results[titles[0]])[0],
      `from tensorflow.compat.v1 import variable_scope, get_variable, AUTO_REUSE

with variable_scope("s"):
    get_variable("v", [1])
with variable_scope("s", default_name=None, reuse=AUTO_REUSE):
    get_variable("v", [1])
`,
    );
  });

  it('TypeScript, "already exists": { reuse: AUTO_REUSE } (imported), { reuse: true }, rename', async () => {
    const text = `import { variableScope, getVariable } from 'scope-lens';

variableScope('dense', () => getVariable('w', { shape: [3] }));
variableScope('dense', () => getVariable('w', { shape: [3] }));
`;
    const { titles, results } = await check('exists.ts', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      "Set { reuse: AUTO_REUSE } on variableScope('dense')",
      "Set { reuse: true } on variableScope('dense')",
      "Rename the variable to 'dense/w_1'",
    ]);
    assert.equal(
      Object.values(results[titles[0]])[0],
      `import { variableScope, getVariable, AUTO_REUSE } from 'scope-lens';

variableScope('dense', () => getVariable('w', { shape: [3] }));
variableScope('dense', { reuse: AUTO_REUSE }, () => getVariable('w', { shape: [3] }));
`,
    );
  });

  it('JavaScript, a loop and an options object: AUTO_REUSE into the object; hoisting', async () => {
    const text = `const { variableScope, getVariable, AUTO_REUSE } = require('scope-lens');

variableScope('net', { initializer: undefined }, () => {
  for (let i = 0; i < 3; i++) {
    const b = getVariable('b', { shape: [3] });
    console.log(b.name, i);
  }
});
`;
    const { titles, results } = await check('loop.js', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      "Set { reuse: AUTO_REUSE } on variableScope('net')",
      'Move the getVariable call out of the loop',
    ]);
    assert.match(
      Object.values(results[titles[0]])[0],
      /variableScope\('net', \{ reuse: AUTO_REUSE, initializer: undefined \}/,
    );
    assert.match(
      Object.values(results[titles[1]])[0],
      /=> \{\n {2}const b = getVariable\('b', \{ shape: \[3\] \}\);\n {2}for \(let i = 0; i < 3; i\+\+\) \{\n {4}console\.log/,
    );
  });

  it('TypeScript, "does not exist" under { reuse: true }: replaced', async () => {
    const text = `import * as sl from 'scope-lens';

sl.variableScope('s', { reuse: true }, () => sl.getVariable('v', { shape: [1] }));
`;
    const { titles, results } = await check('missing.ts', text, 'TF-VAR-MISSING');
    assert.deepEqual(titles, ["Set { reuse: sl.AUTO_REUSE } on variableScope('s')"]);
    assert.match(Object.values(results[titles[0]])[0], /\{ reuse: sl\.AUTO_REUSE \}/);
  });

  it('an error in an imported module: the fix edits the scope where it is (this file or the module)', async () => {
    const here = await check(
      'train.py',
      `import tensorflow as tf
from lib.plain import dense

with tf.variable_scope("a"):
    dense(1)
    dense(2)
`,
      'TF-VAR-EXISTS',
    );
    assert.deepEqual(here.titles, ['Set reuse=tf.AUTO_REUSE on variable_scope("a")']);
    const layers = ws.uri('lib/layers.py');
    const there = await check(
      'train2.py',
      `import tensorflow as tf
from lib.layers import dense

dense(1)
dense(2)
`,
      'TF-VAR-EXISTS',
      { [layers]: ws.read('lib/layers.py') },
    );
    assert.deepEqual(there.titles, ['Set reuse=tf.AUTO_REUSE on variable_scope("d")']);
    const edited = there.results[there.titles[0]];
    assert.deepEqual(Object.keys(edited), [layers]);
    assert.match(edited[layers], /with tf\.variable_scope\("d", reuse=tf\.AUTO_REUSE\):/);
  });
});
