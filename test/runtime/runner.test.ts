/**
 * The run infrastructure end to end: real worker threads, real Pyodide, the real TypeScript
 * compiler. The Runner under test is tsc's output (out/src/runtime, worker.js next to it); the
 * CLI tests run the bundle (dist/, after `npm run build`).
 *
 * Pyodide takes a few seconds to load in each new worker; tests share one runner where they can
 * and note where a worker is (deliberately) replaced.
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import type { RunRequest, RunResult } from '../../src/runtime/runner';
import type { ToWorker } from '../../src/runtime/protocol';
import { projectRoot } from '../support';

const root = projectRoot();
const fixtures = path.join(root, 'test', 'runtime', 'fixtures');
const fixture = (...parts: string[]) => path.join(fixtures, ...parts);
const cli = path.join(root, 'bin', 'scope-lens.js');

interface Captured {
  result: RunResult;
  stdout: string;
  stderr: string;
  /** Every chunk in arrival order, tagged with its stream. */
  events: [string, string][];
}

async function capture(runner: Runner, request: RunRequest): Promise<Captured> {
  const events: [string, string][] = [];
  const result = await runner.run(request, {
    onStdout: (s) => events.push(['out', s]),
    onStderr: (s) => events.push(['err', s]),
  });
  const text = (which: string) =>
    events
      .filter(([w]) => w === which)
      .map(([, s]) => s)
      .join('');
  return { result, stdout: text('out'), stderr: text('err'), events };
}

function python(file: string, extra: Partial<RunRequest> = {}): RunRequest {
  return {
    language: 'python',
    code: fs.readFileSync(file, 'utf8'),
    filename: file,
    ...extra,
  };
}

function program(language: 'typescript' | 'javascript', name: string, code: string): RunRequest {
  return { language, code, filename: fixture(name) };
}

