/**
 * The language server's browser bundle (dist/web/server.js) in a stand-in for a web worker: a
 * fresh V8 context with only what a worker offers (no `require`, `process` or `module`),
 * `postMessage`/`onmessage` for LSP, and `importScripts` reading dist/ files by URL. The test is
 * the client: it answers the server's file requests from test/web/workspace, as the web client
 * does from `vscode.workspace.fs`. Checks that the bundle loads without Node, analyses Python
 * and (loading the compiler by `importScripts`) TypeScript, and follows imports through the
 * client. The same bundle runs in a real browser in test/editor/run-web.ts.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { projectRoot } from '../support';

const root = projectRoot(__dirname);
const BASE = 'http://localhost/ext/';
const WORKSPACE = path.join(root, 'test', 'web', 'workspace');
const MOUNT = 'vscode-test-web://mount';

interface Message {
  id?: number;
  method?: string;
  params?: unknown;
  result?: unknown;
}

class WorkerStandIn {
  private readonly context: vm.Context;
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  readonly notifications: Message[] = [];
  readonly imported: string[] = [];
  private listeners: Array<(m: Message) => void> = [];

  constructor(
    private readonly workspace = WORKSPACE,
    private readonly settings: Record<string, unknown> = {},
  ) {
    const scope: Record<string, unknown> = {
      console: { log() {}, info() {}, warn() {}, error() {}, debug() {} },
      setTimeout,
      clearTimeout,
      setInterval,
      clearInterval,
      queueMicrotask,
      TextEncoder,
      TextDecoder,
      URL,
      atob,
      btoa,
      performance,
      // VS Code may start the worker from a blob: its location says nothing about the extension.
      location: { href: 'blob:http://localhost/0d6f3c7e' },
      addEventListener() {},
      postMessage: (m: Message) => this.receive(m),
      importScripts: (...urls: string[]) => {
        for (const url of urls) {
          assert.ok(url.startsWith(BASE), `importScripts outside the extension: ${url}`);
          this.imported.push(url.slice(BASE.length));
          const file = path.join(root, url.slice(BASE.length));
          vm.runInContext(fs.readFileSync(file, 'utf8'), this.context, { filename: file });
        }
      },
    };
    scope.self = scope;
    this.context = vm.createContext(scope);
    scope.globalThis = scope;
    const bundle = path.join(root, 'dist', 'web', 'server.js');
    vm.runInContext(fs.readFileSync(bundle, 'utf8'), this.context, { filename: bundle });
  }

  private send(m: Message): void {
    const onmessage = (this.context as { onmessage?: (e: { data: Message }) => void }).onmessage;
    assert.ok(onmessage, 'the server does not listen to messages');
    onmessage({ data: { jsonrpc: '2.0', ...m } as Message });
  }

  private receive(m: Message): void {
    if (m.method && m.id !== undefined) {
      void this.answer(m.method, m.params).then((result) =>
        this.send({ id: m.id, result } as Message),
      );
    } else if (m.method) {
      this.notifications.push(m);
      for (const l of this.listeners) l(m);
    } else if (m.id !== undefined) {
      this.pending.get(m.id)?.(m.result);
      this.pending.delete(m.id);
    }
  }

  /** The client's side of the server's requests: files from the workspace folder. */
  private async answer(method: string, params: unknown): Promise<unknown> {
    const uri = (params as { uri?: string })?.uri;
    const file = uri?.startsWith(MOUNT)
      ? path.join(this.workspace, decodeURIComponent(uri.slice(MOUNT.length)))
      : undefined;
    switch (method) {
      case 'scopeLens/fs/readFile':
        return file && fs.existsSync(file) && fs.statSync(file).isFile()
          ? fs.readFileSync(file, 'utf8')
          : null;
      case 'scopeLens/fs/stat': {
        if (!file || !fs.existsSync(file)) return null;
        const s = fs.statSync(file);
        return { kind: s.isFile() ? 1 : s.isDirectory() ? 2 : 0, mtime: s.mtimeMs, size: s.size };
      }
      case 'scopeLens/fs/readDirectory':
        return file && fs.existsSync(file)
          ? fs
              .readdirSync(file, { withFileTypes: true })
              .map((e) => [e.name, e.isFile() ? 1 : e.isDirectory() ? 2 : 0])
          : null;
      case 'scopeLens/fs/readBytes':
        return file && fs.existsSync(file) && fs.statSync(file).isFile()
          ? fs.readFileSync(file).toString('base64')
          : null;
      case 'workspace/configuration':
        return [this.settings];
      default:
        return null;
    }
  }

  request(method: string, params: unknown): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.send({ id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ method, params });
  }

  diagnostics(uri: string, timeoutMs = 30_000): Promise<Array<{ message: string; code?: string }>> {
    const seen = () =>
      this.notifications.filter(
        (n) =>
          n.method === 'textDocument/publishDiagnostics' &&
          (n.params as { uri: string }).uri === uri,
      );
    return new Promise((resolve, reject) => {
      const check = () => {
        const last = seen().pop();
        const list = (last?.params as { diagnostics?: Array<{ message: string; code?: string }> })
          ?.diagnostics;
        if (list && list.length) {
          clearTimeout(timer);
          resolve(list);
          return true;
        }
        return false;
      };
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}`)), timeoutMs);
      if (!check()) this.listeners.push(() => void check());
    });
  }
}

describe('the language server in a web worker (dist/web/server.js)', function () {
  this.timeout(60_000);
  let worker: WorkerStandIn;

  before(async function () {
    worker = new WorkerStandIn();
    await worker.request('initialize', {
      processId: null,
      rootUri: `${MOUNT}/`,
      workspaceFolders: [{ uri: `${MOUNT}/`, name: 'mount' }],
      capabilities: {},
      initializationOptions: { debounceMs: 0, typescriptUrl: `${BASE}dist/typescript.js` },
    });
    worker.notify('initialized', {});
  });

  const open = (name: string, languageId: string) => {
    const uri = `${MOUNT}/${name}`;
    worker.notify('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId,
        version: 1,
        text: fs.readFileSync(path.join(WORKSPACE, name), 'utf8'),
      },
    });
    return uri;
  };

  it('analyses Python without Node: TF 1.15 error text at the second creation', async () => {
    const diagnostics = await worker.diagnostics(open('towers.py', 'python'));
    assert.ok(
      diagnostics.some((d) =>
        d.message.startsWith('Variable encoder/w already exists, disallowed.'),
      ),
      JSON.stringify(diagnostics),
    );
  });

  it("reads the workspace's own imported modules through the client", async () => {
    const uri = open('train.py', 'python');
    const hover = async () =>
      (await worker.request('textDocument/hover', {
        textDocument: { uri },
        position: { line: 5, character: 10 },
      })) as { contents?: { value?: string } } | null;
    let text = '';
    for (let i = 0; i < 100 && !text.includes('net/block/kernel'); i++) {
      text = (await hover())?.contents?.value ?? '';
      if (!text.includes('net/block/kernel')) await new Promise((r) => setTimeout(r, 50));
    }
    assert.match(text, /net\/block\/kernel:0/);
  });

  it('loads the TypeScript compiler by importScripts on the first TS file, and only then', async () => {
    assert.deepEqual(worker.imported, []);
    const diagnostics = await worker.diagnostics(open('engine.ts', 'typescript'));
    assert.deepEqual(worker.imported, ['dist/typescript.js']);
    assert.ok(
      diagnostics.some((d) =>
        d.message.startsWith('Variable layer1/w already exists, disallowed.'),
      ),
      JSON.stringify(diagnostics),
    );
  });
});

describe('checkpoints in the web worker: read through the client', function () {
  this.timeout(60_000);

  it('scopeLens.checkpoint names a folder of the workspace: SL-CKPT-* diagnostics at the calls', async () => {
    const dir = path.join(root, 'examples', 'checkpoint');
    const worker = new WorkerStandIn(dir, { checkpoint: 'train_dir' });
    await worker.request('initialize', {
      processId: null,
      rootUri: `${MOUNT}/`,
      workspaceFolders: [{ uri: `${MOUNT}/`, name: 'mount' }],
      capabilities: { workspace: { configuration: true } },
      initializationOptions: { debounceMs: 0 },
    });
    worker.notify('initialized', {});
    const uri = `${MOUNT}/model_renamed.py`;
    worker.notify('textDocument/didOpen', {
      textDocument: {
        uri,
        languageId: 'python',
        version: 1,
        text: fs.readFileSync(path.join(dir, 'model_renamed.py'), 'utf8'),
      },
    });
    const diagnostics = await worker.diagnostics(uri);
    const missing = diagnostics.filter((d) => d.code === 'SL-CKPT-MISSING');
    assert.ok(
      missing.some((d) => d.message.includes('logits/weights')),
      JSON.stringify(diagnostics),
    );
    assert.ok(
      diagnostics.some(
        (d) => d.code === 'SL-CKPT-MISMATCH' && d.message.includes('encoder/hidden2'),
      ),
      JSON.stringify(diagnostics),
    );
  });
});
