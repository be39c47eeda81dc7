/**
 * Assertions shared by every test folder: TF's errors are compared on class, code and message.
 */
import { strict as assert } from 'node:assert';
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
