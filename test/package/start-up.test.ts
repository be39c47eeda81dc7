/**
 * Lazy start-up (issue #14): each CLI command and the language server load only what they use.
 * The built command (bin/scope-lens.js → dist/) and the built server run in child processes
 * with a preloaded hook that logs every file Node loads; the test reads what was loaded and, for
 * each loaded bundle, which packages went into it (its source map). The heavy packages are the
 * TypeScript compiler (dist/typescript.js, only for TS/JS files), tfjs (only `run`, in the worker,
 * and `demo`) and the LSP library (only `lsp` and the server). The same is checked on tsc's out/,
 * where the packages load from node_modules. No time is measured here (bench/startup.ts does).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '../support';
import { fileUri, LspClient } from '../server/lsp-client';

const root = projectRoot();
const dist = path.join(root, 'dist');
const BIN = path.join(root, 'bin', 'scope-lens.js');
const CHECKPOINT = path.join(root, 'test/checkpoint/layer-models/lstm_ckpt/model.ckpt-0');

/** The heavy packages, by the folder their files come from (tfjs's own source maps name its
 * TypeScript sources relative to its packages: `../tfjs-core/src/...`). */
const HEAVY = {
  typescript: /(^|\/)node_modules\/typescript\//,
  tfjs: /(^|\/)node_modules\/@tensorflow\/|(^|\/)tfjs-[a-z-]+\/src\//,
  lsp: /(^|\/)node_modules\/vscode-languageserver[^/]*\//,
} as const;
type Heavy = keyof typeof HEAVY;

// Appends each newly loaded file to SCOPE_LENS_LOAD_LOG as Node loads it (so a long-running
// server can be asked at any moment), in this process and its workers alike.
const HOOK = `
const Module = require('module');
const fs = require('fs');
const log = process.env.SCOPE_LENS_LOAD_LOG;
const seen = new Set();
const load = Module._load;
Module._load = function (...args) {
  try {
    return load.apply(this, args);
  } finally {
    const fresh = Object.keys(require.cache).filter((f) => !seen.has(f));
    for (const f of fresh) seen.add(f);
    if (fresh.length) fs.appendFileSync(log, fresh.map((f) => f + '\\n').join(''));
  }
};
`;

/** Which heavy packages a loaded file is, or holds (a dist bundle, by its source map). */
function heavyIn(file: string): Set<Heavy> {
  const found = new Set<Heavy>();
  const rel = path.relative(root, file).split(path.sep).join('/');
  if (rel === 'dist/typescript.js') found.add('typescript');
  const map = `${file}.map`;
  const sources =
    rel.startsWith('dist/') && fs.existsSync(map)
      ? (JSON.parse(fs.readFileSync(map, 'utf8')) as { sources: string[] }).sources
      : [rel];
  for (const source of sources)
    for (const [name, re] of Object.entries(HEAVY)) if (re.test(source)) found.add(name as Heavy);
  return found;
}

