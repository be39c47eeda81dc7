/**
 * The language server's entry, bundled to dist/server.js: `node dist/server.js --stdio`. The
 * CLI's `scope-lens lsp --stdio` calls the same `runLanguageServer`.
 */
import { runLanguageServer } from './server';

process.exitCode = runLanguageServer(process.argv.slice(2));
