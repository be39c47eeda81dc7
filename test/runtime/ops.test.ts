/**
 * The runtime's ops against real TensorFlow (test/runtime/op-values.json, recorded by
 * scripts/oracle/ops/record.py): each recorded program runs in the runtime (one Pyodide for all)
 * in a fresh graph, and every output must have TF's tensor name, static shape and dtype, and the
 * value a Session computes. Float values match within 1e-4 relative + 1e-5 absolute (float32
 * kernels on TensorFlow.js vs TF's own); ints and bools exactly.
 *
 * Shape errors: invalid cases of the shape table (test/core/op-shapes.json) built in the runtime
 * raise ValueError with TF 1.15's full text.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Runner } from '../../src/runtime/runner';
import { projectRoot } from '../support';

const root = projectRoot();
const RTOL = 1e-4;
const ATOL = 1e-5;

interface Output {
  name: string;
  shape: (number | null)[] | null;
  dtype: string;
  value?: unknown;
}
interface ValueCase {
  key: string;
  code: string;
  outputs: Output[];
}
interface ShapeCase {
  fn: string;
  inputs: unknown[];
  attrs: Record<string, unknown>;
  error?: string;
}

const values = JSON.parse(
  fs.readFileSync(path.join(root, 'test', 'runtime', 'op-values.json'), 'utf8'),
) as { cases: ValueCase[] };
const shapes = JSON.parse(
  fs.readFileSync(path.join(root, 'test', 'core', 'op-shapes.json'), 'utf8'),
) as { cases: ShapeCase[] };

/** The shape-table errors the runtime builds, as Python building them from placeholders. */
const ERROR_BUILDERS: Record<string, (c: ShapeCase) => string> = {
  matmul: () => 'tf.matmul(xs[0], xs[1])',
  reshape: (c) => `tf.reshape(xs[0], ${JSON.stringify(c.attrs.shape)})`,
  reduce: (c) => `tf.reduce_sum(xs[0], axis=${JSON.stringify(c.attrs.axis)})`,
  bias_add: () => 'tf.nn.bias_add(xs[0], xs[1])',
  squeeze: (c) => `tf.squeeze(xs[0], ${JSON.stringify(c.attrs.axis)})`,
  strided_slice: (c) => {
    const masks = Object.entries(c.attrs)
      .filter(([k]) => k.endsWith('_mask'))
      .map(([k, v]) => `, ${k}=${String(v)}`)
      .join('');
    const list = (k: string) => JSON.stringify(c.attrs[k]);
    return `tf.strided_slice(xs[0], ${list('begin')}, ${list('end')}, ${list('strides')}${masks})`;
  },
  range: (c) =>
    `tf.range(${pyLiteral(c.attrs.start)}, ${pyLiteral(c.attrs.limit)}, ${pyLiteral(c.attrs.delta)})`,
  conv2d: (c) =>
    `tf.nn.conv2d(xs[0], xs[1], ${JSON.stringify(c.attrs.strides)}, '${String(c.attrs.padding)}')`,
};
const errorCases = shapes.cases.filter((c) => c.error && ERROR_BUILDERS[c.fn]);

function pyLiteral(v: unknown): string {
  return JSON.stringify(v).replace(/null/g, 'None');
}

const DRIVER = String.raw`
import json
import tensorflow as tf


def describe(t, v):
    s = t.shape
    d = {"name": t.name, "shape": None if s.dims is None else s.as_list(), "dtype": t.dtype.name}
    if v is not None:
        d["value"] = v.tolist() if hasattr(v, "tolist") else v
    return d


def run_case(key, code):
    tf.reset_default_graph()
    scope = {"tf": tf}
    try:
        exec(code, scope)
        outs = scope["out"]
        outs = list(outs) if isinstance(outs, (list, tuple)) else [outs]
        tensors = [o for o in outs if isinstance(o, tf.Tensor)]
        others = [o for o in outs if not isinstance(o, tf.Tensor)]
        with tf.Session() as sess:
            sess.run(tf.global_variables_initializer())
            sess.run(tf.local_variables_initializer())
            vals = sess.run(tensors)
        result = [describe(t, v) for t, v in zip(tensors, vals)]
        result += [describe(o, None) for o in others]
    except Exception as e:
        result = {"error": "%s: %s" % (type(e).__name__, e)}
    print("CASE " + json.dumps({"key": key, "result": result}))


def run_error(key, inputs, build):
    tf.reset_default_graph()
    xs = []
    for spec in inputs:
        dtype, shape = (spec[0], spec[1]) if spec and isinstance(spec[0], str) else ("float32", spec)
        xs.append(tf.placeholder(getattr(tf, dtype), shape))
    try:
        eval(build, {"tf": tf, "xs": xs})
        result = {"error": None}
    except ValueError as e:
        result = {"error": str(e)}
    print("CASE " + json.dumps({"key": key, "result": result}))
`;

