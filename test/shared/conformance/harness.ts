/**
 * Shared harness of the conformance mirrors: each test re-states one TF 1.15 program of
 * ../shared/conformance (`NNN_name.py`) against the public TS API, builds the lines Python
 * would print, and compares them with the program's `NNN_name.expected`, line for line.
 *
 * This module does not know any TF rule. It only reads the corpus, formats values the way
 * Python's `print` does (`True`, `''`, `[2.0, 2.0]`, `['a:0']`), turns `except ValueError` into a
 * `try`/`catch` that lets every other error through, and keeps every test on a fresh default graph
 * with tfjs's tensor count back at its baseline afterwards.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import {
  PartitionedVariable,
  resetDefaultGraph,
  TypeError as PyTypeError,
  ValueError,
  Variable,
} from '../../../src/index';
import { sharedDir } from '../../support';

/** The reference corpus folder (../shared/conformance, or $SCOPE_LENS_SHARED/conformance). */
export const CORPUS_DIR = sharedDir('conformance');

/** Stems (`004_nested_scope_names`) of every program in the corpus, sorted. */
export function corpusPrograms(): string[] {
  return fs
    .readdirSync(CORPUS_DIR)
    .filter((f) => /^\d{3}_.*\.py$/.test(f))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The exact stdout TF 1.15 printed for a program, one string per line. */
export function expectedLines(stem: string): string[] {
  const text = fs.readFileSync(path.join(CORPUS_DIR, `${stem}.expected`), 'utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** `004_nested_scope_names` → `004 nested scope names`. */
export function testTitle(stem: string): string {
  return stem.replace(/_/g, ' ');
}

/** Tensors a test made itself (inputs it passed to the engine); disposed after the test. */
const testOwned: tf.Tensor[] = [];

/** Registers a tensor the test created so that it is disposed after the test. */
export function keep<T extends tf.Tensor>(t: T): T {
  testOwned.push(t);
  return t;
}

/**
 * A `describe` whose tests each start from a fresh default graph and must leave tfjs's tensor
 * count where it was before the suite once the graph is reset (every tensor the engine made is
 * owned by its graph).
 */
export function describeConformance(title: string, body: () => void): void {
  describe(title, () => {
    let baseline = 0;
    before(() => {
      resetDefaultGraph();
      baseline = tf.memory().numTensors;
    });
    beforeEach(() => {
      resetDefaultGraph();
    });
    afterEach(() => {
      for (const t of testOwned.splice(0)) if (!t.isDisposed) t.dispose();
      resetDefaultGraph();
      assert.equal(tf.memory().numTensors, baseline, 'tensors leaked by the test or the engine');
    });
    body();
  });
}

/**
 * One mirrored program: `run` returns the lines the Python program prints; they must equal its
 * `.expected` file exactly.
 */
export function program(stem: string, run: () => string[]): void {
  it(testTitle(stem), () => {
    const expected = expectedLines(stem);
    const actual = run();
    assert.deepEqual(actual, expected);
  });
}

/** `str(e).splitlines()[0]`. */
export function firstLine(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  return message.split(/\r\n|\r|\n/)[0];
}

/**
 * `try: fn() except ValueError as e: print("ValueError:", str(e).splitlines()[0])`. Any other
 * error propagates, as it would in Python.
 */
export function exceptValueError(out: string[], fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof ValueError)) throw e;
    out.push(`ValueError: ${firstLine(e)}`);
  }
}

/** The same for `except TypeError` (TF's TypeError as Scope Lens throws it). */
export function exceptTypeError(out: string[], fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof PyTypeError)) throw e;
    out.push(`TypeError: ${firstLine(e)}`);
  }
}

/** `str(bool)`. */
export function pyBool(b: boolean): string {
  return b ? 'True' : 'False';
}

/** `repr(str)`: single quotes unless the text holds one and no double quote. */
export function pyRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t');
  return quote + (quote === "'" ? body.replace(/'/g, "\\'") : body) + quote;
}

/** `repr(float)`: shortest round-trip digits, `2.0`, `0.5`, `1e-05`, `1e+16`. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = x.toExponential().split('e');
  const exp = Number(expText);
  if (exp < -4 || exp >= 16) {
    return `${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(x);
  return s.includes('.') ? s : `${s}.0`;
}

/** A value from `arraySync()` as `ndarray.tolist()` prints: ints or floats by the dtype. */
export function pyValue(x: unknown, floating: boolean): string {
  if (Array.isArray(x)) return `[${x.map((e) => pyValue(e, floating)).join(', ')}]`;
  if (typeof x === 'boolean') return pyBool(x);
  if (typeof x === 'number') return floating ? pyFloat(x) : String(x);
  return pyRepr(String(x));
}

/** `print([...])` of strings. */
export function pyStrList(xs: readonly string[]): string {
  return `[${xs.map(pyRepr).join(', ')}]`;
}

/** `print(scope.reuse)`: `True`, `False` or `_ReuseMode.AUTO_REUSE`. */
export function pyReuse(r: unknown): string {
  if (r === true || r === false) return pyBool(r);
  return String(r);
}

/** A `getVariable` result that must be a single variable (not partitioned). */
export function single(v: Variable | PartitionedVariable): Variable {
  assert.ok(v instanceof Variable, `expected a Variable, got ${String(v)}`);
  return v;
}

/** A `getVariable` result that must be partitioned. */
export function partitioned(v: Variable | PartitionedVariable): PartitionedVariable {
  assert.ok(v instanceof PartitionedVariable, `expected a PartitionedVariable, got ${String(v)}`);
  return v;
}

/** `sess.run(v).tolist()` of a variable. */
export function runToList(v: Variable): string {
  return pyValue(v.value.arraySync(), v.dtype.baseDType.isFloating);
}
