/**
 * A scope's code lens says what happens under it: the variables created and reused, and the
 * errors TF raises there (certain ones, and possible ones apart), with the errors' messages in
 * the lens's tooltip (LSP 3.18's `Command.tooltip`, and the command's third argument, which the
 * VS Code client turns into the tooltip).
 */
import { strict as assert } from 'node:assert';
import type { CodeLens } from 'vscode-languageserver/node';
import { lensTitle, lensTooltip } from '../../src/server/outline';
import { workspace } from './helpers';
import { LspClient } from './lsp-client';

const TWICE = `import tensorflow as tf

with tf.variable_scope("encoder"):
    w = tf.get_variable("weights", [3, 4])
    b = tf.get_variable("biases", [4])
with tf.variable_scope("encoder"):
    w2 = tf.get_variable("weights", [3, 4])
`;

const TYPO = `import tensorflow as tf

with tf.variable_scope("encoder"):
    w = tf.get_variable("weights", [3, 4])
with tf.variable_scope("encoder", reuse=True):
    w2 = tf.get_variable("weight", [3, 4])
`;

const CAUGHT = `import tensorflow as tf

with tf.variable_scope("encoder"):
    w = tf.get_variable("weights", [3, 4])
try:
    with tf.variable_scope("encoder"):
        w2 = tf.get_variable("weights", [3, 4])
except ValueError:
    pass
`;

// A function the program never calls is analysed alone: a caller may create the variable
// first, so "does not exist" is possible there.
const MAYBE = `import tensorflow as tf

def build():
    with tf.variable_scope("encoder", reuse=True):
        return tf.get_variable("weights", [3, 4])
`;

describe('language server: code lenses count errors', function () {
  this.timeout(60000);
  const ws = workspace({});
  let c: LspClient;

  before(async () => {
    c = await LspClient.start({ root: ws.root });
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  async function lenses(name: string, text: string): Promise<CodeLens[]> {
    const uri = ws.uri(name);
    c.open(uri, text);
    await c.diagnostics(uri, 1);
    return c.request<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
  }

  const titles = (ls: CodeLens[]) => ls.map((l) => [l.range.start.line, l.command?.title]);

  it('a scope whose variable already exists: its lens counts the error, the message in the tooltip', async () => {
    const ls = await lenses('twice.py', TWICE);
    assert.deepEqual(titles(ls), [
      [2, '2 variables created, 0 reused'],
      [5, '0 variables created, 0 reused, 1 error'],
    ]);
    const failing = ls[1].command;
    const message =
      'ValueError: Variable encoder/weights already exists, disallowed. Did you mean to set ' +
      'reuse=True or reuse=tf.AUTO_REUSE in VarScope?';
    assert.ok(failing?.arguments?.[2]?.startsWith(message), String(failing?.arguments?.[2]));
    assert.equal((failing as { tooltip?: string }).tooltip, failing?.arguments?.[2]);
    assert.deepEqual(ls[0].command?.arguments, [ws.uri('twice.py'), 2]);
    assert.equal((ls[0].command as { tooltip?: string }).tooltip, undefined);
  });

  it('a typo under reuse=True: the lens says the only call fails, and why', async () => {
    const ls = await lenses('typo.py', TYPO);
    assert.deepEqual(titles(ls), [
      [2, '1 variable created, 0 reused'],
      [4, '0 variables created, 0 reused, 1 error'],
    ]);
    assert.match(
      String(ls[1].command?.arguments?.[2]),
      /^ValueError: Variable encoder\/weight does not exist, or was not created with tf\.get_variable\(\)/,
    );
  });

  it('an error a try handles is not counted; one on some paths only is possible', async () => {
    assert.deepEqual(titles(await lenses('caught.py', CAUGHT)), [
      [2, '1 variable created, 0 reused'],
      [5, '0 variables created, 0 reused'],
    ]);
    const maybe = await lenses('maybe.py', MAYBE);
    assert.deepEqual(titles(maybe), [[3, '0 variables created, 0 reused, 1 possible error']]);
    assert.match(
      String(maybe[0].command?.arguments?.[2]),
      /^possibly: ValueError: Variable encoder\/weights does not exist/,
    );
  });

  it('titles and tooltips: certain errors before possible ones, plurals', () => {
    const errors = [
      { message: 'ValueError: b', certain: false },
      { message: 'ValueError: a', certain: true },
      { message: 'ValueError: c', certain: true },
    ];
    assert.equal(
      lensTitle(1, 2, errors),
      '1 variable created, 2 reused, 2 errors, 1 possible error',
    );
    assert.equal(lensTitle(0, 0, []), '0 variables created, 0 reused');
    assert.equal(lensTooltip(errors), 'ValueError: a\nValueError: c\npossibly: ValueError: b');
    assert.equal(lensTooltip([]), undefined);
  });
});
