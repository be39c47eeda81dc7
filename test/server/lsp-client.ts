/**
 * A minimal LSP client for the server tests and the benchmark: spawns the built server
 * (`node dist/server.js --stdio`, or any command line) and speaks JSON-RPC over its stdio with
 * Content-Length framing. Server-to-client requests are answered (settings from `settings`,
 * everything else `null`); notifications are recorded in arrival order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type {
  Diagnostic,
  InitializeResult,
  PublishDiagnosticsParams,
  TextDocumentContentChangeEvent,
} from 'vscode-languageserver/node';
import { projectRoot } from '../support';

export interface Notification {
  readonly method: string;
  readonly params: unknown;
}

interface Waiter {
  readonly predicate: (n: Notification) => boolean;
  readonly resolve: (n: Notification) => void;
}

export interface StartOptions {
  /** Workspace folder (a path). */
  readonly root?: string;
  /** The `scopeLens` settings section. */
  readonly settings?: Record<string, unknown>;
  readonly debounceMs?: number;
  /** The command line; default `node dist/server.js --stdio`. */
  readonly command?: readonly string[];
  /** Send `workspace.configuration: true` (default true). */
  readonly configuration?: boolean;
}

export const SERVER = path.join(projectRoot(), 'dist', 'server.js');

export function fileUri(p: string): string {
  return pathToFileURL(p).href;
}

export class LspClient {
  readonly notifications: Notification[] = [];
  readonly serverRequests: Notification[] = [];
  settings: Record<string, unknown>;
  stderr = '';
  initializeResult: InitializeResult | undefined;
  readonly exited: Promise<number | null>;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<
    number,
    { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string }
  >();
  private waiters: Waiter[] = [];
  private readonly versions = new Map<string, number>();

  private constructor(
    readonly proc: ChildProcess,
    settings: Record<string, unknown>,
  ) {
    this.settings = settings;
    proc.stdout?.on('data', (chunk: Buffer) => this.receive(chunk));
    proc.stderr?.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    this.exited = new Promise((resolve) => proc.on('exit', (code) => resolve(code)));
    void this.exited.then(() => {
      for (const p of this.pending.values())
        p.reject(new Error(`server exited during ${p.method}; stderr:\n${this.stderr}`));
      this.pending.clear();
    });
  }

