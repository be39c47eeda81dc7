/**
 * The extension's entry in a browser (package.json `browser`, dist/web/extension.js): vscode.dev,
 * github.dev and other web-worker extension hosts, where there is no Node, no file system and no
 * child process. The language server runs in a web worker (dist/web/server.js, built from
 * src/server/web-server.ts) and reads the workspace's files through this client, which answers
 * from `vscode.workspace.fs` (virtual file systems included). Nothing here imports Node.
 *
 * Workers load the extension's files by URL over http(s) (vscode.dev, github.dev, the web test
 * host); code-server serves them as `vscode-remote://`, which a worker cannot load, so there the
 * server's script and the TypeScript compiler are fetched (the host's `fetch` knows the scheme)
 * and handed over as blob URLs, the compiler only when the first TS/JS document opens.
 *
 * Run File and Run Selection run Python programs in another web worker (web-runner.ts), which
 * gets Pyodide's files from here on the first run and the workspace's files before each run.
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import {
  FS_READ_BYTES_REQUEST,
  FS_READ_DIRECTORY_REQUEST,
  FS_READ_FILE_REQUEST,
  FS_STAT_REQUEST,
  TYPESCRIPT_URL_NOTIFICATION,
  type FsParams,
  type FsReadDirectoryResult,
  type FsReadFileResult,
  type FsStatResult,
  type TypeScriptUrlParams,
} from '../server/protocol';
import { activateOn, deactivate, type ScopeLensApi } from './activate';
import { clientOptions, documentSelector } from './client';
import type { ExtensionPlatform, ServerStart } from './platform';
import { WebRunner, type WebRunnerSources } from './web-runner';

/** The browser's worker constructor (this project compiles without the DOM's types). */
type ServerWorker = ConstructorParameters<typeof LanguageClient>[3];
declare const Worker: new (url: string) => ServerWorker;

export type { ScopeLensApi };
export { deactivate };

export const BROWSER_RUN_NOTE =
  'Scope Lens runs Python programs here in a web worker: a program sees the files of the workspace (a copy in memory, not a disk), and what it writes or deletes there is saved to the workspace when it ends. TypeScript and JavaScript programs run in desktop VS Code.';

export const SCRIPTS_UNAVAILABLE_IN_BROWSER =
  'Scope Lens: in the browser, Run File and Run Selection run Python programs; run TypeScript and JavaScript programs in desktop VS Code.';

