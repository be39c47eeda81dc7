/**
 * The npm package as a user gets it: `npm pack` of this (built) tree, installed offline into a
 * temporary project and into a temporary global prefix, then used from there: the `scope-lens`
 * command in a folder of the user's own files, `require('scope-lens')`, and the types.
 *
 * `npm pack --ignore-scripts`: prepack would rebuild, and the tests run on a tree that
 * `npm run build` has just built. The installs are `--offline`: the bundles are self-contained,
 * so installing the tarball must need nothing from the registry.
 */
import { strict as assert } from 'node:assert';
import { spawnSync, SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { textHash } from '../../src/analyzer/library/prelowered';
import { LIBRARY_SOURCES } from '../../src/analyzer/library/sources.generated';
import { encodeCheckpoint } from '../../src/checkpoint';
import { projectRoot } from '../support';

const root = projectRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** The environment for npm: none of a surrounding `npm run`'s settings (its prefix, its
 * package), so the nested npm works on the folder it is given. */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) && k.toLowerCase() !== 'npm_config_cache') continue;
    env[k] = v;
  }
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false' };
}

function npm(args: string[], cwd: string): SpawnSyncReturns<string> {
  const r = spawnSync('npm', args, { cwd, env: npmEnv(), encoding: 'utf8' });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r;
}