  static async start(options: StartOptions = {}): Promise<LspClient> {
    const [cmd, ...args] = options.command ?? [process.execPath, SERVER, '--stdio'];
    const proc = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const client = new LspClient(proc, options.settings ?? {});
    const root = options.root;
    client.initializeResult = await client.request<InitializeResult>('initialize', {
      processId: process.pid,
      rootUri: root ? fileUri(root) : null,
      workspaceFolders: root ? [{ uri: fileUri(root), name: path.basename(root) }] : null,
      initializationOptions: { debounceMs: options.debounceMs ?? 0 },
      capabilities: {
        workspace: {
          configuration: options.configuration ?? true,
          didChangeConfiguration: { dynamicRegistration: true },
          inlayHint: { refreshSupport: true },
          workspaceFolders: true,
        },
        textDocument: {
          publishDiagnostics: {
            relatedInformation: true,
            versionSupport: true,
            codeDescriptionSupport: true,
          },
          hover: { contentFormat: ['markdown', 'plaintext'] },
          codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } } },
          documentSymbol: { hierarchicalDocumentSymbolSupport: true },
        },
      },
    });
    client.notify('initialized', {});
    return client;
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const header = this.buffer.subarray(0, headerEnd).toString('ascii');
      const m = /Content-Length: *(\d+)/i.exec(header);
      if (!m) throw new Error(`bad header: ${header}`);
      const length = Number(m[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body));
    }
  }

  private dispatch(msg: {
    id?: number | string;
    method?: string;
    params?: unknown;
    result?: unknown;
    error?: { message: string };
  }): void {
    if (msg.method !== undefined && msg.id !== undefined) {
      this.serverRequests.push({ method: msg.method, params: msg.params });
      let result: unknown = null;
      if (msg.method === 'workspace/configuration') {
        const items = (msg.params as { items: { section?: string }[] }).items;
        result = items.map((i) => (i.section === 'scopeLens' ? this.settings : null));
      }
      this.write({ jsonrpc: '2.0', id: msg.id, result });
      return;
    }
    if (msg.method !== undefined) {
      const n = { method: msg.method, params: msg.params };
      this.notifications.push(n);
      this.waiters = this.waiters.filter((w) => {
        if (!w.predicate(n)) return true;
        w.resolve(n);
        return false;
      });
      return;
    }
    const p = this.pending.get(Number(msg.id));
    if (!p) return;
    this.pending.delete(Number(msg.id));
    if (msg.error) p.reject(new Error(`${p.method}: ${msg.error.message}`));
    else p.resolve(msg.result);
  }

  private write(msg: unknown): void {
    const body = Buffer.from(JSON.stringify(msg), 'utf8');
    this.proc.stdin?.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.proc.stdin?.write(body);
  }

  request<T = unknown>(method: string, params: unknown, timeoutMs = 30000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`no answer to ${method} in ${timeoutMs} ms; stderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
        method,
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /** The first notification (already received or arriving) that satisfies `predicate`. */
  waitFor(
    predicate: (n: Notification) => boolean,
    timeoutMs = 30000,
    since = 0,
  ): Promise<Notification> {
    const seen = this.notifications.slice(since).find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for a notification; stderr:\n${this.stderr}`));
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (n) => {
          clearTimeout(timer);
          resolve(n);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Every publishDiagnostics for the URI so far, in order. */
  published(uri: string): PublishDiagnosticsParams[] {
    return this.notifications
      .filter((n) => n.method === 'textDocument/publishDiagnostics')
      .map((n) => n.params as PublishDiagnosticsParams)
      .filter((p) => p.uri === uri);
  }

  /** Waits for the diagnostics of the URI's given version (default: its newest). */
  async diagnostics(uri: string, version = this.versions.get(uri)): Promise<Diagnostic[]> {
    const n = await this.waitFor(
      (n) =>
        n.method === 'textDocument/publishDiagnostics' &&
        (n.params as PublishDiagnosticsParams).uri === uri &&
        (version === undefined || (n.params as PublishDiagnosticsParams).version === version),
    );
    return (n.params as PublishDiagnosticsParams).diagnostics;
  }

  open(uri: string, text: string, languageId = languageIdOf(uri), version = 1): void {
    this.versions.set(uri, version);
    this.notify('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
  }

  /** Replaces the whole text (or applies the given changes); returns the new version. */
  change(uri: string, change: string | TextDocumentContentChangeEvent[]): number {
    const version = (this.versions.get(uri) ?? 0) + 1;
    this.versions.set(uri, version);
    this.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: typeof change === 'string' ? [{ text: change }] : change,
    });
    return version;
  }

  close(uri: string): void {
    this.versions.delete(uri);
    this.notify('textDocument/didClose', { textDocument: { uri } });
  }

  version(uri: string): number | undefined {
    return this.versions.get(uri);
  }

  /** shutdown, exit; resolves to the exit code. */
  async shutdown(): Promise<number | null> {
    if (this.proc.exitCode !== null) return this.proc.exitCode;
    await this.request('shutdown', null);
    this.notify('exit', null);
    return this.exited;
  }

  kill(): void {
    if (this.proc.exitCode === null && this.proc.signalCode === null) this.proc.kill();
  }
}

export function languageIdOf(uri: string): string {
  if (/\.py$/.test(uri)) return 'python';
  if (/\.tsx?$/.test(uri)) return 'typescript';
  if (/\.(m|c)?jsx?$/.test(uri)) return 'javascript';
  return 'plaintext';
}
