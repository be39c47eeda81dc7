/**
 * A V8 code cache for the big bundles in dist/ (the language server, the analyzer's CLI bundle,
 * the TypeScript compiler). Node 22 has `module.enableCompileCache()`; Node 20 does not, so this
 * does what it does: the first process that loads a bundle compiles it as usual and, when the
 * process has run a while or exits, stores V8's compiled code for it (`script.createCachedData`,
 * which also holds the functions compiled while it ran); later processes hand that to V8
 * (`cachedData`) instead of compiling. ARCHITECTURE.md ("What loads when") has the measurements
 * that keep it.
 *
 * The cache lives in the user's cache folder (`$XDG_CACHE_HOME/scope-lens/v8`, `~/.cache/...`,
 * `~/Library/Caches/...`, `%LOCALAPPDATA%\scope-lens\Cache\v8`), never next to the bundles (an
 * installed extension or global package may be read-only). An entry is keyed by a hash of the
 * bundle's text and of Node's version and architecture, so a rebuilt bundle or another Node never
 * reads a stale entry (V8 itself checks only the text's length); entries of older texts of the
 * same bundle are removed when a new one is written. Every failure (no cache folder, a rejected
 * or damaged entry, a full disk) falls back to compiling as Node does: the cache can only make a
 * start faster. `SCOPE_LENS_CODE_CACHE=0` turns it off; `SCOPE_LENS_CODE_CACHE_DIR` moves it.
 */
import type * as Crypto from 'node:crypto';
import * as fs from 'node:fs';
import Module from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type * as Vm from 'node:vm';

/** How long after a bundle is loaded its entry is written (the process may have exited first). */
const WRITE_AFTER_MS = 3000;

/** The folder of the cache, or undefined when it is turned off. */
export function codeCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.SCOPE_LENS_CODE_CACHE === '0') return undefined;
  if (env.SCOPE_LENS_CODE_CACHE_DIR) return env.SCOPE_LENS_CODE_CACHE_DIR;
  const home = os.homedir();
  if (process.platform === 'win32')
    return path.join(
      env.LOCALAPPDATA || path.join(home, 'AppData', 'Local'),
      'scope-lens',
      'Cache',
      'v8',
    );
  if (process.platform === 'darwin')
    return path.join(home, 'Library', 'Caches', 'scope-lens', 'v8');
  return path.join(env.XDG_CACHE_HOME || path.join(home, '.cache'), 'scope-lens', 'v8');
}

interface Pending {
  readonly script: Vm.Script;
  readonly file: string;
  readonly prefix: string;
}

const cached = new Set<string>();
const pending: Pending[] = [];
/** How each file went through the cache in this process: its entry used, absent, or refused. */
const used = new Map<string, 'hit' | 'miss' | 'rejected'>();

/** What the cache did for each file it loaded in this process (for tests and diagnostics). */
export function codeCacheUse(): ReadonlyMap<string, 'hit' | 'miss' | 'rejected'> {
  return used;
}
let installed = false;

/**
 * Loads the files `names` in `dir` (bundles, required later in this process) through the cache.
 * Other modules load as before. Calling it again adds files.
 */
export function useCodeCache(dir: string, names: readonly string[]): void {
  const root = codeCacheDir();
  if (!root) return;
  for (const n of names) cached.add(path.join(dir, n));
  if (installed) return;
  installed = true;
  type Compile = (this: Module, content: string, filename: string) => unknown;
  const proto = Module.prototype as unknown as { _compile: Compile };
  const original = proto._compile;
  proto._compile = function (this: Module, content: string, filename: string) {
    if (!cached.has(filename)) return original.call(this, content, filename);
    let fn: ((...args: unknown[]) => unknown) | undefined;
    try {
      fn = compile(root, content, filename);
    } catch {
      fn = undefined;
    }
    if (!fn) return original.call(this, content, filename);
    return fn.call(
      this.exports,
      this.exports,
      requireOf(this),
      this,
      filename,
      path.dirname(filename),
    );
  };
}

/** The module's function, compiled with the cache's entry when there is a usable one. */
function compile(root: string, content: string, filename: string) {
  /* eslint-disable @typescript-eslint/no-require-imports -- built-ins only the cache needs */
  const vm = require('node:vm') as typeof Vm;
  const crypto = require('node:crypto') as typeof Crypto;
  /* eslint-enable @typescript-eslint/no-require-imports */
  const key = crypto
    .createHash('sha1')
    .update(`${process.version}\0${process.arch}\0`)
    .update(content)
    .digest('hex')
    .slice(0, 16);
  const prefix = `${path.basename(filename)}-`;
  const entry = path.join(root, `${prefix}${key}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(entry);
  } catch {
    cachedData = undefined;
  }
  // A hashbang line is valid only at the very start of a script, not inside the wrapper.
  const body = content.startsWith('#!') ? `//${content.slice(2)}` : content;
  const script = new vm.Script(Module.wrap(body), {
    filename,
    cachedData,
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  } as Vm.ScriptOptions);
  used.set(filename, !cachedData ? 'miss' : script.cachedDataRejected ? 'rejected' : 'hit');
  if (!cachedData || script.cachedDataRejected) schedule({ script, file: entry, prefix });
  return script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
}

/** `require` as Node gives it to a module. */
function requireOf(mod: Module): NodeJS.Require {
  const M = Module as unknown as {
    _resolveFilename(request: string, parent: Module, isMain: boolean, options?: unknown): string;
    _extensions: NodeJS.RequireExtensions;
    _cache: NodeJS.Dict<NodeJS.Module>;
    _resolveLookupPaths(request: string, parent: Module): string[] | null;
  };
  const req = ((id: string) => mod.require(id)) as NodeJS.Require;
  const resolve = ((request: string, options?: { paths?: string[] }) =>
    M._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  resolve.paths = (request: string) => M._resolveLookupPaths(request, mod);
  req.resolve = resolve;
  req.main = require.main;
  req.extensions = M._extensions;
  req.cache = M._cache;
  return req;
}

let timer: NodeJS.Timeout | undefined;

function schedule(p: Pending): void {
  if (pending.length === 0) process.once('exit', writeAll);
  pending.push(p);
  timer ??= setTimeout(writeAll, WRITE_AFTER_MS);
  timer.unref();
}

/** Writes the pending entries (atomically: a reader sees a whole entry or none). */
function writeAll(): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  for (const p of pending.splice(0)) {
    try {
      const data = p.script.createCachedData();
      const dir = path.dirname(p.file);
      fs.mkdirSync(dir, { recursive: true });
      const tmp = `${p.file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, p.file);
      for (const old of fs.readdirSync(dir))
        if (old.startsWith(p.prefix) && old.endsWith('.bin') && path.join(dir, old) !== p.file)
          fs.rmSync(path.join(dir, old), { force: true });
    } catch {
      // No cache this time: the next process compiles again.
    }
  }
}
