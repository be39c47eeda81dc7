/**
 * Language-server benchmark (`npm run bench`) on real TF1 programs (bench/corpus.ts): edit-to-
 * diagnostics latency through the server, and the server's memory with many documents open. The
 * server is spawned as an editor starts it (`node dist/server.js --stdio`) with the debounce set
 * to 0 (initializationOptions), so the latency is the server's own: receiving the edit, the
 * incremental analysis, converting and sending the diagnostics, and the client reading them.
 *
 * - Latency: a one-character edit of a string literal in a function body in the middle of the
 *   1k- and 10k-line files, until its diagnostics are published. Targets (issue #14): ≤ 10 ms at
 *   1k lines, ≤ 50 ms at 10k, at the median. Beside it, its ratio to `DocumentAnalyzer.update` of
 *   the same edit in this process (what the protocol and the server add), interleaved round by
 *   round.
 * - Memory: RSS and heap of the server after 100 programs of the corpus (90 to 150 lines each,
 *   each copy with its own names) are open and analysed.
 */
import { performance } from 'node:perf_hooks';
import { DocumentAnalyzer } from '../src/analyzer/analyze';
import type { StatsResult } from '../src/server/protocol';
import { LspClient } from '../test/server/lsp-client';
import { copyOf, lineCount, middleEdit, programs, scaled } from './corpus';
import { compare, durationLine, machine, timeAsync } from './measure';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function latency(c: LspClient, lines: number, rounds: number, warmup: number): Promise<void> {
  const text = scaled(lines);
  const uri = `file:///bench/model_${lines}.py`;
  c.open(uri, text);
  await c.diagnostics(uri, 1);
  const edit = middleEdit(text);
  const position = (() => {
    const before = text.slice(0, edit.at).split('\n');
    return { line: before.length - 1, character: before[before.length - 1].length };
  })();
  const range = {
    start: position,
    end: { line: position.line, character: position.character + 1 },
  };
  // The same edits in this process, without the protocol.
  const doc = new DocumentAnalyzer({ path: '/bench/model.py' });
  doc.update(text);
  let i = 0;
  let j = 0;
  const cmp = await compare(
    rounds,
    () => {
      const edited = edit.apply(edit.chars[i++ % 2]);
      // As the server does when idle after publishing (untimed there too).
      doc.prepare();
      const t0 = performance.now();
      doc.update(edited);
      return performance.now() - t0;
    },
    () =>
      timeAsync(async () => {
        const v = c.change(uri, [{ range, text: edit.chars[j++ % 2] }]);
        await c.diagnostics(uri, v);
      }),
    warmup,
  );
  c.close(uri);
  console.log(
    durationLine(
      `${lineCount(text)} lines: edit → published diagnostics`,
      cmp,
      { base: 'in-process re-analysis', measured: 'through the server' },
      lines <= 1000 ? 10 : 50,
    ),
  );
}

async function memory(c: LspClient, files: number): Promise<void> {
  const base = await c.request<StatsResult>('scopeLens/stats', null);
  const all = programs();
  const uris: string[] = [];
  for (let i = 0; i < files; i++) {
    const uri = `file:///bench/many/m${i}.py`;
    uris.push(uri);
    c.open(uri, copyOf(all[i % all.length], i));
  }
  for (const uri of uris) await c.diagnostics(uri, 1);
  const s = await c.request<StatsResult>('scopeLens/stats', null);
  console.log(
    `  ${files} programs open: server RSS ${mb(s.memory.rss)} (${mb(base.memory.rss)} ` +
      `before), heap ${mb(s.memory.heapUsed)} used (${mb(base.memory.heapUsed)} before); ` +
      `${((s.memory.heapUsed - base.memory.heapUsed) / files / 1024).toFixed(0)} KB of heap per file ` +
      `(${s.analysedDocuments} analysed)`,
  );
}

async function main(): Promise<void> {
  console.log(`language server benchmark on real TF1 programs; debounce 0; ${machine()}`);
  const t0 = performance.now();
  const c = await LspClient.start({ debounceMs: 0 });
  console.log(`  start to initialized: ${(performance.now() - t0).toFixed(0)} ms`);
  try {
    await latency(c, 1000, 7, 2);
    await latency(c, 10000, 3, 1);
    await c.shutdown();
  } finally {
    c.kill();
  }
  // Memory in a fresh server, its baseline taken once the analyzer has run once.
  const m = await LspClient.start({ debounceMs: 0 });
  try {
    const warm = 'file:///bench/warm.py';
    m.open(warm, programs()[2].text);
    await m.diagnostics(warm, 1);
    m.close(warm);
    await memory(m, 100);
    await m.shutdown();
  } finally {
    m.kill();
  }
}

void main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
