// Bundles the entry points with esbuild. Type-checking is tsc's job (`npm run typecheck`).
// Every bundle is self-contained (its npm dependencies inside, or a sibling file in dist/), so the
// npm package and the VS Code extension need no node_modules: `npm install
// scope-lens-<version>.tgz` fetches nothing.
//   dist/index.js      the library (`require('scope-lens')`): the engine API, tfjs-core and its
//                      CPU backend inside
//   dist/cli.js        the `scope-lens` command: argument parsing and dispatch only; each command
//                      is its own file, required when it runs (see LAZY below)
//   dist/cli-*.js      the commands: cli-analyze (check, names), cli-ckpt, cli-diff, cli-demo,
//                      cli-run
//   dist/extension.js  the VS Code extension (vscode external)
//   dist/worker.js     the run worker (`scope-lens run`, the runtime API, the editor's run
//                      commands): the engine, the Python host and the script host (tfjs and
//                      Pyodide's loader inside); the runner starts it next to itself
//   dist/server.js     the language server's entry (`node dist/server.js --stdio`; `scope-lens
//                      lsp` requires it): turns on the code cache (src/code-cache.ts), then
//                      requires dist/language-server.js, the server itself
//   dist/typescript.js the TypeScript compiler, which the analyzer's TS/JS front end requires on
//                      its first TS/JS file (src/analyzer/front-ends.ts)
//   dist/web/extension.js  the extension in a browser (package.json `browser`: vscode.dev,
//                      github.dev): no Node built-ins (see WEB below)
//   dist/web/server.js the language server in a web worker; it loads dist/typescript.js as a
//                      classic script on its first TS/JS file
//   dist/web/run-worker.js  the run worker in a browser (Run File in the web extension): the
//                      engine and tfjs inside; the extension hands it Pyodide's files, the
//                      loader dist/web/pyodide.mjs (copied from the package) among them, and
//                      dist/web/python.json (Scope Lens's Python packages as one file)
//   dist/python/       Scope Lens's Python packages (`tensorflow`), copied from src/runtime/python,
//                      with their bytecode compiled by the bundled Pyodide (see compilePython)
//   dist/pyodide/      Pyodide's runtime files (wasm, standard library), copied from the package
//   dist/library-ir/   the IR of the analyzer's layer library, one JSON file per module, which
//                      the language server and `check` read instead of lowering it (see
//                      writeLibraryIR)
import * as esbuild from 'esbuild';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
// Kept equal to PYODIDE_RUNTIME_FILES in src/runtime/paths.ts (a test checks).
const PYODIDE_RUNTIME_FILES = [
  'pyodide.asm.mjs',
  'pyodide.asm.wasm',
  'python_stdlib.zip',
  'pyodide-lock.json',
];

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node18',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  // A process's start is mostly reading and compiling its bundle: without indentation and
  // comments the bundles are a quarter smaller (language-server.js 1.8 → 1.4 MB), which took
  // the server's start to its first diagnostics from 1.51x to 1.41x the minimal server's and
  // `check` from 1.86x to 1.71x `node -e 0` (bench/startup.ts). Names are kept, so stack traces
  // still read, and the source maps still point at src/.
  minifyWhitespace: true,
};

// Optional modules that their users load only when present (ws's native speed-ups, node-fetch's
// `encoding`), and the checkout fallback for Pyodide's folder (paths.ts), resolved at run time.
const optional = ['bufferutil', 'utf-8-validate', 'encoding', 'pyodide/package.json'];

// Start-up cost is mostly reading and compiling JavaScript, so what a process does not use
// should not be in the files it loads. Each module here is loaded lazily (a `require` where it
// is needed, which tsc's out/ resolves as usual) and is its own file in dist/: a bundle that
// reaches it requires that file instead of holding a copy. `typescript` is the compiler (about
// 9 MB): only the analyzer's TS/JS front end needs it.
const LAZY = {
  'src/cli/analyze.ts': 'cli-analyze.js',
  'src/cli/ckpt.ts': 'cli-ckpt.js',
  'src/cli/demo.ts': 'cli-demo.js',
  'src/cli/diff.ts': 'cli-diff.js',
  'src/cli/run.ts': 'cli-run.js',
  'src/server/main.ts': 'server.js',
  'src/server/node-server.ts': 'language-server.js',
};
const TYPESCRIPT = 'typescript.js';

