/**
 * Layer libraries in the editor, as a user meets them: a `tf.layers.dense` call is a variable
 * site like `get_variable` (its hover lists every variable it creates, with the shapes its input
 * implies), and giving two layers one name is TF's "already exists" error at the second call.
 * A name bound to a layer call's result (or to a layer object) says what it is and what the call
 * created; navigation leads from a reusing layer call, or a layer object, to the creating call.
 * Library code (`<scope-lens>/tensorflow/_lib/...`) is never shown or linked.
 * What the Variables view shows comes from `scopeLens/analysis`: a model built with layers
 * answers with every layer variable and its shape, so the view's tree and parameter counts
 * (src/extension/model/summary.ts over that answer) include them, as does the scope's code lens.
 */
import { strict as assert } from 'node:assert';
import type {
  CodeLens,
  Diagnostic,
  DocumentHighlight,
  Hover,
  Location,
  MarkupContent,
} from 'vscode-languageserver/node';
import { summarize } from '../../src/extension/model/summary';
import type { AnalysisResult } from '../../src/server/protocol';
import { positionOf, workspace } from './helpers';
import { LspClient } from './lsp-client';

const MODEL = `import tensorflow as tf

x = tf.placeholder(tf.float32, [None, 32])
with tf.variable_scope("model"):
    h = tf.layers.dense(x, 64, activation=tf.nn.relu, name="fc1")
    logits = tf.layers.dense(h, 10, name="fc1")  # meant "fc2"
`;

const CLASSIFIER = `import tensorflow as tf

images = tf.placeholder(tf.float32, [None, 28, 28, 1], name="images")
with tf.variable_scope("classifier"):
    net = tf.layers.conv2d(images, 8, 3, padding="same", use_bias=False, name="conv")
    net = tf.layers.batch_normalization(net, training=True, name="bn")
    net = tf.layers.max_pooling2d(tf.nn.relu(net), 2, 2)
    net = tf.layers.dense(tf.layers.flatten(net), 32, activation=tf.nn.relu, name="fc")
    logits = tf.layers.dense(net, 10, name="logits")
`;

const RNN = `import tensorflow as tf
slim = tf.contrib.slim

x = tf.placeholder(tf.float32, [None, 8, 32])
with tf.variable_scope("enc"):
    h = tf.layers.dense(x, 16, name="fc")
with tf.variable_scope("enc", reuse=True):
    again = tf.layers.dense(x, 16, name="fc")
cell = tf.nn.rnn_cell.LSTMCell(24)
outputs, state = tf.nn.dynamic_rnn(cell, h, dtype=tf.float32)
img = tf.placeholder(tf.float32, [None, 28, 28, 1])
net = slim.conv2d(img, 4, [3, 3], scope="conv1")
y = h * 2
h3 = tf.layers.Dense(3, name="d3")(x)
train_op = tf.train.AdamOptimizer(0.1).minimize(tf.reduce_sum(y))
`;

