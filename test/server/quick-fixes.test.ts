/**
 * Quick fixes for reuse errors, each checked end to end: the code action's WorkspaceEdit is
 * applied to the text, the new text is sent to the server, and its diagnostics must no longer
 * hold the error, with no new error or warning anywhere in the file. Every fix offered is also
 * analysed with the analyzer: none may make a variable the program did not have (a fix must
 * never turn an error into a new variable by another name), and the preferred one removes the
 * error entirely.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type { CodeAction, Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { analyze } from '../../src/analyzer/analyze';
import { uriToPath } from '../../src/server/convert';
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
  ): Promise<{
    titles: string[];
    results: Record<string, Record<string, string>>;
    preferred: string[];
  }> {
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
    const variables = (changed: Record<string, string>) => {
      const read = (p: string) => {
        for (const [u, t] of Object.entries({ ...texts, ...changed }))
          if (uriToPath(u) === p) return t;
        return fs.existsSync(p) ? fs.readFileSync(p, 'utf8') : undefined;
      };
      const path = uriToPath(uri) as string;
      const a = analyze(read(path) as string, { path, readFile: read, roots: [ws.root] });
      return { keys: a.variables.map((v) => v.key), diagnostics: a.diagnostics };
    };
    const original = variables({});
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [target]);
      assert.ok(action.edit);
      const changed = applyWorkspaceEdit(action.edit, texts);
      results[action.title] = changed;
      const fixed = variables(changed);
      for (const k of fixed.keys)
        assert.ok(
          original.keys.includes(k),
          `${action.title} makes a variable the program did not have: ${k}\n${Object.values(changed).join('\n')}`,
        );
      if (action.isPreferred)
        assert.ok(
          !fixed.diagnostics.some((x) => x.code === code),
          `${action.title} (preferred) leaves ${code}`,
        );
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
    assert.ok(actions.filter((a) => a.isPreferred).length <= 1);
    return {
      titles: actions.map((a) => a.title),
      results,
      preferred: actions.filter((a) => a.isPreferred).map((a) => a.title),
    };
  }

  it('Python, "already exists" in a second scope: reuse=True on it first; AUTO_REUSE last, not preferred', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 3])
with tf.variable_scope("dense"):
    w2 = tf.get_variable("w", [3, 3])
`;
    const { titles, results, preferred } = await check('exists.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Set reuse=True on variable_scope("dense")',
      'Wrap line 6 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      'Set reuse=tf.AUTO_REUSE on variable_scope("dense")',
    ]);
    assert.deepEqual(preferred, [titles[0]]);
    assert.match(
      Object.values(results[titles[0]])[0],
      /with tf\.variable_scope\("dense", reuse=True\):\n {4}w2 =/,
    );
    assert.match(
      Object.values(results[titles[1]])[0],
      /with tf\.variable_scope\("dense"\):\n {4}with tf\.variable_scope\(tf\.get_variable_scope\(\), reuse=True\):\n {8}w2 = tf\.get_variable\("w", \[3, 3\]\)\n$/,
    );
  });

  it('Python, a duplicate at the root scope: the second call wrapped in a reusing scope', async () => {
    const text = `import tensorflow.compat.v1 as tf

w = tf.get_variable("w", [3])
print(w)
w2 = tf.get_variable("w", [3])  # again
`;
    const { titles, results, preferred } = await check('root.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Wrap line 5 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
    ]);
    assert.deepEqual(preferred, titles);
    assert.equal(
      Object.values(results[titles[0]])[0],
      `import tensorflow.compat.v1 as tf

w = tf.get_variable("w", [3])
print(w)
with tf.variable_scope(tf.get_variable_scope(), reuse=True):
    w2 = tf.get_variable("w", [3])  # again
`,
    );
  });

  it('Python, a function called twice: the second call wrapped; AUTO_REUSE on its scope not preferred', async () => {
    const text = `import tensorflow as tf


def build_model(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w_out", [3])
    return w


a = build_model(1)
b = build_model(2)
`;
    const { titles, results, preferred } = await check('twice.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Wrap build_model(...) at line 11 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      'Set reuse=tf.AUTO_REUSE on variable_scope("model")',
    ]);
    assert.deepEqual(preferred, [titles[0]]);
    assert.match(
      Object.values(results[titles[0]])[0],
      /\na = build_model\(1\)\nwith tf\.variable_scope\(tf\.get_variable_scope\(\), reuse=True\):\n {4}b = build_model\(2\)\n$/,
    );
  });

  it('Python, a function called once from a function called twice: the outer call is wrapped', async () => {
    const text = `import tensorflow as tf


def block(x):
    with tf.variable_scope("block"):
        return tf.get_variable("w", [3])


def model(x):
    return block(x)


train = model(1)
evaluate = model(2)
`;
    const { titles, preferred } = await check('nested.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Wrap model(...) at line 14 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      'Set reuse=tf.AUTO_REUSE on variable_scope("block")',
    ]);
    assert.deepEqual(preferred, [titles[0]]);
  });

  it('Python, a function that takes reuse: reuse=True passed at the later calls', async () => {
    const text = `import tensorflow as tf


def encoder(x, reuse=None):
    with tf.variable_scope("encoder", reuse=reuse):
        return tf.get_variable("w", [3])


def main():
    encoder(1)
    encoder(2)
    encoder(3, reuse=None)


main()
`;
    const { titles, results, preferred } = await check('param.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      'Pass reuse=True to encoder(...) at lines 11, 12',
      'Wrap encoder(...) at lines 11, 12 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      'Set reuse=tf.AUTO_REUSE on variable_scope("encoder")',
    ]);
    assert.deepEqual(preferred, [titles[0]]);
    assert.match(
      Object.values(results[titles[0]])[0],
      /\n {4}encoder\(1\)\n {4}encoder\(2, reuse=True\)\n {4}encoder\(3, reuse=True\)\n/,
    );
  });

  it('Python, a function called in a loop: AUTO_REUSE is what the code asks for (preferred)', async () => {
    const text = `import tensorflow as tf


def tower(x):
    with tf.variable_scope("tower"):
        return tf.get_variable("w", [3])


for gpu in range(2):
    tower(gpu)
`;
    const { titles, preferred } = await check('towers.py', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, ['Set reuse=tf.AUTO_REUSE on variable_scope("tower")']);
    assert.deepEqual(preferred, titles);
  });

  it('Python, "does not exist" with a typo: Change to the existing name; never AUTO_REUSE', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("encoder"):
    w = tf.get_variable("weights", [3])
    k = tf.get_variable("kernel", [3])
with tf.variable_scope("encoder", reuse=True):
    w2 = tf.get_variable("weight", [3])
`;
    const { titles, results, preferred } = await check('typo.py', text, 'TF-VAR-MISSING');
    assert.deepEqual(titles, ["Change to 'weights'", "Change to 'kernel'"]);
    assert.deepEqual(preferred, [titles[0]]);
    assert.match(Object.values(results[titles[0]])[0], /w2 = tf\.get_variable\("weights", \[3\]\)/);
  });

  it('Python, "does not exist" with a name= keyword inside a function: the keyword is changed', async () => {
    const text = `import tensorflow as tf


def layer(x, reuse):
    with tf.variable_scope("fc", reuse=reuse):
        return tf.get_variable(name="biases", shape=[3])


with tf.variable_scope("fc"):
    tf.get_variable("bias", [3])
layer(1, True)
`;
    const { titles, results } = await check('keyword.py', text, 'TF-VAR-MISSING');
    assert.deepEqual(titles, ["Change to 'bias'"]);
    assert.match(Object.values(results[titles[0]])[0], /get_variable\(name="bias", shape=\[3\]\)/);
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

  it('Python, "does not exist" and nothing close: no fix (every one would make a new variable)', async () => {
    const text = `import tensorflow as tf

with tf.variable_scope("s", reuse=True):
    v = tf.get_variable("v", [1])
`;
    const { titles } = await check('missing.py', text, 'TF-VAR-MISSING');
    assert.deepEqual(titles, []);
  });

  it('Python with from-imports: AUTO_REUSE is added to the import', async () => {
    const text = `from tensorflow.compat.v1 import variable_scope, get_variable

with variable_scope("s"):
    get_variable("v", [1])
with variable_scope("s", default_name=None):
    get_variable("v", [1])
`;
    const { titles, results } = await check('fromimport.py', text, 'TF-VAR-EXISTS');
    const auto = 'Set reuse=AUTO_REUSE on variable_scope("s")';
    assert.deepEqual(titles, ['Set reuse=True on variable_scope("s")', auto]);
    assert.equal(
      Object.values(results[auto])[0],
      `from tensorflow.compat.v1 import variable_scope, get_variable, AUTO_REUSE

with variable_scope("s"):
    get_variable("v", [1])
with variable_scope("s", default_name=None, reuse=AUTO_REUSE):
    get_variable("v", [1])
`,
    );
  });

  it('TypeScript, "already exists": { reuse: true }, then { reuse: AUTO_REUSE } (imported)', async () => {
    const text = `import { variableScope, getVariable } from 'scope-lens';

variableScope('dense', () => getVariable('w', { shape: [3] }));
variableScope('dense', () => getVariable('w', { shape: [3] }));
`;
    const { titles, results, preferred } = await check('exists.ts', text, 'TF-VAR-EXISTS');
    assert.deepEqual(titles, [
      "Set { reuse: true } on variableScope('dense')",
      "Set { reuse: AUTO_REUSE } on variableScope('dense')",
    ]);
    assert.deepEqual(preferred, [titles[0]]);
    assert.equal(
      Object.values(results[titles[1]])[0],
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

  it('TypeScript, "does not exist": the typo changed; nothing close: no fix', async () => {
    const text = `import * as sl from 'scope-lens';

sl.variableScope('s', () => sl.getVariable('kernel', { shape: [1] }));
sl.variableScope('s', { reuse: true }, () => sl.getVariable('kernal', { shape: [1] }));
`;
    const { titles, results } = await check('typo.ts', text, 'TF-VAR-MISSING');
    assert.deepEqual(titles, ["Change to 'kernel'"]);
    assert.match(
      Object.values(results[titles[0]])[0],
      /sl\.getVariable\('kernel', \{ shape: \[1\] \}\)\);\n$/,
    );
    const none = await check(
      'missing.ts',
      `import * as sl from 'scope-lens';

sl.variableScope('s', { reuse: true }, () => sl.getVariable('v', { shape: [1] }));
`,
      'TF-VAR-MISSING',
    );
    assert.deepEqual(none.titles, []);
  });

  it('an error in an imported module: the second call here wrapped; the scope edited where it is', async () => {
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
    assert.deepEqual(here.titles, [
      'Wrap dense(...) at line 6 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      'Set reuse=tf.AUTO_REUSE on variable_scope("a")',
    ]);
    assert.deepEqual(here.preferred, [here.titles[0]]);
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
    assert.deepEqual(there.titles, [
      'Wrap dense(...) at line 5 in with tf.variable_scope(tf.get_variable_scope(), reuse=True)',
      'Set reuse=tf.AUTO_REUSE on variable_scope("d")',
    ]);
    const edited = there.results[there.titles[1]];
    assert.deepEqual(Object.keys(edited), [layers]);
    assert.match(edited[layers], /with tf\.variable_scope\("d", reuse=tf\.AUTO_REUSE\):/);
  });
});
