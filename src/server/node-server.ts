/**
 * The language server under Node: `node dist/server.js --stdio` and `scope-lens lsp --stdio`
 * (src/server/main.ts requires this module). The transport comes from argv, as
 * vscode-languageserver reads it; files are the disk's (node-platform.ts).
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { nodePlatform } from './node-platform';
import { ScopeLensServer } from './server';
import { usePreloweredBeside } from '../library-ir';

export const LSP_USAGE = `Usage: scope-lens lsp --stdio
  Start the Scope Lens language server, speaking LSP over stdin/stdout (--node-ipc,
  --socket=PORT and --pipe=NAME work too). Editors start it; see the README for Neovim.
`;

const TRANSPORTS = /^--(stdio|node-ipc|socket|pipe)(=|$)/;

/** Starts the server on the transport argv names; returns 2 (usage) when it names none. */
export function runLanguageServer(argv: readonly string[], stderr = process.stderr): number {
  if (!argv.some((a) => TRANSPORTS.test(a))) {
    stderr.write(LSP_USAGE);
    return 2;
  }
  const connection = createConnection(ProposedFeatures.all);
  // A bug in one handler or timer is reported, not fatal: the editor keeps its server.
  const report = (e: unknown) => {
    try {
      connection.console.error(`Scope Lens: ${e instanceof Error ? e.stack : String(e)}`);
    } catch {
      // The connection is gone: nothing to report to.
    }
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
  // The layer libraries' IR from the build, beside this bundle (none beside tsc's out/).
  usePreloweredBeside(__dirname);
  new ScopeLensServer(connection, nodePlatform());
  connection.listen();
  return 0;
}
