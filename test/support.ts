/**
 * Helpers shared by every test folder (and the benchmarks): TF's errors compared on class, code
 * and message, and where the project and ../shared are.
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