/** Polls `cond` every 20 ms, at most `tries` times; the caller asserts the state reached. */
async function waitFor(cond: () => boolean, tries = 100): Promise<void> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('runtime: running programs in a worker', function () {
  this.timeout(60_000);
  let runner: Runner;

  before(() => {
    runner = new Runner();
  });

  after(async () => {
    await runner.dispose();
  });

  describe('Python', () => {
    it('runs hello world: its output, exit 0 (Pyodide loads lazily, in the worker)', async () => {
      assert.equal((await runner.stats()).pyodideLoaded, false, 'nothing has loaded Pyodide yet');
      const r = await capture(runner, python(fixture('hello.py')));
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'hello from python\n');
      assert.equal(r.result.exitCode, 0);
      assert.equal(r.result.error, undefined);
      assert.equal((await runner.stats()).pyodideLoaded, true);
    });

    it('loads Pyodide once: later runs share the worker and its interpreter', async () => {
      const before = await runner.stats();
      const mark = await capture(runner, {
        language: 'python',
        code: 'import sys\nprint(hasattr(sys, "_scope_lens_mark"))\nsys._scope_lens_mark = 1\n',
        filename: '<mark>',
      });
      assert.equal(mark.stdout, 'False\n');
      const r = await capture(runner, {
        language: 'python',
        code: 'import sys\nprint(hasattr(sys, "_scope_lens_mark"))\n',
        filename: '<check>',
      });
      assert.equal(r.stdout, 'True\n', 'the second run saw the interpreter the first one used');
      const after = await runner.stats();
      assert.equal(after.threadId, before.threadId, 'the same worker ran both programs');
      assert.equal(after.runs, before.runs + 2);
      assert.equal(after.pyodideLoaded, true);
    });

    it('keeps stdout and stderr apart, each chunk in the order written', async () => {
      const r = await capture(runner, python(fixture('streams.py')));
      assert.equal(r.result.exitCode, 0);
      assert.equal(r.stdout, 'out 1\nout 2\nout 3');
      assert.equal(r.stderr, 'err 1\nerr 2\n');
      // Line-buffered like a terminal: whole lines arrive as they are printed, the partial last
      // line when the program ends.
      assert.deepEqual(
        r.events.map(([w, s]) => `${w}:${s}`),
        ['out:out 1\n', 'err:err 1\n', 'out:out 2\n', 'err:err 2\n', 'out:out 3'],
      );
    });

    it('an uncaught exception: exit 1 and a CPython traceback naming the user file, lines and source', async () => {
      const file = fixture('fails.py');
      const r = await capture(runner, python(file));
      assert.equal(r.result.exitCode, 1);
      assert.equal(r.stdout, 'before\n');
      assert.equal(
        r.stderr,
        'Traceback (most recent call last):\n' +
          `  File "${file}", line 12, in <module>\n` +
          '    check([3])\n' +
          '    ~~~~~^^^^^\n' +
          `  File "${file}", line 6, in check\n` +
          '    raise ValueError("expected a matrix, got shape %r" % (shape,))\n' +
          'ValueError: expected a matrix, got shape [3]\n',
      );
      assert.deepEqual(r.result.error, {
        type: 'ValueError',
        message: 'expected a matrix, got shape [3]',
        file,
        line: 6,
        column: 9,
      });
    });

    it('a snippet reports the lines of the file it came from (firstLine) and shows its source', async () => {
      const file = fixture('notebook.py'); // need not exist: the code comes with the request
      const code = 'a = 1\nb = 0\nprint(a / b)\n';
      const r = await capture(runner, { language: 'python', code, filename: file, firstLine: 10 });
      assert.equal(r.result.exitCode, 1);
      assert.match(
        r.stderr,
        new RegExp(`File "${escape(file)}", line 12, in <module>\n    print\\(a / b\\)\n`),
      );
      assert.match(r.stderr, /ZeroDivisionError: division by zero\n$/);
      assert.equal(r.result.error?.line, 12);
      assert.equal(r.result.error?.file, file);
    });

    it("a syntax error: Python's own message with the line, the caret and the column", async () => {
      const file = fixture('syntax_error.py');
      const r = await capture(runner, python(file));
      assert.equal(r.result.exitCode, 1);
      assert.equal(r.stdout, '');
      assert.doesNotMatch(r.stderr, /Traceback/);
      assert.equal(
        r.stderr,
        `  File "${file}", line 2\n    y = (x +\n        ^\nSyntaxError: '(' was never closed\n`,
      );
      assert.deepEqual(r.result.error, {
        type: 'SyntaxError',
        message: "'(' was never closed",
        file,
        line: 2,
        column: 5,
      });
      const snippet = await capture(runner, {
        language: 'python',
        code: 'def f(:\n    pass\n',
        filename: file,
        firstLine: 30,
      });
      assert.equal(snippet.result.error?.type, 'SyntaxError');
      assert.equal(snippet.result.error?.line, 30);
      assert.ok(snippet.stderr.includes('line 30\n    def f(:\n          ^\n'), snippet.stderr);
    });

    it("imports modules and packages from the program's folder; no runner frames in tracebacks", async () => {
      const main = fixture('project', 'main.py');
      const r = await capture(runner, python(main));
      assert.equal(r.stderr, '');
      assert.equal(
        r.stdout,
        'hello, sibling\n42\ncalls before: 0\ncalls after: 1\n' +
          `main file: ${main}\nname: __main__\n`,
      );
      const bad = await capture(runner, python(fixture('project', 'raises_in_helper.py')));
      assert.equal(bad.result.exitCode, 1);
      const helper = fixture('project', 'broken_helper.py');
      assert.match(bad.stderr, new RegExp(`File "${escape(helper)}", line 2, in explode\n`));
      assert.doesNotMatch(bad.stderr, /scope-lens-runner|<exec>|_pyodide/);
      assert.match(bad.stderr, /KeyError: 'missing'\n$/);
      // The location is in the run's own file (the innermost frame there).
      assert.equal(bad.result.error?.line, 3);
      // No bytecode caches are written into the user's folder.
      assert.ok(!fs.existsSync(fixture('project', '__pycache__')));
    });

    it("sys.argv, the working directory and sys.path[0] as CPython's `python main.py ARGS`", async () => {
      const dir = fixture('cwd_argv');
      const code = fs.readFileSync(path.join(dir, 'main.py'), 'utf8');
      const r = await capture(runner, {
        language: 'python',
        code,
        filename: path.join(dir, 'main.py'),
        cwd: path.join(dir, 'workdir'),
        argv: ['../main.py', 'a', '--flag'],
      });
      assert.equal(r.stderr, '');
      assert.equal(
        r.stdout,
        "['../main.py', 'a', '--flag']\nworkdir\ncwd_argv\nlocalpkg\ndata in the working directory\n",
      );
      // Without a working directory, the program's folder; without argv, the file.
      const plain = await capture(runner, python(path.join(dir, 'main.py')));
      assert.equal(
        plain.stdout,
        `['${path.join(dir, 'main.py')}']\ncwd_argv\ncwd_argv\nlocalpkg\ndata next to the script\n`,
      );
    });

    it('isolates runs: fresh globals, user modules re-imported fresh', async () => {
      const file = fixture('project', 'state.py');
      const first = await capture(runner, {
        language: 'python',
        code: 'secret = 41\nimport helper\nhelper.calls = 100\nprint(secret + 1)\n',
        filename: file,
      });
      assert.equal(first.stdout, '42\n');
      const second = await capture(runner, {
        language: 'python',
        code: "print('secret' in globals())\nimport helper\nprint(helper.calls)\n",
        filename: file,
      });
      assert.equal(second.stderr, '');
      assert.equal(second.stdout, 'False\n0\n');
      // The main program's own folder state also starts over (main.py counts from 0 again).
      const again = await capture(runner, python(fixture('project', 'main.py')));
      assert.match(again.stdout, /calls before: 0\n/);
      // Rebinding sys.stdout or changing the environment does not outlive a run.
      const rebinding = await capture(runner, {
        language: 'python',
        code: 'import io, os, sys\nos.environ["SCOPE_LENS_X"] = "1"\nsys.stdout = io.StringIO()\n',
        filename: file,
      });
      assert.equal(rebinding.result.exitCode, 0);
      const after = await capture(runner, {
        language: 'python',
        code: 'import os\nprint("SCOPE_LENS_X" in os.environ)\n',
        filename: file,
      });
      assert.equal(after.stdout, 'False\n');
    });

    it('sys.exit: 0 is success, anything else exit 1 (a string is printed)', async () => {
      const file = fixture('exits.py');
      const ok = await capture(runner, {
        language: 'python',
        code: 'import sys\nprint("x")\nsys.exit(0)\nprint("no")',
        filename: file,
      });
      assert.equal(ok.result.exitCode, 0);
      assert.equal(ok.stdout, 'x\n');
      const fail = await capture(runner, {
        language: 'python',
        code: 'import sys\nsys.exit("giving up")',
        filename: file,
      });
      assert.equal(fail.result.exitCode, 1);
      assert.equal(fail.stderr, 'giving up\n');
    });
  });

  describe('TypeScript and JavaScript', () => {
    it("a TS program imports the engine from 'scope-lens' and prints scope/w:0", async () => {
      const code = [
        "import { variableScope, getVariable } from 'scope-lens';",
        '',
        'interface Spec { shape: number[] }',
        'const spec: Spec = { shape: [2, 3] };',
        "const w = variableScope('scope', () => getVariable('w', spec));",
        'console.log(w.name);',
        'console.log(JSON.stringify(w.shape));',
      ].join('\n');
      const r = await capture(runner, program('typescript', 'engine.ts', code));
      assert.equal(r.stderr, '');
      assert.equal(r.stdout, 'scope/w:0\n[2,3]\n');
      assert.equal(r.result.exitCode, 0);
      // A fresh graph per run: the same program creates scope/w again instead of failing.
      const again = await capture(runner, program('typescript', 'engine.ts', code));
      assert.equal(again.stdout, 'scope/w:0\n[2,3]\n');
    });

    it('a thrown ValueError: exit 1, its name and message, and a stack on the TS lines', async () => {
      const file = fixture('throws.ts');
      const code = [
        "import { variableScope, getVariable } from 'scope-lens';", // 1
        '', // 2
        'interface Layer {', // 3
        '  units: number;', // 4
        '}', // 5
        '', // 6
        'const layer: Layer = { units: 4 };', // 7
        '', // 8
        'function dense(): void {', // 9
        "  variableScope('dense', () => getVariable('kernel', { shape: [layer.units, 2] }));", // 10
        '}', // 11
        '', // 12
        'dense();', // 13
        "console.log('created once');", // 14
        'dense();', // 15
      ].join('\n');
      const r = await capture(runner, program('typescript', 'throws.ts', code));
      assert.equal(r.result.exitCode, 1);
      assert.equal(r.stdout, 'created once\n');
      assert.equal(r.result.error?.type, 'ValueError');
      assert.match(
        r.result.error?.message ?? '',
        /^Variable dense\/kernel already exists, disallowed/,
      );
      assert.match(r.stderr, /\nValueError: Variable dense\/kernel already exists, disallowed\./);
      // The innermost frame in the program: line 10, inside dense(), called from line 15.
      assert.equal(r.result.error?.line, 10);
      assert.equal(r.result.error?.file, file);
      assert.match(r.stderr, new RegExp(`at dense \\(${escape(file)}:10:\\d+\\)`));
      assert.match(r.stderr, new RegExp(`${escape(file)}:15:\\d+`));
      // "Originally defined at:" points at the first call, in the program's lines.
      assert.match(r.stderr, new RegExp(`File "${escape(file)}", line 10, in `));
      // No frames from Scope Lens or TensorFlow.js.
      assert.doesNotMatch(r.stderr, /out[\\/]src|dist[\\/]|node_modules|node:internal/);
    });

    it('console.error and process.stderr go to stderr, console.log and process.stdout to stdout', async () => {
      const code = [
        "console.log('to stdout');",
        "console.error('to stderr');",
        "process.stdout.write('raw stdout\\n');",
        "process.stderr.write('raw stderr\\n');",
      ].join('\n');
      const r = await capture(runner, program('typescript', 'streams.ts', code));
      assert.equal(r.result.exitCode, 0);
      assert.equal(r.stdout, 'to stdout\nraw stdout\n');
      assert.equal(r.stderr, 'to stderr\nraw stderr\n');
    });

    it('waits for timers and promises; a snippet maps lines (firstLine); syntax errors have line:column', async () => {
      const code = [
        "const { variableScope, getVariable } = require('scope-lens');",
        'async function main() {',
        "  const v = variableScope('a', () => getVariable('v', { shape: [3] }));",
        '  await new Promise((resolve) => setTimeout(resolve, 50));',
        '  const values = await v.value.data();',
        '  console.log(v.name, values.length);',
        "  throw new RangeError('late');",
        '}',
        'main();',
      ].join('\n');
      const r = await capture(runner, {
        language: 'javascript',
        code,
        filename: fixture('async.js'),
        firstLine: 20,
      });
      assert.equal(r.stdout, 'a/v:0 3\n');
      assert.equal(r.result.exitCode, 1);
      assert.equal(r.result.error?.type, 'RangeError');
      assert.equal(r.result.error?.line, 26);

      const bad = await capture(runner, program('typescript', 'bad.ts', 'const x = (;\n'));
      assert.equal(bad.result.exitCode, 1);
      assert.deepEqual(
        [bad.result.error?.type, bad.result.error?.line, bad.result.error?.column],
        ['SyntaxError', 1, 12],
      );
      assert.match(bad.stderr, /bad\.ts:1:12 - error TS1109: Expression expected\./);
    });
  });

  describe('stopping runaway programs', () => {
    it('a timeout stops `while True: pass`; the next run works', async () => {
      const before = (await runner.stats()).threadId;
      const r = await capture(runner, python(fixture('runaway.py'), { timeoutMs: 1500 }));
      assert.equal(r.result.exitCode, 1);
      assert.equal(r.result.timedOut, true);
      assert.equal(r.result.error?.type, 'Timeout');
      assert.equal(r.stdout, 'spinning\n', 'output written before the loop arrives');
      const next = await capture(runner, python(fixture('hello.py')));
      assert.equal(next.stdout, 'hello from python\n');
      assert.notEqual((await runner.stats()).threadId, before, 'the worker was replaced');
      await waitFor(() => runner.liveWorkers === 1, 2000);
      assert.equal(runner.liveWorkers, 1, 'the stopped worker exited');
    });

    it('cancel() stops a runaway program; the main thread keeps ticking meanwhile', async () => {
      let spinning!: () => void;
      const started = new Promise<void>((r) => (spinning = r));
      let settled = false;
      const pending = runner.run(python(fixture('runaway.py'), { timeoutMs: 0 }), {
        onStdout: (s) => s.includes('spinning') && spinning(),
      });
      void pending.then(() => (settled = true));
      await started;
      // The program spins in the worker; this thread still runs its timers. (Were it blocked,
      // the ticks would never come and mocha's timeout would end the test.)
      let ticks = 0;
      await new Promise<void>((resolve) => {
        const interval = setInterval(() => {
          if (++ticks === 25) {
            clearInterval(interval);
            resolve();
          }
        }, 20);
      });
      assert.equal(settled, false, 'the program is still running after 25 ticks');
      runner.cancel();
      const r = await pending;
      assert.equal(r.exitCode, 1);
      assert.equal(r.cancelled, true);
      assert.equal(r.timedOut ?? false, false);
      const next = await capture(runner, python(fixture('hello.py')));
      assert.equal(next.result.exitCode, 0);
    });

    it('an AbortSignal cancels, and a runaway TS loop times out the same way', async () => {
      const controller = new AbortController();
      const pending = runner.run(program('typescript', 'spin.ts', 'for (;;) {}\n'), {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 300);
      const r = await pending;
      assert.equal(r.cancelled, true);
      const t = await runner.run({
        ...program('javascript', 'spin.js', 'while (true) {}\n'),
        timeoutMs: 500,
      });
      assert.equal(t.timedOut, true);
      assert.equal(t.exitCode, 1);
      assert.equal(t.error?.type, 'Timeout');
      const next = await capture(runner, program('javascript', 'ok.js', "console.log('ok')"));
      assert.equal(next.stdout, 'ok\n');

      // A run waiting behind another resolves as soon as its own signal aborts.
      const first = runner.run({
        ...program('javascript', 'spin.js', 'for (;;) {}\n'),
        timeoutMs: 0,
      });
      const queued = new AbortController();
      const second = runner.run(program('javascript', 'ok.js', "console.log('ok')"), {
        signal: queued.signal,
      });
      queued.abort();
      assert.equal((await second).cancelled, true);
      runner.cancel();
      assert.equal((await first).cancelled, true);
    });

    it('a cancel while the run is still being prepared (files that never come) ends it', async () => {
      // The browser's runner reads the workspace before each run (web-runner.ts); a file system
      // that stops answering must not hold a run the user cancels.
      let stall = true;
      class Stalling extends Runner {
        protected override beforeRun(): Promise<Partial<ToWorker>> {
          return stall ? new Promise<never>(() => undefined) : Promise.resolve({});
        }
      }
      const stalling = new Stalling();
      try {
        const controller = new AbortController();
        const pending = stalling.run(program('javascript', 'ok.js', "console.log('ok')"), {
          signal: controller.signal,
        });
        setTimeout(() => controller.abort(), 100);
        const r = await pending;
        assert.equal(r.cancelled, true);
        stall = false;
        const next = await capture(stalling, program('javascript', 'ok.js', "console.log('ok')"));
        assert.equal(next.stdout, 'ok\n');
      } finally {
        await stalling.dispose();
      }
    });
  });

  describe('the contract with the tensorflow package', () => {
    it("puts the package folder on sys.path after the program's folder, registers scope_lens_engine, and calls _reset_for_run before each run", async () => {
      const stubbed = new Runner({ pythonDir: fixture('stub_python') });
      try {
        const code = [
          'import tensorflow as tf',
          'import scope_lens_engine',
          'print(tf.__file__)',
          'print(tf.engine_module is scope_lens_engine)',
          'tf.state.append(1)',
          'print(tf.resets, len(tf.state))',
        ].join('\n');
        const req = { language: 'python' as const, code, filename: fixture('contract.py') };
        const first = await capture(stubbed, req);
        assert.equal(first.stderr, '');
        // Mounted at a fixed place inside Pyodide (tracebacks show the host path).
        const init = '/scope_lens/python/tensorflow/__init__.py';
        assert.equal(first.stdout, `${init}\nTrue\n0 1\n`);
        const second = await capture(stubbed, req);
        assert.equal(second.stdout, `${init}\nTrue\n1 1\n`);
        const failing = await capture(stubbed, {
          ...req,
          code: 'import tensorflow\ntensorflow.missing_function()',
        });
        assert.match(failing.stderr, /AttributeError: module 'tensorflow' has no attribute/);
      } finally {
        await stubbed.dispose();
      }
    });

    it('the shipped tensorflow package is found (dist/python or src/runtime/python) and isolated per run', async () => {
      const code = [
        'import tensorflow as tf',
        'with tf.variable_scope("s"):',
        '    v = tf.get_variable("w", [2, 3])',
        'print(v.name)',
      ].join('\n');
      const req = { language: 'python' as const, code, filename: fixture('shipped.py') };
      for (let i = 0; i < 2; i++) {
        const r = await capture(runner, req);
        assert.equal(r.stderr, '');
        assert.equal(r.stdout, 's/w:0\n');
      }
    });
  });

  describe('memory', () => {
    it('100 short runs leave the worker at its baseline (heap, tensors, Python objects)', async () => {
      const ts = program(
        'typescript',
        'leak.ts',
        "import { variableScope, getVariable } from 'scope-lens';\n" +
          "variableScope('m', () => [getVariable('a', { shape: [64, 64] }), getVariable('b', { shape: [64] })]);\n",
      );
      const py: RunRequest = {
        language: 'python',
        code:
          'import helper\nfrom pkg import util\nimport json\n' +
          'data = [list(range(100)) for _ in range(100)]\n' +
          'print(json.dumps(util.double(len(data))))\n',
        filename: fixture('project', 'leak.py'),
      };
      const failing: RunRequest = {
        ...py,
        code: 'import helper\nraise RuntimeError("x" * 1000)\n',
      };
      const tf: RunRequest = {
        ...py,
        code: [
          'import tensorflow as tf',
          'with tf.variable_scope("s"):',
          '    v = tf.get_variable("w", [30, 30])',
          'y = tf.reduce_sum(v * 2.0)',
          'with tf.Session() as sess:',
          '    sess.run(tf.global_variables_initializer())',
          '    sess.run(y)',
        ].join('\n'),
      };
      const kinds = [ts, py, failing, tf];
      const runs = async (n: number) => {
        for (let i = 0; i < n; i++) {
          const req = kinds[i % kinds.length];
          const r = await runner.run(req, {
            onStderr: (s) => assert.ok(req === failing, `unexpected stderr: ${s}`),
          });
          assert.equal(r.exitCode, req === failing ? 1 : 0);
        }
        // Measure after the same kind of run each time.
        assert.equal((await runner.run(ts)).exitCode, 0);
      };
      // The lowest of three measurements, each after a full GC: one GC can leave garbage behind.
      const settled = async () => {
        const all = [];
        for (let i = 0; i < 3; i++) all.push(await runner.stats({ gc: true }));
        return all.reduce((a, b) => (b.heapUsed < a.heapUsed ? b : a));
      };
      await runs(60);
      const base = await settled();
      await runs(100);
      const end = await settled();
      assert.equal(end.numTensors, base.numTensors, 'tensors back at baseline');
      const heapGrowth = end.heapUsed - base.heapUsed;
      // V8 and the TypeScript compiler fill caches during the first runs (the 60 above), then the
      // heap stays level (measured: +0.4 MB over these 100 runs, and it levels off at 2-3 MB
      // over 20,000); 2 MB catches a leak of 20 KB per run.
      assert.ok(heapGrowth < 2 * 2 ** 20, `JS heap grew ${(heapGrowth / 2 ** 20).toFixed(2)} MB`);
      const pyGrowth = end.pythonObjects - base.pythonObjects;
      assert.ok(pyGrowth < 100, `Python objects grew by ${pyGrowth}`);
      const wasmGrowth = end.wasmMemoryBytes - base.wasmMemoryBytes;
      assert.ok(wasmGrowth <= 8 * 2 ** 20, `wasm memory grew ${wasmGrowth} bytes`);
      assert.equal(end.threadId, base.threadId);
    });
  });
});

