/**
 * What a program can do to the runner and how it comes out as CPython and TF 1.15 would have
 * it: tensors whose shapes are known only when the session runs, checked against the memory
 * budget before tfjs allocates them (TF's ResourceExhaustedError, catchable); `tf.range`'s
 * run-time errors; Python's own limits (RecursionError, MemoryError); and an endless loop
 * stopped by `cancel()` or Ctrl-C; the host's files anywhere, with CPython's errno numbers and
 * messages. Every failure leaves the runner usable.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import type { RunRequest } from '../../src/runtime/runner';
import { projectRoot } from '../support';
import { assertRunsLeaveBaseline, runCapturing } from './capture';

const root = projectRoot();
const cli = path.join(root, 'bin', 'scope-lens.js');
const file = path.join(root, 'test', 'runtime', 'fixtures', 'runtime-limits.py');

const OOM = (shape: string, type = 'float') =>
  `OOM when allocating tensor with shape[${shape}] and type ${type} on ` +
  '/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu';

function py(code: string[]): RunRequest {
  return { language: 'python', code: code.join('\n'), filename: file };
}

const run = runCapturing;

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
      'import tensorflow as tf',
      'n = tf.placeholder(tf.int32, [])',
      'col = tf.reshape(tf.cast(tf.range(n), tf.float32), [-1, 1])',
      'y = tf.matmul(col, tf.transpose(col)) + tf.zeros([n, 1])',
      'with tf.Session() as sess:',
      '    print(sess.run(tf.reduce_sum(y), {n: 4}))',
      '    sess.run(y, {n: 60000})',
    ]);
    const runs = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await run(runner, oom);
        assert.equal(r.stdout, '36.0\n');
        assert.equal(r.error?.type, 'ResourceExhaustedError');
        assert.equal(r.error?.message, OOM('60000,60000'));
      }
    };
    // The bounds would show one leaked 60000x60000 tensor (14 GB) or its graph.
    await assertRunsLeaveBaseline(runner, runs);
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

  it('deep recursion is a RecursionError (also past a raised limit) and a huge list a MemoryError', async () => {
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
        'sys.setrecursionlimit(10 ** 6)',
        'print(sys.getrecursionlimit())',
        'try:',
        '    depth(0)',
        'except RecursionError as e:',
        '    print("deeper:", e)',
        'sys.setrecursionlimit(1000)',
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
      'RecursionError: maximum recursion depth exceeded\n1000000\n' +
        'deeper: maximum recursion depth exceeded\nMemoryError\n1000000\n',
    );
    assert.equal((await run(runner, py(['print("alive")']))).stdout, 'alive\n');
  });

  it('os._exit(n) ends the program with that status; Pyodide lives on', async () => {
    const r = await run(
      runner,
      py(['import os', 'print("bye", flush=True)', 'os._exit(3)', 'print("never")']),
    );
    assert.equal(r.stdout, 'bye\n');
    assert.equal(r.stderr, '');
    assert.equal(r.exitCode, 1);
    assert.deepEqual(r.error, { type: 'SystemExit', message: '3' });
    const before = (await runner.stats()).threadId;
    assert.equal((await run(runner, py(['print("next")']))).stdout, 'next\n');
    assert.equal((await runner.stats()).threadId, before, 'the same worker');
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

  describe('the filesystem as CPython sees it', () => {
    let tmp: string;
    let script: string;
    // Reads above the script's folder and outside it, writes, listings and the common errors.
    const program = (dir: string) =>
      [
        `DATA = ${JSON.stringify(path.join(dir, 'data'))}`,
        `CWD = ${JSON.stringify(path.join(dir, 'proj', 'src'))}`,
        `HOSTNAME_TEXT = ${JSON.stringify(fs.existsSync('/etc/hostname') ? fs.readFileSync('/etc/hostname', 'utf8') : '')}`,
        'import errno, os, pathlib, shutil, tempfile',
        "print(open('../../data/x.txt').read().strip())",
        "print(open(os.path.join(DATA, 'x.txt')).read().strip())",
        "print(sorted(os.listdir('..')), sorted(os.listdir(DATA)))",
        "print(open('/etc/hostname').read() == HOSTNAME_TEXT)",
        "with open(os.path.join(DATA, 'out.txt'), 'w') as f:",
        "    f.write('written by the program')",
        "print(os.getcwd() == CWD, pathlib.Path(DATA, 'x.txt').is_file())",
        'data = DATA',
        'attempts = [',
        "    (open, 'missing.txt'), (open, data), (os.mkdir, data), (os.listdir, data + '/x.txt'),",
        "    (os.rmdir, os.path.dirname(data)), (os.remove, data + '/no/such'),",
        "    (os.chdir, data + '/x.txt'), (os.stat, data + '/nothing'),",
        ']',
        'for fn, arg in attempts:',
        '    try:',
        '        fn(arg)',
        '    except OSError as e:',
        '        name = errno.errorcode[e.errno]',
        '        print(type(e).__name__, e.errno, name, getattr(errno, name) == e.errno, e)',
        'print(os.strerror(errno.ENOENT), os.strerror(errno.EACCES), errno.EEXIST)',
        "os.makedirs(data + '/made/deep', exist_ok=True)",
        'try:',
        "    os.makedirs(data + '/made/deep')",
        'except OSError as e:',
        '    print(e.errno == errno.EEXIST)',
        "print(pathlib.Path(data, 'missing').exists(), os.path.isdir(data + '/made'))",
        "shutil.rmtree(data + '/made')",
        "open(data + '/gone.txt')",
      ].join('\n');

    before(() => {
      tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'scope-lens-fs-')));
      fs.mkdirSync(path.join(tmp, 'proj', 'src'), { recursive: true });
      fs.mkdirSync(path.join(tmp, 'data'));
      fs.writeFileSync(path.join(tmp, 'data', 'x.txt'), 'hello from data\n');
      script = path.join(tmp, 'proj', 'src', 'prog.py');
      fs.writeFileSync(script, program(tmp));
    });
    after(() => {
      fs.rmSync(tmp, { recursive: true, force: true });
    });

    const expected = () => {
      const data = path.join(tmp, 'data');
      return [
        'hello from data',
        'hello from data',
        "['src'] ['x.txt']",
        'True',
        'True True',
        "FileNotFoundError 2 ENOENT True [Errno 2] No such file or directory: 'missing.txt'",
        `IsADirectoryError 21 EISDIR True [Errno 21] Is a directory: '${data}'`,
        `FileExistsError 17 EEXIST True [Errno 17] File exists: '${data}'`,
        `NotADirectoryError 20 ENOTDIR True [Errno 20] Not a directory: '${data}/x.txt'`,
        `OSError 39 ENOTEMPTY True [Errno 39] Directory not empty: '${tmp}'`,
        `FileNotFoundError 2 ENOENT True [Errno 2] No such file or directory: '${data}/no/such'`,
        `NotADirectoryError 20 ENOTDIR True [Errno 20] Not a directory: '${data}/x.txt'`,
        `FileNotFoundError 2 ENOENT True [Errno 2] No such file or directory: '${data}/nothing'`,
        'No such file or directory Permission denied 17',
        'True',
        'False True',
        '',
      ].join('\n');
    };
    const traceback = () =>
      `FileNotFoundError: [Errno 2] No such file or directory: '${tmp}/data/gone.txt'\n`;

    it('through the Runner: files anywhere, real writes, errno as on Linux', async function () {
      if (process.platform === 'win32' || !fs.existsSync('/etc/hostname')) this.skip();
      {
        const r = await run(runner, {
          language: 'python',
          code: program(tmp),
          filename: script,
          cwd: path.join(tmp, 'proj', 'src'),
        });
        assert.equal(r.stdout, expected());
        assert.ok(r.stderr.endsWith(traceback()), r.stderr);
        assert.equal(r.error?.type, 'FileNotFoundError');
        assert.equal(
          r.error?.message,
          `[Errno 2] No such file or directory: '${tmp}/data/gone.txt'`,
        );
        assert.equal(
          fs.readFileSync(path.join(tmp, 'data', 'out.txt'), 'utf8'),
          'written by the program',
        );
        assert.ok(!fs.existsSync(path.join(tmp, 'data', 'made')));
      }
    });

    it('through scope-lens run, from the script folder', function () {
      if (process.platform === 'win32' || !fs.existsSync('/etc/hostname')) this.skip();
      fs.rmSync(path.join(tmp, 'data', 'out.txt'), { force: true });
      const r = spawnSync('node', [cli, 'run', 'prog.py'], {
        cwd: path.join(tmp, 'proj', 'src'),
        encoding: 'utf8',
      });
      assert.equal(r.stdout, expected());
      assert.ok(r.stderr.endsWith(traceback()), r.stderr);
      assert.equal(r.status, 1);
      assert.equal(
        fs.readFileSync(path.join(tmp, 'data', 'out.txt'), 'utf8'),
        'written by the program',
      );
    });
  });

  it('Ctrl-C stops scope-lens run in a loop that never ends', async () => {
    const child = spawn(
      'node',
      [cli, 'run', path.join(root, 'test', 'runtime', 'fixtures', 'runaway.py')],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let out = '';
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('spinning')) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (code, signal) => resolve(code ?? (signal ? 130 : null))),
    );
    child.kill('SIGINT');
    assert.notEqual(await exited, 0);
  });
});