describe('start-up: what each command and the server load', function () {
  // Guards for a hung child process, not assertions.
  this.timeout(60_000);
  let tmp = '';
  let hook = '';
  let log = '';
  let py = '';
  let ts = '';

  before(() => {
    for (const f of ['cli.js', 'server.js', 'typescript.js'])
      assert.ok(fs.existsSync(path.join(dist, f)), `dist/${f} is missing: run npm run build`);
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-start-up-'));
    hook = path.join(tmp, 'hook.js');
    fs.writeFileSync(hook, HOOK);
    py = path.join(tmp, 'model.py');
    fs.writeFileSync(
      py,
      'import tensorflow as tf\nwith tf.variable_scope("a"):\n    w = tf.get_variable("w", [2])\n',
    );
    ts = path.join(tmp, 'model.ts');
    fs.writeFileSync(
      ts,
      "import { getVariable, variableScope } from 'scope-lens';\n" +
        "variableScope('a', () => getVariable('w', { shape: [2] }));\n" +
        "variableScope('a', () => getVariable('w', { shape: [2] }));\n",
    );
  });
  beforeEach(() => {
    log = path.join(tmp, `loaded-${Date.now()}-${Math.random().toString(36).slice(2)}.log`);
    fs.writeFileSync(log, '');
  });
  after(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const loaded = () => fs.readFileSync(log, 'utf8').split('\n').filter(Boolean);
  const loadedBundles = () =>
    loaded()
      .filter((f) => path.dirname(f) === dist)
      .map((f) => path.basename(f))
      .sort();
  const heavyLoaded = () => {
    const found = new Set<Heavy>();
    for (const f of loaded()) for (const h of heavyIn(f)) found.add(h);
    return [...found].sort();
  };

  /** `node -r hook <args>` with the log; returns status and output. */
  function node(args: string[]) {
    const r = spawnSync(process.execPath, ['-r', hook, ...args], {
      encoding: 'utf8',
      cwd: root,
      env: { ...process.env, SCOPE_LENS_LOAD_LOG: log },
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  }

  describe('the built command (bin/scope-lens.js)', () => {
    it('--version and --help load dist/cli.js alone', () => {
      for (const args of [['--version'], ['--help']]) {
        fs.writeFileSync(log, '');
        const r = node([BIN, ...args]);
        assert.equal(r.code, 0, r.err);
        assert.deepEqual(loadedBundles(), ['cli.js']);
        assert.deepEqual(heavyLoaded(), []);
      }
    });

    it('ckpt loads the checkpoint reader, none of the heavy packages', () => {
      const r = node([BIN, 'ckpt', CHECKPOINT]);
      assert.equal(r.code, 0, r.err);
      assert.match(
        r.out,
        /encoder\/multi_rnn_cell\/cell_0\/lstm_cell\/kernel +float32 +\[11, 32\]/,
      );
      assert.deepEqual(loadedBundles(), ['cli-ckpt.js', 'cli.js']);
      assert.deepEqual(heavyLoaded(), []);
    });

    it('check of a Python file loads the analyzer without the TypeScript compiler', () => {
      const r = node([BIN, 'check', py]);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /0 errors in 1 file/);
      assert.deepEqual(loadedBundles(), ['cli-analyze.js', 'cli.js']);
      assert.deepEqual(heavyLoaded(), []);
    });

    it('check of a TypeScript file loads the compiler, and finds the reuse error with it', () => {
      const r = node([BIN, 'check', ts]);
      assert.equal(r.code, 1, r.err);
      assert.match(r.out, /TF-VAR-EXISTS: Variable a\/w already exists, disallowed/);
      assert.deepEqual(loadedBundles(), ['cli-analyze.js', 'cli.js', 'typescript.js']);
      assert.deepEqual(heavyLoaded(), ['typescript']);
    });

    it('lsp loads the language server (and the LSP library) only', () => {
      const r = node([BIN, 'lsp']);
      assert.equal(r.code, 2, r.err);
      assert.match(r.err, /Usage: scope-lens lsp --stdio/);
      assert.deepEqual(loadedBundles(), ['cli.js', 'language-server.js', 'server.js']);
      assert.deepEqual(heavyLoaded(), ['lsp']);
    });

    it('the bundles of the commands hold only what the command uses', () => {
      // `run` starts dist/worker.js, where tfjs is; its script host imports the compiler.
      const expected: Record<string, Heavy[]> = {
        'cli.js': [],
        'cli-ckpt.js': [],
        'cli-analyze.js': [],
        'cli-diff.js': [],
        'cli-run.js': [],
        'cli-demo.js': ['tfjs'],
        'worker.js': ['tfjs'],
        'server.js': [],
        'language-server.js': ['lsp'],
      };
      for (const [bundle, heavy] of Object.entries(expected))
        assert.deepEqual([...heavyIn(path.join(dist, bundle))].sort(), heavy, bundle);
    });
  });

  describe('the built language server (dist/server.js)', () => {
    it('analyses Python without the TypeScript compiler; loads it for the first TS document', async () => {
      // The server inherits this process's environment.
      process.env.SCOPE_LENS_LOAD_LOG = log;
      const c = await LspClient.start({
        command: [process.execPath, '-r', hook, path.join(dist, 'server.js'), '--stdio'],
      });
      try {
        const pyUri = fileUri(py);
        c.open(pyUri, fs.readFileSync(py, 'utf8'));
        const pyDiagnostics = await c.diagnostics(pyUri, 1);
        assert.ok(
          pyDiagnostics.every((d) => d.code !== 'TF-VAR-EXISTS'),
          JSON.stringify(pyDiagnostics),
        );
        assert.deepEqual(loadedBundles(), ['language-server.js', 'server.js']);
        assert.deepEqual(heavyLoaded(), ['lsp']);

        const tsUri = fileUri(ts);
        c.open(tsUri, fs.readFileSync(ts, 'utf8'));
        const diagnostics = await c.diagnostics(tsUri, 1);
        assert.ok(
          diagnostics.some((d) => d.code === 'TF-VAR-EXISTS'),
          JSON.stringify(diagnostics),
        );
        assert.deepEqual(loadedBundles(), ['language-server.js', 'server.js', 'typescript.js']);
      } finally {
        delete process.env.SCOPE_LENS_LOAD_LOG;
        await c.shutdown().catch(() => c.kill());
      }
    });
  });

  describe("tsc's out/ (the modules the bundles are made of)", () => {
    const main = path.join(root, 'out', 'src', 'cli', 'main.js');

    function inProcess(args: string[]) {
      return node([
        '-e',
        `process.exitCode = require(${JSON.stringify(main)}).main(${JSON.stringify(args)});`,
      ]);
    }

    it('--version requires none of the heavy packages', () => {
      assert.equal(inProcess(['--version']).code, 0);
      assert.deepEqual(heavyLoaded(), []);
    });

    it('check requires typescript for a TS file only', () => {
      assert.equal(inProcess(['check', py]).code, 0);
      assert.deepEqual(heavyLoaded(), []);
      fs.writeFileSync(log, '');
      assert.equal(inProcess(['check', ts]).code, 1);
      assert.deepEqual(heavyLoaded(), ['typescript']);
    });
  });
});