describe('runtime: scope-lens run (CLI, bundled)', function () {
  this.timeout(60_000);

  it('runs a Python file: its output, exit 0', () => {
    const r = spawnSync('node', [cli, 'run', 'test/runtime/fixtures/hello.py'], {
      cwd: root,
      encoding: 'utf8',
    });
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, 'hello from python\n');
    assert.equal(r.status, 0);
  });

  it('a failing file exits 1 with its traceback on stderr', () => {
    const r = spawnSync('node', [cli, 'run', fixture('fails.py')], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, 'before\n');
    assert.match(r.stderr, /^Traceback \(most recent call last\):\n/);
    assert.match(r.stderr, /ValueError: expected a matrix, got shape \[3\]\n$/);
  });

  it('a missing file exits 2 with a clear message; so do bad options', () => {
    const r = spawnSync('node', [cli, 'run', 'no/such/file.py'], { encoding: 'utf8' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot open 'no\/such\/file\.py': no such file/);
    const t = spawnSync('node', [cli, 'run', fixture('hello.py'), '--timeout', 'soon'], {
      encoding: 'utf8',
    });
    assert.equal(t.status, 2);
    const u = spawnSync('node', [cli, 'run', fixture('hello.txt')], { encoding: 'utf8' });
    assert.equal(u.status, 2);
    assert.match(u.stderr, /expected a \.py, \.ts or \.js file/);
  });

  it('--timeout stops a runaway program: exit 1 and a message', () => {
    const r = spawnSync('node', [cli, 'run', fixture('runaway.py'), '--timeout', '1'], {
      encoding: 'utf8',
    });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, 'spinning\n');
    assert.match(r.stderr, /did not finish within 1 s/);
  });

  it("runs in the shell's working directory with sys.argv = FILE as given and its arguments", () => {
    const r = spawnSync(
      'node',
      [cli, 'run', '../main.py', 'a', '--flag', '--timeout', '20', '--', '--timeout', 'b'],
      { cwd: fixture('cwd_argv', 'workdir'), encoding: 'utf8' },
    );
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      "['../main.py', 'a', '--flag', '--timeout', 'b']\nworkdir\ncwd_argv\nlocalpkg\n" +
        'data in the working directory\n',
    );
    assert.equal(r.status, 0);
  });

  it('scope-lens --help lists run', () => {
    const r = spawnSync('node', [cli, '--help'], { encoding: 'utf8' });
    assert.match(r.stdout, /scope-lens run FILE/);
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
