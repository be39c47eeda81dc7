/**
 * What a program can do to the runner and how it comes out as CPython and TF 1.15 would have
 * it: tensors whose shapes are known only when the session runs, checked against the memory
 * budget before tfjs allocates them (TF's ResourceExhaustedError, catchable); `tf.range`'s
 * run-time errors; Python's own limits (RecursionError, MemoryError); and an endless loop
 * stopped by `cancel()`. Every failure leaves the runner usable.
 */
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import type { RunRequest, RunResult } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();
const file = path.join(root, 'test', 'runtime', 'fixtures', 'runtime-limits.py');

const OOM = (shape: string, type = 'float') =>
  `OOM when allocating tensor with shape[${shape}] and type ${type} on ` +
  '/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu';

function py(code: string[]): RunRequest {
  return { language: 'python', code: code.join('\n'), filename: file };
}

async function run(
  runner: Runner,
  request: RunRequest,
): Promise<RunResult & { stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const result = await runner.run(request, {
    onStdout: (s) => (stdout += s),
    onStderr: (s) => (stderr += s),
  });
  return { ...result, stdout, stderr };
}

describe('runtime: limits of running programs', function () {
  this.timeout(300_000);
  let runner: Runner;
  before(() => {
    runner = new Runner({ timeoutMs: 120_000 });
  });
  after(async () => {
    await runner.dispose();
  });

  it('outputs whose shapes come from fed values raise OOM before tfjs allocates them', async () => {
    const r = await run(
      runner,
      py([
        'import numpy as np',
        'import tensorflow as tf',
        'x = tf.placeholder(tf.float32, [None, 1])',
        'n = tf.placeholder(tf.int32, [])',
        'big = tf.placeholder(tf.float32, [None, None])',
        'col = x[:, :1]',
        'cases = [',
        '    tf.matmul(x, tf.transpose(x)),',
        '    tf.zeros(tf.shape(big)),',
        '    tf.ones([tf.shape(x)[0], 100000], dtype=tf.int32),',
        '    tf.fill(tf.stack([n, n]), 1.5),',
        '    tf.tile(x, [1, 60000]),',
        '    tf.tile(x, [n, 1000]),',
        '    x * tf.transpose(x),',
        '    tf.range(n),',
        ']',
        'feed = {x: np.ones([60000, 1], dtype=np.float32), n: 2000000000,',
        '        big: np.ones([1, 1], dtype=np.float32)}',
        'with tf.Session() as sess:',
        '    for t in cases:',
        '        try:',
        '            sess.run(tf.reduce_sum(t), feed)',
        '            print("ran", t.op.type)',
        '        except tf.errors.ResourceExhaustedError as e:',
        '            print(t.op.type, e)',
        '    small = {x: np.ones([3, 1], dtype=np.float32), n: 4, big: np.ones([2, 5])}',
        '    print(sess.run([tf.reduce_sum(t) for t in cases], small))',
      ]),
    );
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        `MatMul ${OOM('60000,60000')}`,
        'ran Fill',
        `Fill ${OOM('60000,100000', 'int32')}`,
        `Fill ${OOM('2000000000,2000000000')}`,
        `Tile ${OOM('60000,60000')}`,
        `Tile ${OOM('120000000000000,1000')}`,
        `Mul ${OOM('60000,60000')}`,
        `Range ${OOM('2000000000', 'int32')}`,
        '[9.0, 0.0, 300000, 24.0, 180000.0, 12000.0, 9.0, 6]',
        '',
      ].join('\n'),
    );
    // The runner goes on.
    assert.equal((await run(runner, py(['print(6 * 7)']))).stdout, '42\n');
  });

  it('100 runs failing on run-time shapes leave the worker at its baseline', async () => {
    const oom = py([
      'import numpy as np',
      'import tensorflow as tf',
      'x = tf.placeholder(tf.float32, [None, 1])',
      'y = tf.matmul(x, tf.transpose(x)) + tf.zeros([tf.shape(x)[0], 1])',
      'with tf.Session() as sess:',
      '    print(sess.run(tf.reduce_sum(y), {x: np.ones([4, 1], dtype=np.float32)}))',
      '    sess.run(y, {x: np.ones([60000, 1], dtype=np.float32)})',
    ]);
    const runs = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await run(runner, oom);
        assert.equal(r.stdout, '16.0\n');
        assert.equal(r.error?.type, 'ResourceExhaustedError');
        assert.equal(r.error?.message, OOM('60000,60000'));
      }
    };
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
    // Generous bounds: one leaked 60000x60000 tensor (14 GB) or its graph would show.
    const heap = end.heapUsed - base.heapUsed;
    assert.ok(heap < 16 * 2 ** 20, `JS heap grew ${(heap / 2 ** 20).toFixed(1)} MB`);
    const wasm = end.wasmMemoryBytes - base.wasmMemoryBytes;
    assert.ok(wasm <= 32 * 2 ** 20, `wasm memory grew ${wasm} bytes`);
    assert.ok(end.pythonObjects - base.pythonObjects < 1000);
  });

  it("tf.range's arguments known only at run time fail as TF's kernel fails", async () => {
    const r = await run(
      runner,
      py([
        'import tensorflow as tf',
        'p = tf.placeholder(tf.int32, [])',
        'f = tf.placeholder(tf.float32, [])',
        'cases = [(tf.range(p), {p: -2}), (tf.range(0, p, -1), {p: 3}), (tf.range(0, 3, p), {p: 0}),',
        '         (tf.range(f, 1.0, 0.5), {f: 2.5}), (tf.range(p, 10, 3), {p: 1})]',
        'print(cases[0][0], cases[3][0])',
        'with tf.Session() as sess:',
        '    for t, feed in cases:',
        '        try:',
        '            print(sess.run(t, feed))',
        '        except tf.errors.InvalidArgumentError as e:',
        '            print(e)',
      ]),
    );
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      [
        'Tensor("range:0", shape=(?,), dtype=int32) Tensor("range_3:0", shape=(?,), dtype=float32)',
        'Requires start <= limit when delta > 0: 0/-2',
        'Requires start >= limit when delta < 0: 0/3',
        'Requires delta != 0: 0',
        'Requires start <= limit when delta > 0: 2.5/1',
        '[1 4 7]',
        '',
      ].join('\n'),
    );
  });

  it('deep recursion is a RecursionError and a huge list a MemoryError; the runner lives on', async () => {
    const r = await run(
      runner,
      py([
        'import sys',
        'def depth(n):',
        '    return depth(n + 1)',
        'try:',
        '    depth(0)',
        'except RecursionError as e:',
        '    print("RecursionError:", e)',
        'try:',
        '    big = [0] * (10 ** 9)',
        'except MemoryError:',
        '    print("MemoryError")',
        'print(len([0] * 10 ** 6))',
      ]),
    );
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      'RecursionError: maximum recursion depth exceeded\nMemoryError\n1000000\n',
    );
    assert.equal((await run(runner, py(['print("alive")']))).stdout, 'alive\n');
  });

  it('cancel() stops a Python loop that never ends; the next run starts clean', async () => {
    let spinning!: () => void;
    const started = new Promise<void>((resolve) => (spinning = resolve));
    const pending = runner.run(
      { ...py(['print("spinning", flush=True)', 'while True:', '    pass']), timeoutMs: 0 },
      { onStdout: (s) => s.includes('spinning') && spinning() },
    );
    await started;
    runner.cancel();
    const r = await pending;
    assert.equal(r.cancelled, true);
    assert.equal(r.exitCode, 1);
    const next = await run(runner, py(['import tensorflow as tf', 'print(tf.range(3).shape)']));
    assert.equal(next.stdout, '(3,)\n');
  });
});
