/**
 * Programs that misbehave get TF's behaviour and never take down the process: lazy large values
 * and TF's ResourceExhaustedError, the run worker's resource limits, the NotImplementedError
 * contract, tracebacks without the module's internals, flags / logging / summaries, and the
 * generated list of covered APIs (docs/python-api.md).
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as engine from '../../src/index';
import { tf } from '../../src/engine/backend';
import { API_LIST_FILE, apiListMarkdown } from '../../src/runtime/api-list';
import { Runner } from '../../src/runtime/runner';
import type { RunRequest } from '../../src/runtime/runner';
import { projectRoot } from '../support';
import { assertRunsLeaveBaseline, runCapturing } from './capture';

const root = projectRoot();
const file = path.join(root, 'test', 'runtime', 'fixtures', 'robust.py');

const OOM = (shape: string) =>
  `OOM when allocating tensor with shape[${shape}] and type float on ` +
  '/job:localhost/replica:0/task:0/device:CPU:0 by allocator cpu';

function py(code: string): RunRequest {
  return { language: 'python', code, filename: file };
}

const run = runCapturing;

describe('runtime: programs that misbehave', function () {
  this.timeout(300_000);
  let runner: Runner;
  before(() => {
    runner = new Runner({ timeoutMs: 120_000 });
  });
  after(async () => {
    await runner.dispose();
  });

  it("tf.zeros([100000, 100000]) builds a node; running it raises TF's OOM; the runner stays usable", async () => {
    const r = await run(
      runner,
      py(
        [
          'import tensorflow as tf',
          'z = tf.zeros([100000, 100000])',
          'print(z, z.op.type)',
          'with tf.Session() as sess:',
          '    try:',
          '        sess.run(z)',
          '    except tf.errors.ResourceExhaustedError as e:',
          '        print(type(e).__name__, e.error_code)',
          '        print(e)',
          '    print(sess.run(tf.reduce_sum(tf.zeros([2000, 3]) + 1.0)))',
          'sess = tf.Session()',
          'sess.run(tf.ones([100000, 100000]))',
        ].join('\n'),
      ),
    );
    assert.equal(
      r.stdout,
      'Tensor("zeros:0", shape=(100000, 100000), dtype=float32) Fill\n' +
        `ResourceExhaustedError 8\n${OOM('100000,100000')}\n6000.0\n`,
    );
    assert.equal(r.exitCode, 1);
    assert.equal(r.error?.type, 'ResourceExhaustedError');
    assert.equal(r.error?.message, OOM('100000,100000'));
    // The traceback: the user's frames only, and TF's class path.
    assert.match(
      r.stderr,
      /^Traceback \(most recent call last\):\n {2}File ".*robust\.py", line 12, in <module>\n/,
    );
    assert.ok(!r.stderr.includes('python/tensorflow'), r.stderr);
    assert.ok(
      r.stderr.endsWith(
        `tensorflow.python.framework.errors_impl.ResourceExhaustedError: ${OOM('100000,100000')}\n`,
      ),
      r.stderr,
    );
    const next = await run(runner, py('print(1 + 1)'));
    assert.equal(next.stdout, '2\n');
  });

  it('a shape known only at run time is checked when the op runs', async () => {
    const r = await run(
      runner,
      py(
        [
          'import tensorflow as tf',
          'n = tf.placeholder(tf.int32, [2])',
          'y = tf.random_normal(n)',
          'with tf.Session() as sess:',
          '    print(sess.run(tf.shape(y), {n: [2, 3]}))',
          '    sess.run(tf.reduce_sum(y), {n: [100000, 100000]})',
        ].join('\n'),
      ),
    );
    assert.equal(r.stdout, '[2 3]\n');
    assert.equal(r.error?.type, 'ResourceExhaustedError');
    assert.equal(r.error?.message, OOM('100000,100000'));
  });

  it('variables larger than memory: building costs nothing; the initializer raises OOM', async () => {
    const r = await run(
      runner,
      py(
        [
          'import tensorflow as tf',
          'big = tf.get_variable("big", [100000, 100000])',
          '# BERT-base-sized: 24 matrices of 768 x 3072 and the embeddings, 8 GB of them lazily',
          'with tf.variable_scope("bert"):',
          '    emb = tf.get_variable("word_embeddings", [30522, 768],',
          '                          initializer=tf.truncated_normal_initializer(stddev=0.02))',
          '    for i in range(24):',
          '        tf.get_variable("layer_%d/kernel" % i, [768, 3072])',
          '    huge = [tf.Variable(tf.zeros([20000, 20000]), name="h%d" % i) for i in range(5)]',
          'print(big)',
          'print(len(tf.global_variables()), huge[4].name)',
          'with tf.Session() as sess:',
          '    sess.run(tf.variables_initializer([emb]))',
          '    print(sess.run(tf.shape(emb)))',
          '    sess.run(tf.global_variables_initializer())',
        ].join('\n'),
      ),
    );
    assert.equal(
      r.stdout,
      "<tf.Variable 'big:0' shape=(100000, 100000) dtype=float32_ref>\n31 bert/h4:0\n[30522   768]\n",
    );
    assert.equal(r.error?.type, 'ResourceExhaustedError');
    assert.equal(r.error?.message, OOM('100000,100000'));
    // Until the next run resets the graph, only `emb` holds tensors (its value and the kept
    // initial value) besides `tf.shape(emb)`, a Const as in TF: no other variable's value was
    // ever made.
    const stats = await runner.stats({ gc: true });
    assert.equal(stats.numTensors, 3);
  });

  it("100 OOM runs in one session leave the worker's memory at its baseline", async () => {
    const oom = py(
      [
        'import tensorflow as tf',
        'v = tf.get_variable("v", [100000, 100000])',
        'w = tf.get_variable("w", [300, 300])',
        'with tf.Session() as sess:',
        '    sess.run(tf.zeros([100000, 100000]))',
      ].join('\n'),
    );
    const runs = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const r = await runner.run(oom);
        assert.equal(r.error?.type, 'ResourceExhaustedError');
      }
    };
    // The bounds would show a leak of the failed tensors (40 GB each) or of their graphs.
    await assertRunsLeaveBaseline(runner, runs);
  });

  it('infinite recursion is a RecursionError; the next run works', async () => {
    const r = await run(runner, py('def f(n):\n    return f(n + 1)\nf(0)\n'));
    assert.equal(r.error?.type, 'RecursionError');
    assert.equal((await run(runner, py('print("ok")'))).stdout, 'ok\n');
  });

  it("a program exceeding the worker's heap limit ends with a worker error; the runner lives on", async () => {
    const small = new Runner({ resourceLimits: { maxOldGenerationSizeMb: 64 } });
    try {
      const r = await run(small, {
        language: 'javascript',
        code: 'const l = [];\nwhile (true) l.push({ a: [1, 2, 3], b: String(l.length) });\n',
        filename: path.join(root, 'test', 'runtime', 'fixtures', 'robust.js'),
      });
      assert.equal(r.exitCode, 1);
      assert.equal(r.error?.type, 'WorkerError');
      assert.equal(
        r.error?.message,
        "scope-lens: the program ran out of memory (the run worker's heap limit is 64 MB) and was stopped",
      );
      assert.equal((await run(small, py('print("alive")'))).stdout, 'alive\n');
    } finally {
      await small.dispose();
    }
  });

  it('every missing API raises NotImplementedError naming it; real AttributeErrors stay', async () => {
    const missing = [
      'tf.foo',
      'tf.data',
      'tf.FIFOQueue',
      'tf.nn.foo',
      'tf.nn.rnn_cell.foo',
      'tf.contrib.foo',
      'tf.contrib.layers.foo',
      'tf.contrib.slim.foo',
      'tf.keras.foo',
      'tf.keras.initializers.foo',
      'tf.layers.foo',
      'tf.train.import_meta_graph',
      'tf.summary.foo',
      'tf.logging.foo',
      'tf.app.foo',
      'tf.image.foo',
      'tf.initializers.foo',
      'tf.compat.foo',
    ];
    const code = [
      'import tensorflow as tf',
      `for path in ${JSON.stringify(missing)}:`,
      '    try:',
      '        eval(path)',
      '        print("no error", path)',
      '    except NotImplementedError as e:',
      '        print(e)',
      'try:',
      '    import tensorflow.contrib.foo',
      'except NotImplementedError as e:',
      '    print(e)',
      'try:',
      '    from tensorflow.python.ops import gen_array_ops',
      'except NotImplementedError as e:',
      '    print(e)',
      'try:',
      '    tf.compat.v1.xyz',
      'except NotImplementedError as e:',
      '    print(e)',
      'for thing in (tf.constant(1.0), tf.get_variable("v", [1]), tf.Session()):',
      '    try:',
      '        thing.foo',
      '    except AttributeError as e:',
      '        print(e)',
    ].join('\n');
    const r = await run(runner, py(code));
    const say = (p: string) =>
      `Scope Lens's tensorflow module does not implement ${p} (TensorFlow 1.15 API).\n`;
    assert.equal(r.stderr, '');
    assert.equal(
      r.stdout,
      missing.map(say).join('') +
        say('tf.contrib.foo') +
        say('tf.python.ops') +
        say('tf.xyz') +
        "'Tensor' object has no attribute 'foo'\n" +
        "'RefVariable' object has no attribute 'foo'\n" +
        "'Session' object has no attribute 'foo'\n",
    );
  });

  it("a get_variable error: the user's frames only, never the module's internals", async () => {
    const r = await run(
      runner,
      py(
        [
          'import tensorflow as tf',
          'def build():',
          '    return tf.get_variable("w", [2])',
          'build()',
          'build()',
        ].join('\n'),
      ),
    );
    assert.equal(r.error?.type, 'ValueError');
    const traceback = r.stderr.slice(0, r.stderr.indexOf('\nValueError: '));
    const frames = [...traceback.matchAll(/^ {2}File "([^"]*)", line (\d+), in (\S+)$/gm)].map(
      (m) => `${path.basename(m[1])}:${m[2]}:${m[3]}`,
    );
    assert.deepEqual(frames, ['robust.py:5:<module>', 'robust.py:3:build']);
    assert.ok(r.stderr.includes('ValueError: Variable w already exists, disallowed.'), r.stderr);
    assert.ok(!/_engine|_variable_scope|translate\(e\)/.test(r.stderr), r.stderr);
  });

  it('tf.app.flags, tf.app.run, tf.logging, tf.set_random_seed and tf.summary as TF gives them', async () => {
    const r = await run(
      runner,
      py(
        [
          'import tensorflow as tf',
          'flags = tf.app.flags',
          'flags.DEFINE_string("data_dir", "/tmp/data", "where")',
          'flags.DEFINE_integer("batch_size", 32, "batch")',
          'tf.flags.DEFINE_float("lr", 0.1, "rate")',
          'flags.DEFINE_boolean("train", True, "train?")',
          'flags.DEFINE_bool("eval", False, "eval?")',
          'flags.DEFINE_list("layers", "1,2", "sizes")',
          'FLAGS = flags.FLAGS',
          'tf.logging.info("hidden at WARN")',
          'tf.logging.set_verbosity(tf.logging.INFO)',
          'tf.logging.info("step %d", 3)',
          'tf.logging.warning("careful")',
          'tf.set_random_seed(7)',
          'x = tf.placeholder(tf.float32, [])',
          'with tf.name_scope("train"):',
          '    s1 = tf.summary.scalar("loss", x)',
          's2 = tf.summary.histogram("h", x)',
          's3 = tf.summary.scalar("loss", x)',
          's4 = tf.summary.image("im", tf.zeros([1, 2, 2, 3]))',
          'merged = tf.summary.merge_all()',
          'print(s1, s2, s3, s4, merged)',
          'print([t.op.type for t in (s1, s2, s4, merged)], [t.name for t in s1.op.inputs])',
          'def main(argv):',
          '    print(argv, FLAGS.data_dir, FLAGS.batch_size, FLAGS.lr, FLAGS.train, FLAGS.eval,',
          '          FLAGS.layers)',
          '    with tf.Session() as sess:',
          '        writer = tf.summary.FileWriter("/nonexistent/logs", sess.graph)',
          '        out = sess.run(merged, {x: 1.5})',
          '        writer.add_summary(out, 1)',
          '        writer.close()',
          '        print(repr(out), len(writer.events))',
          '        sess.run(merged)',
          'tf.app.run(argv=["prog", "--batch_size", "64", "--notrain", "rest", "--eval",',
          '                 "--layers=a,b", "--unknown=1"])',
        ].join('\n'),
      ),
    );
    assert.equal(
      r.stdout,
      'Tensor("train/loss:0", shape=(), dtype=string) Tensor("h:0", shape=(), dtype=string) ' +
        'Tensor("loss:0", shape=(), dtype=string) Tensor("im:0", shape=(), dtype=string) ' +
        'Tensor("Merge/MergeSummary:0", shape=(), dtype=string)\n' +
        "['ScalarSummary', 'HistogramSummary', 'ImageSummary', 'MergeSummary'] " +
        "['train/loss/tags:0', 'Placeholder:0']\n" +
        "['prog', 'rest', '--unknown=1'] /tmp/data 64 0.1 False True ['a', 'b']\n" +
        "b'' 2\n",
    );
    assert.ok(
      r.stderr.startsWith('INFO:tensorflow:step 3\nWARNING:tensorflow:careful\n'),
      r.stderr,
    );
    // Running a summary evaluates its inputs: the unfed placeholder fails as in TF.
    assert.equal(r.error?.type, 'InvalidArgumentError');
    assert.ok(!fs.existsSync('/nonexistent'));
    // The next run starts with no flags and WARN verbosity.
    const next = await run(
      runner,
      py(
        'import tensorflow as tf\ntf.app.flags.DEFINE_integer("batch_size", 1, "b")\n' +
          'tf.logging.info("hidden")\nprint(tf.app.flags.FLAGS.batch_size)\n',
      ),
    );
    assert.equal(next.stdout, '1\n');
    assert.equal(next.stderr, '');
  });

  it(`${API_LIST_FILE} is what scripts/api-list.py makes of the module now`, async () => {
    const now = await apiListMarkdown(root);
    const committed = fs.readFileSync(path.join(root, API_LIST_FILE), 'utf8');
    assert.ok(
      now === committed,
      `${API_LIST_FILE} is stale: run \`npx tsc -p . && node scripts/gen-api-list.mjs\``,
    );
    assert.match(now, /`get_variable`/);
    assert.match(now, /## `tf\.summary`\n\n`FileWriter`/);
  });
});

describe('engine: lazy values and the memory budget (TypeScript API)', () => {
  afterEach(() => {
    engine.resetDefaultGraph();
    engine.setMemoryBudget(null);
  });

  it('a large variable is made on first read; one over the budget throws ResourceExhaustedError', () => {
    const before = tf.memory().numTensors;
    const get = (name: string, shape: number[]) =>
      engine.getVariable(name, { shape }) as engine.Variable;
    const big = get('big', [100000, 100000]);
    const emb = get('emb', [3000, 768]);
    const small = get('small', [3, 4]);
    assert.equal(big.toString(), "<tf.Variable 'big:0' shape=(100000, 100000) dtype=float32_ref>");
    assert.deepEqual(big.shape, [100000, 100000]);
    assert.equal(big.isMaterialized, false);
    assert.equal(emb.isMaterialized, false);
    assert.equal(small.isMaterialized, true);
    assert.equal(tf.memory().numTensors, before + 1);
    assert.deepEqual(emb.value.shape, [3000, 768]);
    assert.equal(emb.isMaterialized, true);
    assert.throws(
      () => big.value,
      (e: Error) =>
        e instanceof engine.ResourceExhaustedError &&
        e.name === 'ResourceExhaustedError' &&
        e.message === OOM('100000,100000'),
    );
  });

  it('the budget counts live tensors; checks still run at creation', () => {
    engine.setMemoryBudget(8 * 2 ** 20);
    const a = engine.getVariable('a', { shape: [1024, 1024 * 3] }) as engine.Variable;
    assert.throws(
      () => a.value,
      /OOM when allocating tensor with shape\[1024,3072\] and type float/,
    );
    engine.setMemoryBudget(null);
    assert.equal(a.value.shape[1], 3072);
    // What TF checks when it calls the initializer fails at creation, lazy or not.
    for (const n of [2, 1024]) {
      assert.throws(
        () =>
          engine.getVariable(`i${n}`, {
            shape: [n, n],
            dtype: engine.DTypes.int32,
            initializer: engine.initializers.randomNormal(),
          }),
        (e: Error) =>
          e.name === 'TypeError' &&
          e.message === "Expected int32, got 0.0 of type 'float' instead.",
      );
      assert.throws(
        () =>
          engine.getVariable(`o${n}`, {
            shape: [n * n],
            initializer: engine.initializers.orthogonal(),
          }),
        /The tensor to initialize must be at least two-dimensional/,
      );
    }
  });
});
