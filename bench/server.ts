/**
 * Language-server benchmark (`npm run bench`): edit-to-diagnostics latency through the server,
 * and the server's memory with many documents open. The server is spawned as an editor starts
 * it (`node dist/server.js --stdio`) with the debounce set to 0 (initializationOptions), so the
 * latency is the server's own: receiving the edit, the incremental analysis, converting and
 * sending the diagnostics, and the client reading them.
 *
 * - Latency: a one-character edit in the middle of a 1k- and a 10k-line TF1 file, median over
 *   rounds; the ratio is to `DocumentAnalyzer.update` for the same edit in this process (what
 *   the protocol and the server add). Targets: 30 ms (1k) and 80 ms (10k) at the median.
 * - Memory: RSS and heap of the server after 200 files (150 lines each) are open and analysed.
 */
import { performance } from 'node:perf_hooks';
import { DocumentAnalyzer } from '../src/analyzer/analyze';
import type { StatsResult } from '../src/server/protocol';
import { LspClient } from '../test/server/lsp-client';
import { block, file, median } from './corpus';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function latency(c: LspClient, lines: number, rounds: number): Promise<void> {
  const text = file(lines);
  const uri = `file:///bench/model_${lines}.py`;
  c.open(uri, text);
  await c.diagnostics(uri, 1);
  // One character of a string literal in the middle, flipped back and forth.
  const at = text.indexOf('"emb"', Math.floor(text.length / 2)) + 3;
  const position = (() => {
    const before = text.slice(0, at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  })();
  const range = {
    start: position,
    end: { line: position.line, character: position.character + 1 },
  };
  const times: number[] = [];
  // A few unmeasured edits first: the server's JIT warms up as an editing session's would.
  for (let i = -5; i < rounds; i++) {
    const t0 = performance.now();
    const v = c.change(uri, [{ range, text: i % 2 ? 'b' : 'c' }]);
    await c.diagnostics(uri, v);
    if (i >= 0) times.push(performance.now() - t0);
  }
  c.close(uri);
  // The same edits in this process, without the protocol.
  const doc = new DocumentAnalyzer({ path: '/bench/model.py' });
  doc.update(text);
  const edited = (ch: string) => text.slice(0, at) + ch + text.slice(at + 1);
  const local: number[] = [];
  for (let i = -5; i < rounds; i++) {
    const t0 = performance.now();
    doc.update(edited(i % 2 ? 'b' : 'c'));
    if (i >= 0) local.push(performance.now() - t0);
  }
  const m = median(times);
  const target = lines === 1000 ? 30 : 80;
  console.log(
    `  ${String(lines).padStart(5)} lines: edit → diagnostics ${m.toFixed(1)} ms median ` +
      `(target ${target} ms${m <= target ? ', met' : ', MISSED'}); in-process re-analysis ` +
      `${median(local).toFixed(1)} ms; ratio ${(m / median(local)).toFixed(2)}x`,
  );
}

async function memory(c: LspClient, files: number): Promise<void> {
  const base = await c.request<StatsResult>('scopeLens/stats', null);
  let text = 'import tensorflow as tf\n';
  for (let i = 0; text.split('\n').length < 150; i++) text += block(i);
  const uris: string[] = [];
  for (let i = 0; i < files; i++) {
    const uri = `file:///bench/many/m${i}.py`;
    uris.push(uri);
    c.open(uri, text.replace(/layer_/g, `l${i}_`));
  }
  for (const uri of uris) await c.diagnostics(uri, 1);
  const s = await c.request<StatsResult>('scopeLens/stats', null);
  console.log(
    `  ${files} files of 150 lines open: server RSS ${mb(s.memory.rss)} (${mb(base.memory.rss)} ` +
      `before), heap ${mb(s.memory.heapUsed)} used (${mb(base.memory.heapUsed)} before); ` +
      `${((s.memory.heapUsed - base.memory.heapUsed) / files / 1024).toFixed(0)} KB of heap per file ` +
      `(${s.analysedDocuments} analysed)`,
  );
}

async function main(): Promise<void> {
  console.log(
    'language server benchmark: medians; debounce 0; ratio = through the server / in-process',
  );
  const t0 = performance.now();
  const c = await LspClient.start({ debounceMs: 0 });
  console.log(`  start to initialized: ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    await latency(c, 1000, 31);
    await latency(c, 10000, 15);
    await c.shutdown();
  } finally {
    c.kill();
  }
  // Memory in a fresh server, its baseline taken once the analyzer has run once.
  const m = await LspClient.start({ debounceMs: 0 });
  try {
    const warm = 'file:///bench/warm.py';
    m.open(warm, file(30));
    await m.diagnostics(warm, 1);
    m.close(warm);
    await memory(m, 200);
    await m.shutdown();
  } finally {
    m.kill();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