/** Makes the LAZY modules (other than the bundle's own entry) and `typescript` external. */
function lazyModules(entry) {
  return {
    name: 'lazy-modules',
    setup(build) {
      build.onResolve({ filter: /^typescript$/ }, () => ({
        path: `./${TYPESCRIPT}`,
        external: true,
      }));
      build.onResolve({ filter: /^\.\.?\// }, (args) => {
        const base = path.relative('.', path.resolve(args.resolveDir, args.path));
        for (const candidate of [base, `${base}.ts`, path.join(base, 'index.ts')]) {
          const file = candidate.split(path.sep).join('/');
          if (LAZY[file] && file !== entry) return { path: `./${LAZY[file]}`, external: true };
        }
        return undefined;
      });
    },
  };
}

/** A bundle of `entry` into dist/`file`, with the LAZY modules and `typescript` external. */
function split(entry, file, options = {}) {
  return {
    ...common,
    entryPoints: [entry],
    outfile: `dist/${file}`,
    external: optional,
    ignoreAnnotations: true,
    plugins: [lazyModules(entry)],
    ...options,
  };
}

const builds = [
  {
    ...common,
    entryPoints: ['src/index.ts'],
    outfile: 'dist/index.js',
    external: optional,
    // tfjs-backend-cpu's package.json marks its Node entry free of side effects, but importing it
    // is what registers the CPU backend: without this, esbuild drops that import.
    ignoreAnnotations: true,
  },
  split('src/cli/main.ts', 'cli.js'),
  ...Object.entries(LAZY).map(([entry, file]) => split(entry, file)),
  // The compiler as published (one CommonJS file that needs only Node's built-ins), without its
  // source map.
  {
    ...common,
    entryPoints: [require.resolve('typescript')],
    outfile: `dist/${TYPESCRIPT}`,
    sourcemap: false,
  },
  // The worker is its own entry: the runner starts it as `worker.js` next to itself. Everything
  // is bundled: the extension ships dist/ without node_modules. Pyodide's runtime files are not
  // JavaScript modules; they are copied to dist/pyodide (paths.ts finds them there). The script
  // host imports the compiler (dist/typescript.js) when it first runs a TS/JS program.
  split('src/runtime/worker.ts', 'worker.js'),
  // The extension bundles the language client; the runner is imported lazily (only a run needs it)
  // and is small: the heavy parts live in the worker.
  {
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    // paths.ts (shared with the worker) names Pyodide's package for a checkout; never reached here.
    external: ['vscode', 'pyodide/package.json'],
  },
];

// The browser bundles. A web worker has no Node, so nothing may import a Node built-in: `node:path`
// and `node:url` (file paths over workspace URIs) are the project's POSIX versions in
// src/web-shims, `typescript` is a module that loads dist/typescript.js on first use, and any
// other built-in fails the build (esbuild cannot resolve it for the browser). The metafiles let
// a test check the bundles' inputs (test/package/web-bundles.test.ts).
const WEB_ALIASES = {
  'node:path': './src/web-shims/path.ts',
  path: './src/web-shims/path.ts',
  'node:url': './src/web-shims/url.ts',
};
const webTypeScript = {
  name: 'web-typescript',
  setup(build) {
    build.onResolve({ filter: /^typescript$/ }, () => ({
      path: path.resolve('src/web-shims/typescript.ts'),
    }));
  },
};
const web = {
  bundle: true,
  platform: 'browser',
  target: 'es2022',
  sourcemap: true,
  logLevel: 'warning',
  // As `common`: a quarter less for the browser to fetch and compile.
  minifyWhitespace: true,
  alias: WEB_ALIASES,
  metafile: true,
  plugins: [webTypeScript],
};
const webBuilds = [
  {
    ...web,
    entryPoints: ['src/extension/web.ts'],
    outfile: 'dist/web/extension.js',
    format: 'cjs',
    external: ['vscode'],
  },
  {
    ...web,
    entryPoints: ['src/server/web-server.ts'],
    outfile: 'dist/web/server.js',
    format: 'iife',
  },
  {
    ...web,
    entryPoints: ['src/runtime/web-worker.ts'],
    outfile: 'dist/web/run-worker.js',
    format: 'iife',
    // As for dist/index.js: importing tfjs-backend-cpu is what registers the backend.
    ignoreAnnotations: true,
  },
];

/** dist/python ← src/runtime/python (no bytecode caches). */
function copyPython() {
  fs.rmSync('dist/python', { recursive: true, force: true });
  if (!fs.existsSync('src/runtime/python')) return;
  fs.cpSync('src/runtime/python', 'dist/python', {
    recursive: true,
    filter: (src) => !/(^|[\\/])__pycache__$|\.pyc$/.test(src),
  });
}

