/**
 * The language server in a browser's web worker (the web extension, dist/web/server.js): the
 * same server as under Node (server.ts) over the worker's messages, reading files through the
 * client (web-platform.ts). The client creates the worker (src/extension/web.ts).
 */
import {
  BrowserMessageReader,
  BrowserMessageWriter,
  createConnection,
} from 'vscode-languageserver/browser';
import { ScopeLensServer } from './server';
import { webPlatform } from './web-platform';

/** The worker's global scope, as far as the message reader and writer need it. */
const scope = globalThis as unknown as ConstructorParameters<typeof BrowserMessageReader>[0];
const connection = createConnection(
  new BrowserMessageReader(scope),
  new BrowserMessageWriter(scope),
);
// A bug in one handler is reported, not fatal: the editor keeps its server.
const events = globalThis as unknown as {
  addEventListener?: (type: string, listener: (e: { reason?: unknown }) => void) => void;
};
events.addEventListener?.('unhandledrejection', (e) => {
  const reason = e.reason;
  connection.console.error(
    `Scope Lens: ${reason instanceof Error ? reason.stack : String(reason)}`,
  );
});
new ScopeLensServer(connection, webPlatform(connection));
connection.listen();
