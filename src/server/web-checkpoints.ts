/**
 * Checkpoints for the language server in a browser: the files are the client's, read through it
 * (scopeLens/fs/*), and the comparison reads them synchronously, so `prepare` fetches what the
 * rules of src/checkpoint/resolve.ts ask for (a folder's listing, its `checkpoint` state file,
 * the `.index` file's bytes), then the synchronous calls answer from what was fetched. Only the
 * index is read: the listing of names, dtypes and shapes is all a comparison needs.
 */
import * as nodePath from 'node:path';
import { fail } from '../checkpoint/errors';
import { indexFilename } from '../checkpoint/naming';
import { CheckpointReader } from '../checkpoint/reader';
import { resolvePrefixWith, type CheckpointFileView } from '../checkpoint/resolve';
import type { CheckpointFiles, FileStat, ServerFiles } from './platform';

/** What the browser client can read: the platform's files and binary reads. */
export interface FetchFiles {
  stat: ServerFiles['stat'];
  readDirectory: ServerFiles['readDirectory'];
  readText: ServerFiles['readText'];
  readBytes(path: string): Promise<Uint8Array | undefined>;
}

type Need = { kind: 'stat' | 'dir' | 'text' | 'bytes'; path: string };

/** A file the rules asked for that has not been fetched. */
class NotFetched extends Error {
  constructor(readonly need: Need) {
    super(`${need.path} has not been read from the workspace yet`);
  }
}

/** How many files one checkpoint may need (a folder, its state file, the index, their stats). */
const MAX_FETCHES = 32;

const NO_SHARDS = {
  size: () => undefined,
  read: (): Uint8Array => {
    throw new Error('checkpoint values are not read in the browser');
  },
  name: (shard: number, n: number) => `data shard ${shard} of ${n}`,
};

export class FetchedCheckpoints implements CheckpointFiles {
  private readonly stats = new Map<string, FileStat | null>();
  private readonly dirs = new Map<string, string[] | null>();
  private readonly texts = new Map<string, string | null>();
  private readonly bytes = new Map<string, Uint8Array | null>();

  constructor(private readonly files: FetchFiles) {}

  private stat(p: string): FileStat | null {
    const s = this.stats.get(p);
    if (s === undefined) throw new NotFetched({ kind: 'stat', path: p });
    return s;
  }

  private readonly view: CheckpointFileView = {
    isFile: (p) => this.stat(p)?.kind === 'file',
    isDir: (p) => this.stat(p)?.kind === 'directory',
    readDir: (p) => {
      const d = this.dirs.get(p);
      if (d === undefined) throw new NotFetched({ kind: 'dir', path: p });
      if (d === null) throw new Error(`${p} cannot be listed`);
      return d;
    },
    readText: (p) => {
      const t = this.texts.get(p);
      if (t === undefined) throw new NotFetched({ kind: 'text', path: p });
      if (t === null) return fail('no-checkpoint', p, 'cannot be read');
      return t;
    },
    path: nodePath,
  };

  /** Forgets what was read of `path` (a changed file). */
  invalidate(path: string): void {
    for (const m of [this.stats, this.dirs, this.texts, this.bytes]) m.delete(path);
  }

  /** Reads what `wanted` needs; afterwards resolve, version and list answer without waiting. */
  async prepare(wanted: string): Promise<void> {
    for (let i = 0; i < MAX_FETCHES; i++) {
      try {
        const prefix = this.resolve(wanted);
        this.version(prefix);
        this.indexBytes(prefix);
        return;
      } catch (e) {
        if (!(e instanceof NotFetched)) return; // a real failure: the comparison reports it
        await this.fetch(e.need);
      }
    }
  }

  private async fetch({ kind, path }: Need): Promise<void> {
    switch (kind) {
      case 'stat':
        this.stats.set(path, (await this.files.stat(path)) ?? null);
        return;
      case 'dir': {
        const entries = await this.files.readDirectory(path);
        this.dirs.set(path, entries ? entries.map(([name]) => name) : null);
        return;
      }
      case 'text':
        this.texts.set(path, (await this.files.readText(path)) ?? null);
        return;
      case 'bytes':
        this.bytes.set(path, (await this.files.readBytes(path)) ?? null);
        return;
    }
  }

  private indexBytes(prefix: string): Uint8Array {
    const file = indexFilename(prefix);
    const b = this.bytes.get(file);
    if (b === undefined) throw new NotFetched({ kind: 'bytes', path: file });
    if (b === null) throw new Error(`${file} cannot be read`);
    return b;
  }

  resolve(wanted: string): string {
    return resolvePrefixWith(this.view, wanted);
  }

  version(prefix: string): number {
    const s = this.stat(indexFilename(prefix));
    if (!s) throw new Error(`${indexFilename(prefix)} does not exist`);
    return s.mtimeMs;
  }

  list(prefix: string): Array<{ name: string; dtype: string; shape: number[] }> {
    const reader = new CheckpointReader(this.indexBytes(prefix), prefix, NO_SHARDS);
    return reader.list().map((v) => ({ name: v.name, dtype: v.dtype, shape: [...v.shape] }));
  }
}