/** VS Code's `FileType` as the protocol's kind (the symbolic-link bit dropped). */
function kindOf(type: vscode.FileType): 0 | 1 | 2 {
  const t = type & ~vscode.FileType.SymbolicLink;
  return t === vscode.FileType.File ? 1 : t === vscode.FileType.Directory ? 2 : 0;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
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
  client.onRequest(FS_READ_BYTES_REQUEST, async ({ uri }: FsParams): Promise<FsReadFileResult> => {
    try {
      return toBase64(await vscode.workspace.fs.readFile(vscode.Uri.parse(uri)));
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

const serverUri = (context: vscode.ExtensionContext) =>
  vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
const compilerUri = (context: vscode.ExtensionContext) =>
  vscode.Uri.joinPath(context.extensionUri, 'dist', 'typescript.js');

/** Over http(s) (vscode.dev, github.dev, @vscode/test-web) workers load the extension's files. */
function isWebUrl(uri: vscode.Uri): boolean {
  return uri.scheme === 'http' || uri.scheme === 'https';
}

/**
 * A URL a worker can load `uri` from: the URL itself over http(s); else (code-server's
 * `vscode-remote://`, which a worker cannot load) the file fetched with the host's `fetch`,
 * which knows that scheme, as a blob URL.
 */
async function scriptUrl(uri: vscode.Uri): Promise<string> {
  if (isWebUrl(uri)) return uri.toString(true);
  const text = await fetched(uri, (r) => r.text());
  return URL.createObjectURL(new Blob([text], { type: 'text/javascript' }));
}

const TS_LANGUAGES = new Set(['typescript', 'typescriptreact', 'javascript', 'javascriptreact']);

async function startClient(context: vscode.ExtensionContext): Promise<ServerStart> {
  let worker: ServerWorker;
  try {
    worker = new Worker(await scriptUrl(serverUri(context)));
  } catch (e) {
    return {
      missing: `The Scope Lens language server could not start in this browser: ${String(e)}`,
    };
  }
  const compiler = compilerUri(context);
  const options = clientOptions(
    documentSelector('any'),
    isWebUrl(compiler) ? { typescriptUrl: compiler.toString(true) } : undefined,
  );
  // Elsewhere the compiler's URL is a blob made when the first TS/JS document opens, and sent
  // before that document (messages keep their order), so Python-only sessions never fetch it.
  let compilerSent: Promise<void> | undefined;
  const client: LanguageClient = new LanguageClient(
    'scopeLens',
    'Scope Lens Language Server',
    {
      ...options,
      middleware: {
        ...options.middleware,
        async didOpen(document, next) {
          if (!isWebUrl(compiler) && TS_LANGUAGES.has(document.languageId)) {
            compilerSent ??= scriptUrl(compiler).then(
              (url) =>
                client.sendNotification(TYPESCRIPT_URL_NOTIFICATION, {
                  url,
                } satisfies TypeScriptUrlParams),
              (e: unknown) => client.warn(`Scope Lens: cannot load the TypeScript compiler: ${e}`),
            );
            await compilerSent;
          }
          return next(document);
        },
      },
    },
    worker,
  );
  serveFiles(client);
  return { client };
}

/** How long one fetch of the runtime's files may take before it is tried again. */
const FETCH_TIMEOUT_MS = 60_000;
const FETCH_TRIES = 3;

/**
 * One of the extension's files, read whole. A fetch that stalls (a busy or reconnecting
 * server) is aborted after FETCH_TIMEOUT_MS and tried again, up to FETCH_TRIES times, so a
 * first run reports an error instead of waiting forever.
 */
async function fetched<T>(uri: vscode.Uri, read: (r: Response) => Promise<T>): Promise<T> {
  const url = uri.toString(true);
  let last: unknown;
  for (let attempt = 1; attempt <= FETCH_TRIES; attempt++) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), FETCH_TIMEOUT_MS);
    try {
      const response = await fetch(url, { signal: controller.signal });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      // The body is read under the same timer: it can stall too.
      return await read(response);
    } catch (error) {
      last = controller.signal.aborted
        ? new Error(`${url}: no answer within ${FETCH_TIMEOUT_MS / 1000} s`)
        : error;
    } finally {
      clearTimeout(timer);
    }
  }
  throw last instanceof Error ? last : new Error(String(last));
}

/**
 * The run worker's sources: its script, Pyodide's files and the Python packages (about 14 MB,
 * fetched on the first run only).
 */
async function runnerSources(context: vscode.ExtensionContext): Promise<WebRunnerSources> {
  const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
  const file = (...p: string[]) => vscode.Uri.joinPath(dist, ...p);
  const text = (...p: string[]) => fetched(file(...p), (r) => r.text());
  const bytes = (...p: string[]) => fetched(file(...p), (r) => r.arrayBuffer());
  const [workerUrl, loader, asm, wasm, stdlib, lock, python] = await Promise.all([
    scriptUrl(file('web', 'run-worker.js')),
    text('web', 'pyodide.mjs'),
    text('pyodide', 'pyodide.asm.mjs'),
    bytes('pyodide', 'pyodide.asm.wasm'),
    bytes('pyodide', 'python_stdlib.zip'),
    text('pyodide', 'pyodide-lock.json'),
    text('web', 'python.json'),
  ]);
  return {
    workerUrl,
    assets: {
      loader,
      asm,
      wasm,
      stdlib,
      lock,
      python: JSON.parse(python) as Record<string, string>,
    },
  };
}

function browserPlatform(context: vscode.ExtensionContext): ExtensionPlatform {
  return {
    serverModule: () => serverUri(context).toString(),
    languageClient: startClient,
    async createRunner() {
      return new WebRunner(await runnerSources(context));
    },
    runNote: BROWSER_RUN_NOTE,
    // Workspace files by their URIs' paths, as the language server names them.
    runFilename: (uri) => (uri.scheme === 'untitled' ? uri.toString() : uri.path),
    languageUnavailable: (language) =>
      language === 'python' ? undefined : SCRIPTS_UNAVAILABLE_IN_BROWSER,
  };
}

export function activate(context: vscode.ExtensionContext): ScopeLensApi {
  return activateOn(context, browserPlatform(context));
}
