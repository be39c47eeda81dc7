/**
 * Shared test fixture for engine tests: a fresh default graph per test, and a check that every
 * tensor the test's graph made is disposed by `resetDefaultGraph()`.
 */
import { strict as assert } from 'node:assert';
import * as tf from '@tensorflow/tfjs-core';
import { resetDefaultGraph } from '../../src/index';

export function useFreshGraph(): void {
  let baseline = 0;
  beforeEach(() => {
    resetDefaultGraph();
    baseline = tf.memory().numTensors;
  });
  afterEach(() => {
    resetDefaultGraph();
    assert.equal(tf.memory().numTensors, baseline, 'tensors leaked past resetDefaultGraph()');
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
