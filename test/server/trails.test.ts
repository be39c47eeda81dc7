/**
 * Call trails over LSP: the diagnostic of a function's second call sits at that call with the
 * trail as related information, and hovers tell the calls' outcomes apart.
 */
import { strict as assert } from 'node:assert';
import type { Diagnostic, Hover, MarkupContent } from 'vscode-languageserver/node';
import { positionOf, workspace } from './helpers';
import { LspClient } from './lsp-client';

const MODEL = `import tensorflow as tf


def build_model(x):
    with tf.variable_scope("model"):
        w = tf.get_variable("w_out", [4, 2])
    return tf.matmul(x, w)


x = tf.placeholder(tf.float32, [None, 4])
a = build_model(x)
b = build_model(x)
`;

describe('language server: call trails', function () {
  this.timeout(60000);
  const ws = workspace({});
  const model = ws.uri('model.py');
  let c: LspClient;
  let diagnostics: Diagnostic[];

  before(async () => {
    c = await LspClient.start({ root: ws.root });
    c.open(model, MODEL);
    diagnostics = await c.diagnostics(model, 1);
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  async function hover(needle: string, delta = 0, nth = 0): Promise<string> {
    const h = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: model },
      position: positionOf(MODEL, needle, delta, nth),
    });
    return h ? (h.contents as MarkupContent).value : '';
  }

  it('the error is at the second call, with the trail and the first creation related', () => {
    const errors = diagnostics.filter((d) => d.code === 'TF-VAR-EXISTS');
    assert.equal(errors.length, 1);
    const [d] = errors;
    assert.equal(d.range.start.line, 11); // 0-based: `b = build_model(x)`
    assert.match(
      d.message,
      /Originally defined at: model\.py:6: w = tf\.get_variable\("w_out", \[4, 2\]\)$/,
    );
    assert.deepEqual(
      (d.relatedInformation ?? []).map((r) => [r.location.range.start.line + 1, r.message]),
      [
        [6, 'get_variable here'],
        [11, 'model/w_out was first created by this call'],
        [6, 'model/w_out was created here'],
      ],
    );
  });

  it('the get_variable hover separates the outcomes by call', async () => {
    const h = await hover('get_variable("w_out"');
    assert.match(
      h,
      /\*\*1st call\*\* \(line 11\): `model\/w_out:0` — \*\*created here\*\* · certain/,
    );
    assert.match(
      h,
      /\*\*2nd call\*\* \(line 12\): `model\/w_out` — \*\*raises\*\* `ValueError: Variable model\/w_out already exists, disallowed\. .*Originally defined at:` \[model\.py:6\]/,
    );
  });

  it('the hover on a call says what that call did', async () => {
    const h = await hover('b = build_model(x)', 6);
    assert.match(h, /`build_model\(\.\.\.\)` — what this call does to variables/);
    assert.match(h, /`model\/w_out` — \*\*raises\*\*/);
    assert.doesNotMatch(h, /\*\*creates\*\*/);
    const first = await hover('a = build_model(x)', 6);
    assert.match(first, /`model\/w_out:0` — \*\*creates\*\* at \[model\.py:6\]/);
  });
});
