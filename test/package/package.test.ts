import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { VERSION } from '../../src/version';
import { projectRoot } from '../support';

const root = projectRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const cli = path.join(root, 'bin', 'scope-lens.js');

describe('package: the library entry, the CLI and the manifest', () => {
  it('require("scope-lens") resolves through exports to the engine API, not the extension', () => {
    assert.equal(require.resolve('scope-lens'), path.join(root, 'dist', 'index.js'));
    // In a process of its own: the bundle carries its own tfjs, and loading it next to the tfjs
    // this test process already uses would only test that combination (tfjs warns once per
    // kernel registered twice). Alone, it loads without a word.
    const names = [
      'variableScope',
      'getVariable',
      'getVariableScope',
      'AUTO_REUSE',
      'makeTemplate',
      'resetDefaultGraph',
      'ValueError',
      'TypeError',
      'initializers',
      'regularizers',
      'partitioners',
      'GraphKeys',
    ];
    const script = [
      "const lib = require('scope-lens');",
      `const missing = ${JSON.stringify(names)}.filter((n) => !(n in lib));`,
      "const w = lib.variableScope('lib', () => lib.getVariable('w', { shape: [2] }));",
      'console.log(JSON.stringify({ missing, activate: typeof lib.activate, name: w.name }));',
    ].join('\n');
    const r = spawnSync(process.execPath, ['-e', script], { cwd: root, encoding: 'utf8' });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.deepEqual(JSON.parse(r.stdout), { missing: [], activate: 'undefined', name: 'lib/w:0' });
  });

  it('the version in the code matches package.json', () => {
    assert.equal(VERSION, pkg.version);
  });

  it('scope-lens --version and --help', () => {
    assert.equal(execFileSync('node', [cli, '--version'], { encoding: 'utf8' }), `${VERSION}\n`);
    const help = execFileSync('node', [cli, '--help'], { encoding: 'utf8' });
    assert.match(help, /Usage:/);
    assert.match(help, /scope-lens demo/);
  });

  it('an unknown command exits 2 with a clear message', () => {
    const r = spawnSync('node', [cli, 'frobnicate'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /unknown command 'frobnicate'/);
  });

  it('scope-lens demo runs the analyzer, the engine and the Python runtime on the examples, with no tfjs banner', () => {
    const r = spawnSync('node', [cli, 'demo'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.doesNotMatch(r.stdout + r.stderr, /running TensorFlow\.js in Node\.js/);
    const out = r.stdout;
    assert.match(out, /True\n\(3, 3, 32, 64\)\nFalse\n\(64,\)\n/);
    assert.match(out, /True\ncur_scope\/my_var:0\n/);
    assert.match(out, /cur_scope\/my_var:0 +shape=\(100,\) +dtype=float32_ref +mean=/);
    // The analyzer on every example, and the seed's Python programs in Pyodide.
    assert.match(out, /== Static analysis \(nothing runs\)/);
    assert.match(out, /model\/h\{layer\}\/attn\/c_attn\/w:0 +\(1, \{\?\}, \{\?\}\)/);
    assert.match(
      out,
      /siamese_towers\.py:27:17: error TF-VAR-EXISTS: Variable encoder\/w already exists/,
    );
    assert.match(
      out,
      /== Python runtime \(Pyodide\): examples\/python\/reuse_after_error\.py\nTrue\ncur_scope\/my_var:0\n/,
    );
  });

  it('the manifest: a VS Code extension with implicit activation and an engines floor matching @types/vscode', () => {
    assert.equal(pkg.main, './dist/extension.js');
    assert.ok(!(pkg.activationEvents ?? []).includes('*'));
    const floor = String(pkg.engines.vscode).replace(/^\^/, '');
    assert.equal(pkg.devDependencies['@types/vscode'], floor);
    assert.equal(pkg.bin['scope-lens'], './bin/scope-lens.js');
  });
});