/**
 * dist/python's modules compiled to bytecode (`__pycache__/*.cpython-3XX.pyc`) by the Pyodide
 * the runtime ships, so a cold run imports `tensorflow` without compiling its 28k lines first
 * (about 400 ms of a cold `scope-lens run` on a development machine). The files are
 * "checked-hash" pycs: Python reuses one only while the hash of its source in the header matches
 * the .py beside it, so an edited or replaced source is compiled again, never run stale; and,
 * holding no timestamps, they come out the same on every build. The runtime never writes
 * bytecode itself (PYTHONDONTWRITEBYTECODE). The browser's worker gets the sources alone
 * (python.json): the bytecode would add 1.8 MB (0.7 MB compressed) to the 14 MB it fetches on
 * its first run, which has not been weighed against the compiling it would save there.
 */
async function compilePython() {
  if (!fs.existsSync('dist/python')) return;
  const { loadPyodide } = require('pyodide');
  const py = await loadPyodide({ stdout: () => undefined, stderr: (s) => console.error(s) });
  py.FS.mkdirTree('/build/python');
  py.FS.mount(py.FS.filesystems.NODEFS, { root: path.resolve('dist/python') }, '/build/python');
  py.runPython(
    [
      'import compileall, py_compile',
      "if not compileall.compile_dir('/build/python', quiet=1,",
      '        invalidation_mode=py_compile.PycInvalidationMode.CHECKED_HASH):',
      "    raise RuntimeError('scope-lens build: a module of dist/python does not compile')",
    ].join('\n'),
  );
}

/**
 * dist/web/python.json ← the same packages as one JSON object (path → source), which the web
 * extension fetches and hands to its run worker in one piece.
 */
function packPythonForWeb() {
  const files = {};
  const walk = (dir, rel) => {
    for (const e of fs
      .readdirSync(dir, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.name.endsWith('.py')) files[r] = fs.readFileSync(path.join(dir, e.name), 'utf8');
    }
  };
  walk('dist/python', '');
  fs.mkdirSync('dist/web', { recursive: true });
  fs.writeFileSync('dist/web/python.json', JSON.stringify(files));
  // The browser imports Pyodide's loader from a blob (the Node worker bundles it).
  fs.copyFileSync(
    path.join(path.dirname(require.resolve('pyodide/package.json')), 'pyodide.mjs'),
    'dist/web/pyodide.mjs',
  );
}

/** dist/pyodide ← Pyodide's runtime files (the loader itself is bundled into the worker). */
function copyPyodide() {
  const from = path.dirname(require.resolve('pyodide/package.json'));
  fs.mkdirSync('dist/pyodide', { recursive: true });
  for (const f of PYODIDE_RUNTIME_FILES) {
    const src = path.join(from, f);
    const dest = path.join('dist/pyodide', f);
    const s = fs.statSync(src);
    const d = fs.statSync(dest, { throwIfNoEntry: false });
    if (!d || d.size !== s.size || d.mtimeMs < s.mtimeMs) fs.copyFileSync(src, dest);
  }
}

copyPython();
packPythonForWeb();
copyPyodide();
await compilePython();
// The analyzer embeds the Python layer libraries (src/analyzer/library/sources.generated.ts).
await import('./gen-analyzer-library.mjs').then(async (m) => {
  const text = await m.generate();
  const out = 'src/analyzer/library/sources.generated.ts';
  if (!fs.existsSync(out) || fs.readFileSync(out, 'utf8') !== text) fs.writeFileSync(out, text);
});
/**
 * dist/library-ir ← the IR of every module of the analyzer's embedded layer library, one JSON
 * file each (src/analyzer/library/prelowered.ts), read by the language server and `check`
 * instead of lowering the library on their first analysis. Made by the lowerer itself, bundled
 * here for the purpose, from the sources just generated.
 */
async function writeLibraryIR() {
  const built = await esbuild.build({
    entryPoints: ['src/analyzer/library/prelowered.ts'],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    write: false,
    logLevel: 'warning',
  });
  const mod = { exports: {} };
  new Function('module', 'exports', 'require', built.outputFiles[0].text)(
    mod,
    mod.exports,
    require,
  );
  fs.rmSync('dist/library-ir', { recursive: true, force: true });
  fs.mkdirSync('dist/library-ir', { recursive: true });
  for (const [name, json] of mod.exports.encodeLibrary())
    fs.writeFileSync(path.join('dist/library-ir', `${name}.json`), json);
}

await writeLibraryIR();
if (watch) {
  for (const b of [...builds, ...webBuilds]) (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
  const results = await Promise.all(webBuilds.map((b) => esbuild.build(b)));
  results.forEach((r, i) =>
    fs.writeFileSync(
      webBuilds[i].outfile.replace(/\.js$/, '.meta.json'),
      JSON.stringify(r.metafile),
    ),
  );
}