describe('language server: layer libraries', function () {
  this.timeout(60000);
  const ws = workspace({});
  const model = ws.uri('model.py');
  const rnn = ws.uri('rnn.py');
  const classifier = ws.uri('classifier.py');
  let c: LspClient;
  let rnnDiagnostics: Diagnostic[];

  before(async () => {
    c = await LspClient.start({ root: ws.root });
    c.open(model, MODEL);
    c.open(rnn, RNN);
    c.open(classifier, CLASSIFIER);
    rnnDiagnostics = await c.diagnostics(rnn, 1);
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  it('reports two layers with one name at the second call, with TF’s message', async () => {
    const diagnostics = await c.diagnostics(model, 1);
    const errors = diagnostics.filter((d) => d.severity === 1);
    assert.equal(errors.length, 1, JSON.stringify(diagnostics));
    assert.equal(errors[0].code, 'TF-VAR-EXISTS');
    assert.equal(errors[0].range.start.line, 5);
    assert.match(
      errors[0].message,
      /^Variable model\/fc1\/kernel already exists, disallowed\. Did you mean to set reuse=True or reuse=tf\.AUTO_REUSE in VarScope\?/,
    );
  });

  it('hovers a layer call with every variable it creates and their shapes', async () => {
    const h = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: model },
      position: positionOf(MODEL, 'dense(x', 2),
    });
    assert.ok(h, 'no hover on the layer call');
    const text = (h.contents as MarkupContent).value;
    assert.match(text, /`model\/fc1\/kernel:0`/);
    assert.match(text, /`model\/fc1\/bias:0`/);
    assert.match(text, /shape `\(32, 64\)`/);
    assert.match(text, /shape `\(64,\)`/);
  });

  it('scopeLens/analysis (the Variables view) has every layer variable with its shape; the counts add up', async () => {
    const r = await c.request<AnalysisResult>('scopeLens/analysis', {
      textDocument: { uri: classifier },
    });
    assert.ok(r);
    assert.equal(r.analysis.complete, true);
    assert.deepEqual(
      r.analysis.variables.map((v) => `${v.name} ${v.shape} ${v.certain}`),
      [
        'classifier/conv/kernel:0 (3, 3, 1, 8) true',
        'classifier/bn/gamma:0 (8,) true',
        'classifier/bn/beta:0 (8,) true',
        'classifier/bn/moving_mean:0 (8,) true',
        'classifier/bn/moving_variance:0 (8,) true',
        // 28x28 pooled to 14x14, 8 channels: 1568 inputs.
        'classifier/fc/kernel:0 (1568, 32) true',
        'classifier/fc/bias:0 (32,) true',
        'classifier/logits/kernel:0 (32, 10) true',
        'classifier/logits/bias:0 (10,) true',
      ],
    );
    const summary = summarize(r.analysis);
    assert.equal(summary.root.parameters, 72 + 4 * 8 + 1568 * 32 + 32 + 32 * 10 + 10);
    assert.equal(summary.root.partial, false);
    assert.equal(summary.root.variableCount, 9);
    const scope = summary.scopes.find((s) => s.path === 'classifier/bn');
    assert.equal(scope?.parameters, 32);
    // Each variable opens the line of the layer call that creates it.
    assert.deepEqual(
      summary.variables.map((v) => v.place.line),
      [5, 6, 6, 6, 6, 8, 8, 9, 9],
    );
  });

  it("the scope's code lens counts the variables its layers create", async () => {
    const lenses = await c.request<CodeLens[]>('textDocument/codeLens', {
      textDocument: { uri: classifier },
    });
    assert.deepEqual(
      lenses.map((l) => [l.range.start.line, l.command?.title]),
      [[3, '9 variables created, 0 reused']],
    );
  });

  async function hover(needle: string, delta = 0, nth = 0): Promise<string | null> {
    const h = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri: rnn },
      position: positionOf(RNN, needle, delta, nth),
    });
    return h ? (h.contents as MarkupContent).value : null;
  }

  /** A call's hover without its title line: what a name bound to it shows after the rule. */
  const body = (callHover: string) => callHover.split('\n\n').slice(1).join('\n\n');

  describe('names bound to layer calls', () => {
    it('at the definition and at each use: the tensor, then everything the call’s hover says', async () => {
      const call = await hover('dense(x, 16', 0, 0);
      assert.ok(call);
      const def = await hover('h = tf');
      assert.ok(def);
      assert.match(
        def,
        /^\*\*Scope Lens\*\* · `h` — the result of `dense\(\.\.\.\)` \(\[rnn\.py:6\]\(file:\/\/[^)]*rnn\.py#L6\)\)/,
      );
      assert.match(def, /tensor `enc\/fc\/BiasAdd:0` · shape `\(\?, 8, 16\)` · dtype `float32`/);
      assert.ok(def.endsWith(`---\n\n\`dense(...)\`:\n\n${body(call)}`), def);
      assert.match(call, /`enc\/fc\/kernel:0` — \*\*created here\*\*/);
      assert.match(call, /Enclosing scope `enc\/fc`, opened inside this call/);
      // Uses, as an argument and in an expression: the same text.
      assert.equal(await hover('h, dtype'), def);
      assert.equal(await hover('h * 2'), def);
      // A name bound to something else says nothing.
      assert.equal(await hover('y = h'), null);
    });

    it('a reusing layer call: its name says where the variables were created and why it reuses', async () => {
      const again = await hover('again =');
      assert.ok(again);
      assert.match(again, /tensor `enc_1\/fc\/BiasAdd:0` · shape `\(\?, 8, 16\)`/);
      assert.match(
        again,
        /`enc\/fc\/kernel:0` — \*\*reuses\*\* the variable created at \[rnn\.py:6\]\(file:\/\/[^)]*rnn\.py#L6\)/,
      );
      assert.match(again, /Enclosing scope `enc\/fc`, opened inside this call — .*\(line 7\)/);
    });

    it('a cell: its variables, created later by the call that runs it', async () => {
      const cell = await hover('cell =');
      assert.ok(cell);
      assert.match(cell, /`cell` — the result of `LSTMCell\(\.\.\.\)`/);
      assert.match(cell, /`LSTMCell` object · its variables:/);
      assert.match(
        cell,
        /- `rnn\/lstm_cell\/kernel:0` · shape `\(40, 96\)` · dtype `float32_ref` · created by `dynamic_rnn\(\.\.\.\)` at \[rnn\.py:10\]\(file:\/\/[^)]*rnn\.py#L10\)/,
      );
      assert.match(cell, /- `rnn\/lstm_cell\/bias:0` · shape `\(96,\)`/);
      assert.equal(await hover('cell, h'), cell);
    });

    it('each name of `outputs, state = dynamic_rnn(...)`: its item of the result', async () => {
      const outputs = await hover('outputs,');
      assert.ok(outputs);
      assert.match(outputs, /`outputs` — item \[0\] of the result of `dynamic_rnn\(\.\.\.\)`/);
      assert.match(outputs, /tensor `[^`]+` · shape `\(\?, 8, 24\)` · dtype `float32`/);
      assert.match(outputs, /`rnn\/lstm_cell\/kernel:0` — \*\*created here\*\*/);
      const state = await hover('state =');
      assert.ok(state);
      assert.match(state, /`state` — item \[1\] of the result/);
      assert.match(state, /`LSTMStateTuple` of 2:\n- tensor `[^`]+` · shape `\(\?, 24\)`/);
    });

    it('slim: the tensor and the renamed weights', async () => {
      const net = await hover('net =');
      assert.ok(net);
      assert.match(net, /tensor `conv1\/Relu:0` · shape `\(\?, 28, 28, 4\)` · dtype `float32`/);
      assert.match(net, /`conv1\/weights:0` — \*\*created here\*\*/);
      assert.match(net, /shape `\(3, 3, 1, 4\)`/);
    });

    it('a layer object called where it is made: `Dense(...)(...)`', async () => {
      const h3 = await hover('h3');
      assert.ok(h3);
      assert.match(h3, /`h3` — the result of `Dense\(\.\.\.\)\(\.\.\.\)`/);
      assert.match(h3, /tensor `d3\/BiasAdd:0` · shape `\(\?, 8, 3\)`/);
      assert.match(h3, /`d3\/kernel:0` — \*\*created here\*\*/);
      assert.match(
        (await hover('Dense(3')) ?? '',
        /^\*\*Scope Lens\*\* · `Dense\(\.\.\.\)\(\.\.\.\)`/,
      );
    });
  });

  it('a name bound to a call whose result is not known statically: the call’s own hover', async () => {
    const op = await hover('train_op');
    assert.ok(op);
    assert.match(op, /`enc\/fc\/kernel\/Adam:0` — \*\*created here\*\*/);
    assert.equal(op, await hover('minimize('));
  });

  describe('navigation', () => {
    /** Where the call on a line starts (`tf.` of its callee), as an LSP position. */
    const callOn = (line: number, callee: string) => ({
      line,
      character: RNN.split('\n')[line].indexOf(callee),
    });

    it('go to definition: from a reusing layer call, or its name, to the creating call', async () => {
      for (const at of [positionOf(RNN, 'dense(x', 0, 1), positionOf(RNN, 'again')]) {
        const defs = await c.request<Location[] | null>('textDocument/definition', {
          textDocument: { uri: rnn },
          position: at,
        });
        assert.deepEqual(
          defs?.map((d) => [d.uri, d.range.start]),
          [[rnn, callOn(5, 'tf.layers.dense')]],
        );
      }
    });

    it('go to definition on a cell: the call that created its variables', async () => {
      for (const needle of ['cell =', 'cell, h']) {
        const defs = await c.request<Location[] | null>('textDocument/definition', {
          textDocument: { uri: rnn },
          position: positionOf(RNN, needle),
        });
        assert.deepEqual(
          defs?.map((d) => [d.uri, d.range.start]),
          [[rnn, callOn(9, 'tf.nn.dynamic_rnn')]],
        );
      }
    });

    it('references and highlights: the creating and the reusing layer calls', async () => {
      const refs = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: rnn },
        position: positionOf(RNN, 'h = tf'),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(refs.map((r) => [r.uri, r.range.start.line]).sort(), [
        [rnn, 5],
        [rnn, 7],
      ]);
      const marks = await c.request<DocumentHighlight[]>('textDocument/documentHighlight', {
        textDocument: { uri: rnn },
        position: positionOf(RNN, 'again'),
      });
      assert.deepEqual(
        marks.map((m) => [m.range.start.line, m.kind]),
        [
          [5, 3],
          [7, 2],
        ],
      );
      const cellRefs = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: rnn },
        position: positionOf(RNN, 'cell ='),
        context: { includeDeclaration: true },
      });
      assert.deepEqual(
        cellRefs.map((r) => r.range.start.line),
        [9],
      );
    });
  });

  describe('library code is never a user location', () => {
    it('not in the analysis, the diagnostics, the hovers or the definitions', async () => {
      const a = await c.request<{ analysis: unknown } | null>('scopeLens/analysis', {
        textDocument: { uri: rnn },
      });
      assert.ok(a);
      assert.doesNotMatch(JSON.stringify(a), /<scope-lens>|_lib/);
      const diagnostics = [...rnnDiagnostics, ...(await c.diagnostics(model, 1))];
      assert.ok(diagnostics.length > 0);
      assert.doesNotMatch(JSON.stringify(diagnostics), /<scope-lens>|_lib/);
      for (const needle of [
        'h = tf',
        'again',
        'cell =',
        'outputs',
        'state =',
        'net =',
        'dense(x',
      ]) {
        assert.doesNotMatch((await hover(needle)) ?? '', /<scope-lens>|_lib/, needle);
        const defs = await c.request<Location[] | null>('textDocument/definition', {
          textDocument: { uri: rnn },
          position: positionOf(RNN, needle),
        });
        for (const d of defs ?? []) assert.equal(d.uri, rnn);
      }
    });
  });
});
