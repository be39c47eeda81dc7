/**
 * The language server's entry, bundled to dist/server.js: `node dist/server.js --stdio`. The
 * CLI's `scope-lens lsp --stdio` requires the same bundle and calls `runLanguageServer`, so the
 * server is loaded only by the command that starts it.
 *
 * The entry is small: it turns on the V8 code cache (src/code-cache.ts) for the server itself
 * (dist/language-server.js, this module's `./server`) and for the TypeScript compiler, which the
 * server requires on its first TS/JS document, and then requires the server.
 */
import { useCodeCache } from '../code-cache';
import type * as Server from './node-server';

export function runLanguageServer(argv: readonly string[], stderr = process.stderr): number {
  useCodeCache(__dirname, ['language-server.js', 'typescript.js']);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('./node-server') as typeof Server).runLanguageServer(argv, stderr);
}

if (require.main === module) process.exitCode = runLanguageServer(process.argv.slice(2));
