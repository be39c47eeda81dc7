/**
 * The language server's platform under Node: the disk, the checkpoint reader, the process's
 * memory figures. The only server module besides the Node entry that imports Node built-ins.
 */
import * as fs from 'node:fs';
import { openCheckpoint, resolveCheckpointPrefix } from '../checkpoint/node';
import type { FileKind, ServerPlatform } from './platform';

function kindOf(entry: { isFile(): boolean; isDirectory(): boolean }): FileKind {
  return entry.isFile() ? 'file' : entry.isDirectory() ? 'directory' : 'other';
}

export function nodePlatform(): ServerPlatform {
  return {
    files: {
      readImport(path, maxBytes) {
        try {
          const stat = fs.statSync(path);
          if (!stat.isFile() || stat.size > maxBytes) return undefined;
          return fs.readFileSync(path, 'utf8');
        } catch {
          return undefined;
        }
      },
      onFilesArrived() {
        // Reads never miss: nothing arrives later.
      },
      invalidate() {
        // Nothing is cached.
      },
      async stat(path) {
        try {
          const s = await fs.promises.stat(path);
          return { kind: kindOf(s), mtimeMs: s.mtimeMs, size: s.size };
        } catch {
          return undefined;
        }
      },
      async readDirectory(path) {
        try {
          const entries = await fs.promises.readdir(path, { withFileTypes: true });
          return entries.map((e): [string, FileKind] => [e.name, kindOf(e)]);
        } catch {
          return undefined;
        }
      },
      async readText(path) {
        try {
          return await fs.promises.readFile(path, 'utf8');
        } catch {
          return undefined;
        }
      },
    },
    checkpoints: {
      resolve: (wanted) => resolveCheckpointPrefix(wanted),
      version: (prefix) => fs.statSync(`${prefix}.index`).mtimeMs,
      list: (prefix) =>
        openCheckpoint(prefix)
          .list()
          .map((v) => ({ name: v.name, dtype: v.dtype, shape: [...v.shape] })),
    },
    virtual: false,
    cwd: process.cwd(),
    memoryUsage() {
      const { rss, heapUsed, heapTotal } = process.memoryUsage();
      return { rss, heapUsed, heapTotal };
    },
  };
}
