/**
 * The V8 code cache of the big bundles (src/code-cache.ts). Each case runs fresh Node processes
 * (a cache entry is written when a process exits) with the cache in a temporary folder: the
 * first process compiles and writes an entry, the next one uses it, a changed file or a damaged
 * entry is never used, and the module's behaviour is the same either way. Then the built command
 * and server run through it. No time is measured (bench/startup.ts does).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeCacheDir } from '../../src/code-cache';
import { projectRoot } from '../support';

const root = projectRoot();
const CODE_CACHE = path.join(root, 'out', 'src', 'code-cache.js');

describe('code cache: compiled bundles kept between processes', function () {
  // Guards for a hung child process, not assertions.
  this.timeout(60_000);
  let tmp = '';
  let cache = '';
  let mod = '';

  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-code-cache-'));
    cache = path.join(tmp, 'cache');
    mod = path.join(tmp, 'bundle.js');
    fs.writeFileSync(mod, moduleText(21));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A module with a lazily compiled function; `n` changes the text, not its length. */
  function moduleText(n: number): string {
    return [
      '#!/usr/bin/env node',
      "'use strict';",
      `exports.twice = function twice(x) { return x * 2 + ${n} - ${n}; };`,
      "exports.where = [__filename, typeof require, typeof module, require('node:path').sep];",
      '',
    ].join('\n');
  }

  /** Loads `mod` through the cache in a fresh process: what it computed and what the cache did. */
  function load(env: NodeJS.ProcessEnv = {}) {
    const script = `
      const cc = require(${JSON.stringify(CODE_CACHE)});
      cc.useCodeCache(${JSON.stringify(tmp)}, ['bundle.js']);
      const m = require(${JSON.stringify(mod)});
      console.log(JSON.stringify({ twice: m.twice(4), where: m.where, use: cc.codeCacheUse().get(${JSON.stringify(mod)}) ?? null }));
    `;
    const r = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      env: { ...process.env, SCOPE_LENS_CODE_CACHE_DIR: cache, ...env },
    });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { twice: number; where: unknown[]; use: string | null };
  }

  const entries = () => (fs.existsSync(cache) ? fs.readdirSync(cache).sort() : []);

  it('the first process writes an entry, the next uses it; the module behaves the same', () => {
    const first = load();
    assert.equal(first.use, 'miss');
    assert.deepEqual(first.where, [mod, 'function', 'object', path.sep]);
    assert.equal(first.twice, 8);
    assert.equal(entries().length, 1);
    assert.match(entries()[0], /^bundle\.js-[0-9a-f]{16}\.bin$/);
    const second = load();
    assert.deepEqual(second, { ...first, use: 'hit' });
  });

  it('a changed file of the same length gets a new entry; the old one is removed', () => {
    load();
    const [old] = entries();
    const changed = moduleText(42);
    assert.equal(changed.length, moduleText(21).length);
    fs.writeFileSync(mod, changed);
    assert.equal(load().use, 'miss');
    assert.equal(entries().length, 1);
    assert.notEqual(entries()[0], old);
    assert.equal(load().use, 'hit');
  });

  it('a damaged entry is refused and replaced; the module still loads', () => {
    load();
    const entry = path.join(cache, entries()[0]);
    const bytes = fs.readFileSync(entry);
    for (let i = 0; i < bytes.length; i += 7) bytes[i] ^= 0x5a;
    fs.writeFileSync(entry, bytes);
    const r = load();
    assert.equal(r.use, 'rejected');
    assert.equal(r.twice, 8);
    assert.equal(load().use, 'hit');
  });

  it('an unwritable cache folder costs nothing but the cache', () => {
    fs.writeFileSync(cache, 'a file where the folder should be');
    const r = load();
    assert.equal(r.use, 'miss');
    assert.equal(r.twice, 8);
    assert.equal(load().use, 'miss');
  });

  it('SCOPE_LENS_CODE_CACHE=0 turns it off', () => {
    const r = load({ SCOPE_LENS_CODE_CACHE: '0' });
    assert.equal(r.use, null);
    assert.equal(r.twice, 8);
    assert.deepEqual(entries(), []);
  });

  it("the folder is the platform's cache folder", () => {
    const home = os.homedir();
    const dir = codeCacheDir({});
    if (process.platform === 'win32') assert.match(dir ?? '', /scope-lens[\\/]Cache[\\/]v8$/);
    else if (process.platform === 'darwin')
      assert.equal(dir, path.join(home, 'Library', 'Caches', 'scope-lens', 'v8'));
    else {
      assert.equal(dir, path.join(home, '.cache', 'scope-lens', 'v8'));
      assert.equal(codeCacheDir({ XDG_CACHE_HOME: '/x' }), path.join('/x', 'scope-lens', 'v8'));
    }
    assert.equal(codeCacheDir({ SCOPE_LENS_CODE_CACHE_DIR: '/y' }), '/y');
    assert.equal(codeCacheDir({ SCOPE_LENS_CODE_CACHE: '0' }), undefined);
  });

  it('the built command writes entries for the analyzer and the compiler, and gives the same answers with them', () => {
    const ts = path.join(root, 'examples', 'engine', 'reuse_after_error.ts');
    const run = () =>
      spawnSync(process.execPath, [path.join(root, 'bin', 'scope-lens.js'), 'names', ts], {
        encoding: 'utf8',
        env: { ...process.env, SCOPE_LENS_CODE_CACHE_DIR: cache },
      });
    const cold = run();
    assert.equal(cold.status, 0, cold.stderr);
    assert.deepEqual(
      entries().map((e) => e.replace(/-[0-9a-f]{16}\.bin$/, '')),
      ['cli-analyze.js', 'typescript.js'],
    );
    const warm = run();
    assert.equal(warm.status, 0, warm.stderr);
    assert.equal(warm.stdout, cold.stdout);
    assert.match(warm.stdout, /cur_scope\/my_var:0/);
  });
});