function program(): string {
  const lines = [DRIVER];
  for (const c of values.cases)
    lines.push(`run_case(${pyLiteral(c.key)}, ${JSON.stringify(c.code)})`);
  errorCases.forEach((c, i) =>
    lines.push(
      `run_error("error-${i}", ${pyLiteral(c.inputs)}, ${JSON.stringify(ERROR_BUILDERS[c.fn](c))})`,
    ),
  );
  return lines.join('\n');
}

function close(actual: unknown, expected: unknown, where: string): void {
  if (Array.isArray(expected)) {
    assert.ok(Array.isArray(actual), `${where}: expected a list, got ${JSON.stringify(actual)}`);
    assert.equal(actual.length, expected.length, `${where}: length`);
    expected.forEach((e, i) => close(actual[i], e, `${where}[${i}]`));
    return;
  }
  if (typeof expected === 'number' && typeof actual === 'number' && !Number.isInteger(expected)) {
    assert.ok(
      Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected),
      `${where}: ${actual} vs ${expected}`,
    );
    return;
  }
  if (typeof expected === 'number' && typeof actual === 'number') {
    assert.ok(
      Math.abs(actual - expected) <= ATOL + RTOL * Math.abs(expected),
      `${where}: ${actual} vs ${expected}`,
    );
    return;
  }
  assert.deepEqual(actual, expected, where);
}

describe('runtime: ops compute what TensorFlow computes, with its names and shapes', function () {
  this.timeout(240_000);
  const results = new Map<string, unknown>();
  let stderr = '';

  before(async () => {
    const runner = new Runner();
    try {
      let stdout = '';
      const filename = path.join(root, 'test', 'runtime', 'ops-driver.py');
      await runner.run(
        { language: 'python', code: program(), filename, cwd: root },
        { onStdout: (s) => (stdout += s), onStderr: (s) => (stderr += s) },
      );
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('CASE ')) continue;
        const r = JSON.parse(line.slice(5)) as { key: string; result: unknown };
        results.set(r.key, r.result);
      }
    } finally {
      runner.dispose();
    }
  });

  it('has the recorded programs and error cases', () => {
    assert.ok(values.cases.length >= 40);
    assert.ok(errorCases.length >= 6);
  });

  for (const c of values.cases) {
    it(c.key, () => {
      const got = results.get(c.key) as Output[] | { error: string } | undefined;
      assert.ok(got, `no result; stderr:\n${stderr.slice(-2000)}`);
      assert.ok(Array.isArray(got), JSON.stringify(got));
      assert.deepEqual(
        got.map((o) => [o.name, o.shape, o.dtype]),
        c.outputs.map((o) => [o.name, o.shape, o.dtype]),
      );
      c.outputs.forEach((o, i) => {
        if ('value' in o) close(got[i].value, o.value, `${c.key} ${o.name}`);
      });
    });
  }

  errorCases.forEach((c, i) => {
    it(`raises TF's shape error: ${c.fn} ${JSON.stringify(c.inputs)} ${JSON.stringify(c.attrs)}`, () => {
      const got = results.get(`error-${i}`) as { error: string | null } | undefined;
      assert.ok(got, `no result; stderr:\n${stderr.slice(-2000)}`);
      assert.equal(got.error, c.error);
    });
  });
});
