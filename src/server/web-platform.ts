/**
 * The language server's platform in a browser's web worker: no disk, so files are asked of the
 * client, which reads them with `vscode.workspace.fs` (github.dev's and vscode.dev's virtual
 * file systems included). Imports the analyzer asks for synchronously are answered from a cache;
 * a miss starts the request and, once answers are in, the documents are analysed again
 * (platform.ts). Nothing here imports Node.
 */
import type { Connection } from 'vscode-languageserver';
import { pathToUri } from './convert';
import type { FileKind, ServerFiles, ServerPlatform } from './platform';
import { FetchedCheckpoints } from './web-checkpoints';
import {
  FS_READ_BYTES_REQUEST,
  FS_READ_DIRECTORY_REQUEST,
  FS_READ_FILE_REQUEST,
  FS_STAT_REQUEST,
  TYPESCRIPT_URL_NOTIFICATION,
  type FsReadDirectoryResult,
  type TypeScriptUrlParams,
  type FsReadFileResult,
  type FsStatResult,
} from './protocol';

const KINDS: Record<number, FileKind> = { 1: 'file', 2: 'directory' };

/** Where src/web-shims/typescript.ts finds the compiler when the first TS/JS document comes. */
function setCompilerUrl(url: unknown): void {
  if (typeof url === 'string')
    (globalThis as { scopeLensTypeScriptUrl?: string }).scopeLensTypeScriptUrl = url;
}

export function webPlatform(connection: Connection): ServerPlatform {
  connection.onNotification(TYPESCRIPT_URL_NOTIFICATION, (params: TypeScriptUrlParams) =>
    setCompilerUrl(params?.url),
  );
  /** An import's text, or null when it is absent or unreadable. */
  const cache = new Map<string, string | null>();
  const pending = new Set<string>();
  const arrived: string[] = [];
  const listeners: Array<(paths: readonly string[]) => void> = [];
  let flush: ReturnType<typeof setTimeout> | undefined;

  const readText = async (path: string): Promise<string | undefined> => {
    try {
      const text = (await connection.sendRequest(FS_READ_FILE_REQUEST, {
        uri: pathToUri(path),
      })) as FsReadFileResult;
      return typeof text === 'string' ? text : undefined;
    } catch {
      return undefined;
    }
  };

  const fetchImport = (path: string, maxBytes: number): void => {
    pending.add(path);
    void readText(path).then((text) => {
      pending.delete(path);
      cache.set(path, text !== undefined && text.length <= maxBytes ? text : null);
      arrived.push(path);
      // Answers that come together re-run the analyses once.
      flush ??= setTimeout(() => {
        flush = undefined;
        const paths = arrived.splice(0);
        for (const l of listeners) l(paths);
      }, 0);
    });
  };

  const files: ServerFiles = {
    readImport(path, maxBytes) {
      const hit = cache.get(path);
      if (hit !== undefined) return hit ?? undefined;
      if (!pending.has(path)) fetchImport(path, maxBytes);
      return undefined;
    },
    onFilesArrived(listener) {
      listeners.push(listener);
    },
    invalidate(path) {
      cache.delete(path);
    },
    async stat(path) {
      try {
        const s = (await connection.sendRequest(FS_STAT_REQUEST, {
          uri: pathToUri(path),
        })) as FsStatResult;
        return s ? { kind: KINDS[s.kind] ?? 'other', mtimeMs: s.mtime, size: s.size } : undefined;
      } catch {
        return undefined;
      }
    },
    async readDirectory(path) {
      try {
        const entries = (await connection.sendRequest(FS_READ_DIRECTORY_REQUEST, {
          uri: pathToUri(path),
        })) as FsReadDirectoryResult;
        return entries
          ? entries.map(([name, kind]): [string, FileKind] => [name, KINDS[kind] ?? 'other'])
          : undefined;
      } catch {
        return undefined;
      }
    },
    readText,
  };
  const readBytes = async (path: string): Promise<Uint8Array | undefined> => {
    try {
      const base64 = (await connection.sendRequest(FS_READ_BYTES_REQUEST, {
        uri: pathToUri(path),
      })) as FsReadFileResult;
      if (typeof base64 !== 'string') return undefined;
      const binary = atob(base64);
      const bytes = new Uint8Array(binary.length);
      for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
      return bytes;
    } catch {
      return undefined;
    }
  };

  return {
    files,
    checkpoints: new FetchedCheckpoints({ ...files, readBytes }),
    virtual: true,
    initialize(options) {
      setCompilerUrl(options.typescriptUrl);
    },
    cwd: '/',
    memoryUsage() {
      const memory = (
        performance as { memory?: { usedJSHeapSize: number; totalJSHeapSize: number } }
      ).memory;
      return {
        rss: 0,
        heapUsed: memory?.usedJSHeapSize ?? 0,
        heapTotal: memory?.totalJSHeapSize ?? 0,
      };
    },
  };
}
