/**
 * The extension's entry on the desktop (package.json `main`, dist/extension.js): the language
 * server is `node dist/server.js --stdio` in its own process, and programs run in the runtime's
 * worker thread (src/runtime/runner.ts, imported by the first run). The browser's entry is web.ts.
 */
import * as fs from 'node:fs';
import type * as vscode from 'vscode';
import { LanguageClient, TransportKind } from 'vscode-languageclient/node';
import { activateOn, deactivate, type ScopeLensApi } from './activate';
import { clientOptions, documentSelector } from './client';
import type { ExtensionPlatform } from './platform';

export type { ScopeLensApi };
export { deactivate };

/**
 * The server module is `dist/server.js` in the extension's folder. `SCOPE_LENS_SERVER_MODULE` in
 * the extension host's environment points at another one (a development build of the server, or
 * the editor tests' stand-in when the server is not built).
 */
const serverModule = (context: vscode.ExtensionContext) =>
  process.env.SCOPE_LENS_SERVER_MODULE || context.asAbsolutePath('dist/server.js');

const desktop: ExtensionPlatform = {
  serverModule,
  languageClient(context) {
    const module = serverModule(context);
    if (!fs.existsSync(module))
      return {
        missing: `The Scope Lens language server is not installed with this extension (${module} is missing).`,
      };
    const client = new LanguageClient(
      'scopeLens',
      'Scope Lens Language Server',
      {
        run: { module, transport: TransportKind.stdio },
        debug: {
          module,
          transport: TransportKind.stdio,
          options: { execArgv: ['--nolazy', '--inspect=6011'] },
        },
      },
      clientOptions(documentSelector(['file', 'untitled'])),
    );
    return { client };
  },
  async createRunner() {
    const { Runner } = await import('../runtime/runner');
    return new Runner();
  },
};

export function activate(context: vscode.ExtensionContext): ScopeLensApi {
  return activateOn(context, desktop);
}
