/**
 * The language server as an editor sees it: `node dist/server.js --stdio` spawned and driven
 * over LSP (no editor). Lifecycle, diagnostics, debouncing and freshness, settings, files that
 * cost nothing, robustness. Timing is never asserted; waits have generous hang guards.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PublishDiagnosticsParams } from 'vscode-languageserver/node';
import { analyze } from '../../src/analyzer/analyze';
import type { AnalysisResult, StatsResult } from '../../src/server/protocol';
import { VERSION } from '../../src/version';
import { projectRoot } from '../support';
import { codes, workspace } from './helpers';
import { fileUri, LspClient } from './lsp-client';

const PY_EXISTS = `import tensorflow as tf

with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 3])
with tf.variable_scope("dense"):
    w2 = tf.get_variable("w", [3, 3])
`;

const PY_CLEAN = `import tensorflow as tf

with tf.variable_scope("dense"):
    w = tf.get_variable("w", [3, 3])
with tf.variable_scope("dense", reuse=True):
    w2 = tf.get_variable("w", [3, 3])
`;

const TS_EXISTS = `import { variableScope, getVariable } from 'scope-lens';

variableScope('dense', () => getVariable('w', { shape: [3] }));
variableScope('dense', () => getVariable('w', { shape: [3] }));
`;

async function stats(c: LspClient): Promise<StatsResult> {
  return c.request<StatsResult>('scopeLens/stats', null);
}

describe('language server: lifecycle and diagnostics (over stdio)', function () {
  this.timeout(60000);
  let c: LspClient;
  const ws = workspace({
    'lib/layers.py': `import tensorflow as tf


def dense(x):
    w = tf.get_variable("w", [3, 3])
    return w
`,
  });

  before(async () => {
    c = await LspClient.start({ root: ws.root });
  });
  after(async () => {
    c.kill();
    ws.dispose();
  });

  it('publishes TF errors on open: code, severity, message, source, related sites, doc link', async () => {
    const uri = ws.uri('model.py');
    c.open(uri, PY_EXISTS);
    const ds = await c.diagnostics(uri, 1);
    const d = ds.find((x) => x.code === 'TF-VAR-EXISTS');
    assert.ok(d, JSON.stringify(ds));
    assert.equal(d.severity, 1);
    assert.equal(d.source, 'Scope Lens');
    assert.match(d.message, /^Variable dense\/w already exists, disallowed\./);
    assert.deepEqual(d.range, {
      start: { line: 5, character: 9 },
      end: { line: 5, character: 37 },
    });
    assert.equal(
      d.codeDescription?.href,
      'https://github.com/scope-lens/scope-lens/blob/main/docs/diagnostics.md#tf-var-exists',
    );
    assert.deepEqual(d.relatedInformation, [
      {
        location: {
          uri,
          range: { start: { line: 3, character: 8 }, end: { line: 3, character: 36 } },
        },
        message: 'dense/w was created here',
      },
    ]);
    // The TF2 hint is there too, with its own severity.
    const hint = ds.find((x) => x.code === 'SL-TF2-API');
    assert.equal(hint?.severity, 4);
  });

  it('publishes again after each change; a fixed file gets an empty list', async () => {
    const uri = ws.uri('model.py');
    const v = c.change(uri, PY_CLEAN);
    assert.deepEqual(
      codes(await c.diagnostics(uri, v)).filter((x) => x.startsWith('TF-')),
      [],
    );
    const v2 = c.change(uri, PY_EXISTS);
    assert.ok(codes(await c.diagnostics(uri, v2)).includes('TF-VAR-EXISTS'));
    const v3 = c.change(uri, [
      {
        range: { start: { line: 4, character: 30 }, end: { line: 4, character: 30 } },
        text: ', reuse=tf.AUTO_REUSE',
      },
    ]);
    assert.ok(!codes(await c.diagnostics(uri, v3)).includes('TF-VAR-EXISTS'));
    c.close(uri);
    const closed = await c.waitFor(
      (n) =>
        n.method === 'textDocument/publishDiagnostics' &&
        (n.params as PublishDiagnosticsParams).uri === uri &&
        (n.params as PublishDiagnosticsParams).version === undefined,
    );
    assert.deepEqual((closed.params as PublishDiagnosticsParams).diagnostics, []);
  });

  it('TypeScript and JavaScript through the engine API', async () => {
    for (const name of ['engine.ts', 'engine.js']) {
      const uri = ws.uri(name);
      c.open(uri, TS_EXISTS);
      const d = (await c.diagnostics(uri, 1)).find((x) => x.code === 'TF-VAR-EXISTS');
      assert.ok(d, name);
      assert.equal(d.range.start.line, 3);
      assert.equal(d.relatedInformation?.[0].location.range.start.line, 2);
      c.close(uri);
    }
  });

  it('an error raised in an imported module: at the call here, related site in the other file', async () => {
    const uri = ws.uri('train.py');
    c.open(
      uri,
      `import tensorflow as tf
from lib.layers import dense

with tf.variable_scope("a"):
    dense(1)
    dense(2)
`,
    );
    const d = (await c.diagnostics(uri, 1)).find((x) => x.code === 'TF-VAR-EXISTS');
    assert.ok(d);
    assert.equal(d.range.start.line, 5);
    const raised = d.relatedInformation?.find((r) => r.message === 'get_variable here');
    assert.equal(raised?.location.uri, ws.uri('lib/layers.py'));
    assert.equal(raised?.location.range.start.line, 4);
    const created = d.relatedInformation?.find((r) => /created here/.test(r.message));
    assert.equal(created?.location.uri, ws.uri('lib/layers.py'));
    c.close(uri);
  });

  it('an open module is read from the editor, not the disk (and its importers follow its edits)', async () => {
    const lib = ws.uri('lib/layers.py');
    const uri = ws.uri('train2.py');
    c.open(
      lib,
      `import tensorflow as tf


def dense(x):
    with tf.variable_scope("d", reuse=tf.AUTO_REUSE):
        return tf.get_variable("w", [3, 3])
`,
    );
    c.open(
      uri,
      `import tensorflow as tf
from lib.layers import dense

dense(1)
dense(2)
`,
    );
    const ds = await c.diagnostics(uri, 1);
    assert.deepEqual(
      codes(ds).filter((x) => x.startsWith('TF-')),
      [],
    );
    // The module changes in the editor: the importer is analysed again.
    const before = c.published(uri).length;
    c.change(
      lib,
      `import tensorflow as tf


def dense(x):
    with tf.variable_scope("d"):
        return tf.get_variable("w", [3, 3])
`,
    );
    const n = await c.waitFor(
      (x) =>
        x.method === 'textDocument/publishDiagnostics' &&
        (x.params as PublishDiagnosticsParams).uri === uri &&
        c.published(uri).length > before,
    );
    assert.ok(codes((n.params as PublishDiagnosticsParams).diagnostics).includes('TF-VAR-EXISTS'));
    c.close(uri);
    c.close(lib);
  });

  it('a module changed on disk (didChangeWatchedFiles): its open importers are analysed again', async () => {
    const uri = ws.uri('watch.py');
    c.open(uri, 'import tensorflow as tf\nfrom lib.watched import make\n\nmake()\nmake()\n');
    fs.writeFileSync(
      ws.path('lib/watched.py'),
      'import tensorflow as tf\n\n\ndef make():\n    with tf.variable_scope("m", reuse=tf.AUTO_REUSE):\n        return tf.get_variable("w", [1])\n',
    );
    // The file did not exist when the document was opened: nothing to report yet.
    const n = c.published(uri).length;
    c.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('lib/watched.py'), type: 1 }],
    });
    await c.request('scopeLens/analysis', { textDocument: { uri } });
    const ok = c.published(uri);
    assert.deepEqual(
      codes(ok[ok.length - 1].diagnostics).filter((x) => x.startsWith('TF-')),
      [],
    );
    assert.ok(ok.length >= n);
    fs.writeFileSync(
      ws.path('lib/watched.py'),
      'import tensorflow as tf\n\n\ndef make():\n    return tf.get_variable("w", [1])\n',
    );
    const before = c.published(uri).length;
    c.notify('workspace/didChangeWatchedFiles', {
      changes: [{ uri: ws.uri('lib/watched.py'), type: 2 }],
    });
    const next = await c.waitFor(
      (x) =>
        x.method === 'textDocument/publishDiagnostics' &&
        (x.params as PublishDiagnosticsParams).uri === uri &&
        c.published(uri).length > before,
    );
    assert.ok(
      codes((next.params as PublishDiagnosticsParams).diagnostics).includes('TF-VAR-EXISTS'),
    );
    c.close(uri);
  });

  it('an untitled document (no file) is analysed by its language', async () => {
    const uri = 'untitled:Untitled-1';
    c.open(uri, PY_EXISTS, 'python');
    assert.ok(codes(await c.diagnostics(uri, 1)).includes('TF-VAR-EXISTS'));
    const h = await c.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 5, character: 14 },
    });
    assert.match(h?.contents.value ?? '', /reuse|raises/);
    c.close(uri);
  });

  it('files that use neither TF nor the engine API cost nothing: no analysis, no diagnostics', async () => {
    const before = await stats(c);
    const uri = ws.uri('plain.py');
    c.open(uri, 'import numpy as np\n\nx = np.zeros(3)\nfor i in range(3):\n    print(i)\n');
    const ts = ws.uri('plain.ts');
    c.open(ts, 'export const add = (a: number, b: number) => a + b;\n');
    // Asking for the analysis runs any pending one first.
    assert.equal(await c.request('scopeLens/analysis', { textDocument: { uri } }), null);
    assert.equal(await c.request('scopeLens/analysis', { textDocument: { uri: ts } }), null);
    const after = await stats(c);
    assert.equal(after.analyses, before.analyses);
    assert.equal(after.openDocuments, before.openDocuments + 2);
    assert.equal(after.analysedDocuments, before.analysedDocuments);
    assert.deepEqual(c.published(uri), []);
    assert.deepEqual(c.published(ts), []);
    // Once it imports TF, it is analysed.
    const v = c.change(uri, 'import tensorflow as tf\nv = tf.get_variable("v", [1])\n');
    await c.diagnostics(uri, v);
    assert.equal((await stats(c)).analyses, after.analyses + 1);
    c.close(uri);
    c.close(ts);
  });

  it('scopeLens/analysis returns the newest analysis with its version', async () => {
    const uri = ws.uri('latest.py');
    c.open(uri, PY_EXISTS);
    const v = c.change(uri, PY_CLEAN);
    const r = await c.request<AnalysisResult>('scopeLens/analysis', { textDocument: { uri } });
    assert.ok(r);
    assert.equal(r.version, v);
    assert.equal(r.uri, uri);
    assert.deepEqual(
      r.analysis.variables.map((x) => x.name),
      ['dense/w:0'],
    );
    assert.equal(
      await c.request('scopeLens/analysis', { textDocument: { uri: ws.uri('not-open.py') } }),
      null,
    );
    c.close(uri);
  });
});

describe('language server: the next keystroke, prepared while idle', function () {
  this.timeout(60000);

  it('an edit where the last one was resumes the run paused there, and publishes what a fresh analysis does', async () => {
    const c = await LspClient.start({ debounceMs: 0 });
    try {
      const lines = ['import tensorflow as tf', '', 'x = tf.placeholder(tf.float32, [None, 8])'];
      for (let i = 0; i < 6; i++)
        lines.push(`with tf.variable_scope("block${i}"):`, `    x = tf.layers.dense(x, 8)`);
      lines.push(
        'with tf.variable_scope("head"):',
        '    w = tf.get_variable("dense/kernel", [8, 8])',
        '',
      );
      const text = lines.join('\n');
      const uri = 'file:///prepared/model.py';
      c.open(uri, text);
      await c.diagnostics(uri, 1);
      // The head's scope is edited twice: "headx", then "block0", whose dense/kernel exists.
      const line = lines.indexOf('with tf.variable_scope("head"):');
      const at = (character: number) => ({ line, character });
      const before = await stats(c);
      let v = c.change(uri, [{ range: { start: at(28), end: at(28) }, text: 'x' }]);
      await c.diagnostics(uri, v);
      // Once it has been left alone, the server pauses a run before the statement edited.
      for (let i = 0; i < 600 && (await stats(c)).prepared === before.prepared; i++)
        await new Promise((r) => setTimeout(r, 50));
      assert.equal((await stats(c)).prepared, before.prepared + 1);
      const renamed = text.replace('"head"', '"block0"');
      v = c.change(uri, [{ range: { start: at(24), end: at(29) }, text: 'block0' }]);
      const ds = await c.diagnostics(uri, v);
      const after = await stats(c);
      assert.equal(after.resumed, before.resumed + 1);
      const r = await c.request<AnalysisResult>('scopeLens/analysis', { textDocument: { uri } });
      assert.deepEqual(r?.analysis, analyze(renamed, { path: '/prepared/model.py' }));
      assert.ok(
        ds.some((d) => /^Variable block0\/dense\/kernel already exists/.test(d.message)),
        JSON.stringify(ds.map((d) => d.message)),
      );
    } finally {
      c.kill();
    }
  });
});

describe('language server: debouncing, and never a stale result', function () {
  this.timeout(60000);

  for (const debounceMs of [1000, 0]) {
    it(`several quick changes (debounce ${debounceMs} ms): the last version's diagnostics come last`, async () => {
      const c = await LspClient.start({ debounceMs });
      try {
        const uri = 'file:///virtual/quick.py';
        c.open(uri, PY_CLEAN);
        await c.diagnostics(uri, 1);
        const start = (await c.request<StatsResult>('scopeLens/stats', null)).analyses;
        // Five edits in a row; the third has the error, the last does not.
        const texts = [PY_CLEAN, PY_CLEAN + '\n', PY_EXISTS, PY_EXISTS + '#\n', PY_CLEAN + '# x\n'];
        let last = 0;
        for (const t of texts) last = c.change(uri, t);
        const ds = await c.diagnostics(uri, last);
        assert.ok(!codes(ds).includes('TF-VAR-EXISTS'));
        // A request is answered after every earlier message: nothing older can follow it.
        const r = await c.request<AnalysisResult>('scopeLens/analysis', { textDocument: { uri } });
        assert.equal(r?.version, last);
        await c.request('scopeLens/stats', null);
        const versions = c.published(uri).map((p) => p.version as number);
        assert.equal(versions[versions.length - 1], last);
        for (let i = 1; i < versions.length; i++)
          assert.ok(versions[i] >= versions[i - 1], `versions out of order: ${versions}`);
        const analyses = (await c.request<StatsResult>('scopeLens/stats', null)).analyses - start;
        // Edits sent together arrive well within a second: superseded ones are never analysed.
        if (debounceMs > 0) assert.ok(analyses < texts.length, `${analyses} analyses for 5 edits`);
      } finally {
        c.kill();
      }
    });
  }
});

describe('language server: settings', function () {
  this.timeout(60000);

  it('severity overrides and off; re-read on didChangeConfiguration', async () => {
    const c = await LspClient.start({
      settings: { severity: { 'TF-VAR-EXISTS': 'warning', 'SL-TF2-API': 'off' } },
    });
    try {
      const uri = 'file:///virtual/sev.py';
      c.open(uri, PY_EXISTS);
      const ds = await c.diagnostics(uri, 1);
      assert.deepEqual(codes(ds), ['TF-VAR-EXISTS']);
      assert.equal(ds[0].severity, 2);
      // Only one publication for version 1: the settings were read before the first analysis.
      assert.equal(c.published(uri).length, 1);
      const n = c.published(uri).length;
      c.settings = { severity: { 'TF-VAR-EXISTS': 'hint' } };
      c.notify('workspace/didChangeConfiguration', { settings: null });
      const again = await c.waitFor(
        (x) => x.method === 'textDocument/publishDiagnostics' && c.published(uri).length > n,
      );
      const ds2 = (again.params as PublishDiagnosticsParams).diagnostics;
      assert.equal(ds2.find((d) => d.code === 'TF-VAR-EXISTS')?.severity, 4);
      assert.ok(codes(ds2).includes('SL-TF2-API'));
    } finally {
      c.kill();
    }
  });

  it('enable per language: a disabled language gets no diagnostics and no analysis', async () => {
    const c = await LspClient.start({ settings: { enable: { python: false, typescript: false } } });
    try {
      const py = 'file:///virtual/off.py';
      const ts = 'file:///virtual/off.ts';
      const js = 'file:///virtual/on.js';
      c.open(py, PY_EXISTS);
      c.open(ts, TS_EXISTS);
      c.open(js, TS_EXISTS);
      assert.ok(codes(await c.diagnostics(js, 1)).includes('TF-VAR-EXISTS'));
      const s = await c.request<StatsResult>('scopeLens/stats', null);
      assert.equal(s.analysedDocuments, 1);
      for (const uri of [py, ts])
        assert.ok(c.published(uri).every((p) => p.diagnostics.length === 0));
      assert.equal(
        await c.request('textDocument/hover', {
          textDocument: { uri: py },
          position: { line: 3, character: 10 },
        }),
        null,
      );
      // Enabling Python analyses the open Python document.
      c.settings = { enable: { python: true, typescript: false } };
      c.notify('workspace/didChangeConfiguration', { settings: null });
      const n = await c.waitFor(
        (x) =>
          x.method === 'textDocument/publishDiagnostics' &&
          (x.params as PublishDiagnosticsParams).uri === py &&
          (x.params as PublishDiagnosticsParams).diagnostics.length > 0,
      );
      assert.ok(
        codes((n.params as PublishDiagnosticsParams).diagnostics).includes('TF-VAR-EXISTS'),
      );
    } finally {
      c.kill();
    }
  });

  it("followImports false: the user's modules are not read", async () => {
    const ws = workspace({
      'helpers.py':
        'import tensorflow as tf\n\n\ndef make():\n    return tf.get_variable("w", [1])\n',
    });
    const text = 'import tensorflow as tf\nfrom helpers import make\n\nmake()\nmake()\n';
    const on = await LspClient.start({ root: ws.root });
    const off = await LspClient.start({ root: ws.root, settings: { followImports: false } });
    try {
      const uri = ws.uri('main.py');
      on.open(uri, text);
      off.open(uri, text);
      assert.ok(codes(await on.diagnostics(uri, 1)).includes('TF-VAR-EXISTS'));
      assert.deepEqual(
        codes(await off.diagnostics(uri, 1)).filter((x) => x.startsWith('TF-')),
        [],
      );
      const r = await off.request<AnalysisResult>('scopeLens/analysis', { textDocument: { uri } });
      assert.deepEqual(r?.analysis.imports, []);
    } finally {
      on.kill();
      off.kill();
      ws.dispose();
    }
  });

  it('analysis limits reach the analyzer; a client without workspace/configuration gets pushed settings', async () => {
    const loop = `import tensorflow as tf

with tf.variable_scope("s"):
    for i in range(5):
        tf.get_variable("w%d" % i, [1])
`;
    const c = await LspClient.start({ configuration: false });
    try {
      const uri = 'file:///virtual/limits.py';
      c.open(uri, loop);
      await c.diagnostics(uri, 1);
      const names = async () =>
        (
          await c.request<AnalysisResult>('scopeLens/analysis', { textDocument: { uri } })
        )?.analysis.variables.map((v) => v.name);
      assert.deepEqual(await names(), ['s/w0:0', 's/w1:0', 's/w2:0', 's/w3:0', 's/w4:0']);
      c.notify('workspace/didChangeConfiguration', {
        settings: { scopeLens: { analysis: { maxLoopUnroll: 2 } } },
      });
      let got: string[] | undefined;
      for (let i = 0; i < 400; i++) {
        got = await names();
        if (got?.length !== 5) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      assert.ok(got && got.length < 5, JSON.stringify(got));
    } finally {
      c.kill();
    }
  });
});

describe('language server: robustness and shutdown', function () {
  this.timeout(120000);

  it('huge, deeply nested and binary documents do not kill the server', async () => {
    const c = await LspClient.start();
    try {
      const deep = `import tensorflow as tf\nx = ${'['.repeat(20000)}${']'.repeat(20000)}\n`;
      const parens = `import tensorflow as tf\nx = ${'('.repeat(5000)}\n`;
      const ts = `import { getVariable } from 'scope-lens';\nconst x = ${'{a:'.repeat(3000)}1${'}'.repeat(3000)};\n`;
      const binary = `tensorflow ${Array.from({ length: 50000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join('')}`;
      const huge = `import tensorflow as tf\n${'x = 1\n'.repeat(800000)}`;
      const big = `import tensorflow as tf\n${'with tf.variable_scope("s%d" % 1):\n    tf.get_variable("w", [1])\n'.repeat(20000)}`;
      const docs: [string, string][] = [
        ['file:///virtual/deep.py', deep],
        ['file:///virtual/parens.py', parens],
        ['file:///virtual/deep.ts', ts],
        ['file:///virtual/binary.py', binary],
        ['file:///virtual/huge.py', huge],
        ['file:///virtual/big.py', big],
      ];
      for (const [uri, text] of docs) c.open(uri, text);
      for (const [uri, text] of docs) {
        const r = await c.request('textDocument/hover', {
          textDocument: { uri },
          position: { line: 1, character: 5 },
        });
        assert.ok(r === null || typeof r === 'object', uri);
        for (const method of ['textDocument/documentSymbol', 'textDocument/codeLens'])
          await c.request(method, { textDocument: { uri } });
        assert.ok(text.length > 0);
      }
      // Still serving: a normal file gets its diagnostics.
      const uri = 'file:///virtual/after.py';
      c.open(uri, PY_EXISTS);
      assert.ok(codes(await c.diagnostics(uri, 1)).includes('TF-VAR-EXISTS'));
      assert.equal(c.proc.exitCode, null);
    } finally {
      c.kill();
    }
  });

  it('requests for unknown documents and positions answer null, not an error', async () => {
    const c = await LspClient.start();
    try {
      const unknown = { textDocument: { uri: 'file:///nowhere.py' } };
      for (const method of [
        'textDocument/hover',
        'textDocument/definition',
        'textDocument/references',
        'textDocument/documentHighlight',
      ])
        assert.equal(
          await c.request(method, {
            ...unknown,
            position: { line: 99, character: 99 },
            context: { includeDeclaration: true },
          }),
          null,
          method,
        );
      assert.deepEqual(await c.request('textDocument/codeLens', unknown), []);
    } finally {
      c.kill();
    }
  });

  it('shutdown then exit: exit code 0; exit without shutdown: 1', async () => {
    const a = await LspClient.start();
    assert.equal(await a.shutdown(), 0);
    const b = await LspClient.start();
    b.notify('exit', null);
    assert.equal(await b.exited, 1);
  });

  it('scope-lens lsp --stdio is the same server; without a transport it explains itself', async () => {
    const cli = path.join(projectRoot(), 'bin', 'scope-lens.js');
    const c = await LspClient.start({ command: [process.execPath, cli, 'lsp', '--stdio'] });
    try {
      const uri = 'file:///virtual/cli.py';
      c.open(uri, PY_EXISTS);
      assert.ok(codes(await c.diagnostics(uri, 1)).includes('TF-VAR-EXISTS'));
      assert.equal(await c.shutdown(), 0);
    } finally {
      c.kill();
    }
    const r = spawnSync(process.execPath, [cli, 'lsp'], { encoding: 'utf8', timeout: 30000 });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /scope-lens lsp --stdio/);
    const help = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
    assert.match(help.stdout, /scope-lens lsp --stdio/);
    const direct = spawnSync(process.execPath, [path.join(projectRoot(), 'dist', 'server.js')], {
      encoding: 'utf8',
      timeout: 30000,
    });
    assert.equal(direct.status, 2);
  });

  it('the server reports its version', async () => {
    const c = await LspClient.start();
    try {
      assert.ok(c.initializeResult);
      assert.equal(c.initializeResult.serverInfo?.name, 'Scope Lens');
      assert.equal(c.initializeResult.serverInfo?.version, VERSION);
      const caps = c.initializeResult.capabilities;
      for (const k of [
        'hoverProvider',
        'definitionProvider',
        'referencesProvider',
        'documentHighlightProvider',
        'documentSymbolProvider',
        'codeLensProvider',
        'codeActionProvider',
        'inlayHintProvider',
      ])
        assert.ok((caps as Record<string, unknown>)[k], k);
      assert.equal(fileUri('/a b.py'), 'file:///a%20b.py');
    } finally {
      c.kill();
    }
  });
});
