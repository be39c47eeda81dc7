/**
 * Editor features over LSP: hover, go to definition, references (across the workspace, open or
 * not), highlights, code lenses, document symbols, inlay hints and the custom requests.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import type {
  CodeLens,
  DocumentHighlight,
  DocumentSymbol,
  Hover,
  InlayHint,
  Location,
  MarkupContent,
} from 'vscode-languageserver/node';
import type { VariableAtResult } from '../../src/server/protocol';
import { positionOf, workspace } from './helpers';
import { LspClient } from './lsp-client';

const MODEL = `import tensorflow as tf
from layers import shared

with tf.variable_scope("model") as scope:
    kernel = tf.get_variable("kernel", [4, 4])
    bias = tf.get_variable("bias", [4], trainable=False)
    scope.reuse_variables()
    again = tf.get_variable("kernel", [4, 4])
    total = kernel + 1
with tf.name_scope("ns"):
    pass
shared()

with tf.variable_scope("t"):
    try:
        t1 = tf.get_variable("x", [1])
        t2 = tf.get_variable("x", [1])
    except ValueError:
        pass


def tower(layer):
    with tf.variable_scope("h%d" % layer):
        return tf.get_variable("v", [2], trainable=False)
`;

const LAYERS = `import tensorflow as tf


def shared():
    with tf.variable_scope("model", reuse=True):
        return tf.get_variable("kernel", [4, 4])
`;

const OTHER = `import tensorflow as tf

with tf.variable_scope("model"):
    k = tf.get_variable("kernel", [4, 4])
`;

const ENGINE = `import { variableScope, getVariable } from 'scope-lens';

const w = variableScope('dense', () => getVariable('w', { shape: [3], trainable: false }));
variableScope('dense', { reuse: true }, () => {
  const same = getVariable('w');
});
`;

describe('language server: editor features', function () {
  this.timeout(60000);
  const ws = workspace({ 'layers.py': LAYERS, 'other.py': OTHER, 'lib/notes.txt': 'tensorflow' });
  const model = ws.uri('model.py');
  const engine = ws.uri('engine.ts');
  let c: LspClient;

  before(async () => {
    c = await LspClient.start({ root: ws.root });
    c.open(model, MODEL);
    c.open(engine, ENGINE);
    await c.diagnostics(model, 1);
    await c.diagnostics(engine, 1);
  });
  after(() => {
    c.kill();
    ws.dispose();
  });

  async function hover(uri: string, text: string, needle: string, delta = 0, nth = 0) {
    const h = await c.request<Hover | null>('textDocument/hover', {
      textDocument: { uri },
      position: positionOf(text, needle, delta, nth),
    });
    return h ? (h.contents as MarkupContent).value : null;
  }

  describe('hover', () => {
    it('on a get_variable call: full name, created here, shape, dtype, trainable, certainty, scope', async () => {
      const h = await hover(model, MODEL, 'get_variable("kernel"');
      assert.ok(h);
      assert.match(h, /`model\/kernel:0` — \*\*created here\*\* · certain/);
      assert.match(h, /shape `\(4, 4\)` · dtype `float32_ref` · trainable/);
      assert.match(
        h,
        /Enclosing scope `model` \(\[model\.py:4\]\(file:\/\/.*model\.py#L4\)\): reuse `False`/,
      );
    });

    it('a reuse links to where the variable was created, and says why the scope reuses', async () => {
      const h = await hover(model, MODEL, 'get_variable("kernel"', 0, 1);
      assert.ok(h);
      assert.match(
        h,
        /`model\/kernel:0` — \*\*reuses\*\* the variable created at \[model\.py:5\]\(file:\/\/[^)]*model\.py#L5\)/,
      );
      assert.match(h, /reuse_variables\(\) called \(line 7\)/);
    });

    it('on the name bound to the call, and on a later use of that name', async () => {
      const call = await hover(model, MODEL, 'get_variable("kernel"', 0, 1);
      assert.equal(await hover(model, MODEL, 'again ='), call);
      const created = await hover(model, MODEL, 'get_variable("kernel"');
      assert.equal(await hover(model, MODEL, 'kernel + 1'), created);
      assert.equal(await hover(model, MODEL, 'kernel =', 2), created);
      assert.equal(await hover(model, MODEL, 'total ='), null);
    });

    it('trainable=False (Python keyword, TS option) is read; the default is trainable', async () => {
      assert.match((await hover(model, MODEL, 'get_variable("bias"')) ?? '', /not trainable/);
      assert.match((await hover(engine, ENGINE, "getVariable('w', {")) ?? '', /not trainable/);
    });

    it('an error a try handles; a pattern found by analysing an uncalled function alone', async () => {
      const t2 = await hover(model, MODEL, 'get_variable("x"', 0, 1);
      assert.match(t2 ?? '', /\*\*raises\*\* `ValueError: Variable t\/x already exists/);
      assert.match(t2 ?? '', /handled by an enclosing `try`/);
      const v = await hover(model, MODEL, 'get_variable("v"');
      assert.match(v ?? '', /`h\{layer\}\/v:0` — \*\*created here\*\*/);
      assert.match(v ?? '', /found by analysing `tower` alone/);
      assert.match(v ?? '', /not trainable/);
    });

    it('on variable_scope: names, op-name prefix, reuse and why; on name_scope: it does not apply', async () => {
      const s = await hover(model, MODEL, 'variable_scope("model")');
      assert.match(s ?? '', /variable scope/);
      assert.match(s ?? '', /`model` · op names `model\/` · reuse `False`/);
      const ns = await hover(model, MODEL, 'name_scope');
      assert.match(ns ?? '', /not of variables made by `get_variable`/);
      const ts = await hover(engine, ENGINE, "variableScope('dense', {");
      assert.match(
        ts ?? '',
        /`dense` · op names `dense_1\/` · reuse `True` — reuse set by this scope's argument/,
      );
      // Inside the callback, the scope does not answer for the code.
      assert.equal(await hover(engine, ENGINE, 'const same'), null);
    });

    it('TypeScript: getVariable calls and their names', async () => {
      const h = await hover(engine, ENGINE, 'getVariable', 0, 1);
      assert.match(h ?? '', /`dense\/w:0` — \*\*created here\*\*/);
      assert.match(h ?? '', /shape `\(3,\)`/);
      const same = await hover(engine, ENGINE, 'same =');
      assert.match(same ?? '', /\*\*reuses\*\* the variable created at \[engine\.ts:3\]/);
      // The reused variable is the creator's, which said trainable: false.
      assert.match(same ?? '', /not trainable/);
      assert.equal(await hover(engine, ENGINE, 'import'), null);
    });
  });

  describe('navigation', () => {
    it('go to definition: from a reusing call (or its name) to the creating call', async () => {
      for (const [needle, nth] of [
        ['get_variable("kernel"', 1],
        ['again', 0],
      ] as const) {
        const defs = await c.request<Location[] | null>('textDocument/definition', {
          textDocument: { uri: model },
          position: positionOf(MODEL, needle, 0, nth),
        });
        assert.deepEqual(defs, [
          {
            uri: model,
            range: { start: { line: 4, character: 13 }, end: { line: 4, character: 46 } },
          },
        ]);
      }
      const ts = await c.request<Location[] | null>('textDocument/definition', {
        textDocument: { uri: engine },
        position: positionOf(ENGINE, "getVariable('w')"),
      });
      assert.equal(ts?.[0].range.start.line, 2);
      // "already exists" leads to the variable's creator too.
      const exists = await c.request<Location[] | null>('textDocument/definition', {
        textDocument: { uri: model },
        position: positionOf(MODEL, 'get_variable("x"', 0, 1),
      });
      assert.equal(exists?.[0].range.start.line, 15);
    });

    it('references: every call resolving to the same full name, in open and unopened files', async () => {
      const refs = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: model },
        position: positionOf(MODEL, 'get_variable("kernel"'),
        context: { includeDeclaration: true },
      });
      const where = refs.map(
        (r) => `${r.uri.slice(r.uri.lastIndexOf('/') + 1)}:${r.range.start.line}`,
      );
      assert.deepEqual(where.sort(), ['layers.py:5', 'model.py:4', 'model.py:7', 'other.py:3']);
      const noDecl = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: model },
        position: positionOf(MODEL, 'get_variable("kernel"'),
        context: { includeDeclaration: false },
      });
      assert.deepEqual(
        noDecl
          .map((r) => `${r.uri.slice(r.uri.lastIndexOf('/') + 1)}:${r.range.start.line}`)
          .sort(),
        ['layers.py:5', 'model.py:7'],
      );
      const stats = await c.request<{ indexedFiles: number }>('scopeLens/stats', null);
      assert.ok(stats.indexedFiles >= 2, JSON.stringify(stats));
      // A file changed on disk is analysed again (its modification time or size changed).
      fs.writeFileSync(ws.path('other.py'), OTHER.replace('"kernel"', '"kernel2"'));
      const later = await c.request<Location[]>('textDocument/references', {
        textDocument: { uri: model },
        position: positionOf(MODEL, 'get_variable("kernel"'),
        context: { includeDeclaration: true },
      });
      assert.ok(!later.some((r) => r.uri === ws.uri('other.py')));
      fs.writeFileSync(ws.path('other.py'), OTHER);
    });

    it('document highlights: creating calls write, reusing calls read', async () => {
      const hs = await c.request<DocumentHighlight[]>('textDocument/documentHighlight', {
        textDocument: { uri: model },
        position: positionOf(MODEL, 'again'),
      });
      assert.deepEqual(
        hs.map((h) => [h.range.start.line, h.kind]),
        [
          [4, 3],
          [7, 2],
        ],
      );
    });
  });

  describe('structure', () => {
    it('a code lens above each variable scope call: created and reused, revealVariables [uri, line]', async () => {
      const lenses = await c.request<CodeLens[]>('textDocument/codeLens', {
        textDocument: { uri: model },
      });
      const byLine = new Map(lenses.map((l) => [l.range.start.line, l.command]));
      assert.deepEqual(byLine.get(3), {
        title: '2 variables created, 1 reused',
        command: 'scopeLens.revealVariables',
        arguments: [model, 3],
      });
      assert.equal(byLine.get(13)?.title, '1 variable created, 0 reused');
      assert.equal(byLine.get(22)?.title, '1 variable created, 0 reused');
      const ts = await c.request<CodeLens[]>('textDocument/codeLens', {
        textDocument: { uri: engine },
      });
      assert.deepEqual(
        ts.map((l) => [l.range.start.line, l.command?.title]),
        [
          [2, '1 variable created, 0 reused'],
          [3, '0 variables created, 1 reused'],
        ],
      );
    });

    it('document symbols: scopes as namespaces holding their variables, detail = shape', async () => {
      const symbols = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: model },
      });
      const m = symbols.find((s) => s.name === 'model');
      assert.ok(m);
      assert.equal(m.kind, 3);
      assert.deepEqual(
        m.children?.map((s) => [s.name, s.kind, s.detail]),
        [
          ['model/kernel:0', 13, '(4, 4)'],
          ['model/bias:0', 13, '(4,)'],
          ['model/kernel:0', 8, '(4, 4)'],
        ],
      );
      const h = symbols.find((s) => s.name === 'h{layer}');
      assert.deepEqual(
        h?.children?.map((s) => s.name),
        ['h{layer}/v:0'],
      );
      const ts = await c.request<DocumentSymbol[]>('textDocument/documentSymbol', {
        textDocument: { uri: engine },
      });
      assert.deepEqual(
        ts.map((s) => [s.name, s.children?.map((x) => x.name)]),
        [
          ['dense', ['dense/w:0']],
          ['dense', ['dense/w:0']],
        ],
      );
    });

    it('inlay hints only when scopeLens.inlayHints.enabled: the full name after each call', async () => {
      const range = { start: { line: 0, character: 0 }, end: { line: 30, character: 0 } };
      const none = await c.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: model },
        range,
      });
      assert.deepEqual(none, []);
      c.settings = { inlayHints: { enabled: true } };
      const refreshes = () =>
        c.serverRequests.filter((r) => r.method === 'workspace/inlayHint/refresh').length;
      const before = refreshes();
      c.notify('workspace/didChangeConfiguration', { settings: null });
      for (let i = 0; i < 800 && refreshes() === before; i++)
        await new Promise((r) => setTimeout(r, 25));
      assert.equal(refreshes(), before + 1);
      const hints = await c.request<InlayHint[]>('textDocument/inlayHint', {
        textDocument: { uri: model },
        range,
      });
      const first = hints.find((h) => h.position.line === 4);
      assert.deepEqual(first?.position, { line: 4, character: 46 });
      assert.equal(first?.label, 'model/kernel:0');
      assert.ok(hints.some((h) => h.label === 't/x:0'));
      assert.ok(hints.some((h) => h.label === 'h{layer}/v:0'));
      c.settings = {};
      c.notify('workspace/didChangeConfiguration', { settings: null });
    });
  });

  describe('custom requests', () => {
    it('scopeLens/variableAt: the full name(s) at a call or a name bound to one; null elsewhere', async () => {
      const at = (uri: string, text: string, needle: string, nth = 0) =>
        c.request<VariableAtResult>('scopeLens/variableAt', {
          textDocument: { uri },
          position: positionOf(text, needle, 0, nth),
        });
      assert.deepEqual(await at(model, MODEL, 'get_variable("kernel"'), {
        name: 'model/kernel:0',
        names: ['model/kernel:0'],
      });
      assert.deepEqual(await at(model, MODEL, 'kernel + 1'), {
        name: 'model/kernel:0',
        names: ['model/kernel:0'],
      });
      assert.deepEqual(await at(model, MODEL, 'get_variable("x"', 1), {
        name: 't/x:0',
        names: ['t/x:0'],
      });
      assert.equal((await at(engine, ENGINE, 'same'))?.name, 'dense/w:0');
      assert.equal(await at(model, MODEL, 'import'), null);
    });
  });
});
