/**
 * The extension's entry in a browser (package.json `browser`, dist/web/extension.js): vscode.dev,
 * github.dev and other web-worker extension hosts, where there is no Node, no file system and no
 * child process. The language server runs in a web worker (dist/web/server.js, built from
 * src/server/web-server.ts) and reads the workspace's files through this client, which answers
 * from `vscode.workspace.fs` (virtual file systems included). Nothing here imports Node.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import {
  FS_READ_DIRECTORY_REQUEST,
  FS_READ_FILE_REQUEST,
  FS_STAT_REQUEST,
  type FsParams,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStatResult,
} from '../server/protocol';
import { activateOn, deactivate, type ScopeLensApi } from './activate';
import { clientOptions, documentSelector } from './client';
import type { ExtensionPlatform } from './platform';

/** The browser's worker constructor (this project compiles without the DOM's types). */
type ServerWorker = ConstructorParameters<typeof LanguageClient>[3];
declare const Worker: new (url: string) => ServerWorker;

export type { ScopeLensApi };
export { deactivate };

export const RUN_UNAVAILABLE_IN_BROWSER =
  'Scope Lens: Run File and Run Selection are not available in the browser yet. Analysis (diagnostics, hovers, the Variables view) works here; run programs in desktop VS Code.';

/** VS Code's `FileType` as the protocol's kind (the symbolic-link bit dropped). */
function kindOf(type: vscode.FileType): 0 | 1 | 2 {
  const t = type & ~vscode.FileType.SymbolicLink;
  return t === vscode.FileType.File ? 1 : t === vscode.FileType.Directory ? 2 : 0;
}

/** Answers the server's file requests from the workspace's file system. */
function serveFiles(client: LanguageClient): void {
  const decoder = new TextDecoder();
  client.onRequest(FS_READ_FILE_REQUEST, async ({ uri }: FsParams): Promise<FsReadFileResult> => {
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
    } catch {
      return null;
    }
  });
  client.onRequest(FS_STAT_REQUEST, async ({ uri }: FsParams): Promise<FsStatResult> => {
    try {
      const s = await vscode.workspace.fs.stat(vscode.Uri.parse(uri));
      return { kind: kindOf(s.type), mtime: s.mtime, size: s.size };
    } catch {
      return null;
    }
  });
  client.onRequest(
    FS_READ_DIRECTORY_REQUEST,
    async ({ uri }: FsParams): Promise<FsReadDirectoryResult> => {
      try {
        const entries = await vscode.workspace.fs.readDirectory(vscode.Uri.parse(uri));
        return entries.map(([name, type]): [string, 0 | 1 | 2] => [name, kindOf(type)]);
      } catch {
        return null;
      }
    },
  );
}

const browser: ExtensionPlatform = {
  languageClient(context) {
    const module = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
    let worker: ServerWorker;
    try {
      worker = new Worker(module.toString(true));
    } catch (e) {
      return {
        serverModule: module.toString(),
        missing: `The Scope Lens language server could not start in this browser: ${String(e)}`,
      };
    }
    const client = new LanguageClient(
      'scopeLens',
      'Scope Lens Language Server',
      clientOptions(documentSelector('any'), {
        typescriptUrl: vscode.Uri.joinPath(context.extensionUri, 'dist', 'typescript.js').toString(
          true,
        ),
      }),
      worker,
    );
    serveFiles(client);
    return { client, serverModule: module.toString() };
  },
  createRunner: undefined,
  runUnavailable: RUN_UNAVAILABLE_IN_BROWSER,
};

export function activate(context: vscode.ExtensionContext): ScopeLensApi {
  return activateOn(context, browser);
}
