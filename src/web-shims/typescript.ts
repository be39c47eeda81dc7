/**
 * The TypeScript compiler in the browser bundles (scripts/build.mjs resolves `typescript` here).
 * Under Node the analyzer requires dist/typescript.js on its first TS/JS file; a web worker has
 * no `require`, so this module loads the same file as a classic script, which defines the global
 * `ts`. esbuild evaluates it only when the analyzer's TypeScript front end is first required
 * (src/analyzer/front-ends.ts), so Python-only sessions never load the compiler. The file is the
 * desktop's copy (dist/typescript.js); the client says where it is (`typescriptUrl` in the
 * initialization options, see src/server/web-platform.ts): VS Code may start the worker from a
 * blob, so the worker's own location says nothing.
 */
const scope = globalThis as unknown as {
  ts?: unknown;
  importScripts?: (...urls: string[]) => void;
  scopeLensTypeScriptUrl?: string;
};
if (scope.ts === undefined) {
  if (!scope.importScripts || !scope.scopeLensTypeScriptUrl)
    throw new Error('TypeScript analysis needs the compiler URL and a worker that imports scripts');
  scope.importScripts(scope.scopeLensTypeScriptUrl);
}
module.exports = scope.ts;
