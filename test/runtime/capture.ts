/** Runtime-test helpers: a run with its output collected; a worker left at its baseline. */
import { strict as assert } from 'node:assert';
import type { RunRequest, RunResult, Runner } from '../../src/runtime/runner';

export type CapturedRun = RunResult & { stdout: string; stderr: string };

export async function runCapturing(runner: Runner, request: RunRequest): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const result = await runner.run(request, {
    onStdout: (s) => (stdout += s),
    onStderr: (s) => (stderr += s),
  });
  return { ...result, stdout, stderr };
}

/**
 * Runs `runs(10)`, measures the worker (the smallest heap of three collected readings), runs
 * `runs(100)`, measures again, and asserts the same worker kept its tensors, JS heap, wasm memory
 * and Python objects: generous bounds, that one leaked tensor or graph of the runs would exceed.
 */
export async function assertRunsLeaveBaseline(
  runner: Runner,
  runs: (n: number) => Promise<void>,
): Promise<void> {
  const settled = async () => {
    const all = [];
    for (let i = 0; i < 3; i++) all.push(await runner.stats({ gc: true }));
    return all.reduce((a, b) => (b.heapUsed < a.heapUsed ? b : a));
  };
  await runs(10);
  const base = await settled();
  await runs(100);
  const end = await settled();
  assert.equal(end.threadId, base.threadId, 'the same worker all along');
  assert.equal(end.numTensors, base.numTensors);
  const heap = end.heapUsed - base.heapUsed;
  assert.ok(heap < 16 * 2 ** 20, `JS heap grew ${(heap / 2 ** 20).toFixed(1)} MB`);
  const wasm = end.wasmMemoryBytes - base.wasmMemoryBytes;
  assert.ok(wasm <= 32 * 2 ** 20, `wasm memory grew ${wasm} bytes`);
  assert.ok(end.pythonObjects - base.pythonObjects < 1000);
}
