/**
 * A stand-in for the language server, for the editor tests of a tree where dist/server.js is not
 * built (the server is developed on another branch). It answers only what the client's own
 * features need — document sync and the two custom requests, `scopeLens/analysis` and
 * `scopeLens/variableAt` (src/extension/protocol.ts) — from the analyzer, over LSP's stdio framing,
 * written by hand to need no dependency. It publishes no diagnostics and provides no hover,
 * definition, references or code actions: the tests of those features run only against the real
 * server and report "server not built" otherwise.
 *
 * Started by the client as `node stub-server.js --stdio --clientProcessId=N` when the editor
 * tests set SCOPE_LENS_SERVER_MODULE to it. Never shipped.
 */
import * as fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { analyze } from '../../src/analyzer/analyze';
import type { Analysis } from '../../src/analyzer/analyze';
import type { Position as AnalyzerPosition } from '../../src/analyzer/ir';

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: unknown;
}

interface OpenDocument {
  text: string;
  version: number;
  languageId: string;
}

const documents = new Map<string, OpenDocument>();

function send(message: object): void {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', ...message }), 'utf8');
  process.stdout.write(`Content-Length: ${body.length}\r\n\r\n`);
  process.stdout.write(body);
}

function pathOf(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function analysisOf(uri: string): { version: number; analysis: Analysis } | null {
  const doc = documents.get(uri);
  if (!doc) return null;
  const file = pathOf(uri);
  const analysis = analyze(doc.text, {
    ...(file ? { path: file } : {}),
    language: doc.languageId === 'python' ? 'python' : 'typescript',
    readFile: (p) => {
      try {
        return fs.readFileSync(p, 'utf8');
      } catch {
        return undefined;
      }
    },
  });
  return { version: doc.version, analysis };
}

/** LSP position (0-based) inside an analyzer span (1-based lines and columns, end exclusive). */
function inside(
  line: number,
  character: number,
  start: AnalyzerPosition,
  end: AnalyzerPosition,
): boolean {
  const l = line + 1;
  const c = character + 1;
  if (l < start.line || l > end.line) return false;
  if (l === start.line && c < start.column) return false;
  if (l === end.line && c > end.column) return false;
  return true;
}

function variableAt(
  uri: string,
  line: number,
  character: number,
): { name: string; names: string[] } | null {
  const result = analysisOf(uri);
  if (!result) return null;
  for (const site of result.analysis.callSites) {
    if (site.file !== undefined || !inside(line, character, site.start, site.end)) continue;
    const names = [
      ...new Set(site.outcomes.filter((o) => o.action !== 'raise').map((o) => o.name)),
    ];
    if (names.length > 0) return { name: names[0], names };
  }
  return null;
}

function handle(message: Message): void {
  const params = (message.params ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  switch (message.method) {
    case 'initialize':
      send({
        id: message.id,
        result: {
          capabilities: { textDocumentSync: 1 },
          serverInfo: { name: 'scope-lens test stand-in' },
        },
      });
      return;
    case 'shutdown':
      send({ id: message.id, result: null });
      return;
    case 'exit':
      process.exit(0);
      return;
    case 'textDocument/didOpen': {
      const d = params.textDocument;
      documents.set(d.uri, { text: d.text, version: d.version, languageId: d.languageId });
      return;
    }
    case 'textDocument/didChange': {
      const doc = documents.get(params.textDocument.uri);
      const change = params.contentChanges[params.contentChanges.length - 1];
      if (doc && change) {
        doc.text = change.text;
        doc.version = params.textDocument.version;
      }
      return;
    }
    case 'textDocument/didClose':
      documents.delete(params.textDocument.uri);
      return;
    case 'scopeLens/analysis': {
      const uri = params.textDocument.uri as string;
      const result = analysisOf(uri);
      send({ id: message.id, result: result ? { uri, ...result } : null });
      return;
    }
    case 'scopeLens/variableAt':
      send({
        id: message.id,
        result: variableAt(
          params.textDocument.uri,
          params.position.line,
          params.position.character,
        ),
      });
      return;
    default:
      // Requests it does not know get LSP's MethodNotFound; notifications are ignored.
      if (message.id !== undefined) {
        send({
          id: message.id,
          error: { code: -32601, message: `not provided: ${message.method}` },
        });
      }
  }
}

let buffer = Buffer.alloc(0);
process.stdin.on('data', (chunk: Buffer) => {
  buffer = Buffer.concat([buffer, chunk]);
  for (;;) {
    const headerEnd = buffer.indexOf('\r\n\r\n');
    if (headerEnd < 0) return;
    const header = buffer.toString('ascii', 0, headerEnd);
    const length = Number(/Content-Length: *(\d+)/i.exec(header)?.[1] ?? NaN);
    if (!Number.isFinite(length)) throw new Error(`stub server: bad header ${header}`);
    if (buffer.length < headerEnd + 4 + length) return;
    const body = buffer.toString('utf8', headerEnd + 4, headerEnd + 4 + length);
    buffer = buffer.subarray(headerEnd + 4 + length);
    handle(JSON.parse(body) as Message);
  }
});
process.stdin.on('end', () => process.exit(0));
