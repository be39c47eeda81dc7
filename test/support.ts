/**
 * Helpers shared by every test folder (and the benchmarks): TF's errors compared on class, code
 * and message, where the project and ../shared are, a seeded PRNG, and golden files.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ErrorCode, ScopeLensError } from '../src/core/errors';

type ErrorClass = abstract new (...args: never[]) => ScopeLensError;

/** Asserts `fn` throws a TF error of class `cls` with exactly `message` (and `code`, if given). */
export function throwsTF(
  fn: () => unknown,
  cls: ErrorClass,
  message: string,
  code?: ErrorCode | string,
): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof cls, `expected ${cls.name}, got ${String(e)}`);
    assert.equal((e as ScopeLensError).message, message);
    if (code !== undefined) assert.equal((e as ScopeLensError).code, code);
    return true;
  });
}

/** The first line of an error's message, which is what TF's messages are compared on. */
export function firstLineOf(e: unknown): string {
  return String((e as Error).message).split('\n')[0];
}

/** Runs `fn`, expects it to throw, returns the error. */
export function catchError(fn: () => unknown): Error {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new assert.AssertionError({ message: 'expected an error' });
}

/** The project root: the nearest folder above `from` holding a package.json. */
export function projectRoot(from: string = __dirname): string {
  let dir = path.resolve(from);
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}

/** mulberry32: a small deterministic PRNG (tests must not depend on luck); floats in [0, 1). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `prng` as integers: `rand(n)` is in [0, n). */
export function randomIndex(seed: number): (n: number) => number {
  const next = prng(seed);
  return (n) => Math.floor(next() * n);
}

/**
 * Compares `actual` with the golden file; with `UPDATE_GOLDEN=1` (or when the file is missing)
 * writes it instead. A missing golden fails the test after writing it, so it gets reviewed.
 */
export function checkGolden(actual: string, goldenPath: string, label: string): void {
  if (process.env.UPDATE_GOLDEN === '1' || !fs.existsSync(goldenPath)) {
    fs.writeFileSync(goldenPath, actual);
    if (process.env.UPDATE_GOLDEN !== '1')
      assert.fail(`wrote missing golden ${goldenPath}; review it and re-run`);
    return;
  }
  assert.equal(actual, fs.readFileSync(goldenPath, 'utf8'), `golden mismatch for ${label}`);
}

/**
 * The reference material beside the checkout (`../shared`, or `$SCOPE_LENS_SHARED`): TF 1.15's
 * conformance corpora and real checkpoints. Only the suites under test/shared read it (`npm run
 * test:shared`); `npm test` never does. Throws a clear error when the folder is missing.
 */
export function sharedDir(...parts: string[]): string {
  const base = process.env.SCOPE_LENS_SHARED ?? path.join(projectRoot(), '..', 'shared');
  if (!fs.existsSync(base))
    throw new Error(
      `the reference material is missing: ${base} does not exist (set SCOPE_LENS_SHARED to its folder)`,
    );
  return path.join(base, ...parts);
}
