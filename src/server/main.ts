/**
 * The language server's entry, bundled to dist/server.js: `node dist/server.js --stdio`. The
 * CLI's `scope-lens lsp --stdio` requires the same bundle and calls `runLanguageServer`, so the
 * server is loaded only by the command that starts it.
 */
import { runLanguageServer } from './server';

export { runLanguageServer };

if (require.main === module) process.exitCode = runLanguageServer(process.argv.slice(2));