describe('package: npm pack, installed offline into another project and globally', function () {
  // A guard for a hung npm, not an assertion: packing and two installs take about a minute.
  this.timeout(300_000);
  let tmp = '';
  let tarball = '';
  let packed: string[] = [];
  let project = '';
  let prefix = '';
  let work = '';

  before(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-pack-'));
    const r = npm(['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], root);
    const [info] = JSON.parse(r.stdout) as { filename: string; files: { path: string }[] }[];
    tarball = path.join(tmp, info.filename);
    packed = info.files.map((f) => f.path);

    project = path.join(tmp, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(
      path.join(project, 'package.json'),
      JSON.stringify({ name: 'uses-scope-lens', version: '1.0.0', private: true }),
    );
    npm(['install', '--offline', tarball], project);

    prefix = path.join(tmp, 'global');
    npm(['install', '--global', '--offline', '--prefix', prefix, tarball], tmp);

    // The user's own folder: a reuse error, a program, a checkpoint.
    work = path.join(tmp, 'work');
    fs.mkdirSync(work);
    fs.writeFileSync(
      path.join(work, 'reuse_error.py'),
      [
        'import tensorflow as tf',
        'with tf.variable_scope("layer"):',
        '    w = tf.get_variable("w", [2, 3])',
        'with tf.variable_scope("layer"):',
        '    w2 = tf.get_variable("w", [2, 3])',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(work, 'program.py'),
      [
        'import tensorflow as tf',
        'with tf.variable_scope("enc"):',
        '    a = tf.get_variable("w", [4, 2])',
        'with tf.variable_scope("enc", reuse=True):',
        '    b = tf.get_variable("w")',
        'print(a.name, a is b, a.shape)',
        '',
      ].join('\n'),
    );
    const { index, data } = encodeCheckpoint([
      { name: 'enc/w', dtype: 'float32', shape: [4, 2], values: new Float32Array(8).fill(0.5) },
      { name: 'global_step', dtype: 'int64', shape: [], values: [7] },
    ]);
    fs.writeFileSync(path.join(work, 'model.ckpt-7.index'), index);
    fs.writeFileSync(path.join(work, 'model.ckpt-7.data-00000-of-00001'), data);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The globally installed `scope-lens`, run in the user's folder. */
  function cli(...args: string[]): SpawnSyncReturns<string> {
    const bin = path.join(prefix, 'bin', 'scope-lens');
    return spawnSync(bin, args, { cwd: work, encoding: 'utf8' });
  }

  it('the tarball holds the command, the bundles, Python (with its bytecode), the library IR, Pyodide, the types and the docs, and nothing else', () => {
    assert.equal(path.basename(tarball), `${pkg.name}-${pkg.version}.tgz`);
    for (const f of [
      'package.json',
      'README.md',
      'LICENSE',
      'CHANGELOG.md',
      'bin/scope-lens.js',
      'dist/index.js',
      'dist/cli.js',
      'dist/worker.js',
      'dist/server.js',
      'dist/python/tensorflow/__init__.py',
      'dist/pyodide/pyodide.asm.mjs',
      'dist/pyodide/pyodide.asm.wasm',
      'dist/pyodide/python_stdlib.zip',
      'dist/pyodide/pyodide-lock.json',
      'out/src/index.d.ts',
    ]) {
      assert.ok(packed.includes(f), `${f} is not in the tarball`);
    }
    // Every Python module ships with its bytecode, checked against the source's hash (flags 3
    // in the pyc header: hash-based, checked), so a cold run does not compile the package.
    const modules = packed.filter((f) => f.startsWith('dist/python/') && f.endsWith('.py'));
    assert.ok(modules.length > 50, `${modules.length} Python modules in the tarball`);
    for (const py of modules) {
      const dir = path.posix.dirname(py);
      const stem = path.posix.basename(py, '.py');
      const pyc = packed.find((f) =>
        new RegExp(`^${dir}/__pycache__/${stem}\\.cpython-3\\d+\\.pyc$`).test(f),
      );
      assert.ok(pyc, `${py} has no bytecode in the tarball`);
      assert.equal(fs.readFileSync(path.join(root, pyc)).readUInt32LE(4), 3, `${pyc}'s flags`);
    }
    // Every module of the analyzer's layer library ships with its IR, made from its current text
    // (the language server and `check` read it instead of lowering the module).
    for (const [name, text] of Object.entries(LIBRARY_SOURCES)) {
      const file = `dist/library-ir/${name}.json`;
      assert.ok(packed.includes(file), `${file} is not in the tarball`);
      const stored = JSON.parse(fs.readFileSync(path.join(root, file), 'utf8')) as { hash: string };
      assert.equal(stored.hash, textHash(text), `${file} was made from another text`);
    }
    const unwanted = packed.filter(
      (f) =>
        /^(src|test|bench|examples|scripts|node_modules|out\/test|out\/bench)\//.test(f) ||
        f.endsWith('.map') ||
        (f.startsWith('out/') && !f.endsWith('.d.ts')),
    );
    assert.deepEqual(unwanted, []);
  });

  it('every bundle it ships needs only Node: its requires are built-ins or optional probes', () => {
    // The optional ones are each loaded inside a try: ws's native speed-ups, node-fetch's
    // `encoding`, the TypeScript compiler's `source-map-support`.
    const optional = new Set(['bufferutil', 'encoding', 'source-map-support', 'utf-8-validate']);
    const bundles = packed.filter((f) => /^dist\/[^/]+\.js$/.test(f)).map((f) => f.slice(5));
    for (const bundle of ['index.js', 'cli.js', 'worker.js', 'server.js', 'extension.js'])
      assert.ok(bundles.includes(bundle), `dist/${bundle} is not in the tarball`);
    for (const bundle of bundles) {
      const text = fs.readFileSync(path.join(root, 'dist', bundle), 'utf8');
      const names = new Set([...text.matchAll(/require\("([^"./][^"]*)"\)/g)].map((m) => m[1]));
      // The lazily loaded parts (a command, the TypeScript compiler) are sibling files.
      for (const [, sibling] of text.matchAll(/(?:require|import)\("\.\/([^"]+)"\)/g))
        assert.ok(
          packed.includes(`dist/${sibling}`),
          `dist/${bundle} requires ./${sibling}, which the tarball does not hold`,
        );
      const others = [...names].filter(
        (n) =>
          !n.startsWith('node:') &&
          !builtinModules.includes(n.split('/')[0]) &&
          !optional.has(n) &&
          !(bundle === 'extension.js' && n === 'vscode'),
      );
      assert.deepEqual(others, [], `dist/${bundle} requires packages the tarball does not hold`);
    }
  });

  it('installing it fetches nothing: the project gets scope-lens alone', () => {
    const installed = fs
      .readdirSync(path.join(project, 'node_modules'))
      .filter((n) => n[0] !== '.');
    assert.deepEqual(installed, ['scope-lens']);
    const manifest = JSON.parse(
      fs.readFileSync(path.join(project, 'node_modules', 'scope-lens', 'package.json'), 'utf8'),
    );
    assert.deepEqual(manifest.dependencies ?? {}, {});
  });

  it('scope-lens --version (the global install)', () => {
    const r = cli('--version');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, `${pkg.version}\n`);
  });

  it("scope-lens check: a reuse error exits 1 with TensorFlow's message", () => {
    const r = cli('check', '.');
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      /reuse_error\.py:5:\d+: error TF-VAR-EXISTS: Variable layer\/w already exists, disallowed\. Did you mean to set reuse=True or reuse=tf\.AUTO_REUSE in VarScope\?/,
    );
  });

  it('scope-lens names lists the variables a file creates', () => {
    const r = cli('names', 'program.py');
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /enc\/w:0 +\(4, 2\) +float32_ref/);
  });

  it('scope-lens run runs a Python program in the bundled Pyodide', () => {
    const r = cli('run', 'program.py');
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.equal(r.stdout, 'enc/w:0 True (4, 2)\n');
  });

  it('scope-lens ckpt lists a checkpoint the library wrote', () => {
    const r = cli('ckpt', '--verify', 'model.ckpt-7');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(
      r.stdout,
      [
        'enc/w        float32  [4, 2]',
        'global_step  int64    []',
        '2 variables in model.ckpt-7 (1 data shard)',
        "verified: every tensor's checksum matches",
        '',
      ].join('\n'),
    );
  });

  it("require('scope-lens') in the other project: the engine shares a variable", () => {
    const script = [
      "const sl = require('scope-lens');",
      "const a = sl.variableScope('tower', () => sl.getVariable('w', { shape: [3] }));",
      "const b = sl.variableScope('tower', { reuse: true }, () => sl.getVariable('w'));",
      "console.log(a.name, a === b, JSON.stringify(a.shape), require.resolve('scope-lens'));",
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { cwd: project, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    const resolved = path.join(
      fs.realpathSync(project),
      'node_modules',
      'scope-lens',
      'dist',
      'index.js',
    );
    assert.equal(r.stdout, `tower/w:0 true [3] ${resolved}\n`);
  });

  it('the types: a TypeScript file using the engine API type-checks against the installed package', () => {
    fs.writeFileSync(
      path.join(project, 'use.ts'),
      [
        "import { getVariable, variableScope, AUTO_REUSE } from 'scope-lens';",
        "const v = variableScope('a', { reuse: AUTO_REUSE }, () => getVariable('w', { shape: [2] }));",
        'export const name: string = v.name;',
        '',
      ].join('\n'),
    );
    fs.writeFileSync(
      path.join(project, 'wrong.ts'),
      "import { getVariable } from 'scope-lens';\nexport const n: number = getVariable('w').name;\n",
    );
    const tsc = require.resolve('typescript/bin/tsc');
    // skipLibCheck: @tensorflow/tfjs-core, whose types some declarations name, is an optional peer.
    const flags = ['--noEmit', '--strict', '--skipLibCheck', '--module', 'commonjs'];
    const ok = spawnSync(process.execPath, [tsc, ...flags, 'use.ts'], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(ok.status, 0, ok.stdout);
    // The types are real: a wrong use is an error.
    const bad = spawnSync(process.execPath, [tsc, ...flags, 'wrong.ts'], {
      cwd: project,
      encoding: 'utf8',
    });
    assert.equal(bad.status, 2);
    assert.match(
      bad.stdout,
      /wrong\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'/,
    );
  });
});
